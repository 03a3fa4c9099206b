import { aCityWithAreas } from '../support/factories';
import { signedIn, TestUser } from '../support/auth';
import { onlyError, startTestApp, TestApp } from '../support/test-app';

const CREATE = `mutation ($input: CreateCandidateInput!) {
  createCandidate(input: $input) {
    id
    profile {
      paceStage supportPhase goals interests strengths birthYear resident
      limits { maxSessionMinutes sessionsPerWeek needsQuiet talkingOptional wantsSupporter wantsObservationFirst }
      availability { weekday from to }
      travel { mode minutes meters }
      home { latitude longitude }
      constraints { maxPhysicalDemand groupSizes avoidCrowds onlineOnly maxFeeYen }
    }
  }
}`;

/** Bさん (DOMAIN.md): short fixed tasks, two hours at most, Tuesday and Thursday afternoons. */
const profile = (overrides: Record<string, unknown> = {}) => ({
  paceStage: 'SHORT_TASKS',
  supportPhase: 'WITH_PLAN',
  goals: ['ROLE'],
  interests: ['FARMING', 'COOKING'],
  strengths: ['草むしり', '黙々とした作業'],
  birthYear: 1975,
  resident: true,
  limits: {
    maxSessionMinutes: 120,
    sessionsPerWeek: 2,
    needsQuiet: true,
    talkingOptional: true,
    wantsSupporter: false,
    wantsObservationFirst: true,
  },
  availability: [
    { weekday: 2, from: '13:00', to: '16:00' },
    { weekday: 4, from: '13:00', to: '16:00' },
  ],
  travel: { mode: 'WALK', minutes: 20 },
  home: { latitude: 35.61234, longitude: 139.60789 },
  constraints: {
    maxPhysicalDemand: 'MODERATE',
    groupSizes: ['ONE_ON_ONE', 'SMALL'],
    avoidCrowds: true,
    onlineOnly: false,
    maxFeeYen: 500,
  },
  ...overrides,
});

describe('candidate profiles (pace, availability, travel, interests, constraints)', () => {
  let t: TestApp;
  let csw: { user: TestUser; auth: Record<string, string> };
  beforeAll(async () => {
    t = await startTestApp();
    const city = await aCityWithAreas(t.dataSource, 134.0, 42.0);
    csw = await signedIn(t, { municipalityId: city.municipality.id, role: 'COORDINATOR' });
  });
  afterAll(() => t?.close());

  const create = (p: unknown) => t.gql(CREATE, { input: { alias: 'Bさん', profile: p } }, csw.auth);
  const count = async () =>
    (
      await t.dataSource.query<{ n: number }[]>(
        'SELECT count(*)::int AS n FROM candidate WHERE team_id = $1',
        [csw.user.teamId],
      )
    )[0].n;

  it('keeps the whole profile, with home coarsened to about 500 m, and stores it only encrypted', async () => {
    const res = await create(profile());
    expect(res.errors).toBeUndefined();
    const saved = res.data!.createCandidate;
    expect(saved.profile).toMatchObject({
      paceStage: 'SHORT_TASKS',
      interests: ['FARMING', 'COOKING'],
      availability: [
        { weekday: 2, from: '13:00', to: '16:00' },
        { weekday: 4, from: '13:00', to: '16:00' },
      ],
      home: { latitude: 35.61, longitude: 139.61 },
      constraints: { groupSizes: ['ONE_ON_ONE', 'SMALL'], maxFeeYen: 500 },
    });
    const [row] = await t.dataSource.query<{ profile_encrypted: string }[]>(
      'SELECT profile_encrypted FROM candidate WHERE id = $1',
      [saved.id],
    );
    expect(row.profile_encrypted).toMatch(/^v1\./);
    expect(row.profile_encrypted).not.toMatch(/SHORT_TASKS|草むしり|139\.6/);
  });

  it.each([
    [
      'a window that ends before it starts',
      profile({ availability: [{ weekday: 2, from: '16:00', to: '13:00' }] }),
      'profile.availability.0.to',
    ],
    [
      'overlapping windows on one day',
      profile({
        availability: [
          { weekday: 3, from: '10:00', to: '12:00' },
          { weekday: 3, from: '11:30', to: '14:00' },
        ],
      }),
      'profile.availability.1.from',
    ],
    [
      'a travel reach of zero',
      profile({ travel: { mode: 'WALK', minutes: 0 } }),
      'profile.travel.minutes',
    ],
    ['no travel reach at all', profile({ travel: { mode: 'BICYCLE' } }), 'profile.travel'],
    [
      'a session limit below any possible session',
      profile({ limits: { ...profile().limits, maxSessionMinutes: 5 } }),
      'profile.limits.maxSessionMinutes',
    ],
    [
      'an interest that is not a theme',
      profile({ interests: ['FARMING', 'ゲーム'] }),
      'profile.interests.1',
    ],
    [
      'not going out yet, but not online only',
      profile({ paceStage: 'NOT_YET_OUT' }),
      'profile.constraints.onlineOnly',
    ],
    [
      'a weekday 8',
      profile({ availability: [{ weekday: 8, from: '10:00', to: '11:00' }] }),
      'profile.availability.0.weekday',
    ],
    [
      'a time of 25:00',
      profile({ availability: [{ weekday: 1, from: '10:00', to: '25:00' }] }),
      'profile.availability.0.to',
    ],
  ])('refuses %s, naming the field, and writes nothing', async (_label, bad, field) => {
    const before = await count();
    const error = onlyError(await create(bad));
    expect(error.extensions?.code).toBe('BAD_USER_INPUT');
    expect(error.extensions?.errors?.map((e) => e.field)).toContain(field);
    // What the coordinator typed is never repeated back in an error.
    expect(JSON.stringify(error)).not.toContain('ゲーム');
    expect(await count()).toBe(before);
  });

  it('replaces the profile on update, and clears it with null', async () => {
    const { id } = (await create(profile())).data!.createCandidate;
    const update = (p: unknown) =>
      t.gql(
        'mutation ($id: ID!, $p: CandidateProfileInput) { updateCandidate(id: $id, input: { profile: $p }) { profile { paceStage } } }',
        { id, p },
        csw.auth,
      );
    expect(
      (await update(profile({ paceStage: 'REGULAR_ACTIVITY' }))).data!.updateCandidate.profile,
    ).toEqual({
      paceStage: 'REGULAR_ACTIVITY',
    });
    expect((await update(null)).data!.updateCandidate.profile).toBeNull();
  });
});
