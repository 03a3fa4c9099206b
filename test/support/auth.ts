import { FieldCipher, loadConfig, Role, Viewer } from '@app/common';
import { DISPLAY_NAME_FIELD, EMAIL_FIELD, hashPassword } from '@app/identity';
import { randomUUID } from 'node:crypto';
import type { DataSource } from 'typeorm';
import type { TestApp } from './test-app';

/** The cipher the test app uses (NODE_ENV=test keys), for factories that write protected fields. */
export const testCipher = () =>
  new FieldCipher(loadConfig({ NODE_ENV: 'test', LOG_LEVEL: 'silent' }).secrets);

let sequence = 0;
const hashes = new Map<string, Promise<string>>();
const hashOf = (password: string) => {
  if (!hashes.has(password)) hashes.set(password, hashPassword(password));
  return hashes.get(password)!;
};

export async function aTeam(ds: DataSource, municipalityId: string, name?: string) {
  const [row] = await ds.query<{ id: string }[]>(
    'INSERT INTO team (municipality_id, name) VALUES ($1, $2) RETURNING id',
    [municipalityId, name ?? `チーム${process.pid}-${++sequence}`],
  );
  return row;
}

export interface TestUser {
  id: string;
  municipalityId: string;
  role: Role;
  email: string;
  password: string;
  teamId: string | null;
  organizationIds: string[];
}

/** A user written straight to the database (as the test database's owner). */
export async function aUser(
  ds: DataSource,
  values: {
    municipalityId: string;
    role: Role;
    teamId?: string | null;
    areaIds?: string[];
    organizationIds?: string[];
    email?: string;
    password?: string;
    displayName?: string;
  },
): Promise<TestUser> {
  const cipher = testCipher();
  const email = values.email ?? `user${process.pid}-${++sequence}-${Date.now()}@example.jp`;
  const password = values.password ?? 'correct-horse-battery';
  const teamId =
    values.teamId !== undefined
      ? values.teamId
      : values.role === 'COORDINATOR'
        ? (await aTeam(ds, values.municipalityId)).id
        : null;
  const [{ id }] = await ds.query<{ id: string }[]>(
    `INSERT INTO app_user (municipality_id, role, email_hash, email_encrypted, display_name_encrypted,
                           password_hash, team_id, area_ids)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8) RETURNING id`,
    [
      values.municipalityId,
      values.role,
      cipher.lookupHash(email, EMAIL_FIELD),
      cipher.encrypt(email, EMAIL_FIELD),
      cipher.encrypt(values.displayName ?? '試験 太郎', DISPLAY_NAME_FIELD),
      await hashOf(password),
      teamId,
      values.areaIds ?? [],
    ],
  );
  for (const organizationId of values.organizationIds ?? [])
    await ds.query(
      'INSERT INTO user_organization (user_id, organization_id, municipality_id) VALUES ($1, $2, $3)',
      [id, organizationId, values.municipalityId],
    );
  return {
    id,
    municipalityId: values.municipalityId,
    role: values.role,
    email,
    password,
    teamId,
    organizationIds: values.organizationIds ?? [],
  };
}

/** Signs in through the API and answers the Authorization header to send. */
export async function signIn(
  t: TestApp,
  user: Pick<TestUser, 'email' | 'password'>,
): Promise<Record<string, string>> {
  const res = await t.gql<{ login: { accessToken: string } }>(
    'mutation ($e: String!, $p: String!) { login(email: $e, password: $p) { accessToken } }',
    { e: user.email, p: user.password },
  );
  if (!res.data?.login) throw new Error(`sign-in failed: ${JSON.stringify(res.errors)}`);
  return { authorization: `Bearer ${res.data.login.accessToken}` };
}

/** A user of the role and their Authorization header, in one step. */
export async function signedIn(
  t: TestApp,
  values: Parameters<typeof aUser>[1],
): Promise<{ user: TestUser; auth: Record<string, string> }> {
  const user = await aUser(t.dataSource, values);
  return { user, auth: await signIn(t, user) };
}

/** A viewer for calling services in-process (the user need not exist). */
export function aViewer(
  kind: Role,
  municipalityId: string,
  extra: { organizationIds?: string[]; teamId?: string | null } = {},
): Viewer {
  const userId = randomUUID();
  switch (kind) {
    case 'ADMIN':
      return { kind, userId, municipalityId };
    case 'COORDINATOR':
      return { kind, userId, municipalityId, teamId: extra.teamId ?? null, areaIds: [] };
    case 'HOST':
      return { kind, userId, municipalityId, organizationIds: extra.organizationIds ?? [] };
  }
}

/** The test keys as environment variables, for an app started in production mode. */
export function testSecretsEnv(): Record<string, string> {
  const secrets = loadConfig({ NODE_ENV: 'test', LOG_LEVEL: 'silent' }).secrets;
  return {
    FIELD_ENCRYPTION_KEYS: secrets.fieldKeys
      .map((k) => `${k.id}:${k.key.toString('base64')}`)
      .join(','),
    LOOKUP_HASH_KEY: secrets.lookupKey.toString('base64'),
    JWT_SECRET: secrets.jwtSecret.toString('utf8'),
  };
}
