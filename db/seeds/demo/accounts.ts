import { EMAIL_FIELD, DISPLAY_NAME_FIELD, hashPassword, UserRole } from '@app/identity';
import { CANDIDATE_FIELDS } from '@app/candidate';
import type { FieldCipher } from '@app/common';
import { randomBytes } from 'node:crypto';
import type { DataSource } from 'typeorm';

export interface DemoAccount {
  role: UserRole;
  email: string;
  password: string;
  displayName: string;
}

const PEOPLE = [
  {
    role: UserRole.ADMIN,
    email: 'admin@midori.example.jp',
    displayName: '市役所 福祉政策課（デモ）',
  },
  {
    role: UserRole.COORDINATOR,
    email: 'csw@midori.example.jp',
    displayName: '社協 地域福祉コーディネーター（デモ）',
  },
  {
    role: UserRole.HOST,
    email: 'host@midori.example.jp',
    displayName: '受け入れ先の担当者（デモ）',
  },
];

/** Fictional people in participation support, from the stories in DOMAIN.md. */
const CANDIDATES = [
  { alias: 'Aさん', notes: '10年ほど自宅で過ごしている。人の多い場所は苦手。まずは見学から。' },
  { alias: 'Bさん', notes: '80代の母親と二人暮らし。短い時間の作業なら関心がある。' },
  { alias: 'Cさん', notes: '家族の介護をしながら通学している。週1回、夕方なら出られる。' },
];

/**
 * One user of each role for the demo city, a team with the coordinator in it, and three
 * pseudonymous candidates with notes (encrypted like real ones). Passwords are random, made once,
 * and returned so that `npm start` can show them in demo mode. Nothing is added when the city
 * already has users.
 */
export async function seedDemoAccounts(
  dataSource: DataSource,
  municipalityId: string,
  cipher: FieldCipher,
): Promise<DemoAccount[]> {
  const [{ count }] = await dataSource.query<{ count: number }[]>(
    'SELECT count(*)::int AS count FROM app_user WHERE municipality_id = $1',
    [municipalityId],
  );
  if (count > 0) return [];
  const accounts = PEOPLE.map((p) => ({ ...p, password: randomBytes(12).toString('base64url') }));
  const hashes = await Promise.all(accounts.map((a) => hashPassword(a.password)));
  await dataSource.transaction(async (em) => {
    const [{ id: teamId }] = await em.query<{ id: string }[]>(
      `INSERT INTO team (municipality_id, name) VALUES ($1, '中央地域チーム') RETURNING id`,
      [municipalityId],
    );
    const [area] = await em.query<{ id: string }[]>(
      `SELECT id FROM area WHERE municipality_id = $1 AND level = 'DAILY_LIFE_AREA' ORDER BY name LIMIT 1`,
      [municipalityId],
    );
    const [organization] = await em.query<{ id: string }[]>(
      `SELECT id FROM organization WHERE municipality_id = $1 ORDER BY name LIMIT 1`,
      [municipalityId],
    );
    const ids: Record<string, string> = {};
    for (const [i, a] of accounts.entries()) {
      const coordinator = a.role === UserRole.COORDINATOR;
      const [{ id }] = await em.query<{ id: string }[]>(
        `INSERT INTO app_user (municipality_id, role, email_hash, email_encrypted, display_name_encrypted,
                               password_hash, team_id, area_ids)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8) RETURNING id`,
        [
          municipalityId,
          a.role,
          cipher.lookupHash(a.email, EMAIL_FIELD),
          cipher.encrypt(a.email, EMAIL_FIELD),
          cipher.encrypt(a.displayName, DISPLAY_NAME_FIELD),
          hashes[i],
          coordinator ? teamId : null,
          coordinator && area ? [area.id] : [],
        ],
      );
      ids[a.role] = id;
      if (a.role === UserRole.HOST && organization)
        await em.query(
          `INSERT INTO user_organization (user_id, organization_id, municipality_id) VALUES ($1, $2, $3)`,
          [id, organization.id, municipalityId],
        );
    }
    for (const c of CANDIDATES) {
      await em.query(
        `INSERT INTO candidate (municipality_id, team_id, coordinator_id, alias, notes_encrypted, area_id)
         VALUES ($1, $2, $3, $4, $5, $6)`,
        [
          municipalityId,
          teamId,
          ids[UserRole.COORDINATOR],
          c.alias,
          cipher.encrypt(c.notes, CANDIDATE_FIELDS.notes),
          area?.id ?? null,
        ],
      );
    }
  });
  return accounts;
}
