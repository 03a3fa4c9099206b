import { createParamDecorator, ExecutionContext } from '@nestjs/common';
import { GqlExecutionContext } from '@nestjs/graphql';
import type { RequestLoaders } from './loader-registry';

export interface GraphQLContext {
  loaders: RequestLoaders;
}

/** The request's DataLoaders, in a resolver: `@Loaders() loaders: RequestLoaders`. */
export const Loaders = createParamDecorator(
  (_data: unknown, ctx: ExecutionContext): RequestLoaders =>
    GqlExecutionContext.create(ctx).getContext<GraphQLContext>().loaders,
);
