import { readSheet, unquoteFormula } from '@app/import';
import { parse } from 'csv-parse/sync';
import type { DataSource } from 'typeorm';
import { signedIn } from '../support/auth';
import { aMunicipality } from '../support/factories';
import { importFile } from '../support/import';
import { DemoApp, startDemoApp } from '../support/demo-app';
import type { TestApp } from '../support/test-app';

/**
 * No lock-in: the whole demo catalogue exported, imported into an empty municipality (with the
 * same areas) and exported again reads the same, cell for cell.
 */
describe('catalogue export → import → export, over the whole demo dataset', () => {
  let demo: DemoApp;
  let ds: DataSource;
  let t: TestApp;

  beforeAll(async () => {
    demo = await startDemoApp(process.env.DEBUG_IMPORT ? { LOG_LEVEL: 'error' } : {});
    ({ t, ds } = demo);
  });
  afterAll(() => demo?.close());

  const download = async (path: string, auth: Record<string, string>) => {
    const res = await fetch(`${t.baseUrl}${path}`, { headers: auth });
    expect(res.status).toBe(200);
    return Buffer.from(await res.arrayBuffer());
  };
  /** Rows as text lines, sorted (listings of the same name may come in another order). */
  const rowsOf = (csv: Buffer) => {
    const [header, ...rows]: string[][] = parse(csv.toString('utf8'), { bom: true });
    return { header, rows: rows.map((r) => JSON.stringify(r)).sort() };
  };

  /** An empty municipality with the demo's areas (areas are set up before any import). */
  const emptyLike = async (demo: string) => {
    const empty = await aMunicipality(ds);
    const areas = await ds.query(
      `WITH RECURSIVE tree AS (
         SELECT id, parent_id, 0 AS depth FROM area WHERE municipality_id = $1 AND parent_id IS NULL
         UNION ALL SELECT a.id, a.parent_id, t.depth + 1 FROM area a JOIN tree t ON a.parent_id = t.id)
       SELECT id, parent_id FROM tree ORDER BY depth`,
      [demo],
    );
    const newIds = new Map<string, string>();
    for (const a of areas) {
      const [{ id }] = await ds.query(
        `INSERT INTO area (municipality_id, parent_id, level, name, code, boundary)
         SELECT $1, $2, level, name, code, boundary FROM area WHERE id = $3 RETURNING id`,
        [empty.id, a.parent_id ? newIds.get(a.parent_id) : null, a.id],
      );
      newIds.set(a.id, id);
    }
    return empty;
  };
  const demoId = async (): Promise<string> =>
    (await ds.query(`SELECT id FROM municipality WHERE name = 'みどり市'`))[0].id;

  it('an HSDS package (ours, as another system would send it) imports with what HSDS carries', async () => {
    const demo = await demoId();
    // Both forms of the package, before anything else is imported (the HSDS API is every public listing).
    const json = Buffer.from(await (await fetch(`${t.baseUrl}/hsds/export.json`)).arrayBuffer());
    const zip = Buffer.from(await (await fetch(`${t.baseUrl}/hsds/export.zip`)).arrayBuffer());
    const services = (JSON.parse(json.toString('utf8')) as { services: unknown[] }).services;
    const other = await emptyLike(demo);
    const admin = await signedIn(t, { municipalityId: other.id, role: 'ADMIN' });
    const res = await importFile(t, admin.auth, { bytes: json, name: 'hsds.json' });
    if (!res.data) throw new Error(JSON.stringify(res.errors));
    const report = res.data.importCatalog;
    expect(report.format).toBe('HSDS 3.0 (JSON)');
    expect(report.rows.filter((r) => r.errors.length)).toEqual([]);
    expect(report.created).toBe(services.length);

    // The same listings, as far as HSDS carries them: compared in the catalogue spreadsheet's
    // columns, for places whose location is public (a confidential one is only its area in HSDS).
    const demoAdmin = await signedIn(t, { municipalityId: demo, role: 'ADMIN' });
    const carried = [
      '外部ID',
      '名称',
      '種類',
      '内容',
      '住所',
      '緯度',
      '経度',
      '開催日',
      '費用',
      'テーマ',
      '見学可',
      'いるだけ可',
    ];
    const project = (csv: Buffer, only: (row: Record<string, string>) => boolean) => {
      const rows = parse<Record<string, string>>(csv.toString('utf8'), {
        bom: true,
        columns: true,
      });
      return (
        rows
          .filter(only)
          // HSDS has no holiday rule for a schedule: 祝日も開催 does not travel.
          .map((r) =>
            JSON.stringify(
              carried.map((c) => (c === '開催日' ? r[c].replaceAll('（祝日も開催）', '') : r[c])),
            ),
          )
          .sort()
      );
    };
    const publicPlace = (r: Record<string, string>) =>
      r['公開範囲'] === '公開' && r['状態'] !== '終了' && r['場所非公開'] !== '○';
    const original = project(await download('/catalog/export.csv', demoAdmin.auth), publicPlace);
    const imported = project(
      await download('/catalog/export.csv', admin.auth),
      (r) => r['場所非公開'] !== '○' && !r['住所'].includes('周辺（'),
    );
    expect(imported).toEqual(original);
    expect(original.length).toBeGreaterThan(100);

    // The tabular form (a zip of CSV tables) reads the same: the same file again finds them all.
    const again = await importFile(t, admin.auth, { bytes: zip, name: 'hsds.zip' });
    expect(again.errors).toBeUndefined();
    expect(again.data?.importCatalog).toMatchObject({
      format: 'HSDS 3.0 (zip, JSON)',
      created: 0,
      rejected: 0,
    });
  });

  it('reads the same after the round trip, in CSV and in xlsx', async () => {
    const demo = await demoId();
    const demoAdmin = await signedIn(t, { municipalityId: demo, role: 'ADMIN' });
    const csv = await download('/catalog/export.csv', demoAdmin.auth);
    expect(csv.subarray(0, 3)).toEqual(Buffer.from([0xef, 0xbb, 0xbf]));
    const original = rowsOf(csv);
    const [{ n: listings }] = await ds.query(
      `SELECT count(*)::int AS n FROM resource WHERE municipality_id = $1`,
      [demo],
    );
    expect(original.rows).toHaveLength(listings);

    const empty = await emptyLike(demo);
    const admin = await signedIn(t, { municipalityId: empty.id, role: 'ADMIN' });
    const res = await importFile(t, admin.auth, { bytes: csv, name: 'catalog.csv' });
    if (!res.data) throw new Error(JSON.stringify(res.errors));
    const report = res.data.importCatalog;
    expect(report.rows.filter((r) => r.errors.length)).toEqual([]);
    expect(report).toMatchObject({ created: listings, rejected: 0, updated: 0 });

    const again = rowsOf(await download('/catalog/export.csv', admin.auth));
    expect(again.header).toEqual(original.header);
    expect(again.rows).toEqual(original.rows);

    // Not only the same text: the same listings, rules and days underneath (a rule's start, when
    // already past, becomes the import's day; it changes no occurrence from today on).
    const facts = (municipalityId: string) =>
      ds.query(
        `SELECT r.name, r.address, r.kind, r.status, r.visibility, r.capacity, r.fee_yen, r.fee_note,
                r.contact_phone, r.details, r.target_groups, r.tags, r.confidential_location,
                ST_AsText(r.location) AS location, a.name AS area,
                (SELECT json_agg(json_build_array(s.freq, s.interval, s.weekdays, s.nth, s.opens_at,
                          s.closes_at, s.valid_to, s.closed_on_holidays, s.note)
                          ORDER BY s.freq, s.weekdays, s.opens_at)
                   FROM resource_schedule s WHERE s.resource_id = r.id) AS schedules,
                (SELECT json_agg(json_build_array(s.date, s.opens_at, s.closes_at, s.note) ORDER BY s.date, s.opens_at)
                   FROM resource_session s WHERE s.resource_id = r.id) AS sessions,
                (SELECT json_agg(json_build_array(c.starts_on, c.ends_on, c.reason) ORDER BY c.starts_on)
                   FROM resource_closure c WHERE c.resource_id = r.id) AS closures,
                (SELECT array_agg(theme_code ORDER BY theme_code) FROM resource_theme WHERE resource_id = r.id) AS themes
           FROM resource r LEFT JOIN area a ON a.id = r.area_id
          WHERE r.municipality_id = $1`,
        [municipalityId],
      );
    const sorted = (rows: object[]) => rows.map((r) => JSON.stringify(r)).sort();
    expect(sorted(await facts(empty.id))).toEqual(sorted(await facts(demo)));

    // The xlsx export holds the same cells (as text; the CSV quotes formula-like cells).
    const xlsx = await readSheet(await download('/catalog/export.xlsx', admin.auth));
    expect(xlsx.headers).toEqual(original.header);
    const unquote = unquoteFormula;
    expect(xlsx.rows.map((r) => JSON.stringify(r.cells)).sort()).toEqual(
      again.rows.map((r) => JSON.stringify((JSON.parse(r) as string[]).map(unquote))).sort(),
    );

    // And a second import of the same file finds every listing again: nothing new, nothing changed.
    const second = await importFile(t, admin.auth, { bytes: csv, name: 'catalog.csv' });
    expect(second.data?.importCatalog).toMatchObject({
      created: 0,
      updated: 0,
      unchanged: listings,
    });
  });
});
