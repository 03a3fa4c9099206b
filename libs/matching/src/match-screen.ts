import { GroupSize, isVisibleTo, Residency, ResourceStatus, Visibility } from '@app/catalog';
import { CandidateProfile, PaceStage, reachMeters } from '@app/candidate';
import {
  CheckName,
  demandOf,
  filterStage,
  foldedStrengths,
  GENTLE,
  isEarly,
  MatchOptions,
  PHYSICAL,
  STAGE_INDEX,
  Weights,
} from './match-rules';
import type { FactsQuery, ListingRow } from './matching.repository';

/**
 * The screen: which of a municipality's listings can still be a match or a near miss for one
 * person, and how high each could score, decided in memory from what one row of resource says,
 * so that only the most promising listings are read in full and their occurrences expanded.
 *
 * It is the rules of match-rules.ts again, over a compact copy of each listing (`Listing`,
 * worked out once when the row is read; listing-index.ts keeps the copies current): each filter
 * that needs no occurrence exactly, the schedule only when it fails for certain (the listing's
 * weekly pattern meets no window, or it has no day in the horizon), and an upper bound of the
 * score — every factor exactly but the schedule, which is at most what the weekly pattern
 * covers of a window. Tens of thousands of listings are weighed per person, so it reads numbers
 * and flags, not the facts the rules read; `match-screen.spec.ts` checks both agree, on facts
 * read from a real database, for random listings and people.
 */

/** Every filter the screen can name, as a bit of a failure set, in the order of the rules. */
const BIT = {
  OPENINGS: 1 << 0,
  REACH: 1 << 1,
  AGE: 1 << 2,
  RESIDENCY: 1 << 3,
  SESSION_LENGTH: 1 << 4,
  PACE_STAGE: 1 << 5,
  TALKING: 1 << 6,
  QUIET: 1 << 7,
  SUPPORTER: 1 << 8,
  OBSERVATION: 1 << 9,
  PHYSICAL: 1 << 10,
  GROUP_SIZE: 1 << 11,
  CROWDS: 1 << 12,
  FEE: 1 << 13,
  SCHEDULE: 1 << 14,
} as const satisfies Record<CheckName, number>;
const CHECKS = Object.keys(BIT) as CheckName[];

/** The filters of a failure set, by name. */
export const checksOf = (failures: number): CheckName[] => CHECKS.filter((c) => failures & BIT[c]);

const countOf = (failures: number) => {
  let n = 0;
  for (let f = failures; f; f &= f - 1) n++;
  return n;
};

const GROUP_SIZES = Object.values(GroupSize);
/** Theme codes as small numbers, the same in every municipality (the taxonomy is shared). */
const THEMES = new Map<string, number>();
const themeNumber = (code: string) => {
  let n = THEMES.get(code);
  if (n === undefined) THEMES.set(code, (n = THEMES.size));
  return n;
};

/** One listing as the screen keeps it: numbers and flags, worked out once from its row. */
export interface Listing {
  id: string;
  name: string;
  municipalityId: string;
  organizationId: string;
  visibility: Visibility;
  active: boolean;
  online: boolean;
  lon: number | null;
  lat: number | null;
  /** Every seat is taken. */
  full: boolean;
  waitlist: boolean;
  minAge: number | null;
  maxAge: number | null;
  residentsOnly: boolean;
  minimumMinutes: number | null;
  /** The pace stage it asks for (demandOf), as STAGE_INDEX. */
  demand: number;
  talkingOptional: boolean;
  supporterMayAccompany: boolean;
  observationVisit: boolean;
  /** Its group size and physical demand as indexes of GROUP_SIZES and PHYSICAL; -1 unknown. */
  groupSize: number;
  physicalDemand: number;
  feeYen: number;
  /** How many of the gentle first steps it allows. */
  gentle: number;
  firstTimerFriendly: boolean;
  themes: number[];
  /** Its words, folded (resource.needs_folded). */
  needs: string;
  /** resource.week_minutes: [from, to) minutes of the week (Monday 00:00 = 0), pairs flattened. */
  week: number[];
  /** resource.active_days as day numbers (days since 1970-01-01), [first, end). */
  firstDay: number;
  endDay: number;
}

