import { ReferralService } from '@app/referral';
import { testCipher } from '../support/auth';
import { aCityWithAreas, anOrganization, aResource } from '../support/factories';
import { aTeam, signedIn, TestUser } from '../support/auth';
import { onlyError, startTestApp, TestApp } from '../support/test-app';

type Signed = { user: TestUser; auth: Record<string, string> };

const FIELDS = `id status statusLabel candidateId alias resourceId resourceName pace accommodations
  proposedWindow message holdsSeat waitlistPosition visitAt declineReason endReason nextReferralId
  history { from to label actorId reason note }`;
const HOST_FIELDS = `id status statusLabel resourceId resourceName alias pace accommodations proposedWindow
  message waitlistPosition visitAt declineReason coordinator { name email } realName contact
  history { from to label actorId reason note }`;

const SEND = `mutation ($input: ReferralInput!, $key: String!, $draftId: ID) {
  sendReferral(input: $input, idempotencyKey: $key, draftId: $draftId) { ${FIELDS} }
}`;
const DRAFT = `mutation ($input: ReferralInput!) { saveReferralDraft(input: $input) { ${FIELDS} } }`;
const ANSWER = `mutation ($id: ID!, $input: AnswerReferralInput!, $key: String!) {
  answerReferral(id: $id, input: $input, idempotencyKey: $key) { ${HOST_FIELDS} }
}`;
const INCOMING = `query ($id: ID!) { incomingReferral(id: $id) { ${HOST_FIELDS} } }`;
const REFERRAL = `query ($id: ID!) { referral(id: $id) { ${FIELDS} } }`;

/** Aさん: just being there, quiet, an hour at most, a supporter along at first. */
const PROFILE = {
  paceStage: 'JUST_BEING_THERE',
  supportPhase: 'BEFORE_PLAN',
  goals: ['PLACE_TO_BE'],
  interests: [],
  strengths: [],
  resident: true,
  limits: {
    maxSessionMinutes: 60,
    sessionsPerWeek: 1,
    needsQuiet: true,
    talkingOptional: true,
    wantsSupporter: true,
    wantsObservationFirst: true,
  },
  availability: [{ weekday: 3, from: '13:00', to: '16:00' }],
  travel: { mode: 'WALK', minutes: 20 },
  constraints: { avoidCrowds: true, onlineOnly: false },
};

let keySequence = 0;
const newKey = () => `test-key-${process.pid}-${++keySequence}-${Date.now()}`;

