/**
 * Batch allocation of a cohort to openings with capacities (e.g. a season's work-experience
 * places), over the pairs that pass the hard filters, each with its score. Two methods:
 *
 * - `maxScore`: the assignment of greatest total score that never exceeds a capacity — a
 *   min-cost flow (source → candidate → opening → sink, cost −score), solved by successive
 *   shortest paths with Johnson potentials (Bellman–Ford once, then Dijkstra stopping at the
 *   sink);
 * - `deferredAcceptance`: candidate-proposing deferred acceptance (Gale–Shapley with capacities),
 *   both sides ranking by score: stable, no candidate and opening would both rather have each other.
 *
 * Both are deterministic (ties broken by id), honour pairs the coordinator locked (assigned first,
 * taking a seat) or excluded (never assigned), and never exceed a capacity.
 */
export interface AllocationPair {
  candidateId: string;
  openingId: string;
  score: number;
}

export interface AllocationInput {
  pairs: AllocationPair[];
  capacities: Record<string, number>;
  locked?: { candidateId: string; openingId: string }[];
  excluded?: { candidateId: string; openingId: string }[];
}

export interface Assignment {
  candidateId: string;
  openingId: string;
  score: number;
  locked: boolean;
}

const key = (c: string, o: string) => `${c}\u0000${o}`;
const SCALE = 1_000_000;

/** Locks taken first (within capacity), exclusions removed: what the methods then allocate. */
function prepare(input: AllocationInput) {
  const excluded = new Set((input.excluded ?? []).map((p) => key(p.candidateId, p.openingId)));
  const scoreOf = new Map(input.pairs.map((p) => [key(p.candidateId, p.openingId), p.score]));
  const left = { ...input.capacities };
  const assigned: Assignment[] = [];
  const taken = new Set<string>();
  for (const l of [...(input.locked ?? [])].sort((a, b) =>
    key(a.candidateId, a.openingId).localeCompare(key(b.candidateId, b.openingId)),
  )) {
    if (taken.has(l.candidateId) || (left[l.openingId] ?? 0) <= 0) continue;
    left[l.openingId] -= 1;
    taken.add(l.candidateId);
    assigned.push({ ...l, score: scoreOf.get(key(l.candidateId, l.openingId)) ?? 0, locked: true });
  }
  const pairs = input.pairs
    .filter((p) => !taken.has(p.candidateId) && !excluded.has(key(p.candidateId, p.openingId)))
    .filter((p) => (left[p.openingId] ?? 0) > 0 && p.score > 0)
    .sort((a, b) => key(a.candidateId, a.openingId).localeCompare(key(b.candidateId, b.openingId)));
  return { pairs, left, assigned };
}

