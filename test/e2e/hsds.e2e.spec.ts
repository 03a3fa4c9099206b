import Ajv, { ValidateFunction } from 'ajv';
import addFormats from 'ajv-formats';
import { parse } from 'csv-parse/sync';
import { strFromU8, unzipSync } from 'fflate';
import { readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { DataSource } from 'typeorm';
import { DemoApp, startDemoApp } from '../support/demo-app';
import type { TestApp } from '../support/test-app';

/** The HSDS 3.0 schemas as published (../shared/hsds, beside the repository). */
const HSDS = resolve(__dirname, '../../../shared/hsds');

function validators() {
  const read = (path: string) => JSON.parse(readFileSync(join(HSDS, path), 'utf8')) as object;
  // The schemas carry keywords of their own (core, constraints, example…): not strict.
  const ajv = new Ajv({ strict: false, allErrors: true });
  addFormats(ajv);
  for (const file of readdirSync(join(HSDS, 'schema')))
    ajv.addSchema(read(join('schema', file)), file);
  // The compiled schemas are self-contained; each in an instance of its own (they share ids).
  const compiled = (file: string) => {
    const own = new Ajv({ strict: false, allErrors: true });
    addFormats(own);
    return own.compile(read(file));
  };
  return {
    service: compiled('service.json'),
    organization: compiled('organization.json'),
    serviceAtLocation: compiled('service_at_location.json'),
    taxonomy: ajv.getSchema('taxonomy.json')!,
    taxonomyTerm: ajv.getSchema('taxonomy_term.json')!,
  };
}

const valid = (validate: ValidateFunction, object: unknown, what: string) => {
  if (!validate(object))
    throw new Error(`${what} is not valid HSDS: ${JSON.stringify(validate.errors?.slice(0, 3))}`);
};

describe('the HSDS 3.0 API, over the whole demo dataset', () => {
  let demo: DemoApp;
  let ds: DataSource;
  let t: TestApp;
  const schemas = validators();

  beforeAll(async () => {
    demo = await startDemoApp();
    ({ t, ds } = demo);
  });
  afterAll(() => demo?.close());

  const get = async (path: string) => {
    const res = await fetch(`${t.baseUrl}/hsds${path}`);
    return { status: res.status, body: (await res.json()) as Record<string, any> };
  };
  /** Every page of a list, checking the paging fields on the way. */
  const all = async (path: string, perPage = 50) => {
    const items: Record<string, any>[] = [];
    for (let page = 1; ; page++) {
      const { status, body } = await get(
        `${path}${path.includes('?') ? '&' : '?'}page=${page}&per_page=${perPage}`,
      );
      expect(status).toBe(200);
      expect(body).toMatchObject({
        page_number: page,
        size: body.contents.length,
        first_page: page === 1,
      });
      items.push(...body.contents);
      if (body.last_page) {
        expect(items).toHaveLength(body.total_items);
        return items;
      }
    }
  };

  it('answers what it is', async () => {
    expect((await get('/')).body).toMatchObject({ version: '3.0' });
  });

  it('every service, with its locations and attributes, is valid HSDS — public listings only', async () => {
    const services = await all('/services?full=true');
    const [{ count }] = await ds.query<{ count: number }[]>(
      `SELECT count(*)::int AS count FROM resource WHERE visibility = 'PUBLIC' AND status IN ('ACTIVE', 'PAUSED')`,
    );
    expect(services).toHaveLength(count);
    expect(count).toBeGreaterThan(150);
    for (const s of services) valid(schemas.service, s, `service ${s.id}`);
    const one = (await get(`/services/${services[0].id}`)).body;
    valid(schemas.service, one, 'a service by id');
    expect(one.id).toBe(services[0].id);
  });

  it('a confidential place only at its area: no address, no point of its own, no host', async () => {
    const confidential = await ds.query<{ id: string; lon: number; lat: number }[]>(
      `SELECT r.id, ST_X(a.label_point) AS lon, ST_Y(a.label_point) AS lat FROM resource r JOIN area a ON a.id = r.area_id
        WHERE r.confidential_location AND r.visibility = 'PUBLIC' AND r.status = 'ACTIVE'`,
    );
    expect(confidential.length).toBeGreaterThan(0);
    for (const c of confidential) {
      const s = (await get(`/services/${c.id}`)).body;
      expect(s.organization_id).toBeUndefined();
      const location = s.service_at_locations[0].location;
      expect(location).toMatchObject({ latitude: c.lat, longitude: c.lon });
      expect(location.organization_id).toBeUndefined();
      expect(location.description).toContain('詳しい場所は公開していません');
    }
  });

  it('organisations, services at locations, taxonomies and terms are valid HSDS', async () => {
    const organizations = await all('/organizations', 20);
    for (const o of organizations) valid(schemas.organization, o, `organization ${o.id}`);
    const withServices = (await get(`/organizations/${organizations[0].id}`)).body;
    valid(schemas.organization, withServices, 'an organization with its services');
    for (const sal of await all('/service_at_locations?full=true', 100))
      valid(schemas.serviceAtLocation, sal, `service_at_location ${sal.id}`);
    const taxonomies = await all('/taxonomies');
    expect(taxonomies.map((x) => x.name)).toEqual([
      'つなぐ 種類',
      'つなぐ 活動テーマ',
      'つなぐ 参加のしやすさ',
    ]);
    for (const x of taxonomies) valid(schemas.taxonomy, x, `taxonomy ${x.id}`);
    const terms = await all('/taxonomy_terms', 100);
    for (const x of terms) valid(schemas.taxonomyTerm, x, `taxonomy term ${x.id}`);
    expect(terms.map((x) => x.name)).toContain('見学だけでも可');
  });

  it('filters: a taxonomy term (a kind, a theme, a pace attribute), an organisation, modified after', async () => {
    const terms = await all('/taxonomy_terms', 100);
    const observation = terms.find((x) => x.code === 'observation_visit')!;
    const gentle = await all(`/services?taxonomy_term_id=${observation.id}`, 200);
    const [{ count }] = await ds.query<{ count: number }[]>(
      `SELECT count(*)::int AS count FROM resource WHERE visibility = 'PUBLIC' AND status IN ('ACTIVE', 'PAUSED') AND observation_visit`,
    );
    expect(gentle).toHaveLength(count);
    for (const s of gentle)
      expect(s.attributes.map((a: { taxonomy_term_id: string }) => a.taxonomy_term_id)).toContain(
        observation.id,
      );
    // Every service has its kind as an attribute, and the kind is a filter.
    const volunteering = terms.find((x) => x.code === 'VOLUNTEER')!;
    const volunteers = await all(`/services?taxonomy_term_id=${volunteering.id}`, 200);
    const [{ volunteerCount }] = await ds.query<{ volunteerCount: number }[]>(
      `SELECT count(*)::int AS "volunteerCount" FROM resource WHERE visibility = 'PUBLIC' AND status IN ('ACTIVE', 'PAUSED') AND kind = 'VOLUNTEER'`,
    );
    expect(volunteers).toHaveLength(volunteerCount);
    for (const s of volunteers)
      expect(s.attributes).toContainEqual(
        expect.objectContaining({ taxonomy_term_id: volunteering.id, value: 'ボランティア' }),
      );
    const theme = terms.find((x) => x.taxonomy === 'つなぐ 活動テーマ')!;
    for (const s of await all(`/services?taxonomy_term_id=${theme.id}`, 200))
      expect(s.attributes.map((a: { taxonomy_term_id: string }) => a.taxonomy_term_id)).toContain(
        theme.id,
      );
    const [{ word, named }] = await ds.query<{ word: string; named: number }[]>(
      `SELECT w.word, (SELECT count(*)::int FROM resource r WHERE r.visibility = 'PUBLIC'
                AND r.status IN ('ACTIVE', 'PAUSED') AND (r.name LIKE '%' || w.word || '%' OR r.description LIKE '%' || w.word || '%')) AS named
         FROM (SELECT substring(name from 1 for 3) AS word FROM resource
                WHERE visibility = 'PUBLIC' AND status = 'ACTIVE' ORDER BY name LIMIT 1) w`,
    );
    const found = await all(`/services?search=${encodeURIComponent(word)}`, 200);
    expect(found).toHaveLength(named);
    expect(found.length).toBeGreaterThan(0);
    const themed = await all(`/services?taxonomy_id=${theme.taxonomy_id}`, 200);
    const [{ withThemes }] = await ds.query<{ withThemes: number }[]>(
      `SELECT count(*)::int AS "withThemes" FROM resource
        WHERE visibility = 'PUBLIC' AND status IN ('ACTIVE', 'PAUSED') AND cardinality(theme_codes) > 0`,
    );
    expect(themed).toHaveLength(withThemes);
    expect((await get('/services?modified_after=2999-01-01T00:00:00Z')).body).toMatchObject({
      total_items: 0,
      empty: true,
    });
  });

  it('exports everything as one JSON document, and as the tabular form (CSV per table) in a zip', async () => {
    const services = await all('/services?full=true', 200);
    const organizations = await all('/organizations', 200);
    const json = (await get('/export.json')).body;
    expect(json.version).toBe('3.0');
    expect(json.services).toEqual(services);
    expect(json.organizations).toEqual(organizations);
    for (const s of json.services) valid(schemas.service, s, `exported service ${s.id}`);

    const res = await fetch(`${t.baseUrl}/hsds/export.zip`);
    expect(res.headers.get('content-type')).toContain('application/zip');
    const files = unzipSync(new Uint8Array(await res.arrayBuffer()));
    const text = (name: string) => strFromU8(files[name]);
    const pkg = JSON.parse(text('datapackage.json')) as {
      resources: { name: string; path: string; schema: { fields: { name: string }[] } }[];
    };
    const table = (name: string) => {
      const resource = pkg.resources.find((r) => r.name === name)!;
      const rows = parse<Record<string, string>>(text(resource.path), { columns: true });
      expect(Object.keys(rows[0] ?? {})).toEqual(resource.schema.fields.map((f) => f.name));
      return rows;
    };
    expect(table('services').map((r) => r.id)).toEqual(services.map((s) => s.id));
    expect(table('organizations')).toHaveLength(organizations.length);
    expect(table('locations')).toHaveLength(services.length);
    expect(table('schedules')).toHaveLength(services.flatMap((s) => s.schedules ?? []).length);
    expect(table('attributes')).toHaveLength(services.flatMap((s) => s.attributes).length);
    // Every row points at what exists.
    const ids = new Set(services.map((s) => s.id));
    for (const row of table('schedules')) expect(ids.has(row.service_id)).toBe(true);
    const terms = new Set(table('taxonomy_terms').map((r) => r.id));
    for (const row of table('attributes')) expect(terms.has(row.taxonomy_term_id)).toBe(true);
    expect(JSON.parse(text('hsds.json')).services).toHaveLength(services.length);
  });

  it('refuses bad paging and unknown ids clearly', async () => {
    const bad = await get('/services?per_page=1000');
    expect(bad.status).toBe(400);
    expect(bad.body).toMatchObject({ code: 'BAD_USER_INPUT', field: 'per_page' });
    expect((await get('/services?taxonomy_term_id=nope')).body).toMatchObject({
      field: 'taxonomy_term_id',
    });
    expect((await get('/services/00000000-0000-4000-8000-000000000000')).status).toBe(404);
    expect((await get('/organizations/not-an-id')).status).toBe(404);
  });
});
