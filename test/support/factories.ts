import { AreaLevel } from '@app/municipality';
import { OrganizationType } from '@app/organization';
import type { MultiPolygon, Polygon } from 'geojson';
import type { DataSource } from 'typeorm';

/** A square polygon of `size` degrees with its south-west corner at (lon, lat). */
export function square(lon: number, lat: number, size = 0.01): Polygon {
  return {
    type: 'Polygon',
    coordinates: [
      [
        [lon, lat],
        [lon + size, lat],
        [lon + size, lat + size],
        [lon, lat + size],
        [lon, lat],
      ],
    ],
  };
}

export function multi(polygon: Polygon): MultiPolygon {
  return { type: 'MultiPolygon', coordinates: [polygon.coordinates] };
}

let sequence = 0;

/** A municipality with a code no other test uses (retrying on the rare clash with an old row). */
export async function aMunicipality(
  ds: DataSource,
  overrides: Partial<{ name: string; prefecture: string }> = {},
): Promise<{ id: string; code: string; name: string }> {
  for (;;) {
    const code = String(
      100000 +
        ((process.pid * 7919 + ++sequence * 104729 + Math.floor(Math.random() * 1e6)) % 800000),
    );
    const name = overrides.name ?? `テスト市${code}`;
    const rows = await ds.query<{ id: string }[]>(
      `INSERT INTO municipality (code, name, prefecture) VALUES ($1, $2, $3)
       ON CONFLICT (code) DO NOTHING RETURNING id`,
      [code, name, overrides.prefecture ?? '東京都'],
    );
    if (rows.length) return { id: rows[0].id, code, name };
  }
}

export async function anArea(
  ds: DataSource,
  values: {
    municipalityId: string;
    level: AreaLevel;
    parentId?: string | null;
    name?: string;
    boundary: Polygon;
  },
): Promise<{ id: string }> {
  const [row] = await ds.query<{ id: string }[]>(
    `INSERT INTO area (municipality_id, parent_id, level, name, boundary)
     VALUES ($1, $2, $3, $4, ST_Multi(ST_GeomFromGeoJSON($5))) RETURNING id`,
    [
      values.municipalityId,
      values.parentId ?? null,
      values.level,
      values.name ?? `圏域${++sequence}`,
      JSON.stringify(values.boundary),
    ],
  );
  return row;
}

/**
 * A municipality with a small area tree: the city (0.04° square at lon0/lat0), one daily-life area
 * covering its west half and one district in that area's south-west quarter.
 */
export async function aCityWithAreas(ds: DataSource, lon0 = 139.5, lat0 = 35.5) {
  const municipality = await aMunicipality(ds);
  const city = await anArea(ds, {
    municipalityId: municipality.id,
    level: AreaLevel.MUNICIPALITY,
    name: municipality.name,
    boundary: square(lon0, lat0, 0.04),
  });
  const dailyLife = await anArea(ds, {
    municipalityId: municipality.id,
    level: AreaLevel.DAILY_LIFE_AREA,
    parentId: city.id,
    name: '西圏域',
    boundary: square(lon0, lat0, 0.02),
  });
  const district = await anArea(ds, {
    municipalityId: municipality.id,
    level: AreaLevel.DISTRICT,
    parentId: dailyLife.id,
    name: '南地区',
    boundary: square(lon0, lat0, 0.01),
  });
  return { municipality, city, dailyLife, district, lon0, lat0 };
}

export async function anOrganization(
  ds: DataSource,
  values: {
    municipalityId: string;
    name?: string;
    type?: OrganizationType;
    areaId?: string | null;
  },
): Promise<{ id: string; name: string }> {
  const name = values.name ?? `団体${++sequence}`;
  const [row] = await ds.query<{ id: string }[]>(
    `INSERT INTO organization (municipality_id, name, type, area_id) VALUES ($1, $2, $3, $4) RETURNING id`,
    [values.municipalityId, name, values.type ?? OrganizationType.NPO, values.areaId ?? null],
  );
  return { id: row.id, name };
}

export async function countRows(
  ds: DataSource,
  table: 'area' | 'organization',
  municipalityId: string,
): Promise<number> {
  const [{ count }] = await ds.query<{ count: string }[]>(
    `SELECT count(*) AS count FROM ${table} WHERE municipality_id = $1`,
    [municipalityId],
  );
  return Number(count);
}
