import { GroupSize, PhysicalDemand, ResourceKind, Residency } from '@app/catalog';
import { CandidateProfile, PACE_STAGES, PaceStage, reachMeters } from '@app/candidate';

/** What the matching query reads of one resource (after tenant and visibility). */
export interface ResourceFacts {
  id: string;
  name: string;
  kind: ResourceKind;
  capacity: number | null;
  seatsTaken: number;
  hasWaitlist: boolean;
  minimumMinutes: number | null;
  mayJustBeThere: boolean;
  talkingOptional: boolean;
  observationVisit: boolean;
  supporterMayAccompany: boolean;
  canGrowGradually: boolean;
  firstTimerFriendly: boolean;
  groupSize: GroupSize | null;
  physicalDemand: PhysicalDemand | null;
  online: boolean;
  minAge: number | null;
  maxAge: number | null;
  residency: Residency;
  feeYen: number;
  /** Metres from the candidate's coarse home; null when either has no point. */
  distance: number | null;
  /** Occurrences in the horizon, and the weekdays (1–7) they fall on. */
  occurrences: number;
  weekdays: number[];
  /** The longest overlap of an occurrence with an availability window, in minutes (0: none). */
  fitMinutes: number;
  /** The first occurrence that fits, if any. */
  nextFit: Date | null;
  themes: { code: string; label: string }[];
  /**
   * Tags, tasks, description and the host's open needs, folded (NFKC, lower case) as the
   * database keeps them (resource.needs_folded), for matching strengths.
   */
  needsText: string;
}

/** What the occurrences in the horizon tell: the schedule facts. */
export type ScheduleFacts = Pick<
  ResourceFacts,
  'occurrences' | 'weekdays' | 'fitMinutes' | 'nextFit'
>;
/** Everything else: what one read of the listing tells, before any occurrence is expanded. */
export type StaticFacts = Omit<ResourceFacts, keyof ScheduleFacts>;

export type CheckName =
  | 'OPENINGS'
  | 'SCHEDULE'
  | 'REACH'
  | 'AGE'
  | 'RESIDENCY'
  | 'SESSION_LENGTH'
  | 'PACE_STAGE'
  | 'TALKING'
  | 'QUIET'
  | 'SUPPORTER'
  | 'OBSERVATION'
  | 'PHYSICAL'
  | 'GROUP_SIZE'
  | 'CROWDS'
  | 'FEE';

export interface FailedCheck {
  check: CheckName;
  reason: string;
}

export interface MatchOptions {
  acceptWaitlist: boolean;
  /** The year the age is counted in. */
  year: number;
}

const WEEKDAY = ['', '月', '火', '水', '木', '金', '土', '日'];
export const STAGE_INDEX = (s: PaceStage) => PACE_STAGES.indexOf(s);
export const PHYSICAL = [PhysicalDemand.LOW, PhysicalDemand.MODERATE, PhysicalDemand.HIGH];
/** The gentle first steps a listing allows, which the pace factor counts for early stages. */
export const GENTLE = [
  ['mayJustBeThere', 'may_just_be_there', 'いるだけでも大丈夫'],
  ['observationVisit', 'observation_visit', '見学だけでも可'],
  ['canGrowGradually', 'can_grow_gradually', '少しずつ時間を増やせる'],
  ['talkingOptional', 'talking_optional', '話さなくても大丈夫'],
  ['supporterMayAccompany', 'supporter_may_accompany', '支援者と一緒に行ける'],
] as const;
/** Pace stages up to this one are early: gentle first steps count. */
export const isEarly = (stage: PaceStage) =>
  STAGE_INDEX(stage) <= STAGE_INDEX(PaceStage.SHORT_TASKS);
/** The stage a person's filters go by: someone not yet out is matched as "just being there". */
export const filterStage = (stage: PaceStage) =>
  stage === PaceStage.NOT_YET_OUT ? PaceStage.JUST_BEING_THERE : stage;

export const km = (meters: number) =>
  meters < 1000
    ? `約${Math.max(100, Math.round(meters / 100) * 100)}m`
    : `約${(meters / 1000).toFixed(1)}km`;
export const duration = (minutes: number) =>
  minutes % 60 === 0
    ? `${minutes / 60}時間`
    : minutes > 60
      ? `${Math.floor(minutes / 60)}時間${minutes % 60}分`
      : `${minutes}分`;
export const weekdays = (days: number[]) => days.map((d) => WEEKDAY[d]).join('・');

/** The pace a listing asks for, from what it is and the gentle first steps it allows. */
export function demandOf(
  r: Pick<ResourceFacts, 'kind' | 'mayJustBeThere' | 'canGrowGradually'>,
): PaceStage {
  switch (r.kind) {
    case ResourceKind.WORK_PLACEMENT:
      return r.canGrowGradually ? PaceStage.REGULAR_ACTIVITY : PaceStage.NEAR_WORK;
    case ResourceKind.VOLUNTEER:
      return PaceStage.SHORT_TASKS;
    case ResourceKind.PROGRAM:
      return r.mayJustBeThere ? PaceStage.JUST_BEING_THERE : PaceStage.REGULAR_ACTIVITY;
    case ResourceKind.IBASHO:
      return r.mayJustBeThere ? PaceStage.JUST_BEING_THERE : PaceStage.SHORT_TASKS;
  }
}

