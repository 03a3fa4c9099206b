import {
  BookingRequirement,
  ClosureEntity,
  ResourceEntity,
  ResourceStatus,
  ScheduleEntity,
  SessionEntity,
  Visibility,
} from '@app/catalog';
import { OrganizationType } from '@app/organization';
import { ResourceTemplate, TEMPLATES } from './templates';

export interface SeedDistrict {
  id: string;
  town: string;
  center: [number, number];
  halfSize: [number, number];
}

export interface SeedOrganization {
  id: string;
  name: string;
  type: OrganizationType;
}

type Child<E> = Omit<E, 'id' | 'resourceId' | 'resource'>;

export interface GeneratedResource {
  row: Partial<ResourceEntity>;
  themes: string[];
  schedules: Child<ScheduleEntity>[];
  sessions: Child<SessionEntity>[];
  closures: Child<ClosureEntity>[];
}

const DAY = 86_400_000;
const iso = (d: Date) => d.toISOString().slice(0, 10);

/** The next date with this month and day on or after `today`. */
function upcoming(today: Date, month: number, day: number): string {
  const year = today.getUTCFullYear();
  const thisYear = new Date(Date.UTC(year, month - 1, day));
  return iso(thisYear >= today ? thisYear : new Date(Date.UTC(year + 1, month - 1, day)));
}

/**
 * Believable resources from the templates, spread over districts and hosted by organisations
 * of fitting types: every schedule shape, some full, some stale, some paused or closed, some
 * professional-only or private, some with confidential locations. Same seed, same data.
 */
export function generateResources(opts: {
  count: number;
  municipalityId: string;
  districts: SeedDistrict[];
  organizations: SeedOrganization[];
  random: () => number;
  today: Date;
}): GeneratedResource[] {
  const { random, districts, organizations, today } = opts;
  const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)];
  const used = new Set<string>();
  // Organisations of fitting types, found once per template (not once per resource).
  const hostsByTemplate = new Map<ResourceTemplate, SeedOrganization[]>();
  const hostsOf = (t: ResourceTemplate) => {
    let hosts = hostsByTemplate.get(t);
    if (!hosts) {
      const fitting = organizations.filter((o) => t.hosts.includes(o.type));
      hosts = fitting.length ? fitting : organizations;
      hostsByTemplate.set(t, hosts);
    }
    return hosts;
  };
  const validFrom = `${today.getUTCMonth() >= 3 ? today.getUTCFullYear() : today.getUTCFullYear() - 1}-04-01`;
  const newYear = { startsOn: upcoming(today, 12, 29), endsOn: '', reason: '年末年始' };
  newYear.endsOn = `${Number(newYear.startsOn.slice(0, 4)) + 1}-01-03`;
  const out: GeneratedResource[] = [];

  for (let i = 0; i < opts.count; i++) {
    const t = TEMPLATES[i % TEMPLATES.length];
    const district = pick(districts);
    const org = pick(hostsOf(t));
    const shortOrg = org.name.replace(/^(NPO法人|社会福祉法人|株式会社)\s*/, '');
    let name = t.name
      .replace('{town}', district.town.replace(/町$/, ''))
      .replace('{org}', shortOrg);
    // A second listing of the same name is another venue: 「…（東原会場）」, then 「…（東原会場 2）」.
    for (let n = 0; used.has(name); n++) {
      name = `${name.replace(/（[^）]*会場[^）]*）$/, '')}（${district.town}会場${n ? ` ${n + 1}` : ''}）`;
    }
    used.add(name);

    const capacity = t.capacity;
    const full = capacity !== null && i % 9 === 4;
    const seatsTaken =
      capacity === null ? 0 : full ? capacity : Math.floor(random() * capacity * 0.8);
    const stale = i % 11 === 6;
    const verifiedDaysAgo = stale ? 200 + Math.floor(random() * 300) : Math.floor(random() * 120);
    const status =
      i % 37 === 19
        ? ResourceStatus.CLOSED
        : i % 23 === 11
          ? ResourceStatus.PAUSED
          : ResourceStatus.ACTIVE;
    const visibility =
      t.visibility ??
      (i % 13 === 8
        ? Visibility.PROFESSIONAL
        : i % 29 === 15
          ? Visibility.PRIVATE
          : Visibility.PUBLIC);
    const online = t.profile.onlineParticipation && i % 4 === 0;
    const lon = district.center[0] + (random() * 2 - 1) * district.halfSize[0];
    const lat = district.center[1] + (random() * 2 - 1) * district.halfSize[1];

    out.push({
      row: {
        municipalityId: opts.municipalityId,
        organizationId: org.id,
        kind: t.kind,
        name,
        description: t.description,
        details: t.details ?? {},
        contactName: `${shortOrg} 担当窓口`,
        contactPhone: null,
        contactEmail: null,
        status,
        statusNote:
          status === ResourceStatus.PAUSED ? '担い手不足のため休止中（再開予定あり）' : null,
        lastVerifiedAt: new Date(today.getTime() - verifiedDaysAgo * DAY),
        verifiedBy: '地域福祉コーディネーター',
        location: online
          ? null
          : {
              type: 'Point',
              coordinates: [Math.round(lon * 1e6) / 1e6, Math.round(lat * 1e6) / 1e6],
            },
        address: online
          ? null
          : `${district.town}${1 + Math.floor(random() * 4)}丁目${1 + Math.floor(random() * 20)}-${1 + Math.floor(random() * 15)}`,
        areaId: district.id,
        confidentialLocation: t.confidential ?? false,
        onlineOnly: online ?? false,
        capacity,
        seatsTaken,
        hasWaitlist: full && i % 2 === 0,
        booking: t.booking ?? BookingRequirement.NONE,
        typicalMinutes: t.profile.typicalMinutes ?? null,
        minimumMinutes: t.profile.minimumMinutes ?? null,
        canGrowGradually: t.profile.canGrowGradually ?? false,
        mayJustBeThere: t.profile.mayJustBeThere ?? false,
        talkingOptional: t.profile.talkingOptional ?? false,
        observationVisit: t.profile.observationVisit ?? false,
        supporterMayAccompany: t.profile.supporterMayAccompany ?? false,
        groupSize: t.profile.groupSize ?? null,
        physicalDemand: t.profile.physicalDemand ?? null,
        onlineParticipation: t.profile.onlineParticipation ?? false,
        firstTimerFriendly: t.profile.firstTimerFriendly ?? false,
        minAge: t.eligibility?.minAge ?? null,
        maxAge: t.eligibility?.maxAge ?? null,
        residency: t.eligibility?.residency,
        targetGroups: t.eligibility?.targetGroups ?? [],
        targetGroupsSensitive: t.eligibility?.sensitive ?? false,
        feeYen: t.fee?.yen ?? 0,
        feeNote: t.fee?.note ?? null,
        tags: t.tags ?? [],
        visibility,
      },
      themes: t.themes,
      schedules: t.schedules.map((s) => ({
        freq: s.freq,
        interval: s.interval ?? 1,
        weekdays: s.weekdays,
        nth: s.nth ?? null,
        opensAt: s.opensAt,
        closesAt: s.closesAt,
        validFrom,
        validTo: null,
        closedOnHolidays: s.closedOnHolidays ?? true,
        note: s.note,
      })),
      sessions: (t.sessions?.monthDays ?? []).map(([m, d]) => ({
        date: upcoming(today, m, d),
        opensAt: t.sessions!.opensAt,
        closesAt: t.sessions!.closesAt,
        note: t.sessions!.note,
      })),
      closures: t.schedules.length && i % 2 === 0 ? [{ ...newYear }] : [],
    });
  }
  return out;
}
