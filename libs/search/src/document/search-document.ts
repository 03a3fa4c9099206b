import { ResourceKind, ResourceStatus, Visibility } from '@app/catalog';
import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';

const KIND_WORDS: Record<ResourceKind, string> = {
  IBASHO: '居場所',
  VOLUNTEER: 'ボランティア',
  WORK_PLACEMENT: '就労体験',
  PROGRAM: 'プログラム 講座 教室',
};
const WEEKDAY_WORDS = ['', '月曜日', '火曜日', '水曜日', '木曜日', '金曜日', '土曜日', '日曜日'];

/**
 * What an engine may know of a resource. Everything here is safe to match for any viewer the
 * row is visible to: for a confidential place the host's name and the address are left out (they
 * would reveal where it is) and its point is its area's; sensitive target groups are left out.
 */
export interface SearchDocument {
  id: string;
  municipalityId: string;
  kind: ResourceKind;
  status: ResourceStatus;
  visibility: Visibility;
  organizationId: string;
  confidentialLocation: boolean;
  name: string;
  /** Weighted text fields, most telling first. */
  text: { name: string; themes: string; context: string; description: string };
  themeCodes: string[];
  areaIds: string[];
  weekdays: number[];
  /** The point the public may know: the place's, or its area's for a confidential place. */
  point: { lat: number; lng: number } | null;
  feeYen: number;
  hasOpenSeats: boolean;
  lastVerifiedAt: number | null;
  flags: Record<string, boolean>;
}

interface Row {
  id: string;
  municipality_id: string;
  kind: ResourceKind;
  status: ResourceStatus;
  visibility: Visibility;
  organization_id: string;
  confidential_location: boolean;
  name: string;
  description: string | null;
  tasks: string | null;
  tags: string[];
  target_groups: string[];
  target_groups_sensitive: boolean;
  address: string | null;
  organization_name: string;
  area_ids: (string | null)[];
  area_names: (string | null)[];
  lat: number | null;
  lng: number | null;
  fee_yen: number;
  fee_note: string | null;
  has_open_seats: boolean;
  last_verified_at: Date | null;
  themes: { code: string; label: string }[];
  weekdays: number[] | null;
  monthly: boolean;
  flags: Record<string, boolean>;
}

/** Loads search documents in one statement per batch. */
@Injectable()
export class SearchDocumentSource {
  async load(ids: readonly string[], em: EntityManager): Promise<SearchDocument[]> {
    if (!ids.length) return [];
    const rows: Row[] = await em.query(
      `SELECT r.id, r.municipality_id, r.kind, r.status, r.visibility, r.organization_id,
              r.confidential_location, r.name, r.description, r.details->>'tasks' AS tasks,
              r.tags, r.target_groups, r.target_groups_sensitive, r.address,
              o.name AS organization_name,
              ARRAY[a.id, pa.id, ga.id] AS area_ids, ARRAY[a.name, pa.name, ga.name] AS area_names,
              CASE WHEN r.confidential_location THEN ST_Y(a.label_point) ELSE ST_Y(r.location::geometry) END AS lat,
              CASE WHEN r.confidential_location THEN ST_X(a.label_point) ELSE ST_X(r.location::geometry) END AS lng,
              r.fee_yen, r.fee_note,
              (r.capacity IS NULL OR r.seats_taken < r.capacity OR r.has_waitlist) AS has_open_seats,
              r.last_verified_at,
              COALESCE((SELECT json_agg(json_build_object('code', t.code, 'label', t.label) ORDER BY t.sort_order)
                          FROM resource_theme rt JOIN theme t ON t.code = rt.theme_code
                         WHERE rt.resource_id = r.id), '[]') AS themes,
              (SELECT array_agg(DISTINCT w ORDER BY w) FROM (
                  SELECT unnest(s.weekdays)::int AS w FROM resource_schedule s WHERE s.resource_id = r.id
                  UNION SELECT extract(isodow FROM ss.date)::int FROM resource_session ss
                   WHERE ss.resource_id = r.id AND ss.date >= current_date) d) AS weekdays,
              EXISTS (SELECT 1 FROM resource_schedule s WHERE s.resource_id = r.id AND s.freq = 'MONTHLY') AS monthly,
              json_build_object(
                'mayJustBeThere', r.may_just_be_there, 'talkingOptional', r.talking_optional,
                'observationVisit', r.observation_visit, 'supporterMayAccompany', r.supporter_may_accompany,
                'canGrowGradually', r.can_grow_gradually, 'firstTimerFriendly', r.first_timer_friendly,
                'onlineParticipation', r.online_participation) AS flags
         FROM resource r
         JOIN organization o ON o.id = r.organization_id
         LEFT JOIN area a ON a.id = r.area_id
         LEFT JOIN area pa ON pa.id = a.parent_id
         LEFT JOIN area ga ON ga.id = pa.parent_id
        WHERE r.id = ANY($1::uuid[])`,
      [ids],
    );
    return rows.map(toDocument);
  }
}

function toDocument(r: Row): SearchDocument {
  const hidden = r.confidential_location;
  const weekdays = r.weekdays ?? [];
  const schedule = [
    ...weekdays.map((w) => WEEKDAY_WORDS[w]),
    r.monthly ? '毎月' : '',
    r.fee_yen === 0 ? '無料' : '',
  ].join(' ');
  return {
    id: r.id,
    municipalityId: r.municipality_id,
    kind: r.kind,
    status: r.status,
    visibility: r.visibility,
    organizationId: r.organization_id,
    confidentialLocation: r.confidential_location,
    name: r.name,
    text: {
      name: r.name,
      themes: [...r.themes.map((t) => t.label), ...r.tags, KIND_WORDS[r.kind]].join(' '),
      context: [
        hidden ? '' : r.organization_name,
        hidden ? '' : (r.address ?? ''),
        ...r.area_names.filter((n): n is string => !!n),
        schedule,
        r.target_groups_sensitive ? '' : r.target_groups.join(' '),
      ].join(' '),
      description: [r.description ?? '', r.tasks ?? '', r.fee_note ?? ''].join(' '),
    },
    themeCodes: r.themes.map((t) => t.code),
    areaIds: r.area_ids.filter((id): id is string => !!id),
    weekdays,
    point: r.lat === null || r.lng === null ? null : { lat: Number(r.lat), lng: Number(r.lng) },
    feeYen: r.fee_yen,
    hasOpenSeats: r.has_open_seats,
    lastVerifiedAt: r.last_verified_at ? new Date(r.last_verified_at).getTime() : null,
    flags: r.flags,
  };
}
