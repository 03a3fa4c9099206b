import { ConfigValidationError, loadConfig } from './environment';

describe('loadConfig', () => {
  it('runs with no configuration at all: embedded database, port 3000, demo data', () => {
    const config = loadConfig({});
    expect(config).toMatchObject({
      nodeEnv: 'development',
      port: 3000,
      databaseUrl: undefined,
      dataDir: './data',
      migrateOnStart: true,
      demoSeed: true,
    });
  });

  it('does not seed demo data in production unless asked', () => {
    // Production refuses to start without its secrets; these protect nothing real.
    const production = {
      NODE_ENV: 'production',
      FIELD_ENCRYPTION_KEYS: `k1:${Buffer.alloc(32, 1).toString('base64')}`,
      LOOKUP_HASH_KEY: Buffer.alloc(32, 2).toString('base64'),
      JWT_SECRET: 'x'.repeat(48),
    };
    expect(loadConfig(production).demoSeed).toBe(false);
    expect(loadConfig({ ...production, DEMO_SEED: 'true' }).demoSeed).toBe(true);
  });

  it('reads a server URL and numbers and booleans from text', () => {
    const config = loadConfig({
      DATABASE_URL: 'postgres://app:secret@db:5432/tsunagu',
      PORT: '8080',
      MIGRATE_ON_START: 'false',
      DB_POOL_MAX: '20',
    });
    expect(config).toMatchObject({
      databaseUrl: 'postgres://app:secret@db:5432/tsunagu',
      port: 8080,
      migrateOnStart: false,
      dbPoolMax: 20,
    });
  });

  it('treats an empty DATABASE_URL as unset', () => {
    expect(loadConfig({ DATABASE_URL: '' }).databaseUrl).toBeUndefined();
  });

  it('reports every problem at once, naming each variable', () => {
    let error: unknown;
    try {
      loadConfig({
        PORT: 'eighty',
        DATABASE_URL: 'mysql://x',
        NODE_ENV: 'staging',
        MIGRATE_ON_START: 'maybe',
        LOG_LEVEL: 'loud',
      });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ConfigValidationError);
    const problems = (error as ConfigValidationError).problems.join('\n');
    for (const name of ['PORT', 'DATABASE_URL', 'NODE_ENV', 'MIGRATE_ON_START', 'LOG_LEVEL']) {
      expect(problems).toContain(name);
    }
    expect((error as ConfigValidationError).problems).toHaveLength(5);
  });

  it('never echoes a secret-bearing value such as a database password', () => {
    expect(() => loadConfig({ DATABASE_URL: 'postgresql//admin:hunter2@db/x' })).toThrow(
      /DATABASE_URL/,
    );
    expect(() => loadConfig({ DATABASE_URL: 'postgresql//admin:hunter2@db/x' })).not.toThrow(
      /hunter2/,
    );
  });

  it('says what a number must be in one sentence', () => {
    expect(() => loadConfig({ PORT: 'abc' })).toThrow(
      'PORT must be a whole number from 0 to 65535 (got "abc")',
    );
  });

  it('refuses a port out of range', () => {
    expect(() => loadConfig({ PORT: '70000' })).toThrow(
      /PORT must be a whole number from 0 to 65535/,
    );
  });
});
