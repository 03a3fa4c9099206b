import { aCityWithAreas, anOrganization, aResource } from '../support/factories';
import { aTeam, signedIn, TestUser } from '../support/auth';
import { startTestApp, TestApp } from '../support/test-app';

type Signed = { user: TestUser; auth: Record<string, string> };

const profile = (supportPhase: string, home: { latitude: number; longitude: number }) => ({
  paceStage: 'SHORT_TASKS',
  supportPhase,
  goals: ['ROLE'],
  interests: [],
  strengths: [],
  resident: true,
  limits: {
    maxSessionMinutes: 120,
    sessionsPerWeek: 1,
    needsQuiet: false,
    talkingOptional: false,
    wantsSupporter: false,
    wantsObservationFirst: false,
  },
  availability: [
    { weekday: 2, from: '10:00', to: '12:00' },
    { weekday: 6, from: '10:00', to: '12:00' },
  ],
  travel: { mode: 'WALK', minutes: 10 },
  home,
  constraints: { onlineOnly: false },
});

describe('indicators for the 重層的支援会議, and their CSV', () => {
  let t: TestApp;
  let csw: Signed;
  let host: Signed;
  let city: Awaited<ReturnType<typeof aCityWithAreas>>;

  beforeAll(async () => {
    t = await startTestApp();
    const ds = t.dataSource;
    city = await aCityWithAreas(ds, 136.0, 35.5);
    const m = city.municipality.id;
    csw = await signedIn(t, {
      municipalityId: m,
      role: 'COORDINATOR',
      teamId: (await aTeam(ds, m)).id,
    });
    const organizationId = (await anOrganization(ds, { municipalityId: m })).id;
    host = await signedIn(t, {
      municipalityId: m,
      role: 'HOST',
      organizationIds: [organizationId],
    });
    const listing = await aResource(ds, {
      municipalityId: m,
      organizationId,
      name: '町の縁側',
      capacity: 1,
    });
    await ds.query('UPDATE resource SET has_waitlist = true WHERE id = $1', [listing.id]);

    const gql = async (who: Signed, query: string, variables: Record<string, unknown>) => {
      const res = await t.gql(query, variables, who.auth);
      if (!res.data) throw new Error(JSON.stringify(res.errors));
      return res.data;
    };
    // Three people: two in one area (one before a plan), one in the other with a plan.
    const areas = [city.dailyLife, city.dailyLife, city.district];
    const phases = ['BEFORE_PLAN', 'WITH_PLAN', 'WITH_PLAN'];
    const referrals: string[] = [];
    for (const [i, area] of areas.entries()) {
      const { createCandidate } = await gql(
        csw,
        `mutation ($input: CreateCandidateInput!) { createCandidate(input: $input) { id } }`,
        {
          input: {
            alias: `指標${i + 1}さん`,
            areaId: area.id,
            // Far from any listing: the match finds nothing.
            profile: profile(phases[i], { latitude: 35.0, longitude: 135.0 }),
          },
        },
      );
      await gql(
        csw,
        `mutation ($input: RecordConsentInput!) { recordConsent(input: $input) { id } }`,
        {
          input: {
            candidateId: createCandidate.id,
            method: 'ORAL',
            scopes: [{ recipient: 'HOST', data: 'PROFILE' }],
          },
        },
      );
      const { sendReferral } = await gql(
        csw,
        `mutation ($input: ReferralInput!, $k: String!) { sendReferral(input: $input, idempotencyKey: $k) { id } }`,
        {
          input: { candidateId: createCandidate.id, resourceId: listing.id },
          k: `indicators-${process.pid}-${i}`,
        },
      );
      referrals.push(sendReferral.id);
      if (i === 0)
        await gql(
          csw,
          `query ($id: ID!) { matchResources(candidateId: $id) { matches { score } } }`,
          {
            id: createCandidate.id,
          },
        );
    }
    const answer = (id: string, input: string, k: string) =>
      gql(
        host,
        `mutation ($id: ID!, $k: String!) { answerReferral(id: $id, input: ${input}, idempotencyKey: $k) { status } }`,
        {
          id,
          k: `indicators-answer-${process.pid}-${k}`,
        },
      );
    await answer(referrals[0], '{ answer: ACCEPT }', 'a');
    await answer(referrals[1], '{ answer: ACCEPT }', 'b'); // full: waitlisted
    await answer(referrals[2], '{ answer: DECLINE, declineReason: NOT_A_FIT }', 'c');
    await t.gql(`query { searchResources(query: "けん玉教室") { totalCount } }`, {}, csw.auth);
    await t.gql(`query { searchResources(query: "=SUM(1+1)") { totalCount } }`, {}, csw.auth);
  });
  afterAll(() => t?.close());

  const QUERY = `{ indicators {
    referralsByStatus { key label count } referralsByArea { label count } supportPhases { key label count }
    declineReasons { key label count } waitlists { label count } searchesWithoutResult { label count }
    unmetDemand { area paceStage weekday count } } }`;

  it('counts referrals by status and area, plan-linked and pre-plan apart, declines, waitlists and unmet demand', async () => {
    const res = await t.gql(QUERY, {}, csw.auth);
    const i = res.data!.indicators as Record<
      string,
      { key?: string; label: string; count: number }[]
    >;
    const nonZero = (rows: { key?: string; count: number }[]) => rows.filter((r) => r.count > 0);
    expect(nonZero(i.referralsByStatus)).toEqual([
      { key: 'ACCEPTED', label: '受け入れ決定', count: 1 },
      { key: 'DECLINED', label: 'お断り', count: 1 },
      { key: 'WAITLISTED', label: 'キャンセル待ち', count: 1 },
    ]);
    expect(i.referralsByArea).toEqual([
      { label: '西圏域', count: 2 },
      { label: '南地区', count: 1 },
    ]);
    expect(i.supportPhases).toEqual([
      { key: 'BEFORE_PLAN', label: 'プラン作成前（相談支援のみ）', count: 1 },
      { key: 'WITH_PLAN', label: '本人同意のある支援プランあり', count: 2 },
    ]);
    expect(i.declineReasons).toEqual([
      { key: 'NOT_A_FIT', label: '活動の内容が合わない', count: 1 },
    ]);
    expect(i.waitlists).toEqual([{ label: '町の縁側', count: 1 }]);
    expect(i.searchesWithoutResult).toEqual([
      { label: '=SUM(1+1)', count: 1 },
      { label: 'けん玉教室', count: 1 },
    ]);
    expect(i.unmetDemand).toEqual([
      { area: '西圏域', paceStage: 'SHORT_TASKS', weekday: 2, count: 1 },
      { area: '西圏域', paceStage: 'SHORT_TASKS', weekday: 6, count: 1 },
    ]);
  });

  it('exports the same as CSV for Excel (UTF-8 with a byte order mark), to coordinators only', async () => {
    const res = await fetch(`${t.baseUrl}/indicators.csv`, { headers: csw.auth });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toContain('text/csv');
    expect(res.headers.get('content-disposition')).toMatch(
      /attachment; filename="indicators-\d{8}\.csv"/,
    );
    const bytes = new Uint8Array(await res.arrayBuffer());
    expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const lines = new TextDecoder().decode(bytes).trim().split('\n');
    expect(lines[0]).toBe('指標,区分,ペース,曜日,件数');
    expect(lines).toContain('紹介（状態別）,キャンセル待ち,,,1');
    expect(lines).toContain('紹介（圏域別）,西圏域,,,2');
    expect(lines).toContain('紹介した人（支援の段階別）,プラン作成前（相談支援のみ）,,,1');
    expect(lines).toContain('結果のなかった検索,けん玉教室,,,1');
    // A resident's search words never become a formula when the file is opened in Excel.
    expect(lines).toContain(`結果のなかった検索,'=SUM(1+1),,,1`);
    expect(lines).toContain('結果のなかったマッチング,西圏域,短い決まった作業,土,1');
    expect(lines.join('\n')).not.toContain('指標1さん');

    expect((await fetch(`${t.baseUrl}/indicators.csv`, { headers: host.auth })).status).toBe(403);
    expect((await fetch(`${t.baseUrl}/indicators.csv`)).status).toBe(401);
    const bad = await fetch(`${t.baseUrl}/indicators.csv?from=yesterday`, { headers: csw.auth });
    expect(bad.status).toBe(400);
    expect(await bad.json()).toMatchObject({ field: 'from' });
  });
});
