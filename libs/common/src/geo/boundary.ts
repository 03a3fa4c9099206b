import { check } from '@placemarkio/check-geojson';
import type { MultiPolygon, Polygon, Position } from 'geojson';
import { BadUserInputException } from '../errors';

const inRange = ([lon, lat]: Position): boolean =>
  Number.isFinite(lon) &&
  Number.isFinite(lat) &&
  lon >= -180 &&
  lon <= 180 &&
  lat >= -90 &&
  lat <= 90;

/**
 * Checks that a value is a GeoJSON Polygon or MultiPolygon (RFC 7946: closed rings of at least four
 * positions, numeric coordinates in range) and returns it as a MultiPolygon. Topological validity
 * (self-intersection, holes outside shells) is checked by PostGIS before anything is written.
 */
export function parseBoundary(value: unknown, field = 'boundary'): MultiPolygon {
  const fail = (detail: string) =>
    BadUserInputException.field(field, `境界の形が正しくありません: ${detail}`);
  if (value === null || typeof value !== 'object' || Array.isArray(value)) {
    throw fail('GeoJSON の Polygon または MultiPolygon を指定してください');
  }
  const type = (value as { type?: unknown }).type;
  if (type !== 'Polygon' && type !== 'MultiPolygon') {
    throw fail(`種類は Polygon か MultiPolygon にしてください（指定された種類: ${String(type)}）`);
  }
  let geometry: Polygon | MultiPolygon;
  try {
    geometry = check(JSON.stringify(value)) as Polygon | MultiPolygon;
  } catch (error) {
    const issues = (error as { issues?: { message: string }[] }).issues ?? [];
    const sentences = [...new Set(issues.map((i) => translateHint(i.message)))];
    throw fail(sentences.length ? sentences.join('。') : '構造を読み取れません');
  }
  const polygons = geometry.type === 'Polygon' ? [geometry.coordinates] : geometry.coordinates;
  if (polygons.length === 0) throw fail('多角形が一つもありません');
  for (const polygon of polygons) {
    if (polygon.length === 0) throw fail('外周がありません');
    for (const ring of polygon) {
      if (!ring.every(inRange)) throw fail('座標が範囲外です（経度は-180〜180、緯度は-90〜90）');
    }
  }
  return { type: 'MultiPolygon', coordinates: polygons };
}

const HINTS: [RegExp, string][] = [
  [/four or more positions/i, '外周には4つ以上の点が必要です'],
  [/first and last positions/i, '外周の最初と最後の点を同じにして、多角形を閉じてください'],
  [/position should be an array|coordinates/i, '座標は [経度, 緯度] の数値の組にしてください'],
];

function translateHint(message: string): string {
  return HINTS.find(([pattern]) => pattern.test(message))?.[1] ?? message;
}

const REASONS: [RegExp, string][] = [
  [/^Ring Self-intersection/i, '外周が自分自身と接しています'],
  [/^Self-intersection/i, '辺が交差しています'],
  [/^Too few points/i, '点の数が足りません'],
  [/^Hole lies outside shell/i, '穴が外周の外にあります'],
  [/^Nested shells/i, '多角形が重なっています'],
  [/^Interior is disconnected/i, '内部が分断されています'],
  [/^Invalid Coordinate/i, '座標が正しくありません'],
];

/** Turns PostGIS's ST_IsValidReason text into a sentence a coordinator can act on. */
export function describeInvalidGeometry(reason: string): string {
  const location = /\[([-\d.e]+) ([-\d.e]+)\]/i.exec(reason);
  const where = location
    ? `（緯度 ${Number(location[2]).toFixed(5)}、経度 ${Number(location[1]).toFixed(5)} 付近）`
    : '';
  const found = REASONS.find(([pattern]) => pattern.test(reason));
  return `境界の形が正しくありません: ${found ? found[1] : reason}${where}`;
}
