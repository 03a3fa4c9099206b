import { aCityWithAreas, anOrganization, aResource, aSchedule } from '../support/factories';
import { aTeam, signedIn, TestUser } from '../support/auth';
import { onlyError, startTestApp, TestApp } from '../support/test-app';

const MATCH = `query ($id: ID!, $first: Int, $options: MatchOptionsInput) {
  matchResources(candidateId: $id, first: $first, options: $options, purpose: "初回面談の準備") {
    alias considered
    matches { resource { name } score distanceMeters explanations factors { factor value weight contribution explanations } }
    nearMisses { resource { name } check reason }
  }
}`;

/** Metres to degrees of latitude, near the test city. */
const north = (meters: number) => meters / 111_000;

/** Bさん: short fixed tasks, two hours at most, Tuesday and Thursday afternoons, 20 minutes on foot. */
const PROFILE = {
  paceStage: 'SHORT_TASKS',
  supportPhase: 'WITH_PLAN',
  goals: ['ROLE'],
  interests: ['FARMING'],
  strengths: ['草むしり'],
  birthYear: 1975,
  resident: true,
  limits: {
    maxSessionMinutes: 120,
    sessionsPerWeek: 2,
    needsQuiet: true,
    talkingOptional: false,
    wantsSupporter: false,
    wantsObservationFirst: true,
  },
  availability: [
    { weekday: 2, from: '13:00', to: '16:00' },
    { weekday: 4, from: '13:00', to: '16:00' },
  ],
  travel: { mode: 'WALK', minutes: 20 },
  constraints: {
    maxPhysicalDemand: 'MODERATE',
    avoidCrowds: true,
    onlineOnly: false,
    maxFeeYen: 500,
  },
};

