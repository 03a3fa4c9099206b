import 'reflect-metadata';
import { AppConfig, loadConfig } from '@app/common';
import { DatabaseHandle, openDatabase } from '@app/database';
import { prepareDatabase } from '@db/prepare';
import { SCALE_CITY, seedScale } from '@db/seeds/scale';
import { INestApplication } from '@nestjs/common';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DataSource } from 'typeorm';
import { createApp } from '../../api/src/bootstrap';

export interface Bench {
  app: INestApplication;
  dataSource: DataSource;
  database: DatabaseHandle;
  config: AppConfig;
  municipalityId: string;
  close(): Promise<void>;
}

/**
 * The application in-process over the benchmark city (ベンチ市), holding at least `resources`
 * resources (seeded on the first run, kept after). Uses DATABASE_URL when set, otherwise an
 * embedded database in a temporary folder.
 */
export async function openBench(resources: number): Promise<Bench> {
  const env: NodeJS.ProcessEnv = { LOG_LEVEL: 'warn', DEMO_SEED: 'false', ...process.env };
  if (!env.DATABASE_URL) env.DATA_DIR = mkdtempSync(join(tmpdir(), 'tsunagu-bench-'));
  const config = loadConfig(env);
  const database = await openDatabase(config);
  const app = await createApp(config, database);
  await app.init();
  const dataSource = app.get(DataSource);
  await prepareDatabase(dataSource, config, database.embedded);

  const [{ id: existing, count }] = await dataSource.query<{ id: string | null; count: number }[]>(
    `SELECT min(m.id::text) AS id, count(r.id)::int AS count FROM municipality m
       LEFT JOIN resource r ON r.municipality_id = m.id WHERE m.code = $1`,
    [SCALE_CITY.code],
  );
  if (!existing || count < resources) {
    process.stdout.write(`Seeding ${SCALE_CITY.name} up to ${resources} resources…\n`);
    await seedScale(dataSource, resources - (existing ? count : 0), (done) =>
      process.stdout.write(`  ${done}\r`),
    );
  }
  const [{ id: municipalityId }] = await dataSource.query<{ id: string }[]>(
    `SELECT id FROM municipality WHERE code = $1`,
    [SCALE_CITY.code],
  );
  return {
    app,
    dataSource,
    database,
    config,
    municipalityId,
    async close() {
      await app.close();
      await database.close();
    },
  };
}

export interface Figures {
  p50: number;
  p95: number;
  mean: number;
}

const percentile = (sorted: number[], p: number) =>
  sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];

/** Prints one labelled line of p50, p95 and mean, in milliseconds, and answers them. */
export function report(label: string, xs: number[]): Figures {
  const sorted = [...xs].sort((a, b) => a - b);
  const figures = {
    p50: percentile(sorted, 50),
    p95: percentile(sorted, 95),
    mean: xs.reduce((s, x) => s + x, 0) / xs.length,
  };
  process.stdout.write(
    `${label.padEnd(44)} p50 ${figures.p50.toFixed(2)} ms  p95 ${figures.p95.toFixed(2)} ms  mean ${figures.mean.toFixed(2)} ms\n`,
  );
  return figures;
}

/** Milliseconds `fn` took. */
export async function timed(fn: () => Promise<unknown>): Promise<number> {
  const t0 = process.hrtime.bigint();
  await fn();
  return Number(process.hrtime.bigint() - t0) / 1e6;
}

/** A small deterministic generator (an LCG), so that every run asks the same things. */
export function seeded(seed: number): () => number {
  let s = seed;
  return () => (s = (s * 1664525 + 1013904223) % 2 ** 32) / 2 ** 32;
}

/** Runs a benchmark's main and exits with its outcome. */
export function runBench(main: () => Promise<void>): void {
  main().then(
    () => process.exit(0),
    (error: unknown) => {
      process.stderr.write(
        `${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
      );
      process.exit(1);
    },
  );
}
