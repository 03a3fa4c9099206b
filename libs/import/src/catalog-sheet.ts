import {
  BookingRequirement,
  GroupSize,
  PhysicalDemand,
  Residency,
  ResourceKind,
  ResourceStatus,
  ToConfirm,
  Visibility,
} from '@app/catalog';
import { isCalendarDate } from '@app/common';
import {
  ClosureParts,
  formatClosures,
  formatSchedule,
  normalizeText,
  parseClosures,
  parseScheduleText,
  RuleParts,
  ScheduleDoubt,
  SessionParts,
} from './schedule-text';

/**
 * One listing as a row of the catalogue spreadsheet: the columns the export writes are the
 * columns the import reads, so a file exported, edited in Excel and imported again means the same.
 */
export interface CatalogRecord {
  externalId: string | null;
  organizationName: string;
  name: string;
  kind: ResourceKind;
  status: ResourceStatus;
  /** Why it is paused or closed. */
  statusNote: string | null;
  visibility: Visibility;
  description: string | null;
  address: string | null;
  /** The 地区 / 町丁目 the listing is in, by name. */
  areaName: string | null;
  /** Null when the listing is placed at its area until someone pins it. */
  location: { latitude: number; longitude: number } | null;
  confidentialLocation: boolean;
  onlineOnly: boolean;
  /** The schedule as the source wrote it, kept beside the structured rules. */
  scheduleText: string | null;
  schedules: RuleParts[];
  sessions: SessionParts[];
  closures: ClosureParts[];
  capacity: number | null;
  hasWaitlist: boolean;
  booking: BookingRequirement;
  typicalMinutes: number | null;
  minimumMinutes: number | null;
  canGrowGradually: boolean;
  mayJustBeThere: boolean;
  talkingOptional: boolean;
  observationVisit: boolean;
  supporterMayAccompany: boolean;
  onlineParticipation: boolean;
  firstTimerFriendly: boolean;
  groupSize: GroupSize | null;
  physicalDemand: PhysicalDemand | null;
  minAge: number | null;
  maxAge: number | null;
  residency: Residency;
  targetGroups: string[];
  targetGroupsSensitive: boolean;
  feeYen: number;
  feeNote: string | null;
  contactName: string | null;
  contactPhone: string | null;
  contactEmail: string | null;
  /** Theme codes. */
  themes: string[];
  tags: string[];
  dropIn: boolean | null;
  mealsServed: boolean | null;
  tasks: string | null;
  slotsPerSession: number | null;
  hourlyWageYen: number | null;
  mayLeadToEmployment: boolean | null;
  sessionCount: number | null;
  format: string | null;
  lastVerifiedOn: string | null;
  /** What a host is asked to check (not a column: the import works it out). */
  toConfirm: ToConfirm[];
}

/** What reading a row needs from outside: today's date and the theme list. */
export interface SheetContext {
  /** YYYY-MM-DD, Japan time. */
  today: string;
  themes: readonly { code: string; label: string }[];
}

type Key = keyof CatalogRecord;

interface ColumnDef {
  /** The column's own name in code (a record field, or a helper for the import). */
  key: Key | 'scheduleTime' | 'contact' | 'latitude' | 'longitude';
  /** The record fields a cell of this column sets. */
  fills: Key[];
  header: string;
  /** Other headers that mean this column (normalised when compared). */
  aliases: string[];
  /** Written by the export; import-only helper columns are not. */
  exported: boolean;
  write(r: CatalogRecord, ctx: SheetContext): string;
  /** Reads a non-empty cell into the record; returns an error message, if any. */
  read(cell: string, r: CatalogRecord, ctx: SheetContext): string | void;
}

const YES = /^(○|〇|◯|●|◎|可|有|あり|はい|yes|y|true|1|✓|✔)$/i;
const NO = /^(×|✕|✖|-|ー|―|不可|無|なし|いいえ|no|n|false|0)$/i;

const text = (key: Key, header: string, aliases: string[] = []): ColumnDef => ({
  key,
  fills: [key],
  header,
  aliases,
  exported: true,
  write: (r) => (r[key] as string | null) ?? '',
  read: (cell, r) => {
    (r as unknown as Record<string, unknown>)[key] = cell;
  },
});

