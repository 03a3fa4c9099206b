import { AreaLevel } from '@app/municipality';
import { OrganizationType } from '@app/organization';
import type { DataSource } from 'typeorm';
import { generateResources, SeedDistrict, SeedOrganization } from './catalog/generate';
import { insertResources } from './catalog/insert';
import { jitteredTiling } from './demo/tiling';
import { seededRandom } from './random';

/** A fictional city for benchmarks, beside みどり市: 10 daily-life areas of 10 districts each. */
export const SCALE_CITY = {
  code: '139992',
  name: 'ベンチ市',
  prefecture: '東京都',
  bbox: { west: 139.45, south: 35.5, east: 139.85, north: 35.8 },
};
const ROWS = 10;
const COLS = 10;
const CHUNK = 5000;
const TYPES = Object.values(OrganizationType);
const ORG_NAMES = [
  'つながり',
  'ひだまり',
  'わかば',
  'あおぞら',
  'みのり',
  'こもれび',
  'ふれあい',
  'えがお',
];

export interface ScaleSummary {
  municipalityId: string;
  resources: number;
  organizations: number;
  seconds: number;
}

/**
 * Adds `count` resources (and one organisation for every five) to the benchmark city, creating
 * the city and its 111 areas on the first run. Deterministic for a given count and date.
 */
export async function seedScale(
  dataSource: DataSource,
  count: number,
  progress: (done: number) => void = () => undefined,
  today = new Date(),
): Promise<ScaleSummary> {
  const started = Date.now();
  const random = seededRandom(count);
  const { municipalityId, districts } = await ensureCity(dataSource);

  const organizations: SeedOrganization[] = [];
  const orgCount = Math.max(1, Math.ceil(count / 5));
  await dataSource.transaction(async (em) => {
    for (let start = 0; start < orgCount; start += CHUNK) {
      const n = Math.min(CHUNK, orgCount - start);
      const rows = Array.from({ length: n }, (_, k) => {
        const i = start + k;
        const district = districts[i % districts.length];
        return {
          name: `${ORG_NAMES[i % ORG_NAMES.length]}の会 ${district.town} ${i + 1}`,
          type: TYPES[i % TYPES.length],
          areaId: district.id,
          lon: district.center[0],
          lat: district.center[1],
        };
      });
      const inserted = await em.query<{ id: string; name: string; type: OrganizationType }[]>(
        `INSERT INTO organization (municipality_id, name, type, area_id, location)
         SELECT $1, n, t::organization_type, a, ST_SetSRID(ST_MakePoint(x, y), 4326)::geography
           FROM unnest($2::text[], $3::text[], $4::uuid[], $5::float8[], $6::float8[]) AS u(n, t, a, x, y)
         RETURNING id, name, type`,
        [
          municipalityId,
          rows.map((r) => r.name),
          rows.map((r) => r.type),
          rows.map((r) => r.areaId),
          rows.map((r) => r.lon),
          rows.map((r) => r.lat),
        ],
      );
      organizations.push(...inserted);
    }
  });

  for (let done = 0; done < count; done += CHUNK) {
    const n = Math.min(CHUNK, count - done);
    const generated = generateResources({
      count: n,
      municipalityId,
      districts,
      organizations,
      random,
      today,
    });
    for (const [k, g] of generated.entries()) g.row.name = `${g.row.name} #${done + k + 1}`;
    await dataSource.transaction((em) => insertResources(em, generated, 1000));
    progress(done + n);
  }
  return {
    municipalityId,
    resources: count,
    organizations: orgCount,
    seconds: (Date.now() - started) / 1000,
  };
}

async function ensureCity(
  dataSource: DataSource,
): Promise<{ municipalityId: string; districts: SeedDistrict[] }> {
  return dataSource.transaction(async (em) => {
    const tiles = jitteredTiling({
      ...SCALE_CITY.bbox,
      rows: ROWS,
      cols: COLS,
      random: seededRandom(99),
    });
    const existing = await em.query<{ id: string }[]>(
      `SELECT id FROM municipality WHERE code = $1`,
      [SCALE_CITY.code],
    );
    let municipalityId: string;
    const districtIds: string[] = [];
    if (existing.length) {
      municipalityId = existing[0].id;
      const rows = await em.query<{ id: string; code: string }[]>(
        `SELECT id, code FROM area WHERE municipality_id = $1 AND level = 'DISTRICT' ORDER BY code`,
        [municipalityId],
      );
      for (const r of rows) districtIds[Number(r.code.slice(1))] = r.id;
    } else {
      [{ id: municipalityId }] = await em.query<{ id: string }[]>(
        `INSERT INTO municipality (code, name, prefecture) VALUES ($1, $2, $3) RETURNING id`,
        [SCALE_CITY.code, SCALE_CITY.name, SCALE_CITY.prefecture],
      );
      const insertUnion = async (
        level: AreaLevel,
        parentId: string | null,
        name: string,
        code: string | null,
        polygons: string[],
      ) => {
        const [{ id }] = await em.query<{ id: string }[]>(
          `INSERT INTO area (municipality_id, parent_id, level, name, code, boundary)
           SELECT $1, $2, $3, $4, $5, ST_Multi(ST_Union(ST_GeomFromGeoJSON(g))) FROM unnest($6::text[]) AS g RETURNING id`,
          [municipalityId, parentId, level, name, code, polygons],
        );
        return id;
      };
      const json = tiles.map((t) => JSON.stringify(t.polygon));
      const cityId = await insertUnion(AreaLevel.MUNICIPALITY, null, SCALE_CITY.name, null, json);
      for (let block = 0; block < 10; block++) {
        // Each daily-life area is a 2 × 5 block of districts.
        const members = tiles.filter(
          (t) => Math.floor(t.row / 2) * 2 + Math.floor(t.col / 5) === block,
        );
        const dlaId = await insertUnion(
          AreaLevel.DAILY_LIFE_AREA,
          cityId,
          `第${block + 1}圏域`,
          `A${block + 1}`,
          members.map((t) => JSON.stringify(t.polygon)),
        );
        for (const t of members) {
          const index = t.row * COLS + t.col;
          districtIds[index] = await insertUnion(
            AreaLevel.DISTRICT,
            dlaId,
            `第${index + 1}地区`,
            `D${String(index).padStart(3, '0')}`,
            [JSON.stringify(t.polygon)],
          );
        }
      }
    }
    const districts = tiles.map((t) => {
      const index = t.row * COLS + t.col;
      return {
        id: districtIds[index],
        town: `${index + 1}番町`,
        center: [t.center[0], t.center[1]] as [number, number],
        halfSize: t.safeHalfSize,
      };
    });
    return { municipalityId, districts };
  });
}
