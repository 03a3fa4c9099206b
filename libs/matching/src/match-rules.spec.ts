import { GroupSize, PhysicalDemand, Residency, ResourceKind } from '@app/catalog';
import { CandidateProfile, Goal, PaceStage, SupportPhase, TravelMode } from '@app/candidate';
import {
  DEFAULT_WEIGHTS,
  demandOf,
  failedChecks,
  ResourceFacts,
  scoreOf,
  stageAfter,
  stepUpOf,
} from './match-rules';

/** A listing that passes every filter for the profile below. */
const listing = (o: Partial<ResourceFacts> = {}): ResourceFacts => ({
  id: 'r1',
  name: '畑の手伝い',
  kind: ResourceKind.VOLUNTEER,
  capacity: 10,
  seatsTaken: 3,
  hasWaitlist: false,
  minimumMinutes: 60,
  mayJustBeThere: false,
  talkingOptional: true,
  observationVisit: true,
  supporterMayAccompany: true,
  canGrowGradually: true,
  firstTimerFriendly: true,
  groupSize: GroupSize.SMALL,
  physicalDemand: PhysicalDemand.LOW,
  online: false,
  minAge: null,
  maxAge: null,
  residency: Residency.ANYONE,
  feeYen: 0,
  distance: 1200,
  occurrences: 4,
  weekdays: [2],
  fitMinutes: 120,
  nextFit: new Date('2026-12-01T04:00:00Z'),
  themes: [{ code: 'FARMING', label: '農作業' }],
  needsText: '草むしりを手伝ってくれる人',
  ...o,
});

const profile = (o: Partial<CandidateProfile> = {}): CandidateProfile => ({
  paceStage: PaceStage.SHORT_TASKS,
  supportPhase: SupportPhase.WITH_PLAN,
  goals: [Goal.ROLE],
  interests: ['FARMING'],
  strengths: ['草むしり'],
  birthYear: 1980,
  resident: true,
  limits: {
    maxSessionMinutes: 120,
    sessionsPerWeek: 2,
    needsQuiet: true,
    talkingOptional: true,
    wantsSupporter: true,
    wantsObservationFirst: true,
  },
  availability: [{ weekday: 2, from: '13:00', to: '16:00' }],
  travel: { mode: TravelMode.WALK, minutes: 20, meters: null },
  home: { latitude: 35.6, longitude: 139.6 },
  constraints: {
    maxPhysicalDemand: PhysicalDemand.MODERATE,
    groupSizes: [GroupSize.ONE_ON_ONE, GroupSize.SMALL],
    avoidCrowds: true,
    onlineOnly: false,
    maxFeeYen: 500,
  },
  ...o,
});
const rules = { acceptWaitlist: false, year: 2026 };

