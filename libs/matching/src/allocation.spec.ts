import fc from 'fast-check';
import {
  AllocationInput,
  AllocationPair,
  Assignment,
  deferredAcceptance,
  maxScore,
  totalScore,
} from './allocation';

/** Small random instances: up to 6 candidates, 4 openings, capacities 0–3, some locks and exclusions. */
const instance = fc
  .record({
    candidates: fc.integer({ min: 1, max: 6 }),
    openings: fc.integer({ min: 1, max: 4 }),
  })
  .chain(({ candidates, openings }) => {
    const cs = Array.from({ length: candidates }, (_, i) => `c${i}`);
    const os = Array.from({ length: openings }, (_, i) => `o${i}`);
    const allPairs = cs.flatMap((c) => os.map((o) => ({ c, o })));
    return fc.record({
      pairs: fc
        .subarray(allPairs)
        .chain((chosen) =>
          fc.tuple(
            ...chosen.map(({ c, o }) =>
              fc
                .integer({ min: 1, max: 100 })
                .map((s) => ({ candidateId: c, openingId: o, score: s / 100 })),
            ),
          ),
        ),
      capacities: fc
        .tuple(...os.map(() => fc.integer({ min: 0, max: 3 })))
        .map((caps) => Object.fromEntries(os.map((o, i) => [o, caps[i]]))),
      locked: fc.subarray(allPairs, { maxLength: Math.min(2, allPairs.length) }),
      excluded: fc.subarray(allPairs, { maxLength: Math.min(3, allPairs.length) }),
    });
  })
  .map((x): AllocationInput => ({
    pairs: x.pairs,
    capacities: x.capacities,
    locked: x.locked.map(({ c, o }) => ({ candidateId: c, openingId: o })),
    excluded: x.excluded.map(({ c, o }) => ({ candidateId: c, openingId: o })),
  }));

const pairKey = (c: string, o: string) => `${c}|${o}`;

function respectsCapacities(input: AllocationInput, result: Assignment[]) {
  const used: Record<string, number> = {};
  const seen = new Set<string>();
  for (const a of result) {
    used[a.openingId] = (used[a.openingId] ?? 0) + 1;
    expect(seen.has(a.candidateId)).toBe(false);
    seen.add(a.candidateId);
  }
  for (const [o, n] of Object.entries(used))
    expect(n).toBeLessThanOrEqual(input.capacities[o] ?? 0);
}

function onlyAllowedPairs(input: AllocationInput, result: Assignment[]) {
  const allowed = new Set(input.pairs.map((p) => pairKey(p.candidateId, p.openingId)));
  const excluded = new Set((input.excluded ?? []).map((p) => pairKey(p.candidateId, p.openingId)));
  const locked = new Set((input.locked ?? []).map((p) => pairKey(p.candidateId, p.openingId)));
  for (const a of result) {
    const k = pairKey(a.candidateId, a.openingId);
    if (a.locked) expect(locked.has(k)).toBe(true);
    else {
      expect(allowed.has(k)).toBe(true);
      expect(excluded.has(k)).toBe(false);
    }
  }
}

/** The best total by trying every assignment (what the lock step leaves to allocate). */
function exhaustiveBest(input: AllocationInput, locked: Assignment[]): number {
  const lockedCandidates = new Set(locked.map((a) => a.candidateId));
  const left = { ...input.capacities };
  for (const a of locked) left[a.openingId] -= 1;
  const excluded = new Set((input.excluded ?? []).map((p) => pairKey(p.candidateId, p.openingId)));
  const options = new Map<string, AllocationPair[]>();
  for (const p of input.pairs)
    if (!lockedCandidates.has(p.candidateId) && !excluded.has(pairKey(p.candidateId, p.openingId)))
      options.set(p.candidateId, [...(options.get(p.candidateId) ?? []), p]);
  const people = [...options.keys()];
  const go = (i: number): number => {
    if (i === people.length) return 0;
    let best = go(i + 1);
    for (const p of options.get(people[i])!) {
      if ((left[p.openingId] ?? 0) <= 0) continue;
      left[p.openingId] -= 1;
      best = Math.max(best, p.score + go(i + 1));
      left[p.openingId] += 1;
    }
    return best;
  };
  return go(0) + totalScore(locked);
}

