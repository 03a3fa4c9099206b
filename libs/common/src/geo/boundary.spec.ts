import { BadUserInputException } from '../errors';
import { describeInvalidGeometry, parseBoundary } from './boundary';

const ring = [
  [139.5, 35.5],
  [139.51, 35.5],
  [139.51, 35.51],
  [139.5, 35.51],
  [139.5, 35.5],
];

function fieldErrorOf(fn: () => unknown) {
  try {
    fn();
  } catch (error) {
    expect(error).toBeInstanceOf(BadUserInputException);
    return (error as BadUserInputException).fieldErrors[0];
  }
  throw new Error('expected a BadUserInputException');
}

describe('parseBoundary', () => {
  it('turns a Polygon into a MultiPolygon', () => {
    expect(parseBoundary({ type: 'Polygon', coordinates: [ring] })).toEqual({
      type: 'MultiPolygon',
      coordinates: [[ring]],
    });
  });

  it('keeps a MultiPolygon', () => {
    expect(parseBoundary({ type: 'MultiPolygon', coordinates: [[ring]] }).coordinates).toHaveLength(
      1,
    );
  });

  it.each([
    ['a point', { type: 'Point', coordinates: [139.5, 35.5] }, /Polygon か MultiPolygon/],
    ['an open ring', { type: 'Polygon', coordinates: [ring.slice(0, 4)] }, /閉じてください/],
    [
      'too few positions',
      { type: 'Polygon', coordinates: [[ring[0], ring[1], ring[0]]] },
      /4つ以上/,
    ],
    [
      'a latitude out of range',
      { type: 'Polygon', coordinates: [ring.map(([x, y]) => [x, y + 60])] },
      /範囲外/,
    ],
    ['not an object', 'POLYGON((0 0))', /GeoJSON/],
  ])('refuses %s, naming the boundary field', (_label, value, message) => {
    const error = fieldErrorOf(() => parseBoundary(value));
    expect(error.field).toBe('boundary');
    expect(error.message).toMatch(message);
  });
});

describe('describeInvalidGeometry', () => {
  it('explains a self-intersection in Japanese with where it is', () => {
    expect(describeInvalidGeometry('Self-intersection[139.505 35.505]')).toBe(
      '境界の形が正しくありません: 辺が交差しています（緯度 35.50500、経度 139.50500 付近）',
    );
  });

  it('passes an unknown reason through', () => {
    expect(describeInvalidGeometry('Something new')).toContain('Something new');
  });
});
