import { execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { PassThrough } from 'node:stream';
import { promisify } from 'node:util';
import { aCityWithAreas, aHostNeed, anOrganization } from '../support/factories';
import { aTeam, signedIn, signIn } from '../support/auth';
import { startTestApp, TestApp } from '../support/test-app';

/**
 * Canaries: a marker written into every sensitive field through the API must never be found in
 * plaintext in a dump of the whole database (pg_dump on a server; every row of every table on the
 * embedded database, whose PostgreSQL is newer than the pg_dump here), in the api's logs at the
 * most verbose level (including failed calls), or in the search index.
 */
describe('sensitive fields never leave in plaintext', () => {
  let t: TestApp;
  let municipalityId: string;
  const logs: string[] = [];
  const tag = randomBytes(4).toString('hex');
  const marker = (field: string) => `CANARY${tag}${field}カナリア`;
  const FIELDS = [
    'userEmail',
    'userName',
    'password',
    'realName',
    'contact',
    'notes',
    'consentNote',
    'withdrawalNote',
    'refusedNotes',
    'strength',
    'offerName',
    'offerEmail',
    'offerMessage',
  ];

  beforeAll(async () => {
    const stream = new PassThrough();
    stream.on('data', (chunk: Buffer) => logs.push(chunk.toString('utf8')));
    t = await startTestApp(undefined, { LOG_LEVEL: 'trace' }, stream);
    const city = await aCityWithAreas(t.dataSource, 138.0, 38.0);
    const m = city.municipality.id;
    municipalityId = m;
    const admin = await signedIn(t, { municipalityId: m, role: 'ADMIN' });
    const team = await aTeam(t.dataSource, m);

    // A user whose address, name and password are markers, created and signed in through the API.
    const email = `${marker('userEmail').toLowerCase()}@example.jp`;
    const created = await t.gql(
      `mutation ($input: CreateUserInput!) { createUser(input: $input) { user { id } } }`,
      {
        input: {
          email,
          displayName: marker('userName'),
          role: 'COORDINATOR',
          teamId: team.id,
          password: marker('password'),
        },
      },
      admin.auth,
    );
    expect(created.errors).toBeUndefined();
    const csw = await signIn(t, { email, password: marker('password') });
    await t.gql(`{ me { email displayName } }`, {}, csw);
    // A failed sign-in with the marker password, and a refused write carrying a marker.
    await t.gql(
      `mutation ($e: String!, $p: String!) { login(email: $e, password: $p) { accessToken } }`,
      {
        e: email,
        p: `${marker('password')}x`,
      },
    );

    const candidate = await t.gql(
      `mutation ($input: CreateCandidateInput!) { createCandidate(input: $input) { id realName } }`,
      {
        input: {
          alias: 'カナリアさん',
          realName: marker('realName'),
          contact: marker('contact'),
          notes: marker('notes'),
          profile: {
            paceStage: 'SHORT_TASKS',
            supportPhase: 'WITH_PLAN',
            goals: ['ROLE'],
            interests: ['FARMING'],
            strengths: [marker('strength').slice(0, 40)],
            resident: true,
            limits: {
              maxSessionMinutes: 90,
              sessionsPerWeek: 1,
              needsQuiet: false,
              talkingOptional: false,
              wantsSupporter: false,
              wantsObservationFirst: false,
            },
            availability: [{ weekday: 1, from: '10:00', to: '12:00' }],
            travel: { mode: 'WALK', minutes: 20 },
            constraints: { avoidCrowds: false, onlineOnly: false },
          },
        },
      },
      csw,
    );
    expect(candidate.errors).toBeUndefined();
    const id = candidate.data!.createCandidate.id as string;
    await t.gql(`query ($id: ID!) { candidate(id: $id) { realName contact notes } }`, { id }, csw);
    const refused = await t.gql(
      `mutation ($id: ID!, $input: UpdateCandidateInput!) { updateCandidate(id: $id, input: $input) { id } }`,
      { id, input: { notes: `${marker('refusedNotes')}${'あ'.repeat(4001)}` } },
      csw,
    );
    expect(refused.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
    expect(JSON.stringify(refused)).not.toContain(marker('refusedNotes'));

    const consent = await t.gql(
      `mutation ($input: RecordConsentInput!) { recordConsent(input: $input) { id } }`,
      {
        input: {
          candidateId: id,
          method: 'WRITTEN',
          note: marker('consentNote'),
          scopes: [{ recipient: 'HOST', data: 'NAME' }],
        },
      },
      csw,
    );
    await t.gql(
      `mutation ($id: ID!, $note: String) { withdrawConsent(id: $id, note: $note) { id } }`,
      { id: consent.data!.recordConsent.id, note: marker('withdrawalNote') },
      csw,
    );
    await t.gql(
      `query ($id: ID!) { consents(candidateId: $id) { note withdrawalNote } }`,
      { id },
      csw,
    );
    await t.gql(`{ users(first: 100) { edges { node { email displayName } } } }`, {}, admin.auth);

    // A resident's offer to help, sent anonymously and read by the municipality's admin.
    const org = await anOrganization(t.dataSource, { municipalityId: m });
    const need = await aHostNeed(t.dataSource, { municipalityId: m, organizationId: org.id });
    const offer = await t.gql(
      `mutation ($input: OfferHelpInput!) { offerHelp(input: $input) { organizationName } }`,
      {
        input: {
          needId: need.id,
          name: marker('offerName').slice(0, 50),
          email: `${marker('offerEmail').toLowerCase()}@example.jp`,
          message: marker('offerMessage'),
          agreed: true,
        },
      },
    );
    expect(offer.errors).toBeUndefined();
    const read = await t.gql(
      `{ helpOffers { edges { node { name email message } } } }`,
      {},
      admin.auth,
    );
    expect(JSON.stringify(read.data)).toContain(marker('offerMessage'));
  });
  afterAll(() => t?.close());

  const found = (text: string) =>
    FIELDS.filter(
      (f) => text.includes(marker(f)) || text.toLowerCase().includes(marker(f).toLowerCase()),
    );

  it('the markers really went in and come back out to those allowed to read them', async () => {
    const [row] = await t.dataSource.query(
      `SELECT count(*)::int AS count FROM candidate
        WHERE municipality_id = $1 AND alias = 'カナリアさん' AND notes_encrypted IS NOT NULL`,
      [municipalityId],
    );
    expect(row.count).toBe(1);
    expect(logs.join('').length).toBeGreaterThan(1000);
  });

  it('are not in a dump of the whole database', async () => {
    const dump = await dumpDatabase(t);
    expect(dump).toContain('カナリアさん');
    expect(found(dump)).toEqual([]);
  });

  it('are not in the logs, even at trace level and for refused calls', () => {
    expect(found(logs.join(''))).toEqual([]);
  });

  it('are not in the search index', async () => {
    const rows: { text: string }[] = await t.dataSource.query(
      `SELECT document::text || name_folded AS text FROM resource_search
       UNION ALL SELECT word FROM search_vocabulary
       UNION ALL SELECT query || filters::text FROM search_miss`,
    );
    expect(found(rows.map((r) => r.text).join('\n'))).toEqual([]);
  });
});

/** pg_dump of the test database on a server; on the embedded one, every row of every table. */
async function dumpDatabase(t: TestApp): Promise<string> {
  if (process.env.TEST_DATABASE_EMBEDDED !== '1') {
    const { stdout } = await promisify(execFile)(
      'pg_dump',
      ['--data-only', '--no-owner', process.env.TEST_DATABASE_URL!],
      { maxBuffer: 1024 * 1024 * 1024 },
    );
    return stdout;
  }
  const tables: { name: string }[] = await t.dataSource.query(
    `SELECT quote_ident(table_name) AS name FROM information_schema.tables
      WHERE table_schema = 'public' AND table_type = 'BASE TABLE'`,
  );
  const parts: string[] = [];
  for (const { name } of tables) {
    const rows: { row: string }[] = await t.dataSource.query(
      `SELECT x::text AS row FROM ${name} x`,
    );
    parts.push(...rows.map((r) => r.row));
  }
  return parts.join('\n');
}
