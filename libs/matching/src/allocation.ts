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
/** Code-unit order: the same on every machine and locale, and fast. */
const compare = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
const byPair = (
  a: { candidateId: string; openingId: string },
  b: { candidateId: string; openingId: string },
) => compare(a.candidateId, b.candidateId) || compare(a.openingId, b.openingId);
const SCALE = 1_000_000;

/** Locks taken first (within capacity), exclusions removed: what the methods then allocate. */
function prepare(input: AllocationInput) {
  const excluded = new Set((input.excluded ?? []).map((p) => key(p.candidateId, p.openingId)));
  const scoreOf = new Map(input.pairs.map((p) => [key(p.candidateId, p.openingId), p.score]));
  const left = { ...input.capacities };
  const assigned: Assignment[] = [];
  const taken = new Set<string>();
  for (const l of [...(input.locked ?? [])].sort(byPair)) {
    if (taken.has(l.candidateId) || (left[l.openingId] ?? 0) <= 0) continue;
    left[l.openingId] -= 1;
    taken.add(l.candidateId);
    assigned.push({ ...l, score: scoreOf.get(key(l.candidateId, l.openingId)) ?? 0, locked: true });
  }
  const pairs = input.pairs
    .filter((p) => !taken.has(p.candidateId) && !excluded.has(key(p.candidateId, p.openingId)))
    .filter((p) => (left[p.openingId] ?? 0) > 0 && p.score > 0)
    .sort(byPair);
  return { pairs, left, assigned };
}

/**
 * Greatest total score under the capacities: a min-cost flow on the bipartite graph, solved the
 * Hungarian way (shortest augmenting paths with potentials, one candidate at a time). Each
 * candidate may also stay unassigned at cost 0, so a path stops as soon as moving people on
 * would lower the total, and a search only explores the alternating paths cheaper than that.
 * A greedy start assigns everyone whose best option has room with tight duals; only the rest
 * search, each with Dijkstra over reduced costs (a heap of openings). Costs are whole numbers
 * (score × 10⁶), so the arithmetic is exact.
 *
 * Duals: u[c] for candidates (≤ 0, 0 when unassigned), v[o] for openings (≤ 0, 0 unless full).
 * Every option's reduced cost cost − u[c] − v[o] stays ≥ 0, and 0 on assigned pairs.
 */
export function maxScore(input: AllocationInput): Assignment[] {
  const { pairs, left, assigned } = prepare(input);
  const candidates = [...new Set(pairs.map((p) => p.candidateId))].sort();
  const openings = [...new Set(pairs.map((p) => p.openingId))].sort();
  const cIndex = new Map(candidates.map((c, i) => [c, i]));
  const oIndex = new Map(openings.map((o, i) => [o, i]));
  const C = candidates.length;
  const O = openings.length;
  // Each candidate's options, contiguous: first[c] .. first[c + 1] index `order`.
  const first = new Int32Array(C + 1);
  const owner = Int32Array.from(pairs, (p) => cIndex.get(p.candidateId)!);
  for (const c of owner) first[c + 1] += 1;
  for (let c = 0; c < C; c++) first[c + 1] += first[c];
  const fill = first.slice(0, C);
  const option = new Int32Array(pairs.length); // position → index into pairs
  for (const [k, c] of owner.entries()) option[fill[c]++] = k;
  const target = Int32Array.from(option, (k) => oIndex.get(pairs[k].openingId)!);
  const cost = Float64Array.from(option, (k) => -Math.round(pairs[k].score * SCALE));
  const room = Int32Array.from(openings, (o) => left[o]);
  const holders: number[][] = openings.map(() => []);
  const NONE = -1;
  const held = new Int32Array(C).fill(NONE); // the option (index into pairs) a candidate holds
  const u = new Float64Array(C);
  const v = new Float64Array(O);

  const take = (c: number, k: number) => {
    const before = held[c];
    if (before !== NONE) {
      const list = holders[target[before]];
      list.splice(list.indexOf(c), 1);
    }
    held[c] = k;
    if (k !== NONE) holders[target[k]].push(c);
  };

  // Greedy start: u[c] is the best cost (or 0); an option at that cost with room is taken.
  const waiting: number[] = [];
  for (let c = 0; c < C; c++) {
    let best = 0;
    for (let k = first[c]; k < first[c + 1]; k++) best = Math.min(best, cost[k]);
    u[c] = best;
    if (best === 0) continue;
    let k = first[c];
    while (k < first[c + 1] && !(cost[k] === best && room[target[k]] > 0)) k++;
    if (k < first[c + 1]) {
      room[target[k]] -= 1;
      take(c, k);
    } else waiting.push(c);
  }

  const distC = new Float64Array(C).fill(Infinity);
  const distO = new Float64Array(O).fill(Infinity);
  const via = new Int32Array(O).fill(NONE); // the option a path enters an opening by
  const doneO = new Uint8Array(O);
  const heap = new OpeningHeap((o, key) => doneO[o] === 1 || key > distO[o]);
  for (const start of waiting) {
    const seenC: number[] = [];
    const seenO: number[] = [];
    let stay = Infinity; // the cheapest path ending with a candidate left unassigned…
    let stayer = NONE; // …and who
    const reach = (c: number, d: number) => {
      distC[c] = d;
      seenC.push(c);
      if (d - u[c] < stay) {
        stay = d - u[c];
        stayer = c;
      }
      for (let k = first[c]; k < first[c + 1]; k++) {
        const o = target[k];
        if (doneO[o]) continue;
        const nd = d + cost[k] - u[c] - v[o];
        if (nd < distO[o]) {
          if (distO[o] === Infinity) seenO.push(o);
          distO[o] = nd;
          via[o] = k;
          heap.push(o, nd);
        }
      }
    };
    reach(start, 0);
    let end = NONE; // an opening with room, or NONE for `stayer` left unassigned
    for (;;) {
      const o = heap.peek();
      if (o === NONE || stay < distO[o]) break;
      heap.pop();
      if (room[o] > 0) {
        end = o;
        break;
      }
      doneO[o] = 1;
      for (const c of holders[o]) reach(c, distO[o]);
    }
    const D = end === NONE ? stay : distO[end];
    // Potentials: everything reached moves by how much closer than D it was.
    for (const c of seenC) u[c] += D - distC[c];
    for (const o of seenO) if (doneO[o]) v[o] += distO[o] - D;
    // Augment along the path back to the start.
    let c = end === NONE ? stayer : owner[option[via[end]]];
    let k = end === NONE ? NONE : via[end];
    if (end !== NONE) room[end] -= 1;
    for (;;) {
      const before = held[c];
      take(c, k);
      if (c === start) break;
      k = via[target[before]];
      c = owner[option[k]];
    }
    for (const c2 of seenC) distC[c2] = Infinity;
    for (const o of seenO) {
      distO[o] = Infinity;
      doneO[o] = 0;
    }
    heap.clear();
  }

  for (let c = 0; c < C; c++)
    if (held[c] !== NONE) assigned.push({ ...pairs[option[held[c]]], locked: false });
  return sortAssignments(assigned);
}

