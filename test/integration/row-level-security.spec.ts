import { APP_DB_ROLE, inEachMunicipality, installTenantScope, scopeStatements } from '@app/common';
import { randomUUID } from 'node:crypto';
import type { DataSource } from 'typeorm';
import { aCityWithAreas, anOrganization } from '../support/factories';
import { aTeam, aUser, testCipher } from '../support/auth';
import { connect, testDatabase } from '../support/test-database';

/**
 * Row-level security, checked in the database itself: every table with a municipality column has
 * policies that bind the application role, the role owns nothing and cannot bypass them, and a
 * transaction without a tenant sees no private rows (fails closed).
 */
describe('row-level security on every tenant table', () => {
  let ds: DataSource;
  let a: Awaited<ReturnType<typeof aCityWithAreas>>;
  let b: Awaited<ReturnType<typeof aCityWithAreas>>;
  beforeAll(async () => {
    ds = await connect(testDatabase());
    a = await aCityWithAreas(ds, 141.0, 42.0);
    b = await aCityWithAreas(ds, 141.2, 42.0);
    for (const city of [a, b]) {
      const org = await anOrganization(ds, { municipalityId: city.municipality.id });
      const team = await aTeam(ds, city.municipality.id);
      const user = await aUser(ds, {
        municipalityId: city.municipality.id,
        role: 'COORDINATOR',
        teamId: team.id,
      });
      await ds.query(
        `INSERT INTO candidate (municipality_id, team_id, coordinator_id, alias, notes_encrypted)
         VALUES ($1, $2, $3, 'RLSさん', $4)`,
        [city.municipality.id, team.id, user.id, testCipher().encrypt('メモ', 'candidate.notes')],
      );
      await ds.query(
        `INSERT INTO resource (municipality_id, organization_id, kind, name, visibility)
         VALUES ($1, $2, 'IBASHO', '専門職だけの場', 'PROFESSIONAL')`,
        [city.municipality.id, org.id],
      );
    }
  });
  afterAll(() => ds?.destroy());

  /** Runs statements as a request would: the application role, under `tenant` (or none). */
  async function asApp<T>(tenant: string | null, sql: string, params: unknown[] = []): Promise<T> {
    const runner = ds.createQueryRunner();
    await runner.connect();
    try {
      await runner.query(scopeStatements({ tenantId: tenant, userId: null }));
      return (await runner.query(sql, params)) as T;
    } finally {
      await runner.query('ROLLBACK').catch(() => undefined);
      await runner.release();
    }
  }

  const tenantTables = async () =>
    (
      await ds.query<{ table_name: string }[]>(
        `SELECT c.table_name FROM information_schema.columns c
           JOIN information_schema.tables t USING (table_schema, table_name)
          WHERE c.table_schema = 'public' AND c.column_name = 'municipality_id' AND t.table_type = 'BASE TABLE'
         UNION SELECT 'municipality' ORDER BY 1`,
      )
    ).map((r) => r.table_name);

  it('has forced row-level security and at least one policy on every table with a municipality column', async () => {
    const tables = await tenantTables();
    expect(tables).toEqual(
      expect.arrayContaining(['app_user', 'audit_log', 'candidate', 'consent', 'resource']),
    );
    const rows = await ds.query<
      { relname: string; relrowsecurity: boolean; relforcerowsecurity: boolean; policies: number }[]
    >(
      `SELECT c.relname, c.relrowsecurity, c.relforcerowsecurity,
              (SELECT count(*)::int FROM pg_policy p WHERE p.polrelid = c.oid) AS policies
         FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
        WHERE n.nspname = 'public' AND c.relname = ANY($1)`,
      [tables],
    );
    expect(rows).toHaveLength(tables.length);
    expect(
      rows.filter((r) => !r.relrowsecurity || !r.relforcerowsecurity || r.policies === 0),
    ).toEqual([]);
  });

  it('runs requests as a role that owns nothing and cannot bypass the policies', async () => {
    const [role] = await ds.query<
      { rolsuper: boolean; rolbypassrls: boolean; rolcanlogin: boolean; owned: number }[]
    >(
      `SELECT rolsuper, rolbypassrls, rolcanlogin,
              (SELECT count(*)::int FROM pg_class c WHERE c.relowner = r.oid) AS owned
         FROM pg_roles r WHERE rolname = $1`,
      [APP_DB_ROLE],
    );
    expect(role).toEqual({ rolsuper: false, rolbypassrls: false, rolcanlogin: false, owned: 0 });
    const [who] = await asApp<{ current_user: string }[]>(null, 'SELECT current_user');
    expect(who.current_user).toBe(APP_DB_ROLE);
  });

  it("runs the platform's own jobs in each municipality under the same policies, whatever the login", async () => {
    installTenantScope(ds, 10_000);
    const seen = await inEachMunicipality(ds, async (municipalityId) => {
      const [row] = await ds.query<{ who: string; tenant: string; mine: number; others: number }[]>(
        `SELECT current_user AS who, app_tenant() AS tenant,
                (SELECT count(*)::int FROM candidate) AS mine,
                (SELECT count(*)::int FROM candidate WHERE municipality_id <> app_tenant()) AS others`,
      );
      return { municipalityId, ...row };
    });
    const ours = seen.filter((s) =>
      [a, b].some((city) => city.municipality.id === s.municipalityId),
    );
    expect(ours).toHaveLength(2);
    for (const s of ours)
      expect(s).toEqual({
        municipalityId: s.municipalityId,
        who: APP_DB_ROLE,
        tenant: s.municipalityId,
        mine: expect.any(Number),
        others: 0,
      });
    expect(ours.every((s) => s.mine >= 1)).toBe(true);
  });

  it('fails closed: without a tenant the private tables answer no rows at all', async () => {
    for (const table of [
      'app_user',
      'team',
      'candidate',
      'consent',
      'audit_log',
      'auth_session',
      'user_organization',
      'search_miss',
    ]) {
      const [{ count }] = await asApp<{ count: number }[]>(
        null,
        `SELECT count(*)::int AS count FROM "${table}"`,
      );
      expect({ table, count }).toEqual({ table, count: 0 });
    }
    // Public catalogue rows stay readable; a professional-only resource does not.
    const [{ count }] = await asApp<{ count: number }[]>(
      null,
      `SELECT count(*)::int AS count FROM resource WHERE visibility <> 'PUBLIC'`,
    );
    expect(count).toBe(0);
  });

  it("shows a tenant its own rows only, never another municipality's", async () => {
    const rows = await asApp<{ municipality_id: string }[]>(
      a.municipality.id,
      `SELECT DISTINCT municipality_id FROM candidate
       UNION SELECT DISTINCT municipality_id FROM app_user
       UNION SELECT DISTINCT municipality_id FROM resource WHERE visibility <> 'PUBLIC'`,
    );
    expect(rows.map((r) => r.municipality_id)).toEqual([a.municipality.id]);
    const direct = await asApp<unknown[]>(
      a.municipality.id,
      `SELECT id FROM candidate WHERE municipality_id = $1`,
      [b.municipality.id],
    );
    expect(direct).toEqual([]);
  });

  it("refuses writes into another municipality's rows, and changes none of them", async () => {
    await expect(
      asApp(a.municipality.id, `INSERT INTO team (municipality_id, name) VALUES ($1, '乗っ取り')`, [
        b.municipality.id,
      ]),
    ).rejects.toThrow(/row-level security/);
    const updated = await asApp<[unknown[], number]>(
      a.municipality.id,
      `UPDATE organization SET name = '書き換え' WHERE municipality_id = $1`,
      [b.municipality.id],
    );
    expect(updated[1]).toBe(0);
    const [{ count }] = await ds.query<{ count: number }[]>(
      `SELECT count(*)::int AS count FROM organization WHERE name = '書き換え'`,
    );
    expect(count).toBe(0);
  });

  it('keeps a tenant to its transaction: the next transaction on the same connection has none', async () => {
    const runner = ds.createQueryRunner();
    await runner.connect();
    try {
      await runner.query(scopeStatements({ tenantId: a.municipality.id, userId: randomUUID() }));
      await runner.query('COMMIT');
      await runner.query(scopeStatements({ tenantId: null, userId: null }));
      const [{ count }] = await runner.query('SELECT count(*)::int AS count FROM candidate');
      expect(count).toBe(0);
      await runner.query('ROLLBACK');
    } finally {
      await runner.release();
    }
  });
});
