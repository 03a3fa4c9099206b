import { ResourceKind, ResourceStatus } from '@app/catalog';
import { HSDS_DAYS, KIND_TAXONOMY, PACE_TAXONOMY, THEME_TAXONOMY } from '@app/hsds';
import { parse } from 'csv-parse/sync';
import { strFromU8, unzipSync } from 'fflate';
import {
  CatalogRecord,
  cellsOf,
  EXPORTED_COLUMNS,
  emptyRecord,
  SheetContext,
} from './catalog-sheet';
import { RuleParts } from './schedule-text';
import { Sheet, SheetError } from './sheet-reader';

/** The parts of HSDS 3.0 objects the import reads; another system may leave any of them out. */
interface HsdsTerm {
  id?: string;
  code?: string;
  taxonomy_id?: string;
}
interface HsdsAttribute {
  link_id?: string;
  taxonomy_term_id?: string;
  taxonomy_term?: HsdsTerm;
  value?: string;
}
interface HsdsAddress {
  address_1?: string;
  address_2?: string;
  city?: string;
  state_province?: string;
}
interface HsdsLocation {
  id?: string;
  name?: string;
  description?: string;
  location_type?: string;
  latitude?: number | string;
  longitude?: number | string;
  addresses?: HsdsAddress[];
}
interface HsdsSchedule {
  service_id?: string;
  freq?: string;
  interval?: number | string;
  byday?: string;
  opens_at?: string;
  closes_at?: string;
  valid_from?: string;
  valid_to?: string;
  description?: string;
}
interface HsdsService {
  id?: string;
  name?: string;
  description?: string;
  status?: string;
  email?: string;
  fees_description?: string;
  minimum_age?: number | string;
  maximum_age?: number | string;
  organization_id?: string;
  organization?: { name?: string };
  service_at_locations?: { location_id?: string; service_id?: string; location?: HsdsLocation }[];
  schedules?: HsdsSchedule[];
  phones?: { service_id?: string; number?: string }[];
  cost_options?: { service_id?: string; amount?: number | string; amount_description?: string }[];
  attributes?: HsdsAttribute[];
}
interface HsdsOrganization {
  id?: string;
  name?: string;
}

/** A text field, or null when absent or empty. */
const text = (v: unknown): string | null =>
  (typeof v === 'string' && v !== '') || typeof v === 'number' ? String(v) : null;
const numberOf = (v: unknown): number | null => {
  const n = text(v) === null ? NaN : Number(v);
  return Number.isFinite(n) ? n : null;
};

/** Our pace terms (HSDS attribute codes) and the record fields they stand for. */
const PACE_FIELDS = {
  may_just_be_there: 'mayJustBeThere',
  observation_visit: 'observationVisit',
  can_grow_gradually: 'canGrowGradually',
  talking_optional: 'talkingOptional',
  supporter_may_accompany: 'supporterMayAccompany',
  first_timer_friendly: 'firstTimerFriendly',
  online_participation: 'onlineParticipation',
} as const;
/** ISO weekday (1 = Monday) by HSDS `byday` code. */
const DAYS: Record<string, number> = Object.fromEntries(HSDS_DAYS.map((code, iso) => [code, iso]));

/** Whether the bytes are an HSDS package: JSON, or a zip with hsds.json or services.csv. */
export function isHsdsPackage(bytes: Buffer): boolean {
  const start = bytes
    .subarray(0, 64)
    .toString('utf8')
    .replace(/^\uFEFF/, '')
    .trimStart();
  if (start.startsWith('{') || start.startsWith('[')) return true;
  if (bytes[0] !== 0x50 || bytes[1] !== 0x4b) return false;
  try {
    const found = unzipSync(bytes, {
      filter: (f) => f.name === 'hsds.json' || f.name === 'services.csv',
    });
    return Object.keys(found).length > 0;
  } catch {
    return false;
  }
}

/**
 * An Open Referral HSDS 3.0 package from another system (or ours) as the rows of our catalogue
 * spreadsheet, so that one import reads both: the JSON form (`{ services: [...] }` with services
 * fully nested, or a list of services), or the tabular form (a zip of CSV tables and
 * datapackage.json). Kinds, themes and pace come from our own taxonomies when the package has them.
 */
