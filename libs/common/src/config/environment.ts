import { applyDecorators } from '@nestjs/common';
import { plainToInstance, Transform } from 'class-transformer';
import { MissingSecretsError, resolveSecrets, Secrets } from './secrets';
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

/** A whole-number variable from min to max, with one message naming it and the range. */
const WholeNumber = (name: string, min: number, max: number): PropertyDecorator => {
  const message = { message: `${name} must be a whole number from ${min} to ${max}` };
  return applyDecorators(Transform(toInt), IsInt(message), Min(min, message), Max(max, message));
};

/** Variables whose values may hold credentials: named in errors, never echoed. */
const SECRET_VARIABLES = new Set([
  'DATABASE_URL',
  'SMTP_URL',
  'MEILI_API_KEY',
  'FIELD_ENCRYPTION_KEYS',
  'LOOKUP_HASH_KEY',
  'JWT_SECRET',
]);

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

  @WholeNumber('PORT', 0, 65535)
  PORT = 3000;

  @Transform(emptyToUndefined)
  @IsOptional()
  @Matches(/^postgres(ql)?:\/\/\S+$/, {
    message: 'DATABASE_URL must look like postgres://user:password@host:5432/database',
  })
  DATABASE_URL?: string;

  @IsString()
  DATA_DIR = './data';

  @WholeNumber('DB_POOL_MAX', 1, 100)
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
  @WholeNumber('STALE_AFTER_DAYS', 1, 3650)
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

  /**
   * Keys for the fields that are encrypted in the application (AES-256-GCM): `id:base64key`
   * pairs separated by commas, each key 32 bytes. The first encrypts; the others still decrypt
   * (key rotation). Required in production; development keeps generated ones in DATA_DIR.
   */
  @Transform(emptyToUndefined)
  @IsOptional()
  @Matches(
    /^[A-Za-z0-9_-]{1,16}:[A-Za-z0-9+/=]{43,44}(,[A-Za-z0-9_-]{1,16}:[A-Za-z0-9+/=]{43,44})*$/,
    {
      message:
        'FIELD_ENCRYPTION_KEYS must be id:key pairs separated by commas, each key 32 bytes in base64 (openssl rand -base64 32)',
    },
  )
  FIELD_ENCRYPTION_KEYS?: string;

  /** Key of the keyed hashes that let encrypted fields be looked up by equality (base64, 32 bytes or more). */
  @Transform(emptyToUndefined)
  @IsOptional()
  @Matches(/^[A-Za-z0-9+/=]{43,}$/, {
    message: 'LOOKUP_HASH_KEY must be at least 32 bytes in base64 (openssl rand -base64 32)',
  })
  LOOKUP_HASH_KEY?: string;

  /** Signs access and refresh tokens (HS256): at least 32 characters. */
  @Transform(emptyToUndefined)
  @IsOptional()
  @Matches(/^\S{32,}$/, { message: 'JWT_SECRET must be at least 32 characters without spaces' })
  JWT_SECRET?: string;

  @WholeNumber('ACCESS_TOKEN_MINUTES', 1, 60)
  ACCESS_TOKEN_MINUTES = 15;

  @WholeNumber('REFRESH_TOKEN_DAYS', 1, 90)
  REFRESH_TOKEN_DAYS = 14;

  /** Failed sign-ins in a row before an account is locked for LOGIN_LOCK_MINUTES. */
  @WholeNumber('LOGIN_MAX_FAILURES', 3, 20)
  LOGIN_MAX_FAILURES = 5;

  @WholeNumber('LOGIN_LOCK_MINUTES', 1, 1440)
  LOGIN_LOCK_MINUTES = 15;

  /** Requests a minute from one address (and, signed in, from one user). */
  @WholeNumber('RATE_LIMIT_PER_MINUTE', 10, 100000)
  RATE_LIMIT_PER_MINUTE = 600;

  /** Sign-in attempts a minute from one address. */
  @WholeNumber('LOGIN_RATE_LIMIT_PER_MINUTE', 1, 1000)
  LOGIN_RATE_LIMIT_PER_MINUTE = 10;

  /** A database statement of a request running longer than this is cancelled (TIMEOUT). */
  @WholeNumber('QUERY_TIMEOUT_MS', 100, 600000)
  QUERY_TIMEOUT_MS = 10_000;

  /** Where notification e-mails go out: smtp://user:password@host:587 (unset: in-app inbox only). */
  @Transform(emptyToUndefined)
  @IsOptional()
  @Matches(/^smtps?:\/\/\S+$/, { message: 'SMTP_URL must look like smtp://user:password@host:587' })
  SMTP_URL?: string;

  /** The sender of notification e-mails. */
  @IsString()
  MAIL_FROM = 'つなぐ <no-reply@localhost>';

  /** Where people open the platform: links in e-mails point here. */
  @Matches(/^https?:\/\/\S+[^/]$/, {
    message: 'PUBLIC_BASE_URL must look like https://tsunagu.example.jp (no trailing slash)',
  })
  PUBLIC_BASE_URL = 'http://localhost:3000';

  /**
   * Map tiles for the web app ({z}/{x}/{y} template), e.g. OpenStreetMap's or 地理院タイル
   * (https://cyberjapandata.gsi.go.jp/xyz/std/{z}/{x}/{y}.png). Unset: no tiles; the map still
   * draws the areas, the places and the list from our own data.
   */
  @IsOptional()
  @Matches(/^https?:\/\/\S+\{z\}\S*$/, {
    message:
      'MAP_TILE_URL must be a tile template such as https://tile.openstreetmap.org/{z}/{x}/{y}.png',
  })
  MAP_TILE_URL?: string;

  /** The attribution the tile source asks for (shown on the map). */
  @IsString()
  MAP_TILE_ATTRIBUTION = '';

  /** The first check-in after a person's first visit, in days. */
  @WholeNumber('FOLLOW_UP_FIRST_DAYS', 1, 90)
  FOLLOW_UP_FIRST_DAYS = 7;

  /** Then a check-in every this many months while the person takes part. */
  @WholeNumber('FOLLOW_UP_EVERY_MONTHS', 1, 12)
  FOLLOW_UP_EVERY_MONTHS = 1;

  /** Offers to help one address may send in an hour (they reach a person's inbox). */
  @WholeNumber('HELP_OFFERS_PER_HOUR', 1, 1000)
  HELP_OFFERS_PER_HOUR = 5;

  /** An offer to help still open this many days (from sending, or the host's last step) ends; contact erased. */
  @WholeNumber('HELP_OFFER_RETENTION_DAYS', 7, 730)
  HELP_OFFER_RETENTION_DAYS = 180;

  /** Behind a reverse proxy: take the client's address from X-Forwarded-For. */
  @Transform(toBool)
  @IsBoolean({ message: 'TRUST_PROXY must be true or false' })
  TRUST_PROXY = false;
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
  /** Statements of a request longer than this are cancelled. */
  queryTimeoutMs: number;
  search: {
    engine: (typeof SEARCH_ENGINES)[number];
    meiliUrl?: string;
    meiliApiKey?: string;
    /** Whether this process relays the outbox. */
    relay: boolean;
  };
  secrets: Secrets;
  mail: {
    /** Unset: notifications stay in the in-app inbox. */
    smtpUrl?: string;
    from: string;
    publicBaseUrl: string;
  };
  followUp: {
    firstAfterDays: number;
    everyMonths: number;
  };
  helpOffers: { retentionDays: number; perAddressPerHour: number };
  /** What the web app's map draws under our own data. */
  map: { tileUrl?: string; tileAttribution: string };
  auth: {
    accessTokenSeconds: number;
    refreshTokenDays: number;
    maxFailures: number;
    lockMinutes: number;
    rateLimitPerMinute: number;
    loginRateLimitPerMinute: number;
    trustProxy: boolean;
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
  known.push(
    'DATABASE_URL',
    'DEMO_SEED',
    'MEILI_URL',
    'MEILI_API_KEY',
    'FIELD_ENCRYPTION_KEYS',
    'LOOKUP_HASH_KEY',
    'JWT_SECRET',
    'SMTP_URL',
  );
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
  let secrets: Secrets;
  try {
    secrets = resolveSecrets(vars.NODE_ENV, vars.DATA_DIR, {
      fieldKeys: vars.FIELD_ENCRYPTION_KEYS,
      lookupKey: vars.LOOKUP_HASH_KEY,
      jwtSecret: vars.JWT_SECRET,
    });
  } catch (error) {
    if (error instanceof MissingSecretsError) throw new ConfigValidationError([error.message]);
    throw error;
  }
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
    queryTimeoutMs: vars.QUERY_TIMEOUT_MS,
    search: {
      engine: vars.SEARCH_ENGINE,
      meiliUrl: vars.MEILI_URL,
      meiliApiKey: vars.MEILI_API_KEY,
      relay: vars.SEARCH_RELAY,
    },
    secrets,
    mail: { smtpUrl: vars.SMTP_URL, from: vars.MAIL_FROM, publicBaseUrl: vars.PUBLIC_BASE_URL },
    followUp: {
      firstAfterDays: vars.FOLLOW_UP_FIRST_DAYS,
      everyMonths: vars.FOLLOW_UP_EVERY_MONTHS,
    },
    helpOffers: {
      retentionDays: vars.HELP_OFFER_RETENTION_DAYS,
      perAddressPerHour: vars.HELP_OFFERS_PER_HOUR,
    },
    map: { tileUrl: vars.MAP_TILE_URL, tileAttribution: vars.MAP_TILE_ATTRIBUTION },
    auth: {
      accessTokenSeconds: vars.ACCESS_TOKEN_MINUTES * 60,
      refreshTokenDays: vars.REFRESH_TOKEN_DAYS,
      maxFailures: vars.LOGIN_MAX_FAILURES,
      lockMinutes: vars.LOGIN_LOCK_MINUTES,
      rateLimitPerMinute: vars.RATE_LIMIT_PER_MINUTE,
      loginRateLimitPerMinute: vars.LOGIN_RATE_LIMIT_PER_MINUTE,
      trustProxy: vars.TRUST_PROXY,
    },
  };
}

export const APP_CONFIG = Symbol('APP_CONFIG');
