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

/** A resource with only what the database requires; everything else as given. */
export async function aResource(
  ds: DataSource,
  values: {
    municipalityId: string;
    organizationId: string;
    name?: string;
    kind?: string;
    visibility?: string;
    status?: string;
    location?: { latitude: number; longitude: number } | null;
    areaId?: string | null;
    confidentialLocation?: boolean;
    capacity?: number | null;
    seatsTaken?: number;
  },
): Promise<{ id: string; name: string }> {
  const name = values.name ?? `活動${++sequence}`;
  const [row] = await ds.query<{ id: string }[]>(
    `INSERT INTO resource (municipality_id, organization_id, kind, name, visibility, status, location, area_id,
                           confidential_location, capacity, seats_taken)
     VALUES ($1, $2, $3, $4, $5, $6,
             CASE WHEN $7::float8 IS NULL THEN NULL ELSE ST_SetSRID(ST_MakePoint($8, $7), 4326)::geography END,
             $9, $10, $11, $12)
     RETURNING id`,
    [
      values.municipalityId,
      values.organizationId,
      values.kind ?? 'IBASHO',
      name,
      values.visibility ?? 'PUBLIC',
      values.status ?? 'ACTIVE',
      values.location?.latitude ?? null,
      values.location?.longitude ?? null,
      values.areaId ?? null,
      values.confidentialLocation ?? false,
      values.capacity ?? null,
      values.seatsTaken ?? 0,
    ],
  );
  return { id: row.id, name };
}

export interface ScheduleValues {
  freq: 'WEEKLY' | 'MONTHLY';
  weekdays: number[];
  nth?: number[] | null;
  interval?: number;
  opensAt: string;
  closesAt: string;
  validFrom: string;
  validTo?: string | null;
  closedOnHolidays?: boolean;
}

export async function aSchedule(
  ds: DataSource,
  resourceId: string,
  v: ScheduleValues,
): Promise<{ id: string }> {
  const [row] = await ds.query<{ id: string }[]>(
    `INSERT INTO resource_schedule (resource_id, freq, "interval", weekdays, nth, opens_at, closes_at, valid_from, valid_to, closed_on_holidays)
     VALUES ($1, $2, $3, $4::smallint[], $5::smallint[], $6, $7, $8, $9, $10) RETURNING id`,
    [
      resourceId,
      v.freq,
      v.interval ?? 1,
      v.weekdays,
      v.nth ?? null,
      v.opensAt,
      v.closesAt,
      v.validFrom,
      v.validTo ?? null,
      v.closedOnHolidays ?? true,
    ],
  );
  return row;
}

/** A municipality with one organisation, for catalogue tests. */
export async function aHost(ds: DataSource) {
  const municipality = await aMunicipality(ds);
  const organization = await anOrganization(ds, { municipalityId: municipality.id });
  return { municipality, organization };
}

/** An open need of a host organisation (人・物・場所・お金). */
export async function aHostNeed(
  ds: DataSource,
  values: {
    municipalityId: string;
    organizationId: string;
    kind?: 'PEOPLE' | 'THINGS' | 'PLACE' | 'MONEY';
    description?: string;
    isOpen?: boolean;
  },
): Promise<{ id: string; description: string }> {
  const description = values.description ?? `配膳ボランティア${++sequence}`;
  const [row] = await ds.query<{ id: string }[]>(
    `INSERT INTO host_need (municipality_id, organization_id, kind, description, is_open)
     VALUES ($1, $2, $3, $4, $5) RETURNING id`,
    [
      values.municipalityId,
      values.organizationId,
      values.kind ?? 'PEOPLE',
      description,
      values.isOpen ?? true,
    ],
  );
  return { id: row.id, description };
}