export function hsdsSheet(bytes: Buffer, ctx: SheetContext): Sheet {
  const { format, services, organizations } = packageOf(bytes);
  const names = new Map(organizations.map((o) => [String(o.id), String(o.name ?? '')]));
  const ours = services.some((s) =>
    (s.attributes ?? []).some((a) => a.taxonomy_term?.taxonomy_id === PACE_TAXONOMY.id),
  );
  const columns = EXPORTED_COLUMNS.filter((c) =>
    [
      'externalId',
      'organizationName',
      'name',
      'kind',
      'status',
      'description',
      'address',
      'latitude',
      'longitude',
      'scheduleText',
      'feeYen',
      'contactPhone',
      'contactEmail',
      'minAge',
      'themes',
      ...(ours ? Object.values(PACE_FIELDS) : []),
    ].includes(c.key),
  );
  const rows = services.map((service, i) => {
    const { record, kindKnown } = recordOf(service, names, ctx.today);
    const cells = cellsOf(record, ctx);
    // No kind of ours: the import's default kind, or the row is refused asking for one.
    if (!kindKnown) cells['種類'] = '';
    return { line: i + 1, cells: columns.map((c) => cells[c.header]) };
  });
  return { format, headerLine: 0, headers: columns.map((c) => c.header), rows };
}

interface HsdsPackage {
  format: string;
  services: HsdsService[];
  organizations: HsdsOrganization[];
}

function packageOf(bytes: Buffer): HsdsPackage {
  if (bytes[0] !== 0x50 || bytes[1] !== 0x4b)
    return fromJson(bytes.toString('utf8').replace(/^\uFEFF/, ''), 'HSDS 3.0 (JSON)');
  const files = unzipSync(bytes);
  if (files['hsds.json']) return fromJson(strFromU8(files['hsds.json']), 'HSDS 3.0 (zip, JSON)');
  // The tabular form: one CSV per table, joined back into nested services.
  const table = <T>(name: string): T[] =>
    files[`${name}.csv`]
      ? parse<T>(strFromU8(files[`${name}.csv`]), {
          columns: true,
          bom: true,
          skip_empty_lines: true,
        })
      : [];
  const byKey = <T>(rows: T[], key: (row: T) => string | undefined) => {
    const grouped = new Map<string, T[]>();
    for (const r of rows) {
      const k = key(r) ?? '';
      grouped.set(k, [...(grouped.get(k) ?? []), r]);
    }
    return grouped;
  };
  const locations = new Map(table<HsdsLocation>('locations').map((l) => [l.id, l]));
  const terms = new Map(table<HsdsTerm>('taxonomy_terms').map((t) => [t.id, t]));
  const at = byKey(
    table<{ service_id?: string; location_id?: string }>('service_at_locations'),
    (x) => x.service_id,
  );
  const schedules = byKey(table<HsdsSchedule>('schedules'), (x) => x.service_id);
  const phones = byKey(
    table<{ service_id?: string; number?: string }>('phones'),
    (x) => x.service_id,
  );
  const costs = byKey(
    table<{ service_id?: string; amount?: string }>('cost_options'),
    (x) => x.service_id,
  );
  const attributes = byKey(
    table<HsdsAttribute>('attributes').map((a) => ({
      ...a,
      taxonomy_term: terms.get(a.taxonomy_term_id),
    })),
    (a) => a.link_id,
  );
  const services = table<HsdsService>('services').map((s): HsdsService => ({
    ...s,
    service_at_locations: (at.get(s.id ?? '') ?? []).map((x) => ({
      ...x,
      location: locations.get(x.location_id),
    })),
    schedules: schedules.get(s.id ?? '') ?? [],
    phones: phones.get(s.id ?? '') ?? [],
    cost_options: costs.get(s.id ?? '') ?? [],
    attributes: attributes.get(s.id ?? '') ?? [],
  }));
  if (!services.length) throw new SheetError('HSDSのパッケージに services.csv がありません');
  return {
    format: 'HSDS 3.0 (zip, CSV)',
    services,
    organizations: table<HsdsOrganization>('organizations'),
  };
}

function fromJson(json: string, format: string): HsdsPackage {
  let data: unknown;
  try {
    data = JSON.parse(json);
  } catch (e) {
    throw new SheetError(`JSONとして読めません: ${(e as Error).message}`);
  }
  // Our export ({ services, organizations }), an API page ({ contents }), or a bare list.
  const doc = (Array.isArray(data) ? { services: data } : (data ?? {})) as {
    services?: unknown;
    contents?: unknown;
    organizations?: unknown;
  };
  const list = Array.isArray(doc.services)
    ? doc.services
    : Array.isArray(doc.contents)
      ? doc.contents
      : [];
  if (!list.length) throw new SheetError('HSDSのサービス（services）が見つかりません');
  return {
    format,
    services: list as HsdsService[],
    organizations: (Array.isArray(doc.organizations)
      ? doc.organizations
      : []) as HsdsOrganization[],
  };
}

