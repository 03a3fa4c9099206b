import { GroupSize, ResourceKind, Residency } from '@app/catalog';
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

/**
 * The rules of match-rules.ts as SQL over one resource row, for one person: each filter as a
 * condition true when the listing fails it (the schedule only when it fails for certain), and an
 * upper bound of the score (every factor exactly but the schedule, which is at most what the
 * listing's weekly pattern allows). With them the database drops the listings failing two
 * filters (neither a match nor a near miss) and ranks the rest, so that only the most promising
 * are read in full; the rules in TypeScript then decide. `match-screen.spec.ts` checks both sides
 * agree, on a real database, for random listings and people.
 *
 * The SQL reads `r` (a resource row with theme_codes, week_minutes and needs_folded, kept by
 * triggers), `d.distance` (metres from the coarse home, or null) and its own `derived` values.
 * Values are bound through `bind`, which answers a placeholder. Every condition is written to be
 * cheap per row (no subquery): the screen runs over tens of thousands of listings.
 */
export interface Screen {
  /** Values computed once per listing, as `d.<name>`, before the conditions and the bound use them. */
  derived: [string, string][];
  failures: [CheckName, string][];
  bound: string;
}

export type Bind = (value: unknown, type: string) => string;

/** Scores are rounded to thousandths: a bound this much above can still be reached. */
export const BOUND_MARGIN = 0.001;

const ONLINE = '(r.online_participation OR r.online_only)';
const minutes = (hhmm: string) => Number(hhmm.slice(0, 2)) * 60 + Number(hhmm.slice(3));

/** demandOf() as SQL: every kind and flag combination, from the function itself. */
function demandIndexSql(): string {
  const cases = Object.values(ResourceKind).flatMap((kind) =>
    [true, false].flatMap((mayJustBeThere) =>
      [true, false].map(
        (canGrowGradually) =>
          `WHEN r.kind = '${kind}' AND r.may_just_be_there = ${mayJustBeThere} AND r.can_grow_gradually = ${canGrowGradually} THEN ${STAGE_INDEX(demandOf({ kind, mayJustBeThere, canGrowGradually }))}`,
      ),
    ),
  );
  return `(CASE ${cases.join(' ')} END)`;
}

