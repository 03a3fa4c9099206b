import { generateResources } from '@db/seeds/catalog/generate';
import { isDatabaseEmpty, seedDemo } from '@db/seeds/demo';
import { seededRandom } from '@db/seeds/random';
import type { DataSource } from 'typeorm';
import { connect, testDatabase } from '../support/test-database';

describe('the demo municipality (みどり市)', () => {
  let ds: DataSource;
  let municipalityId: string;

  beforeAll(async () => {
    ds = await connect(testDatabase());
    municipalityId = (await seedDemo(ds)).municipalityId;
  });

  afterAll(() => ds?.destroy());

  it('has three levels of areas: the city, 5 daily-life areas and 16 districts', async () => {
    const rows = await ds.query<{ level: string; count: string }[]>(
      `SELECT level, count(*) AS count FROM area WHERE municipality_id = $1 GROUP BY level ORDER BY level`,
      [municipalityId],
    );
    expect(rows.map((r) => [r.level, Number(r.count)])).toEqual([
      ['MUNICIPALITY', 1],
      ['DAILY_LIFE_AREA', 5],
      ['DISTRICT', 16],
    ]);
  });

  it('has only valid boundaries, each district inside its parent, districts tiling the city without overlap', async () => {
    const [row] = await ds.query(
      `SELECT bool_and(ST_IsValid(a.boundary)) AS all_valid,
              bool_and(a.parent_id IS NULL OR ST_Covers(ST_Buffer(p.boundary, 1e-9), a.boundary)) AS inside_parent
         FROM area a LEFT JOIN area p ON p.id = a.parent_id
        WHERE a.municipality_id = $1`,
      [municipalityId],
    );
    expect(row).toEqual({ all_valid: true, inside_parent: true });

    const [tiling] = await ds.query(
      `WITH d AS (SELECT id, boundary FROM area WHERE municipality_id = $1 AND level = 'DISTRICT')
       SELECT (SELECT sum(ST_Area(boundary::geography)) FROM d) AS districts,
              (SELECT ST_Area(boundary::geography) FROM area WHERE municipality_id = $1 AND level = 'MUNICIPALITY') AS city,
              (SELECT coalesce(sum(ST_Area(ST_Intersection(a.boundary, b.boundary)::geography)), 0)
                 FROM d a JOIN d b ON a.id < b.id AND ST_Intersects(a.boundary, b.boundary)) AS overlap`,
      [municipalityId],
    );
    expect(Number(tiling.districts) / Number(tiling.city)).toBeCloseTo(1, 6);
    expect(Number(tiling.overlap)).toBeLessThan(1); // square metres: borders only touch
    expect(Number(tiling.city) / 1e6).toBeGreaterThan(80); // a city of about 100 km²
  });

  it('has at least 40 organisations of varied types, each placed in the district that covers its point', async () => {
    const [row] = await ds.query(
      `SELECT count(*) AS organizations,
              count(DISTINCT o.type) AS types,
              count(*) FILTER (WHERE a.level = 'DISTRICT' AND ST_Covers(a.boundary, o.location::geometry)) AS placed,
              count(*) FILTER (WHERE o.address LIKE '東京都みどり市%') AS with_address
         FROM organization o LEFT JOIN area a ON a.id = o.area_id
        WHERE o.municipality_id = $1`,
      [municipalityId],
    );
    expect(Number(row.organizations)).toBeGreaterThanOrEqual(40);
    expect(Number(row.types)).toBeGreaterThanOrEqual(10);
    expect(Number(row.placed)).toBe(Number(row.organizations));
    expect(Number(row.with_address)).toBe(Number(row.organizations));
  });

  it('is seeded once: a second run changes nothing', async () => {
    const again = await seedDemo(ds);
    expect(again.municipalityId).toBe(municipalityId);
    expect(again.organizations).toBe(44);
    expect(await isDatabaseEmpty(ds)).toBe(false);
  });
});

