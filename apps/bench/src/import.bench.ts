import { RequestContext } from '@app/common';
import { CatalogExport, ImportReport, ImportService } from '@app/import';
import { randomUUID } from 'node:crypto';
import { openBench, runBench, seeded, timed } from './bench-city';

/**
 * `npm run bench:import`: a municipal list of BENCH_IMPORT_ROWS rows (10,000 by default), as a
 * CSV of the shapes Japanese lists have (free-text schedules, 30% without coordinates and placed
 * at their area, one row in twenty bad), imported into a new, empty municipality with ベンチ市's
 * areas: a dry run, the import, the same file again (every row found, nothing changed), and the
 * catalogue export. Target: the import of 10,000 rows in under 2 minutes on 2 cores.
 * Uses DATABASE_URL when set, otherwise an embedded database in a temporary folder.
 */
const ROWS = Number(process.env.BENCH_IMPORT_ROWS ?? 10_000);
const SCHEDULES = [
  '毎週火曜 10:00～12:00',
  '第1・第3土曜 13時〜15時',
  '毎月第2土曜 午前',
  '隔週水曜 9:30-11:30',
  '平日 10時〜16時',
  '毎週月・木曜日 14:00-16:00（祝日休み）',
  '毎月最終金曜 18:00-20:00',
  '不定期',
];
const KINDS = ['居場所', 'ボランティア', '就労体験', 'プログラム'];
const WORDS = [
  'サロン',
  '食堂',
  'カフェ',
  '畑の会',
  '手芸の会',
  'スマホ教室',
  '清掃活動',
  '見守り',
];

async function main(): Promise<void> {
  const bench = await openBench(0);
  const { app, dataSource } = bench;
  const areas = await dataSource.query<{ name: string }[]>(
    `SELECT a.name FROM area a JOIN municipality m ON m.id = a.municipality_id
      WHERE m.code = '139992' AND a.level = 'DISTRICT' ORDER BY a.name`,
  );

  // A new municipality with ベンチ市's areas, so that every run imports into an empty catalogue.
  const code = String(600000 + Math.floor(Math.random() * 300000));
  const [{ id: municipalityId }] = await dataSource.query<{ id: string }[]>(
    `INSERT INTO municipality (code, name, prefecture) VALUES ($1, $2, '東京都') RETURNING id`,
    [code, `取込ベンチ市${code}`],
  );
  const copied = new Map<string, string>();
  const source = await dataSource.query<{ id: string; parent_id: string | null }[]>(
    `SELECT a.id, a.parent_id FROM area a JOIN municipality m ON m.id = a.municipality_id
      WHERE m.code = '139992' ORDER BY a.level`,
  );
  for (const a of source) {
    const [{ id }] = await dataSource.query<{ id: string }[]>(
      `INSERT INTO area (municipality_id, parent_id, level, name, code, boundary)
       SELECT $1, $2, level, name, code, boundary FROM area WHERE id = $3 RETURNING id`,
      [municipalityId, a.parent_id ? copied.get(a.parent_id) : null, a.id],
    );
    copied.set(a.id, id);
  }

  const random = seeded(7);
  const pick = <T>(xs: readonly T[]) => xs[Math.floor(random() * xs.length)];
  const lines = [
    [
      '外部ID',
      '名称',
      '団体名',
      '種類',
      '住所',
      '地区',
      '緯度',
      '経度',
      '開催日',
      '定員',
      '参加費',
      '対象',
      '見学可',
      '内容',
    ].join(','),
  ];
  for (let i = 1; i <= ROWS; i++) {
    const area = pick(areas).name;
    const bad = i % 20 === 0;
    const placed = bad || random() < 0.7;
    lines.push(
      [
        `B${i}`,
        `${area}の${pick(WORDS)}${i}`,
        `団体${Math.ceil(i / 5)}`,
        pick(KINDS),
        `${area}${(i % 9) + 1}丁目${(i % 20) + 1}-${(i % 7) + 1}`,
        placed ? '' : area,
        placed ? (bad ? 99 : 35.5 + random() * 0.3).toFixed(6) : '',
        placed ? (139.45 + random() * 0.4).toFixed(6) : '',
        pick(SCHEDULES),
        String(5 + (i % 20)),
        random() < 0.5 ? '無料' : '300円（材料費）',
        '"高齢者、子育て中の方"',
        random() < 0.5 ? '○' : '',
        `${area}で${pick(WORDS)}をしています。どなたでもどうぞ。`,
      ].join(','),
    );
  }
  const bytes = Buffer.from(lines.join('\r\n'), 'utf8');
  process.stdout.write(`File: ${ROWS} rows, ${(bytes.length / 1024 / 1024).toFixed(1)} MB\n`);

  const service = app.get(ImportService);
  const asAdmin = <T>(fn: () => Promise<T>) =>
    RequestContext.run(
      {
        requestId: randomUUID(),
        defaultMunicipalityId: null,
        viewer: { kind: 'ADMIN', userId: '00000000-0000-0000-0000-000000000000', municipalityId },
      },
      fn,
    );
  const run = async (label: string, dryRun: boolean) => {
    let report!: ImportReport;
    const ms = await timed(async () => {
      report = await asAdmin(() => service.run({ municipalityId, bytes, dryRun }));
    });
    process.stdout.write(
      `${label.padEnd(28)} ${(ms / 1000).toFixed(1).padStart(6)} s  ${Math.round(ROWS / (ms / 1000))
        .toString()
        .padStart(
          5,
        )} rows/s  created ${report.created}, updated ${report.updated}, unchanged ${report.unchanged}, rejected ${report.rejected}\n`,
    );
    return { ms, report };
  };
  const dry = await run('dry run', true);
  const first = await run('import into an empty city', false);
  const again = await run('the same file again', false);
  let exported = 0;
  const exportMs = await timed(async () => {
    exported = (await asAdmin(() => app.get(CatalogExport).csv(municipalityId))).length;
  });
  process.stdout.write(
    `${'export (CSV)'.padEnd(28)} ${(exportMs / 1000).toFixed(1).padStart(6)} s  ${(exported / 1024 / 1024).toFixed(1)} MB\n`,
  );
  process.stdout.write(
    `Import ${ROWS} rows: ${(first.ms / 1000).toFixed(1)} s (target < 120 s: ${first.ms < 120_000 ? 'met' : 'NOT met'}); ` +
      `dry run / import ${(dry.ms / first.ms).toFixed(2)}, re-import / import ${(again.ms / first.ms).toFixed(2)}; ` +
      `peak RSS ${Math.round(process.memoryUsage().rss / 1024 / 1024)} MB\n`,
  );
  if (first.report.rejected !== ROWS / 20 || again.report.unchanged !== first.report.created)
    throw new Error('the import did not do what the file asks: see the counts above');
  await bench.close();
}

runBench(main);
