import 'reflect-metadata';
import { syncHolidays } from '@app/catalog';
import { AuditRepository } from '@app/audit';
import { ConfigValidationError, FieldCipher, loadConfig } from '@app/common';
import { DISPLAY_NAME_FIELD, EMAIL_FIELD, hashPassword, temporaryPassword } from '@app/identity';
import type { DataSource } from 'typeorm';
import { openDatabase } from '@app/database';
import { reindexSearch } from '@app/search';
import { createDataSource } from './data-source';
import { reencryptAll } from './encrypted-columns';
import { pendingMigrations } from './migration-status';
import { schemaDrift } from './schema-check';
import { seedDemo } from './seeds/demo';
import { seedDemoAccounts } from './seeds/demo/accounts';
import { seedScale } from './seeds/scale';

const USAGE = `Usage: node dist/db/cli.js <command>
  migrate          apply every pending migration
  revert [--all]   undo the last migration (or all of them)
  status           list pending migrations
  seed             add the demo municipality (みどり市) if it is not there
  seed --scale N   add N generated resources (and N/5 organisations) to the benchmark city ベンチ市
  check            fail if the entities and the migrated schema differ
  search-reindex   rebuild the search index (and Meilisearch's, when it is the engine)
  reencrypt        after a new key is put first in FIELD_ENCRYPTION_KEYS, re-encrypt every protected
                   field written under an older key (then the old key can be removed)
  audit-verify     check every municipality's audit-log hash chain; exit 1 if an entry was changed,
                   removed or inserted
  municipality-create --code 139999 --name 〇〇市 --prefecture 東京都
                   add a municipality (a new tenant), with its first admin:
                   --admin-email you@example.jp (a temporary password is printed once)`;

async function main(argv: string[]): Promise<number> {
  const [command, ...rest] = argv;
  if (
    !command ||
    ![
      'migrate',
      'revert',
      'status',
      'seed',
      'check',
      'search-reindex',
      'audit-verify',
      'municipality-create',
      'reencrypt',
    ].includes(command)
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
        const accounts = await seedDemoAccounts(
          dataSource,
          summary.municipalityId,
          new FieldCipher(config.secrets),
        );
        say(
          `${summary.municipality}: ${summary.areas} areas, ${summary.organizations} organisations.`,
        );
        if (!config.production)
          for (const a of accounts)
            say(`  ${a.role.padEnd(12)} ${a.email.padEnd(26)} ${a.password}`);
        return 0;
      }
      case 'audit-verify': {
        const audit = new AuditRepository(dataSource);
        let broken = 0;
        for (const municipalityId of await audit.municipalities()) {
          const result = await audit.verify(municipalityId);
          broken += result.breaks.length;
          say(
            `${municipalityId}: ${result.entries} entries, ${result.breaks.length ? `${result.breaks.length} BROKEN` : 'chain intact'}; head ${result.head ?? '-'}`,
          );
          for (const b of result.breaks) say(`  entry ${b.id}: ${b.problem}`);
        }
        return broken ? 1 : 0;
      }
      case 'reencrypt': {
        const cipher = new FieldCipher(config.secrets);
        for (const r of await reencryptAll(dataSource, cipher))
          say(
            `${r.table}.${r.column}: ${r.rewritten} value(s) now under key ${cipher.activeKeyId}`,
          );
        return 0;
      }
      case 'municipality-create':
        return createMunicipality(dataSource, new FieldCipher(config.secrets), rest);
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

/** A new tenant and its first admin, with a temporary password shown once. */
async function createMunicipality(
  dataSource: DataSource,
  cipher: FieldCipher,
  args: string[],
): Promise<number> {
  const arg = (name: string) => {
    const at = args.indexOf(`--${name}`);
    return at >= 0 ? args[at + 1] : undefined;
  };
  const [code, name, prefecture, email] = ['code', 'name', 'prefecture', 'admin-email'].map(arg);
  if (!code || !/^\d{6}$/.test(code) || !name || !prefecture || !email || !email.includes('@')) {
    process.stderr.write(
      'municipality-create needs --code (6 digits, the 全国地方公共団体コード), --name, --prefecture and --admin-email\n',
    );
    return 2;
  }
  const password = temporaryPassword();
  const hash = await hashPassword(password);
  await dataSource.transaction(async (em) => {
    const [{ id }] = await em.query<{ id: string }[]>(
      'INSERT INTO municipality (code, name, prefecture) VALUES ($1, $2, $3) RETURNING id',
      [code, name, prefecture],
    );
    await em.query(
      `INSERT INTO app_user (municipality_id, role, email_hash, email_encrypted, display_name_encrypted,
                             password_hash, must_change_password)
       VALUES ($1, 'ADMIN', $2, $3, $4, $5, true)`,
      [
        id,
        cipher.lookupHash(email, EMAIL_FIELD),
        cipher.encrypt(email, EMAIL_FIELD),
        cipher.encrypt(`${name} 管理者`, DISPLAY_NAME_FIELD),
        hash,
      ],
    );
    say(`${prefecture}${name} (${id}) added; its admin ${email} signs in with: ${password}`);
  });
  return 0;
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
