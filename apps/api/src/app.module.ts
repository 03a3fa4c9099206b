import { CatalogModule } from '@app/catalog';
import {
  AppConfig,
  CommonModule,
  describeError,
  formatGraphQLError,
  LoaderRegistry,
  LoggingModule,
  RequestContextMiddleware,
} from '@app/common';
import { buildDataSourceOptions } from '@app/database';
import { MunicipalityModule } from '@app/municipality';
import { OrganizationModule } from '@app/organization';
import { SearchModule } from '@app/search';
import { ALL_ENTITIES } from '@db/entities';
import { ALL_MIGRATIONS } from '@db/migrations';
import { ApolloDriver, ApolloDriverConfig } from '@nestjs/apollo';
import { DynamicModule, Logger, MiddlewareConsumer, Module, NestModule } from '@nestjs/common';
import { GraphQLModule } from '@nestjs/graphql';
import { TypeOrmModule } from '@nestjs/typeorm';
import type { Request } from 'express';
import depthLimit from 'graphql-depth-limit';
import { HealthController } from './health/health.controller';

export const MAX_QUERY_DEPTH = 12;

export interface AppModuleOptions {
  config: AppConfig;
  databaseUrl: string;
  embedded: boolean;
}

@Module({})
export class AppModule implements NestModule {
  static forRoot({ config, databaseUrl, embedded }: AppModuleOptions): DynamicModule {
    const graphqlLogger = new Logger('GraphQL');
    return {
      module: AppModule,
      imports: [
        CommonModule.forRoot(config),
        LoggingModule.forRoot(config),
        TypeOrmModule.forRoot(
          buildDataSourceOptions({
            url: databaseUrl,
            embedded,
            poolMax: config.dbPoolMax,
            entities: ALL_ENTITIES,
            migrations: ALL_MIGRATIONS,
          }),
        ),
        GraphQLModule.forRootAsync<ApolloDriverConfig>({
          driver: ApolloDriver,
          inject: [LoaderRegistry],
          useFactory: (loaders: LoaderRegistry) => ({
            path: '/graphql',
            autoSchemaFile: true,
            sortSchema: true,
            introspection: !config.production,
            includeStacktraceInErrorResponses: false,
            // The deepest query the platform's own pages make is 7 levels; anything far deeper is
            // refused before it runs (a nested parent/children loop would multiply the work).
            validationRules: [depthLimit(MAX_QUERY_DEPTH)],
            playground: false,
            formatError: (formatted, error) =>
              formatGraphQLError(formatted, error, (internal) =>
                graphqlLogger.error(
                  { error: describeError(internal) },
                  'Unexpected error in a GraphQL operation',
                ),
              ),
            context: ({ req }: { req: Request }) => ({
              req,
              loaders: loaders.createRequestLoaders(),
            }),
          }),
        }),
        MunicipalityModule,
        OrganizationModule,
        CatalogModule,
        SearchModule,
      ],
      controllers: [HealthController],
    };
  }

  configure(consumer: MiddlewareConsumer): void {
    consumer.apply(RequestContextMiddleware).forRoutes('*path');
  }
}
