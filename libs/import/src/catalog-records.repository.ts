import {
  BookingRequirement,
  GroupSize,
  PhysicalDemand,
  Residency,
  ResourceKind,
  ResourceStatus,
  ToConfirm,
  Visibility,
} from '@app/catalog';
import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { CatalogRecord } from './catalog-sheet';
import { RuleParts } from './schedule-text';

interface ResourceRow {
  id: string;
  external_id: string | null;
  organization_name: string;
  name: string;
  kind: ResourceKind;
  status: ResourceStatus;
  status_note: string | null;
  visibility: Visibility;
  description: string | null;
  address: string | null;
  area_name: string | null;
  latitude: number | null;
  longitude: number | null;
  to_confirm: ToConfirm[];
  confidential_location: boolean;
  online_only: boolean;
  schedule_text: string | null;
  capacity: number | null;
  has_waitlist: boolean;
  booking: BookingRequirement;
  typical_minutes: number | null;
  minimum_minutes: number | null;
  can_grow_gradually: boolean;
  may_just_be_there: boolean;
  talking_optional: boolean;
  observation_visit: boolean;
  supporter_may_accompany: boolean;
  online_participation: boolean;
  first_timer_friendly: boolean;
  group_size: GroupSize | null;
  physical_demand: PhysicalDemand | null;
  min_age: number | null;
  max_age: number | null;
  residency: Residency;
  target_groups: string[];
  target_groups_sensitive: boolean;
  fee_yen: number;
  fee_note: string | null;
  contact_name: string | null;
  contact_phone: string | null;
  contact_email: string | null;
  tags: string[];
  details: Record<string, unknown>;
  last_verified_on: string | null;
}

const detail = <T>(d: Record<string, unknown>, key: string) => (d[key] ?? null) as T | null;

/**
 * The catalogue as spreadsheet records: every listing of a municipality (or the ones asked for)
 * with its host's name, its area's name, its rules, days, closures and themes, in five statements.
 */
@Injectable()
export class CatalogRecordsRepository {
  constructor(private readonly dataSource: DataSource) {}

  /** Only the listings of the visibilities given (what the viewer may see). */
  async records(
    municipalityId: string,
    visibilities: readonly Visibility[],
    ids: readonly string[] | null,
    em: EntityManager = this.dataSource.manager,
  ): Promise<Map<string, CatalogRecord>> {
    const rows = await em.query<ResourceRow[]>(
      `SELECT r.id, l.external_id, o.name AS organization_name, r.name, r.kind, r.status, r.status_note, r.visibility,
              r.description, r.address, a.name AS area_name,
              ST_Y(r.location::geometry) AS latitude, ST_X(r.location::geometry) AS longitude,
              r.to_confirm, r.confidential_location, r.online_only, r.schedule_text, r.capacity,
              r.has_waitlist, r.booking, r.typical_minutes, r.minimum_minutes, r.can_grow_gradually,
              r.may_just_be_there, r.talking_optional, r.observation_visit,
              r.supporter_may_accompany, r.online_participation, r.first_timer_friendly,
              r.group_size, r.physical_demand, r.min_age, r.max_age, r.residency, r.target_groups,
              r.target_groups_sensitive, r.fee_yen, r.fee_note, r.contact_name, r.contact_phone,
              r.contact_email, r.tags, r.details,
              to_char(r.last_verified_at AT TIME ZONE 'Asia/Tokyo', 'YYYY-MM-DD') AS last_verified_on
         FROM resource r
         JOIN organization o ON o.id = r.organization_id
         LEFT JOIN area a ON a.id = r.area_id
         LEFT JOIN import_link l ON l.resource_id = r.id
        WHERE r.municipality_id = $1 AND ($2::uuid[] IS NULL OR r.id = ANY($2))
          AND r.visibility::text = ANY($3)
        ORDER BY r.name, r.id`,
      [municipalityId, ids, visibilities],
    );
    const idList = rows.map((r) => r.id);
    const byResource = async <T extends { resource_id: string }>(sql: string) => {
      const found = new Map<string, T[]>();
      for (const row of await em.query<T[]>(sql, [idList]))
        found.set(row.resource_id, [...(found.get(row.resource_id) ?? []), row]);
      return found;
    };
    // One after another: on the embedded database a request has a single connection.
    const schedules = await byResource<RuleRow>(
      `SELECT resource_id, freq, interval, weekdays, nth, to_char(opens_at, 'HH24:MI') AS opens_at,
              to_char(closes_at, 'HH24:MI') AS closes_at, valid_from::text, valid_to::text,
              closed_on_holidays, note
         FROM resource_schedule WHERE resource_id = ANY($1) ORDER BY id`,
    );
    const sessions = await byResource<SessionRow>(
      `SELECT resource_id, date::text, to_char(opens_at, 'HH24:MI') AS opens_at,
              to_char(closes_at, 'HH24:MI') AS closes_at, note
         FROM resource_session WHERE resource_id = ANY($1) ORDER BY date, opens_at`,
    );
    const closures = await byResource<ClosureRow>(
      `SELECT resource_id, starts_on::text, ends_on::text, reason
         FROM resource_closure WHERE resource_id = ANY($1) ORDER BY starts_on`,
    );
    const themes = await byResource<{ resource_id: string; theme_code: string }>(
      `SELECT rt.resource_id, rt.theme_code
         FROM resource_theme rt JOIN theme t ON t.code = rt.theme_code
        WHERE rt.resource_id = ANY($1) ORDER BY t.sort_order`,
    );
    return new Map(
      rows.map((r) => [
        r.id,
        recordOf(r, {
          schedules: (schedules.get(r.id) ?? []).map(ruleOf),
          sessions: (sessions.get(r.id) ?? []).map((s) => ({
            date: s.date,
            opensAt: s.opens_at,
            closesAt: s.closes_at,
            note: s.note,
          })),
          closures: (closures.get(r.id) ?? []).map((c) => ({
            startsOn: c.starts_on,
            endsOn: c.ends_on,
            reason: c.reason,
          })),
          themes: (themes.get(r.id) ?? []).map((t) => t.theme_code),
        }),
      ]),
    );
  }
}

