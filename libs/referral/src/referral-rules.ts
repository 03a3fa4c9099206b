import { CandidateProfile, PaceStage } from '@app/candidate';
import { DeclineReason, EndReason, ReferralStatus as S } from './referral.entities';

export const STATUS_LABELS: Record<S, string> = {
  DRAFT: '下書き',
  SENT: '送付済み',
  ACCEPTED: '受け入れ決定',
  DECLINED: 'お断り',
  WAITLISTED: 'キャンセル待ち',
  VISIT_SCHEDULED: '見学予定',
  PARTICIPATING: '参加中',
  STEPPED_UP: '次のステップへ',
  PAUSED: 'お休み中',
  ENDED: '終了',
  WITHDRAWN: '取り下げ',
};

export const DECLINE_LABELS: Record<DeclineReason, string> = {
  NO_CAPACITY: '受け入れの枠がない',
  NOT_A_FIT: '活動の内容が合わない',
  TIMING: '時期が合わない',
  CANNOT_ACCOMMODATE: '必要な配慮ができない',
  OTHER: 'その他',
};

export const END_LABELS: Record<EndReason, string> = {
  HAS_PEOPLE_AROUND: '身近に頼れる人ができ、困ったときの連絡先もわかっている',
  MOVED: '転居した',
  CHOSE_TO_STOP: '本人がやめることを選んだ',
  STARTED_WORK: '仕事を始めた',
  OTHER: 'その他',
};

/** The states in which the referral holds one of the listing's seats. */
export const SEAT_STATES: readonly S[] = [S.ACCEPTED, S.VISIT_SCHEDULED, S.PARTICIPATING, S.PAUSED];
/** The states in which the host sees the referral and the person's connection is still open. */
export const SHARED_OPEN_STATES: readonly S[] = [S.SENT, S.WAITLISTED, ...SEAT_STATES];
/** The states a referral can still leave. */
export const OPEN_STATES: readonly S[] = [S.DRAFT, ...SHARED_OPEN_STATES];

/** Who moves a referral: a coordinator, the host, or the platform itself. */
export type Actor = 'COORDINATOR' | 'HOST' | 'SYSTEM';

const MOVES: { to: S; from: readonly S[]; by: readonly Actor[] }[] = [
  { to: S.SENT, from: [S.DRAFT], by: ['COORDINATOR'] },
  { to: S.ACCEPTED, from: [S.SENT, S.WAITLISTED], by: ['HOST', 'SYSTEM'] },
  { to: S.WAITLISTED, from: [S.SENT], by: ['HOST'] },
  { to: S.DECLINED, from: [S.SENT, S.WAITLISTED], by: ['HOST'] },
  { to: S.VISIT_SCHEDULED, from: [S.ACCEPTED, S.VISIT_SCHEDULED], by: ['COORDINATOR', 'HOST'] },
  {
    to: S.PARTICIPATING,
    from: [S.ACCEPTED, S.VISIT_SCHEDULED, S.PAUSED],
    by: ['COORDINATOR', 'HOST'],
  },
  { to: S.PAUSED, from: [S.PARTICIPATING], by: ['COORDINATOR', 'HOST'] },
  { to: S.STEPPED_UP, from: [S.PARTICIPATING], by: ['COORDINATOR'] },
  { to: S.ENDED, from: SEAT_STATES, by: ['COORDINATOR'] },
  { to: S.WITHDRAWN, from: OPEN_STATES, by: ['COORDINATOR', 'SYSTEM'] },
];

const ACTOR_WORDS: Record<Actor, string> = {
  COORDINATOR: '担当者',
  HOST: '受け入れ先',
  SYSTEM: 'システム',
};

/**
 * Why `by` may not move a referral from `from` to `to`, in words naming the current state;
 * null when it may.
 */
export function refusal(from: S, to: S, by: Actor): string | null {
  const move = MOVES.find((m) => m.to === to);
  if (!move?.from.includes(from))
    return `この紹介は現在「${STATUS_LABELS[from]}」のため、「${STATUS_LABELS[to]}」にはできません`;
  if (!move.by.includes(by))
    return `「${STATUS_LABELS[to]}」への変更は${ACTOR_WORDS[by]}からはできません`;
  return null;
}

/** Every move there is, for tests and documentation: [from, to, by]. */
export function allMoves(): [S, S, Actor][] {
  return MOVES.flatMap((m) =>
    m.from.flatMap((from) => m.by.map((by): [S, S, Actor] => [from, m.to, by])),
  );
}

const PACE_WORDS: Record<PaceStage, string> = {
  NOT_YET_OUT: 'まだ外出が難しい（オンラインから）',
  JUST_BEING_THERE: 'その場にいるだけから始めたい',
  SHORT_TASKS: '短い決まった作業ならできる',
  REGULAR_ACTIVITY: '定期的に参加できる',
  NEAR_WORK: '就労に近い活動ができる',
};

const hours = (minutes: number) =>
  minutes % 60 === 0 ? `${minutes / 60}時間` : `${Math.floor(minutes / 60)}時間${minutes % 60}分`;

/**
 * What a host is told of a person before it answers: the pace, and the accommodations (配慮事項)
 * the profile asks for, in words — never the name, the home or the history.
 */
export function disclosureOf(p: CandidateProfile): { pace: string; accommodations: string[] } {
  const l = p.limits;
  const c = p.constraints;
  return {
    pace: PACE_WORDS[p.paceStage],
    accommodations: [
      `1回${hours(l.maxSessionMinutes)}まで、週${l.sessionsPerWeek}回まで`,
      ...(l.needsQuiet ? ['静かで人の少ない環境だと安心できる'] : []),
      ...(l.talkingOptional ? ['無理に話さなくてよい配慮がほしい'] : []),
      ...(l.wantsSupporter ? ['最初は支援者が同行したい'] : []),
      ...(l.wantsObservationFirst ? ['まず見学から始めたい'] : []),
      ...(c.avoidCrowds ? ['人が多い場面は避けたい'] : []),
      ...(c.onlineOnly ? ['オンラインでの参加を希望'] : []),
    ],
  };
}
