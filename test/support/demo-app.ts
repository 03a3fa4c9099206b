import { loadConfig } from '@app/common';
import { prepareDatabase } from '@db/prepare';
import type { DemoAccount } from '@db/seeds/demo/accounts';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { DataSource } from 'typeorm';
import { startTestApp, TestApp } from './test-app';
import { connect, scratchDatabase } from './test-database';

export interface DemoApp {
  t: TestApp;
  ds: DataSource;
  /** The demo sign-ins (admin, coordinator, host) with their one-time passwords. */
  accounts: DemoAccount[];
  close(): Promise<void>;
}

/**
 * The api over a database of its own holding the demo city みどり市, seeded as `npm start` seeds
 * it: for tests that read the whole demo dataset and must not meet other tests' rows.
 */
export async function startDemoApp(env: Record<string, string> = {}): Promise<DemoApp> {
  const db = await scratchDatabase();
  const ds = await connect(db);
  const dataDir = mkdtempSync(join(tmpdir(), 'tsunagu-demo-'));
  const secrets = loadConfig({ NODE_ENV: 'test', LOG_LEVEL: 'silent' }).secrets;
  const prepared = await prepareDatabase(
    ds,
    { migrateOnStart: true, demoSeed: true, production: false, dataDir, secrets },
    db.embedded,
  );
  const t = await startTestApp(db, env);
  return {
    t,
    ds,
    accounts: prepared.demoAccounts,
    async close() {
      await t.close();
      await ds.destroy();
      await db.drop();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
