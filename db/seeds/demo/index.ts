import { AreaLevel } from '@app/municipality';
import type { DataSource, EntityManager } from 'typeorm';
import { generateResources, SeedDistrict, SeedOrganization } from '../catalog/generate';
import { insertResources } from '../catalog/insert';
import { seededRandom } from '../random';
import { DAILY_LIFE_AREAS, DEMO_ORGANIZATIONS, DISTRICTS, MIDORI_CITY } from './midori-city';
import { jitteredTiling, Tile } from './tiling';

export interface DemoSummary {
  municipality: string;
  municipalityId: string;
  areas: number;
  organizations: number;
  resources: number;
}

/** How many resources the demo city lists. */
export const DEMO_RESOURCES = 220;

export async function isDatabaseEmpty(dataSource: DataSource): Promise<boolean> {
  const [{ count }] = await dataSource.query<{ count: string }[]>(
    `SELECT count(*) AS count FROM municipality`,
  );
  return Number(count) === 0;
}

/**
 * Seeds みどり市: 1 + 5 + 16 areas in three levels, 44 host organisations and 220 resources
 * with their schedules, the same on every run for the same date (upcoming one-off sessions are
 * placed after `today`). Runs in one transaction; does nothing if the city is already there.
 */
export async function seedDemo(dataSource: DataSource, today = new Date()): Promise<DemoSummary> {
  return dataSource.transaction(async (em) => {
    const existing = await em.query<{ id: string }[]>(
      `SELECT id FROM municipality WHERE code = $1`,
      [MIDORI_CITY.code],
    );
    if (existing.length) return summarize(em, existing[0].id);

    const random = seededRandom(20260401);
    const tiles = jitteredTiling({ ...MIDORI_CITY.bbox, rows: 4, cols: 4, random });
    const tileAt = (row: number, col: number): Tile =>
      tiles.find((t) => t.row === row && t.col === col)!;

    const [{ id: municipalityId }] = await em.query<{ id: string }[]>(
      `INSERT INTO municipality (code, name, prefecture) VALUES ($1, $2, $3) RETURNING id`,
      [MIDORI_CITY.code, MIDORI_CITY.name, MIDORI_CITY.prefecture],
    );
    const insertUnion = async (
      level: AreaLevel,
      parentId: string | null,
      name: string,
      code: string | null,
      parts: Tile[],
    ) => {
      const [{ id }] = await em.query<{ id: string }[]>(
        `INSERT INTO area (municipality_id, parent_id, level, name, code, boundary)
         SELECT $1, $2, $3, $4, $5, ST_Multi(ST_Union(ST_GeomFromGeoJSON(g)))
           FROM unnest($6::text[]) AS g
         RETURNING id`,
        [municipalityId, parentId, level, name, code, parts.map((t) => JSON.stringify(t.polygon))],
      );
      return id;
    };

    const cityAreaId = await insertUnion(
      AreaLevel.MUNICIPALITY,
      null,
      MIDORI_CITY.name,
      null,
      tiles,
    );
    const districtIds: string[] = [];
    const seedDistricts: SeedDistrict[] = [];
    for (const dla of DAILY_LIFE_AREAS) {
      const members = DISTRICTS.filter((d) => d.area === dla.key);
      const dlaId = await insertUnion(
        AreaLevel.DAILY_LIFE_AREA,
        cityAreaId,
        dla.name,
        dla.code,
        members.map((d) => tileAt(...d.cell)),
      );
      for (const d of members) {
        const index = DISTRICTS.indexOf(d);
        const tile = tileAt(...d.cell);
        districtIds[index] = await insertUnion(
          AreaLevel.DISTRICT,
          dlaId,
          d.name,
          `${dla.code}${index + 1}`,
          [tile],
        );
        seedDistricts[index] = {
          id: districtIds[index],
          town: d.town,
          center: [tile.center[0], tile.center[1]],
          halfSize: tile.safeHalfSize,
        };
      }
    }

    const seedOrganizations: SeedOrganization[] = [];
    for (const [i, org] of DEMO_ORGANIZATIONS.entries()) {
      const district = DISTRICTS[org.district];
      const tile = tileAt(...district.cell);
      const lon = tile.center[0] + (random() * 2 - 1) * tile.safeHalfSize[0];
      const lat = tile.center[1] + (random() * 2 - 1) * tile.safeHalfSize[1];
      const chome = 1 + Math.floor(random() * 4);
      const address = `東京都${MIDORI_CITY.name}${district.town}${chome}丁目${1 + Math.floor(random() * 20)}-${1 + Math.floor(random() * 15)}`;
      const postalCode = `${MIDORI_CITY.postalPrefix}-${String(1000 + org.district * 10 + chome).padStart(4, '0')}`;
      const phone = `042-5${String(10 + i).padStart(2, '0')}-${String(1000 + Math.floor(random() * 9000))}`;
      const [{ id: organizationId }] = await em.query<{ id: string }[]>(
        `INSERT INTO organization (municipality_id, name, name_kana, type, description, phone, email, website,
                                   contact_person, postal_code, address, location, area_id)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11,
                 ST_SetSRID(ST_MakePoint($12, $13), 4326)::geography, $14)
         RETURNING id`,
        [
          municipalityId,
          org.name,
          org.kana,
          org.type,
          org.description,
          phone,
          `info${i + 1}@midori-demo.example.jp`,
          org.web ?? null,
          org.contactPerson ?? null,
          postalCode,
          address,
          Math.round(lon * 1e6) / 1e6,
          Math.round(lat * 1e6) / 1e6,
          districtIds[org.district],
        ],
      );
      seedOrganizations.push({ id: organizationId, name: org.name, type: org.type });
    }

    const resources = generateResources({
      count: DEMO_RESOURCES,
      municipalityId,
      districts: seedDistricts,
      organizations: seedOrganizations,
      random,
      today,
    });
    const resourceIds = await insertResources(em, resources);
    await seedHostNeeds(em, municipalityId, seedOrganizations, resourceIds);
    return summarize(em, municipalityId);
  });
}

