import { createDataSource } from '@db/data-source';
import { randomBytes } from 'node:crypto';
import { Client } from 'pg';
import type { DataSource } from 'typeorm';

export interface TestDatabase {
  url: string;
  embedded: boolean;
}

/** The database of this test run (see global-setup.ts). */
export function testDatabase(): TestDatabase {
  const url = process.env.TEST_DATABASE_URL;
  if (!url) throw new Error('TEST_DATABASE_URL is not set: run the tests through jest (npm test)');
  return { url, embedded: process.env.TEST_DATABASE_EMBEDDED === '1' };
}

export interface ScratchDatabase extends TestDatabase {
  drop(): Promise<void>;
}

/**
 * A new, empty database for tests that need one of their own (migrations, readiness):
 * a fresh database on the same server, or a second in-memory PGlite.
 */
export async function scratchDatabase(): Promise<ScratchDatabase> {
  const base = testDatabase();
  if (base.embedded) {
    const broker = process.env.TEST_SCRATCH_BROKER;
    if (!broker)
      throw new Error('TEST_SCRATCH_BROKER is not set: run the tests through jest (npm test)');
    const res = await fetch(broker, { method: 'POST' });
    const url = await res.text();
    if (!res.ok) throw new Error(`could not start a scratch database: ${url}`);
    return {
      url,
      embedded: true,
      drop: async () => {
        await fetch(`${broker}/?url=${encodeURIComponent(url)}`, { method: 'DELETE' });
      },
    };
  }
  const name = `tsunagu_scratch_${randomBytes(4).toString('hex')}`;
  await withAdmin(base.url, (c) => c.query(`CREATE DATABASE ${name}`));
  const url = new URL(base.url);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    embedded: false,
    drop: () => withAdmin(base.url, (c) => c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`)),
  };
}

async function withAdmin(url: string, fn: (client: Client) => Promise<unknown>): Promise<void> {
  const client = new Client({ connectionString: url });
  await client.connect();
  try {
    await fn(client);
  } finally {
    await client.end();
  }
}

export async function connect(db: TestDatabase): Promise<DataSource> {
  const dataSource = createDataSource(db.url, db.embedded, 2);
  await dataSource.initialize();
  return dataSource;
}
