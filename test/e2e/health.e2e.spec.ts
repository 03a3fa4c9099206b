import { scratchDatabase, ScratchDatabase } from '../support/test-database';
import { startTestApp, TestApp } from '../support/test-app';

describe('health endpoints', () => {
  it('/healthz and /readyz answer 200 on a migrated database', async () => {
    const t = await startTestApp();
    try {
      const live = await fetch(`${t.baseUrl}/healthz`);
      expect(live.status).toBe(200);
      expect(await live.json()).toEqual({ status: 'ok' });
      const ready = await fetch(`${t.baseUrl}/readyz`);
      expect(ready.status).toBe(200);
      expect(await ready.json()).toEqual({
        status: 'ok',
        database: 'ok',
        migrations: 'applied',
        search: { engine: 'builtin', outbox: null },
      });
    } finally {
      await t.close();
    }
  });

  describe('on a database of its own', () => {
    let db: ScratchDatabase;
    let t: TestApp;
    beforeAll(async () => {
      db = await scratchDatabase();
      t = await startTestApp(db);
    });
    afterAll(async () => {
      await t?.close();
      await db?.drop();
    });

    it('/readyz answers 503 with the pending migrations, then 200 once they are applied', async () => {
      const before = await fetch(`${t.baseUrl}/readyz`);
      expect(before.status).toBe(503);
      const body = (await before.json()) as {
        status: string;
        reason: string;
        pendingMigrations: string[];
      };
      expect(body.status).toBe('unavailable');
      expect(body.reason).toMatch(/migration\(s\) not applied; run npm run db:migrate/);
      expect(body.pendingMigrations).toEqual(t.dataSource.migrations.map((m) => m.name));
      expect((await fetch(`${t.baseUrl}/healthz`)).status).toBe(200);

      await t.dataSource.runMigrations({ transaction: 'each' });
      expect((await fetch(`${t.baseUrl}/readyz`)).status).toBe(200);
    });

    it('/readyz answers 503 when the database is gone, while /healthz stays 200', async () => {
      await db.drop();
      const res = await fetch(`${t.baseUrl}/readyz`);
      expect(res.status).toBe(503);
      expect(await res.json()).toEqual({ status: 'unavailable', reason: 'database unreachable' });
      expect((await fetch(`${t.baseUrl}/healthz`)).status).toBe(200);
    });
  });
});
