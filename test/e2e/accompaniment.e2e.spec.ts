import { AccompanimentService } from '@app/referral';
import { aCityWithAreas, anOrganization, aResource } from '../support/factories';
import { aTeam, signedIn, TestUser } from '../support/auth';
import { anSmtpServer } from '../support/smtp';
import { onlyError, startTestApp, TestApp } from '../support/test-app';

type Signed = { user: TestUser; auth: Record<string, string> };

const PROFILE = {
  paceStage: 'SHORT_TASKS',
  supportPhase: 'WITH_PLAN',
  goals: ['ROLE'],
  interests: [],
  strengths: [],
  resident: true,
  limits: {
    maxSessionMinutes: 90,
    sessionsPerWeek: 1,
    needsQuiet: true,
    talkingOptional: false,
    wantsSupporter: false,
    wantsObservationFirst: false,
  },
  availability: [{ weekday: 2, from: '10:00', to: '12:00' }],
  travel: { mode: 'WALK', minutes: 20 },
  constraints: { onlineOnly: false },
};

describe('accompaniment (伴走): the participation log, follow-ups and notifications', () => {
  let t: TestApp;
  let smtp: Awaited<ReturnType<typeof anSmtpServer>>;
  let m: string;
  let csw: Signed;
  let host: Signed;
  let organizationId: string;
  let key = 0;

  beforeAll(async () => {
    smtp = await anSmtpServer();
    t = await startTestApp(undefined, {
      SMTP_URL: smtp.url,
      PUBLIC_BASE_URL: 'https://tsunagu.example.jp',
    });
    const ds = t.dataSource;
    m = (await aCityWithAreas(ds, 135.0, 34.5)).municipality.id;
    csw = await signedIn(t, {
      municipalityId: m,
      role: 'COORDINATOR',
      teamId: (await aTeam(ds, m)).id,
    });
    organizationId = (await anOrganization(ds, { municipalityId: m, name: '子ども食堂ひだまり' }))
      .id;
    host = await signedIn(t, {
      municipalityId: m,
      role: 'HOST',
      organizationIds: [organizationId],
    });
  });
  afterAll(async () => {
    await t?.close();
    await smtp?.close();
  });

  const gql = async (who: Signed, query: string, variables: Record<string, unknown> = {}) => {
    const res = await t.gql(query, variables, who.auth);
    if (!res.data) throw new Error(JSON.stringify(res.errors));
    return res.data;
  };

  /** Rさん, referred to a listing of the host and accepted: the referral's id. */
  const anAcceptedReferral = async (alias: string) => {
    const listing = await aResource(t.dataSource, {
      municipalityId: m,
      organizationId,
      name: '食堂の配膳ボランティア',
    });
    const { createCandidate } = await gql(
      csw,
      `mutation ($input: CreateCandidateInput!) { createCandidate(input: $input) { id } }`,
      { input: { alias, realName: '佐藤 一郎', contact: '080-1111-2222', profile: PROFILE } },
    );
    await gql(
      csw,
      `mutation ($input: RecordConsentInput!) { recordConsent(input: $input) { id } }`,
      {
        input: {
          candidateId: createCandidate.id,
          method: 'WRITTEN',
          scopes: [{ recipient: 'HOST', data: 'PROFILE' }],
        },
      },
    );
    const { sendReferral } = await gql(
      csw,
      `mutation ($input: ReferralInput!, $k: String!) { sendReferral(input: $input, idempotencyKey: $k) { id } }`,
      {
        input: { candidateId: createCandidate.id, resourceId: listing.id, message: '静かな席を' },
        k: `accompaniment-${process.pid}-${++key}`,
      },
    );
    await gql(
      host,
      `mutation ($id: ID!, $k: String!) { answerReferral(id: $id, input: { answer: ACCEPT }, idempotencyKey: $k) { status } }`,
      { id: sendReferral.id, k: `accompaniment-answer-${process.pid}-${key}` },
    );
    return sendReferral.id as string;
  };

  const followUps = async (referralId: string, state = 'OPEN') =>
    (
      await gql(
        csw,
        `query ($r: ID!, $s: FollowUpState!) { followUps(referralId: $r, state: $s) { id dueOn automatic overdue doneAt note alias } }`,
        { r: referralId, s: state },
      )
    ).followUps as { id: string; dueOn: string; automatic: boolean; overdue: boolean }[];

  describe('the participation log', () => {
    it('visits and step ups by the host; the person’s own words by the coordinator, never shown to the host', async () => {
      const id = await anAcceptedReferral('Rさん');
      await gql(
        host,
        `mutation ($id: ID!) { logVisit(referralId: $id, on: "2026-11-10", minutes: 60, supporterCame: true, note: "配膳を少し") { kind minutes } }`,
        { id },
      );
      await gql(
        host,
        `mutation ($id: ID!) { logStepUp(referralId: $id, on: "2026-11-17", fromMinutes: 60, toMinutes: 120) { kind } }`,
        { id },
      );
      await gql(
        csw,
        `mutation ($id: ID!) { recordSelfAssessment(referralId: $id, on: "2026-11-18", words: "行くのが少し楽しみになった") { kind feeling note } }`,
        { id },
      );
      const query = `query ($id: ID!) { participation(referralId: $id) { kind on minutes supporterCame fromMinutes toMinutes feeling note } }`;
      expect((await gql(csw, query, { id })).participation).toEqual([
        {
          kind: 'VISIT',
          on: '2026-11-10',
          minutes: 60,
          supporterCame: true,
          fromMinutes: null,
          toMinutes: null,
          feeling: null,
          note: '配膳を少し',
        },
        {
          kind: 'STEP_UP',
          on: '2026-11-17',
          minutes: null,
          supporterCame: null,
          fromMinutes: 60,
          toMinutes: 120,
          feeling: null,
          note: null,
        },
        {
          kind: 'SELF_ASSESSMENT',
          on: '2026-11-18',
          minutes: null,
          supporterCame: null,
          fromMinutes: null,
          toMinutes: null,
          feeling: null,
          note: '行くのが少し楽しみになった',
        },
      ]);
      expect(
        (await gql(host, query, { id })).participation.map((e: { kind: string }) => e.kind),
      ).toEqual(['VISIT', 'STEP_UP']);
      // A host may not record the person's self-assessment.
      expect(
        onlyError(
          await t.gql(
            `mutation ($id: ID!) { recordSelfAssessment(referralId: $id, on: "2026-11-18", feeling: 4) { kind } }`,
            { id },
            host.auth,
          ),
        ).extensions?.code,
      ).toBe('FORBIDDEN');
    });

    it('refuses what cannot be: a future day, a day not on the calendar, a shorter "step up", an empty self-assessment', async () => {
      const id = await anAcceptedReferral('Sさん');
      const error = async (who: Signed, mutation: string) =>
        onlyError(await t.gql(`mutation ($id: ID!) { ${mutation} { id } }`, { id }, who.auth));
      const noSuchDay = await error(
        host,
        'logVisit(referralId: $id, on: "2026-02-30", minutes: 30)',
      );
      expect(noSuchDay.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'on' });
      expect(
        (await error(csw, 'scheduleFollowUp(referralId: $id, dueOn: "2099-04-31")')).extensions,
      ).toMatchObject({ code: 'BAD_USER_INPUT', field: 'dueOn' });
      expect(
        (await error(host, 'logVisit(referralId: $id, on: "2099-01-01", minutes: 30)')).extensions
          ?.field,
      ).toBe('on');
      expect(
        (
          await error(
            host,
            'logStepUp(referralId: $id, on: "2026-11-01", fromMinutes: 120, toMinutes: 60)',
          )
        ).extensions?.field,
      ).toBe('toMinutes');
      expect(
        (await error(csw, 'recordSelfAssessment(referralId: $id, on: "2026-11-01")')).extensions
          ?.field,
      ).toBe('words');
      const [{ n }] = await t.dataSource.query<{ n: number }[]>(
        'SELECT count(*)::int AS n FROM participation_entry WHERE referral_id = $1',
        [id],
      );
      expect(n).toBe(0);
    });
  });

  describe('follow-ups', () => {
    it('the first visit schedules a check-in a week later; each one done, the next a month after the first — across month ends', async () => {
      const id = await anAcceptedReferral('Tさん');
      await gql(
        host,
        `mutation ($id: ID!) { logVisit(referralId: $id, on: "2026-01-24", minutes: 60) { id } }`,
        { id },
      );
      // A second visit schedules nothing more.
      await gql(
        host,
        `mutation ($id: ID!) { logVisit(referralId: $id, on: "2026-01-27", minutes: 60) { id } }`,
        { id },
      );
      const dues: string[] = [];
      for (let i = 0; i < 4; i++) {
        const open = await followUps(id);
        expect(open).toHaveLength(1);
        expect(open[0]).toMatchObject({ automatic: true, overdue: true });
        dues.push(open[0].dueOn);
        await gql(
          csw,
          `mutation ($id: ID!) { completeFollowUp(id: $id, note: "元気そう") { doneAt } }`,
          { id: open[0].id },
        );
      }
      expect(dues).toEqual(['2026-01-31', '2026-02-28', '2026-03-31', '2026-04-30']);
      expect(await followUps(id, 'DONE')).toHaveLength(4);
    });

    it('an ended referral’s open check-in tells no one', async () => {
      const id = await anAcceptedReferral('Oさん');
      await gql(
        host,
        `mutation ($id: ID!) { logVisit(referralId: $id, on: "2026-09-01", minutes: 30) { id } }`,
        { id },
      );
      await gql(csw, `mutation ($id: ID!) { endReferral(id: $id, reason: MOVED) { status } }`, {
        id,
      });
      await t.app.get(AccompanimentService).notifyOverdue('2026-11-24');
      const [{ told }] = await t.dataSource.query<{ told: number }[]>(
        'SELECT count(*)::int AS told FROM follow_up WHERE referral_id = $1 AND overdue_notified_at IS NOT NULL',
        [id],
      );
      expect(told).toBe(0);
    });

    it('scheduled by hand (the host’s support too); refused in the past', async () => {
      const id = await anAcceptedReferral('Uさん');
      const { scheduleFollowUp } = await gql(
        csw,
        `mutation ($id: ID!) { scheduleFollowUp(referralId: $id, dueOn: "2099-02-01", kind: HOST_SUPPORT, note: "受け入れ側の様子を聞く") { kind dueOn automatic overdue note } }`,
        { id },
      );
      expect(scheduleFollowUp).toEqual({
        kind: 'HOST_SUPPORT',
        dueOn: '2099-02-01',
        automatic: false,
        overdue: false,
        note: '受け入れ側の様子を聞く',
      });
      const past = onlyError(
        await t.gql(
          `mutation ($id: ID!) { scheduleFollowUp(referralId: $id, dueOn: "2020-01-01") { id } }`,
          { id },
          csw.auth,
        ),
      );
      expect(past.extensions?.field).toBe('dueOn');
    });

    it('an overdue follow-up tells the coordinator once, in the inbox and by e-mail', async () => {
      const id = await anAcceptedReferral('Vさん');
      await gql(
        host,
        `mutation ($id: ID!) { logVisit(referralId: $id, on: "2026-10-01", minutes: 45) { id } }`,
        { id },
      );
      const service = t.app.get(AccompanimentService);
      expect(await service.notifyOverdue('2026-11-24')).toBeGreaterThanOrEqual(1);
      expect(await service.notifyOverdue('2026-11-24')).toBe(0);
      const { inbox } = await gql(csw, `{ inbox(unreadOnly: true) { id kind title body link } }`);
      const overdue = inbox.filter(
        (n: { kind: string; title: string }) =>
          n.kind === 'FOLLOW_UP_OVERDUE' && n.title.includes('Vさん'),
      );
      expect(overdue).toHaveLength(1);
      expect(overdue[0].body).toBe(
        '「食堂の配膳ボランティア」に参加しているVさんのフォローアップ（期日 2026-10-08）がまだ記録されていません。',
      );
      const mail = await smtp.mailTo(csw.user.email, 'フォローアップの期日が過ぎています（Vさん）');
      expect(mail.text).toContain('https://tsunagu.example.jp/follow-ups');
      const { markNotificationsRead } = await gql(
        csw,
        `mutation ($ids: [ID!]!) { markNotificationsRead(ids: $ids) { readAt } }`,
        {
          ids: [overdue[0].id],
        },
      );
      expect(markNotificationsRead[0].readAt).not.toBeNull();
      // Another user's message cannot be marked.
      expect(
        onlyError(
          await t.gql(
            `mutation ($ids: [ID!]!) { markNotificationsRead(ids: $ids) { id } }`,
            { ids: [overdue[0].id] },
            host.auth,
          ),
        ).extensions?.code,
      ).toBe('NOT_FOUND');
    });
  });

  describe('notifications', () => {
    it('a new referral reaches the host, its answer the coordinator: the pseudonym and a link, no personal details', async () => {
      const id = await anAcceptedReferral('Wさん');
      const received = await smtp.mailTo(host.user.email, 'Wさん');
      expect(received.subject).toBe('新しい紹介が届きました（Wさん）');
      expect(received.text).toContain(`https://tsunagu.example.jp/host/referrals/${id}`);
      const answered = await smtp.mailTo(csw.user.email, '紹介に回答がありました（Wさん');
      // The outcome and the listing stay in the inbox, behind the sign-in.
      expect(answered.subject).toBe('紹介に回答がありました（Wさん）');
      expect(answered.text).toContain(`https://tsunagu.example.jp/referrals/${id}`);
      for (const mail of [received, answered])
        for (const secret of [
          '佐藤',
          '080-1111-2222',
          '静かな席',
          '短い決まった作業',
          '静かで人の少ない',
          '食堂の配膳ボランティア',
          '受け入れ決定',
        ])
          expect(`${mail.subject}\n${mail.text}`).not.toContain(secret);
      const { inbox } = await gql(host, `{ inbox { kind title link } }`);
      expect(inbox).toContainEqual({
        kind: 'REFERRAL_RECEIVED',
        title: '新しい紹介が届きました（Wさん）',
        link: `/host/referrals/${id}`,
      });
    });
  });
});
