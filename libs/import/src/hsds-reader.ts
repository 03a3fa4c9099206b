import { ResourceKind, ResourceStatus } from '@app/catalog';
import { KIND_TAXONOMY, PACE_TAXONOMY, THEME_TAXONOMY } from '@app/hsds';
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

/* eslint-disable @typescript-eslint/no-explicit-any -- HSDS documents from other systems are read defensively, field by field. */
type Json = Record<string, any>;

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
const DAYS: Record<string, number> = { MO: 1, TU: 2, WE: 3, TH: 4, FR: 5, SA: 6, SU: 7 };

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
    (s.attributes ?? []).some((a: Json) => termOf(a)?.taxonomy_id === PACE_TAXONOMY.id),
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

function packageOf(bytes: Buffer): { format: string; services: Json[]; organizations: Json[] } {
  if (bytes[0] === 0x50 && bytes[1] === 0x4b) {
    const files = unzipSync(bytes);
    if (files['hsds.json']) return fromJson(strFromU8(files['hsds.json']), 'HSDS 3.0 (zip, JSON)');
    const table = (name: string): Json[] =>
      files[`${name}.csv`]
        ? (parse(strFromU8(files[`${name}.csv`]), {
            columns: true,
            bom: true,
            skip_empty_lines: true,
          }) as Json[])
        : [];
    const byService = (rows: Json[]) => {
      const grouped = new Map<string, Json[]>();
      for (const r of rows) grouped.set(r.service_id, [...(grouped.get(r.service_id) ?? []), r]);
      return grouped;
    };
    const locations = new Map(table('locations').map((l) => [l.id, l]));
    const terms = new Map(table('taxonomy_terms').map((t) => [t.id, t]));
    const at = byService(table('service_at_locations'));
    const schedules = byService(table('schedules'));
    const phones = byService(table('phones'));
    const costs = byService(table('cost_options'));
    const attributes = new Map<string, Json[]>();
    for (const a of table('attributes'))
      attributes.set(a.link_id, [
        ...(attributes.get(a.link_id) ?? []),
        { ...a, taxonomy_term: terms.get(a.taxonomy_term_id) },
      ]);
    const services = table('services').map((s) => ({
      ...s,
      service_at_locations: (at.get(s.id) ?? []).map((x) => ({
        ...x,
        location: locations.get(x.location_id),
      })),
      schedules: schedules.get(s.id) ?? [],
      phones: phones.get(s.id) ?? [],
      cost_options: costs.get(s.id) ?? [],
      attributes: attributes.get(s.id) ?? [],
    }));
    if (!services.length) throw new SheetError('HSDSのパッケージに services.csv がありません');
    return { format: 'HSDS 3.0 (zip, CSV)', services, organizations: table('organizations') };
  }
  return fromJson(bytes.toString('utf8').replace(/^\uFEFF/, ''), 'HSDS 3.0 (JSON)');
}

function fromJson(text: string, format: string) {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (e) {
    throw new SheetError(`JSONとして読めません: ${(e as Error).message}`);
  }
  const doc = data as Json;
  const services: Json[] = Array.isArray(doc)
    ? doc
    : Array.isArray(doc.services)
      ? doc.services
      : Array.isArray(doc.contents)
        ? doc.contents
        : [];
  if (!services.length) throw new SheetError('HSDSのサービス（services）が見つかりません');
  return {
    format,
    services,
    organizations: Array.isArray(doc.organizations) ? (doc.organizations as Json[]) : [],
  };
}

const termOf = (a: Json): Json | undefined => a.taxonomy_term ?? undefined;

