import { plainToInstance, Transform } from 'class-transformer';
import {
  IsBoolean,
  IsIn,
  IsInt,
  IsOptional,
  IsString,
  Matches,
  Max,
  Min,
  validateSync,
} from 'class-validator';

const toBool = ({ value }: { value: unknown }): unknown => {
  if (typeof value !== 'string') return value;
  const v = value.trim().toLowerCase();
  if (['true', '1', 'yes', 'on'].includes(v)) return true;
  if (['false', '0', 'no', 'off'].includes(v)) return false;
  return value;
};
const toInt = ({ value }: { value: unknown }): unknown =>
  typeof value === 'string' && /^-?\d+$/.test(value.trim()) ? Number(value) : value;
const emptyToUndefined = ({ value }: { value: unknown }): unknown =>
  typeof value === 'string' && value.trim() === '' ? undefined : value;

const wholeNumber = (name: string, min: number, max: number) => ({
  message: `${name} must be a whole number from ${min} to ${max}`,
});

/** Variables whose values may hold credentials: named in errors, never echoed. */
const SECRET_VARIABLES = new Set(['DATABASE_URL', 'MEILI_API_KEY']);

export const NODE_ENVS = ['development', 'production', 'test'] as const;
export const SEARCH_ENGINES = ['builtin', 'meilisearch'] as const;
export const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;

/**
 * Every environment variable the platform reads, with its default.
 * Defaults let `npm start` run with no configuration at all; `.env.example` documents each one.
 */
export class EnvironmentVariables {
  @IsIn(NODE_ENVS, { message: 'NODE_ENV must be one of: development, production, test' })
  NODE_ENV: (typeof NODE_ENVS)[number] = 'development';

  @IsString()
  HOST = '127.0.0.1';

  @Transform(toInt)
  @IsInt(wholeNumber('PORT', 0, 65535))
  @Min(0, wholeNumber('PORT', 0, 65535))
  @Max(65535, wholeNumber('PORT', 0, 65535))
  PORT = 3000;

  @Transform(emptyToUndefined)
  @IsOptional()
  @Matches(/^postgres(ql)?:\/\/\S+$/, {
    message: 'DATABASE_URL must look like postgres://user:password@host:5432/database',
  })
  DATABASE_URL?: string;

  @IsString()
  DATA_DIR = './data';

  @Transform(toInt)
  @IsInt(wholeNumber('DB_POOL_MAX', 1, 100))
  @Min(1, wholeNumber('DB_POOL_MAX', 1, 100))
  @Max(100, wholeNumber('DB_POOL_MAX', 1, 100))
  DB_POOL_MAX = 10;

  @Transform(toBool)
  @IsBoolean({ message: 'MIGRATE_ON_START must be true or false' })
  MIGRATE_ON_START = true;

  /** Seed the fictional demo municipality when the database is empty. Defaults to false in production. */
  @Transform(emptyToUndefined)
  @Transform(toBool)
  @IsOptional()
  @IsBoolean({ message: 'DEMO_SEED must be true or false' })
  DEMO_SEED?: boolean;

  /** Listings not confirmed by a person for this many days are flagged stale. */
  @Transform(toInt)
  @IsInt(wholeNumber('STALE_AFTER_DAYS', 1, 3650))
  @Min(1, wholeNumber('STALE_AFTER_DAYS', 1, 3650))
  @Max(3650, wholeNumber('STALE_AFTER_DAYS', 1, 3650))
  STALE_AFTER_DAYS = 180;

  @IsIn(LOG_LEVELS, { message: `LOG_LEVEL must be one of: ${LOG_LEVELS.join(', ')}` })
  LOG_LEVEL: (typeof LOG_LEVELS)[number] = 'info';

  /** Search engine: the built-in PostgreSQL one, or Meilisearch at MEILI_URL. */
  @IsIn(SEARCH_ENGINES, { message: `SEARCH_ENGINE must be one of: ${SEARCH_ENGINES.join(', ')}` })
  SEARCH_ENGINE: (typeof SEARCH_ENGINES)[number] = 'builtin';

  @Transform(emptyToUndefined)
  @IsOptional()
  @Matches(/^https?:\/\/\S+$/, { message: 'MEILI_URL must look like http://127.0.0.1:7700' })
  MEILI_URL?: string;

  @Transform(emptyToUndefined)
  @IsOptional()
  @IsString()
  MEILI_API_KEY?: string;

  /** Apply the search outbox inside the api process (off when a separate worker does it). */
  @Transform(toBool)
  @IsBoolean({ message: 'SEARCH_RELAY must be true or false' })
  SEARCH_RELAY = true;
}

export interface AppConfig {
  nodeEnv: (typeof NODE_ENVS)[number];
  production: boolean;
  host: string;
  port: number;
  /** Unset: the embedded PostgreSQL (PGlite) is started inside the process. */
  databaseUrl?: string;
  dataDir: string;
  dbPoolMax: number;
  migrateOnStart: boolean;
  demoSeed: boolean;
  logLevel: (typeof LOG_LEVELS)[number];
  staleAfterDays: number;
  search: {
    engine: (typeof SEARCH_ENGINES)[number];
    meiliUrl?: string;
    meiliApiKey?: string;
    /** Whether this process relays the outbox. */
    relay: boolean;
  };
}

export class ConfigValidationError extends Error {
  constructor(readonly problems: string[]) {
    super(`Configuration is not valid:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'ConfigValidationError';
  }
}

/** Reads and checks the environment. Reports every problem at once. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): AppConfig {
  const known = Object.keys(new EnvironmentVariables());
  known.push('DATABASE_URL', 'DEMO_SEED', 'MEILI_URL', 'MEILI_API_KEY');
  const raw: Record<string, unknown> = {};
  for (const key of known) if (env[key] !== undefined) raw[key] = env[key];

  const vars = plainToInstance(EnvironmentVariables, raw, { exposeDefaultValues: true });
  const errors = validateSync(vars, { whitelist: true, stopAtFirstError: true });
  if (errors.length > 0) {
    const problems = errors.flatMap((e) =>
      Object.values(e.constraints ?? {}).map((message) =>
        SECRET_VARIABLES.has(e.property) ? message : `${message} (got "${String(e.value)}")`,
      ),
    );
    throw new ConfigValidationError(problems);
  }
  if (vars.SEARCH_ENGINE === 'meilisearch' && !vars.MEILI_URL) {
    throw new ConfigValidationError(['SEARCH_ENGINE=meilisearch needs MEILI_URL']);
  }
  const production = vars.NODE_ENV === 'production';
  return {
    nodeEnv: vars.NODE_ENV,
    production,
    host: vars.HOST,
    port: vars.PORT,
    databaseUrl: vars.DATABASE_URL,
    dataDir: vars.DATA_DIR,
    dbPoolMax: vars.DB_POOL_MAX,
    migrateOnStart: vars.MIGRATE_ON_START,
    demoSeed: vars.DEMO_SEED ?? !production,
    logLevel: vars.LOG_LEVEL,
    staleAfterDays: vars.STALE_AFTER_DAYS,
    search: {
      engine: vars.SEARCH_ENGINE,
      meiliUrl: vars.MEILI_URL,
      meiliApiKey: vars.MEILI_API_KEY,
      relay: vars.SEARCH_RELAY,
    },
  };
}

export const APP_CONFIG = Symbol('APP_CONFIG');
