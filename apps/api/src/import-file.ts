import 'reflect-metadata';
import { ResourceKind } from '@app/catalog';
import { ConfigValidationError, DomainException, loadConfig, RequestContext } from '@app/common';
import { openDatabase } from '@app/database';
import { ImportReport, ImportService } from '@app/import';
import { prepareDatabase } from '@db/prepare';
import { randomUUID } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { DataSource } from 'typeorm';
import { createApp } from './bootstrap';

const USAGE = `Usage: npm run import -- <file.csv|file.xlsx> [options]
  --municipality <code or id>  the municipality to import into (default: the only one there is)
  --dry-run                    report what would happen; write nothing
  --mapping <name>             start from a column mapping saved in the web app
  --kind <IBASHO|VOLUNTEER|WORK_PLACEMENT|PROGRAM>
                               the kind of every row, for files without a 種類 column
  --overwrite                  write the file's values even over fields a host has edited
  --report <out.json>          write the whole row-by-row report as JSON
The command works on the database of DATABASE_URL, or on the embedded one in DATA_DIR (stop
\`npm start\` first: the embedded database takes one process at a time).`;

/** Acts as the system, for a municipality's admin: no user signs in at a terminal. */
const SYSTEM_USER = '00000000-0000-0000-0000-000000000000';

async function main(argv: string[]): Promise<number> {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      municipality: { type: 'string' },
      'dry-run': { type: 'boolean', default: false },
      mapping: { type: 'string' },
      kind: { type: 'string' },
      overwrite: { type: 'boolean', default: false },
      report: { type: 'string' },
      help: { type: 'boolean', default: false },
    },
  });
  if (values.help || positionals.length !== 1) {
    process.stderr.write(`${USAGE}\n`);
    return values.help ? 0 : 2;
  }
  if (values.kind && !(values.kind in ResourceKind)) {
    process.stderr.write(`--kind must be one of ${Object.keys(ResourceKind).join(', ')}\n`);
    return 2;
  }
  const bytes = readFileSync(positionals[0]);
  const config = loadConfig({ ...process.env, LOG_LEVEL: process.env.LOG_LEVEL ?? 'warn' });
  const database = await openDatabase(config);
  const app = await createApp(config, database);
  try {
    await app.init();
    const dataSource = app.get(DataSource);
    await prepareDatabase(dataSource, config, database.embedded);
    const municipalities = await dataSource.query<{ id: string; code: string; name: string }[]>(
      `SELECT id, code, name FROM municipality ORDER BY code`,
    );
    const chosen = values.municipality
      ? municipalities.filter((m) => m.code === values.municipality || m.id === values.municipality)
      : municipalities.length === 1
        ? municipalities
        : [];
    if (chosen.length !== 1) {
      process.stderr.write(
        `Choose the municipality with --municipality: ${municipalities.map((m) => `${m.code} ${m.name}`).join(', ')}\n`,
      );
      return 2;
    }
    const municipality = chosen[0];
    const started = Date.now();
    const report = await RequestContext.run(
      {
        requestId: randomUUID(),
        defaultMunicipalityId: null,
        viewer: { kind: 'ADMIN', userId: SYSTEM_USER, municipalityId: municipality.id },
      },
      () =>
        app.get(ImportService).run({
          municipalityId: municipality.id,
          bytes,
          mappingName: values.mapping ?? null,
          defaultKind: (values.kind as ResourceKind | undefined) ?? null,
          dryRun: values['dry-run'],
          overwriteEdits: values.overwrite,
        }),
    );
    if (values.report) writeFileSync(values.report, JSON.stringify(report, null, 2));
    process.stdout.write(summary(report, municipality.name, (Date.now() - started) / 1000));
    return 0;
  } catch (error) {
    if (error instanceof DomainException) {
      process.stderr.write(`${error.message}\n`);
      return 1;
    }
    throw error;
  } finally {
    await app.close();
    await database.close();
  }
}

function summary(report: ImportReport, municipality: string, seconds: number): string {
  const lines = [
    `${report.dryRun ? '[dry run: nothing written] ' : ''}${municipality}: ${report.format}, header on row ${report.headerLine}, ${seconds.toFixed(1)} s`,
    `  created ${report.created}, updated ${report.updated}, unchanged ${report.unchanged}, rejected ${report.rejected}, rows with conflicts ${report.conflicts}`,
    `  columns: ${report.mapping.map((m) => `${m.header}→${m.column ?? '(not read)'}`).join(', ')}`,
  ];
  for (const row of report.rows) {
    for (const e of row.errors)
      lines.push(`  ${row.line}行目: ${e.column ? `${e.column}: ` : ''}${e.message}`);
    for (const c of row.conflicts)
      lines.push(
        `  ${row.line}行目: ${c.column} は取り込み後に編集されています（現在「${c.current}」、ファイル「${c.file}」）${c.overwritten ? ' → 上書きしました' : ''}`,
      );
  }
  return `${lines.join('\n')}\n`;
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (error: unknown) => {
    if (error instanceof ConfigValidationError) process.stderr.write(`${error.message}\n`);
    else process.stderr.write(`${(error as Error).stack ?? String(error)}\n`);
    process.exit(1);
  },
);
