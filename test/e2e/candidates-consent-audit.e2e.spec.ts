import { AuditRepository } from '@app/audit';
import { ConsentData, ConsentRecipient, ConsentService } from '@app/candidate';
import { RequestContext } from '@app/common';
import { aCityWithAreas } from '../support/factories';
import { aTeam, signedIn, TestUser } from '../support/auth';
import { onlyError, startTestApp, TestApp } from '../support/test-app';
import { scopeStatements } from '@app/common';

type Signed = { user: TestUser; auth: Record<string, string> };

const CREATE = `mutation ($input: CreateCandidateInput!) {
  createCandidate(input: $input) { id alias realName contact notes teamId coordinatorId }
}`;

describe('candidates, consent and the audit log', () => {
  let t: TestApp;
  let city: Awaited<ReturnType<typeof aCityWithAreas>>;
  let admin: Signed;
  let csw: Signed;
  let otherTeamCsw: Signed;
  let host: Signed;
  beforeAll(async () => {
    t = await startTestApp();
    city = await aCityWithAreas(t.dataSource, 139.0, 37.0);
    const m = city.municipality.id;
    admin = await signedIn(t, { municipalityId: m, role: 'ADMIN' });
    csw = await signedIn(t, {
      municipalityId: m,
      role: 'COORDINATOR',
      teamId: (await aTeam(t.dataSource, m)).id,
    });
    otherTeamCsw = await signedIn(t, {
      municipalityId: m,
      role: 'COORDINATOR',
      teamId: (await aTeam(t.dataSource, m)).id,
    });
    host = await signedIn(t, { municipalityId: m, role: 'HOST' });
  });
  afterAll(() => t?.close());

  const createAs = async (who: Signed, input: Record<string, unknown>) => {
    const res = await t.gql(CREATE, { input }, who.auth);
    if (!res.data) throw new Error(JSON.stringify(res.errors));
    return res.data.createCandidate as { id: string; teamId: string; coordinatorId: string };
  };
  const auditCount = async (subjectId: string, action?: string) => {
    const [{ count }] = await t.dataSource.query(
      `SELECT count(*)::int AS count FROM audit_log WHERE subject_id = $1 ${action ? 'AND action = $2' : ''}`,
      action ? [subjectId, action] : [subjectId],
    );
    return count as number;
  };

  describe('candidates', () => {
    it("are created in the coordinator's team, with the protected fields readable back", async () => {
      const res = await t.gql(
        CREATE,
        {
          input: {
            alias: 'Dさん',
            realName: '田中 大地',
            contact: '090-0000-0000',
            notes: '午前中は眠い',
            areaId: city.dailyLife.id,
          },
        },
        csw.auth,
      );
      expect(res.data!.createCandidate).toEqual({
        id: expect.any(String),
        alias: 'Dさん',
        realName: '田中 大地',
        contact: '090-0000-0000',
        notes: '午前中は眠い',
        teamId: csw.user.teamId,
        coordinatorId: csw.user.id,
      });
    });

    it("are seen by their team and the municipality's admin, never by another team or a host", async () => {
      const mine = await createAs(csw, { alias: 'Eさん' });
      const read = (who: Signed) =>
        t.gql('query ($id: ID!) { candidate(id: $id) { alias } }', { id: mine.id }, who.auth);
      expect((await read(csw)).data).toEqual({ candidate: { alias: 'Eさん' } });
      expect((await read(admin)).data).toEqual({ candidate: { alias: 'Eさん' } });
      expect(onlyError(await read(otherTeamCsw)).extensions?.code).toBe('NOT_FOUND');
      expect(onlyError(await read(host)).extensions?.code).toBe('FORBIDDEN');
      const list = await t.gql(
        '{ candidates(first: 100) { edges { node { id } } } }',
        {},
        otherTeamCsw.auth,
      );
      expect(
        list.data!.candidates.edges.map((e: { node: { id: string } }) => e.node.id),
      ).not.toContain(mine.id);
    });

    it('refuses a coordinator registering someone in another team, naming the field', async () => {
      const res = await t.gql(
        CREATE,
        { input: { alias: 'Fさん', teamId: otherTeamCsw.user.teamId } },
        csw.auth,
      );
      expect(onlyError(res).extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'teamId' });
    });

    it('validates every field and writes nothing when one is wrong', async () => {
      const before = await t.dataSource.query(
        'SELECT count(*)::int AS c FROM candidate WHERE municipality_id = $1',
        [city.municipality.id],
      );
      const res = await t.gql(
        CREATE,
        { input: { alias: '   ', notes: 'x'.repeat(4001) } },
        csw.auth,
      );
      const error = onlyError(res);
      expect(error.extensions?.code).toBe('BAD_USER_INPUT');
      expect(error.extensions?.errors?.map((e) => e.field).sort()).toEqual(['alias', 'notes']);
      expect(
        await t.dataSource.query(
          'SELECT count(*)::int AS c FROM candidate WHERE municipality_id = $1',
          [city.municipality.id],
        ),
      ).toEqual(before);
    });

    it('archives: the record leaves the active list and stays readable', async () => {
      const c = await createAs(csw, { alias: 'Gさん' });
      await t.gql(
        'mutation ($id: ID!) { archiveCandidate(id: $id) { status } }',
        { id: c.id },
        csw.auth,
      );
      const active = await t.gql(
        '{ candidates(first: 100) { edges { node { id } } } }',
        {},
        csw.auth,
      );
      expect(
        active.data!.candidates.edges.map((e: { node: { id: string } }) => e.node.id),
      ).not.toContain(c.id);
      const archived = await t.gql(
        '{ candidates(status: ARCHIVED, first: 100) { edges { node { id status } } } }',
        {},
        csw.auth,
      );
      expect(archived.data!.candidates.edges).toContainEqual({
        node: { id: c.id, status: 'ARCHIVED' },
      });
    });
  });

  describe('the audit log', () => {
    it('records N reads as N entries, with who, what, which record, when and why', async () => {
      const c = await createAs(csw, { alias: 'Hさん' });
      expect(await auditCount(c.id, 'CREATE')).toBe(1);
      const N = 4;
      for (let i = 0; i < N; i++) {
        await t.gql(
          'query ($id: ID!) { candidate(id: $id, purpose: "ケース会議の準備") { alias } }',
          { id: c.id },
          csw.auth,
        );
      }
      expect(await auditCount(c.id, 'READ')).toBe(N);
      const [entry] = await t.dataSource.query(
        `SELECT actor_user_id, actor_role, entity_type, entity_id, purpose, occurred_at, hash, prev_hash
           FROM audit_log WHERE subject_id = $1 AND action = 'READ' ORDER BY id DESC LIMIT 1`,
        [c.id],
      );
      expect(entry).toMatchObject({
        actor_user_id: csw.user.id,
        actor_role: 'COORDINATOR',
        entity_type: 'candidate',
        entity_id: c.id,
        purpose: 'ケース会議の準備',
        hash: expect.stringMatching(/^[0-9a-f]{64}$/),
        prev_hash: expect.stringMatching(/^[0-9a-f]{64}$/),
      });
      expect(Date.now() - new Date(entry.occurred_at).getTime()).toBeLessThan(60_000);
    });

    it('records each listed candidate as read, and a refused read records nothing', async () => {
      const c = await createAs(csw, { alias: 'Iさん' });
      const before = await auditCount(c.id);
      await t.gql('{ candidates(first: 100) { edges { node { id } } } }', {}, csw.auth);
      expect(await auditCount(c.id, 'LIST')).toBe(1);
      await t.gql(
        'query ($id: ID!) { candidate(id: $id) { alias } }',
        { id: c.id },
        otherTeamCsw.auth,
      );
      expect(await auditCount(c.id)).toBe(before + 1);
    });

    it('lets an admin query it by person, user and time range, and nobody else', async () => {
      const c = await createAs(csw, { alias: 'Jさん' });
      await t.gql('query ($id: ID!) { candidate(id: $id) { alias } }', { id: c.id }, admin.auth);
      const q = `query ($s: ID, $u: ID, $from: DateTime) { auditLog(subjectId: $s, userId: $u, from: $from, first: 50) { totalCount edges { node { action actorUserId subjectId purpose } } } }`;
      const byPerson = await t.gql(q, { s: c.id }, admin.auth);
      expect(
        byPerson.data!.auditLog.edges.map((e: { node: { action: string } }) => e.node.action),
      ).toEqual(['CREATE', 'READ']);
      const byUser = await t.gql(q, { s: c.id, u: admin.user.id }, admin.auth);
      expect(byUser.data!.auditLog.totalCount).toBe(1);
      const future = await t.gql(
        q,
        { s: c.id, from: new Date(Date.now() + 3_600_000).toISOString() },
        admin.auth,
      );
      expect(future.data!.auditLog.totalCount).toBe(0);
      expect(onlyError(await t.gql(q, { s: c.id }, csw.auth)).extensions?.code).toBe('FORBIDDEN');
    });

    it('refuses update and delete of entries by the database, as the application role', async () => {
      const runner = t.dataSource.createQueryRunner();
      await runner.connect();
      try {
        for (const sql of [
          "UPDATE audit_log SET purpose = '改ざん'",
          'DELETE FROM audit_log',
          'TRUNCATE audit_log',
        ]) {
          await runner.query(
            scopeStatements({ tenantId: city.municipality.id, userId: admin.user.id }),
          );
          await expect(runner.query(sql)).rejects.toThrow(/permission denied/);
          await runner.query('ROLLBACK');
        }
      } finally {
        await runner.release();
      }
      // Even the owner is stopped by the append-only trigger.
      await expect(t.dataSource.query("UPDATE audit_log SET purpose = '改ざん'")).rejects.toThrow(
        /append-only/,
      );
    });

    it('detects a changed entry and a removed one (npm run audit:verify)', async () => {
      const c = await createAs(csw, { alias: 'Kさん' });
      for (let i = 0; i < 3; i++)
        await t.gql('query ($id: ID!) { candidate(id: $id) { alias } }', { id: c.id }, csw.auth);
      // What `npm run audit:verify` runs for each municipality.
      const verify = async () =>
        (await new AuditRepository(t.dataSource).verify(city.municipality.id)).breaks;
      expect(await verify()).toEqual([]);
      const entries: { id: string }[] = await t.dataSource.query(
        'SELECT id::text FROM audit_log WHERE subject_id = $1 ORDER BY id',
        [c.id],
      );
      await t.dataSource.query('ALTER TABLE audit_log DISABLE TRIGGER audit_log_append_only');
      try {
        await t.dataSource.query(`UPDATE audit_log SET purpose = '別の目的' WHERE id = $1`, [
          entries[1].id,
        ]);
        expect(await verify()).toEqual([{ id: entries[1].id, problem: 'CONTENT_CHANGED' }]);
        await t.dataSource.query('DELETE FROM audit_log WHERE id = $1', [entries[1].id]);
        expect(await verify()).toEqual([{ id: entries[2].id, problem: 'CHAIN_BROKEN' }]);
      } finally {
        await t.dataSource.query('ALTER TABLE audit_log ENABLE TRIGGER audit_log_append_only');
      }
    });
  });

  describe('consent', () => {
    const RECORD = `mutation ($input: RecordConsentInput!) { recordConsent(input: $input) { id active scopes { recipient data } note } }`;

    it('is recorded as data and checked by other modules; a withdrawal counts from the next request', async () => {
      const c = await createAs(csw, { alias: 'Lさん' });
      const consents = t.app.get(ConsentService);
      const allows = (data: ConsentData) =>
        RequestContext.run(
          {
            requestId: 'consent-check',
            defaultMunicipalityId: null,
            viewer: {
              kind: 'COORDINATOR',
              userId: csw.user.id,
              municipalityId: city.municipality.id,
              teamId: csw.user.teamId,
              areaIds: [],
            },
          },
          () => consents.allows(c.id, ConsentRecipient.HOST, data),
        );
      expect(await allows(ConsentData.PROFILE)).toBe(false);
      const res = await t.gql(
        RECORD,
        {
          input: {
            candidateId: c.id,
            method: 'WRITTEN',
            note: '本人が署名',
            scopes: [
              { recipient: 'HOST', data: 'PROFILE' },
              { recipient: 'HOST', data: 'NAME' },
            ],
          },
        },
        csw.auth,
      );
      const consent = res.data!.recordConsent;
      expect(consent).toMatchObject({ active: true, note: '本人が署名' });
      expect(await allows(ConsentData.PROFILE)).toBe(true);
      expect(await allows(ConsentData.CONTACT)).toBe(false);

      const withdrawn = await t.gql(
        'mutation ($id: ID!) { withdrawConsent(id: $id, note: "電話で撤回の申し出") { active withdrawalNote } }',
        { id: consent.id },
        csw.auth,
      );
      expect(withdrawn.data!.withdrawConsent).toEqual({
        active: false,
        withdrawalNote: '電話で撤回の申し出',
      });
      expect(await allows(ConsentData.PROFILE)).toBe(false);
      expect(await auditCount(c.id, 'WITHDRAW')).toBe(1);
    });

    it('expires by itself and refuses impossible dates', async () => {
      const c = await createAs(csw, { alias: 'Mさん' });
      const past = await t.gql(
        RECORD,
        {
          input: {
            candidateId: c.id,
            method: 'ORAL',
            givenAt: '2026-01-05T10:00:00+09:00',
            expiresAt: '2026-03-31T23:59:59+09:00',
            scopes: [{ recipient: 'HOST', data: 'PROFILE' }],
          },
        },
        csw.auth,
      );
      expect(past.data!.recordConsent.active).toBe(false);
      const bad = await t.gql(
        RECORD,
        {
          input: {
            candidateId: c.id,
            method: 'ORAL',
            givenAt: '2026-05-01T10:00:00+09:00',
            expiresAt: '2026-04-01T10:00:00+09:00',
            scopes: [{ recipient: 'HOST', data: 'PROFILE' }],
          },
        },
        csw.auth,
      );
      expect(onlyError(bad).extensions).toMatchObject({
        code: 'BAD_USER_INPUT',
        field: 'expiresAt',
      });
      const none = await t.gql(
        RECORD,
        { input: { candidateId: c.id, method: 'ORAL', scopes: [] } },
        csw.auth,
      );
      expect(onlyError(none).extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'scopes' });
    });

    it("cannot be recorded for another team's candidate", async () => {
      const c = await createAs(otherTeamCsw, { alias: 'Nさん' });
      const res = await t.gql(
        RECORD,
        {
          input: {
            candidateId: c.id,
            method: 'ORAL',
            scopes: [{ recipient: 'HOST', data: 'PROFILE' }],
          },
        },
        csw.auth,
      );
      expect(onlyError(res).extensions).toMatchObject({
        code: 'BAD_USER_INPUT',
        field: 'candidateId',
      });
    });
  });
});