describe('matchResources: hard filters, a score, explanations and near misses', () => {
  let t: TestApp;
  let csw: { user: TestUser; auth: Record<string, string> };
  let otherTeam: { user: TestUser; auth: Record<string, string> };
  let admin: { user: TestUser; auth: Record<string, string> };
  let candidateId: string;
  let municipalityId: string;
  const home = { latitude: 35.01, longitude: 133.01 };

  beforeAll(async () => {
    t = await startTestApp();
    const ds = t.dataSource;
    const city = await aCityWithAreas(ds, 133.0, 35.0);
    const m = city.municipality.id;
    municipalityId = m;
    const team = await aTeam(ds, m);
    csw = await signedIn(t, { municipalityId: m, role: 'COORDINATOR', teamId: team.id });
    otherTeam = await signedIn(t, { municipalityId: m, role: 'COORDINATOR' });
    admin = await signedIn(t, { municipalityId: m, role: 'ADMIN' });
    const org = await anOrganization(ds, { municipalityId: m });
    await ds.query(
      `INSERT INTO host_need (municipality_id, organization_id, kind, description) VALUES ($1, $2, 'PEOPLE', '草むしりを手伝ってくれる人')`,
      [m, org.id],
    );
    const validFrom = '2026-01-01';
    /** A listing at `meters` north of home with a weekly schedule and the given columns. */
    const listing = async (
      name: string,
      meters: number,
      schedule: { weekdays: number[]; opensAt: string; closesAt: string } | null,
      columns: Record<string, unknown>,
    ) => {
      const r = await aResource(ds, {
        municipalityId: m,
        organizationId: org.id,
        name,
        kind: (columns.kind as string) ?? 'VOLUNTEER',
        location: { latitude: home.latitude + north(meters), longitude: home.longitude },
        capacity: (columns.capacity as number) ?? null,
        seatsTaken: (columns.seats_taken as number) ?? 0,
        status: (columns.status as string) ?? 'ACTIVE',
      });
      const set = Object.entries({
        observation_visit: true,
        group_size: 'SMALL',
        physical_demand: 'LOW',
        ...columns,
      }).filter(([k]) => !['kind', 'capacity', 'seats_taken', 'status'].includes(k));
      await ds.query(
        `UPDATE resource SET ${set.map(([k], i) => `${k} = $${i + 2}`).join(', ')} WHERE id = $1`,
        [r.id, ...set.map(([, v]) => v)],
      );
      if (schedule) await aSchedule(ds, r.id, { freq: 'WEEKLY', validFrom, ...schedule });
      await ds.query(
        `INSERT INTO resource_theme (resource_id, theme_code) VALUES ($1, 'FARMING')`,
        [r.id],
      );
      return r;
    };
    const tuesday = { weekdays: [2], opensAt: '13:00', closesAt: '15:00' };
    await listing('畑の手伝い', 300, tuesday, { first_timer_friendly: true });
    await listing('木曜の畑', 600, { weekdays: [4], opensAt: '14:00', closesAt: '16:00' }, {});
    await listing('満員の畑', 300, tuesday, { capacity: 5, seats_taken: 5 });
    await listing('土曜の畑', 300, { weekdays: [6], opensAt: '10:00', closesAt: '12:00' }, {});
    await listing('遠くの畑', 2000, tuesday, {});
    await listing('長時間の作業', 300, tuesday, { minimum_minutes: 180 });
    await listing('農家での就労体験', 300, tuesday, { kind: 'WORK_PLACEMENT' });
    await listing('20人ほどの収穫祭', 300, tuesday, { group_size: 'MEDIUM' });
    await listing('見学のできない畑', 300, tuesday, { observation_visit: false });
    await listing('有料の園芸講座', 300, tuesday, { fee_yen: 3000 });
    await listing(
      '満員で土曜の畑',
      300,
      { weekdays: [6], opensAt: '10:00', closesAt: '12:00' },
      { capacity: 1, seats_taken: 1 },
    );
    await listing('休止中の畑', 300, tuesday, { status: 'PAUSED' });
    await listing('さらに遠くの畑', 5000, tuesday, {});

    const created = await t.gql(
      'mutation ($input: CreateCandidateInput!) { createCandidate(input: $input) { id } }',
      { input: { alias: 'Bさん', profile: { ...PROFILE, home } } },
      csw.auth,
    );
    candidateId = created.data!.createCandidate.id;
  });
  afterAll(() => t?.close());

  const match = (options: Record<string, unknown> = {}, who = csw) =>
    t.gql(MATCH, { id: candidateId, first: 20, ...options }, who.auth);

  it('proposes only listings that pass every filter, best first', async () => {
    const res = await match();
    expect(res.errors).toBeUndefined();
    const result = res.data!.matchResources;
    expect(result.alias).toBe('Bさん');
    expect(result.matches.map((x: { resource: { name: string } }) => x.resource.name)).toEqual([
      '畑の手伝い',
      '木曜の畑',
    ]);
    expect(result.matches[0].score).toBeGreaterThan(result.matches[1].score);
  });

  it('explains a match in sentences that can be read to the person, with each factor’s share', async () => {
    const [best] = (await match()).data!.matchResources.matches;
    expect(best.explanations).toEqual(
      expect.arrayContaining([
        '農作業に関心',
        '自宅から約300m',
        expect.stringMatching(/^火曜午後の空き時間と合う（次回 \d+月\d+日）$/),
        '見学だけでも可',
        '「草むしり」が活かせる',
        '初めての人も歓迎',
      ]),
    );
    const total = best.factors.reduce(
      (s: number, f: { contribution: number }) => s + f.contribution,
      0,
    );
    expect(best.score).toBeCloseTo(total, 2);
    for (const f of best.factors) expect(f.contribution).toBeCloseTo(f.value * f.weight, 2);
    expect(best.distanceMeters).toBeGreaterThan(250);
    expect(best.distanceMeters).toBeLessThan(350);
  });

  it.each([
    ['満員の畑', 'OPENINGS', '定員に空きなし'],
    ['土曜の畑', 'SCHEDULE', '土曜の開催で、参加できる時間帯と合わない'],
    ['遠くの畑', 'REACH', '自宅から約2.0kmで、移動できる範囲（約1.4km）を超える'],
    ['長時間の作業', 'SESSION_LENGTH', '3時間以上の参加が必要'],
    ['農家での就労体験', 'PACE_STAGE', '就労に近い活動で、今の段階にはまだ負担が大きい'],
    ['20人ほどの収穫祭', 'QUIET', '静かな少人数の場ではない'],
    ['見学のできない畑', 'OBSERVATION', '見学ができない'],
    ['有料の園芸講座', 'FEE', '参加費3,000円が上限（500円）を超える'],
  ])('lists %s as a near miss: %s, 「%s」', async (name, check, reason) => {
    const misses = (await match()).data!.matchResources.nearMisses;
    expect(misses).toContainEqual({ resource: { name }, check, reason });
  });

  it('leaves out listings failing two filters, paused ones and those far beyond reach', async () => {
    const result = (await match()).data!.matchResources;
    const names = [...result.matches, ...result.nearMisses].map(
      (x: { resource: { name: string } }) => x.resource.name,
    );
    expect(names).not.toContain('満員で土曜の畑');
    expect(names).not.toContain('休止中の畑');
    expect(names).not.toContain('さらに遠くの畑');
  });

  it('counts a full listing with a waitlist as open when the coordinator accepts waiting', async () => {
    await t.dataSource.query(
      `UPDATE resource SET has_waitlist = true WHERE name = '満員の畑' AND municipality_id = $1`,
      [municipalityId],
    );
    const without = (await match()).data!.matchResources;
    expect(without.nearMisses).toContainEqual({
      resource: { name: '満員の畑' },
      check: 'OPENINGS',
      reason: '定員に空きなし（キャンセル待ちはできる）',
    });
    const withWaiting = (await match({ options: { acceptWaitlist: true } })).data!.matchResources;
    expect(
      withWaiting.matches.map((x: { resource: { name: string } }) => x.resource.name),
    ).toContain('満員の畑');
  });

  it("records the read of the person's profile with its purpose", async () => {
    const [before] = await t.dataSource.query(
      `SELECT count(*)::int AS n FROM audit_log WHERE subject_id = $1 AND purpose = '初回面談の準備'`,
      [candidateId],
    );
    await match();
    const [after] = await t.dataSource.query(
      `SELECT count(*)::int AS n FROM audit_log WHERE subject_id = $1 AND purpose = '初回面談の準備'`,
      [candidateId],
    );
    expect(after.n).toBe(before.n + 1);
  });

  it("answers NOT_FOUND for another team's candidate, as for one that does not exist", async () => {
    const other = onlyError(await match({}, otherTeam));
    const missing = onlyError(
      await t.gql(MATCH, { id: '00000000-0000-4000-8000-000000000000' }, csw.auth),
    );
    expect(other.extensions?.code).toBe('NOT_FOUND');
    expect(missing.extensions?.code).toBe('NOT_FOUND');
    expect(other.message).toBe(missing.message);
  });

  it('refuses a candidate without a profile, and `first` over the limit, clearly', async () => {
    const bare = await t.gql(
      'mutation { createCandidate(input: { alias: "Zさん" }) { id } }',
      {},
      csw.auth,
    );
    const noProfile = onlyError(
      await t.gql(MATCH, { id: bare.data!.createCandidate.id }, csw.auth),
    );
    expect(noProfile.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'candidateId' });
    const tooMany = onlyError(await match({ first: 500 }));
    expect(tooMany.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'first' });
  });

  describe('weights, per municipality', () => {
    const SET = `mutation ($w: MatchingWeightsInput!) { setMatchingWeights(weights: $w) { DISTANCE SCHEDULE } }`;
    const only = (factor: string) => ({
      INTERESTS: 0,
      DISTANCE: 0,
      SCHEDULE: 0,
      PACE: 0,
      STRENGTHS: 0,
      FIRST_TIMER: 0,
      [factor]: 1,
    });

    it('lets an admin set them, and scores by them from the next request', async () => {
      const set = await t.gql(SET, { w: only('DISTANCE') }, admin.auth);
      expect(set.data).toEqual({ setMatchingWeights: { DISTANCE: 1, SCHEDULE: 0 } });
      const [best] = (await match()).data!.matchResources.matches;
      const distance = best.factors.find((f: { factor: string }) => f.factor === 'DISTANCE');
      expect(distance.weight).toBe(1);
      expect(best.score).toBeCloseTo(distance.value, 2);
      const read = await t.gql('{ matchingWeights { DISTANCE PACE } }', {}, csw.auth);
      expect(read.data).toEqual({ matchingWeights: { DISTANCE: 1, PACE: 0 } });
    });

    it('refuses a coordinator, all zeros and a weight over 1, naming the field', async () => {
      expect(onlyError(await t.gql(SET, { w: only('PACE') }, csw.auth)).extensions?.code).toBe(
        'FORBIDDEN',
      );
      const zeros = onlyError(await t.gql(SET, { w: { ...only('PACE'), PACE: 0 } }, admin.auth));
      expect(zeros.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'weights' });
      const over = onlyError(await t.gql(SET, { w: { ...only('PACE'), PACE: 1.5 } }, admin.auth));
      expect(over.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'PACE' });
    });
  });

  describe('reverse matching: which of my candidates fit a listing', () => {
    const REVERSE = `query ($id: ID!) {
      matchCandidates(resourceId: $id, purpose: "新しい募集の検討") {
        resource { name } considered
        matches { alias score explanations }
        nearMisses { alias check reason }
      }
    }`;
    let resourceId: string;
    beforeAll(async () => {
      // Back to the default weights (the weights tests above changed them for the municipality).
      await t.gql(
        'mutation { setMatchingWeights(weights: { INTERESTS: 0.25, DISTANCE: 0.15, SCHEDULE: 0.15, PACE: 0.25, STRENGTHS: 0.1, FIRST_TIMER: 0.1 }) { PACE } }',
        {},
        admin.auth,
      );
      const [row] = await t.dataSource.query(
        `SELECT id FROM resource WHERE name = '畑の手伝い' AND municipality_id = $1`,
        [municipalityId],
      );
      resourceId = row.id;
      const add = (alias: string, p: Record<string, unknown>, who = csw) =>
        t.gql(
          'mutation ($input: CreateCandidateInput!) { createCandidate(input: $input) { id } }',
          { input: { alias, profile: { ...PROFILE, home, ...p } } },
          who.auth,
        );
      await add('土曜だけのCさん', { availability: [{ weekday: 6, from: '09:00', to: '17:00' }] });
      // 3 km north, kept as a point coarsened to about 500 m: about 2.5 km from the listing.
      await add('遠方のDさん', {
        home: { latitude: home.latitude + north(3000), longitude: home.longitude },
      });
      await add('別チームのEさん', {}, otherTeam);
    });

    it("answers the team's candidates who fit, and those one filter away, with reasons", async () => {
      const res = await t.gql(REVERSE, { id: resourceId }, csw.auth);
      expect(res.errors).toBeUndefined();
      const result = res.data!.matchCandidates;
      expect(result.resource).toEqual({ name: '畑の手伝い' });
      expect(result.matches.map((m: { alias: string }) => m.alias)).toEqual(['Bさん']);
      expect(result.matches[0].explanations).toContain('農作業に関心');
      expect(result.nearMisses).toEqual(
        expect.arrayContaining([
          {
            alias: '土曜だけのCさん',
            check: 'SCHEDULE',
            reason: '火曜の開催で、参加できる時間帯と合わない',
          },
          {
            alias: '遠方のDさん',
            check: 'REACH',
            reason: '自宅から約2.5kmで、移動できる範囲（約1.4km）を超える',
          },
        ]),
      );
      const aliases = JSON.stringify(result);
      expect(aliases).not.toContain('別チームのEさん');
    });

    it('records a read for every candidate it weighed', async () => {
      const [before] = await t.dataSource.query(
        `SELECT count(*)::int AS n FROM audit_log WHERE purpose = '新しい募集の検討' AND actor_user_id = $1`,
        [csw.user.id],
      );
      const res = await t.gql(REVERSE, { id: resourceId }, csw.auth);
      const [after] = await t.dataSource.query(
        `SELECT count(*)::int AS n FROM audit_log WHERE purpose = '新しい募集の検討' AND actor_user_id = $1`,
        [csw.user.id],
      );
      expect(after.n - before.n).toBe(res.data!.matchCandidates.considered);
      expect(res.data!.matchCandidates.considered).toBeGreaterThanOrEqual(3);
    });

    it('answers NOT_FOUND for a listing the coordinator may not see', async () => {
      const error = onlyError(
        await t.gql(REVERSE, { id: '00000000-0000-4000-8000-000000000000' }, csw.auth),
      );
      expect(error.extensions?.code).toBe('NOT_FOUND');
    });
  });

  describe('step-up suggestions', () => {
    const STEP = `query ($id: ID!, $current: ID!) {
      stepUpSuggestions(candidateId: $id, currentResourceId: $current) {
        matches { resource { name kind } explanations }
      }
    }`;

    it('from a place to just be, proposes the next stage up and never a bigger jump', async () => {
      const [cafe] = await t.dataSource.query(
        `SELECT id FROM resource WHERE name = '畑の手伝い' AND municipality_id = $1`,
        [municipalityId],
      );
      // A 居場所 where one may just be there, beside the farm: where Bさん takes part now.
      const [{ id: current }] = await t.dataSource.query(
        `INSERT INTO resource (municipality_id, organization_id, kind, name, may_just_be_there, observation_visit, location)
         SELECT municipality_id, organization_id, 'IBASHO', '縁側カフェ', true, true, location FROM resource WHERE id = $1
         RETURNING id`,
        [cafe.id],
      );
      const res = await t.gql(STEP, { id: candidateId, current }, csw.auth);
      expect(res.errors).toBeUndefined();
      const steps = res.data!.stepUpSuggestions.matches as {
        resource: { name: string; kind: string };
        explanations: string[];
      }[];
      expect(steps.map((s) => s.resource.name)).toEqual(
        expect.arrayContaining(['畑の手伝い', '木曜の畑']),
      );
      expect(steps.every((s) => s.resource.kind === 'VOLUNTEER')).toBe(true);
      expect(steps.map((s) => s.resource.name)).not.toContain('農家での就労体験');
      expect(steps[0].explanations[0]).toBe('今より一歩進んだ決まった作業がある活動');
    });
  });

  describe('batch allocation of a cohort to openings', () => {
    const ALLOCATE = `query ($input: AllocateInput!) {
      allocateOpenings(input: $input) {
        method totalScore unassigned
        assignments { alias resource { name } score locked explanations }
      }
    }`;
    let cohort: string[];
    let farm: string;
    let thursday: string;
    beforeAll(async () => {
      const id = async (name: string) =>
        (
          await t.dataSource.query(
            `SELECT id FROM resource WHERE name = $1 AND municipality_id = $2`,
            [name, municipalityId],
          )
        )[0].id as string;
      farm = await id('畑の手伝い');
      thursday = await id('木曜の畑');
      await t.dataSource.query('UPDATE resource SET capacity = 1, seats_taken = 0 WHERE id = $1', [
        farm,
      ]);
      const add = async (alias: string) =>
        (
          await t.gql(
            'mutation ($input: CreateCandidateInput!) { createCandidate(input: $input) { id } }',
            { input: { alias, profile: { ...PROFILE, home } } },
            csw.auth,
          )
        ).data!.createCandidate.id as string;
      cohort = [candidateId, await add('Fさん'), await add('Gさん')];
    });

    it.each(['MAX_SCORE', 'STABLE'])(
      '%s: fills the one seat once, places the rest elsewhere, explains each',
      async (method) => {
        const res = await t.gql(
          ALLOCATE,
          { input: { candidateIds: cohort, resourceIds: [farm, thursday], method } },
          csw.auth,
        );
        expect(res.errors).toBeUndefined();
        const result = res.data!.allocateOpenings;
        const names = result.assignments.map(
          (a: { resource: { name: string } }) => a.resource.name,
        );
        expect(names.filter((n: string) => n === '畑の手伝い')).toHaveLength(1);
        expect(names.filter((n: string) => n === '木曜の畑')).toHaveLength(2);
        expect(result.unassigned).toEqual([]);
        for (const a of result.assignments) expect(a.explanations.length).toBeGreaterThan(0);
      },
    );

    it('keeps a locked pair and never makes an excluded one', async () => {
      const res = await t.gql(
        ALLOCATE,
        {
          input: {
            candidateIds: cohort,
            resourceIds: [farm, thursday],
            locked: [{ candidateId: cohort[2], resourceId: farm }],
            excluded: [{ candidateId: cohort[0], resourceId: thursday }],
          },
        },
        csw.auth,
      );
      const result = res.data!.allocateOpenings;
      const of = (alias: string) =>
        result.assignments.find((a: { alias: string }) => a.alias === alias) as
          { resource: { name: string }; locked: boolean; explanations: string[] } | undefined;
      expect(of('Gさん')).toMatchObject({ resource: { name: '畑の手伝い' }, locked: true });
      expect(of('Gさん')!.explanations[0]).toBe('担当者が固定した組み合わせ');
      // Bさん may not go to 木曜の畑, and the only farm seat is locked: Bさん stays unplaced.
      expect(of('Bさん')).toBeUndefined();
      expect(result.unassigned).toEqual([candidateId]);
    });

    it('keeps a locked pair that fails a filter, and says why in the explanation', async () => {
      const saturday = (
        await t.dataSource.query(
          `SELECT id FROM resource WHERE name = '土曜の畑' AND municipality_id = $1`,
          [municipalityId],
        )
      )[0].id as string;
      const res = await t.gql(
        ALLOCATE,
        {
          input: {
            candidateIds: [candidateId],
            resourceIds: [saturday],
            locked: [{ candidateId, resourceId: saturday }],
          },
        },
        csw.auth,
      );
      expect(res.errors).toBeUndefined();
      const [only] = res.data!.allocateOpenings.assignments;
      expect(only).toMatchObject({ alias: 'Bさん', resource: { name: '土曜の畑' }, locked: true });
      expect(only.explanations.slice(0, 2)).toEqual([
        '担当者が固定した組み合わせ',
        '注意: 土曜の開催で、参加できる時間帯と合わない',
      ]);
    });

    it("refuses another team's candidate as not found, and an empty cohort clearly", async () => {
      const [other] = await t.dataSource.query(
        `SELECT id FROM candidate WHERE alias = '別チームのEさん' AND municipality_id = $1`,
        [municipalityId],
      );
      const foreign = onlyError(
        await t.gql(
          ALLOCATE,
          { input: { candidateIds: [other.id], resourceIds: [farm] } },
          csw.auth,
        ),
      );
      expect(foreign.extensions?.code).toBe('NOT_FOUND');
      const empty = onlyError(
        await t.gql(ALLOCATE, { input: { candidateIds: [], resourceIds: [farm] } }, csw.auth),
      );
      expect(empty.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'candidateIds' });
    });
  });
});
