import type { Polygon, Position } from 'geojson';

export interface TilingOptions {
  west: number;
  south: number;
  east: number;
  north: number;
  rows: number;
  cols: number;
  random: () => number;
}

export interface Tile {
  row: number;
  col: number;
  polygon: Polygon;
  /** A point well inside the tile, and the half-size of a box around it that stays inside. */
  center: Position;
  safeHalfSize: [number, number];
}

const VERTEX_JITTER = 0.18; // of a cell, per axis
const EDGE_JITTER = 0.07; // of a cell, across the edge

/**
 * Cuts a box into rows × cols tiles whose shared borders wander a little, like real town borders.
 * Neighbouring tiles share the very same vertices, so the tiling has no gaps or overlaps and the
 * union of any adjacent tiles is a clean polygon.
 */
export function jitteredTiling(o: TilingOptions): Tile[] {
  const cellW = (o.east - o.west) / o.cols;
  const cellH = (o.north - o.south) / o.rows;
  const jitter = (size: number, amount: number) => (o.random() * 2 - 1) * amount * size;
  const round = (v: number) => Math.round(v * 1e6) / 1e6;

  // Grid vertices, row 0 at the north edge.
  const vertex: Position[][] = [];
  for (let i = 0; i <= o.rows; i++) {
    vertex.push([]);
    for (let j = 0; j <= o.cols; j++) {
      vertex[i].push([
        round(o.west + j * cellW + jitter(cellW, VERTEX_JITTER)),
        round(o.north - i * cellH + jitter(cellH, VERTEX_JITTER)),
      ]);
    }
  }
  // Two wandering points on every edge, computed once and shared by both neighbours.
  const edges = new Map<string, Position[]>();
  const edgePoints = (key: string, a: Position, b: Position, across: 'lon' | 'lat'): Position[] => {
    let points = edges.get(key);
    if (!points) {
      points = [1 / 3, 2 / 3].map((t) => {
        const p: Position = [a[0] + (b[0] - a[0]) * t, a[1] + (b[1] - a[1]) * t];
        if (across === 'lat') p[1] += jitter(cellH, EDGE_JITTER);
        else p[0] += jitter(cellW, EDGE_JITTER);
        return [round(p[0]), round(p[1])];
      });
      edges.set(key, points);
    }
    return points;
  };
  const horizontal = (i: number, j: number) =>
    edgePoints(`h${i}:${j}`, vertex[i][j], vertex[i][j + 1], 'lat');
  const vertical = (i: number, j: number) =>
    edgePoints(`v${i}:${j}`, vertex[i][j], vertex[i + 1][j], 'lon');

  const tiles: Tile[] = [];
  for (let i = 0; i < o.rows; i++) {
    for (let j = 0; j < o.cols; j++) {
      // Counter-clockwise (RFC 7946): down the west side, east along the south, up the east, back west.
      const ring: Position[] = [
        vertex[i][j],
        ...vertical(i, j),
        vertex[i + 1][j],
        ...horizontal(i + 1, j),
        vertex[i + 1][j + 1],
        ...[...vertical(i, j + 1)].reverse(),
        vertex[i][j + 1],
        ...[...horizontal(i, j)].reverse(),
        vertex[i][j],
      ];
      tiles.push({
        row: i,
        col: j,
        polygon: { type: 'Polygon', coordinates: [ring] },
        center: [o.west + (j + 0.5) * cellW, o.north - (i + 0.5) * cellH],
        safeHalfSize: [cellW * 0.2, cellH * 0.2],
      });
    }
  }
  return tiles;
}
