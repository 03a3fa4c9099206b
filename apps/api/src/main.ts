import 'reflect-metadata';
import { AppConfig, ConfigValidationError, loadConfig } from '@app/common';
import { openDatabase } from '@app/database';
import { prepareDatabase } from '@db/prepare';
import { DataSource } from 'typeorm';
import { createApp } from './bootstrap';

async function main(): Promise<void> {
  let config: AppConfig;
  try {
    config = loadConfig();
  } catch (error) {
    if (error instanceof ConfigValidationError) {
      process.stderr.write(
        `${error.message}\nSee .env.example for every variable and its meaning.\n`,
      );
      process.exit(1);
    }
    throw error;
  }

  const startedAt = Date.now();
  const database = await openDatabase(config);
  const app = await createApp(config, database);
  const prepared = await prepareDatabase(app.get(DataSource), config, database.embedded);
  if (config.production && prepared.superuser && !database.embedded)
    process.stderr.write(
      'Warning: DATABASE_URL signs in as a PostgreSQL superuser. Requests run as tsunagu_app under ' +
        'row-level security, but a superuser login is more than the api needs; see infra/README.md.\n',
    );
  await app.listen(config.port, config.host);
  const url = (await app.getUrl()).replace('[::1]', 'localhost').replace('127.0.0.1', 'localhost');

  // Let pino flush Nest's start-up lines first, so the banner is the last thing on screen.
  await new Promise((resolve) => setTimeout(resolve, 200));
  const lines = [
    '',
    `  つなぐ participation-support platform is running (${config.nodeEnv}, ${((Date.now() - startedAt) / 1000).toFixed(1)} s)`,
    `  Database: ${database.embedded ? `embedded PostgreSQL + PostGIS in ${config.dataDir}` : 'PostgreSQL server from DATABASE_URL'}` +
      `${prepared.migrated.length ? `; applied ${prepared.migrated.length} migration(s)` : ''}`,
    ...(prepared.seeded ? [`  Demo data: ${prepared.seeded}`] : []),
    ...(prepared.demoAccounts.length && !config.production
      ? [
          '',
          '  Demo sign-ins (demo mode only; kept in ' + `${config.dataDir}/demo-accounts.json):`,
          ...prepared.demoAccounts.map(
            (a) => `    ${a.role.padEnd(12)} ${a.email.padEnd(26)} ${a.password}`,
          ),
          `    mutation { login(email: "…", password: "…") { accessToken } }  then  Authorization: Bearer <accessToken>`,
        ]
      : []),
    '',
    `  Map       ${url}/   (the residents' public map)`,
    `  GraphQL   POST ${url}/graphql`,
    `  Health    ${url}/healthz   Ready ${url}/readyz`,
    '',
    '  Try first:',
    `    curl -s ${url}/graphql -H 'content-type: application/json' \\`,
    `      -d '{"query":"{ municipalities { edges { node { id name } } } }"}'`,
    `    then list its areas and organisations: { organizations(municipalityId: "<id>", first: 5) { edges { node { name type address area { name } } } } }`,
    '',
  ];
  process.stdout.write(`${lines.join('\n')}\n`);

  const shutdown = async () => {
    await app.close();
    await database.close();
    process.exit(0);
  };
  process.once('SIGINT', () => void shutdown());
  process.once('SIGTERM', () => void shutdown());
}

main().catch((error: unknown) => {
  process.stderr.write(
    `The platform could not start: ${error instanceof Error ? error.message : String(error)}\n`,
  );
  process.exit(1);
});