describe('the demo catalogue', () => {
  let ds: DataSource;
  let municipalityId: string;

  beforeAll(async () => {
    ds = await connect(testDatabase());
    municipalityId = (await seedDemo(ds)).municipalityId;
  });
  afterAll(() => ds?.destroy());

  const one = async (sql: string) => (await ds.query(sql, [municipalityId]))[0];

  it('lists at least 200 resources of all four kinds, with distinct names', async () => {
    const row = await one(
      `SELECT count(*)::int AS n, count(DISTINCT kind)::int AS kinds, count(DISTINCT name)::int AS names FROM resource WHERE municipality_id = $1`,
    );
    expect(row.n).toBeGreaterThanOrEqual(200);
    expect(row.kinds).toBe(4);
    expect(row.names).toBe(row.n);
  });

  it('has full openings, stale listings, professional-only and private ones, confidential places', async () => {
    const row = await one(`SELECT
        count(*) FILTER (WHERE capacity IS NOT NULL AND seats_taken >= capacity)::int AS full,
        count(*) FILTER (WHERE last_verified_at < now() - interval '180 days')::int AS stale,
        count(*) FILTER (WHERE visibility = 'PROFESSIONAL')::int AS professional,
        count(*) FILTER (WHERE visibility = 'PRIVATE')::int AS private,
        count(*) FILTER (WHERE confidential_location)::int AS confidential,
        count(*) FILTER (WHERE status = 'PAUSED')::int AS paused
      FROM resource WHERE municipality_id = $1`);
    for (const value of Object.values(row)) expect(value).toBeGreaterThan(0);
  });

  it('uses every schedule shape: weekly, several weekdays, every other week, nth and last weekday, every other month, one-offs, closures', async () => {
    const row = await one(`SELECT
        count(*) FILTER (WHERE s.freq = 'WEEKLY' AND s.interval = 1 AND cardinality(s.weekdays) = 1)::int AS weekly,
        count(*) FILTER (WHERE cardinality(s.weekdays) > 1)::int AS several_days,
        count(*) FILTER (WHERE s.freq = 'WEEKLY' AND s.interval = 2)::int AS biweekly,
        count(*) FILTER (WHERE s.freq = 'MONTHLY' AND s.nth && ARRAY[1,2,3,4]::smallint[])::int AS nth,
        count(*) FILTER (WHERE -1 = ANY (s.nth))::int AS last_weekday,
        count(*) FILTER (WHERE s.freq = 'MONTHLY' AND s.interval = 2)::int AS every_other_month,
        count(*) FILTER (WHERE NOT s.closed_on_holidays)::int AS open_on_holidays,
        (SELECT count(*)::int FROM resource_session o JOIN resource r ON r.id = o.resource_id WHERE r.municipality_id = $1) AS one_offs,
        (SELECT count(*)::int FROM resource_closure c JOIN resource r ON r.id = c.resource_id WHERE r.municipality_id = $1) AS closures
      FROM resource_schedule s JOIN resource r ON r.id = s.resource_id WHERE r.municipality_id = $1`);
    for (const value of Object.values(row)) expect(value).toBeGreaterThan(0);
  });

  it('places each resource with a point inside the district it is assigned to', async () => {
    const row = await one(`SELECT count(*)::int AS located,
        count(*) FILTER (WHERE ST_Covers(a.boundary, r.location::geometry))::int AS inside
      FROM resource r JOIN area a ON a.id = r.area_id WHERE r.municipality_id = $1 AND r.location IS NOT NULL`);
    expect(row.located).toBeGreaterThan(150);
    expect(row.inside).toBe(row.located);
  });

  it('lists what some host organisations need', async () => {
    const row = await one(
      `SELECT count(*)::int AS n, count(DISTINCT kind)::int AS kinds FROM host_need WHERE municipality_id = $1`,
    );
    expect(row.n).toBeGreaterThan(10);
    expect(row.kinds).toBe(4);
  });

  it('is the same on every run for the same date', () => {
    const district = {
      id: 'd',
      town: '本町',
      center: [139.3, 35.6] as [number, number],
      halfSize: [0.01, 0.01] as [number, number],
    };
    const orgs = [{ id: 'o', name: 'NPO法人 テスト', type: 'NPO' as never }];
    const today = new Date('2026-11-22T00:00:00Z');
    const run = () =>
      generateResources({
        count: 50,
        municipalityId: 'm',
        districts: [district],
        organizations: orgs,
        random: seededRandom(1),
        today,
      });
    expect(run()).toEqual(run());
  });
});
