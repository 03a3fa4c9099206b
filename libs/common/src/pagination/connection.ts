import { Type } from '@nestjs/common';
import { ArgsType, Field, FieldMiddleware, Int, ObjectType } from '@nestjs/graphql';
import { IsOptional, IsString, MaxLength } from 'class-validator';
import { msg } from '../validation/messages';
import { IntInRange } from '../validation/text-rules';
import { MAX_CURSOR_LENGTH } from './cursor';

export const MAX_PAGE_SIZE = 100;
export const DEFAULT_PAGE_SIZE = 20;

@ArgsType()
export class PageArgs {
  @Field(() => Int, {
    nullable: true,
    description: `Page size, 1 to ${MAX_PAGE_SIZE} (default ${DEFAULT_PAGE_SIZE}).`,
  })
  @IsOptional()
  @IntInRange('件数', 1, MAX_PAGE_SIZE)
  first?: number;

  @Field(() => String, {
    nullable: true,
    description: 'Cursor of the last item of the previous page.',
  })
  @IsOptional()
  @IsString()
  @MaxLength(MAX_CURSOR_LENGTH, msg.format('カーソル'))
  after?: string;
}

@ObjectType()
export class PageInfo {
  @Field()
  hasNextPage!: boolean;

  @Field(() => String, { nullable: true })
  endCursor!: string | null;
}

/** Resolves a field whose value is a function by calling it: work done only when selected. */
export const callThunk: FieldMiddleware = async (_ctx, next) => {
  const value: unknown = await next();
  return typeof value === 'function' ? (value as () => unknown)() : value;
};

export interface Edge<T> {
  cursor: string;
  node: T;
}

export interface Page<T> {
  edges: Edge<T>[];
  pageInfo: PageInfo;
  /** Counted only when asked for (GraphQL calls it when the field is selected). */
  totalCount: () => Promise<number>;
}

/** A Relay-style connection type for a node type: `XConnection { edges { cursor node } pageInfo totalCount }`. */
export function Connection<T>(nodeType: Type<T>, name = nodeType.name): Type<Page<T>> {
  @ObjectType(`${name}Edge`)
  class EdgeType {
    @Field()
    cursor!: string;

    @Field(() => nodeType)
    node!: T;
  }

  @ObjectType(`${name}Connection`, { isAbstract: false })
  class ConnectionType implements Page<T> {
    @Field(() => [EdgeType])
    edges!: Edge<T>[];

    @Field(() => PageInfo)
    pageInfo!: PageInfo;

    @Field(() => Int, {
      description: 'Number of items matching the filters, over all pages.',
      middleware: [callThunk],
    })
    totalCount!: () => Promise<number>;
  }
  return ConnectionType;
}

export function mapPage<A, B>(page: Page<A>, map: (a: A) => B): Page<B> {
  return { ...page, edges: page.edges.map((e) => ({ cursor: e.cursor, node: map(e.node) })) };
}
