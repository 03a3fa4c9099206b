import { AuditModule } from '@app/audit';
import { CandidateModule } from '@app/candidate';
import { CatalogModule } from '@app/catalog';
import {
  AppConfig,
  CommonModule,
  describeError,
  formatGraphQLError,
  LoaderRegistry,
  LoggingModule,
  oneSensitiveMutationRule,
  RequestContextMiddleware,
} from '@app/common';
import { buildDataSourceOptions } from '@app/database';
import { HsdsModule } from '@app/hsds';
import { ImportModule } from '@app/import';
import { AuthMiddleware, IdentityModule } from '@app/identity';
import { MatchingModule } from '@app/matching';
import { MunicipalityModule } from '@app/municipality';
import { NotificationModule } from '@app/notification';
import { OrganizationModule } from '@app/organization';
import { ReferralModule } from '@app/referral';
import { SearchModule } from '@app/search';
import { VolunteerModule } from '@app/volunteer';
import { ALL_ENTITIES } from '@db/entities';
import { ALL_MIGRATIONS } from '@db/migrations';
import { ApolloDriver, ApolloDriverConfig } from '@nestjs/apollo';
import { DynamicModule, Logger, MiddlewareConsumer, Module, NestModule } from '@nestjs/common';
import { GraphQLModule } from '@nestjs/graphql';
import { TypeOrmModule } from '@nestjs/typeorm';
import type { Request } from 'express';
import { costLimitRule } from '@escape.tech/graphql-armor-cost-limit';
import { maxAliasesRule } from '@escape.tech/graphql-armor-max-aliases';
import { GraphQLError, ValidationContext } from 'graphql';
import depthLimit from 'graphql-depth-limit';
import { HealthController } from './health/health.controller';

export const MAX_QUERY_DEPTH = 12;
/** Tokens in one document: the platform's largest query has a few hundred. */
export const MAX_QUERY_TOKENS = 3000;
/** Aliases in one operation: enough for a page that asks for a few lists at once, not a flood. */
export const MAX_ALIASES = 15;
/**
 * graphql-armor's cost: objects 2, scalars 1, times 1.5 a level, times `first`. A full page of 100
 * resources with organisation, area and themes costs about 5,300; nested lists of lists far more.
 */
export const MAX_QUERY_COST = 20_000;

/** graphql-armor refusals as ordinary validation errors (400, GRAPHQL_VALIDATION_FAILED), not thrown. */
function reported(message: string) {
  return {
    exposeLimits: false,
    propagateOnRejection: false,
    onReject: [
      (context: ValidationContext | null) => context?.reportError(new GraphQLError(message)),
    ],
  };
}

export interface AppModuleOptions {
  config: AppConfig;
  databaseUrl: string;
  embedded: boolean;
  /** Where log lines go; standard output when unset. */
  logDestination?: NodeJS.WritableStream;
}

@Module({})
export class AppModule implements NestModule {
  static forRoot({
    config,
    databaseUrl,
    embedded,
    logDestination,
  }: AppModuleOptions): DynamicModule {
    const graphqlLogger = new Logger('GraphQL');
    return {
      module: AppModule,
      imports: [
        CommonModule.forRoot(config),
        LoggingModule.forRoot(config, logDestination),
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
            // In production an unknown field gets no "Did you mean …?" that would map the schema.
            hideSchemaDetailsFromClientErrors: config.production,
            includeStacktraceInErrorResponses: false,
            // One operation per request: a batch could hide many sign-in guesses in one request.
            allowBatchedHttpRequests: false,
            // Simple (CSRF-able) requests without a JSON content type or a preflight header are refused.
            csrfPrevention: true,
            parseOptions: { maxTokens: MAX_QUERY_TOKENS },
            // The deepest query the platform's own pages make is 7 levels; anything far deeper is
            // refused before it runs (a nested parent/children loop would multiply the work).
            validationRules: [
              depthLimit(MAX_QUERY_DEPTH),
              oneSensitiveMutationRule,
              maxAliasesRule({ n: MAX_ALIASES, ...reported('別名（エイリアス）が多すぎます') }),
              costLimitRule({
                maxCost: MAX_QUERY_COST,
                ...reported('クエリが大きすぎます。取得する項目や件数を減らしてください'),
              }),
            ],
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
        AuditModule,
        IdentityModule,
        CandidateModule,
        MatchingModule,
        ReferralModule,
        NotificationModule,
        HsdsModule,
        ImportModule,
        VolunteerModule,
      ],
      controllers: [HealthController],
    };
  }

  configure(consumer: MiddlewareConsumer): void {
    consumer.apply(RequestContextMiddleware, AuthMiddleware).forRoutes('*path');
  }
}