function recordOf(
  s: Json,
  organizations: Map<string, string>,
  today: string,
): { record: CatalogRecord; kindKnown: boolean } {
  const r = emptyRecord();
  const location: Json = (s.service_at_locations ?? [])[0]?.location ?? {};
  const address: Json | undefined = (location.addresses ?? [])[0];
  r.externalId = s.id ? String(s.id) : null;
  r.name = String(s.name ?? '');
  r.organizationName = s.organization?.name ?? organizations.get(String(s.organization_id)) ?? '';
  r.description = s.description || null;
  r.status =
    s.status === 'active' || !s.status
      ? ResourceStatus.ACTIVE
      : s.status === 'inactive' || s.status === 'defunct'
        ? ResourceStatus.CLOSED
        : ResourceStatus.PAUSED;
  r.address = address
    ? [address.state_province, address.city, address.address_1, address.address_2]
        .filter(Boolean)
        .join('')
    : location.description || null;
  const latitude = Number(location.latitude);
  const longitude = Number(location.longitude);
  if (
    location.latitude !== undefined &&
    location.latitude !== '' &&
    Number.isFinite(latitude) &&
    Number.isFinite(longitude)
  )
    r.location = { latitude, longitude };
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
  const cost = (s.cost_options ?? [])[0];
  if (cost && cost.amount !== undefined && cost.amount !== '') {
    r.feeYen = Math.max(0, Math.round(Number(cost.amount)) || 0);
    r.feeNote = cost.amount_description || null;
  } else if (s.fees_description) {
    r.feeNote = s.fees_description;
  }
  r.contactPhone = (s.phones ?? [])[0]?.number ?? null;
  r.contactEmail = s.email || null;
  r.minAge = s.minimum_age !== undefined && s.minimum_age !== '' ? Number(s.minimum_age) : null;
  r.maxAge = s.maximum_age !== undefined && s.maximum_age !== '' ? Number(s.maximum_age) : null;
  for (const a of s.attributes ?? []) {
    const term = termOf(a);
    if (!term) continue;
    if (term.taxonomy_id === KIND_TAXONOMY.id && term.code in ResourceKind)
      r.kind = term.code as ResourceKind;
    else if (term.taxonomy_id === THEME_TAXONOMY.id) r.themes.push(String(term.code));
    else if (
      term.taxonomy_id === PACE_TAXONOMY.id &&
      term.code in PACE_FIELDS &&
      a.value !== 'false'
    )
      (r as unknown as Record<string, boolean>)[
        PACE_FIELDS[term.code as keyof typeof PACE_FIELDS]
      ] = true;
  }
  const kindKnown = (s.attributes ?? []).some(
    (a: Json) => termOf(a)?.taxonomy_id === KIND_TAXONOMY.id,
  );
  return { record: r, kindKnown };
}

/** An HSDS schedule as our rule: WEEKLY or MONTHLY with byday (TU, 1SA, -1FR); others are left out. */
function ruleOf(s: Json, today: string): RuleParts | null {
  const freq = String(s.freq ?? '').toUpperCase();
  if ((freq !== 'WEEKLY' && freq !== 'MONTHLY') || !s.byday || !s.opens_at || !s.closes_at)
    return null;
  const days = String(s.byday)
    .split(',')
    .map((d) => /^(-?\d)?([A-Z]{2})$/.exec(d.trim().toUpperCase()))
    .filter((m): m is RegExpExecArray => m !== null && m[2] in DAYS);
  if (!days.length) return null;
  const nth = [...new Set(days.flatMap((m) => (m[1] ? [Number(m[1])] : [])))];
  return {
    freq,
    interval: Number(s.interval) || 1,
    weekdays: [...new Set(days.map((m) => DAYS[m[2]]))].sort((a, b) => a - b),
    nth: freq === 'MONTHLY' ? nth : null,
    opensAt: String(s.opens_at).slice(0, 5),
    closesAt: String(s.closes_at).slice(0, 5),
    validFrom: s.valid_from ? String(s.valid_from).slice(0, 10) : today,
    validTo: s.valid_to ? String(s.valid_to).slice(0, 10) : null,
    closedOnHolidays: true,
    note: s.description || null,
  };
}
