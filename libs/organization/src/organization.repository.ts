import { Page, paginateKeyset } from '@app/common';
import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
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

/** Escapes LIKE wildcards so that user text matches literally. */
const likeLiteral = (text: string) => `%${text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;

@Injectable()
export class OrganizationRepository {
  constructor(private readonly dataSource: DataSource) {}

  private repo(em?: EntityManager) {
    return (em ?? this.dataSource.manager).getRepository(OrganizationEntity);
  }

  findById(id: string, em?: EntityManager): Promise<OrganizationEntity | null> {
    return this.repo(em).findOneBy({ id });
  }

  page(filter: OrganizationFilter): Promise<Page<OrganizationEntity>> {
    const qb = this.repo()
      .createQueryBuilder('o')
      .where('o.municipality_id = :municipalityId', { municipalityId: filter.municipalityId });
    if (filter.types?.length) qb.andWhere('o.type IN (:...types)', { types: filter.types });
    if (filter.areaId) {
      // The area and every area inside it.
      qb.andWhere(
        `o.area_id IN (
           WITH RECURSIVE inside(id) AS (
             SELECT id FROM area WHERE id = :areaId
             UNION ALL
             SELECT a.id FROM area a JOIN inside ON a.parent_id = inside.id
           ) SELECT id FROM inside)`,
        { areaId: filter.areaId },
      );
    }
    if (filter.nameContains) {
      qb.andWhere(`(o.name ILIKE :pattern ESCAPE '\\' OR o.name_kana ILIKE :pattern ESCAPE '\\')`, {
        pattern: likeLiteral(filter.nameContains),
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

  countInMunicipality(municipalityId: string, em?: EntityManager): Promise<number> {
    return this.repo(em).countBy({ municipalityId });
  }

  save(entity: Partial<OrganizationEntity>, em: EntityManager): Promise<OrganizationEntity> {
    return this.repo(em).save(this.repo(em).create(entity));
  }
}
