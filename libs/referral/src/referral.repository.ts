import { EntityRepository, NotFoundException, SignedInViewer } from '@app/common';
import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { ReferralEntity, ReferralEventEntity, ReferralStatus } from './referral.entities';
import { SHARED_OPEN_STATES } from './referral-rules';

/** A listing's seats as the referral that changes them sees them, locked. */
export interface Seats {
  id: string;
  capacity: number | null;
  seatsTaken: number;
  hasWaitlist: boolean;
}

export interface ReferralFilter {
  statuses?: ReferralStatus[];
  candidateId?: string;
  resourceId?: string;
}

/** Which referrals a viewer may see, as SQL over `r`. */
function visibleTo(viewer: SignedInViewer): { sql: string; params: Record<string, unknown> } {
  switch (viewer.kind) {
    case 'ADMIN':
      return { sql: 'r.municipality_id = :vm', params: { vm: viewer.municipalityId } };
    case 'COORDINATOR':
      return {
        sql: 'r.municipality_id = :vm AND r.team_id = :vt',
        params: { vm: viewer.municipalityId, vt: viewer.teamId },
      };
    case 'HOST':
      // The host's own organisations; never a draft.
      return viewer.organizationIds.length
        ? {
            sql: `r.municipality_id = :vm AND r.organization_id IN (:...vo) AND r.status <> 'DRAFT'`,
            params: { vm: viewer.municipalityId, vo: [...viewer.organizationIds] },
          }
        : { sql: 'false', params: {} };
  }
}

/** Queries of referrals, their history and the seats they hold. No decisions. */
@Injectable()
export class ReferralRepository extends EntityRepository<ReferralEntity> {
  constructor(dataSource: DataSource) {
    super(dataSource, ReferralEntity);
  }

  /** The referral if the viewer may see it (locked for a change with `lock`). */
  findVisible(
    id: string,
    viewer: SignedInViewer,
    em?: EntityManager,
    lock = false,
  ): Promise<ReferralEntity | null> {
    const visible = visibleTo(viewer);
    const qb = this.repo(em)
      .createQueryBuilder('r')
      .where('r.id = :id', { id })
      .andWhere(visible.sql, visible.params);
    if (lock) qb.setLock('pessimistic_write');
    return qb.getOne();
  }

  list(viewer: SignedInViewer, filter: ReferralFilter, limit: number): Promise<ReferralEntity[]> {
    const visible = visibleTo(viewer);
    const qb = this.repo()
      .createQueryBuilder('r')
      .where(visible.sql, visible.params)
      .orderBy('r.updated_at', 'DESC')
      .addOrderBy('r.id')
      .limit(limit);
    if (filter.statuses?.length) qb.andWhere('r.status IN (:...statuses)', filter);
    if (filter.candidateId) qb.andWhere('r.candidate_id = :candidateId', filter);
    if (filter.resourceId) qb.andWhere('r.resource_id = :resourceId', filter);
    return qb.getMany();
  }

  /** The listing's seats, locked until the transaction ends: every seat change goes through here. */
  async lockSeats(resourceId: string, em: EntityManager): Promise<Seats> {
    const [row] = await em.query<
      { id: string; capacity: number | null; seats_taken: number; has_waitlist: boolean }[]
    >(`SELECT id, capacity, seats_taken, has_waitlist FROM resource WHERE id = $1 FOR UPDATE`, [
      resourceId,
    ]);
    if (!row) throw new NotFoundException('受け入れ先の活動', 'resourceId');
    return {
      id: row.id,
      capacity: row.capacity,
      seatsTaken: row.seats_taken,
      hasWaitlist: row.has_waitlist,
    };
  }

  async addSeats(resourceId: string, change: 1 | -1, em: EntityManager): Promise<void> {
    await em.query(
      `UPDATE resource SET seats_taken = GREATEST(0, seats_taken + $2) WHERE id = $1`,
      [resourceId, change],
    );
  }