const dayNumber = (iso: string) => Date.parse(`${iso}T00:00:00Z`) / 86_400_000;
const indexOr = <T>(values: readonly T[], value: T | null) =>
  value === null ? -1 : values.indexOf(value);

/** The screen's copy of a resource row. */
export function listingOf(r: ListingRow): Listing {
  const flags = {
    mayJustBeThere: r.may_just_be_there,
    observationVisit: r.observation_visit,
    canGrowGradually: r.can_grow_gradually,
    talkingOptional: r.talking_optional,
    supporterMayAccompany: r.supporter_may_accompany,
  };
  return {
    id: r.id,
    name: r.name,
    municipalityId: r.municipality_id,
    organizationId: r.organization_id,
    visibility: r.visibility,
    active: r.status === ResourceStatus.ACTIVE,
    online: r.online,
    lon: r.lon,
    lat: r.lat,
    full: r.capacity !== null && r.seats_taken >= r.capacity,
    waitlist: r.has_waitlist,
    minAge: r.min_age,
    maxAge: r.max_age,
    residentsOnly: r.residency !== Residency.ANYONE,
    minimumMinutes: r.minimum_minutes,
    demand: STAGE_INDEX(demandOf({ kind: r.kind, ...flags })),
    talkingOptional: r.talking_optional,
    supporterMayAccompany: r.supporter_may_accompany,
    observationVisit: r.observation_visit,
    groupSize: indexOr(GROUP_SIZES, r.group_size),
    physicalDemand: indexOr(PHYSICAL, r.physical_demand),
    feeYen: r.fee_yen,
    gentle: GENTLE.filter(([field]) => flags[field]).length,
    firstTimerFriendly: r.first_timer_friendly,
    themes: r.theme_codes.map(themeNumber),
    needs: r.needs_folded,
    week: [...r.week_minutes.matchAll(/(\d+),(\d+)/g)].flatMap((m) => [Number(m[1]), Number(m[2])]),
    firstDay: r.days_empty ? Infinity : r.days_from ? dayNumber(r.days_from) : -Infinity,
    endDay: r.days_empty ? -Infinity : r.days_to ? dayNumber(r.days_to) : Infinity,
  };
}

/** A listing the screen kept, and its score's upper bound. */
export interface ScreenedRow {
  id: string;
  name: string;
  bound: number;
}

const codeUnits = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/**
 * The order of listings for a person: the higher score first, then by name and id (code units:
 * the same on every machine). Negative when `a` comes first.
 */
export const ranking = (
  a: { score: number; name: string; id: string },
  b: { score: number; name: string; id: string },
) => b.score - a.score || codeUnits(a.name, b.name) || codeUnits(a.id, b.id);

/** Whether `a` comes before `b` in `ranking` order, a bound standing for the score it bounds. */
const ahead = (a: ScreenedRow, b: ScreenedRow) =>
  a.bound !== b.bound ? a.bound > b.bound : a.name !== b.name ? a.name < b.name : a.id < b.id;

/**
 * Screened listings in `ranking` order of their bounds, put in order only as far as they are
 * taken: a binary heap, since a search takes a few hundred of tens of thousands.
 */
export class Ranked {
  private readonly heap: ScreenedRow[];

  constructor(rows: ScreenedRow[]) {
    this.heap = rows;
    for (let i = (rows.length >> 1) - 1; i >= 0; i--) this.sink(i);
  }

  get size(): number {
    return this.heap.length;
  }

  /** The best not yet taken. */
  peek(): ScreenedRow | undefined {
    return this.heap[0];
  }

  /** The next (at most) `n`, best first. */
  take(n: number): ScreenedRow[] {
    const taken: ScreenedRow[] = [];
    while (taken.length < n && this.heap.length) {
      taken.push(this.heap[0]);
      const last = this.heap.pop()!;
      if (this.heap.length) {
        this.heap[0] = last;
        this.sink(0);
      }
    }
    return taken;
  }

  private sink(i: number): void {
    const h = this.heap;
    for (;;) {
      const l = 2 * i + 1;
      if (l >= h.length) return;
      const best = l + 1 < h.length && ahead(h[l + 1], h[l]) ? l + 1 : l;
      if (!ahead(h[best], h[i])) return;
      [h[i], h[best]] = [h[best], h[i]];
      i = best;
    }
  }
}