const flag = (key: Key, header: string, aliases: string[] = []): ColumnDef => ({
  key,
  fills: [key],
  header,
  aliases,
  exported: true,
  write: (r) => (r[key] === true ? '○' : r[key] === false ? '×' : ''),
  read: (cell, r) => {
    const value = normalizeText(cell);
    if (YES.test(value)) (r as unknown as Record<string, unknown>)[key] = true;
    else if (NO.test(value)) (r as unknown as Record<string, unknown>)[key] = false;
    else return `「${cell}」は ○ か × で入れてください`;
  },
});

/** A whole number, with 人/分/円/歳/回 and thousands separators allowed. */
function integerOf(cell: string): number | null {
  const value = normalizeText(cell).replace(/[,，\s]|人|名|分|円|歳|回|程度|まで|以内|約/g, '');
  return /^\d+$/.test(value) ? Number(value) : null;
}

const integer = (key: Key, header: string, aliases: string[], max: number): ColumnDef => ({
  key,
  fills: [key],
  header,
  aliases,
  exported: true,
  write: (r) => {
    const value = r[key];
    return typeof value === 'number' ? String(value) : '';
  },
  read: (cell, r) => {
    const value = integerOf(cell);
    if (value === null || value > max) return `「${cell}」は0〜${max}の数で入れてください`;
    (r as unknown as Record<string, unknown>)[key] = value;
  },
});

function choice<T extends string>(
  key: Key,
  header: string,
  aliases: string[],
  labels: Record<T, string[]>,
): ColumnDef {
  const entries = Object.entries(labels) as [T, string[]][];
  return {
    key,
    fills: [key],
    header,
    aliases,
    exported: true,
    write: (r) => {
      const value = r[key] as T | null;
      return value === null ? '' : labels[value][0];
    },
    read: (cell, r) => {
      const value = normalizeText(cell);
      const found = entries.find(([code, words]) => code === value || words.includes(value));
      if (!found)
        return `「${cell}」は ${entries.map(([, w]) => w[0]).join('・')} のどれかで入れてください`;
      (r as unknown as Record<string, unknown>)[key] = found[0];
    },
  };
}

const list = (key: Key, header: string, aliases: string[] = []): ColumnDef => ({
  key,
  fills: [key],
  header,
  aliases,
  exported: true,
  write: (r) => (r[key] as string[]).join('、'),
  read: (cell, r) => {
    (r as unknown as Record<string, unknown>)[key] = [
      ...new Set(
        cell
          .split(/[、,，;；\n／/]/)
          .map((t) => t.trim())
          .filter(Boolean),
      ),
    ];
  },
});

function coordinate(key: 'latitude' | 'longitude', header: string, aliases: string[]): ColumnDef {
  const [min, max] = key === 'latitude' ? [20, 46] : [122, 154];
  return {
    key,
    fills: ['location'],
    header,
    aliases,
    exported: true,
    write: (r) => (r.location ? String(r.location[key]) : ''),
    read: (cell, r) => {
      const value = Number(normalizeText(cell));
      if (!Number.isFinite(value) || value < min || value > max)
        return `${header}が範囲外です（日本国内は${min}〜${max}）: ${cell}`;
      r.location = { latitude: NaN, longitude: NaN, ...r.location, [key]: value };
    },
  };
}

const PHONE = /0\d{1,4}-?\d{1,4}-?\d{3,4}/;
const EMAIL = /[\w.+-]+@[\w-]+(\.[\w-]+)+/;

const KIND_LABELS: Record<ResourceKind, string[]> = {
  IBASHO: ['居場所', 'サロン', '子ども食堂', 'カフェ', '通いの場'],
  VOLUNTEER: ['ボランティア', 'ボランティア活動'],
  WORK_PLACEMENT: ['就労体験', '就労', '中間的就労', '短時間就労', '職場体験'],
  PROGRAM: ['プログラム', '講座', '教室', '相談会', '家族会', '事業'],
};