async function summarize(em: EntityManager, municipalityId: string): Promise<DemoSummary> {
  const [row] = await em.query<{ areas: string; organizations: string; resources: string }[]>(
    `SELECT (SELECT count(*) FROM area WHERE municipality_id = $1) AS areas,
            (SELECT count(*) FROM organization WHERE municipality_id = $1) AS organizations,
            (SELECT count(*) FROM resource WHERE municipality_id = $1) AS resources`,
    [municipalityId],
  );
  return {
    municipality: `${MIDORI_CITY.prefecture}${MIDORI_CITY.name}`,
    municipalityId,
    areas: Number(row.areas),
    organizations: Number(row.organizations),
    resources: Number(row.resources),
  };
}

/** What some host organisations need (人・物・場所・お金), as booklets list it. */
async function seedHostNeeds(
  em: EntityManager,
  municipalityId: string,
  organizations: SeedOrganization[],
  resourceIds: string[],
): Promise<void> {
  const needs: [number, string, string, number | null][] = [
    [0, 'PEOPLE', '居場所の受付を手伝ってくれる人（月2回、2時間ほど）', null],
    [2, 'PEOPLE', '家族会の会場設営の手伝い', null],
    [3, 'THINGS', '座布団とテーブル（使わなくなったもの）', null],
    [5, 'THINGS', '子ども食堂で使う大きめの鍋', 4],
    [9, 'PEOPLE', '配膳ボランティア（平日昼）', 11],
    [12, 'PEOPLE', '町会だより折り込みの人手（年3回）', 9],
    [15, 'PLACE', '平日夜に使える集会スペース', null],
    [17, 'MONEY', '食材費の寄付', null],
    [18, 'PEOPLE', 'お茶を出す係（ただいるだけでも）', 1],
    [22, 'PEOPLE', '会合でコーヒーを淹れる人', 13],
    [26, 'PLACE', '養蜂の道具を置く倉庫', null],
    [29, 'PEOPLE', '収穫の手伝い（朝の2時間）', 21],
    [32, 'THINGS', 'パンを並べる陳列棚', 20],
    [40, 'MONEY', '講座の会場費の支援', null],
  ];
  for (const [org, kind, description, resource] of needs) {
    await em.query(
      `INSERT INTO host_need (municipality_id, organization_id, resource_id, kind, description) VALUES ($1, $2, $3, $4, $5)`,
      [
        municipalityId,
        organizations[org].id,
        resource === null ? null : resourceIds[resource],
        kind,
        description,
      ],
    );
  }
}
