import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { OutboxStatus } from '../store/search.entities';

export interface OutboxRow {
  id: string;
  engine: string;
  resource_id: string;
  attempts: number;
}

export interface OutboxLag {
  pending: number;
  dead: number;
  /** Age of the oldest pending change, in seconds (0 when none). */
  oldestPendingSeconds: number;
}

/** The transactional outbox of changes for external search engines. */
@Injectable()
export class SearchOutbox {
  constructor(private readonly dataSource: DataSource) {}

  /** Adds one row a resource, in the caller's transaction. */
  async enqueue(engine: string, resourceIds: readonly string[], em: EntityManager): Promise<void> {
    if (!resourceIds.length) return;
    await em.query(
      `INSERT INTO search_outbox (engine, resource_id) SELECT $1, unnest($2::uuid[])`,
      [engine, [...new Set(resourceIds)]],
    );
  }

  /**
   * Claims due rows (skipping rows another relay holds) and hands them to `apply` inside the
   * claiming transaction; a failure is recorded with its next attempt, DEAD after `maxAttempts`.
   */
  async process(
    engine: string,
    batch: number,
    apply: (resourceIds: string[], em: EntityManager) => Promise<void>,
    retry: { maxAttempts: number; backoffMs: (attempt: number) => number },
  ): Promise<{ done: number; failed: number }> {
    return this.dataSource.transaction(async (em) => {
      const rows: OutboxRow[] = await em.query(
        `SELECT id, engine, resource_id, attempts FROM search_outbox
          WHERE status = 'PENDING' AND engine = $1 AND next_attempt_at <= now()
          ORDER BY next_attempt_at, id LIMIT $2 FOR UPDATE SKIP LOCKED`,
        [engine, batch],
      );
      if (!rows.length) return { done: 0, failed: 0 };
      const ids = rows.map((r) => r.id);
      try {
        await apply([...new Set(rows.map((r) => r.resource_id))], em);
        await em.query(
          `UPDATE search_outbox SET status = $2, processed_at = now(), attempts = attempts + 1, last_error = NULL
            WHERE id = ANY($1::bigint[])`,
          [ids, OutboxStatus.DONE],
        );
        return { done: rows.length, failed: 0 };
      } catch (error) {
        const message = error instanceof Error ? error.message : String(error);
        for (const row of rows) {
          const attempts = row.attempts + 1;
          const dead = attempts >= retry.maxAttempts;
          await em.query(
            `UPDATE search_outbox SET attempts = $2, last_error = $3, status = $4,
                    next_attempt_at = now() + ($5::int * interval '1 millisecond')
              WHERE id = $1`,
            [
              row.id,
              attempts,
              message.slice(0, 500),
              dead ? OutboxStatus.DEAD : OutboxStatus.PENDING,
              retry.backoffMs(attempts),
            ],
          );
        }
        return { done: 0, failed: rows.length };
      }
    });
  }

  async lag(engine: string): Promise<OutboxLag> {
    const [row]: { pending: number; dead: number; oldest: number }[] = await this.dataSource.query(
      `SELECT count(*) FILTER (WHERE status = 'PENDING')::int AS pending,
              count(*) FILTER (WHERE status = 'DEAD')::int AS dead,
              COALESCE(extract(epoch FROM now() - min(created_at) FILTER (WHERE status = 'PENDING')), 0)::float8 AS oldest
         FROM search_outbox WHERE engine = $1`,
      [engine],
    );
    return { pending: row.pending, dead: row.dead, oldestPendingSeconds: Math.round(row.oldest) };
  }

  /** After a full reindex, everything queued before it has been applied. */
  async settleBefore(engine: string, moment: Date): Promise<void> {
    await this.dataSource.query(
      `UPDATE search_outbox SET status = 'DONE', processed_at = now()
        WHERE engine = $1 AND status <> 'DONE' AND created_at <= $2`,
      [engine, moment],
    );
  }
}