  /** The first on the listing's waitlist (in the order they joined it), locked. */
  async waitlistHead(resourceId: string, em: EntityManager): Promise<ReferralEntity | null> {
    return this.repo(em)
      .createQueryBuilder('r')
      .where('r.resource_id = :resourceId AND r.status = :status', {
        resourceId,
        status: ReferralStatus.WAITLISTED,
      })
      .orderBy('r.waitlisted_at')
      .addOrderBy('r.id')
      .limit(1)
      .setLock('pessimistic_write')
      .getOne();
  }

  /** Places on the waitlist, 1 for the first, for the waitlisted referrals among `ids`. */
  async waitlistPositions(ids: string[]): Promise<Map<string, number>> {
    if (!ids.length) return new Map();
    const rows = await this.dataSource.query<{ id: string; position: number }[]>(
      `SELECT id, position FROM (
         SELECT id, row_number() OVER (PARTITION BY resource_id ORDER BY waitlisted_at, id)::int AS position
           FROM referral
          WHERE status = 'WAITLISTED'
            AND resource_id IN (SELECT resource_id FROM referral WHERE id = ANY($1::uuid[]))) w
        WHERE id = ANY($1::uuid[])`,
      [ids],
    );
    return new Map(rows.map((r) => [r.id, r.position]));
  }

  /** The person's referrals a host can see now (sent and not closed), for a consent that ended. */
  openShared(candidateId: string, em: EntityManager): Promise<ReferralEntity[]> {
    return this.repo(em)
      .createQueryBuilder('r')
      .where('r.candidate_id = :candidateId AND r.status IN (:...open)', {
        candidateId,
        open: SHARED_OPEN_STATES,
      })
      .orderBy('r.resource_id')
      .getMany();
  }

  /**
   * Locks the person's row until the transaction ends: sending and a consent withdrawal take
   * turns, so that no referral is sent under a consent being withdrawn.
   */
  async lockPerson(candidateId: string, em: EntityManager): Promise<void> {
    await em.query('SELECT id FROM candidate WHERE id = $1 FOR UPDATE', [candidateId]);
  }

  /** A referral already open between this person and this listing. */
  findOpen(
    candidateId: string,
    resourceId: string,
    em: EntityManager,
  ): Promise<ReferralEntity | null> {
    return this.repo(em)
      .createQueryBuilder('r')
      .where('r.candidate_id = :candidateId AND r.resource_id = :resourceId', {
        candidateId,
        resourceId,
      })
      .andWhere('r.status IN (:...open)', { open: SHARED_OPEN_STATES })
      .getOne();
  }

  /** The active users of a host organisation: who is told of a new referral. */
  async hostUsers(organizationId: string, em: EntityManager): Promise<string[]> {
    const rows = await em.query<{ id: string }[]>(
      `SELECT u.id FROM user_organization uo JOIN app_user u ON u.id = uo.user_id
        WHERE uo.organization_id = $1 AND u.status = 'ACTIVE'`,
      [organizationId],
    );
    return rows.map((r) => r.id);
  }

  /** Open referrals a host can see whose person no longer agrees to share with hosts (expired). */
  async unconsented(em: EntityManager): Promise<ReferralEntity[]> {
    return this.repo(em)
      .createQueryBuilder('r')
      .where('r.status IN (:...open)', { open: SHARED_OPEN_STATES })
      .andWhere(
        `NOT EXISTS (SELECT 1 FROM consent c WHERE c.candidate_id = r.candidate_id
           AND 'HOST:PROFILE' = ANY (c.scopes) AND c.withdrawn_at IS NULL
           AND c.given_at <= now() AND (c.expires_at IS NULL OR c.expires_at > now()))`,
      )
      .orderBy('r.resource_id')
      .getMany();
  }

  historyOf(ids: string[]): Promise<ReferralEventEntity[]> {
    if (!ids.length) return Promise.resolve([]);
    return this.dataSource
      .getRepository(ReferralEventEntity)
      .createQueryBuilder('e')
      .where('e.referral_id IN (:...ids)', { ids })
      .orderBy('e.at')
      .addOrderBy('e.id')
      .getMany();
  }

  addEvent(event: Partial<ReferralEventEntity>, em: EntityManager): Promise<ReferralEventEntity> {
    const repo = em.getRepository(ReferralEventEntity);
    return repo.save(repo.create(event));
  }
}
