import { readSheet } from '@app/import';
import ExcelJS from 'exceljs';
import iconv from 'iconv-lite';
import type { DataSource } from 'typeorm';
import { signedIn } from '../support/auth';
import { aCityWithAreas, anOrganization } from '../support/factories';
import { csvOf, importFile, ImportReport } from '../support/import';
import { onlyError, startTestApp, TestApp } from '../support/test-app';

type Signed = Awaited<ReturnType<typeof signedIn>>;
type Row = ImportReport['rows'][number];

describe('importing a municipality’s own list of places (CSV, Shift_JIS, xlsx)', () => {
  let t: TestApp;
  let ds: DataSource;
  let admin: Signed;
  let csw: Signed;
  let city: Awaited<ReturnType<typeof aCityWithAreas>>;
  const count = async (sql: string, ...params: unknown[]) =>
    Number((await ds.query<{ n: string }[]>(`SELECT count(*) AS n ${sql}`, params))[0].n);
  const listings = () => count('FROM resource WHERE municipality_id = $1', city.municipality.id);

  beforeAll(async () => {
    t = await startTestApp(undefined, process.env.DEBUG_IMPORT ? { LOG_LEVEL: 'error' } : {});
    ds = t.dataSource;
    city = await aCityWithAreas(ds, 139.5, 35.5);
    const m = city.municipality.id;
    admin = await signedIn(t, { municipalityId: m, role: 'ADMIN' });
    csw = await signedIn(t, { municipalityId: m, role: 'COORDINATOR' });
  });
  afterAll(() => t?.close());

  const byLine = (report: ImportReport, line: number): Row => {
    const row = report.rows.find((r) => r.line === line);
    if (!row) throw new Error(`no report for row ${line}: ${JSON.stringify(report.rows)}`);
    return row;
  };
  const ok = (res: Awaited<ReturnType<typeof importFile>>) => {
    if (!res.data) throw new Error(JSON.stringify(res.errors));
    return res.data.importCatalog;
  };

  describe('a Shift_JIS CSV as Japanese Excel saves it, headers in its own words', () => {
    // No byte order mark; 活動名, 運営団体, 所在地 … are recognised without a mapping.
    const rows = [
      [
        '活動名',
        '運営団体',
        '種別',
        '所在地',
        '地区',
        '緯度',
        '経度',
        '開催日時',
        '定員',
        '対象',
        '参加費',
        '連絡先',
        '見学',
      ],
      [
        'ふらっとサロン南',
        '南地区社会福祉協議会',
        '居場所',
        '緑町1-2-3',
        '',
        '35.501',
        '139.501',
        '毎週火曜 10:00～12:00',
        '10名',
        '高齢者、どなたでも',
        '100円（お茶代）',
        '担当 田中 042-123-4567',
        '○',
      ],
      [
        'ひだまり食堂',
        'NPO法人ひだまり',
        '居場所',
        '緑町5-6',
        '南地区',
        '',
        '',
        '第1・第3土曜 午前',
        '',
        '子ども、親',
        '無料',
        'info@hidamari.example.jp',
        '',
      ],
      [
        '畑の会',
        '',
        'ボランティア',
        '西町2-1',
        '',
        '',
        '',
        '隔週水曜　９時～１１時半',
        '５',
        '',
        '',
        '',
        '×',
      ],
      [
        '手芸カフェ',
        'NPO法人ひだまり',
        '居場所',
        '南地区 3-1',
        '',
        '',
        '',
        '不定期',
        '',
        '',
        '材料費300円',
        '',
        '',
      ],
    ];
    const sjis = () => ({
      bytes: iconv.encode(csvOf(rows), 'Shift_JIS'),
      name: '社会資源一覧.csv',
    });

    it('a dry run reports every row and writes nothing', async () => {
      const before = await listings();
      const report = ok(await importFile(t, admin.auth, sjis(), { dryRun: true }));
      expect(report).toMatchObject({
        dryRun: true,
        format: 'Shift_JIS',
        headerLine: 1,
        created: 4,
        rejected: 0,
      });
      expect(report.mapping).toEqual(
        expect.arrayContaining([
          { header: '活動名', column: 'name' },
          { header: '運営団体', column: 'organizationName' },
          { header: '所在地', column: 'address' },
          { header: '開催日時', column: 'scheduleText' },
          { header: '見学', column: 'observationVisit' },
        ]),
      );
      expect(await listings()).toBe(before);
      expect(await count(`FROM organization WHERE name = 'NPO法人ひだまり'`)).toBe(0);
    });

    it('imports them: structured schedules with the wording kept, places at their area, hosts created', async () => {
      const report = ok(await importFile(t, admin.auth, sjis()));
      expect(report).toMatchObject({ dryRun: false, created: 4, rejected: 0 });
      const [salon] = await ds.query(
        `SELECT r.*, ST_Y(r.location::geometry) AS lat, o.name AS org, o.type AS org_type
           FROM resource r JOIN organization o ON o.id = r.organization_id WHERE r.id = $1`,
        [byLine(report, 2).resourceId],
      );
      expect(salon).toMatchObject({
        name: 'ふらっとサロン南',
        org: '南地区社会福祉協議会',
        org_type: 'SOCIAL_WELFARE_COUNCIL',
        capacity: 10,
        fee_yen: 100,
        fee_note: 'お茶代',
        contact_phone: '042-123-4567',
        observation_visit: true,
        schedule_text: '毎週火曜 10:00～12:00',
        target_groups: ['高齢者', 'どなたでも'],
        to_confirm: [],
        last_verified_at: null,
      });
      expect(Number(salon.lat)).toBeCloseTo(35.501, 6);
      const rules = await ds.query(
        `SELECT r.name, s.freq, s.interval, s.weekdays, s.nth, s.opens_at::text, s.closes_at::text
           FROM resource_schedule s JOIN resource r ON r.id = s.resource_id
          WHERE r.municipality_id = $1 ORDER BY r.name`,
        [city.municipality.id],
      );
      expect(rules).toEqual([
        {
          name: 'ひだまり食堂',
          freq: 'MONTHLY',
          interval: 1,
          weekdays: [6],
          nth: [1, 3],
          opens_at: '09:00:00',
          closes_at: '12:00:00',
        },
        {
          name: 'ふらっとサロン南',
          freq: 'WEEKLY',
          interval: 1,
          weekdays: [2],
          nth: null,
          opens_at: '10:00:00',
          closes_at: '12:00:00',
        },
        {
          name: '畑の会',
          freq: 'WEEKLY',
          interval: 2,
          weekdays: [3],
          nth: null,
          opens_at: '09:00:00',
          closes_at: '11:30:00',
        },
      ]);
      // No coordinates: placed at 南地区 (named, or found in the address), pin to be placed.
      const placed = await ds.query(
        `SELECT r.name, r.to_confirm, a.name AS area, ST_Covers(a.boundary, r.location::geometry) AS inside
           FROM resource r LEFT JOIN area a ON a.id = r.area_id
          WHERE r.municipality_id = $1 AND r.name IN ('ひだまり食堂', '手芸カフェ', '畑の会') ORDER BY r.name`,
        [city.municipality.id],
      );
      expect(placed).toEqual([
        { name: 'ひだまり食堂', to_confirm: ['PIN_LOCATION'], area: '南地区', inside: true },
        { name: '手芸カフェ', to_confirm: ['PIN_LOCATION'], area: '南地区', inside: true },
        // 西町 is no area of ours: not on the map until the host pins it; 隔週 needs its start confirmed.
        {
          name: '畑の会',
          to_confirm: ['PIN_LOCATION', 'SCHEDULE_START'],
          area: null,
          inside: null,
        },
      ]);
      expect(
        byLine(report, 4)
          .warnings.map((w) => w.message)
          .join(),
      ).toContain('団体名がないため');
      expect(
        byLine(report, 5)
          .warnings.map((w) => w.message)
          .join(),
      ).toContain('決まった日程がない');
      // What the host is asked to confirm is theirs to see, through the API.
      const res = await t.gql(
        `query ($id: ID!) { resource(id: $id) { scheduleText toConfirm } }`,
        { id: byLine(report, 3).resourceId },
        csw.auth,
      );
      expect(res.data?.resource).toEqual({
        scheduleText: '第1・第3土曜 午前',
        toConfirm: ['PIN_LOCATION'],
      });
      const anonymous = await t.gql(`query ($id: ID!) { resource(id: $id) { toConfirm } }`, {
        id: byLine(report, 3).resourceId,
      });
      expect(anonymous.data?.resource).toEqual({ toConfirm: [] });
    });

    it('the same file again changes nothing and duplicates nothing', async () => {
      const before = await listings();
      const report = ok(await importFile(t, admin.auth, sjis()));
      expect(report.rows.filter((r) => r.action !== 'UNCHANGED')).toEqual([]);
      expect(report).toMatchObject({ created: 0, updated: 0, unchanged: 4, rejected: 0 });
      expect(await listings()).toBe(before);
    });
  });

  it('an xlsx with a merged title, blank rows and a two-row header', async () => {
    const workbook = new ExcelJS.Workbook();
    const sheet = workbook.addWorksheet('一覧');
    sheet.addRow(['みどり市 社会資源一覧（令和8年度）']);
    sheet.mergeCells('A1:H1');
    sheet.addRow([]);
    sheet.addRow(['名称', '種類', '住所', '開催日', '時間', '連絡先', '', '']);
    // FAX is no heading we know: it still marks the row as headings, under the merged 連絡先.
    sheet.addRow(['', '', '', '', '', '電話', 'メール', 'FAX']);
    sheet.mergeCells('A3:A4');
    sheet.mergeCells('B3:B4');
    sheet.mergeCells('F3:H3');
    sheet.addRow([
      'スマホ相談会',
      'プログラム',
      '南地区1-1',
      '毎月第2木曜',
      '13:30-15:00',
      '042-000-1111',
      'sumaho@example.jp',
    ]);
    sheet.addRow([]);
    sheet.addRow(['朝の散歩の会', 'ボランティア', '南地区2-2', '平日', '7時～8時', '', '']);
    const bytes = Buffer.from(await workbook.xlsx.writeBuffer());

    const parsed = await readSheet(bytes);
    expect(parsed.headers).toEqual([
      '名称',
      '種類',
      '住所',
      '開催日',
      '時間',
      '電話',
      'メール',
      'FAX',
    ]);
    const report = ok(await importFile(t, admin.auth, { bytes, name: '一覧.xlsx' }));
    expect(report).toMatchObject({ format: 'xlsx', created: 2, rejected: 0 });
    expect(report.mapping).toContainEqual({ header: 'FAX', column: null });
    // Row numbers are Excel's: the blank row 6 is skipped, not renumbered.
    expect(report.rows.map((r) => [r.line, r.action])).toEqual([
      [5, 'CREATE'],
      [7, 'CREATE'],
    ]);
    const [consult] = await ds.query(
      `SELECT contact_phone, contact_email, s.nth, s.weekdays, s.opens_at::text
         FROM resource r JOIN resource_schedule s ON s.resource_id = r.id WHERE r.id = $1`,
      [report.rows[0].resourceId],
    );
    expect(consult).toEqual({
      contact_phone: '042-000-1111',
      contact_email: 'sumaho@example.jp',
      nth: [2],
      weekdays: [4],
      opens_at: '13:30:00',
    });
  });

  it('a file with 10% bad rows: each named with its row and reason, the rest imported', async () => {
    const header = ['外部ID', '名称', '団体名', '種類', '緯度', '経度', '開催日', '定員'];
    const rows: (string | number)[][] = [header];
    for (let i = 1; i <= 20; i++)
      rows.push([
        `B-${i}`,
        `一括の居場所${i}`,
        '一括NPO',
        '居場所',
        35.495 + i / 10000,
        139.505,
        '毎週金曜 13:00-15:00',
        5,
      ]);
    rows[3][4] = 135.5; // row 4: a longitude typed into 緯度
    rows[8][6] = '第2土曜?毎月15日'; // row 9: a schedule nobody can read
    const before = await listings();
    const report = ok(
      await importFile(t, csw.auth, { bytes: Buffer.from(csvOf(rows), 'utf8'), name: 'bad.csv' }),
    );
    expect(report).toMatchObject({ format: 'UTF-8', created: 18, rejected: 2 });
    expect(await listings()).toBe(before + 18);
    const rejected = report.rows.filter((r) => r.action === 'REJECT');
    expect(rejected.map((r) => ({ line: r.line, errors: r.errors }))).toEqual([
      { line: 4, errors: [{ column: '緯度', message: expect.stringContaining('緯度が範囲外') }] },
      {
        line: 9,
        errors: [{ column: '開催日', message: expect.stringContaining('を解釈できません') }],
      },
    ]);
    expect(report.rows.filter((r) => r.action === 'CREATE')).toHaveLength(18);
  });

  it('a re-import updates, keeps what a host edited since (and says so), and overwrites only when asked', async () => {
    const m = city.municipality.id;
    await anOrganization(ds, { municipalityId: m, name: '再取込の会' });
    const file = (capacity: number, description: string) => ({
      bytes: Buffer.from(
        '\uFEFF' +
          csvOf([
            ['外部ID', '名称', '団体名', '種類', '住所', '地区', '定員', '内容'],
            [
              'R-1',
              '再取込サロン',
              '再取込の会',
              '居場所',
              '南地区1',
              '南地区',
              capacity,
              description,
            ],
            ['R-2', '再取込カフェ', '再取込の会', '居場所', '南地区2', '南地区', 8, description],
            ['', '名前だけの会', '再取込の会', '居場所', '南地区3', '', 3, description],
            // The salon again, by its name and address: one listing cannot take two rows.
            ...(capacity === 10
              ? []
              : [['', '再取込サロン', '再取込の会', '居場所', '南地区1', '', 99, '別の説明']]),
          ]),
        'utf8',
      ),
      name: 're.csv',
    });
    const first = ok(await importFile(t, admin.auth, file(10, '最初の説明')));
    expect(first).toMatchObject({ format: 'UTF-8 (BOM)', created: 3 });
    const [salon, cafe] = first.rows.map((r) => r.resourceId!);

    // The host edits the salon's capacity, and pins the café on the map.
    const edit = await t.gql(
      `mutation ($id: ID!, $input: UpdateResourceInput!) { updateResource(id: $id, input: $input) { id toConfirm } }`,
      { id: salon, input: { openings: { capacity: 12 } } },
      csw.auth,
    );
    expect(edit.errors).toBeUndefined();
    const pin = await t.gql(
      `mutation ($id: ID!, $input: UpdateResourceInput!) { updateResource(id: $id, input: $input) { toConfirm } }`,
      { id: cafe, input: { location: { latitude: 35.5001, longitude: 139.5001 } } },
      csw.auth,
    );
    expect(pin.data?.updateResource).toEqual({ toConfirm: [] });

    // The file changes the salon's capacity (edited since: a conflict) and everyone's description.
    const before = await listings();
    const second = ok(await importFile(t, admin.auth, file(15, '新しい説明')));
    expect(await listings()).toBe(before);
    expect(second).toMatchObject({ created: 0, updated: 3, conflicts: 1 });
    expect(byLine(second, 2)).toMatchObject({
      action: 'UPDATE',
      changed: ['内容'],
      conflicts: [{ column: '定員', current: '12', file: '15', overwritten: false }],
    });
    // The pin stays: the file's location (the area) is what it was; the host's pin is newer.
    expect(byLine(second, 3).changed).toEqual(['内容']);
    expect(byLine(second, 4)).toMatchObject({
      action: 'UPDATE',
      resourceId: first.rows[2].resourceId,
    });
    expect(byLine(second, 5)).toMatchObject({
      action: 'REJECT',
      errors: [{ column: '名称', message: expect.stringContaining('2行目と同じ登録済みの活動') }],
    });
    const state = await ds.query(
      `SELECT name, capacity, description, to_confirm, ST_Y(location::geometry) AS lat
         FROM resource WHERE id = ANY($1) ORDER BY name`,
      [[salon, cafe]],
    );
    expect(state).toEqual([
      {
        name: '再取込カフェ',
        capacity: 8,
        description: '新しい説明',
        to_confirm: [],
        lat: 35.5001,
      },
      {
        name: '再取込サロン',
        capacity: 12,
        description: '新しい説明',
        to_confirm: ['PIN_LOCATION'],
        lat: expect.any(Number),
      },
    ]);

    // Asked to overwrite, the file's value wins and the report says it was written.
    const third = ok(
      await importFile(t, admin.auth, file(15, '新しい説明'), { overwriteEdits: true }),
    );
    expect(byLine(third, 2)).toMatchObject({
      action: 'UPDATE',
      changed: ['定員'],
      conflicts: [{ column: '定員', current: '12', file: '15', overwritten: true }],
    });
    const [{ capacity }] = await ds.query(`SELECT capacity FROM resource WHERE id = $1`, [salon]);
    expect(capacity).toBe(15);
  });

  describe('what a review of the first version found', () => {
    const csv = (rows: (string | number)[][]) => ({
      bytes: Buffer.from(csvOf(rows)),
      name: 'x.csv',
    });
    const gql = async (who: Signed, query: string, variables: Record<string, unknown>) => {
      const res = await t.gql(query, variables, who.auth);
      if (!res.data) throw new Error(JSON.stringify(res.errors));
      return res.data;
    };

    it('a coordinator neither exports nor finds a listing kept inside its organisation', async () => {
      const header = [
        '名称',
        '団体名',
        '種類',
        '住所',
        '公開範囲',
        '対象',
        '対象を公開しない',
        '電話番号',
      ];
      ok(
        await importFile(
          t,
          admin.auth,
          csv([
            header,
            [
              '秘密の会',
              '秘密の団体',
              'プログラム',
              '南地区77',
              '団体内のみ',
              '依存症の方',
              '○',
              '042-777-0000',
            ],
          ]),
        ),
      );
      const download = async (who: Signed) =>
        await (await fetch(`${t.baseUrl}/catalog/export.csv`, { headers: who.auth })).text();
      expect(await download(admin)).toContain('秘密の会');
      const seen = await download(csw);
      expect(seen).not.toContain('秘密の会');
      expect(seen).not.toContain('依存症の方');
      const dry = ok(
        await importFile(
          t,
          csw.auth,
          csv([header.slice(0, 4), ['秘密の会', '秘密の団体', 'プログラム', '南地区77']]),
          {
            dryRun: true,
          },
        ),
      );
      // Refused without showing it: not found again, not duplicated.
      expect(dry.rows[0]).toMatchObject({
        action: 'REJECT',
        resourceId: null,
        errors: [{ message: expect.stringContaining('見えない公開範囲') }],
      });
    });

    it('a rejected row does not take the new host it named with it', async () => {
      const report = ok(
        await importFile(
          t,
          admin.auth,
          csv([
            ['名称', '団体名', '種類', '住所'],
            ['あ'.repeat(101), '新しい会A', '居場所', '南地区50'],
            ['新しい会Aのサロン', '新しい会A', '居場所', '南地区51'],
          ]),
        ),
      );
      expect(report.rows.map((r) => r.action)).toEqual(['REJECT', 'CREATE']);
      expect(await count(`FROM organization WHERE name = '新しい会A'`)).toBe(1);
    });

    it('a new address without coordinates is placed again and the pin asked for', async () => {
      const file = (address: string) =>
        csv([
          ['外部ID', '名称', '団体名', '種類', '住所'],
          ['MV-1', '引っ越す会', '引越団体', '居場所', address],
        ]);
      const [first] = ok(await importFile(t, admin.auth, file('南地区5'))).rows;
      await gql(
        csw,
        `mutation ($id: ID!, $input: UpdateResourceInput!) { updateResource(id: $id, input: $input) { id } }`,
        { id: first.resourceId, input: { location: { latitude: 35.5002, longitude: 139.5002 } } },
      );
      const [moved] = ok(await importFile(t, admin.auth, file('西圏域7'))).rows;
      expect(moved).toMatchObject({ action: 'UPDATE', changed: ['住所'] });
      expect(moved.warnings.map((w) => w.message).join()).toContain('「西圏域」の位置に置きました');
      const [row] = await ds.query(
        `SELECT r.to_confirm, a.name AS area, ST_Covers(a.boundary, r.location::geometry) AS inside
           FROM resource r JOIN area a ON a.id = r.area_id WHERE r.id = $1`,
        [first.resourceId],
      );
      expect(row).toEqual({ to_confirm: ['PIN_LOCATION'], area: '西圏域', inside: true });
    });

    it('row numbers are no ids, and an id on another place is refused, not overwritten', async () => {
      const numbered = ok(
        await importFile(
          t,
          admin.auth,
          csv([
            ['No', '名称', '団体名', '種類', '住所'],
            ['1', '朝の会', '朝団体', '居場所', '南地区61'],
          ]),
        ),
      );
      expect(numbered.mapping).toContainEqual({ header: 'No', column: null });
      const first = ok(
        await importFile(
          t,
          admin.auth,
          csv([
            ['外部ID', '名称', '団体名', '種類', '住所'],
            ['X1', '昼の会', '昼団体', '居場所', '南地区62'],
          ]),
        ),
      );
      const renumbered = ok(
        await importFile(
          t,
          admin.auth,
          csv([
            ['外部ID', '名称', '団体名', '種類', '住所'],
            ['X1', '夜の会', '夜団体', '居場所', '南地区63'],
          ]),
        ),
      );
      expect(renumbered.rows[0]).toMatchObject({
        action: 'REJECT',
        errors: [{ column: '外部ID', message: expect.stringContaining('名称も住所も違います') }],
      });
      const [{ name }] = await ds.query(`SELECT name FROM resource WHERE id = $1`, [
        first.rows[0].resourceId,
      ]);
      expect(name).toBe('昼の会');
    });

    it('a column the first file did not have still respects what a person entered since', async () => {
      const base = ['外部ID', '名称', '団体名', '種類', '住所'];
      const [row] = ok(
        await importFile(
          t,
          admin.auth,
          csv([base, ['PH-1', '電話の会', '電話団体', '居場所', '南地区70']]),
        ),
      ).rows;
      await gql(
        csw,
        `mutation ($id: ID!, $input: UpdateResourceInput!) { updateResource(id: $id, input: $input) { id } }`,
        { id: row.resourceId, input: { contact: { phone: '042-999-8888' } } },
      );
      const second = ok(
        await importFile(
          t,
          admin.auth,
          csv([
            [...base, '電話番号'],
            ['PH-1', '電話の会', '電話団体', '居場所', '南地区70', '042-111-2222'],
          ]),
        ),
      );
      expect(second.rows[0]).toMatchObject({
        action: 'UNCHANGED',
        conflicts: [
          { column: '電話番号', current: '042-999-8888', file: '042-111-2222', overwritten: false },
        ],
      });
      const [{ contact_phone }] = await ds.query(
        `SELECT contact_phone FROM resource WHERE id = $1`,
        [row.resourceId],
      );
      expect(contact_phone).toBe('042-999-8888');
    });
  });

  it('a saved mapping maps headers nobody could guess', async () => {
    const saved = await t.gql(
      `mutation ($input: SaveImportMappingInput!) { saveImportMapping(input: $input) { name columns { header column } defaultKind } }`,
      {
        input: {
          name: '社協様式',
          columns: [
            { header: '活動のなまえ', column: 'name' },
            { header: '担い手', column: 'organizationName' },
            { header: 'メモ', column: null },
          ],
          defaultKind: 'VOLUNTEER',
        },
      },
      admin.auth,
    );
    expect(saved.data?.saveImportMapping).toMatchObject({
      name: '社協様式',
      defaultKind: 'VOLUNTEER',
    });
    const bytes = Buffer.from(
      csvOf([
        ['活動のなまえ', '担い手', 'メモ', '住所'],
        ['公園の花壇づくり', '花の会', '内部メモ', '南地区4'],
      ]),
    );
    const report = ok(
      await importFile(t, admin.auth, { bytes, name: 'x.csv' }, { mappingName: '社協様式' }),
    );
    expect(report).toMatchObject({ created: 1, rejected: 0 });
    expect(report.mapping).toContainEqual({ header: 'メモ', column: null });
    const [row] = await ds.query(`SELECT kind, description FROM resource WHERE id = $1`, [
      report.rows[0].resourceId,
    ]);
    expect(row).toEqual({ kind: 'VOLUNTEER', description: null });
  });

  it('refuses what it cannot read, clearly, and a host may not import', async () => {
    const noName = await importFile(t, admin.auth, {
      bytes: Buffer.from(
        csvOf([
          ['住所', '電話'],
          ['南地区', '042-111-2222'],
        ]),
      ),
      name: 'x.csv',
    });
    expect(onlyError(noName as never)).toMatchObject({
      extensions: { code: 'BAD_USER_INPUT', field: 'mapping' },
      message: expect.stringContaining('名称'),
    });
    const notASheet = await importFile(t, admin.auth, {
      bytes: Buffer.from('PK\u0003\u0004garbage'),
      name: 'x.xlsx',
    });
    expect(onlyError(notASheet as never).message).toContain('Excelファイル');
    // Over 20 MB: refused as the file's fault, naming it, not a server error.
    const huge = await importFile(t, admin.auth, {
      bytes: Buffer.alloc(21 * 1024 * 1024, 0x41),
      name: 'huge.csv',
    });
    expect(onlyError(huge as never)).toMatchObject({
      extensions: { code: 'BAD_USER_INPUT', field: 'file' },
      message: expect.stringContaining('20MB'),
    });
    const host = await signedIn(t, {
      municipalityId: city.municipality.id,
      role: 'HOST',
      organizationIds: [],
    });
    const refused = await importFile(t, host.auth, {
      bytes: Buffer.from('名称\nx\n'),
      name: 'x.csv',
    });
    expect(onlyError(refused as never).extensions?.code).toBe('FORBIDDEN');
  });
});
