import type { DataSourceOptions, EntitySchema, MigrationInterface } from 'typeorm';

// TypeORM accepts classes of any shape here.
// eslint-disable-next-line @typescript-eslint/no-unsafe-function-type
type EntityClass = Function | EntitySchema;

export interface DataSourceParts {
  url: string;
  embedded: boolean;
  poolMax: number;
  entities: EntityClass[];
  migrations: (new () => MigrationInterface)[];
}

/** One definition of the connection for the app, the db commands and the tests. */
export function buildDataSourceOptions(parts: DataSourceParts): DataSourceOptions {
  return {
    type: 'postgres',
    url: parts.url,
    entities: parts.entities,
    migrations: parts.migrations,
    migrationsTableName: 'schema_migrations',
    migrationsTransactionMode: 'each',
    synchronize: false,
    // gen_random_uuid() is built into PostgreSQL 13+; migrations create what else is needed.
    uuidExtension: 'pgcrypto',
    installExtensions: false,
    migrationsRun: false,
    logging: false,
    applicationName: 'tsunagu',
    // PGlite is a single backend: one connection, so transactions never interleave.
    extra: { max: parts.embedded ? 1 : parts.poolMax, connectionTimeoutMillis: 10_000 },
  };
}