/** What the screen says of one listing of the pool: the filters it fails (a set), its bound. */
export interface ScreenVerdict {
  failures: number;
  /** NaN when not asked for and two filters fail. */
  bound: number;
}

/** PostGIS's sphere (geography, use_spheroid false): the WGS 84 mean radius, (2a + b) / 3. */
const EARTH_RADIUS = 6_371_008.771415059;
/**
 * Metres the screen's distance is taken as shorter than its own arithmetic says, so that
 * rounding (a few millimetres against PostGIS) never makes it claim "too far" or bound too low.
 */
export const SLACK = 1;
const RAD = Math.PI / 180;

/** The great-circle distance in metres (haversine), as PostGIS answers on the sphere. */
export function sphereDistance(lon1: number, lat1: number, lon2: number, lat2: number): number {
  const dLat = (lat2 - lat1) * RAD;
  const dLon = (lon2 - lon1) * RAD;
  const h =
    Math.sin(dLat / 2) ** 2 + Math.cos(lat1 * RAD) * Math.cos(lat2 * RAD) * Math.sin(dLon / 2) ** 2;
  return 2 * EARTH_RADIUS * Math.asin(Math.min(1, Math.sqrt(h)));
}

const minutes = (hhmm: string) => Number(hhmm.slice(0, 2)) * 60 + Number(hhmm.slice(3));

/**
 * The most of a window one stretch of the weekly pattern covers, in minutes, or -1 when it
 * meets none of them. An occurrence lies within one stretch, so none overlaps a window longer.
 */
function coverage(week: number[], windows: number[]): number {
  let longest = -1;
  for (let w = 0; w < windows.length; w += 2)
    for (let i = 0; i < week.length; i += 2) {
      const overlap = Math.min(week[i + 1], windows[w + 1]) - Math.max(week[i], windows[w]);
      if (overlap > 0) longest = Math.max(longest, overlap);
    }
  return longest;
}

type ScreenQuery = Pick<
  FactsQuery,
  'viewer' | 'home' | 'radiusMeters' | 'online' | 'availability' | 'from' | 'to'
>;

/**
 * The screen for one person: for a listing of their pool (those the viewer may see, ACTIVE,
 * within `radiusMeters` of home or online; online only for a person who takes part online only)
 * the filters it fails for certain and its bound (only when at most one fails, unless `always`);
 * null for a listing outside the pool.
 */
