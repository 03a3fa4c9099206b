import { ANONYMOUS, RequestContext } from '@app/common';
import { SearchService } from '@app/search';
import { openBench, report, runBench, seeded, timed } from './bench-city';

/**
 * `npm run bench:search`: text + filter + radius searches over the benchmark city (ベンチ市,
 * BENCH_RESOURCES resources, 100,000 by default), in-process through SearchService, against two
 * baselines over the same data, in the same run and with the same words:
 * - ILIKE '%…%' with the same filters: kind and radius too, the radius through the catalogue's
 *   spatial index, so only the rows near the point are scanned;
 * - a plain ILIKE '%…%' scan: name and description only, with only the tenant, visibility and
 *   status conditions (what a catalogue without a search engine does for free text).
 * Each line counts the first page and the total, as the search does.
 * Uses DATABASE_URL when set, otherwise an embedded database in a temporary folder.
 */
const RESOURCES = Number(process.env.BENCH_RESOURCES ?? 100_000);
const QUERIES = Number(process.env.BENCH_QUERIES ?? 1000);
const WORDS = [
  'コーヒー',
  '畑',
  '清掃',
  'スマホ',
  '居場所',
  '食堂',
  '図書館',
  '日本語',
  '花壇',
  '相談',
  'サロン',
  '就労',
  'パン',
  '切手',
  'ボランティア',
];
const KINDS = [null, ['IBASHO'], ['VOLUNTEER'], ['WORK_PLACEMENT'], ['PROGRAM']] as const;
const BBOX = { west: 139.45, south: 35.5, east: 139.85, north: 35.8 };

async function main(): Promise<void> {
  const bench = await openBench(RESOURCES);
  const { app, dataSource, database, municipalityId } = bench;
  await dataSource.query('ANALYZE');

  const random = seeded(42);
  const cases = Array.from({ length: QUERIES }, () => ({
    word: WORDS[Math.floor(random() * WORDS.length)],
    kinds: KINDS[Math.floor(random() * KINDS.length)],
    latitude: BBOX.south + random() * (BBOX.north - BBOX.south),
    longitude: BBOX.west + random() * (BBOX.east - BBOX.west),
    radiusMeters: 1000 + Math.floor(random() * 4000),
  }));

  const search = app.get(SearchService);
  let peakRss = process.memoryUsage().rss;
  const time = async (fn: () => Promise<unknown>) => {
    const ms = await timed(fn);
    peakRss = Math.max(peakRss, process.memoryUsage().rss);
    return ms;
  };
  const engine: number[] = [];
  const ilike: number[] = [];
  const plain: number[] = [];
  let found = 0;
  // Warm up every path.
  for (const c of cases.slice(0, 20)) await run(c);

  async function run(c: (typeof cases)[number]) {
    engine.push(
      await time(() =>
        RequestContext.run(
          { requestId: 'bench', defaultMunicipalityId: null, viewer: ANONYMOUS },
          async () => {
            const outcome = await search.search({
              municipalityId,
              query: c.word,
              filter: { ...(c.kinds && { kinds: [...c.kinds] as never }) },
              near: { latitude: c.latitude, longitude: c.longitude, radiusMeters: c.radiusMeters },
              first: 20,
            });
            found += outcome.hits.length;
            await outcome.result.total();
          },
        ),
      ),
    );
    ilike.push(
      await time(() =>
        dataSource.query(
          `SELECT r.id, count(*) OVER () FROM resource r
            WHERE r.municipality_id = $1 AND r.visibility = 'PUBLIC' AND r.status IN ('ACTIVE', 'PAUSED')
              AND ($2::text[] IS NULL OR r.kind::text = ANY($2::text[]))
              AND (r.name ILIKE $3 OR r.description ILIKE $3)
              AND ST_DWithin(r.location, ST_SetSRID(ST_MakePoint($4, $5), 4326)::geography, $6)
            ORDER BY r.name LIMIT 20`,
          [municipalityId, c.kinds, `%${c.word}%`, c.longitude, c.latitude, c.radiusMeters],
        ),
      ),
    );
    plain.push(
      await time(() =>
        dataSource.query(
          `SELECT r.id, count(*) OVER () FROM resource r
            WHERE r.municipality_id = $1 AND r.visibility = 'PUBLIC' AND r.status IN ('ACTIVE', 'PAUSED')
              AND (r.name ILIKE $2 OR r.description ILIKE $2)
            ORDER BY r.name LIMIT 20`,
          [municipalityId, `%${c.word}%`],
        ),
      ),
    );
  }
  engine.length = 0;
  ilike.length = 0;
  plain.length = 0;
  for (const c of cases) await run(c);

  const ratio = (label: string, base: ReturnType<typeof report>, a: ReturnType<typeof report>) =>
    `${label.padEnd(44)} p50 ${(base.p50 / a.p50).toFixed(1)}×  p95 ${(base.p95 / a.p95).toFixed(1)}×  mean ${(base.mean / a.mean).toFixed(1)}×\n`;
  process.stdout.write(
    `\nbench:search — ${RESOURCES} resources in ベンチ市, ${engine.length} queries (text + kind filter + 1–5 km radius), ${database.embedded ? 'embedded PGlite' : 'PostgreSQL server'}\n`,
  );
  const a = report('searchResources (built-in engine)', engine);
  const b = report("ILIKE '%…%', same filters (radius indexed)", ilike);
  const p = report("plain ILIKE '%…%' scan (text only)", plain);
  process.stdout.write(
    ratio('ratio, ILIKE same filters / engine:', b, a) +
      ratio('ratio, plain ILIKE scan / engine:', p, a) +
      `results per query (first page): ${(found / QUERIES).toFixed(1)}\n` +
      `peak resident memory: ${Math.round(peakRss / 2 ** 20)} MB\n`,
  );
  await bench.close();
}

runBench(main);
