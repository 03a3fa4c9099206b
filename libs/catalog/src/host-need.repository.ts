import { EntityRepository, Page, paginateKeyset } from '@app/common';
import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { HostNeedKind } from './catalog.enums';
import { HostNeedEntity } from './host-need.entity';

export interface HostNeedQuery {
  municipalityId: string;
  organizationId?: string;
  kinds?: HostNeedKind[];
  openOnly: boolean;
  first?: number;
  after?: string;
}

@Injectable()
export class HostNeedRepository extends EntityRepository<HostNeedEntity> {
  constructor(dataSource: DataSource) {
    super(dataSource, HostNeedEntity);
  }

  /** Newest first: what a host asked for most recently is most likely still needed. */
  page(q: HostNeedQuery): Promise<Page<HostNeedEntity>> {
    const qb = this.repo()
      .createQueryBuilder('n')
      .where('n.municipality_id = :municipalityId', { municipalityId: q.municipalityId });
    if (q.organizationId)
      qb.andWhere('n.organization_id = :organizationId', { organizationId: q.organizationId });
    if (q.kinds?.length) qb.andWhere('n.kind IN (:...kinds)', { kinds: q.kinds });
    if (q.openOnly) qb.andWhere('n.is_open');
    return paginateKeyset(qb, {
      // Newest first as an ascending key: minus the creation time in milliseconds.
      sortKey: `(-(extract(epoch FROM n.created_at) * 1000)::bigint)`,
      idColumn: 'n.id',
      keyOf: (n) => -n.createdAt.getTime(),
      first: q.first,
      after: q.after,
    });
  }
}