/** The catalogue spreadsheet, in the order the export writes it. */
export const COLUMNS: readonly ColumnDef[] = [
  // Not 番号 or No: in most lists those number the rows, and a renumbered list must not
  // move one place's data onto another.
  text('externalId', '外部ID', ['ID', '管理番号', '管理コード', 'コード', '資源ID']),
  text('organizationName', '団体名', [
    '運営団体',
    '運営主体',
    '実施主体',
    '主催',
    '主催者',
    '団体',
    '運営',
  ]),
  text('name', '名称', [
    '活動名',
    '居場所名',
    '事業名',
    '名前',
    '資源名',
    'サロン名',
    '施設名',
    '場所の名前',
  ]),
  choice('kind', '種類', ['種別', '分類', '活動の種類'], KIND_LABELS),
  choice('status', '状態', ['活動状況', 'ステータス'], {
    ACTIVE: ['活動中', '開催中', '実施中'],
    PAUSED: ['休止中', '休止'],
    CLOSED: ['終了', '廃止'],
  }),
  text('statusNote', '休止の理由', ['休止理由', '状態の説明']),
  choice('visibility', '公開範囲', ['公開', '公開区分'], {
    PUBLIC: ['公開', '一般公開'],
    PROFESSIONAL: ['関係者のみ', '専門職のみ', '非公開（関係者）'],
    PRIVATE: ['団体内のみ', '非公開'],
  }),
  text('description', '内容', ['活動内容', '説明', '概要', '活動の内容', '内容・特徴']),
  text('address', '住所', ['所在地', '開催場所', '場所', '会場', '会場住所']),
  text('areaName', '地区', [
    '町丁目',
    '町名',
    '圏域',
    '日常生活圏域',
    '地域',
    'エリア',
    '校区',
    '小学校区',
    '地区名',
  ]),
  coordinate('latitude', '緯度', ['lat', 'latitude', 'Y']),
  coordinate('longitude', '経度', ['lng', 'lon', 'longitude', 'X']),
  flag('confidentialLocation', '場所非公開', ['場所を公開しない']),
  flag('onlineOnly', 'オンラインのみ', []),
  {
    key: 'scheduleText',
    fills: ['scheduleText', 'schedules', 'sessions'],
    header: '開催日',
    aliases: [
      '開催日時',
      '日時',
      '開催曜日',
      '曜日',
      '開催頻度',
      '日程',
      '開催日程',
      '活動日',
      '活動日時',
    ],
    exported: true,
    write: (r, ctx) => r.scheduleText ?? formatSchedule(r.schedules, r.sessions, ctx.today),
    read: (cell, r) => {
      r.scheduleText = cell;
    },
  },
  {
    key: 'scheduleTime',
    fills: [],
    header: '時間',
    aliases: ['開催時間', '活動時間', '時間帯'],
    exported: false,
    write: () => '',
    read: () => undefined,
  },
  {
    key: 'closures',
    fills: ['closures'],
    header: '休み',
    aliases: ['休止期間', '休業日', 'お休み'],
    exported: true,
    write: (r) => formatClosures(r.closures),
    read: (cell, r) => {
      const parsed = parseClosures(cell);
      if (!parsed.ok) return parsed.error;
      r.closures = parsed.value;
    },
  },
  integer('capacity', '定員', ['募集人数', '定員数', '受入人数'], 100000),
  flag('hasWaitlist', '順番待ち', ['キャンセル待ち', '待機']),
  choice('booking', '予約', ['申込', '申し込み', '事前申込'], {
    NONE: ['不要', 'なし', '予約不要', '申込不要'],
    FIRST_VISIT: ['初回のみ', '初回のみ要', '初回要'],
    ALWAYS: ['必要', '要', '要予約', '毎回要', '要申込'],
  }),
  integer('typicalMinutes', '1回の時間（分）', ['所要時間', '1回の時間'], 1440),
  integer('minimumMinutes', '最短参加時間（分）', ['最短参加時間', '最短時間'], 1440),
  flag('observationVisit', '見学可', ['見学', '見学だけでも可']),
  flag('supporterMayAccompany', '同行可', ['同行', '付き添い可']),
  flag('mayJustBeThere', 'いるだけ可', ['いるだけでも大丈夫', 'ただいるだけ可']),
  flag('talkingOptional', '話さなくても可', ['話さなくても大丈夫']),
  flag('canGrowGradually', '少しずつ延ばせる', ['短時間から', '時間を少しずつ延ばせる']),
  flag('firstTimerFriendly', '初めての方歓迎', ['初参加歓迎', '初めて歓迎']),
  flag('onlineParticipation', 'オンライン参加可', ['オンライン']),
  choice('groupSize', '人数の規模', ['規模', '参加人数'], {
    ONE_ON_ONE: ['1対1', 'マンツーマン'],
    SMALL: ['少人数', '2〜5人'],
    MEDIUM: ['中人数', '6〜15人'],
    LARGE: ['大人数', '16人以上'],
  }),
  choice('physicalDemand', '体力の負担', ['体力', '負担'], {
    LOW: ['軽い', '軽', '少ない'],
    MODERATE: ['ふつう', '普通', '中'],
    HIGH: ['重い', '重', '多い'],
  }),
  {
    key: 'minAge',
    fills: ['minAge', 'maxAge'],
    header: '対象年齢',
    aliases: ['年齢', '対象年令'],
    exported: true,
    write: (r) =>
      r.minAge === null && r.maxAge === null
        ? ''
        : r.maxAge === null
          ? `${r.minAge}歳以上`
          : r.minAge === null
            ? `${r.maxAge}歳以下`
            : `${r.minAge}~${r.maxAge}歳`,
    read: (cell, r) => {
      const value = normalizeText(cell).replace(/才/g, '歳');
      const between = /^(\d+)\s*歳?\s*(?:~|-|から)\s*(\d+)\s*歳?(?:まで)?$/.exec(value);
      const over = /^(\d+)\s*歳\s*以上$/.exec(value);
      const under = /^(?:~\s*)?(\d+)\s*歳\s*(?:以下|まで)$/.exec(value);
      if (between) [r.minAge, r.maxAge] = [Number(between[1]), Number(between[2])];
      else if (over) r.minAge = Number(over[1]);
      else if (under) r.maxAge = Number(under[1]);
      else if (!/^(どなたでも|誰でも|不問|なし|制限なし)$/.test(value))
        return `対象年齢「${cell}」を解釈できません（例: 65歳以上、18~39歳）`;
    },
  },
  choice('residency', '在住要件', ['居住要件', '在住・在勤'], {
    ANYONE: ['どなたでも', '誰でも', 'なし', '不問'],
    RESIDENTS_ONLY: ['市内在住', '在住者のみ', '区内在住', '町内在住'],
    RESIDENTS_OR_WORKERS: ['市内在住・在勤', '在住・在勤', '在住在勤'],
  }),
  list('targetGroups', '対象', ['対象者', '参加対象', '対象となる方']),
  flag('targetGroupsSensitive', '対象を公開しない', ['対象非公開']),
  {
    key: 'feeYen',
    fills: ['feeYen', 'feeNote'],
    header: '費用',
    aliases: ['参加費', '料金', '利用料', '会費', '費用（円）'],
    exported: true,
    write: (r) =>
      `${r.feeYen === 0 ? '無料' : `${r.feeYen}円`}${r.feeNote ? `（${r.feeNote}）` : ''}`,
    read: (cell, r) => {
      const value = normalizeText(cell);
      const canonical = /^(無料|(\d+)円)(?:[(（](.*)[)）])?$/.exec(value.replace(/,/g, ''));
      if (canonical) {
        r.feeYen = canonical[2] ? Number(canonical[2]) : 0;
        r.feeNote = canonical[3]?.trim() || null;
        return;
      }
      if (/^\d+$/.test(value.replace(/,/g, ''))) {
        r.feeYen = Number(value.replace(/,/g, ''));
        return;
      }
      const amount = /(\d[\d,]*)\s*円/.exec(value);
      if (!amount && !/無料|なし|0円/.test(value))
        return `費用「${cell}」を解釈できません（例: 無料、300円、300円（材料費））`;
      r.feeYen = amount ? Number(amount[1].replace(/,/g, '')) : 0;
      r.feeNote = cell.trim();
    },
  },
  text('contactName', '担当者', ['連絡先担当者', '担当', '問い合わせ先担当']),
  text('contactPhone', '電話番号', ['電話', 'TEL', 'tel', '連絡先電話番号', '電話番号（連絡先）']),
  text('contactEmail', 'メールアドレス', ['メール', 'Eメール', 'E-mail', 'email', 'mail']),
  {
    key: 'contact',
    fills: ['contactName', 'contactPhone', 'contactEmail'],
    header: '連絡先',
    aliases: ['問い合わせ先', '問合せ先', 'お問い合わせ'],
    exported: false,
    write: () => '',
    read: (cell, r) => {
      const value = normalizeText(cell);
      const phone = PHONE.exec(value);
      const email = EMAIL.exec(value);
      if (phone) r.contactPhone ??= phone[0];
      if (email) r.contactEmail ??= email[0];
      const rest = value
        .replace(phone?.[0] ?? '\u0000', '')
        .replace(email?.[0] ?? '\u0000', '')
        .replace(/TEL|電話|メール|[:：()（）、,\s]/gi, ' ')
        .trim();
      if (rest) r.contactName ??= rest.slice(0, 50);
    },
  },
  {
    key: 'themes',
    fills: ['themes'],
    header: 'テーマ',
    aliases: ['活動テーマ', 'ジャンル', 'カテゴリ', 'カテゴリー'],
    exported: true,
    write: (r, ctx) =>
      r.themes.map((code) => ctx.themes.find((t) => t.code === code)?.label ?? code).join('、'),
    read: (cell, r, ctx) => {
      const names = cell
        .split(/[、,，;；\n／/]/)
        .map((t) => normalizeText(t))
        .filter(Boolean);
      const unknown: string[] = [];
      r.themes = [];
      for (const n of names) {
        const theme = ctx.themes.find((t) => t.code === n || normalizeText(t.label) === n);
        if (theme) r.themes.push(theme.code);
        else unknown.push(n);
      }
      if (unknown.length)
        return `登録されていないテーマです: ${unknown.join('、')}（使えるテーマ: ${ctx.themes.map((t) => t.label).join('、')}）`;
    },
  },
  list('tags', 'タグ', ['キーワード']),
  flag('dropIn', '出入り自由', ['出入り自由（居場所）', '途中参加可']),
  flag('mealsServed', '食事あり', ['食事', '食事の提供']),
  text('tasks', '作業内容', ['作業の内容', '活動・作業内容', '仕事内容']),
  integer('slotsPerSession', '1回の募集人数', ['1回の人数'], 1000),
  integer('hourlyWageYen', '時給', ['時給（円）', '工賃'], 100000),
  flag('mayLeadToEmployment', '就職につながる', ['就職の可能性', '雇用につながる']),
  integer('sessionCount', '回数', ['全回数', '講座回数'], 365),
  text('format', '形式', ['開催形式', '講座形式']),
  {
    key: 'lastVerifiedOn',
    fills: ['lastVerifiedOn'],
    header: '最終確認日',
    aliases: ['確認日', '更新日', '情報更新日'],
    exported: true,
    write: (r) => r.lastVerifiedOn ?? '',
    read: (cell, r) => {
      const m = /^(\d{4})[-/年.](\d{1,2})[-/月.](\d{1,2})日?$/.exec(normalizeText(cell));
      const date = m && `${m[1]}-${m[2].padStart(2, '0')}-${m[3].padStart(2, '0')}`;
      if (!date || !isCalendarDate(date))
        return `最終確認日「${cell}」は 2026-04-01 の形で入れてください`;
      r.lastVerifiedOn = date;
    },
  },
];