describe('hard filters, each on its own', () => {
  it('passes the base listing', () => {
    expect(failedChecks(listing(), profile(), rules)).toEqual([]);
  });

  it.each<[string, Partial<ResourceFacts>, Partial<CandidateProfile>, string, string]>([
    ['full', { capacity: 5, seatsTaken: 5 }, {}, 'OPENINGS', '定員に空きなし'],
    [
      'no occurrence in the horizon',
      { occurrences: 0, weekdays: [], fitMinutes: 0 },
      {},
      'SCHEDULE',
      '期間内に開催日がない',
    ],
    [
      'Saturdays only',
      { weekdays: [6], fitMinutes: 0 },
      {},
      'SCHEDULE',
      '土曜の開催で、参加できる時間帯と合わない',
    ],
    [
      'beyond reach',
      { distance: 2500 },
      {},
      'REACH',
      '自宅から約2.5kmで、移動できる範囲（約1.4km）を超える',
    ],
    [
      'not online for an online-only person',
      { kind: ResourceKind.IBASHO, mayJustBeThere: true },
      {
        paceStage: PaceStage.NOT_YET_OUT,
        constraints: { ...profile().constraints, onlineOnly: true },
      },
      'REACH',
      'オンラインで参加できない',
    ],
    ['for ages 18 to 39', { minAge: 18, maxAge: 39 }, {}, 'AGE', '対象年齢（18〜39歳）に合わない'],
    [
      'residents only',
      { residency: Residency.RESIDENTS_ONLY },
      { resident: false },
      'RESIDENCY',
      '市内在住の人が対象',
    ],
    [
      'three hours at least',
      { minimumMinutes: 180 },
      {},
      'SESSION_LENGTH',
      '3時間以上の参加が必要',
    ],
    [
      'a work placement for an early stage',
      { kind: ResourceKind.WORK_PLACEMENT, canGrowGradually: false },
      {},
      'PACE_STAGE',
      '就労に近い活動で、今の段階にはまだ負担が大きい',
    ],
    ['talking expected', { talkingOptional: false }, {}, 'TALKING', '話す場面がある'],
    [
      'not quiet',
      { groupSize: GroupSize.MEDIUM },
      { constraints: { ...profile().constraints, groupSizes: null } },
      'QUIET',
      '静かな少人数の場ではない',
    ],
    [
      'no supporter along',
      { supporterMayAccompany: false },
      {},
      'SUPPORTER',
      '支援者が同行できない',
    ],
    ['no observation visit', { observationVisit: false }, {}, 'OBSERVATION', '見学ができない'],
    [
      'physically demanding',
      { physicalDemand: PhysicalDemand.HIGH },
      {},
      'PHYSICAL',
      '体力的な負担が大きい',
    ],
    [
      'one-to-one only wanted, small group offered',
      { groupSize: GroupSize.SMALL },
      { constraints: { ...profile().constraints, groupSizes: [GroupSize.ONE_ON_ONE] } },
      'GROUP_SIZE',
      '人数の規模が希望と合わない',
    ],
    [
      'crowded',
      { groupSize: GroupSize.LARGE },
      {
        limits: { ...profile().limits, needsQuiet: false },
        constraints: { ...profile().constraints, groupSizes: null },
      },
      'CROWDS',
      '人が多い',
    ],
    ['over the fee limit', { feeYen: 1000 }, {}, 'FEE', '参加費1,000円が上限（500円）を超える'],
  ])('%s', (_label, r, p, check, reason) => {
    expect(failedChecks(listing(r), profile(p), rules)).toEqual([{ check, reason }]);
  });

  it('counts a waitlist as open only when the coordinator says so', () => {
    const full = listing({ capacity: 5, seatsTaken: 5, hasWaitlist: true });
    expect(failedChecks(full, profile(), rules)).toEqual([
      { check: 'OPENINGS', reason: '定員に空きなし（キャンセル待ちはできる）' },
    ]);
    expect(failedChecks(full, profile(), { ...rules, acceptWaitlist: true })).toEqual([]);
  });

  it('reads the pace a listing asks for from what it is and what it allows', () => {
    expect(
      demandOf({ kind: ResourceKind.IBASHO, mayJustBeThere: true, canGrowGradually: false }),
    ).toBe(PaceStage.JUST_BEING_THERE);
    expect(
      demandOf({ kind: ResourceKind.IBASHO, mayJustBeThere: false, canGrowGradually: false }),
    ).toBe(PaceStage.SHORT_TASKS);
    expect(
      demandOf({
        kind: ResourceKind.WORK_PLACEMENT,
        mayJustBeThere: false,
        canGrowGradually: true,
      }),
    ).toBe(PaceStage.REGULAR_ACTIVITY);
    expect(
      demandOf({
        kind: ResourceKind.WORK_PLACEMENT,
        mayJustBeThere: false,
        canGrowGradually: false,
      }),
    ).toBe(PaceStage.NEAR_WORK);
  });
});

