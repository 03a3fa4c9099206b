import 'reflect-metadata';
import { syncHolidays } from '@app/catalog';
import { ConfigValidationError, loadConfig } from '@app/common';
import { openDatabase } from '@app/database';
import { reindexSearch } from '@app/search';
import { createDataSource } from './data-source';
import { pendingMigrations } from './migration-status';
import { schemaDrift } from './schema-check';
import { seedDemo } from './seeds/demo';
import { seedScale } from './seeds/scale';

const USAGE = `Usage: node dist/db/cli.js <command>
  migrate          apply every pending migration
  revert [--all]   undo the last migration (or all of them)
  status           list pending migrations
  seed             add the demo municipality (みどり市) if it is not there
  seed --scale N   add N generated resources (and N/5 organisations) to the benchmark city ベンチ市
  check            fail if the entities and the migrated schema differ
  search-reindex   rebuild the search index (and Meilisearch's, when it is the engine)`;

async function main(argv: string[]): Promise<number> {
  const [command, ...rest] = argv;
  if (
    !command ||
    !['migrate', 'revert', 'status', 'seed', 'check', 'search-reindex'].includes(command)
  ) {
    process.stderr.write(`${USAGE}\n`);
    return 2;
  }
  const config = loadConfig();
  const database = await openDatabase(config);
  const dataSource = createDataSource(database.url, database.embedded, 2);
  await dataSource.initialize();
  try {
    switch (command) {
      case 'migrate': {
        const applied = await dataSource.runMigrations({ transaction: 'each' });
        await syncHolidays(dataSource);
        say(
          applied.length
            ? `Applied: ${applied.map((m) => m.name).join(', ')}`
            : 'Nothing to apply.',
        );
        return 0;
      }
      case 'revert': {
        const all = rest.includes('--all');
        let reverted = 0;
        do {
          const before = (await pendingMigrations(dataSource)).length;
          if (before === dataSource.migrations.length) break;
          await dataSource.undoLastMigration({ transaction: 'each' });
          reverted++;
        } while (all);
        say(reverted ? `Reverted ${reverted} migration(s).` : 'Nothing to revert.');
        return 0;
      }
      case 'status': {
        const pending = await pendingMigrations(dataSource);
        say(pending.length ? `Pending: ${pending.join(', ')}` : 'All migrations are applied.');
        return pending.length ? 1 : 0;
      }
      case 'seed': {
        const scaleAt = rest.indexOf('--scale');
        if (scaleAt >= 0) {
          const count = Number(rest[scaleAt + 1]);
          if (!Number.isInteger(count) || count < 1 || count > 1_000_000) {
            process.stderr.write(
              '--scale needs a whole number of resources from 1 to 1000000, e.g. --scale 100000\n',
            );
            return 2;
          }
          const result = await seedScale(dataSource, count, (done) =>
            process.stdout.write(`  ${done} / ${count} resources\r`),
          );
          say(
            `\nベンチ市: added ${result.resources} resources and ${result.organizations} organisations in ${result.seconds.toFixed(1)} s.`,
          );
          return 0;
        }
        const summary = await seedDemo(dataSource);
        say(
          `${summary.municipality}: ${summary.areas} areas, ${summary.organizations} organisations.`,
        );
        return 0;
      }
      case 'search-reindex': {
        const result = await reindexSearch(dataSource, config, (done, total) =>
          process.stdout.write(`  ${done} / ${total} resources\r`),
        );
        say(
          `\nSearch index rebuilt: ${result.builtin} resources (built-in)${result.meilisearch === null ? '' : `, ${result.meilisearch} in Meilisearch`} in ${result.seconds.toFixed(1)} s.`,
        );
        return 0;
      }
      case 'check': {
        const drift = await schemaDrift(dataSource);
        if (drift.length === 0) {
          say('The migrated schema matches the entities.');
          return 0;
        }
        process.stderr.write(
          `The entities and the migrated schema differ. A migration is needed for:\n${drift.map((q) => `  ${q};`).join('\n')}\n`,
        );
        return 1;
      }
    }
    return 2;
  } finally {
    await dataSource.destroy();
    await database.close();
  }
}

function say(line: string): void {
  process.stdout.write(`${line}\n`);
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (error: unknown) => {
    const message =
      error instanceof ConfigValidationError || error instanceof Error
        ? error.message
        : String(error);
    process.stderr.write(`${message}\n`);
    process.exit(1);
  },
);
