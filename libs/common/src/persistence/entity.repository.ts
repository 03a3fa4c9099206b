import {
  DataSource,
  EntityManager,
  EntityTarget,
  FindOptionsWhere,
  In,
  ObjectLiteral,
  Repository,
} from 'typeorm';

/**
 * What every repository of one entity with a uuid `id` needs: reads by id, batch reads for
 * DataLoaders, and saves inside the caller's transaction. Queries only; no decisions.
 */
export abstract class EntityRepository<E extends ObjectLiteral & { id: string }> {
  protected constructor(
    protected readonly dataSource: DataSource,
    private readonly entity: EntityTarget<E>,
  ) {}

  /** The TypeORM repository, inside the caller's transaction when one is given. */
  protected repo(em?: EntityManager): Repository<E> {
    return (em ?? this.dataSource.manager).getRepository(this.entity);
  }

  findById(id: string, em?: EntityManager): Promise<E | null> {
    return this.repo(em).findOneBy({ id } as FindOptionsWhere<E>);
  }

  /** Reads a row for changing it, locking it until the transaction ends (no lost updates). */
  findForUpdate(id: string, em: EntityManager): Promise<E | null> {
    return this.repo(em).findOne({
      where: { id } as FindOptionsWhere<E>,
      lock: { mode: 'pessimistic_write' },
    });
  }

  findByIds(ids: readonly string[]): Promise<E[]> {
    return this.repo().findBy({ id: In([...ids]) } as FindOptionsWhere<E>);
  }

  save(values: Partial<E>, em: EntityManager): Promise<E> {
    const repo = this.repo(em);
    return repo.save(repo.create(values as E));
  }
}
