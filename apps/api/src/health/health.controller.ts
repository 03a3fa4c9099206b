import { Public, RequestContext } from '@app/common';
import { Controller, Get, HttpCode, Res } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { Response } from 'express';
import { DataSource } from 'typeorm';
import { pendingMigrations } from '@db/migration-status';
import { OutboxRelay, SearchOutbox } from '@app/search';

/** Liveness and readiness, for humans, load balancers and orchestrators. */
@Public()
@Controller()
export class HealthController {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly outbox: SearchOutbox,
    private readonly relay: OutboxRelay,
  ) {}

  /** The process is up. Depends on nothing else. */
  @Get('healthz')
  @HttpCode(200)
  healthz(): { status: 'ok' } {
    return { status: 'ok' };
  }

  /** Ready to serve: the database answers and every migration is applied; with search outbox lag. */
  @Get('readyz')
  async readyz(@Res() res: Response): Promise<void> {
    // Schema and queue state only: checked as the system, so that a database without the
    // application role yet (migrations pending) is reported as such.
    await RequestContext.outside(() => this.check(res));
  }

  private async check(res: Response): Promise<void> {
    try {
      const pending = await withTimeout(pendingMigrations(this.dataSource), 3000);
      if (pending.length > 0) {
        res.status(503).json({
          status: 'unavailable',
          reason: `${pending.length} database migration(s) not applied; run npm run db:migrate`,
          pendingMigrations: pending,
        });
        return;
      }
      // Lag towards an external search engine is reported, not failed on: searches fall back to
      // the built-in engine meanwhile.
      const search = this.relay.active
        ? { engine: 'meilisearch', outbox: await withTimeout(this.outbox.lag('meilisearch'), 3000) }
        : { engine: 'builtin', outbox: null };
      res.status(200).json({ status: 'ok', database: 'ok', migrations: 'applied', search });
    } catch {
      res.status(503).json({ status: 'unavailable', reason: 'database unreachable' });
    }
  }
}

function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`timed out after ${ms} ms`)), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}
