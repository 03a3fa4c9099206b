import { EntityRepository, Page, paginateKeyset, SignedInViewer } from '@app/common';
import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { CandidateEntity, CandidateStatus, ConsentEntity } from './candidate.entities';

/** Which candidates a viewer may see: an admin all of the municipality, a coordinator their team's. */
function visibleTo(
  viewer: SignedInViewer,
): { sql: string; params: Record<string, unknown> } | null {
  switch (viewer.kind) {
    case 'ADMIN':
      return { sql: 'c.municipality_id = :vm', params: { vm: viewer.municipalityId } };
    case 'COORDINATOR':
      return viewer.teamId
        ? {
            sql: 'c.municipality_id = :vm AND c.team_id = :vt',
            params: { vm: viewer.municipalityId, vt: viewer.teamId },
          }
        : null;
    case 'HOST':
      return null;
  }
}

@Injectable()
export class CandidateRepository extends EntityRepository<CandidateEntity> {
  constructor(dataSource: DataSource) {
    super(dataSource, CandidateEntity);
  }

  findVisible(
    id: string,
    viewer: SignedInViewer,
    em?: EntityManager,
    lock = false,
  ): Promise<CandidateEntity | null> {
    const visible = visibleTo(viewer);
    if (!visible) return Promise.resolve(null);
    const qb = this.repo(em)
      .createQueryBuilder('c')
      .where('c.id = :id', { id })
      .andWhere(visible.sql, visible.params);
    if (lock) qb.setLock('pessimistic_write');
    return qb.getOne();
  }

  page(
    viewer: SignedInViewer,
    status: CandidateStatus,
    first?: number,
    after?: string,
  ): Promise<Page<CandidateEntity>> {
    const visible = visibleTo(viewer) ?? { sql: 'false', params: {} };
    return paginateKeyset(
      this.repo()
        .createQueryBuilder('c')
        .where(visible.sql, visible.params)
        .andWhere('c.status = :status', { status }),
      { sortKey: 'c.alias', idColumn: 'c.id', keyOf: (c) => c.alias, first, after },
    );
  }

  /** Every active candidate the viewer may see that has a profile (for reverse matching). */
  withProfiles(viewer: SignedInViewer, limit: number): Promise<CandidateEntity[]> {
    const visible = visibleTo(viewer) ?? { sql: 'false', params: {} };
    return this.repo()
      .createQueryBuilder('c')
      .where(visible.sql, visible.params)
      .andWhere('c.status = :status', { status: CandidateStatus.ACTIVE })
      .andWhere('c.profile_encrypted IS NOT NULL')
      .orderBy('c.alias', 'ASC')
      .addOrderBy('c.id', 'ASC')
      .limit(limit)
      .getMany();
  }

  /** The codes of the catalogue's theme taxonomy (for checking interests). */
  async themeCodes(em?: EntityManager): Promise<Set<string>> {
    const rows: { code: string }[] = await (em ?? this.dataSource.manager).query(
      'SELECT code FROM theme',
    );
    return new Set(rows.map((r) => r.code));
  }

  consentsOf(candidateId: string, em?: EntityManager): Promise<ConsentEntity[]> {
    return (em ?? this.dataSource.manager)
      .getRepository(ConsentEntity)
      .find({ where: { candidateId }, order: { givenAt: 'DESC', id: 'ASC' } });
  }

  /** Which of these people have an active consent covering the scope (one statement). */
  async withActiveConsent(ids: string[], scope: string, em?: EntityManager): Promise<Set<string>> {
    if (!ids.length) return new Set();
    const rows = await (em ?? this.dataSource.manager).query<{ id: string }[]>(
      `SELECT DISTINCT candidate_id AS id FROM consent
        WHERE candidate_id = ANY($1::uuid[]) AND $2 = ANY(scopes) AND withdrawn_at IS NULL
          AND given_at <= now() AND (expires_at IS NULL OR expires_at > now())`,
      [ids, scope],
    );
    return new Set(rows.map((r) => r.id));
  }

  /** Whether an active consent covers the scope (a fresh read: a withdrawal counts at once). */
  async hasActiveConsent(candidateId: string, scope: string, em?: EntityManager): Promise<boolean> {
    const rows: unknown[] = await (em ?? this.dataSource.manager).query(
      `SELECT 1 FROM consent
        WHERE candidate_id = $1 AND $2 = ANY(scopes) AND withdrawn_at IS NULL
          AND given_at <= now() AND (expires_at IS NULL OR expires_at > now())
        LIMIT 1`,
      [candidateId, scope],
    );
    return rows.length > 0;
  }
}