/** Greatest total score under the capacities (min-cost flow). */
export function maxScore(input: AllocationInput): Assignment[] {
  const { pairs, left, assigned } = prepare(input);
  const candidates = [...new Set(pairs.map((p) => p.candidateId))].sort();
  const openings = [...new Set(pairs.map((p) => p.openingId))].sort();
  // Nodes: 0 source, 1 sink, then candidates, then openings.
  const S = 0;
  const T = 1;
  const cIndex = new Map(candidates.map((c, i) => [c, 2 + i]));
  const oIndex = new Map(openings.map((o, i) => [o, 2 + candidates.length + i]));
  const n = 2 + candidates.length + openings.length;
  const to: number[] = [];
  const cap: number[] = [];
  const cost: number[] = [];
  const head = new Array<number>(n).fill(-1);
  const next: number[] = [];
  const edge = (u: number, v: number, c: number, w: number) => {
    for (const [a, b, cc, ww] of [
      [u, v, c, w],
      [v, u, 0, -w],
    ]) {
      to.push(b);
      cap.push(cc);
      cost.push(ww);
      next.push(head[a]);
      head[a] = to.length - 1;
    }
  };
  for (const c of candidates) edge(S, cIndex.get(c)!, 1, 0);
  const pairEdge = new Map<number, AllocationPair>();
  for (const p of pairs) {
    pairEdge.set(to.length, p);
    edge(cIndex.get(p.candidateId)!, oIndex.get(p.openingId)!, 1, -Math.round(p.score * SCALE));
  }
  for (const o of openings) edge(oIndex.get(o)!, T, left[o], 0);

  // Potentials from Bellman–Ford (the graph is a DAG at first: costs are negative only forward).
  const potential = new Array<number>(n).fill(Infinity);
  potential[S] = 0;
  for (let round = 0; round < n; round++) {
    let changed = false;
    for (let u = 0; u < n; u++) {
      if (potential[u] === Infinity) continue;
      for (let e = head[u]; e !== -1; e = next[e])
        if (cap[e] > 0 && potential[u] + cost[e] < potential[to[e]]) {
          potential[to[e]] = potential[u] + cost[e];
          changed = true;
        }
    }
    if (!changed) break;
  }
  for (let i = 0; i < n; i++) if (potential[i] === Infinity) potential[i] = 0;

  for (;;) {
    // Dijkstra on reduced costs (a binary heap of [distance, node]).
    const dist = new Array<number>(n).fill(Infinity);
    const via = new Array<number>(n).fill(-1);
    dist[S] = 0;
    const heap: [number, number][] = [[0, S]];
    const push = (item: [number, number]) => {
      heap.push(item);
      let i = heap.length - 1;
      while (i > 0) {
        const parent = (i - 1) >> 1;
        if (less(heap[parent], heap[i])) break;
        [heap[parent], heap[i]] = [heap[i], heap[parent]];
        i = parent;
      }
    };
    const pop = (): [number, number] => {
      const top = heap[0];
      const last = heap.pop()!;
      if (heap.length) {
        heap[0] = last;
        let i = 0;
        for (;;) {
          const l = 2 * i + 1;
          const r = l + 1;
          let m = i;
          if (l < heap.length && less(heap[l], heap[m])) m = l;
          if (r < heap.length && less(heap[r], heap[m])) m = r;
          if (m === i) break;
          [heap[m], heap[i]] = [heap[i], heap[m]];
          i = m;
        }
      }
      return top;
    };
    const settled = new Uint8Array(n);
    while (heap.length) {
      const [d, u] = pop();
      if (d > dist[u] || settled[u]) continue;
      settled[u] = 1;
      // The sink is all a path needs: stop there (most paths are short), see the potentials below.
      if (u === T) break;
      for (let e = head[u]; e !== -1; e = next[e]) {
        if (cap[e] <= 0) continue;
        const v = to[e];
        const nd = d + cost[e] + potential[u] - potential[v];
        if (nd < dist[v]) {
          dist[v] = nd;
          via[v] = e;
          push([nd, v]);
        }
      }
    }
    if (dist[T] === Infinity) break;
    // The real cost of the path: stop once another assignment would lower the total score.
    if (dist[T] + potential[T] - potential[S] >= 0) break;
    // Dijkstra stopped at the sink: settled nodes move by their distance, the others by the
    // sink's, which keeps every reduced cost non-negative.
    for (let i = 0; i < n; i++) potential[i] += settled[i] ? dist[i] : dist[T];
    for (let v = T; v !== S; v = to[via[v] ^ 1]) {
      cap[via[v]] -= 1;
      cap[via[v] ^ 1] += 1;
    }
  }

  for (const [e, p] of pairEdge) if (cap[e] === 0) assigned.push({ ...p, locked: false });
  return sortAssignments(assigned);
}

function less(a: [number, number], b: [number, number]): boolean {
  return a[0] < b[0] || (a[0] === b[0] && a[1] < b[1]);
}

/** Candidate-proposing deferred acceptance with capacities; both sides rank by score, then id. */
export function deferredAcceptance(input: AllocationInput): Assignment[] {
  const { pairs, left, assigned } = prepare(input);
  const byCandidate = new Map<string, AllocationPair[]>();
  for (const p of pairs)
    byCandidate.set(p.candidateId, [...(byCandidate.get(p.candidateId) ?? []), p]);
  for (const list of byCandidate.values())
    list.sort((a, b) => b.score - a.score || a.openingId.localeCompare(b.openingId));
  /** An opening prefers a higher score, then the smaller candidate id. */
  const prefers = (a: AllocationPair, b: AllocationPair) =>
    a.score > b.score || (a.score === b.score && a.candidateId < b.candidateId);
  const held = new Map<string, AllocationPair[]>();
  const nextChoice = new Map<string, number>();
  const free = [...byCandidate.keys()].sort();
  while (free.length) {
    const c = free.shift()!;
    const list = byCandidate.get(c)!;
    const i = nextChoice.get(c) ?? 0;
    if (i >= list.length) continue;
    nextChoice.set(c, i + 1);
    const p = list[i];
    const holding = held.get(p.openingId) ?? [];
    holding.push(p);
    holding.sort((a, b) => (prefers(a, b) ? -1 : prefers(b, a) ? 1 : 0));
    if (holding.length > left[p.openingId]) {
      const rejected = holding.pop()!;
      free.push(rejected.candidateId);
    }
    held.set(p.openingId, holding);
  }
  for (const list of held.values()) for (const p of list) assigned.push({ ...p, locked: false });
  return sortAssignments(assigned);
}

function sortAssignments(a: Assignment[]): Assignment[] {
  return a.sort((x, y) =>
    key(x.candidateId, x.openingId).localeCompare(key(y.candidateId, y.openingId)),
  );
}

export const totalScore = (a: Assignment[]) => a.reduce((sum, x) => sum + x.score, 0);
