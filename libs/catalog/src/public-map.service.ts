import { BadUserInputException } from '@app/common';
import { Injectable } from '@nestjs/common';
import type { Feature, FeatureCollection, Point } from 'geojson';
import { DataSource } from 'typeorm';
import { ResourceKind } from './catalog.enums';

export const MAX_MAP_FEATURES = 5000;

export interface PublicMapQuery {
  bbox?: string;
  kind?: string;
  municipalityId?: string;
}

interface Row {
  id: string;
  name: string;
  kind: ResourceKind;
  area_name: string | null;
  themes: string[];
  lon: number;
  lat: number;
}

/**
 * The public map's data: PUBLIC, ACTIVE resources in a box, as an RFC 7946 FeatureCollection.
 * A confidential place is placed at its area's point; nothing that labels people is included.
 */
@Injectable()
export class PublicMapService {
  constructor(private readonly dataSource: DataSource) {}

  async features(query: PublicMapQuery): Promise<FeatureCollection<Point>> {
    const [west, south, east, north] = parseBbox(query.bbox);
    const kinds = parseKinds(query.kind);
    if (query.municipalityId !== undefined && !/^[0-9a-f-]{36}$/i.test(query.municipalityId)) {
      throw BadUserInputException.field('municipalityId', '自治体の形式が正しくありません');
    }
    const rows = await this.dataSource.query<Row[]>(
      `WITH box AS (SELECT ST_MakeEnvelope($1, $2, $3, $4, 4326) AS g)
       SELECT r.id, r.name, r.kind, a.name AS area_name,
              ST_X(p.pt) AS lon, ST_Y(p.pt) AS lat,
              coalesce((SELECT array_agg(t.label ORDER BY t.sort_order)
                          FROM resource_theme rt JOIN theme t ON t.code = rt.theme_code
                         WHERE rt.resource_id = r.id), '{}') AS themes
         FROM resource r
         CROSS JOIN box
         LEFT JOIN area a ON a.id = r.area_id
         CROSS JOIN LATERAL (SELECT CASE WHEN r.confidential_location THEN a.label_point
                                         ELSE r.location::geometry END AS pt) p
        WHERE r.visibility = 'PUBLIC' AND r.status = 'ACTIVE'
          AND ($5::text[] IS NULL OR r.kind::text = ANY ($5))
          AND ($6::uuid IS NULL OR r.municipality_id = $6)
          AND ((NOT r.confidential_location AND r.location && box.g::geography AND ST_Intersects(r.location::geometry, box.g))
               OR (r.confidential_location AND ST_Intersects(a.label_point, box.g)))
        ORDER BY r.name, r.id
        LIMIT $7`,
      [west, south, east, north, kinds, query.municipalityId ?? null, MAX_MAP_FEATURES + 1],
    );
    const truncated = rows.length > MAX_MAP_FEATURES;
    const features: Feature<Point>[] = rows.slice(0, MAX_MAP_FEATURES).map((r) => ({
      type: 'Feature',
      id: r.id,
      geometry: { type: 'Point', coordinates: [round6(r.lon), round6(r.lat)] },
      properties: { id: r.id, name: r.name, kind: r.kind, themes: r.themes, areaName: r.area_name },
    }));
    return { type: 'FeatureCollection', features, ...(truncated && { truncated: true }) };
  }
}

const round6 = (v: number) => Math.round(Number(v) * 1e6) / 1e6;

function parseBbox(value: string | undefined): [number, number, number, number] {
  const fail = (why: string) =>
    BadUserInputException.field(
      'bbox',
      `bbox の指定が正しくありません: ${why}（例: bbox=139.30,35.62,139.42,35.71）`,
    );
  if (!value) throw fail('西端経度,南端緯度,東端経度,北端緯度 の4つの数を指定してください');
  const parts = value.split(',');
  if (parts.length !== 4 || parts.some((p) => !/^\s*-?\d+(\.\d+)?\s*$/.test(p)))
    throw fail('4つの数をカンマで区切ってください');
  const [west, south, east, north] = parts.map(Number);
  if (
    [west, east].some((v) => v < -180 || v > 180) ||
    [south, north].some((v) => v < -90 || v > 90)
  )
    throw fail('経度は-180〜180、緯度は-90〜90です');
  if (west >= east || south >= north) throw fail('西端・南端は東端・北端より小さくしてください');
  return [west, south, east, north];
}

function parseKinds(value: string | undefined): string[] | null {
  if (!value) return null;
  const kinds = value.split(',').map((k) => k.trim());
  const unknown = kinds.filter((k) => !(k in ResourceKind));
  if (unknown.length)
    throw BadUserInputException.field(
      'kind',
      `不明な種類です: ${unknown.join(', ')}（IBASHO, VOLUNTEER, WORK_PLACEMENT, PROGRAM）`,
    );
  return kinds;
}