export const DEMAND_WORDS: Record<PaceStage, string> = {
  NOT_YET_OUT: 'オンラインの場',
  JUST_BEING_THERE: 'いるだけでよい場',
  SHORT_TASKS: '決まった作業がある活動',
  REGULAR_ACTIVITY: '定期的な参加が前提の活動',
  NEAR_WORK: '就労に近い活動',
};

/**
 * Every hard filter the listing fails for this person, with a reason a coordinator can read
 * aloud. Empty: it passes. Exactly one: a near miss.
 */
export function failedChecks(
  r: ResourceFacts,
  p: CandidateProfile,
  o: MatchOptions,
): FailedCheck[] {
  return [...staticChecks(r, p, o), ...scheduleCheck(r)];
}

/** The schedule filter: an occurrence in the horizon overlaps an availability window. */
export function scheduleCheck(r: ScheduleFacts): FailedCheck[] {
  if (r.fitMinutes > 0) return [];
  return [
    {
      check: 'SCHEDULE',
      reason:
        r.occurrences === 0
          ? '期間内に開催日がない'
          : `${weekdays(r.weekdays)}曜の開催で、参加できる時間帯と合わない`,
    },
  ];
}

/** Every filter but the schedule: what can be decided before any occurrence is expanded. */
export function staticChecks(r: StaticFacts, p: CandidateProfile, o: MatchOptions): FailedCheck[] {
  const failed: FailedCheck[] = [];
  const fail = (check: CheckName, reason: string) => failed.push({ check, reason });
  const l = p.limits;
  const c = p.constraints;

  if (r.capacity !== null && r.seatsTaken >= r.capacity && !(r.hasWaitlist && o.acceptWaitlist))
    fail('OPENINGS', r.hasWaitlist ? '定員に空きなし（キャンセル待ちはできる）' : '定員に空きなし');
  if (c.onlineOnly || p.paceStage === PaceStage.NOT_YET_OUT) {
    if (!r.online) fail('REACH', 'オンラインで参加できない');
  } else if (!r.online) {
    const reach = reachMeters(p.travel);
    if (r.distance === null) fail('REACH', '場所の情報がなく、距離がわからない');
    else if (r.distance > reach)
      fail('REACH', `自宅から${km(r.distance)}で、移動できる範囲（${km(reach)}）を超える`);
  }
  if (p.birthYear) {
    const age = o.year - p.birthYear;
    if ((r.minAge !== null && age < r.minAge) || (r.maxAge !== null && age > r.maxAge))
      fail('AGE', `対象年齢（${r.minAge ?? ''}〜${r.maxAge ?? ''}歳）に合わない`);
  }
  if (r.residency !== Residency.ANYONE && !p.resident) fail('RESIDENCY', '市内在住の人が対象');
  if (r.minimumMinutes !== null && r.minimumMinutes > l.maxSessionMinutes)
    fail('SESSION_LENGTH', `${duration(r.minimumMinutes)}以上の参加が必要`);
  const demand = demandOf(r);
  if (STAGE_INDEX(demand) > STAGE_INDEX(filterStage(p.paceStage)))
    fail('PACE_STAGE', `${DEMAND_WORDS[demand]}で、今の段階にはまだ負担が大きい`);
  if (l.talkingOptional && !r.talkingOptional) fail('TALKING', '話す場面がある');
  if (l.needsQuiet && (r.groupSize === GroupSize.MEDIUM || r.groupSize === GroupSize.LARGE))
    fail('QUIET', '静かな少人数の場ではない');
  if (l.wantsSupporter && !r.supporterMayAccompany) fail('SUPPORTER', '支援者が同行できない');
  if (l.wantsObservationFirst && !r.observationVisit) fail('OBSERVATION', '見学ができない');
  if (
    c.maxPhysicalDemand &&
    r.physicalDemand &&
    PHYSICAL.indexOf(r.physicalDemand) > PHYSICAL.indexOf(c.maxPhysicalDemand)
  )
    fail('PHYSICAL', '体力的な負担が大きい');
  if (c.groupSizes?.length && r.groupSize && !c.groupSizes.includes(r.groupSize))
    fail('GROUP_SIZE', '人数の規模が希望と合わない');
  if (c.avoidCrowds && r.groupSize === GroupSize.LARGE) fail('CROWDS', '人が多い');
  if (c.maxFeeYen !== null && c.maxFeeYen !== undefined && r.feeYen > c.maxFeeYen)
    fail(
      'FEE',
      `参加費${r.feeYen.toLocaleString('ja-JP')}円が上限（${c.maxFeeYen.toLocaleString('ja-JP')}円）を超える`,
    );
  return failed;
}

export type FactorName =
  'INTERESTS' | 'DISTANCE' | 'SCHEDULE' | 'PACE' | 'STRENGTHS' | 'FIRST_TIMER';
