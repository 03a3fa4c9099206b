import { aCityWithAreas, anOrganization, aResource, square } from '../support/factories';
import { aTeam, signedIn, testCipher } from '../support/auth';
import { startTestApp, TestApp } from '../support/test-app';
import { BuiltinIndex } from '@app/search';

type Role = 'anonymous' | 'host' | 'coordinatorA' | 'coordinatorB' | 'admin';
/** OK: answered with data; any other value: the error code expected. */
type Outcome = 'OK' | 'UNAUTHENTICATED' | 'FORBIDDEN' | 'NOT_FOUND' | 'BAD_USER_INPUT';
const ROLES: Role[] = ['anonymous', 'host', 'coordinatorA', 'coordinatorB', 'admin'];

/** Names that only some roles may ever see; a response to anyone else must not contain them. */
const SECRET = {
  candidate: 'マトリクスさん',
  professional: '専門職だけが知る場',
  private: '団体の内部の集まり',
  notes: '秘密のメモ',
};

/**
 * Every role (anonymous; a host member, a coordinator and an admin of municipality A; a coordinator
 * of municipality B) against every operation, with direct-id lookups across municipalities. Each
 * cell says what the role must get; a refused cell must also write nothing and leak nothing.
 */
describe('authorization matrix', () => {
  let t: TestApp;
  const auth = {} as Record<Role, Record<string, string>>;
  const ids: Record<string, string> = {};

  beforeAll(async () => {
    t = await startTestApp();
    const ds = t.dataSource;
    const a = await aCityWithAreas(ds, 137.0, 39.0);
    const b = await aCityWithAreas(ds, 137.2, 39.0);
    const org1 = await anOrganization(ds, { municipalityId: a.municipality.id });
    const org2 = await anOrganization(ds, { municipalityId: a.municipality.id });
    const teamA = await aTeam(ds, a.municipality.id);
    const host = await signedIn(t, {
      municipalityId: a.municipality.id,
      role: 'HOST',
      organizationIds: [org1.id],
    });
    const coordA = await signedIn(t, {
      municipalityId: a.municipality.id,
      role: 'COORDINATOR',
      teamId: teamA.id,
    });
    const coordB = await signedIn(t, { municipalityId: b.municipality.id, role: 'COORDINATOR' });
    const admin = await signedIn(t, { municipalityId: a.municipality.id, role: 'ADMIN' });
    Object.assign(auth, {
      anonymous: {},
      host: host.auth,
      coordinatorA: coordA.auth,
      coordinatorB: coordB.auth,
      admin: admin.auth,
    });
    const publicResource = await aResource(ds, {
      municipalityId: a.municipality.id,
      organizationId: org2.id,
      name: '誰でも行ける場',
    });
    const professional = await aResource(ds, {
      municipalityId: a.municipality.id,
      organizationId: org2.id,
      name: SECRET.professional,
      visibility: 'PROFESSIONAL',
    });
    const privateOne = await aResource(ds, {
      municipalityId: a.municipality.id,
      organizationId: org1.id,
      name: SECRET.private,
      visibility: 'PRIVATE',
    });
    const [candidate] = await ds.query<{ id: string }[]>(
      `INSERT INTO candidate (municipality_id, team_id, coordinator_id, alias, notes_encrypted) VALUES ($1, $2, $3, $4, $5) RETURNING id`,
      [
        a.municipality.id,
        teamA.id,
        coordA.user.id,
        SECRET.candidate,
        testCipher().encrypt(SECRET.notes, 'candidate.notes'),
      ],
    );
    // Listings written straight to the database are indexed as a catalogue write would index them.
    await t.app
      .get(BuiltinIndex)
      .refresh([publicResource.id, professional.id, privateOne.id], t.dataSource.manager);
    Object.assign(ids, {
      mA: a.municipality.id,
      mB: b.municipality.id,
      areaA: a.dailyLife.id,
      org1: org1.id,
      org2: org2.id,
      teamA: teamA.id,
      publicResource: publicResource.id,
      professional: professional.id,
      private: privateOne.id,
      candidate: candidate.id,
      coordA: coordA.user.id,
    });
  });
  afterAll(() => t?.close());

  interface Case {
    name: string;
    doc: string;
    vars?: () => Record<string, unknown>;
    expect: Record<Role, Outcome>;
    /** For reads that answer everyone: what each role may see among the secrets. */
    sees?: Partial<Record<Role, (keyof typeof SECRET)[]>>;
  }
  const all = (o: Outcome): Record<Role, Outcome> => ({
    anonymous: o,
    host: o,
    coordinatorA: o,
    coordinatorB: o,
    admin: o,
  });
  const signedInOnly = (o: Partial<Record<Role, Outcome>> = {}): Record<Role, Outcome> => ({
    anonymous: 'UNAUTHENTICATED',
    host: 'OK',
    coordinatorA: 'OK',
    coordinatorB: 'OK',
    admin: 'OK',
    ...o,
  });
  const adminOnly = signedInOnly({
    host: 'FORBIDDEN',
    coordinatorA: 'FORBIDDEN',
    coordinatorB: 'FORBIDDEN',
  });
  const staffOfA = (hostOutcome: Outcome = 'FORBIDDEN') =>
    signedInOnly({ host: hostOutcome, coordinatorB: 'FORBIDDEN' });
  const ALL_SECRETS: (keyof typeof SECRET)[] = ['candidate', 'professional', 'private', 'notes'];

  const CASES: Case[] = [
    {
      name: 'municipalities',
      doc: '{ municipalities { edges { node { id } } } }',
      expect: all('OK'),
    },
    {
      name: 'areas of A',
      doc: 'query ($m: ID) { areas(municipalityId: $m) { totalCount } }',
      vars: () => ({ m: ids.mA }),
      expect: all('OK'),
    },
    {
      name: 'organizations of A',
      doc: 'query ($m: ID) { organizations(municipalityId: $m) { totalCount } }',
      vars: () => ({ m: ids.mA }),
      expect: all('OK'),
    },
    {
      name: 'resources of A',
      doc: 'query ($m: ID) { resources(municipalityId: $m, first: 100) { edges { node { name } } } }',
      vars: () => ({ m: ids.mA }),
      expect: all('OK'),
      sees: {
        host: ['private'],
        coordinatorA: ['professional'],
        admin: ['professional', 'private'],
      },
    },
    {
      name: 'searchResources in A',
      doc: 'query ($m: ID) { searchResources(municipalityId: $m, query: "場", first: 50) { edges { node { name } } } }',
      vars: () => ({ m: ids.mA }),
      expect: all('OK'),
      sees: {
        host: ['private'],
        coordinatorA: ['professional'],
        admin: ['professional', 'private'],
      },
    },
    {
      name: 'a professional-only resource by id',
      doc: 'query ($id: ID!) { resource(id: $id) { name } }',
      vars: () => ({ id: ids.professional }),
      expect: {
        anonymous: 'NOT_FOUND',
        host: 'NOT_FOUND',
        coordinatorA: 'OK',
        coordinatorB: 'NOT_FOUND',
        admin: 'OK',
      },
      sees: { coordinatorA: ['professional'], admin: ['professional'] },
    },
    {
      name: "an organisation's private resource by id",
      doc: 'query ($id: ID!) { resource(id: $id) { name } }',
      vars: () => ({ id: ids.private }),
      expect: {
        anonymous: 'NOT_FOUND',
        host: 'OK',
        coordinatorA: 'NOT_FOUND',
        coordinatorB: 'NOT_FOUND',
        admin: 'OK',
      },
      sees: { host: ['private'], admin: ['private'] },
    },
    {
      name: 'hostNeeds of A',
      doc: 'query ($m: ID) { hostNeeds(municipalityId: $m) { totalCount } }',
      vars: () => ({ m: ids.mA }),
      expect: all('OK'),
    },
    { name: 'me', doc: '{ me { role } }', expect: signedInOnly() },
    { name: 'users', doc: '{ users { totalCount } }', expect: adminOnly },
    { name: 'teams', doc: '{ teams { id name } }', expect: signedInOnly({ host: 'FORBIDDEN' }) },
    { name: 'auditLog', doc: '{ auditLog { totalCount } }', expect: adminOnly },
    {
      name: 'candidates',
      doc: '{ candidates(first: 100) { edges { node { alias notes } } } }',
      expect: signedInOnly({ host: 'FORBIDDEN' }),
      sees: { coordinatorA: ['candidate', 'notes'], admin: ['candidate', 'notes'] },
    },
    {
      name: 'a candidate of team A by id',
      doc: 'query ($id: ID!) { candidate(id: $id) { alias notes } }',
      vars: () => ({ id: ids.candidate }),
      expect: { ...staffOfA(), coordinatorB: 'NOT_FOUND' },
      sees: { coordinatorA: ['candidate', 'notes'], admin: ['candidate', 'notes'] },
    },
    {
      name: 'matchResources for a candidate of team A (no profile yet)',
      doc: 'query ($id: ID!) { matchResources(candidateId: $id) { alias } }',
      vars: () => ({ id: ids.candidate }),
      // The team and the admin reach the candidate (and are told the profile is missing).
      expect: {
        ...staffOfA(),
        coordinatorA: 'BAD_USER_INPUT',
        admin: 'BAD_USER_INPUT',
        coordinatorB: 'NOT_FOUND',
      },
    },
    {
      name: 'matchCandidates for a public listing of A',
      doc: 'query ($id: ID!) { matchCandidates(resourceId: $id) { considered matches { alias } } }',
      vars: () => ({ id: ids.publicResource }),
      expect: signedInOnly({ host: 'FORBIDDEN' }),
    },
    {
      name: "matchCandidates for an organisation's private listing",
      doc: 'query ($id: ID!) { matchCandidates(resourceId: $id) { considered } }',
      vars: () => ({ id: ids.private }),
      expect: {
        ...signedInOnly({ host: 'FORBIDDEN' }),
        coordinatorA: 'NOT_FOUND',
        coordinatorB: 'NOT_FOUND',
      },
    },
    {
      name: 'matchingWeights',
      doc: '{ matchingWeights { PACE } }',
      expect: signedInOnly({ host: 'FORBIDDEN' }),
    },
    {
      name: 'setMatchingWeights',
      doc: 'mutation { setMatchingWeights(weights: { INTERESTS: 0.3, DISTANCE: 0.2, SCHEDULE: 0.1, PACE: 0.2, STRENGTHS: 0.1, FIRST_TIMER: 0.1 }) { PACE } }',
      expect: adminOnly,
    },
    {
      name: 'consents of a candidate of team A',
      doc: 'query ($id: ID!) { consents(candidateId: $id) { id } }',
      vars: () => ({ id: ids.candidate }),
      expect: { ...staffOfA(), coordinatorB: 'BAD_USER_INPUT' },
    },
    {
      name: 'updateMunicipality A',
      doc: 'mutation ($id: ID!) { updateMunicipality(id: $id, input: { prefecture: "東京都" }) { id } }',
      vars: () => ({ id: ids.mA }),
      expect: adminOnly,
    },
    {
      name: 'createArea in A',
      doc: 'mutation ($input: CreateAreaInput!) { createArea(input: $input) { id } }',
      vars: () => ({
        input: {
          municipalityId: ids.mA,
          level: 'DISTRICT',
          parentId: ids.areaA,
          name: `新しい地区${Math.random()}`,
          boundary: square(137.012, 39.03, 0.002),
        },
      }),
      expect: adminOnly,
    },
    {
      name: 'createOrganization in A',
      doc: 'mutation ($m: ID!) { createOrganization(input: { municipalityId: $m, name: "新しい団体", type: NPO }) { id } }',
      vars: () => ({ m: ids.mA }),
      expect: staffOfA(),
    },
    {
      name: "updateOrganization of the host's own organisation",
      doc: 'mutation ($id: ID!) { updateOrganization(id: $id, input: { description: "更新" }) { id } }',
      vars: () => ({ id: ids.org1 }),
      // Another municipality's row is not even there to lock for a write.
      expect: { ...staffOfA('OK'), coordinatorB: 'NOT_FOUND' },
    },
    {
      name: 'updateOrganization of another organisation',
      doc: 'mutation ($id: ID!) { updateOrganization(id: $id, input: { description: "更新" }) { id } }',
      vars: () => ({ id: ids.org2 }),
      // Another municipality's row is not even there to lock for a write.
      expect: { ...staffOfA('FORBIDDEN'), coordinatorB: 'NOT_FOUND' },
    },
    {
      name: "createResource for the host's organisation",
      doc: 'mutation ($m: ID!, $o: ID!) { createResource(input: { municipalityId: $m, organizationId: $o, kind: IBASHO, name: "新しい居場所" }) { id } }',
      vars: () => ({ m: ids.mA, o: ids.org1 }),
      expect: staffOfA('OK'),
    },
    {
      name: 'createResource for another organisation',
      doc: 'mutation ($m: ID!, $o: ID!) { createResource(input: { municipalityId: $m, organizationId: $o, kind: IBASHO, name: "よその居場所" }) { id } }',
      vars: () => ({ m: ids.mA, o: ids.org2 }),
      expect: staffOfA('FORBIDDEN'),
    },
    {
      name: 'verifyResource of a public resource of another organisation',
      doc: 'mutation ($id: ID!) { verifyResource(id: $id, verifiedBy: "確認者") { id } }',
      vars: () => ({ id: ids.publicResource }),
      // Another municipality's row is not even there to lock for a write.
      expect: { ...staffOfA('FORBIDDEN'), coordinatorB: 'NOT_FOUND' },
    },
    {
      name: "pauseResource of the host's private resource",
      doc: 'mutation ($id: ID!) { pauseResource(id: $id, note: "夏休み") { id } }',
      vars: () => ({ id: ids.private }),
      // Coordinators do not see an organisation's private listing at all.
      expect: {
        anonymous: 'UNAUTHENTICATED',
        host: 'OK',
        coordinatorA: 'NOT_FOUND',
        coordinatorB: 'NOT_FOUND',
        admin: 'OK',
      },
    },
    {
      name: "addHostNeed for the host's organisation",
      doc: 'mutation ($o: ID!) { addHostNeed(input: { organizationId: $o, kind: THINGS, description: "鍋" }) { id } }',
      vars: () => ({ o: ids.org1 }),
      expect: staffOfA('OK'),
    },
    {
      name: 'createUser',
      doc: 'mutation ($e: String!) { createUser(input: { email: $e, displayName: "新人", role: ADMIN }) { user { id } } }',
      vars: () => ({ e: `matrix-${Math.random()}@example.jp` }),
      expect: adminOnly,
    },
    {
      name: 'createTeam',
      doc: 'mutation { createTeam(name: "新チーム") { id } }',
      expect: adminOnly,
    },
    {
      name: 'createCandidate',
      doc: 'mutation ($team: ID) { createCandidate(input: { alias: "新しいさん", teamId: $team }) { id } }',
      // Each coordinator registers into their own team; the admin names team A.
      vars: () => ({ team: null }),
      expect: { ...signedInOnly({ host: 'FORBIDDEN' }), admin: 'BAD_USER_INPUT' },
    },
    {
      name: 'updateCandidate of team A',
      doc: 'mutation ($id: ID!) { updateCandidate(id: $id, input: { notes: "追記" }) { id } }',
      vars: () => ({ id: ids.candidate }),
      expect: { ...staffOfA(), coordinatorB: 'NOT_FOUND' },
    },
    {
      name: 'recordConsent for a candidate of team A',
      doc: 'mutation ($id: ID!) { recordConsent(input: { candidateId: $id, method: ORAL, scopes: [{ recipient: HOST, data: PROFILE }] }) { id } }',
      vars: () => ({ id: ids.candidate }),
      expect: { ...staffOfA(), coordinatorB: 'BAD_USER_INPUT' },
    },
    {
      // Last: it signs the coordinator out everywhere.
      name: 'resetPassword of a coordinator of A',
      doc: 'mutation ($id: ID!) { resetPassword(userId: $id) { user { id } } }',
      vars: () => ({ id: ids.coordA }),
      expect: adminOnly,
    },
  ];

  it('covers every operation of the schema that takes or returns tenant data', () => {
    expect(CASES.length).toBeGreaterThanOrEqual(30);
  });

  describe.each(CASES)('$name', (c) => {
    it.each(ROLES)('%s', async (role) => {
      const res = await t.gql(c.doc, c.vars?.() ?? {}, auth[role]);
      const expected = c.expect[role];
      if (expected === 'OK') {
        expect(res.errors).toBeUndefined();
        expect(res.data).toBeTruthy();
      } else {
        expect(res.errors?.map((e) => e.extensions?.code)).toEqual([expected]);
        expect(JSON.stringify(res)).not.toMatch(/stack|at .*\.ts:/);
      }
      const allowed = c.sees?.[role] ?? [];
      const text = JSON.stringify(res);
      for (const secret of ALL_SECRETS) {
        if (allowed.includes(secret)) expect(text).toContain(SECRET[secret]);
        else expect(text).not.toContain(SECRET[secret]);
      }
    });
  });

  it('refused writes changed nothing: no row of A names B, and B owns nothing written by A’s data', async () => {
    const [row] = await t.dataSource.query(
      `SELECT (SELECT count(*)::int FROM organization WHERE municipality_id = $2) AS orgs_b,
              (SELECT count(*)::int FROM resource WHERE name = 'よその居場所' AND organization_id = $1) AS foreign_resources`,
      [ids.org2, ids.mB],
    );
    expect(row).toEqual({ orgs_b: 0, foreign_resources: 2 });
  });
});
