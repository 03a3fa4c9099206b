import { HostNeedKind } from '@app/catalog';
import { EntityRepository, Page, paginateKeyset } from '@app/common';
import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { HelpOfferEntity, HelpOfferStatus } from './help-offer.entity';

export interface HelpOfferQuery {
  municipalityId: string;
  /** Only these organisations' offers (a host's own); undefined for staff. */
  organizationIds?: readonly string[];
  statuses: readonly HelpOfferStatus[];
  first?: number;
  after?: string;
}

/** An open need, with what an offer needs to know of it. */
export interface NeedForOffer {
  id: string;
  municipalityId: string;
  organizationId: string;
  organizationName: string;
  kind: HostNeedKind;
  description: string;
  isOpen: boolean;
}

@Injectable()
export class HelpOfferRepository extends EntityRepository<HelpOfferEntity> {
  constructor(dataSource: DataSource) {
    super(dataSource, HelpOfferEntity);
  }

  /** Newest first. */
  page(q: HelpOfferQuery): Promise<Page<HelpOfferEntity>> {
    const qb = this.repo()
      .createQueryBuilder('o')
      .where('o.municipality_id = :municipalityId', { municipalityId: q.municipalityId })
      .andWhere('o.status IN (:...statuses)', { statuses: q.statuses });
    if (q.organizationIds)
      qb.andWhere('o.organization_id = ANY(:organizationIds)', {
        organizationIds: [...q.organizationIds],
      });
    return paginateKeyset(qb, {
      sortKey: `(-(extract(epoch FROM o.created_at) * 1000)::bigint)`,
      idColumn: 'o.id',
      keyOf: (o) => -o.createdAt.getTime(),
      first: q.first,
      after: q.after,
    });
  }

  /** The needs (with their organisation's name) the offers are about. */
  async needs(ids: readonly string[], em?: EntityManager): Promise<Map<string, NeedForOffer>> {
    if (!ids.length) return new Map();
    const rows = await (em ?? this.dataSource.manager).query<
      {
        id: string;
        municipality_id: string;
        organization_id: string;
        organization_name: string;
        kind: HostNeedKind;
        description: string;
        is_open: boolean;
      }[]
    >(
      `SELECT n.id, n.municipality_id, n.organization_id, o.name AS organization_name, n.kind,
              n.description, n.is_open
         FROM host_need n JOIN organization o ON o.id = n.organization_id
        WHERE n.id = ANY($1)`,
      [[...new Set(ids)]],
    );
    return new Map(
      rows.map((r) => [
        r.id,
        {
          id: r.id,
          municipalityId: r.municipality_id,
          organizationId: r.organization_id,
          organizationName: r.organization_name,
          kind: r.kind,
          description: r.description,
          isOpen: r.is_open,
        },
      ]),
    );
  }

  /**
   * Ends the open offers (of the tenant in scope) left `days` days since they were sent (NEW)
   * or since the host's last step (CONTACTED), erasing their contact; answers which.
   */
  async expireUnanswered(days: number, em: EntityManager): Promise<string[]> {
    const rows = await em.query<{ id: string }[]>(
      `SELECT id FROM help_offer
        WHERE (status = 'NEW' AND created_at < now() - make_interval(days => $1))
           OR (status = 'CONTACTED' AND updated_at < now() - make_interval(days => $1))
        FOR UPDATE SKIP LOCKED`,
      [days],
    );
    if (rows.length)
      await em.query(
        `UPDATE help_offer SET status = 'EXPIRED', name_encrypted = NULL, contact_encrypted = NULL,
                message_encrypted = NULL, updated_at = now()
          WHERE id = ANY($1)`,
        [rows.map((r) => r.id)],
      );
    return rows.map((r) => r.id);
  }

  /** Who is told of a new offer: the organisation's active users, else the municipality's admins. */
  async recipients(need: NeedForOffer, em: EntityManager): Promise<string[]> {
    const rows = await em.query<{ id: string }[]>(
      `SELECT u.id FROM user_organization uo JOIN app_user u ON u.id = uo.user_id
        WHERE uo.organization_id = $1 AND u.status = 'ACTIVE'`,
      [need.organizationId],
    );
    if (rows.length) return rows.map((r) => r.id);
    const admins = await em.query<{ id: string }[]>(
      `SELECT id FROM app_user WHERE municipality_id = $1 AND role = 'ADMIN' AND status = 'ACTIVE'`,
      [need.municipalityId],
    );
    return admins.map((r) => r.id);
  }
}
