import { EntityRepository, likeAnywhere, Page, paginateKeyset } from '@app/common';
import { areaAndInsideSql } from '@app/municipality';
import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { OrganizationType } from './organization-type';
import { OrganizationEntity } from './organization.entity';

export interface OrganizationFilter {
  municipalityId: string;
  types?: OrganizationType[];
  areaId?: string;
  nameContains?: string;
  first?: number;
  after?: string;
}

@Injectable()
export class OrganizationRepository extends EntityRepository<OrganizationEntity> {
  constructor(dataSource: DataSource) {
    super(dataSource, OrganizationEntity);
  }

  page(filter: OrganizationFilter): Promise<Page<OrganizationEntity>> {
    const qb = this.repo()
      .createQueryBuilder('o')
      .where('o.municipality_id = :municipalityId', { municipalityId: filter.municipalityId });
    if (filter.types?.length) qb.andWhere('o.type IN (:...types)', { types: filter.types });
    if (filter.areaId) {
      // The area and every area inside it.
      qb.andWhere(`o.area_id IN (${areaAndInsideSql(':areaId')})`, { areaId: filter.areaId });
    }
    if (filter.nameContains) {
      qb.andWhere(`(o.name ILIKE :pattern ESCAPE '\\' OR o.name_kana ILIKE :pattern ESCAPE '\\')`, {
        pattern: likeAnywhere(filter.nameContains),
      });
    }
    return paginateKeyset(qb, {
      sortKey: 'o.name',
      idColumn: 'o.id',
      keyOf: (o) => o.name,
      first: filter.first,
      after: filter.after,
    });
  }
}