/**
 * A second, plain min-cost flow for instances too large to try every assignment: successive
 * shortest paths found by Bellman–Ford on the residual graph, stopping when a path would lower
 * the total. Slow and simple, so that it can be trusted.
 */
function referenceBest(input: AllocationInput): number {
  const pairs = input.pairs;
  const cs = [...new Set(pairs.map((p) => p.candidateId))];
  const os = Object.keys(input.capacities);
  const n = 2 + cs.length + os.length;
  const node = (id: string, side: 'c' | 'o') =>
    2 + (side === 'c' ? cs.indexOf(id) : cs.length + os.indexOf(id));
  const edges: { from: number; to: number; cap: number; cost: number }[] = [];
  const add = (from: number, to: number, cap: number, cost: number) =>
    edges.push({ from, to, cap, cost }, { from: to, to: from, cap: 0, cost: -cost });
  for (const c of cs) add(0, node(c, 'c'), 1, 0);
  for (const p of pairs) add(node(p.candidateId, 'c'), node(p.openingId, 'o'), 1, -p.score);
  for (const o of os) add(node(o, 'o'), 1, input.capacities[o], 0);
  let total = 0;
  for (;;) {
    const dist = new Array<number>(n).fill(Infinity);
    const via = new Array<number>(n).fill(-1);
    dist[0] = 0;
    for (let round = 0; round < n; round++)
      edges.forEach((e, i) => {
        if (e.cap > 0 && dist[e.from] + e.cost < dist[e.to] - 1e-12) {
          dist[e.to] = dist[e.from] + e.cost;
          via[e.to] = i;
        }
      });
    if (dist[1] >= -1e-12) return total;
    total -= dist[1];
    for (let v = 1; v !== 0; v = edges[via[v]].from) {
      edges[via[v]].cap -= 1;
      edges[via[v] ^ 1].cap += 1;
    }
  }
}

/** Larger instances, crowded on purpose: many people share the same few favourite openings. */
const crowded = fc
  .record({
    candidates: fc.integer({ min: 5, max: 40 }),
    openings: fc.integer({ min: 2, max: 12 }),
    seed: fc.integer(),
  })
  .chain(({ candidates, openings }) =>
    fc.record({
      pairs: fc.tuple(
        ...Array.from({ length: candidates }, (_, c) =>
          fc
            .uniqueArray(fc.integer({ min: 0, max: openings - 1 }), {
              minLength: 1,
              maxLength: Math.min(openings, 6),
            })
            .chain((os) =>
              fc.tuple(
                ...os.map((o) =>
                  fc.integer({ min: 1, max: 20 }).map((s) => ({
                    candidateId: `c${c}`,
                    openingId: `o${o}`,
                    score: s / 20,
                  })),
                ),
              ),
            ),
        ),
      ),
      capacities: fc.tuple(
        ...Array.from({ length: openings }, () => fc.integer({ min: 1, max: 5 })),
      ),
    }),
  )
  .map((x): AllocationInput => ({
    pairs: x.pairs.flat(),
    capacities: Object.fromEntries(x.capacities.map((cap, o) => [`o${o}`, cap])),
  }));