/**
 * A binary heap of openings keyed by the distance they were pushed at, ties by index
 * (deterministic). An opening pushed again at a lower distance leaves a stale entry behind, which
 * `peek` drops.
 */
class OpeningHeap {
  private keys: number[] = [];
  private ids: number[] = [];

  constructor(private readonly stale: (o: number, key: number) => boolean) {}

  private less(i: number, j: number) {
    const { keys, ids } = this;
    return keys[i] < keys[j] || (keys[i] === keys[j] && ids[i] < ids[j]);
  }

  private swap(i: number, j: number) {
    const { keys, ids } = this;
    [keys[i], keys[j]] = [keys[j], keys[i]];
    [ids[i], ids[j]] = [ids[j], ids[i]];
  }

  push(o: number, key: number) {
    this.keys.push(key);
    this.ids.push(o);
    let i = this.ids.length - 1;
    while (i > 0) {
      const parent = (i - 1) >> 1;
      if (!this.less(i, parent)) break;
      this.swap(i, parent);
      i = parent;
    }
  }

  /** The nearest opening still current, or -1. */
  peek(): number {
    while (this.ids.length && this.stale(this.ids[0], this.keys[0])) this.pop();
    return this.ids.length ? this.ids[0] : -1;
  }

  pop(): void {
    const { keys, ids } = this;
    const lastKey = keys.pop()!;
    const lastId = ids.pop()!;
    if (!ids.length) return;
    keys[0] = lastKey;
    ids[0] = lastId;
    let i = 0;
    for (;;) {
      const l = 2 * i + 1;
      const r = l + 1;
      let m = i;
      if (l < ids.length && this.less(l, m)) m = l;
      if (r < ids.length && this.less(r, m)) m = r;
      if (m === i) break;
      this.swap(i, m);
      i = m;
    }
  }

  clear() {
    this.keys.length = 0;
    this.ids.length = 0;
  }
}

/** Candidate-proposing deferred acceptance with capacities; both sides rank by score, then id. */
export function deferredAcceptance(input: AllocationInput): Assignment[] {
  const { pairs, left, assigned } = prepare(input);
  const byCandidate = new Map<string, AllocationPair[]>();
  for (const p of pairs) {
    const list = byCandidate.get(p.candidateId);
    if (list) list.push(p);
    else byCandidate.set(p.candidateId, [p]);
  }
  for (const list of byCandidate.values())
    list.sort((a, b) => b.score - a.score || compare(a.openingId, b.openingId));
  /** An opening prefers a higher score, then the smaller candidate id. */
  const prefers = (a: AllocationPair, b: AllocationPair) =>
    a.score > b.score || (a.score === b.score && a.candidateId < b.candidateId);
  const held = new Map<string, AllocationPair[]>();
  const nextChoice = new Map<string, number>();
  const free = [...byCandidate.keys()].sort(compare); // a queue: `next` is its head
  for (let next = 0; next < free.length; next++) {
    const c = free[next];
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
  return a.sort(byPair);
}

export const totalScore = (a: Assignment[]) => a.reduce((sum, x) => sum + x.score, 0);
