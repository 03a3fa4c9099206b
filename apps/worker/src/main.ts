import 'reflect-metadata';
import { ConfigValidationError, loadConfig } from '@app/common';
import { NestFactory } from '@nestjs/core';
import { AppModule } from '../../api/src/app.module';

/**
 * The search outbox relay on its own, for deployments that keep it out of the api
 * (run the api with SEARCH_RELAY=false and this with the same configuration).
 */
async function main(): Promise<number> {
  const config = loadConfig();
  if (config.search.engine !== 'meilisearch') {
    process.stderr.write(
      'The worker relays changes to Meilisearch: set SEARCH_ENGINE=meilisearch and MEILI_URL.\n',
    );
    return 2;
  }
  if (!config.databaseUrl) {
    process.stderr.write(
      'The worker needs DATABASE_URL: the embedded database serves one process only.\n',
    );
    return 2;
  }
  const app = await NestFactory.createApplicationContext(
    AppModule.forRoot({
      config: { ...config, search: { ...config.search, relay: true } },
      databaseUrl: config.databaseUrl,
      embedded: false,
    }),
  );
  app.enableShutdownHooks();
  await app.init();
  process.stdout.write('Search outbox relay running; stop with Ctrl+C.\n');
  return new Promise<number>(() => undefined);
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    process.stderr.write(
      `${error instanceof ConfigValidationError || error instanceof Error ? error.message : String(error)}\n`,
    );
    process.exit(1);
  },
);
