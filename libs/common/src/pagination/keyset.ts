import { ObjectLiteral, SelectQueryBuilder } from 'typeorm';
import { decodeCursor, encodeCursor } from './cursor';
import { DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE, Page } from './connection';

export interface KeysetOptions<E> {
  /** SQL expression of the sort key, e.g. `o.name`. Rows are ordered by (sortKey, id). */
  sortKey: string;
  /** The same key read from a loaded entity, to build the cursor. */
  keyOf: (entity: E) => string | number;
  /** SQL expression of the id column, e.g. `o.id`. */
  idColumn: string;
  first?: number;
  after?: string;
}

/**
 * Relay-style keyset pagination over (sortKey, id): no OFFSET, stable under inserts, fetching
 * `first + 1` rows to know whether there is a next page. The caller's query builder carries the
 * filters; `totalCount` counts the same filters without the cursor, only when called.
 */
export async function paginateKeyset<E extends ObjectLiteral>(
  qb: SelectQueryBuilder<E>,
  options: KeysetOptions<E>,
): Promise<Page<E>> {
  const first = Math.min(Math.max(options.first ?? DEFAULT_PAGE_SIZE, 1), MAX_PAGE_SIZE);
  const countQuery = qb.clone();
  const totalCount = () => countQuery.getCount();

  const pageQuery = qb.clone();
  if (options.after) {
    const position = decodeCursor(options.after);
    pageQuery.andWhere(`(${options.sortKey}, ${options.idColumn}) > (:keysetKey, :keysetId)`, {
      keysetKey: position.key,
      keysetId: position.id,
    });
  }
  const rows = await pageQuery
    .orderBy(options.sortKey, 'ASC')
    .addOrderBy(options.idColumn, 'ASC')
    .take(first + 1)
    .getMany();

  const hasNextPage = rows.length > first;
  const nodes = hasNextPage ? rows.slice(0, first) : rows;
  const edges = nodes.map((node) => ({
    cursor: encodeCursor({ key: options.keyOf(node), id: String(node.id) }),
    node,
  }));
  return {
    edges,
    totalCount,
    pageInfo: { hasNextPage, endCursor: edges.length ? edges[edges.length - 1].cursor : null },
  };
}
