import 'reflect-metadata';
import { EmbeddedPostgres } from '@app/database/embedded-postgres';
import { buildDataSourceOptions } from '@app/database/data-source-options';
import { syncHolidays } from '@app/catalog/schedule/holidays';
import { ALL_MIGRATIONS } from '@db/migrations';
import { DataSource } from 'typeorm';
import { createServer, Server } from 'node:http';
import type { AddressInfo } from 'node:net';

declare global {
  var __TEST_DB__:
    | { embedded?: EmbeddedPostgres; broker?: Server; scratch: Map<string, EmbeddedPostgres> }
    | undefined;
}

/**
 * Starts the test database once for the whole run and applies the migrations.
 * With DATABASE_URL: that server's database (CI creates a fresh one). Without: an in-memory
 * PGlite with PostGIS, reachable on 127.0.0.1 by every test file. Test files that need an empty
 * database of their own ask this process for one (PGlite cannot start inside Jest's sandbox).
 */
export default async function globalSetup(): Promise<void> {
  let url = process.env.DATABASE_URL;
  const embedded = !url;
  const state: NonNullable<typeof globalThis.__TEST_DB__> = { scratch: new Map() };
  globalThis.__TEST_DB__ = state;
  if (!url) {
    state.embedded = await EmbeddedPostgres.start({ maxConnections: 8 });
    url = state.embedded.url;
    state.broker = await startScratchBroker(state.scratch);
    process.env.TEST_SCRATCH_BROKER = `http://127.0.0.1:${(state.broker.address() as AddressInfo).port}`;
  }
  process.env.TEST_DATABASE_URL = url;
  process.env.TEST_DATABASE_EMBEDDED = embedded ? '1' : '0';
  process.stdout.write(
    `\nTest database: ${embedded ? 'embedded PGlite + PostGIS (in memory)' : 'PostgreSQL server from DATABASE_URL'}\n`,
  );

  // Migrations only: the set-up runs outside Jest's sandbox and must not load the app's classes
  // (GraphQL types made here would belong to another realm than the tests').
  const dataSource = new DataSource(
    buildDataSourceOptions({ url, embedded, poolMax: 1, entities: [], migrations: ALL_MIGRATIONS }),
  );
  await dataSource.initialize();
  await dataSource.runMigrations({ transaction: 'each' });
  await syncHolidays(dataSource);
  await dataSource.destroy();
}

/** POST / starts an empty in-memory database and answers its URL; DELETE /?url=… stops it. */
function startScratchBroker(scratch: Map<string, EmbeddedPostgres>): Promise<Server> {
  const server = createServer((req, res) => {
    const answer = (status: number, body: string) =>
      res.writeHead(status, { 'content-type': 'text/plain' }).end(body);
    const handle = async () => {
      if (req.method === 'POST') {
        const db = await EmbeddedPostgres.start({ maxConnections: 2 });
        scratch.set(db.url, db);
        return answer(200, db.url);
      }
      if (req.method === 'DELETE') {
        const target = new URL(req.url ?? '/', 'http://x').searchParams.get('url') ?? '';
        await scratch.get(target)?.stop();
        scratch.delete(target);
        return answer(204, '');
      }
      return answer(405, 'POST or DELETE');
    };
    handle().catch((error: unknown) => answer(500, String(error)));
  });
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve(server)));
}