export function screener(
  p: CandidateProfile,
  o: MatchOptions,
  weights: Weights,
  q: ScreenQuery,
): (l: Listing, always?: boolean) => ScreenVerdict | null {
  const { limits, constraints: c } = p;
  const windows = p.availability.flatMap((w) => {
    const base = (w.weekday - 1) * 1440;
    return [base + minutes(w.from), base + minutes(w.to)];
  });
  // A day either side: the horizon's ends in Japan time fall within.
  const firstDay = Math.floor(q.from.getTime() / 86_400_000) - 1;
  const lastDay = Math.floor(q.to.getTime() / 86_400_000) + 1;
  const onlineOnly = c.onlineOnly || p.paceStage === PaceStage.NOT_YET_OUT;
  const reach = reachMeters(p.travel);
  const age = p.birthYear ? o.year - p.birthYear : null;
  const stage = STAGE_INDEX(filterStage(p.paceStage));
  const heaviest = c.maxPhysicalDemand ? PHYSICAL.indexOf(c.maxPhysicalDemand) : Infinity;
  const sizes = c.groupSizes?.length ? GROUP_SIZES.map((s) => c.groupSizes!.includes(s)) : null;
  const medium = GROUP_SIZES.indexOf(GroupSize.MEDIUM);
  const large = GROUP_SIZES.indexOf(GroupSize.LARGE);
  const maxFee = c.maxFeeYen ?? Infinity;
  const interests = new Set(p.interests.map(themeNumber));
  const strengths = foldedStrengths(p);
  const early = isEarly(p.paceStage);
  const own = STAGE_INDEX(p.paceStage);

  return (l, always = false) => {
    if (!l.active || !isVisibleTo(q.viewer, l)) return null;
    const distance =
      q.home && l.lon !== null && l.lat !== null
        ? Math.max(0, sphereDistance(q.home.longitude, q.home.latitude, l.lon, l.lat) - SLACK)
        : null;
    const near = distance !== null && distance <= q.radiusMeters;
    if (!(q.online ? l.online : q.home !== null && (l.online || near))) return null;

    let failures = 0;
    if (l.full && !(l.waitlist && o.acceptWaitlist)) failures |= BIT.OPENINGS;
    if (onlineOnly ? !l.online : !l.online && (distance === null || distance > reach))
      failures |= BIT.REACH;
    if (
      age !== null &&
      ((l.minAge !== null && age < l.minAge) || (l.maxAge !== null && age > l.maxAge))
    )
      failures |= BIT.AGE;
    if (l.residentsOnly && !p.resident) failures |= BIT.RESIDENCY;
    if (l.minimumMinutes !== null && l.minimumMinutes > limits.maxSessionMinutes)
      failures |= BIT.SESSION_LENGTH;
    if (l.demand > stage) failures |= BIT.PACE_STAGE;
    if (limits.talkingOptional && !l.talkingOptional) failures |= BIT.TALKING;
    if (limits.needsQuiet && (l.groupSize === medium || l.groupSize === large))
      failures |= BIT.QUIET;
    if (limits.wantsSupporter && !l.supporterMayAccompany) failures |= BIT.SUPPORTER;
    if (limits.wantsObservationFirst && !l.observationVisit) failures |= BIT.OBSERVATION;
    if (l.physicalDemand > heaviest) failures |= BIT.PHYSICAL;
    if (sizes && l.groupSize >= 0 && !sizes[l.groupSize]) failures |= BIT.GROUP_SIZE;
    if (c.avoidCrowds && l.groupSize === large) failures |= BIT.CROWDS;
    if (l.feeYen > maxFee) failures |= BIT.FEE;
    const covered = coverage(l.week, windows);
    if (covered < 0 || l.firstDay > lastDay || l.endDay <= firstDay) failures |= BIT.SCHEDULE;
    if (!always && countOf(failures) > 1) return { failures, bound: NaN };

    // scoreOf(), factor by factor, in its order and arithmetic.
    let liked = 0;
    for (const t of l.themes) if (interests.has(t)) liked++;
    let sum = 0;
    sum += (p.interests.length ? liked / p.interests.length : 0) * weights.INTERESTS;
    sum +=
      (l.online ? 1 : distance === null ? 0 : Math.max(0, 1 - distance / Math.max(1, reach))) *
      weights.DISTANCE;
    sum += Math.min(1, Math.max(0, covered) / 120) * weights.SCHEDULE;
    sum += (early ? l.gentle / GENTLE.length : l.demand === own ? 1 : 0.5) * weights.PACE;
    sum += (strengths.some((s) => l.needs.includes(s)) ? 1 : 0) * weights.STRENGTHS;
    sum += (l.firstTimerFriendly ? 1 : 0) * weights.FIRST_TIMER;
    return { failures, bound: Math.round(sum * 1000) / 1000 };
  };
}

/**
 * The listings of the person's pool that may pass, and those failing exactly one filter for
 * certain, each best bound first. And how many listings the pool held.
 */
export function screen(
  listings: Iterable<Listing>,
  p: CandidateProfile,
  o: MatchOptions,
  weights: Weights,
  q: ScreenQuery,
): { pool: number; mayPass: Ranked; oneOff: Ranked } {
  const weigh = screener(p, o, weights, q);
  const [mayPass, oneOff]: ScreenedRow[][] = [[], []];
  let pool = 0;
  for (const l of listings) {
    const seen = weigh(l);
    if (!seen) continue;
    pool++;
    const kept = seen.failures === 0 ? mayPass : countOf(seen.failures) === 1 ? oneOff : null;
    kept?.push({ id: l.id, name: l.name, bound: seen.bound });
  }
  return { pool, mayPass: new Ranked(mayPass), oneOff: new Ranked(oneOff) };
}
