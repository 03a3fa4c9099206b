import { randomBytes } from 'node:crypto';
import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

export interface FieldKey {
  id: string;
  key: Buffer;
}

/** The keys that protect personal data and sessions. Never logged, never echoed. */
export interface Secrets {
  /** The first encrypts; every one decrypts. */
  fieldKeys: FieldKey[];
  lookupKey: Buffer;
  jwtSecret: Buffer;
  /** Where they came from: the environment, a development file, or the fixed test keys. */
  source: 'environment' | 'development-file' | 'test';
}

interface Given {
  fieldKeys?: string;
  lookupKey?: string;
  jwtSecret?: string;
}

export class MissingSecretsError extends Error {
  constructor(readonly missing: string[]) {
    super(
      `${missing.join(', ')} must be set in production (generate each with: openssl rand -base64 32)`,
    );
    this.name = 'MissingSecretsError';
  }
}

export function parseFieldKeys(value: string): FieldKey[] {
  return value.split(',').map((pair) => {
    const [id, key] = pair.split(':');
    return { id, key: Buffer.from(key, 'base64') };
  });
}

/**
 * Production takes every secret from the environment and refuses to start without them.
 * Development generates them once into DATA_DIR/secrets.json (mode 0600), so `npm start` needs no
 * configuration and encrypted demo data survives a restart. Tests use fixed keys that only ever
 * protect test data.
 */
export function resolveSecrets(
  nodeEnv: 'development' | 'production' | 'test',
  dataDir: string,
  given: Given,
): Secrets {
  const complete = given.fieldKeys && given.lookupKey && given.jwtSecret;
  if (nodeEnv === 'production' && !complete) {
    throw new MissingSecretsError(
      (['FIELD_ENCRYPTION_KEYS', 'LOOKUP_HASH_KEY', 'JWT_SECRET'] as const).filter(
        (name, i) => ![given.fieldKeys, given.lookupKey, given.jwtSecret][i],
      ),
    );
  }
  let fallback: Required<Given>;
  let source: Secrets['source'] = 'environment';
  if (complete) {
    fallback = given as Required<Given>;
  } else if (nodeEnv === 'test') {
    source = 'test';
    fallback = {
      fieldKeys: `test1:${Buffer.alloc(32, 7).toString('base64')}`,
      lookupKey: Buffer.alloc(32, 9).toString('base64'),
      jwtSecret: 'test-only-secret-that-protects-nothing-real',
    };
  } else {
    source = 'development-file';
    fallback = developmentSecrets(dataDir);
  }
  return {
    fieldKeys: parseFieldKeys(given.fieldKeys ?? fallback.fieldKeys),
    lookupKey: Buffer.from(given.lookupKey ?? fallback.lookupKey, 'base64'),
    jwtSecret: Buffer.from(given.jwtSecret ?? fallback.jwtSecret, 'utf8'),
    source,
  };
}

function developmentSecrets(dataDir: string): Required<Given> {
  const file = join(dataDir, 'secrets.json');
  if (existsSync(file)) return JSON.parse(readFileSync(file, 'utf8')) as Required<Given>;
  const made: Required<Given> = {
    fieldKeys: `dev1:${randomBytes(32).toString('base64')}`,
    lookupKey: randomBytes(32).toString('base64'),
    jwtSecret: randomBytes(48).toString('base64url'),
  };
  mkdirSync(dataDir, { recursive: true, mode: 0o700 });
  writeFileSync(file, JSON.stringify(made, null, 2), { mode: 0o600 });
  chmodSync(file, 0o600);
  return made;
}