function recordOf(
  s: HsdsService,
  organizations: Map<string, string>,
  today: string,
): { record: CatalogRecord; kindKnown: boolean } {
  const r = emptyRecord();
  const location: HsdsLocation = s.service_at_locations?.[0]?.location ?? {};
  const address = location.addresses?.[0];
  r.externalId = text(s.id);
  r.name = text(s.name) ?? '';
  r.organizationName =
    text(s.organization?.name) ?? organizations.get(String(s.organization_id)) ?? '';
  r.description = text(s.description);
  r.status =
    !s.status || s.status === 'active'
      ? ResourceStatus.ACTIVE
      : s.status === 'inactive' || s.status === 'defunct'
        ? ResourceStatus.CLOSED
        : ResourceStatus.PAUSED;
  r.address = address
    ? [address.state_province, address.city, address.address_1, address.address_2]
        .filter(Boolean)
        .join('')
    : text(location.description);
  const latitude = numberOf(location.latitude);
  const longitude = numberOf(location.longitude);
  if (latitude !== null && longitude !== null) r.location = { latitude, longitude };
  r.onlineOnly = location.location_type === 'virtual';
  for (const x of s.schedules ?? []) {
    const rule = ruleOf(x, today);
    // A rule valid on one day alone is a one-off day.
    if (
      rule &&
      rule.validTo === rule.validFrom &&
      rule.freq === 'WEEKLY' &&
      rule.weekdays.length === 1
    )
      r.sessions.push({
        date: rule.validFrom,
        opensAt: rule.opensAt,
        closesAt: rule.closesAt,
        note: rule.note,
      });
    else if (rule) r.schedules.push(rule);
  }
  const cost = s.cost_options?.[0];
  const amount = numberOf(cost?.amount);
  if (amount !== null) {
    r.feeYen = Math.max(0, Math.round(amount));
    r.feeNote = text(cost?.amount_description);
  } else r.feeNote = text(s.fees_description);
  r.contactPhone = text(s.phones?.[0]?.number);
  r.contactEmail = text(s.email);
  r.minAge = numberOf(s.minimum_age);
  r.maxAge = numberOf(s.maximum_age);
  let kindKnown = false;
  for (const a of s.attributes ?? []) {
    const term = a.taxonomy_term;
    const code = term?.code ?? '';
    if (term?.taxonomy_id === KIND_TAXONOMY.id && code in ResourceKind) {
      r.kind = code as ResourceKind;
      kindKnown = true;
    } else if (term?.taxonomy_id === THEME_TAXONOMY.id) r.themes.push(code);
    else if (term?.taxonomy_id === PACE_TAXONOMY.id && code in PACE_FIELDS && a.value !== 'false')
      r[PACE_FIELDS[code as keyof typeof PACE_FIELDS]] = true;
  }
  return { record: r, kindKnown };
}

/** An HSDS schedule as our rule: WEEKLY or MONTHLY with byday (TU, 1SA, -1FR); others are left out. */
function ruleOf(s: HsdsSchedule, today: string): RuleParts | null {
  const freq = String(s.freq ?? '').toUpperCase();
  if ((freq !== 'WEEKLY' && freq !== 'MONTHLY') || !s.byday || !s.opens_at || !s.closes_at)
    return null;
  const days = s.byday
    .split(',')
    .map((d) => /^(-?\d)?([A-Z]{2})$/.exec(d.trim().toUpperCase()))
    .filter((m): m is RegExpExecArray => m !== null && m[2] in DAYS);
  if (!days.length) return null;
  const nth = [...new Set(days.flatMap((m) => (m[1] ? [Number(m[1])] : [])))];
  return {
    freq,
    interval: numberOf(s.interval) ?? 1,
    weekdays: [...new Set(days.map((m) => DAYS[m[2]]))].sort((a, b) => a - b),
    nth: freq === 'MONTHLY' ? nth : null,
    opensAt: s.opens_at.slice(0, 5),
    closesAt: s.closes_at.slice(0, 5),
    validFrom: text(s.valid_from)?.slice(0, 10) ?? today,
    validTo: text(s.valid_to)?.slice(0, 10) ?? null,
    closedOnHolidays: true,
    note: text(s.description),
  };
}
