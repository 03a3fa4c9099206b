import { PGlite } from '@electric-sql/pglite';
import { postgis } from '@electric-sql/pglite-postgis';
import { PGLiteSocketServer } from '@electric-sql/pglite-socket';
import { chmodSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';

export interface EmbeddedPostgresOptions {
  /** Folder for the data files; omit for an in-memory database (tests, scratch). */
  dataDir?: string;
  /** Client connections the socket accepts at once. The app itself uses one. */
  maxConnections?: number;
}

/** The port number in a Unix socket's name (.s.PGSQL.<port>), as node-postgres expects it. */
const SOCKET_PORT = 5432;
/** Longest Unix socket path Linux accepts. */
const MAX_SOCKET_PATH = 107;

/**
 * PostgreSQL 18 with PostGIS compiled to WebAssembly (PGlite), running inside this process and
 * reachable over the PostgreSQL wire protocol, so the app talks to it exactly as to a server.
 * A database on disk listens on a Unix socket inside its own folder (mode 0700), so no other
 * user of the machine can reach it; an in-memory one (tests) listens on 127.0.0.1.
 * PGlite is a single backend: clients should use a pool of one connection.
 */
export class EmbeddedPostgres {
  private constructor(
    private readonly db: PGlite,
    private readonly server: PGLiteSocketServer,
    private readonly lockFile: string | null,
    private readonly socketDir: string | null,
  ) {}

  static async start(options: EmbeddedPostgresOptions = {}): Promise<EmbeddedPostgres> {
    let lockFile: string | null = null;
    let dataDir: string | undefined;
    let socketDir: string | null = null;
    if (options.dataDir) {
      const root = resolve(options.dataDir);
      mkdirSync(root, { recursive: true, mode: 0o700 });
      chmodSync(root, 0o700);
      dataDir = join(root, 'pglite');
      lockFile = join(root, 'pglite.lock');
      takeLock(lockFile, root);
      if (join(root, `.s.PGSQL.${SOCKET_PORT}`).length <= MAX_SOCKET_PATH) socketDir = root;
    }
    try {
      const db = await PGlite.create({ dataDir, extensions: { postgis } });
      const maxConnections = options.maxConnections ?? 4;
      let server: PGLiteSocketServer;
      if (socketDir) {
        const path = join(socketDir, `.s.PGSQL.${SOCKET_PORT}`);
        rmSync(path, { force: true }); // left behind by a process that was killed
        server = new PGLiteSocketServer({ db, path, maxConnections });
      } else {
        server = new PGLiteSocketServer({ db, host: '127.0.0.1', port: 0, maxConnections });
      }
      await server.start();
      return new EmbeddedPostgres(db, server, lockFile, socketDir);
    } catch (error) {
      if (lockFile) rmSync(lockFile, { force: true });
      throw error;
    }
  }

  get url(): string {
    if (this.socketDir) {
      return `postgres://postgres@localhost/postgres?host=${encodeURIComponent(this.socketDir)}&port=${SOCKET_PORT}&sslmode=disable`;
    }
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