export function screenOf(
  p: CandidateProfile,
  o: MatchOptions,
  weights: Weights,
  horizon: { from: Date; to: Date },
  bind: Bind,
): Screen {
  const l = p.limits;
  const c = p.constraints;
  const failures: [CheckName, string][] = [];
  const fail = (check: CheckName, sql: string) => failures.push([check, `COALESCE(${sql}, false)`]);
  const reach = reachMeters(p.travel);
  // Minutes of the week (Monday 00:00 = 0), as resource.week_minutes counts them.
  const windows = p.availability.map((w) => {
    const base = (w.weekday - 1) * 1440;
    return `[${base + minutes(w.from)},${base + minutes(w.to)})`;
  });
  const derived: [string, string][] = [
    ['demand', demandIndexSql()],
    // What of each window the weekly pattern covers, first to last minute.
    ...windows.map((w, i): [string, string] => [
      `covered${i}`,
      `range_merge(r.week_minutes * ${bind(`{${w}}`, 'int4multirange')})`,
    ]),
  ];

  fail(
    'OPENINGS',
    `r.capacity IS NOT NULL AND r.seats_taken >= r.capacity AND NOT (r.has_waitlist AND ${bind(o.acceptWaitlist, 'boolean')})`,
  );
  if (c.onlineOnly || p.paceStage === PaceStage.NOT_YET_OUT) fail('REACH', `NOT ${ONLINE}`);
  else
    fail(
      'REACH',
      `NOT ${ONLINE} AND (d.distance IS NULL OR d.distance > ${bind(reach, 'float8')})`,
    );
  if (p.birthYear) {
    const age = bind(o.year - p.birthYear, 'int');
    fail(
      'AGE',
      `(r.min_age IS NOT NULL AND ${age} < r.min_age) OR (r.max_age IS NOT NULL AND ${age} > r.max_age)`,
    );
  }
  if (!p.resident) fail('RESIDENCY', `r.residency <> '${Residency.ANYONE}'`);
  fail(
    'SESSION_LENGTH',
    `r.minimum_minutes IS NOT NULL AND r.minimum_minutes > ${bind(l.maxSessionMinutes, 'int')}`,
  );
  fail('PACE_STAGE', `d.demand > ${bind(STAGE_INDEX(filterStage(p.paceStage)), 'int')}`);
  if (l.talkingOptional) fail('TALKING', 'NOT r.talking_optional');
  if (l.needsQuiet) fail('QUIET', `r.group_size IN ('${GroupSize.MEDIUM}', '${GroupSize.LARGE}')`);
  if (l.wantsSupporter) fail('SUPPORTER', 'NOT r.supporter_may_accompany');
  if (l.wantsObservationFirst) fail('OBSERVATION', 'NOT r.observation_visit');
  if (c.maxPhysicalDemand) {
    const heavier = PHYSICAL.slice(PHYSICAL.indexOf(c.maxPhysicalDemand) + 1);
    fail('PHYSICAL', `r.physical_demand::text = ANY(${bind(heavier, 'text[]')})`);
  }
  if (c.groupSizes?.length)
    fail(
      'GROUP_SIZE',
      `r.group_size IS NOT NULL AND NOT (r.group_size::text = ANY(${bind(c.groupSizes, 'text[]')}))`,
    );
  if (c.avoidCrowds) fail('CROWDS', `r.group_size = '${GroupSize.LARGE}'`);
  if (c.maxFeeYen !== null && c.maxFeeYen !== undefined)
    fail('FEE', `r.fee_yen > ${bind(c.maxFeeYen, 'int')}`);
  // No occurrence outside the listing's active days, nor off its weekly pattern.
  const day = (d: Date, shift: number) =>
    new Date(d.getTime() + shift * 86_400_000).toISOString().slice(0, 10);
  // A day either side: the horizon's ends in Japan time fall within.
  const days = bind(`[${day(horizon.from, -1)},${day(horizon.to, 1)}]`, 'daterange');
  fail(
    'SCHEDULE',
    `NOT (r.week_minutes && ${bind(`{${windows.join(',')}}`, 'int4multirange')}) OR NOT (r.active_days && ${days})`,
  );

  const w = (factor: keyof Weights) => bind(weights[factor], 'float8');
  const interests = p.interests.length
    ? `(${[...new Set(p.interests)].map((code) => `(${bind(code, 'text')} = ANY(r.theme_codes))::int`).join(' + ')})::float8 / ${bind(p.interests.length, 'int')}`
    : '0';
  // The longest stretch of a window the weekly pattern covers: no occurrence fits longer.
  const longest = windows.length
    ? `GREATEST(${windows.map((_, i) => `COALESCE(upper(d.covered${i}) - lower(d.covered${i}), 0)`).join(', ')})`
    : '0';
  const strengths = [...new Set(foldedStrengths(p))];
  const distance = `CASE WHEN ${ONLINE} THEN 1 WHEN d.distance IS NULL THEN 0
    ELSE GREATEST(0, 1 - d.distance / ${bind(Math.max(1, reach), 'float8')}) END`;
  const pace = isEarly(p.paceStage)
    ? `(${GENTLE.map(([, column]) => `r.${column}::int`).join(' + ')})::float8 / ${GENTLE.length}`
    : `CASE WHEN d.demand = ${bind(STAGE_INDEX(p.paceStage), 'int')} THEN 1 ELSE 0.5 END`;
  const bound = [
    `${w('INTERESTS')} * ${interests}`,
    `${w('DISTANCE')} * (${distance})`,
    `${w('SCHEDULE')} * LEAST(1, ${longest}::float8 / 120)`,
    `${w('PACE')} * (${pace})`,
    strengths.length
      ? `${w('STRENGTHS')} * (${strengths.map((word) => `strpos(r.needs_folded, ${bind(word, 'text')}) > 0`).join(' OR ')})::int`
      : '0',
    `${w('FIRST_TIMER')} * r.first_timer_friendly::int`,
  ].join(' + ');
  return { derived, failures, bound: `(${bound})` };
}
