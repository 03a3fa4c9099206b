import { seededRandom } from '../random';
import { jitteredTiling } from './tiling';

const options = () => ({
  west: 139.3,
  south: 35.62,
  east: 139.42,
  north: 35.71,
  rows: 4,
  cols: 4,
  random: seededRandom(7),
});

describe('jitteredTiling', () => {
  const tiles = jitteredTiling(options());

  it('cuts the box into rows × cols closed rings', () => {
    expect(tiles).toHaveLength(16);
    for (const tile of tiles) {
      const ring = tile.polygon.coordinates[0];
      expect(ring[0]).toEqual(ring[ring.length - 1]);
      expect(ring.length).toBe(13);
    }
  });

  it('gives neighbours the very same shared border', () => {
    const at = (r: number, c: number) =>
      tiles.find((t) => t.row === r && t.col === c)!.polygon.coordinates[0];
    const key = (p: number[]) => p.join(',');
    const left = new Set(at(1, 1).map(key));
    const shared = at(1, 2)
      .slice(0, -1)
      .filter((p) => left.has(key(p))); // the closing point repeats the first
    expect(shared).toHaveLength(4); // two corners and two wandering points
  });

  it('is the same on every run with the same seed', () => {
    expect(jitteredTiling(options())).toEqual(tiles);
  });
});
