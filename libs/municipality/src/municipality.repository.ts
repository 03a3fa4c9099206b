import { PageArgs, paginateKeyset, Page, EntityRepository } from '@app/common';
import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { MunicipalityEntity } from './municipality.entity';

@Injectable()
export class MunicipalityRepository extends EntityRepository<MunicipalityEntity> {
  constructor(dataSource: DataSource) {
    super(dataSource, MunicipalityEntity);
  }

  findByCode(code: string, em?: EntityManager): Promise<MunicipalityEntity | null> {
    return this.repo(em).findOneBy({ code });
  }

  page(args: PageArgs): Promise<Page<MunicipalityEntity>> {
    return paginateKeyset(this.repo().createQueryBuilder('m'), {
      sortKey: 'm.code',
      idColumn: 'm.id',
      keyOf: (m) => m.code,
      first: args.first,
      after: args.after,
    });
  }
}
