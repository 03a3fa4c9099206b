import { aCityWithAreas, anOrganization } from '../support/factories';
import { aTeam, aUser, signedIn, signIn, TestUser } from '../support/auth';
import { onlyError, startTestApp, TestApp } from '../support/test-app';

const LOGIN = `mutation ($e: String!, $p: String!) {
  login(email: $e, password: $p) { accessToken refreshToken accessTokenExpiresAt user { email role displayName } }
}`;
const REFRESH = `mutation ($r: String!) { refreshToken(refreshToken: $r) { accessToken refreshToken } }`;
const ME = `{ me { email role } }`;

describe('sign-in, sessions and user administration', () => {
  let t: TestApp;
  let city: Awaited<ReturnType<typeof aCityWithAreas>>;
  let admin: { user: TestUser; auth: Record<string, string> };
  beforeAll(async () => {
    t = await startTestApp(undefined, { LOGIN_MAX_FAILURES: '3', LOGIN_LOCK_MINUTES: '1' });
    city = await aCityWithAreas(t.dataSource, 140.0, 36.0);
    admin = await signedIn(t, { municipalityId: city.municipality.id, role: 'ADMIN' });
  });
  afterAll(() => t?.close());

  const login = (e: string, p: string) => t.gql(LOGIN, { e, p });

  it('signs in with a case-insensitive address and answers a short-lived token and a refresh token', async () => {
    const user = await aUser(t.dataSource, {
      municipalityId: city.municipality.id,
      role: 'HOST',
      email: `Hana.${Date.now()}@Example.jp`,
      displayName: '山田 花子',
    });
    const res = await login(user.email.toUpperCase(), user.password);
    expect(res.errors).toBeUndefined();
    const payload = res.data!.login;
    expect(payload.user).toEqual({ email: user.email, role: 'HOST', displayName: '山田 花子' });
    const minutes = (Date.parse(payload.accessTokenExpiresAt) - Date.now()) / 60_000;
    expect(minutes).toBeGreaterThan(10);
    expect(minutes).toBeLessThanOrEqual(15);
    const me = await t.gql(ME, {}, { authorization: `Bearer ${payload.accessToken}` });
    expect(me.data).toEqual({ me: { email: user.email, role: 'HOST' } });
  });

  it('answers one message for a wrong password and an unknown address', async () => {
    const user = await aUser(t.dataSource, { municipalityId: city.municipality.id, role: 'ADMIN' });
    const wrong = onlyError(await login(user.email, 'not-the-password'));
    const unknown = onlyError(await login(`nobody-${Date.now()}@example.jp`, 'whatever-password'));
    expect(wrong.extensions?.code).toBe('UNAUTHENTICATED');
    expect(wrong.message).toBe(unknown.message);
    expect(wrong.message).toContain('メールアドレスまたはパスワードが違います');
  });

  it('locks an account after repeated failures, even against the right password, and an admin reset unlocks it', async () => {
    const user = await aUser(t.dataSource, { municipalityId: city.municipality.id, role: 'ADMIN' });
    for (let i = 0; i < 3; i++) {
      expect(onlyError(await login(user.email, `guess-${i}-wrong`)).extensions?.code).toBe(
        'UNAUTHENTICATED',
      );
    }
    const [row] = await t.dataSource.query(
      'SELECT locked_until > now() AS locked FROM app_user WHERE id = $1',
      [user.id],
    );
    expect(row.locked).toBe(true);
    expect(onlyError(await login(user.email, user.password)).extensions?.code).toBe(
      'UNAUTHENTICATED',
    );

    const reset = await t.gql(
      'mutation ($id: ID!) { resetPassword(userId: $id) { temporaryPassword user { locked mustChangePassword } } }',
      { id: user.id },
      admin.auth,
    );
    expect(reset.data!.resetPassword.user).toEqual({ locked: false, mustChangePassword: true });
    const temporary: string = reset.data!.resetPassword.temporaryPassword;
    expect(temporary).toMatch(/^[A-Za-z0-9]{4}(-[A-Za-z0-9]{4}){3}$/);
    expect(onlyError(await login(user.email, user.password)).extensions?.code).toBe(
      'UNAUTHENTICATED',
    );
    expect((await login(user.email, temporary)).data?.login.accessToken).toEqual(
      expect.any(String),
    );
  });

  it('slows repeated failures down', async () => {
    const user = await aUser(t.dataSource, { municipalityId: city.municipality.id, role: 'ADMIN' });
    const started = Date.now();
    await login(user.email, 'first-wrong-guess');
    await login(user.email, 'second-wrong-guess');
    // 250 ms after the first failure and 500 ms after the second, at the least.
    expect(Date.now() - started).toBeGreaterThanOrEqual(700);
  });

  it('rotates refresh tokens, and a refresh token used twice ends the session', async () => {
    const user = await aUser(t.dataSource, {
      municipalityId: city.municipality.id,
      role: 'COORDINATOR',
    });
    const first = (await login(user.email, user.password)).data!.login;
    const second = (await t.gql(REFRESH, { r: first.refreshToken })).data!.refreshToken;
    expect(second.refreshToken).not.toBe(first.refreshToken);
    const me = await t.gql(ME, {}, { authorization: `Bearer ${second.accessToken}` });
    expect(me.data?.me.email).toBe(user.email);

    const third = (await t.gql(REFRESH, { r: second.refreshToken })).data!.refreshToken;
    expect(third.refreshToken).not.toBe(second.refreshToken);

    // The first refresh token again, two generations later: somebody holds a copy. The session
    // ends, and every token of it stops working.
    expect(onlyError(await t.gql(REFRESH, { r: first.refreshToken })).extensions?.code).toBe(
      'UNAUTHENTICATED',
    );
    expect(onlyError(await t.gql(REFRESH, { r: third.refreshToken })).extensions?.code).toBe(
      'UNAUTHENTICATED',
    );
    expect(onlyError(await t.gql(REFRESH, { r: second.refreshToken })).extensions?.code).toBe(
      'UNAUTHENTICATED',
    );
    const after = await fetch(`${t.baseUrl}/graphql`, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        authorization: `Bearer ${second.accessToken}`,
      },
      body: JSON.stringify({ query: ME }),
    });
    expect(after.status).toBe(401);
  });

  it('with a temporary password, allows only reading oneself, choosing a new password and signing out', async () => {
    const user = await aUser(t.dataSource, { municipalityId: city.municipality.id, role: 'ADMIN' });
    const reset = await t.gql(
      'mutation ($id: ID!) { resetPassword(userId: $id) { temporaryPassword } }',
      { id: user.id },
      admin.auth,
    );
    const temporary: string = reset.data!.resetPassword.temporaryPassword;
    const auth = await signIn(t, { email: user.email, password: temporary });
    expect((await t.gql(ME, {}, auth)).data?.me.email).toBe(user.email);
    const blocked = onlyError(await t.gql('{ users(first: 1) { totalCount } }', {}, auth));
    expect(blocked.extensions?.code).toBe('FORBIDDEN');
    expect(blocked.message).toContain('新しいパスワード');
    const changed = await t.gql(
      'mutation ($c: String!) { changePassword(currentPassword: $c, newPassword: "chosen-by-me-2026") }',
      { c: temporary },
      auth,
    );
    expect(changed.data).toEqual({ changePassword: true });
    expect((await t.gql('{ users(first: 1) { totalCount } }', {}, auth)).errors).toBeUndefined();
  });

  it('refuses an access token where a refresh token is expected, and the reverse', async () => {
    const user = await aUser(t.dataSource, { municipalityId: city.municipality.id, role: 'HOST' });
    const tokens = (await login(user.email, user.password)).data!.login;
    expect(onlyError(await t.gql(REFRESH, { r: tokens.accessToken })).extensions?.code).toBe(
      'UNAUTHENTICATED',
    );
    const res = await fetch(`${t.baseUrl}/graphql`, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        authorization: `Bearer ${tokens.refreshToken}`,
      },
      body: JSON.stringify({ query: ME }),
    });
    expect(res.status).toBe(401);
  });

  it('signing out stops the access token at the next request', async () => {
    const user = await aUser(t.dataSource, { municipalityId: city.municipality.id, role: 'ADMIN' });
    const auth = await signIn(t, user);
    expect((await t.gql('mutation { logout }', {}, auth)).data).toEqual({ logout: true });
    const res = await fetch(`${t.baseUrl}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...auth },
      body: JSON.stringify({ query: ME }),
    });
    expect(res.status).toBe(401);
    expect(await res.json()).toEqual({
      errors: [
        {
          message: expect.stringContaining('もう一度ログイン'),
          extensions: { code: 'UNAUTHENTICATED' },
        },
      ],
    });
  });

  it('refuses a forged or tampered token', async () => {
    const auth = await signIn(t, admin.user);
    const [header, payload, signature] = auth.authorization.slice(7).split('.');
    const claims = JSON.parse(Buffer.from(payload, 'base64url').toString()) as Record<
      string,
      unknown
    >;
    const forged = Buffer.from(
      JSON.stringify({ ...claims, sub: '00000000-0000-0000-0000-000000000000' }),
    ).toString('base64url');
    for (const token of [
      `${header}.${forged}.${signature}`,
      `${header}.${payload}.`,
      'not-a-token',
    ]) {
      const res = await fetch(`${t.baseUrl}/graphql`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
        body: JSON.stringify({ query: ME }),
      });
      expect(res.status).toBe(401);
    }
  });

  it('lets an admin register users of each role, with a temporary password shown once', async () => {
    const team = await aTeam(t.dataSource, city.municipality.id);
    const org = await anOrganization(t.dataSource, { municipalityId: city.municipality.id });
    const create = (input: Record<string, unknown>) =>
      t.gql(
        'mutation ($input: CreateUserInput!) { createUser(input: $input) { temporaryPassword user { id role teamId organizationIds mustChangePassword } } }',
        { input },
        admin.auth,
      );
    const email = `csw-${Date.now()}@example.jp`;
    const res = await create({
      email,
      displayName: '佐藤 一郎',
      role: 'COORDINATOR',
      teamId: team.id,
      areaIds: [city.dailyLife.id],
    });
    expect(res.data!.createUser.user).toMatchObject({
      role: 'COORDINATOR',
      teamId: team.id,
      mustChangePassword: true,
    });
    expect((await login(email, res.data!.createUser.temporaryPassword)).data?.login.user.role).toBe(
      'COORDINATOR',
    );

    const host = await create({
      email: `host-${Date.now()}@example.jp`,
      displayName: '受入 担当',
      role: 'HOST',
      organizationIds: [org.id],
      password: 'a-long-enough-passphrase',
    });
    expect(host.data!.createUser).toMatchObject({
      temporaryPassword: null,
      user: { organizationIds: [org.id] },
    });
    // The user list shows each host's memberships (read for the whole page at once).
    const list = await t.gql(
      '{ users(first: 100) { edges { node { id organizationIds } } } }',
      {},
      admin.auth,
    );
    expect(
      list.data!.users.edges.find(
        (e: { node: { id: string } }) => e.node.id === host.data!.createUser.user.id,
      ).node.organizationIds,
    ).toEqual([org.id]);

    const duplicate = onlyError(
      await create({ email: email.toUpperCase(), displayName: '重複', role: 'ADMIN' }),
    );
    expect(duplicate.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'email' });
    const noTeam = onlyError(
      await create({
        email: `x-${Date.now()}@example.jp`,
        displayName: '所属なし',
        role: 'COORDINATOR',
      }),
    );
    expect(noTeam.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'teamId' });
    const weak = onlyError(
      await create({
        email: `y-${Date.now()}@example.jp`,
        displayName: '短い',
        role: 'ADMIN',
        password: 'short',
      }),
    );
    expect(weak.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'password' });
  });

  it("does not let an admin touch another municipality's users or teams", async () => {
    const other = await aCityWithAreas(t.dataSource, 140.5, 36.0);
    const stranger = await aUser(t.dataSource, {
      municipalityId: other.municipality.id,
      role: 'ADMIN',
    });
    const reset = onlyError(
      await t.gql(
        'mutation ($id: ID!) { resetPassword(userId: $id) { temporaryPassword } }',
        { id: stranger.id },
        admin.auth,
      ),
    );
    expect(reset.extensions?.code).toBe('NOT_FOUND');
    const otherTeam = await aTeam(t.dataSource, other.municipality.id);
    const res = onlyError(
      await t.gql(
        'mutation ($input: CreateUserInput!) { createUser(input: $input) { user { id } } }',
        {
          input: {
            email: `z-${Date.now()}@example.jp`,
            displayName: '越境',
            role: 'COORDINATOR',
            teamId: otherTeam.id,
          },
        },
        admin.auth,
      ),
    );
    expect(res.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'teamId' });
    const users = await t.gql(
      '{ users(first: 100) { edges { node { municipalityId } } } }',
      {},
      admin.auth,
    );
    const municipalities = new Set(
      users.data!.users.edges.map(
        (e: { node: { municipalityId: string } }) => e.node.municipalityId,
      ),
    );
    expect([...municipalities]).toEqual([city.municipality.id]);
  });

  it('a disabled user is signed out at once and cannot sign in', async () => {
    const user = await aUser(t.dataSource, { municipalityId: city.municipality.id, role: 'HOST' });
    const auth = await signIn(t, user);
    await t.gql(
      'mutation ($id: ID!) { setUserStatus(userId: $id, status: DISABLED) { status } }',
      { id: user.id },
      admin.auth,
    );
    const res = await fetch(`${t.baseUrl}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...auth },
      body: JSON.stringify({ query: ME }),
    });
    expect(res.status).toBe(401);
    expect(onlyError(await login(user.email, user.password)).extensions?.code).toBe(
      'UNAUTHENTICATED',
    );
  });

  it('changes one’s own password: the old one stops working and other sessions end', async () => {
    const user = await aUser(t.dataSource, { municipalityId: city.municipality.id, role: 'ADMIN' });
    const elsewhere = await signIn(t, user);
    const here = await signIn(t, user);
    const bad = onlyError(
      await t.gql(
        'mutation { changePassword(currentPassword: "wrong-password", newPassword: "new-passphrase-2026") }',
        {},
        here,
      ),
    );
    expect(bad.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'currentPassword' });
    const ok = await t.gql(
      'mutation ($c: String!) { changePassword(currentPassword: $c, newPassword: "new-passphrase-2026") }',
      { c: user.password },
      here,
    );
    expect(ok.data).toEqual({ changePassword: true });
    expect((await t.gql(ME, {}, here)).data?.me.email).toBe(user.email);
    const old = await fetch(`${t.baseUrl}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...elsewhere },
      body: JSON.stringify({ query: ME }),
    });
    expect(old.status).toBe(401);
    expect(onlyError(await login(user.email, user.password)).extensions?.code).toBe(
      'UNAUTHENTICATED',
    );
    expect((await login(user.email, 'new-passphrase-2026')).data?.login.accessToken).toEqual(
      expect.any(String),
    );
  });
});