describe('scores and explanations', () => {
  it('explains every factor of a fixed case in words to read aloud', () => {
    const { score, factors } = scoreOf(listing(), profile(), DEFAULT_WEIGHTS);
    const words = Object.fromEntries(factors.map((f) => [f.factor, f.explanations]));
    expect(words).toEqual({
      INTERESTS: ['農作業に関心'],
      DISTANCE: ['自宅から約1.2km'],
      SCHEDULE: ['火曜午後の空き時間と合う（次回 12月1日）'],
      PACE: [
        '見学だけでも可',
        '少しずつ時間を増やせる',
        '話さなくても大丈夫',
        '支援者と一緒に行ける',
      ],
      STRENGTHS: ['「草むしり」が活かせる'],
      FIRST_TIMER: ['初めての人も歓迎'],
    });
    expect(score).toBeCloseTo(
      factors.reduce((s, f) => s + f.contribution, 0),
      3,
    );
  });

  it('says so for online participation and short distances', () => {
    const online = scoreOf(listing({ online: true, distance: null }), profile(), DEFAULT_WEIGHTS);
    expect(online.factors.find((f) => f.factor === 'DISTANCE')).toMatchObject({
      value: 1,
      explanations: ['オンラインで参加できる'],
    });
    const near = scoreOf(listing({ distance: 320 }), profile(), DEFAULT_WEIGHTS);
    expect(near.factors.find((f) => f.factor === 'DISTANCE')?.explanations).toEqual([
      '自宅から約300m',
    ]);
  });

  it('favours gentle first steps for early stages, and the same stage later on', () => {
    const gentle = listing({ mayJustBeThere: true });
    const demanding = listing({
      mayJustBeThere: false,
      observationVisit: false,
      canGrowGradually: false,
      talkingOptional: false,
      supporterMayAccompany: false,
    });
    const early = profile({ paceStage: PaceStage.JUST_BEING_THERE });
    expect(scoreOf(gentle, early, DEFAULT_WEIGHTS).score).toBeGreaterThan(
      scoreOf(demanding, early, DEFAULT_WEIGHTS).score,
    );
    const later = profile({ paceStage: PaceStage.NEAR_WORK });
    const work = listing({ kind: ResourceKind.WORK_PLACEMENT, canGrowGradually: false });
    expect(
      scoreOf(work, later, DEFAULT_WEIGHTS).factors.find((f) => f.factor === 'PACE'),
    ).toMatchObject({
      value: 1,
      explanations: ['今の段階に合った就労に近い活動'],
    });
  });
});

describe('step-up suggestions', () => {
  const kinds = Object.values(ResourceKind);
  const variants = kinds.flatMap((kind) =>
    [false, true].flatMap((mayJustBeThere) =>
      [false, true].flatMap((canGrowGradually) =>
        [null, 60, 180].map((minimumMinutes) => ({
          kind,
          mayJustBeThere,
          canGrowGradually,
          minimumMinutes,
        })),
      ),
    ),
  );
  const stage = (r: (typeof variants)[number]) => Object.values(PaceStage).indexOf(demandOf(r));

  it('never proposes a jump of more than one stage, over every kind of listing', () => {
    let proposed = 0;
    for (const current of variants)
      for (const next of variants) {
        if (stepUpOf(current, next) === null) continue;
        proposed++;
        const jump = stage(next) - stage(current);
        expect([0, 1]).toContain(jump);
        if (jump === 0)
          expect(next.minimumMinutes ?? 0).toBeGreaterThan(current.minimumMinutes ?? 0);
      }
    expect(proposed).toBeGreaterThan(50);
  });

  it('says what the step is', () => {
    const cafe = {
      kind: ResourceKind.IBASHO,
      mayJustBeThere: true,
      canGrowGradually: false,
      minimumMinutes: null,
    };
    const volunteering = {
      kind: ResourceKind.VOLUNTEER,
      mayJustBeThere: false,
      canGrowGradually: false,
      minimumMinutes: 60,
    };
    const work = {
      kind: ResourceKind.WORK_PLACEMENT,
      mayJustBeThere: false,
      canGrowGradually: false,
      minimumMinutes: 240,
    };
    expect(stepUpOf(cafe, volunteering)).toBe('今より一歩進んだ決まった作業がある活動');
    expect(stepUpOf(cafe, work)).toBeNull();
    expect(stepUpOf(volunteering, { ...volunteering, minimumMinutes: 120 })).toBe(
      '今より少し長い時間（2時間）',
    );
    expect(stepUpOf(volunteering, cafe)).toBeNull();
    expect(stageAfter(cafe)).toBe(PaceStage.SHORT_TASKS);
  });
});
