import { Page, paginateKeyset } from '@app/common';
import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { AuditLogEntity } from './audit.entity';

export interface AuditQuery {
  municipalityId: string;
  subjectId?: string;
  actorUserId?: string;
  from?: Date;
  to?: Date;
  first?: number;
  after?: string;
}

export interface ChainBreak {
  id: string;
  problem: 'CONTENT_CHANGED' | 'CHAIN_BROKEN';
}

@Injectable()
export class AuditRepository {
  constructor(private readonly dataSource: DataSource) {}

  /** Appends entries; the database numbers, stamps and chains them (trigger audit_log_chain). */
  async append(
    rows: Omit<AuditLogEntity, 'id' | 'occurredAt' | 'prevHash' | 'hash'>[],
    em?: EntityManager,
  ): Promise<void> {
    await (em ?? this.dataSource.manager)
      .createQueryBuilder()
      .insert()
      .into(AuditLogEntity)
      .values(rows.map((r) => ({ ...r, hash: '' })))
      .updateEntity(false)
      .execute();
  }

  page(q: AuditQuery): Promise<Page<AuditLogEntity>> {
    const qb = this.dataSource
      .getRepository(AuditLogEntity)
      .createQueryBuilder('a')
      .where('a.municipality_id = :municipalityId', { municipalityId: q.municipalityId });
    if (q.subjectId) qb.andWhere('a.subject_id = :subjectId', { subjectId: q.subjectId });
    if (q.actorUserId) qb.andWhere('a.actor_user_id = :actor', { actor: q.actorUserId });
    if (q.from) qb.andWhere('a.occurred_at >= :from', { from: q.from });
    if (q.to) qb.andWhere('a.occurred_at < :to', { to: q.to });
    return paginateKeyset(qb, {
      sortKey: 'a.id',
      idColumn: 'a.id',
      keyOf: (a) => a.id,
      first: q.first,
      after: q.after,
    });
  }

  /** Municipalities that have entries (system work: reads every tenant's chain). */
  async municipalities(): Promise<string[]> {
    const rows: { municipality_id: string }[] = await this.dataSource.query(
      'SELECT DISTINCT municipality_id FROM audit_log ORDER BY municipality_id',
    );
    return rows.map((r) => r.municipality_id);
  }

  /**
   * Every entry of a municipality whose hash does not match its content, or whose previous-hash
   * does not match the entry before it; and the newest hash (the head, to keep elsewhere).
   */
  async verify(
    municipalityId: string,
  ): Promise<{ entries: number; head: string | null; breaks: ChainBreak[] }> {
    const rows: { id: string; problem: ChainBreak['problem'] | null; hash: string }[] =
      await this.dataSource.query(
        `SELECT id::text, hash,
                CASE WHEN hash IS DISTINCT FROM audit_entry_hash(a) THEN 'CONTENT_CHANGED'
                     WHEN prev_hash IS DISTINCT FROM lag(hash) OVER (ORDER BY id) THEN 'CHAIN_BROKEN'
                END AS problem
           FROM audit_log a WHERE municipality_id = $1 ORDER BY id`,
        [municipalityId],
      );
    return {
      entries: rows.length,
      head: rows.at(-1)?.hash ?? null,
      breaks: rows.filter((r) => r.problem).map((r) => ({ id: r.id, problem: r.problem! })),
    };
  }
}