export type Weights = Record<FactorName, number>;

/** Default weights; a municipality may set its own. */
export const DEFAULT_WEIGHTS: Weights = {
  INTERESTS: 0.25,
  DISTANCE: 0.15,
  SCHEDULE: 0.15,
  PACE: 0.25,
  STRENGTHS: 0.1,
  FIRST_TIMER: 0.1,
};

export interface Factor {
  factor: FactorName;
  /** 0 to 1, before the weight. */
  value: number;
  /** value × weight: its share of the score. */
  contribution: number;
  explanations: string[];
}

const fold = (s: string) => s.normalize('NFKC').toLowerCase();
/** A person's strengths as they are looked for in a listing's words: trimmed, folded. */
export const foldedStrengths = (p: Pick<CandidateProfile, 'strengths'>) =>
  p.strengths
    .map((s) => s.trim())
    .filter(Boolean)
    .map(fold);
const dateJa = (d: Date) => {
  const j = new Date(d.getTime() + 9 * 3_600_000);
  return `${j.getUTCMonth() + 1}月${j.getUTCDate()}日`;
};
const timeJa = (d: Date) => {
  const j = new Date(d.getTime() + 9 * 3_600_000);
  const h = j.getUTCHours();
  return h < 12 ? '午前' : h < 17 ? '午後' : '夕方';
};

/** The score of a listing that passes every filter, factor by factor, each explained. */
export function scoreOf(
  r: ResourceFacts,
  p: CandidateProfile,
  weights: Weights,
): { score: number; factors: Factor[] } {
  const factors: Factor[] = [];
  const add = (factor: FactorName, value: number, explanations: string[]) =>
    factors.push({ factor, value, contribution: value * weights[factor], explanations });

  const liked = r.themes.filter((t) => p.interests.includes(t.code));
  add(
    'INTERESTS',
    p.interests.length ? liked.length / p.interests.length : 0,
    liked.map((t) => `${t.label}に関心`),
  );

  if (r.online) add('DISTANCE', 1, ['オンラインで参加できる']);
  else if (r.distance !== null) {
    const reach = Math.max(1, reachMeters(p.travel));
    add('DISTANCE', Math.max(0, 1 - r.distance / reach), [`自宅から${km(r.distance)}`]);
  } else add('DISTANCE', 0, []);

  add(
    'SCHEDULE',
    Math.min(1, r.fitMinutes / 120),
    r.nextFit
      ? [
          `${WEEKDAY[isoWeekday(r.nextFit)]}曜${timeJa(r.nextFit)}の空き時間と合う（次回 ${dateJa(r.nextFit)}）`,
        ]
      : [],
  );

  if (isEarly(p.paceStage)) {
    const yes = GENTLE.filter(([field]) => r[field]);
    add(
      'PACE',
      yes.length / GENTLE.length,
      yes.map(([, , text]) => text),
    );
  } else {
    const same = demandOf(r) === p.paceStage;
    add('PACE', same ? 1 : 0.5, same ? [`今の段階に合った${DEMAND_WORDS[p.paceStage]}`] : []);
  }

  const used = p.strengths.filter((s) => s.trim() && r.needsText.includes(fold(s.trim())));
  add(
    'STRENGTHS',
    used.length ? 1 : 0,
    used.map((s) => `「${s}」が活かせる`),
  );

  add(
    'FIRST_TIMER',
    r.firstTimerFriendly ? 1 : 0,
    r.firstTimerFriendly ? ['初めての人も歓迎'] : [],
  );

  const score = factors.reduce((sum, f) => sum + f.contribution, 0);
  return { score: Math.round(score * 1000) / 1000, factors };
}

export function isoWeekday(d: Date): number {
  const day = new Date(d.getTime() + 9 * 3_600_000).getUTCDay();
  return day === 0 ? 7 : day;
}

/**
 * A step up from where the person takes part now: a listing asking for the next pace stage, or
 * for the same stage with longer sessions. Never more than one stage above the current place.
 */
export function stepUpOf(
  current: Pick<ResourceFacts, 'kind' | 'mayJustBeThere' | 'canGrowGradually' | 'minimumMinutes'>,
  next: Pick<ResourceFacts, 'kind' | 'mayJustBeThere' | 'canGrowGradually' | 'minimumMinutes'>,
): string | null {
  const from = STAGE_INDEX(demandOf(current));
  const to = STAGE_INDEX(demandOf(next));
  if (to === from + 1) return `今より一歩進んだ${DEMAND_WORDS[demandOf(next)]}`;
  if (to === from && (next.minimumMinutes ?? 0) > (current.minimumMinutes ?? 0))
    return `今より少し長い時間（${duration(next.minimumMinutes!)}）`;
  return null;
}

/** The stage one above the pace a listing asks for (the last stage stays). */
export function stageAfter(
  r: Pick<ResourceFacts, 'kind' | 'mayJustBeThere' | 'canGrowGradually'>,
): PaceStage {
  return PACE_STAGES[Math.min(PACE_STAGES.length - 1, STAGE_INDEX(demandOf(r)) + 1)];
}
