import { AreaLevel } from '@app/municipality';
import type { DataSource, EntityManager } from 'typeorm';
import { seededRandom } from '../random';
import { DAILY_LIFE_AREAS, DEMO_ORGANIZATIONS, DISTRICTS, MIDORI_CITY } from './midori-city';
import { jitteredTiling, Tile } from './tiling';

export interface DemoSummary {
  municipality: string;
  municipalityId: string;
  areas: number;
  organizations: number;
}

export async function isDatabaseEmpty(dataSource: DataSource): Promise<boolean> {
  const [{ count }] = await dataSource.query<{ count: string }[]>(
    `SELECT count(*) AS count FROM municipality`,
  );
  return Number(count) === 0;
}

/**
 * Seeds みどり市: 1 + 5 + 16 areas in three levels and 44 host organisations, the same on every
 * run. Runs in one transaction; does nothing if the city is already there.
 */
export async function seedDemo(dataSource: DataSource): Promise<DemoSummary> {
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
        districtIds[index] = await insertUnion(
          AreaLevel.DISTRICT,
          dlaId,
          d.name,
          `${dla.code}${index + 1}`,
          [tileAt(...d.cell)],
        );
      }
    }

    for (const [i, org] of DEMO_ORGANIZATIONS.entries()) {
      const district = DISTRICTS[org.district];
      const tile = tileAt(...district.cell);
      const lon = tile.center[0] + (random() * 2 - 1) * tile.safeHalfSize[0];
      const lat = tile.center[1] + (random() * 2 - 1) * tile.safeHalfSize[1];
      const chome = 1 + Math.floor(random() * 4);
      const address = `東京都${MIDORI_CITY.name}${district.town}${chome}丁目${1 + Math.floor(random() * 20)}-${1 + Math.floor(random() * 15)}`;
      const postalCode = `${MIDORI_CITY.postalPrefix}-${String(1000 + org.district * 10 + chome).padStart(4, '0')}`;
      const phone = `042-5${String(10 + i).padStart(2, '0')}-${String(1000 + Math.floor(random() * 9000))}`;
      await em.query(
        `INSERT INTO organization (municipality_id, name, name_kana, type, description, phone, email, website,
                                   contact_person, postal_code, address, location, area_id)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11,
                 ST_SetSRID(ST_MakePoint($12, $13), 4326)::geography, $14)`,
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
    }
    return summarize(em, municipalityId);
  });
}

async function summarize(em: EntityManager, municipalityId: string): Promise<DemoSummary> {
  const [row] = await em.query<{ areas: string; organizations: string }[]>(
    `SELECT (SELECT count(*) FROM area WHERE municipality_id = $1) AS areas,
            (SELECT count(*) FROM organization WHERE municipality_id = $1) AS organizations`,
    [municipalityId],
  );
  return {
    municipality: `${MIDORI_CITY.prefecture}${MIDORI_CITY.name}`,
    municipalityId,
    areas: Number(row.areas),
    organizations: Number(row.organizations),
  };
}
