import { PGlite } from '@electric-sql/pglite';
import { postgis } from '@electric-sql/pglite-postgis';
import { PGLiteSocketServer } from '@electric-sql/pglite-socket';
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';

export interface EmbeddedPostgresOptions {
  /** Folder for the data files; omit for an in-memory database (tests, scratch). */
  dataDir?: string;
  /** Client connections the socket accepts at once. The app itself uses one. */
  maxConnections?: number;
}

/**
 * PostgreSQL 18 with PostGIS compiled to WebAssembly (PGlite), running inside this process and
 * reachable over the PostgreSQL wire protocol on 127.0.0.1, so the app talks to it exactly as to
 * a server. PGlite is a single backend: clients should use a pool of one connection.
 */
export class EmbeddedPostgres {
  private constructor(
    private readonly db: PGlite,
    private readonly server: PGLiteSocketServer,
    private readonly lockFile: string | null,
  ) {}

  static async start(options: EmbeddedPostgresOptions = {}): Promise<EmbeddedPostgres> {
    let lockFile: string | null = null;
    let dataDir: string | undefined;
    if (options.dataDir) {
      const root = resolve(options.dataDir);
      mkdirSync(root, { recursive: true });
      dataDir = join(root, 'pglite');
      lockFile = join(root, 'pglite.lock');
      takeLock(lockFile, root);
    }
    try {
      const db = await PGlite.create({ dataDir, extensions: { postgis } });
      const server = new PGLiteSocketServer({
        db,
        host: '127.0.0.1',
        port: 0,
        maxConnections: options.maxConnections ?? 4,
      });
      await server.start();
      return new EmbeddedPostgres(db, server, lockFile);
    } catch (error) {
      if (lockFile) rmSync(lockFile, { force: true });
      throw error;
    }
  }

  get url(): string {
    return `postgres://postgres@${this.server.getServerConn()}/postgres?sslmode=disable`;
  }

  async stop(): Promise<void> {
    await this.server.stop();
    await this.db.close();
    if (this.lockFile) rmSync(this.lockFile, { force: true });
  }
}

function takeLock(lockFile: string, root: string): void {
  let holder: number | null = null;
  try {
    holder = Number(readFileSync(lockFile, 'utf8').trim()) || null;
  } catch {
    holder = null;
  }
  if (holder && holder !== process.pid && isAlive(holder)) {
    throw new Error(
      `The embedded database in ${root} is in use by process ${holder} (is the platform already running?). ` +
        'Stop that process first, or set DATABASE_URL to use a PostgreSQL server.',
    );
  }
  writeFileSync(lockFile, String(process.pid));
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}