describe('referrals (つなぎ): consent, disclosure, answers, seats and history', () => {
  let t: TestApp;
  let m: string;
  let csw: Signed;
  let otherTeam: Signed;
  let host: Signed;
  let otherHost: Signed;
  let organizationId: string;
  let teamId: string;

  beforeAll(async () => {
    t = await startTestApp();
    const ds = t.dataSource;
    const city = await aCityWithAreas(ds, 134.0, 34.0);
    m = city.municipality.id;
    teamId = (await aTeam(ds, m)).id;
    csw = await signedIn(t, {
      municipalityId: m,
      role: 'COORDINATOR',
      teamId,
      displayName: '山田 相談員',
    });
    otherTeam = await signedIn(t, { municipalityId: m, role: 'COORDINATOR' });
    organizationId = (await anOrganization(ds, { municipalityId: m, name: 'NPOつなぐ畑' })).id;
    const other = (await anOrganization(ds, { municipalityId: m, name: '別の団体' })).id;
    host = await signedIn(t, {
      municipalityId: m,
      role: 'HOST',
      organizationIds: [organizationId],
    });
    otherHost = await signedIn(t, { municipalityId: m, role: 'HOST', organizationIds: [other] });
  });
  afterAll(() => t?.close());

  const aListing = (
    values: { capacity?: number | null; hasWaitlist?: boolean; name?: string } = {},
  ) =>
    aResource(t.dataSource, {
      municipalityId: m,
      organizationId,
      name: values.name ?? '畑の居場所',
      capacity: values.capacity ?? null,
    }).then(async (r) => {
      if (values.hasWaitlist)
        await t.dataSource.query('UPDATE resource SET has_waitlist = true WHERE id = $1', [r.id]);
      return r;
    });

  /** A candidate of the coordinator's team, with the consent scopes given (none: no consent). */
  const aPerson = async (alias: string, scopes: string[] = ['HOST:PROFILE']) => {
    const res = await t.gql(
      `mutation ($input: CreateCandidateInput!) { createCandidate(input: $input) { id } }`,
      { input: { alias, realName: '田中 花子', contact: '090-0000-0000', profile: PROFILE } },
      csw.auth,
    );
    const id = (res.data as { createCandidate: { id: string } }).createCandidate.id;
    if (scopes.length) await giveConsent(id, scopes);
    return id;
  };
  const giveConsent = async (candidateId: string, scopes: string[]) => {
    const res = await t.gql(
      `mutation ($input: RecordConsentInput!) { recordConsent(input: $input) { id } }`,
      {
        input: {
          candidateId,
          method: 'WRITTEN',
          scopes: scopes.map((s) => ({ recipient: s.split(':')[0], data: s.split(':')[1] })),
        },
      },
      csw.auth,
    );
    return (res.data as { recordConsent: { id: string } }).recordConsent.id;
  };
  const send = async (candidateId: string, resourceId: string, key = newKey()) => {
    const res = await t.gql(
      SEND,
      {
        input: { candidateId, resourceId, proposedWindow: '水曜の午後', message: '最初は見学から' },
        key,
      },
      csw.auth,
    );
    if (!res.data) throw new Error(JSON.stringify(res.errors));
    return res.data.sendReferral as Record<string, any>;
  };
  const answer = (id: string, input: Record<string, unknown>, as = host, key = newKey()) =>
    t.gql(ANSWER, { id, input, key }, as.auth);
  const seatsTaken = async (resourceId: string) =>
    (
      await t.dataSource.query<{ seats_taken: number }[]>(
        'SELECT seats_taken FROM resource WHERE id = $1',
        [resourceId],
      )
    )[0].seats_taken;
  const referralCount = async (candidateId: string) =>
    (
      await t.dataSource.query<{ n: number }[]>(
        'SELECT count(*)::int AS n FROM referral WHERE candidate_id = $1',
        [candidateId],
      )
    )[0].n;

  describe('the consent gate', () => {
    it('refuses to send without consent to share the profile with hosts, naming what is missing, and writes nothing', async () => {
      const listing = await aListing();
      const person = await aPerson('Eさん', ['SUPPORT_MEETING:PROFILE']);
      const error = onlyError(
        await t.gql(
          SEND,
          { input: { candidateId: person, resourceId: listing.id }, key: newKey() },
          csw.auth,
        ),
      );
      expect(error.extensions?.code).toBe('BAD_USER_INPUT');
      expect(error.extensions?.field).toBe('input.candidateId');
      expect(error.message).toContain('受け入れ先に仮名のプロフィールを伝えること');
      expect(await referralCount(person)).toBe(0);
    });

    it('sends with it: the history says who sent it, and what the host will be told is fixed', async () => {
      const listing = await aListing();
      const person = await aPerson('Aさん');
      const sent = await send(person, listing.id);
      expect(sent).toMatchObject({
        status: 'SENT',
        statusLabel: '送付済み',
        alias: 'Aさん',
        resourceName: '畑の居場所',
        pace: 'その場にいるだけから始めたい',
        proposedWindow: '水曜の午後',
        message: '最初は見学から',
        holdsSeat: false,
        history: [{ from: 'DRAFT', to: 'SENT', label: '送付済み', actorId: csw.user.id }],
      });
      expect(sent.accommodations).toEqual([
        '1回1時間まで、週1回まで',
        '静かで人の少ない環境だと安心できる',
        '無理に話さなくてよい配慮がほしい',
        '最初は支援者が同行したい',
        'まず見学から始めたい',
        '人が多い場面は避けたい',
      ]);
    });

    it('a draft shares nothing: the host cannot see it; sending it later goes through the same gate', async () => {
      const listing = await aListing();
      const person = await aPerson('Fさん', []);
      const draft = (
        await t.gql(DRAFT, { input: { candidateId: person, resourceId: listing.id } }, csw.auth)
      ).data!.saveReferralDraft as Record<string, any>;
      expect(draft).toMatchObject({ status: 'DRAFT', pace: null, accommodations: [] });
      expect(onlyError(await t.gql(INCOMING, { id: draft.id }, host.auth)).extensions?.code).toBe(
        'NOT_FOUND',
      );
      const input = { candidateId: person, resourceId: listing.id };
      expect(
        onlyError(await t.gql(SEND, { input, key: newKey(), draftId: draft.id }, csw.auth)).message,
      ).toContain('本人の同意');
      await giveConsent(person, ['HOST:PROFILE']);
      const sent = (await t.gql(SEND, { input, key: newKey(), draftId: draft.id }, csw.auth)).data!
        .sendReferral as Record<string, any>;
      expect(sent).toMatchObject({ id: draft.id, status: 'SENT' });
      expect(sent.history.map((e: { to: string }) => e.to)).toEqual(['DRAFT', 'SENT']);
    });
  });

  describe('where a referral may go', () => {
    it('never to another municipality’s listing, nor to the waitlist of a listing with room or none', async () => {
      const elsewhere = await aCityWithAreas(t.dataSource, 134.5, 34.2);
      const theirs = await aResource(t.dataSource, {
        municipalityId: elsewhere.municipality.id,
        organizationId: (
          await anOrganization(t.dataSource, { municipalityId: elsewhere.municipality.id })
        ).id,
        name: '隣の市の居場所',
      });
      const person = await aPerson('Zさん');
      const error = onlyError(
        await t.gql(
          SEND,
          { input: { candidateId: person, resourceId: theirs.id }, key: newKey() },
          csw.auth,
        ),
      );
      expect(error.extensions?.field).toBe('input.resourceId');
      expect(error.message).toContain('他の自治体の活動には紹介できません');
      expect(await referralCount(person)).toBe(0);

      const roomy = await aListing({ capacity: 3, hasWaitlist: true });
      const noWaitlist = await aListing({ capacity: 3 });
      for (const [listing, words] of [
        [roomy, '定員に空きがあります'],
        [noWaitlist, 'キャンセル待ちを受け付けていません'],
      ] as const) {
        const sent = await send(await aPerson('待ちさん'), listing.id);
        const refused = onlyError(await answer(sent.id, { answer: 'WAITLIST' }));
        expect(refused.extensions?.field).toBe('input.answer');
        expect(refused.message).toContain(words);
      }
    });
  });

  describe('what the host sees', () => {
    it('before acceptance: the pseudonym, pace, accommodations, time window and the coordinator’s contact — no name, no contact details', async () => {
      const listing = await aListing();
      const person = await aPerson('Gさん', ['HOST:PROFILE', 'HOST:NAME', 'HOST:CONTACT']);
      const sent = await send(person, listing.id);
      const seen = (await t.gql(INCOMING, { id: sent.id }, host.auth)).data!
        .incomingReferral as Record<string, any>;
      expect(seen).toEqual({
        id: sent.id,
        status: 'SENT',
        statusLabel: '送付済み',
        resourceId: listing.id,
        resourceName: '畑の居場所',
        alias: 'Gさん',
        pace: 'その場にいるだけから始めたい',
        accommodations: sent.accommodations,
        proposedWindow: '水曜の午後',
        message: '最初は見学から',
        waitlistPosition: null,
        visitAt: null,
        declineReason: null,
        coordinator: { name: '山田 相談員', email: csw.user.email },
        realName: null,
        contact: null,
        history: [
          {
            from: 'DRAFT',
            to: 'SENT',
            label: '送付済み',
            actorId: csw.user.id,
            reason: null,
            note: null,
          },
        ],
      });
    });

    it('after acceptance: the name and contact details, each only if the person agreed to share it', async () => {
      const listing = await aListing();
      const both = await aPerson('Hさん', ['HOST:PROFILE', 'HOST:NAME', 'HOST:CONTACT']);
      const nameOnly = await aPerson('Iさん', ['HOST:PROFILE', 'HOST:NAME']);
      for (const [person, name, contact] of [
        [both, '田中 花子', '090-0000-0000'],
        [nameOnly, '田中 花子', null],
      ] as const) {
        const sent = await send(person, listing.id);
        const accepted = (await answer(sent.id, { answer: 'ACCEPT' })).data!
          .answerReferral as Record<string, any>;
        expect(accepted).toMatchObject({ status: 'ACCEPTED', realName: name, contact });
      }
    });

    it('the host’s list: each referral as disclosure allows it, none whose person withdrew consent', async () => {
      const listing = await aListing({ name: '一覧の居場所' });
      const accepted = await send(
        await aPerson('一覧Aさん', ['HOST:PROFILE', 'HOST:NAME']),
        listing.id,
      );
      await answer(accepted.id, { answer: 'ACCEPT' });
      const waiting = await send(
        await aPerson('一覧Bさん', ['HOST:PROFILE', 'HOST:NAME']),
        listing.id,
      );
      const gone = await aPerson('一覧Cさん');
      const withdrawn = await send(gone, listing.id);
      const consents = (
        await t.gql(
          `query ($id: ID!) { consents(candidateId: $id) { id } }`,
          { id: gone },
          csw.auth,
        )
      ).data!.consents as { id: string }[];
      for (const c of consents)
        await t.gql(
          `mutation ($id: ID!) { withdrawConsent(id: $id) { id } }`,
          { id: c.id },
          csw.auth,
        );
      const list = (
        await t.gql(
          `query ($r: ID!) { incomingReferrals(resourceId: $r) { id alias status realName contact } }`,
          { r: listing.id },
          host.auth,
        )
      ).data!.incomingReferrals as Record<string, unknown>[];
      expect(list).toHaveLength(2);
      expect(list).toContainEqual({
        id: accepted.id,
        alias: '一覧Aさん',
        status: 'ACCEPTED',
        realName: '田中 花子',
        contact: null,
      });
      expect(list).toContainEqual({
        id: waiting.id,
        alias: '一覧Bさん',
        status: 'SENT',
        realName: null,
        contact: null,
      });
      expect(list.map((r) => r.id)).not.toContain(withdrawn.id);
    });

    it('another host sees nothing of it, nor does a coordinator of another team', async () => {
      const listing = await aListing();
      const sent = await send(await aPerson('Jさん'), listing.id);
      expect(
        onlyError(await t.gql(INCOMING, { id: sent.id }, otherHost.auth)).extensions?.code,
      ).toBe('NOT_FOUND');
      expect(
        onlyError(await answer(sent.id, { answer: 'ACCEPT' }, otherHost)).extensions?.code,
      ).toBe('NOT_FOUND');
      expect(
        onlyError(await t.gql(REFERRAL, { id: sent.id }, otherTeam.auth)).extensions?.code,
      ).toBe('NOT_FOUND');
      const list = await t.gql(`{ incomingReferrals { id } }`, {}, otherHost.auth);
      expect(list.data!.incomingReferrals).toEqual([]);
    });
  });

  describe('answers and moves', () => {
    it('a decline needs a reason, and closes the referral for good', async () => {
      const listing = await aListing();
      const sent = await send(await aPerson('Kさん'), listing.id);
      const missing = onlyError(await answer(sent.id, { answer: 'DECLINE' }));
      expect(missing.extensions?.field).toBe('input.declineReason');
      const declined = (
        await answer(sent.id, { answer: 'DECLINE', declineReason: 'TIMING', note: '年明けなら' })
      ).data!.answerReferral as Record<string, any>;
      expect(declined).toMatchObject({ status: 'DECLINED', declineReason: 'TIMING' });
      expect(declined.history.at(-1)).toMatchObject({
        to: 'DECLINED',
        reason: '時期が合わない',
        note: null,
      });
      const again = onlyError(await answer(sent.id, { answer: 'ACCEPT' }));
      expect(again.message).toBe('この紹介は現在「お断り」のため、「受け入れ決定」にはできません');
      // The coordinator reads the host's note.
      const seen = (await t.gql(REFERRAL, { id: sent.id }, csw.auth)).data!.referral as Record<
        string,
        any
      >;
      expect(seen.history.at(-1)).toMatchObject({ note: '年明けなら', actorId: host.user.id });
    });

    it('a visit, taking part, a pause and back, then the end: the seat is held throughout and freed at the end', async () => {
      const listing = await aListing({ capacity: 3 });
      const sent = await send(await aPerson('Lさん'), listing.id);
      await answer(sent.id, { answer: 'ACCEPT' });
      expect(await seatsTaken(listing.id)).toBe(1);
      const move = async (mutation: string, extra = '') =>
        t.gql(
          `mutation ($id: ID!) { ${mutation}(id: $id${extra}) { status } }`,
          { id: sent.id },
          csw.auth,
        );
      expect((await move('scheduleVisit', ', at: "2026-12-09T04:00:00Z"')).data).toEqual({
        scheduleVisit: { status: 'VISIT_SCHEDULED' },
      });
      expect((await move('markParticipating')).data).toEqual({
        markParticipating: { status: 'PARTICIPATING' },
      });
      expect(
        (
          await t.gql(
            `mutation ($id: ID!) { pauseIncomingReferral(id: $id, note: "体調を崩した") { status } }`,
            { id: sent.id },
            host.auth,
          )
        ).data,
      ).toEqual({ pauseIncomingReferral: { status: 'PAUSED' } });
      expect(await seatsTaken(listing.id)).toBe(1);
      // A host cannot end it: that is decided with the person.
      const hostEnd = onlyError(
        await t.gql(
          `mutation ($id: ID!) { endReferral(id: $id, reason: CHOSE_TO_STOP) { status } }`,
          { id: sent.id },
          host.auth,
        ),
      );
      expect(hostEnd.extensions?.code).toBe('FORBIDDEN');
      expect((await move('markParticipating')).data).toEqual({
        markParticipating: { status: 'PARTICIPATING' },
      });
      const ended = (
        await t.gql(
          `mutation ($id: ID!) { endReferral(id: $id, reason: HAS_PEOPLE_AROUND, note: "地域の人とつながった") { ${FIELDS} } }`,
          { id: sent.id },
          csw.auth,
        )
      ).data!.endReferral as Record<string, any>;
      expect(ended).toMatchObject({
        status: 'ENDED',
        endReason: 'HAS_PEOPLE_AROUND',
        holdsSeat: false,
      });
      expect(ended.history.map((e: { to: string }) => e.to)).toEqual([
        'SENT',
        'ACCEPTED',
        'VISIT_SCHEDULED',
        'PARTICIPATING',
        'PAUSED',
        'PARTICIPATING',
        'ENDED',
      ]);
      expect(ended.history.at(-1).reason).toBe(
        '身近に頼れる人ができ、困ったときの連絡先もわかっている',
      );
      expect(await seatsTaken(listing.id)).toBe(0);
      // Nothing follows an end.
      expect(onlyError(await move('markParticipating')).message).toContain('現在「終了」');
    });

    it('a step up: the next referral is sent, this one is linked to it and its seat freed', async () => {
      const here = await aListing({ capacity: 2, name: '畑の居場所' });
      const next = await aListing({ name: '畑の作業ボランティア' });
      const person = await aPerson('Mさん');
      const sent = await send(person, here.id);
      await answer(sent.id, { answer: 'ACCEPT' });
      await t.gql(
        `mutation ($id: ID!) { markParticipating(id: $id) { status } }`,
        { id: sent.id },
        csw.auth,
      );
      const stepped = (
        await t.gql(
          `mutation ($id: ID!, $r: ID!, $k: String!) { stepUpReferral(id: $id, resourceId: $r, idempotencyKey: $k, note: "1時間から2時間へ") { ${FIELDS} } }`,
          { id: sent.id, r: next.id, k: newKey() },
          csw.auth,
        )
      ).data!.stepUpReferral as Record<string, any>;
      expect(stepped).toMatchObject({
        status: 'SENT',
        resourceName: '畑の作業ボランティア',
        candidateId: person,
      });
      const old = (await t.gql(REFERRAL, { id: sent.id }, csw.auth)).data!.referral as Record<
        string,
        any
      >;
      expect(old).toMatchObject({
        status: 'STEPPED_UP',
        nextReferralId: stepped.id,
        holdsSeat: false,
      });
      expect(await seatsTaken(here.id)).toBe(0);
    });
  });

  describe('idempotency', () => {
    it('a replayed send answers the first referral; the same key with another input is refused', async () => {
      const listing = await aListing();
      const other = await aListing({ name: '別の居場所' });
      const person = await aPerson('Nさん');
      const key = newKey();
      const first = await send(person, listing.id, key);
      const replay = await send(person, listing.id, key);
      expect(replay.id).toBe(first.id);
      expect(await referralCount(person)).toBe(1);
      const clash = onlyError(
        await t.gql(SEND, { input: { candidateId: person, resourceId: other.id }, key }, csw.auth),
      );
      expect(clash.extensions?.field).toBe('idempotencyKey');
      expect(await referralCount(person)).toBe(1);
    });

    it('a replayed answer takes one seat, once', async () => {
      const listing = await aListing({ capacity: 5 });
      const sent = await send(await aPerson('Oさん'), listing.id);
      const key = newKey();
      const [a, b] = await Promise.all([
        answer(sent.id, { answer: 'ACCEPT' }, host, key),
        answer(sent.id, { answer: 'ACCEPT' }, host, key),
      ]);
      expect([a.data?.answerReferral, b.data?.answerReferral]).toEqual([
        expect.objectContaining({ status: 'ACCEPTED' }),
        expect.objectContaining({ status: 'ACCEPTED' }),
      ]);
      expect(await seatsTaken(listing.id)).toBe(1);
      expect(
        onlyError(await answer(sent.id, { answer: 'DECLINE', declineReason: 'OTHER' }, host, key))
          .extensions?.field,
      ).toBe('idempotencyKey');
    });
  });

  describe('seats', () => {
    /** `n` people of the team with consent, each referred to the listing (inserted directly: setup only). */
    const referred = async (listingId: string, n: number) => {
      const cipher = testCipher();
      const ids: string[] = [];
      for (let i = 0; i < n; i++) {
        const [{ id: candidateId }] = await t.dataSource.query<{ id: string }[]>(
          `INSERT INTO candidate (municipality_id, team_id, alias) VALUES ($1, $2, $3) RETURNING id`,
          [m, teamId, `順番${i + 1}さん`],
        );
        await t.dataSource.query(
          `INSERT INTO consent (municipality_id, candidate_id, scopes, method, given_at, recorded_by)
           VALUES ($1, $2, '{HOST:PROFILE}', 'WRITTEN', now() - interval '1 minute', $3)`,
          [m, candidateId, csw.user.id],
        );
        const [{ id }] = await t.dataSource.query<{ id: string }[]>(
          `INSERT INTO referral (municipality_id, candidate_id, resource_id, organization_id, team_id, coordinator_id, status, sent_at, disclosure_encrypted)
           VALUES ($1, $2, $3, $4, $5, $6, 'SENT', now(), $7) RETURNING id`,
          [
            m,
            candidateId,
            listingId,
            organizationId,
            teamId,
            csw.user.id,
            cipher.encrypt(
              JSON.stringify({ pace: null, accommodations: [], message: null }),
              'referral.disclosure',
            ),
          ],
        );
        ids.push(id);
      }
      return ids;
    };
    const statuses = async (listingId: string) =>
      Object.fromEntries(
        (
          await t.dataSource.query<{ status: string; n: number }[]>(
            `SELECT status, count(*)::int AS n FROM referral WHERE resource_id = $1 GROUP BY status`,
            [listingId],
          )
        ).map((r) => [r.status, r.n]),
      );

    it('50 simultaneous accepts on 5 free seats: exactly 5 accepted, the rest waitlisted, seats taken = accepted', async () => {
      const listing = await aListing({ capacity: 5, hasWaitlist: true });
      const ids = await referred(listing.id, 50);
      const results = await Promise.all(ids.map((id) => answer(id, { answer: 'ACCEPT' })));
      const answered = results.map(
        (r) => (r.data?.answerReferral as { status: string } | undefined)?.status,
      );
      expect(answered.filter((s) => s === 'ACCEPTED')).toHaveLength(5);
      expect(answered.filter((s) => s === 'WAITLISTED')).toHaveLength(45);
      expect(await statuses(listing.id)).toEqual({ ACCEPTED: 5, WAITLISTED: 45 });
      expect(await seatsTaken(listing.id)).toBe(5);
      const [{ held }] = await t.dataSource.query<{ held: number }[]>(
        'SELECT count(*)::int AS held FROM referral WHERE resource_id = $1 AND holds_seat',
        [listing.id],
      );
      expect(held).toBe(5);
    });

    it('without a waitlist the rest are refused, and nothing is half-written', async () => {
      const listing = await aListing({ capacity: 5 });
      const ids = await referred(listing.id, 50);
      const results = await Promise.all(ids.map((id) => answer(id, { answer: 'ACCEPT' })));
      expect(results.filter((r) => r.data?.answerReferral)).toHaveLength(5);
      const refused = results.filter((r) => r.errors);
      expect(refused).toHaveLength(45);
      for (const r of refused) expect(onlyError(r).extensions?.code).toBe('CONFLICT');
      expect(await statuses(listing.id)).toEqual({ ACCEPTED: 5, SENT: 45 });
      expect(await seatsTaken(listing.id)).toBe(5);
    });

    it('a freed seat goes to the first on the waitlist, in order, and the history says why', async () => {
      const listing = await aListing({ capacity: 1, hasWaitlist: true });
      const [first, second, third] = await referred(listing.id, 3);
      for (const id of [first, second, third]) await answer(id, { answer: 'ACCEPT' });
      const waiting = (await t.gql(INCOMING, { id: third }, host.auth)).data!
        .incomingReferral as Record<string, any>;
      expect(waiting).toMatchObject({ status: 'WAITLISTED', waitlistPosition: 2 });
      await t.gql(
        `mutation ($id: ID!) { withdrawReferral(id: $id) { status } }`,
        { id: first },
        csw.auth,
      );
      const promoted = (await t.gql(REFERRAL, { id: second }, csw.auth)).data!.referral as Record<
        string,
        any
      >;
      expect(promoted).toMatchObject({ status: 'ACCEPTED', holdsSeat: true });
      expect(promoted.history.at(-1)).toMatchObject({
        from: 'WAITLISTED',
        to: 'ACCEPTED',
        actorId: null,
        reason: '空きが出たため、キャンセル待ちから繰り上げ',
      });
      expect(
        (await t.gql(INCOMING, { id: third }, host.auth)).data!.incomingReferral,
      ).toMatchObject({
        status: 'WAITLISTED',
        waitlistPosition: 1,
      });
      expect(await seatsTaken(listing.id)).toBe(1);
    });
  });

  describe('a withdrawn consent', () => {
    it('withdraws every open referral at once, frees the seat for the waitlist, and the host loses access', async () => {
      const listing = await aListing({ capacity: 1, hasWaitlist: true });
      const person = await aPerson('Pさん');
      const next = await aPerson('Qさん');
      const accepted = await send(person, listing.id);
      await answer(accepted.id, { answer: 'ACCEPT' });
      const waiting = await send(next, listing.id);
      await answer(waiting.id, { answer: 'ACCEPT' });
      const consents = (
        await t.gql(
          `query ($id: ID!) { consents(candidateId: $id) { id } }`,
          { id: person },
          csw.auth,
        )
      ).data!.consents as { id: string }[];
      for (const c of consents)
        await t.gql(
          `mutation ($id: ID!) { withdrawConsent(id: $id, note: "本人の希望") { id } }`,
          { id: c.id },
          csw.auth,
        );
      const withdrawn = (await t.gql(REFERRAL, { id: accepted.id }, csw.auth)).data!
        .referral as Record<string, any>;
      expect(withdrawn).toMatchObject({ status: 'WITHDRAWN', holdsSeat: false });
      expect(withdrawn.history.at(-1)).toMatchObject({
        to: 'WITHDRAWN',
        actorId: null,
        reason: '本人同意（受け入れ先との共有）の撤回により取り下げ',
      });
      expect(
        onlyError(await t.gql(INCOMING, { id: accepted.id }, host.auth)).extensions?.code,
      ).toBe('NOT_FOUND');
      expect(
        (await t.gql(INCOMING, { id: waiting.id }, host.auth)).data!.incomingReferral,
      ).toMatchObject({
        status: 'ACCEPTED',
      });
      expect(await seatsTaken(listing.id)).toBe(1);
    });

    it('an expired one stops the host at once; the hourly job withdraws the referral and moves the waitlist on', async () => {
      const listing = await aListing({ capacity: 1, hasWaitlist: true });
      const person = await aPerson('Xさん');
      const accepted = await send(person, listing.id);
      await answer(accepted.id, { answer: 'ACCEPT' });
      const waiting = await send(await aPerson('Yさん'), listing.id);
      await answer(waiting.id, { answer: 'ACCEPT' });
      await t.dataSource.query(
        `UPDATE consent SET given_at = now() - interval '2 days', expires_at = now() - interval '1 hour' WHERE candidate_id = $1`,
        [person],
      );
      expect(
        onlyError(await t.gql(INCOMING, { id: accepted.id }, host.auth)).extensions?.code,
      ).toBe('NOT_FOUND');
      expect(await t.app.get(ReferralService).withdrawExpired()).toBeGreaterThanOrEqual(1);
      const withdrawn = (await t.gql(REFERRAL, { id: accepted.id }, csw.auth)).data!
        .referral as Record<string, any>;
      expect(withdrawn).toMatchObject({ status: 'WITHDRAWN', holdsSeat: false });
      expect(withdrawn.history.at(-1)).toMatchObject({
        actorId: null,
        reason: '本人同意（受け入れ先との共有）の期限切れにより取り下げ',
      });
      expect(
        (await t.gql(INCOMING, { id: waiting.id }, host.auth)).data!.incomingReferral,
      ).toMatchObject({ status: 'ACCEPTED' });
      // The coordinator is told of the promotion.
      const inbox = (await t.gql(`{ inbox { kind subjectId title } }`, {}, csw.auth)).data!
        .inbox as { kind: string; subjectId: string; title: string }[];
      expect(inbox).toContainEqual({
        kind: 'WAITLIST_PROMOTED',
        subjectId: waiting.id,
        title: 'キャンセル待ちから繰り上がりました（Yさん）',
      });
      const [{ audited }] = await t.dataSource.query<{ audited: number }[]>(
        `SELECT count(*)::int AS audited FROM audit_log WHERE entity_id = $1 AND actor_role = 'SYSTEM'`,
        [accepted.id],
      );
      expect(audited).toBe(1);
    });
  });
});
