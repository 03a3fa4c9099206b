import { FieldCipher, RequestContext, Viewer } from '@app/common';
import {
  AllocationPair,
  deferredAcceptance,
  MatchingService,
  maxScore,
  totalScore,
} from '@app/matching';
import { seedScaleCandidates } from '@db/seeds/scale-candidates';
import { openBench, report, runBench, seeded, timed } from './bench-city';

/**
 * `npm run bench:match`, over the benchmark city (ベンチ市: BENCH_RESOURCES resources, 100,000
 * by default, and BENCH_CANDIDATES pseudonymous candidates, 10,000 by default, in one team):
 *
 * 1. top-20 for one candidate: `matchResources(first: 20)` through MatchingService, as the
 *    team's coordinator (tenant scope, profile decryption, audit record and all), for
 *    BENCH_MATCH_QUERIES sampled candidates, after the first match (timed on its own: it reads
 *    the municipality's listings into memory);
 * 2. every candidate's top-50: the same call with `first: 50`, for all candidates;
 * 3. batch allocation of all candidates over their top-50 options, each opening taking its open
 *    seats: maximum total score (min-cost flow) and deferred acceptance, timed, with the memory
 *    it took.
 *
 * Uses DATABASE_URL when set, otherwise an embedded database in a temporary folder.
 */
const RESOURCES = Number(process.env.BENCH_RESOURCES ?? 100_000);
const CANDIDATES = Number(process.env.BENCH_CANDIDATES ?? 10_000);
const QUERIES = Number(process.env.BENCH_MATCH_QUERIES ?? 300);
/** How many top-50 searches run at once in step 2 (the pool has connections to spare). */
const CONCURRENCY = Number(process.env.BENCH_CONCURRENCY ?? 2);
const OPTIONS = 50;
const MB = 2 ** 20;

async function main(): Promise<void> {
  const bench = await openBench(RESOURCES);
  const { app, dataSource, database, municipalityId } = bench;
  const team = await seedScaleCandidates(dataSource, app.get(FieldCipher), CANDIDATES, (done) =>
    process.stdout.write(`  ${done} candidates\r`),
  );
  await dataSource.query('ANALYZE');
  const ids = (
    await dataSource.query<{ id: string }[]>(
      `SELECT id FROM candidate WHERE team_id = $1 AND status = 'ACTIVE' ORDER BY alias LIMIT $2`,
      [team.teamId, CANDIDATES],
    )
  ).map((r) => r.id);
  const viewer: Viewer = {
    kind: 'COORDINATOR',
    userId: team.coordinatorId,
    municipalityId,
    teamId: team.teamId,
    areaIds: [],
  };
  const matching = app.get(MatchingService);
  const match = (candidateId: string, first: number) =>
    RequestContext.run({ requestId: 'bench', defaultMunicipalityId: null, viewer }, () =>
      matching.matchResources({
        candidateId,
        first,
        options: { acceptWaitlist: false, horizonDays: 28, nearMisses: 10 },
        purpose: 'ベンチマーク',
      }),
    );

  // 1. Top-20 for one candidate.
  const random = seeded(7);
  const sample = Array.from({ length: QUERIES }, () => ids[Math.floor(random() * ids.length)]);
  // The first match in a municipality reads its listings into memory (listing-index.ts).
  global.gc?.();
  const heapBefore = process.memoryUsage().heapUsed;
  const firstMatch = await timed(() => match(sample[0], 20));
  global.gc?.();
  const indexHeap = process.memoryUsage().heapUsed - heapBefore;
  for (const id of sample.slice(1, 10)) await match(id, 20); // warm-up
  const top20: number[] = [];
  let found = 0;
  let considered = 0;
  for (const id of sample)
    top20.push(
      await timed(async () => {
        const result = await match(id, 20);
        found += result.matches.length;
        considered += result.considered;
      }),
    );

  process.stdout.write(
    `\nbench:match — ${RESOURCES} resources and ${ids.length} candidates in ベンチ市, ${database.embedded ? 'embedded PGlite' : 'PostgreSQL server'}\n`,
  );
  process.stdout.write(
    `first match, reading the ${RESOURCES} listings into memory: ${(firstMatch / 1000).toFixed(2)} s, heap +${Math.round(indexHeap / MB)} MB\n`,
  );
  const figures = report(`top-20 for one candidate (${top20.length} runs)`, top20);
  process.stdout.write(
    `  listings weighed per run ${(considered / top20.length).toFixed(0)}, matches per run ${(found / top20.length).toFixed(1)}\n`,
  );

  // 2. Every candidate's top-50.
  const pairs: AllocationPair[] = [];
  const started = Date.now();
  let done = 0;
  const queue = [...ids];
  await Promise.all(
    Array.from({ length: CONCURRENCY }, async () => {
      for (let id = queue.shift(); id; id = queue.shift()) {
        const result = await match(id, OPTIONS);
        for (const m of result.matches)
          pairs.push({ candidateId: id, openingId: m.resource.id, score: m.score });
        if (++done % 250 === 0) process.stdout.write(`  top-${OPTIONS}: ${done}/${ids.length}\r`);
      }
    }),
  );
  const optionsSeconds = (Date.now() - started) / 1000;
  const openingIds = [...new Set(pairs.map((p) => p.openingId))];
  const seats = await dataSource.query<{ id: string; seats: number | null }[]>(
    `SELECT id, capacity - seats_taken AS seats FROM resource WHERE id = ANY($1::uuid[])`,
    [openingIds],
  );
  const capacities = Object.fromEntries(
    seats.map((s) => [s.id, s.seats === null ? ids.length : Math.max(0, s.seats)]),
  );

  // 3. Allocation, each method on its own, with the memory it takes.
  const allocation = (method: typeof maxScore) => {
    global.gc?.();
    const before = process.memoryUsage();
    let peak = before.rss;
    const timer = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 5);
    const t0 = process.hrtime.bigint();
    const result = method({ pairs, capacities });
    const ms = Number(process.hrtime.bigint() - t0) / 1e6;
    clearInterval(timer);
    const after = process.memoryUsage();
    peak = Math.max(peak, after.rss);
    return { result, ms, peakRss: peak, heapGrowth: after.heapUsed - before.heapUsed };
  };
  const flow = allocation(maxScore);
  const stable = allocation(deferredAcceptance);

  const line = (label: string, a: typeof flow) =>
    `${label.padEnd(44)} ${(a.ms / 1000).toFixed(2)} s  assigned ${a.result.length}  total score ${totalScore(a.result).toFixed(1)}  peak RSS ${Math.round(a.peakRss / MB)} MB\n`;
  process.stdout.write(
    `top-${OPTIONS} for every candidate                 ${optionsSeconds.toFixed(1)} s (${CONCURRENCY} at a time: ${((optionsSeconds * 1000 * CONCURRENCY) / ids.length).toFixed(1)} ms each), ${pairs.length} pairs over ${openingIds.length} openings\n` +
      line('allocation, maximum total (min-cost flow)', flow) +
      line('allocation, deferred acceptance (stable)', stable) +
      `targets: top-20 p95 ≤ 100 ms: ${figures.p95 <= 100 ? 'met' : 'NOT met'}; ` +
      `allocation ≤ 10 s and ≤ 1 GB: ${[flow, stable].every((a) => a.ms <= 10_000 && a.peakRss <= 1024 * MB) ? 'met' : 'NOT met'}\n`,
  );
  await bench.close();
}

runBench(main);
