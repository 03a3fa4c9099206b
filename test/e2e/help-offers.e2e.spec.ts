import { HelpOfferService } from '@app/volunteer';
import { aTeam, signedIn, TestUser } from '../support/auth';
import { aCityWithAreas, aHostNeed, anOrganization } from '../support/factories';
import { anSmtpServer } from '../support/smtp';
import { onlyError, startTestApp, TestApp } from '../support/test-app';

type Signed = { user: TestUser; auth: Record<string, string> };

const OFFER = `mutation ($input: OfferHelpInput!) { offerHelp(input: $input) { organizationName needDescription } }`;
const OFFERS = `query ($statuses: [HelpOfferStatus!], $org: ID) {
  helpOffers(statuses: $statuses, organizationId: $org) {
    edges { node { id status organizationName needDescription needKind name email phone message } }
  } }`;
const ANSWER = `mutation ($input: AnswerHelpOfferInput!) { answerHelpOffer(input: $input) { id status name email phone message } }`;

const RESIDENT = {
  name: '山田 花子',
  email: 'hanako.yamada@example.jp',
  phone: '090-1234-5678',
  message: '平日の午前なら、配膳を手伝えます',
};

describe('offers to help (担い手): a resident offers, the host is told and answers', () => {
  let t: TestApp;
  let smtp: Awaited<ReturnType<typeof anSmtpServer>>;
  let m: string;
  let host: Signed;
  let otherHost: Signed;
  let csw: Signed;
  let need: { id: string; description: string };

  beforeAll(async () => {
    smtp = await anSmtpServer();
    t = await startTestApp(undefined, {
      SMTP_URL: smtp.url,
      PUBLIC_BASE_URL: 'https://tsunagu.example.jp',
      // This suite sends many offers from one address; the budget has its own test below.
      HELP_OFFERS_PER_HOUR: '1000',
    });
    const ds = t.dataSource;
    m = (await aCityWithAreas(ds, 136.0, 35.0)).municipality.id;
    const kitchen = await anOrganization(ds, { municipalityId: m, name: '東原ふれあい食堂' });
    const other = await anOrganization(ds, { municipalityId: m, name: '西町サロン' });
    need = await aHostNeed(ds, {
      municipalityId: m,
      organizationId: kitchen.id,
      description: '配膳ボランティア（平日昼）',
    });
    host = await signedIn(t, { municipalityId: m, role: 'HOST', organizationIds: [kitchen.id] });
    otherHost = await signedIn(t, { municipalityId: m, role: 'HOST', organizationIds: [other.id] });
    csw = await signedIn(t, {
      municipalityId: m,
      role: 'COORDINATOR',
      teamId: (await aTeam(ds, m)).id,
    });
  });
  afterAll(async () => {
    await t?.close();
    await smtp?.close();
  });

  const offersOf = async (who: Signed, variables: Record<string, unknown> = {}) => {
    const res = await t.gql(OFFERS, variables, who.auth);
    expect(res.errors).toBeUndefined();
    return res.data!.helpOffers.edges.map((e: { node: Record<string, unknown> }) => e.node);
  };

  it('stores the details encrypted, tells the host without them, shows them to the host and staff only, and erases them when answered', async () => {
    const sent = await t.gql(OFFER, { input: { needId: need.id, ...RESIDENT, agreed: true } });
    expect(sent.errors).toBeUndefined();
    expect(sent.data!.offerHelp).toEqual({
      organizationName: '東原ふれあい食堂',
      needDescription: '配膳ボランティア（平日昼）',
    });

    // At rest: ciphertext only.
    const [row] = await t.dataSource.query(`SELECT * FROM help_offer WHERE need_id = $1`, [
      need.id,
    ]);
    expect(row.status).toBe('NEW');
    for (const secret of Object.values(RESIDENT)) expect(JSON.stringify(row)).not.toContain(secret);
    expect(row.name_encrypted).toEqual(expect.any(String));

    // The host is told in the inbox and by e-mail: that an offer came, never who or how to reach them.
    const mail = await smtp.mailTo(host.user.email, 'お手伝いの申し出が届きました');
    expect(mail.text).toContain('https://tsunagu.example.jp/host/offers');
    const inbox = await t.gql(`{ inbox(first: 5) { title body link } }`, {}, host.auth);
    expect(inbox.data!.inbox[0]).toMatchObject({
      title: 'お手伝いの申し出が届きました（配膳ボランティア（平日昼））',
      link: '/host/offers',
    });
    for (const secret of Object.values(RESIDENT)) {
      expect(`${mail.subject}\n${mail.text}`).not.toContain(secret);
      expect(JSON.stringify(inbox.data)).not.toContain(secret);
    }

    // The host reads the details; another organisation's host and anonymous callers do not.
    const [offer] = await offersOf(host);
    expect(offer).toMatchObject({
      status: 'NEW',
      needKind: 'PEOPLE',
      organizationName: '東原ふれあい食堂',
      ...RESIDENT,
    });
    expect(await offersOf(otherHost)).toEqual([]);
    expect(await offersOf(otherHost, { org: offer.organizationId ?? row.organization_id })).toEqual(
      [],
    );
    expect(onlyError(await t.gql(OFFERS, {})).extensions?.code).toBe('UNAUTHENTICATED');
    // The municipality's coordinators see it too (a 社協 volunteer centre follows offers up).
    expect((await offersOf(csw)).map((o: { id: string }) => o.id)).toEqual([offer.id]);
    // Every read is in the audit log, with who read it.
    const reads = await t.dataSource.query(
      `SELECT actor_user_id FROM audit_log WHERE entity_type = 'help_offer' AND entity_id = $1 AND action = 'READ'`,
      [offer.id],
    );
    expect(reads.map((r: { actor_user_id: string }) => r.actor_user_id).sort()).toEqual(
      [host.user.id, csw.user.id].sort(),
    );

    // Another organisation's host cannot answer it.
    expect(
      onlyError(
        await t.gql(ANSWER, { input: { id: offer.id, status: 'CONTACTED' } }, otherHost.auth),
      ).extensions?.code,
    ).toBe('FORBIDDEN');

    // EXPIRED is the platform's to set, never a host's answer.
    expect(
      onlyError(await t.gql(ANSWER, { input: { id: offer.id, status: 'EXPIRED' } }, host.auth))
        .extensions,
    ).toMatchObject({ code: 'BAD_USER_INPUT', field: 'status' });
    const contacted = await t.gql(
      ANSWER,
      { input: { id: offer.id, status: 'CONTACTED' } },
      host.auth,
    );
    expect(contacted.data!.answerHelpOffer).toMatchObject({ status: 'CONTACTED', ...RESIDENT });

    const accepted = await t.gql(
      ANSWER,
      { input: { id: offer.id, status: 'ACCEPTED' } },
      host.auth,
    );
    expect(accepted.data!.answerHelpOffer).toEqual({
      id: offer.id,
      status: 'ACCEPTED',
      name: null,
      email: null,
      phone: null,
      message: null,
    });
    const [erased] = await t.dataSource.query(
      `SELECT name_encrypted, contact_encrypted, message_encrypted FROM help_offer WHERE id = $1`,
      [offer.id],
    );
    expect(erased).toEqual({
      name_encrypted: null,
      contact_encrypted: null,
      message_encrypted: null,
    });
    // Answered offers leave the default list; asked for, they are there without details.
    expect(await offersOf(host)).toEqual([]);
    expect(await offersOf(host, { statuses: ['ACCEPTED'] })).toMatchObject([
      { id: offer.id, name: null },
    ]);
    // An answered offer is answered once.
    expect(
      onlyError(await t.gql(ANSWER, { input: { id: offer.id, status: 'DECLINED' } }, host.auth))
        .extensions,
    ).toMatchObject({ code: 'BAD_USER_INPUT', field: 'status' });
  });

  it('ends offers left unanswered past the retention period and erases their contact, keeping recent ones', async () => {
    const org = await anOrganization(t.dataSource, { municipalityId: m, name: '南町こども食堂' });
    const old = await aHostNeed(t.dataSource, { municipalityId: m, organizationId: org.id });
    const recent = await aHostNeed(t.dataSource, { municipalityId: m, organizationId: org.id });
    const contacted = await aHostNeed(t.dataSource, { municipalityId: m, organizationId: org.id });
    for (const n of [old, recent, contacted])
      expect(
        (await t.gql(OFFER, { input: { needId: n.id, ...RESIDENT, agreed: true } })).errors,
      ).toBeUndefined();
    await t.dataSource.query(
      `UPDATE help_offer SET created_at = now() - interval '181 days' WHERE need_id = $1`,
      [old.id],
    );
    // Sent long ago, but the host contacted the person yesterday: still in hand.
    await t.dataSource.query(
      `UPDATE help_offer SET status = 'CONTACTED', created_at = now() - interval '200 days',
              updated_at = now() - interval '1 day' WHERE need_id = $1`,
      [contacted.id],
    );
    expect(await t.app.get(HelpOfferService).expireUnanswered()).toBe(1);
    const rows = await t.dataSource.query(
      `SELECT need_id, status, name_encrypted IS NULL AND contact_encrypted IS NULL AND message_encrypted IS NULL AS erased
         FROM help_offer WHERE need_id = ANY($1)`,
      [[old.id, recent.id, contacted.id]],
    );
    expect(rows).toEqual(
      expect.arrayContaining([
        { need_id: old.id, status: 'EXPIRED', erased: true },
        { need_id: recent.id, status: 'NEW', erased: false },
        { need_id: contacted.id, status: 'CONTACTED', erased: false },
      ]),
    );
    const [{ purpose }] = await t.dataSource.query(
      `SELECT a.purpose FROM audit_log a JOIN help_offer o ON o.id = a.entity_id
        WHERE o.need_id = $1 AND a.action = 'UPDATE'`,
      [old.id],
    );
    expect(purpose).toContain('180日');
    // Done once: a second run finds nothing more.
    expect(await t.app.get(HelpOfferService).expireUnanswered()).toBe(0);
  });

  it.each<[string, Record<string, unknown>, string]>([
    ['no way to reach the person', { email: null, phone: null }, 'email'],
    ['an e-mail address that is not one', { email: 'hanako@' }, 'email'],
    ['a phone number that is not one', { phone: '12345' }, 'phone'],
    ['an empty name', { name: '　' }, 'name'],
    ['no agreement to pass the details on', { agreed: false }, 'agreed'],
    ['a need that does not exist', { needId: '00000000-0000-4000-8000-000000000000' }, 'needId'],
    ['a need already met', { needId: 'CLOSED' }, 'needId'],
  ])('refuses %s, naming the field, writing nothing', async (_label, overrides, field) => {
    if (overrides.needId === 'CLOSED') {
      const org = await anOrganization(t.dataSource, { municipalityId: m });
      overrides = {
        needId: (
          await aHostNeed(t.dataSource, {
            municipalityId: m,
            organizationId: org.id,
            isOpen: false,
          })
        ).id,
      };
    }
    const count = async () =>
      (
        await t.dataSource.query(
          `SELECT count(*)::int AS n FROM help_offer WHERE municipality_id = $1`,
          [m],
        )
      )[0].n;
    const before = await count();
    const error = onlyError(
      await t.gql(OFFER, { input: { needId: need.id, ...RESIDENT, agreed: true, ...overrides } }),
    );
    expect(error.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field });
    expect(error.message).toMatch(/[ぁ-んァ-ヶ一-龠]/);
    expect(await count()).toBe(before);
  });
});

describe('offers to help: a few an hour from one address', () => {
  let t: TestApp;
  afterAll(() => t?.close());

  it('answers TOO_MANY_REQUESTS after five offers within the hour, keeping the five', async () => {
    t = await startTestApp();
    const m = (await aCityWithAreas(t.dataSource, 136.5, 35.5)).municipality.id;
    const org = await anOrganization(t.dataSource, { municipalityId: m });
    const need = await aHostNeed(t.dataSource, { municipalityId: m, organizationId: org.id });
    const send = () =>
      t.gql(OFFER, {
        input: { needId: need.id, name: '佐藤', phone: '042-123-4567', agreed: true },
      });
    for (let i = 0; i < 5; i++) expect((await send()).errors).toBeUndefined();
    expect(onlyError(await send()).extensions?.code).toBe('TOO_MANY_REQUESTS');
    const [{ n }] = await t.dataSource.query(
      `SELECT count(*)::int AS n FROM help_offer WHERE need_id = $1`,
      [need.id],
    );
    expect(n).toBe(5);
  });
});
