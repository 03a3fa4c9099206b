import { PageArgs, paginateKeyset, Page } from '@app/common';
import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager, In } from 'typeorm';
import { MunicipalityEntity } from './municipality.entity';

@Injectable()
export class MunicipalityRepository {
  constructor(private readonly dataSource: DataSource) {}

  private repo(em?: EntityManager) {
    return (em ?? this.dataSource.manager).getRepository(MunicipalityEntity);
  }

  findById(id: string, em?: EntityManager): Promise<MunicipalityEntity | null> {
    return this.repo(em).findOneBy({ id });
  }

  findByCode(code: string, em?: EntityManager): Promise<MunicipalityEntity | null> {
    return this.repo(em).findOneBy({ code });
  }

  findByIds(ids: readonly string[]): Promise<MunicipalityEntity[]> {
    return this.repo().findBy({ id: In([...ids]) });
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

  count(em?: EntityManager): Promise<number> {
    return this.repo(em).count();
  }

  save(entity: Partial<MunicipalityEntity>, em: EntityManager): Promise<MunicipalityEntity> {
    return this.repo(em).save(this.repo(em).create(entity));
  }
}