export type ColumnKey = ColumnDef['key'];
export const EXPORTED_COLUMNS = COLUMNS.filter((c) => c.exported);

/** A header as compared: NFKC, no spaces, brackets or marks (※, ●), lower case. */
export function headerKey(header: string): string {
  return normalizeText(header)
    .replace(/[\s()（）［］[\]【】「」『』※●○◎*＊:：・]/g, '')
    .toLowerCase();
}

const BY_HEADER = new Map<string, ColumnDef>();
for (const c of COLUMNS)
  for (const h of [c.header, ...c.aliases])
    if (!BY_HEADER.has(headerKey(h))) BY_HEADER.set(headerKey(h), c);

/** The column a file's header means, when it is one we know. */
export function columnForHeader(header: string): ColumnDef | null {
  return BY_HEADER.get(headerKey(header)) ?? null;
}

export function columnByKey(key: string): ColumnDef | undefined {
  return COLUMNS.find((c) => c.key === key && c.header) ?? undefined;
}

/** Cells of one record, by column header, in the export's order. */
export function cellsOf(r: CatalogRecord, ctx: SheetContext): Record<string, string> {
  return Object.fromEntries(EXPORTED_COLUMNS.map((c) => [c.header, c.write(r, ctx)]));
}

export function emptyRecord(): CatalogRecord {
  return {
    externalId: null,
    organizationName: '',
    name: '',
    kind: ResourceKind.IBASHO,
    status: ResourceStatus.ACTIVE,
    statusNote: null,
    visibility: Visibility.PUBLIC,
    description: null,
    address: null,
    areaName: null,
    location: null,
    confidentialLocation: false,
    onlineOnly: false,
    scheduleText: null,
    schedules: [],
    sessions: [],
    closures: [],
    capacity: null,
    hasWaitlist: false,
    booking: BookingRequirement.NONE,
    typicalMinutes: null,
    minimumMinutes: null,
    canGrowGradually: false,
    mayJustBeThere: false,
    talkingOptional: false,
    observationVisit: false,
    supporterMayAccompany: false,
    onlineParticipation: false,
    firstTimerFriendly: false,
    groupSize: null,
    physicalDemand: null,
    minAge: null,
    maxAge: null,
    residency: Residency.ANYONE,
    targetGroups: [],
    targetGroupsSensitive: false,
    feeYen: 0,
    feeNote: null,
    contactName: null,
    contactPhone: null,
    contactEmail: null,
    themes: [],
    tags: [],
    dropIn: null,
    mealsServed: null,
    tasks: null,
    slotsPerSession: null,
    hourlyWageYen: null,
    mayLeadToEmployment: null,
    sessionCount: null,
    format: null,
    lastVerifiedOn: null,
    toConfirm: [],
  };
}

