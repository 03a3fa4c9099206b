import { CandidateProfile, PACE_STAGES, profileProblems } from '@app/candidate';
import { FieldCipher, loadConfig } from '@app/common';
import { EMAIL_FIELD, verifyPassword } from '@app/identity';
import { ReferralStatus, SEAT_STATES } from '@app/referral';
import { prepareDatabase } from '@db/prepare';
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { DataSource } from 'typeorm';
import { connect, ScratchDatabase, scratchDatabase } from '../support/test-database';

/** `npm start` in demo mode: one sign-in per role, shown in demo mode only, never in production. */
describe('demo sign-ins', () => {
  let db: ScratchDatabase;
  let ds: DataSource;
  let dataDir: string;
  const secrets = loadConfig({ NODE_ENV: 'test', LOG_LEVEL: 'silent' }).secrets;
  const config = (production: boolean) => ({
    migrateOnStart: true,
    demoSeed: true,
    production,
    dataDir,
    secrets,
  });
  beforeAll(async () => {
    db = await scratchDatabase();
    ds = await connect(db);
    dataDir = mkdtempSync(join(tmpdir(), 'tsunagu-demo-'));
  });
  afterAll(async () => {
    await ds?.destroy();
    await db?.drop();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('seeds one user of each role whose printed password works, and keeps them in a private file', async () => {
    const first = await prepareDatabase(ds, config(false), db.embedded);
    expect(first.demoAccounts.map((a) => a.role).sort()).toEqual(['ADMIN', 'COORDINATOR', 'HOST']);
    const cipher = new FieldCipher(secrets);
    for (const account of first.demoAccounts) {
      const [user] = await ds.query<{ password_hash: string; email_encrypted: string }[]>(
        'SELECT password_hash, email_encrypted FROM app_user WHERE email_hash = $1',
        [cipher.lookupHash(account.email, EMAIL_FIELD)],
      );
      expect(cipher.decrypt(user.email_encrypted, EMAIL_FIELD)).toBe(account.email);
      expect(await verifyPassword(user.password_hash, account.password)).toBe(true);
    }
    expect(statSync(join(dataDir, 'demo-accounts.json')).mode & 0o777).toBe(0o600);
    const [{ candidates }] = await ds.query<{ candidates: number }[]>(
      'SELECT count(*)::int AS candidates FROM candidate',
    );
    expect(candidates).toBe(20);
    // Every pace stage is there, and every profile passes the rules the API applies.
    const rows = await ds.query<{ profile_encrypted: string }[]>(
      'SELECT profile_encrypted FROM candidate',
    );
    const themes = new Set(
      (await ds.query<{ code: string }[]>('SELECT code FROM theme')).map((r) => r.code),
    );
    const profiles = rows.map(
      (r) =>
        JSON.parse(cipher.decrypt(r.profile_encrypted, 'candidate.profile')) as CandidateProfile,
    );
    expect(new Set(profiles.map((p) => p.paceStage))).toEqual(new Set(PACE_STAGES));
    expect(profiles.flatMap((p) => profileProblems(p, themes))).toEqual([]);

    // Referrals in every state, each with its history; seats held as the states say.
    const referrals = await ds.query<{ status: string; seats: number; steps: number }[]>(
      `SELECT r.status, sum(r.holds_seat::int)::int AS seats,
              min((SELECT count(*) FROM referral_event e WHERE e.referral_id = r.id))::int AS steps
         FROM referral r GROUP BY r.status`,
    );
    expect(new Set(referrals.map((r) => r.status))).toEqual(new Set(Object.values(ReferralStatus)));
    for (const r of referrals) {
      expect(r.steps).toBeGreaterThan(0);
      expect(r.seats > 0).toBe(SEAT_STATES.includes(r.status as ReferralStatus));
    }

    const again = await prepareDatabase(ds, config(false), db.embedded);
    expect(again.seeded).toBeNull();
    expect(again.demoAccounts).toEqual(first.demoAccounts);
  });

  it('never shows them in production mode', async () => {
    const prepared = await prepareDatabase(ds, config(true), db.embedded);
    expect(prepared.demoAccounts).toEqual([]);
  });
});