describe('batch allocation', () => {
  it('never exceeds a capacity and assigns only allowed or locked pairs (both methods)', () => {
    fc.assert(
      fc.property(instance, (input) => {
        for (const result of [maxScore(input), deferredAcceptance(input)]) {
          respectsCapacities(input, result);
          onlyAllowedPairs(input, result);
        }
      }),
      { numRuns: 300 },
    );
  });

  it('min-cost flow reaches the best total an exhaustive search finds', () => {
    fc.assert(
      fc.property(instance, (input) => {
        const result = maxScore(input);
        const best = exhaustiveBest(
          input,
          result.filter((a) => a.locked),
        );
        expect(totalScore(result)).toBeCloseTo(best, 6);
      }),
      { numRuns: 300 },
    );
  });

  it('min-cost flow matches a plain Bellman–Ford flow on larger, crowded instances', () => {
    fc.assert(
      fc.property(crowded, (input) => {
        const result = maxScore(input);
        respectsCapacities(input, result);
        expect(totalScore(result)).toBeCloseTo(referenceBest(input), 6);
      }),
      { numRuns: 150 },
    );
  });

  it('deferred acceptance leaves no blocking pair', () => {
    fc.assert(
      fc.property(instance, (input) => {
        const result = deferredAcceptance(input);
        const mine = new Map(result.map((a) => [a.candidateId, a]));
        const excluded = new Set(
          (input.excluded ?? []).map((p) => pairKey(p.candidateId, p.openingId)),
        );
        const lockedCandidates = new Set(result.filter((a) => a.locked).map((a) => a.candidateId));
        const left = { ...input.capacities };
        for (const a of result.filter((x) => x.locked)) left[a.openingId] -= 1;
        for (const p of input.pairs) {
          if (
            lockedCandidates.has(p.candidateId) ||
            excluded.has(pairKey(p.candidateId, p.openingId))
          )
            continue;
          if ((left[p.openingId] ?? 0) <= 0) continue;
          const current = mine.get(p.candidateId);
          const candidateWants =
            !current ||
            p.score > current.score ||
            (p.score === current.score && p.openingId < current.openingId);
          if (!candidateWants || current?.openingId === p.openingId) continue;
          const holders = result.filter((a) => !a.locked && a.openingId === p.openingId);
          const openingHasRoom = holders.length < left[p.openingId];
          const openingPrefers = holders.some(
            (h) => p.score > h.score || (p.score === h.score && p.candidateId < h.candidateId),
          );
          expect(openingHasRoom || openingPrefers).toBe(false);
        }
      }),
      { numRuns: 300 },
    );
  });

  it('is deterministic: the order pairs arrive in changes nothing', () => {
    fc.assert(
      fc.property(instance, (input) => {
        const reversed = { ...input, pairs: [...input.pairs].reverse() };
        expect(maxScore(reversed)).toEqual(maxScore(input));
        expect(deferredAcceptance(reversed)).toEqual(deferredAcceptance(input));
      }),
      { numRuns: 200 },
    );
  });

  it('takes a lock first, even over a better pair, and never assigns an excluded one', () => {
    const input: AllocationInput = {
      pairs: [
        { candidateId: 'a', openingId: 'x', score: 0.9 },
        { candidateId: 'b', openingId: 'x', score: 0.8 },
        { candidateId: 'b', openingId: 'y', score: 0.2 },
      ],
      capacities: { x: 1, y: 1 },
      locked: [{ candidateId: 'b', openingId: 'x' }],
      excluded: [{ candidateId: 'a', openingId: 'y' }],
    };
    expect(maxScore(input)).toEqual([
      { candidateId: 'b', openingId: 'x', score: 0.8, locked: true },
    ]);
    expect(deferredAcceptance(input)).toEqual(maxScore(input));
  });

  it('differs where it should: the best total is not always the stable one', () => {
    // a: x 0.9, y 0.8; b: x 0.85 only. Best total: a→y, b→x (1.65). Stable: a→x (both prefer it).
    const input: AllocationInput = {
      pairs: [
        { candidateId: 'a', openingId: 'x', score: 0.9 },
        { candidateId: 'a', openingId: 'y', score: 0.8 },
        { candidateId: 'b', openingId: 'x', score: 0.85 },
      ],
      capacities: { x: 1, y: 1 },
    };
    expect(totalScore(maxScore(input))).toBeCloseTo(1.65, 6);
    expect(deferredAcceptance(input).map((a) => `${a.candidateId}${a.openingId}`)).toEqual(['ax']);
  });
});