/**
 * A leading ' is how the CSV export keeps a cell from running as a formula in Excel (before
 * = + - @, full-width ones too, a tab or a return); the import takes it off again.
 */
export const unquoteFormula = (cell: string): string =>
  cell.replace(/^'(?=[=+\-@\t\r\uFF1D\uFF0B\uFF0D\uFF20])/, '');

export interface CellProblem {
  /** The column as the file names it. */
  column: string;
  message: string;
}

export interface ReadRow {
  record: CatalogRecord;
  errors: CellProblem[];
  warnings: CellProblem[];
  doubts: ScheduleDoubt[];
  /** The record fields the file sets (a re-import changes only these). */
  present: Set<Key>;
}

/**
 * Reads one row: `cells` by column key (after the mapping), `headers` the file's own header of
 * each mapped key, for messages. Every problem in the row is reported, not only the first.
 */
export function readRow(
  cells: Partial<Record<ColumnKey, string>>,
  headers: Partial<Record<ColumnKey, string>>,
  ctx: SheetContext,
  defaults: { kind?: ResourceKind | null } = {},
): ReadRow {
  const record = emptyRecord();
  const errors: CellProblem[] = [];
  const warnings: CellProblem[] = [];
  const present = new Set<Key>();
  const columnOf = (key: ColumnKey) => headers[key] ?? columnByKey(key)?.header ?? key;
  const problem = (list: CellProblem[], key: ColumnKey, message: string) =>
    list.push({ column: columnOf(key), message });
  for (const c of COLUMNS) {
    if (!(c.key in headers)) continue;
    c.fills.forEach((k) => present.add(k));
    const cell = unquoteFormula((cells[c.key] ?? '').trim());
    if (!cell) continue;
    const error = c.read(cell, record, ctx);
    if (error) problem(errors, c.key, error);
  }
  if (!(cells.kind ?? '').trim()) {
    if (defaults.kind) {
      record.kind = defaults.kind;
      present.add('kind');
    } else
      problem(errors, 'kind', '種類を入れてください（居場所・ボランティア・就労体験・プログラム）');
  }
  if (!record.name) problem(errors, 'name', '名称を入れてください');
  if (!record.organizationName && record.name) {
    record.organizationName = record.name;
    present.add('organizationName');
    problem(warnings, 'organizationName', '団体名がないため、名称を団体名としました');
  }
  const at = record.location;
  if (at && (Number.isNaN(at.latitude) || Number.isNaN(at.longitude))) {
    const missing = Number.isNaN(at.latitude) ? 'latitude' : 'longitude';
    // Unless that cell was already refused (out of range), it is empty.
    if (!errors.some((e) => e.column === columnOf(missing)))
      problem(errors, missing, '緯度と経度は両方入れてください');
    record.location = null;
  }
  let doubts: ScheduleDoubt[] = [];
  if (record.scheduleText) {
    const time = (cells.scheduleTime ?? '').trim();
    const written =
      time && !/\d\s*[:時]/.test(record.scheduleText)
        ? `${record.scheduleText} ${time}`
        : record.scheduleText;
    const parsed = parseScheduleText(written, ctx.today);
    if (!parsed.ok) problem(errors, 'scheduleText', parsed.error);
    else {
      record.schedules = parsed.value.schedules;
      record.sessions = parsed.value.sessions;
      doubts = parsed.value.doubts;
      if (doubts.includes('TIMES_ASSUMED'))
        problem(
          warnings,
          'scheduleText',
          '時間が書かれていない日程は 9:00〜17:00 としました。ホストに確認を依頼します',
        );
      if (doubts.includes('START_ASSUMED'))
        problem(
          warnings,
          'scheduleText',
          '隔週などの起点日がないため、取り込み日以降の最初の開催日を起点にしました。ホストに確認を依頼します',
        );
      if (parsed.value.irregular && !record.schedules.length && !record.sessions.length)
        problem(
          warnings,
          'scheduleText',
          '決まった日程がないため、日程は登録されません（元の表記は残ります）',
        );
    }
  }
  return { record, errors, warnings, doubts, present };
}