interface SessionRow {
  resource_id: string;
  date: string;
  opens_at: string;
  closes_at: string;
  note: string | null;
}

interface ClosureRow {
  resource_id: string;
  starts_on: string;
  ends_on: string;
  reason: string | null;
}

interface RuleRow {
  resource_id: string;
  freq: 'WEEKLY' | 'MONTHLY';
  interval: number;
  weekdays: number[];
  nth: number[] | null;
  opens_at: string;
  closes_at: string;
  valid_from: string;
  valid_to: string | null;
  closed_on_holidays: boolean;
  note: string | null;
}

const ruleOf = (s: RuleRow): RuleParts => ({
  freq: s.freq,
  interval: s.interval,
  weekdays: s.weekdays,
  nth: s.nth,
  opensAt: s.opens_at,
  closesAt: s.closes_at,
  validFrom: s.valid_from,
  validTo: s.valid_to,
  closedOnHolidays: s.closed_on_holidays,
  note: s.note,
});

function recordOf(
  r: ResourceRow,
  children: Pick<CatalogRecord, 'schedules' | 'sessions' | 'closures' | 'themes'>,
): CatalogRecord {
  const pinned = r.latitude !== null && !r.to_confirm.includes(ToConfirm.PIN_LOCATION);
  return {
    externalId: r.external_id ?? r.id,
    organizationName: r.organization_name,
    name: r.name,
    kind: r.kind,
    status: r.status,
    statusNote: r.status_note,
    visibility: r.visibility,
    description: r.description,
    address: r.address,
    areaName: r.area_name,
    location: pinned ? { latitude: r.latitude!, longitude: r.longitude! } : null,
    confidentialLocation: r.confidential_location,
    onlineOnly: r.online_only,
    scheduleText: r.schedule_text,
    ...children,
    capacity: r.capacity,
    hasWaitlist: r.has_waitlist,
    booking: r.booking,
    typicalMinutes: r.typical_minutes,
    minimumMinutes: r.minimum_minutes,
    canGrowGradually: r.can_grow_gradually,
    mayJustBeThere: r.may_just_be_there,
    talkingOptional: r.talking_optional,
    observationVisit: r.observation_visit,
    supporterMayAccompany: r.supporter_may_accompany,
    onlineParticipation: r.online_participation,
    firstTimerFriendly: r.first_timer_friendly,
    groupSize: r.group_size,
    physicalDemand: r.physical_demand,
    minAge: r.min_age,
    maxAge: r.max_age,
    residency: r.residency,
    targetGroups: r.target_groups,
    targetGroupsSensitive: r.target_groups_sensitive,
    feeYen: r.fee_yen,
    feeNote: r.fee_note,
    contactName: r.contact_name,
    contactPhone: r.contact_phone,
    contactEmail: r.contact_email,
    tags: r.tags,
    dropIn: detail<boolean>(r.details, 'dropIn'),
    mealsServed: detail<boolean>(r.details, 'mealsServed'),
    tasks: detail<string>(r.details, 'tasks'),
    slotsPerSession: detail<number>(r.details, 'slotsPerSession'),
    hourlyWageYen: detail<number>(r.details, 'hourlyWageYen'),
    mayLeadToEmployment: detail<boolean>(r.details, 'mayLeadToEmployment'),
    sessionCount: detail<number>(r.details, 'sessionCount'),
    format: detail<string>(r.details, 'format'),
    lastVerifiedOn: r.last_verified_on,
    toConfirm: r.to_confirm,
  };
}
