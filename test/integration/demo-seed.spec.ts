import { isDatabaseEmpty, seedDemo } from '@db/seeds/demo';
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
