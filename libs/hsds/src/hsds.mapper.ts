import { createHash } from 'node:crypto';

/**
 * Our catalogue as Open Referral HSDS 3.0 objects (https://docs.openreferral.org). Pure functions
 * over rows the repository reads; what a row may not show (a confidential place's point and
 * host) is already left out there. HSDS has no nulls: absent values are left out.
 */

/** A stable UUID (version 5, RFC 9562) for objects HSDS has and we do not store apart. */
export function stableId(name: string): string {
  const hash = createHash('sha1').update(`tsunagu:hsds:${name}`).digest();
  hash[6] = (hash[6] & 0x0f) | 0x50;
  hash[8] = (hash[8] & 0x3f) | 0x80;
  const hex = hash.subarray(0, 16).toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

/** Drops null and undefined values (HSDS fields are never null). */
function compact<T extends object>(o: T): T {
  return Object.fromEntries(
    Object.entries(o).filter(([, v]) => v !== null && v !== undefined),
  ) as T;
}

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
const URL = /^https?:\/\/\S+$/;
const email = (v: string | null) => (v && EMAIL.test(v) ? v : null);
const url = (v: string | null) => (v && URL.test(v) ? v : null);

export const THEME_TAXONOMY = {
  id: stableId('taxonomy:theme'),
  name: 'つなぐ 活動テーマ',
  description:
    'What a place or activity is about (農作業, 料理, 読書…): the platform’s theme list.',
  version: '1',
};
export const PACE_TAXONOMY = {
  id: stableId('taxonomy:pace'),
  name: 'つなぐ 参加のしやすさ',
  description:
    'How a place lets a person take part at their own pace (participation support, 参加支援): gentle first steps, group size and physical demand.',
  version: '1',
};

export const KIND_TAXONOMY = {
  id: stableId('taxonomy:kind'),
  name: 'つなぐ 種類',
  description:
    'What kind of listing it is: a place to belong (居場所), volunteering, a work placement or a program.',
  version: '1',
};

/** Our listing kinds, each an HSDS taxonomy term (every service has exactly one). */
export const KIND_TERMS = [
  ['IBASHO', '居場所', 'A place to belong: drop-in places, salons, 子ども食堂, family groups.'],
  ['VOLUNTEER', 'ボランティア', 'Volunteer activities and their slots.'],
  [
    'WORK_PLACEMENT',
    '就労体験',
    'Work experience, short hours and intermediate work (中間的就労).',
  ],
  ['PROGRAM', 'プログラム', 'NPO programs, courses, consultation days.'],
] as const;
export type KindCode = (typeof KIND_TERMS)[number][0];

/** Our pace attributes, each an HSDS taxonomy term; `value` says how the listing stands. */
export const PACE_TERMS = [
  ['may_just_be_there', 'いるだけでも大丈夫', 'One may just be there, without a task.'],
  ['observation_visit', '見学だけでも可', 'A first visit to look only is welcome.'],
  ['can_grow_gradually', '少しずつ時間を増やせる', 'Time can grow little by little.'],
  ['talking_optional', '話さなくても大丈夫', 'Talking is not required.'],
  ['supporter_may_accompany', '支援者と一緒に行ける', 'A supporter may come along.'],
  ['first_timer_friendly', '初めての人も歓迎', 'First-timers are welcome.'],
  ['online_participation', 'オンラインで参加できる', 'One can take part online.'],
] as const;
export type PaceFlag = (typeof PACE_TERMS)[number][0];

export function termOf(
  t: { id: string; code: string; name: string; description: string },
  taxonomy: typeof THEME_TAXONOMY,
) {
  return {
    id: t.id,
    code: t.code,
    name: t.name,
    description: t.description,
    taxonomy: taxonomy.name,
    taxonomy_id: taxonomy.id,
    language: 'ja',
  };
}

export const paceTerms = () =>
  PACE_TERMS.map(([code, name, description]) =>
    termOf({ id: stableId(`pace:${code}`), code, name, description }, PACE_TAXONOMY),
  );
export const kindTerms = () =>
  KIND_TERMS.map(([code, name, description]) =>
    termOf({ id: stableId(`kind:${code}`), code, name, description }, KIND_TAXONOMY),
  );
export const themeTerm = (t: { code: string; label: string }) =>
  termOf(
    { id: stableId(`theme:${t.code}`), code: t.code, name: t.label, description: t.label },
    THEME_TAXONOMY,
  );

export interface OrganizationRow {
  id: string;
  name: string;
  name_kana: string | null;
  description: string | null;
  email: string | null;
  website: string | null;
  phone: string | null;
}

export function organizationOf(o: OrganizationRow) {
  return compact({
    id: o.id,
    name: o.name,
    alternate_name: o.name_kana,
    description: o.description ?? '',
    email: email(o.email),
    website: url(o.website),
    phones: o.phone
      ? [{ id: stableId(`organization-phone:${o.id}`), organization_id: o.id, number: o.phone }]
      : null,
  });
}

export interface ScheduleRow {
  id: string;
  freq: 'WEEKLY' | 'MONTHLY';
  interval: number;
  weekdays: number[];
  nth: number[] | null;
  opens_at: string;
  closes_at: string;
  valid_from: string;
  valid_to: string | null;
  note: string | null;
}

/** RFC 5545 weekday codes by ISO weekday (1 = Monday), as HSDS `byday` writes them. */
export const HSDS_DAYS = ['', 'MO', 'TU', 'WE', 'TH', 'FR', 'SA', 'SU'] as const;
const hhmm = (t: string) => `${t.slice(0, 5)}+09:00`;

export function scheduleOf(s: ScheduleRow, serviceId: string) {
  const byday =
    s.freq === 'MONTHLY' && s.nth?.length
      ? s.nth.flatMap((n) => s.weekdays.map((d) => `${n}${HSDS_DAYS[d]}`)).join(',')
      : s.weekdays.map((d) => HSDS_DAYS[d]).join(',');
  return compact({
    id: s.id,
    service_id: serviceId,
    valid_from: s.valid_from,
    valid_to: s.valid_to,
    timezone: 9,
    wkst: 'MO',
    freq: s.freq,
    interval: s.interval,
    byday,
    opens_at: hhmm(s.opens_at),
    closes_at: hhmm(s.closes_at),
    description: s.note,
  });
}

export interface ServiceRow {
  id: string;
  kind: KindCode;
  name: string;
  description: string | null;
  status: 'ACTIVE' | 'PAUSED';
  organization_id: string;
  /** The host, unless the place is confidential (its host would reveal where it is). */
  host_visible: boolean;
  online: boolean;
  online_only: boolean;
  contact_email: string | null;
  contact_phone: string | null;
  fee_yen: number;
  fee_note: string | null;
  min_age: number | null;
  max_age: number | null;
  residency: string;
  updated_at: Date;
  /** The point the public may know: the area's for a confidential place. */
  lon: number | null;
  lat: number | null;
  /** The address, never for a confidential place. */
  address: string | null;
  area_name: string | null;
  themes: { code: string; label: string }[] | null;
  schedules: ScheduleRow[] | null;
  flags: Record<PaceFlag, boolean>;
}

const RESIDENCY: Record<string, string | null> = {
  ANYONE: null,
  RESIDENTS_ONLY: '市内に住んでいる人が対象',
  RESIDENTS_OR_WORKERS: '市内に住んでいる人・通勤通学している人が対象',
};

/**
 * The service's one location: where the public may know it is, or online. A listing has one
 * place, so its location and its service-at-location share the listing's id (ids are unique per
 * HSDS table).
 */
export function locationOf(r: ServiceRow) {
  const online = r.online_only || (r.lat === null && r.online);
  return compact({
    id: r.id,
    location_type: online ? 'virtual' : 'physical',
    organization_id: r.host_visible ? r.organization_id : null,
    name: r.host_visible ? r.name : (r.area_name ?? r.name),
    description: r.host_visible
      ? r.address
      : `${r.area_name ?? ''}周辺（詳しい場所は公開していません）`,
    latitude: online ? null : r.lat,
    longitude: online ? null : r.lon,
  });
}

export function attributesOf(r: ServiceRow) {
  const kind = kindTerms().find((t) => t.code === r.kind)!;
  const themes = (r.themes ?? []).map((t) => {
    const term = themeTerm(t);
    return {
      id: stableId(`attribute:${r.id}:theme:${t.code}`),
      link_id: r.id,
      link_type: 'service',
      link_entity: 'service',
      taxonomy_term_id: term.id,
      value: t.label,
      taxonomy_term: term,
    };
  });
  const pace = paceTerms()
    .filter((t) => r.flags[t.code as PaceFlag])
    .map((term) => ({
      id: stableId(`attribute:${r.id}:pace:${term.code}`),
      link_id: r.id,
      link_type: 'service',
      link_entity: 'service',
      taxonomy_term_id: term.id,
      value: 'true',
      taxonomy_term: term,
    }));
  return [
    {
      id: stableId(`attribute:${r.id}:kind`),
      link_id: r.id,
      link_type: 'service',
      link_entity: 'service',
      taxonomy_term_id: kind.id,
      value: kind.name,
      taxonomy_term: kind,
    },
    ...themes,
    ...pace,
  ];
}

export function serviceOf(r: ServiceRow, full = false) {
  const location = locationOf(r);
  return compact({
    id: r.id,
    organization_id: r.host_visible ? r.organization_id : null,
    name: r.name,
    description: r.description,
    email: email(r.contact_email),
    status: r.status === 'ACTIVE' ? 'active' : 'temporarily closed',
    fees_description: r.fee_note ?? (r.fee_yen === 0 ? '無料' : `${r.fee_yen}円`),
    eligibility_description: RESIDENCY[r.residency] ?? null,
    minimum_age: r.min_age,
    maximum_age: r.max_age,
    last_modified: r.updated_at.toISOString(),
    phones: r.contact_phone
      ? [{ id: stableId(`service-phone:${r.id}`), service_id: r.id, number: r.contact_phone }]
      : null,
    schedules: (r.schedules ?? []).map((s) => scheduleOf(s, r.id)),
    cost_options: [
      {
        id: stableId(`cost:${r.id}`),
        service_id: r.id,
        currency: 'JPY',
        amount: r.fee_yen,
        amount_description: r.fee_note ?? undefined,
      },
    ].map(compact),
    languages: [{ id: stableId(`language:${r.id}`), service_id: r.id, name: '日本語', code: 'ja' }],
    attributes: attributesOf(r),
    service_at_locations: full
      ? [{ id: r.id, service_id: r.id, location_id: location.id, location }]
      : null,
  });
}

export function serviceAtLocationOf(r: ServiceRow, full = false) {
  const location = locationOf(r);
  return compact({
    id: r.id,
    service_id: r.id,
    location_id: location.id,
    location,
    service: full ? serviceOf(r) : null,
  });
}
