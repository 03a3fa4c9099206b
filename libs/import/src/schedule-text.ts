import { isCalendarDate } from '@app/common';
import { addDays, format, parseISO } from 'date-fns';

/**
 * Japanese schedule wording, both ways: the forms municipal lists use (毎週火曜 10:00-12:00,
 * 第1・第3土曜, 毎月第2土曜 午前, 隔週水曜, 平日 9時〜17時, 12月5日 13:00-15:00, 不定期) are read into
 * structured rules, and structured rules are written back in one canonical form that reads back
 * to the same rules (the catalogue export and the import share it).
 */

export interface RuleParts {
  freq: 'WEEKLY' | 'MONTHLY';
  interval: number;
  /** ISO weekdays, 1 = Monday … 7 = Sunday. */
  weekdays: number[];
  /** MONTHLY: weeks of the month, 1–5 or -1 (last). */
  nth: number[] | null;
  opensAt: string;
  closesAt: string;
  validFrom: string;
  validTo: string | null;
  closedOnHolidays: boolean;
  note: string | null;
}

export interface SessionParts {
  date: string;
  opensAt: string;
  closesAt: string;
  note: string | null;
}

export interface ClosureParts {
  startsOn: string;
  endsOn: string;
  reason: string | null;
}

/** What needs a person's confirmation after reading a text. */
export type ScheduleDoubt = 'TIMES_ASSUMED' | 'START_ASSUMED';

export interface ParsedSchedule {
  schedules: RuleParts[];
  sessions: SessionParts[];
  /** The text says there is no fixed schedule (不定期, 随時, 要相談 …). */
  irregular: boolean;
  doubts: ScheduleDoubt[];
}

export type Parsed<T> = { ok: true; value: T } | { ok: false; error: string };

const DAY_CHARS = '月火水木金土日';
const DAY_LABEL = ['', '月', '火', '水', '木', '金', '土', '日'];
/** Times a word stands for when no clock time is written. */
const PERIODS: Record<string, [string, string]> = {
  午前: ['09:00', '12:00'],
  午後: ['13:00', '17:00'],
  終日: ['09:00', '17:00'],
  日中: ['09:00', '17:00'],
  夜間: ['18:00', '21:00'],
};
const DEFAULT_TIMES: [string, string] = ['09:00', '17:00'];
const IRREGULAR = /不定期|随時|要相談|応相談|要問い?合わ?せ|お?問い?合わ?せください|調整中|未定/;
const HOLIDAY_OPEN = /祝(?:祭)?日も(?:開催|開所|実施|やって(?:い)?ます)?|祝(?:祭)?日開催/;
const HOLIDAY_CLOSED = /祝(?:祭)?日(?:は|を)?(?:休み|除く|休|お休み)/;
const RANGE = '[-~〜～－―‐]';
const ISO_DATE = /(\d{4})[-/年.](\d{1,2})[-/月.](\d{1,2})日?/;

/** NFKC (full-width digits and letters to ASCII), one kind of range mark, no doubled spaces. */
export function normalizeText(text: string): string {
  return text
    .normalize('NFKC')
    .replace(/[〜～]/g, '~')
    .replace(/\s+/g, ' ')
    .trim();
}

/**
 * Splits a cell into rules: at line breaks, ／ / ; and at 、 where a new rule starts (毎週…,
 * 第…, a date). 「第1、第3土曜」 stays one rule.
 */
function fragmentsOf(text: string): string[] {
  return text
    .split(
      /\r?\n|[／;；]|\s\/\s|、(?=\s*(?:毎|隔|第|平日|土日|\d+週|\d+[かヶケカ]月|\d{4}[-/年]|\d{1,2}月\d))|(?<=曜日?)\s*[・、]\s*(?=第\s*[1-5１-５])/,
    )
    .map((f) => f.trim())
    .filter((f) => f.length > 0)
    .reduce<string[]>((out, f) => {
      // 「第1、第3土曜」: a piece that is only weeks of the month belongs to the next one.
      const last = out[out.length - 1];
      if (last !== undefined && /^[\s毎月第\d１-５・,]+$/.test(last))
        out[out.length - 1] = `${last}・${f}`;
      else out.push(f);
      return out;
    }, []);
}

const pad = (n: number) => String(n).padStart(2, '0');

/** Top-level parenthesised parts, nested ones kept whole: 「（年1回（9月））」 is one note. */
function takeParentheses(text: string): { parts: string[]; rest: string } {
  const parts: string[] = [];
  let rest = '';
  let depth = 0;
  let current = '';
  for (const ch of text) {
    if (ch === '(' || ch === '（') {
      if (depth++ > 0) current += ch;
    } else if ((ch === ')' || ch === '）') && depth > 0) {
      if (--depth > 0) current += ch;
      else {
        parts.push(current.trim());
        current = '';
        rest += ' ';
      }
    } else if (depth > 0) current += ch;
    else rest += ch;
  }
  if (depth > 0) rest += current; // an unclosed （ is left as text
  return { parts, rest };
}

/** A clock time in the text, with 午前/午後 and 時/分/半. */
function clock(
  period: string | undefined,
  hours: string,
  minutes: string | undefined,
  half: boolean,
): number | null {
  let h = Number(hours);
  const m = half ? 30 : minutes ? Number(minutes) : 0;
  if (period === '午後' && h < 12) h += 12;
  if (period === '午前' && h === 12) h = 0;
  if (h > 24 || m > 59) return null;
  return h * 60 + m;
}

const TIME_TOKEN = `(午前|午後)?\\s*(\\d{1,2})(?:\\s*[:：]\\s*(\\d{2})|\\s*時\\s*(?:(\\d{1,2})\\s*分|(半))?)`;
const TIME_RANGE = new RegExp(
  `${TIME_TOKEN}\\s*(?:から|${RANGE})\\s*(?:${TIME_TOKEN})?(?:\\s*まで)?`,
);
/** 「10-12時」: the first hour written without 時. */
const BARE_RANGE = new RegExp(
  `(?<![:\\d])(午前|午後)?\\s*(\\d{1,2})\\s*${RANGE}\\s*(\\d{1,2})\\s*時`,
);

interface Times {
  opensAt: string;
  closesAt: string;
  assumed: boolean;
  rest: string;
}

function timesIn(text: string): Times | { error: string } | null {
  const asTime = (minutes: number) => `${pad(Math.floor(minutes / 60))}:${pad(minutes % 60)}`;
  const range = (start: number | null, end: number | null, rest: string, assumed = false) => {
    if (start === null || end === null || start >= 24 * 60 || end > 24 * 60)
      return { error: '時刻を読み取れません' };
    const closes = Math.min(end, 23 * 60 + 59);
    if (closes <= start) return { error: '終了時刻が開始時刻より前です' };
    return { opensAt: asTime(start), closesAt: asTime(closes), assumed, rest };
  };
  const bare = BARE_RANGE.exec(text);
  if (bare) {
    const start = clock(bare[1], bare[2], undefined, false);
    let end = clock(bare[1], bare[3], undefined, false);
    if (start !== null && end !== null && end <= start && end < 12 * 60) end += 12 * 60;
    return range(start, end, text.replace(bare[0], ' '));
  }
  const m = TIME_RANGE.exec(text);
  if (m) {
    const start = clock(m[1], m[2], m[3] ?? m[4], m[5] === '半');
    if (m[7] === undefined) {
      // 「10:00〜」 or 「10時から」: no end written; two hours assumed, to be confirmed.
      return range(start, start === null ? null : start + 120, text.replace(m[0], ' '), true);
    }
    let end = clock(
      m[6] ?? (m[1] === '午後' ? '午後' : undefined),
      m[7],
      m[8] ?? m[9],
      m[10] === '半',
    );
    // 「午前10時〜1時」: an end before the start, written in 時 on a 12-hour clock, is in the afternoon.
    if (start !== null && end !== null && end <= start && end < 12 * 60 && !m[6] && !m[8])
      end += 12 * 60;
    return range(start, end, text.replace(m[0], ' '));
  }
  for (const [word, [opensAt, closesAt]] of Object.entries(PERIODS)) {
    if (text.includes(word))
      return { opensAt, closesAt, assumed: false, rest: text.replace(word, ' ') };
  }
  return null;
}

/**
 * Weekday characters, with ranges (月〜金, 月曜から金曜), lists (火・木), the words 平日, 土日, 毎日,
 * and 祝 in a list (土・日・祝日: open on holidays). A day character alone counts only where it
 * stands alone (毎週火 10時), never inside another word (祝日, 日程, 月末, 木工).
 */
function weekdaysIn(text: string): { days: number[]; rest: string; openOnHolidays: boolean } {
  const days = new Set<number>();
  let openOnHolidays = false;
  let rest = text;
  const words: [RegExp, number[]][] = [
    [/平日/g, [1, 2, 3, 4, 5]],
    [/毎日/g, [1, 2, 3, 4, 5, 6, 7]],
    [/土日(?:祝(?:祭)?日?)?/g, [6, 7]],
  ];
  for (const [word, list] of words) {
    rest = rest.replace(word, (found) => {
      list.forEach((d) => days.add(d));
      if (found.includes('祝')) openOnHolidays = true;
      return ' ';
    });
  }
  const one = `[${DAY_CHARS}](?:曜日?)?`;
  const separator = `(?:[・,、と及]|${RANGE}|から)`;
  const run = new RegExp(
    `${one}(?:\\s*${separator}\\s*${one})*(?:\\s*[・,、]?\\s*祝(?:祭)?日?)?`,
    'g',
  );
  rest = rest.replace(run, (found: string, offset: number, whole: string) => {
    const parts = [
      ...found.matchAll(new RegExp(`([${DAY_CHARS}])(?:曜日?)?|(${RANGE}|から)`, 'g')),
    ];
    const dayCount = parts.filter((p) => p[1]).length;
    if (dayCount === 1 && !found.includes('曜') && !found.includes('祝')) {
      const before = whole[offset - 1];
      const after = whole[offset + found.length];
      const alone =
        (before === undefined || /[\s\d・、,週第]/.test(before)) &&
        (after === undefined || /[\s\d(（・、,]/.test(after));
      if (!alone) return found;
    }
    let rangeFrom: number | null = null;
    let last: number | null = null;
    for (const p of parts) {
      if (p[2]) {
        rangeFrom = last;
        continue;
      }
      const d = DAY_CHARS.indexOf(p[1]) + 1;
      if (rangeFrom !== null) {
        for (let x: number = rangeFrom; x !== d; x = (x % 7) + 1) days.add(x);
        rangeFrom = null;
      }
      days.add(d);
      last = d;
    }
    if (found.includes('祝')) openOnHolidays = true;
    return ' ';
  });
  return { days: [...days].sort((a, b) => a - b), rest, openOnHolidays };
}

/** 「（2026-04-07から）」「（〜2027-03-31）」「（2026-04-01〜2027-03-31）」. */
function validityIn(note: string): { from: string | null; to: string | null } | null {
  const d = '(\\d{4}-\\d{2}-\\d{2})';
  const m =
    new RegExp(`^${d}\\s*から$`).exec(note) ??
    new RegExp(`^${d}?\\s*~\\s*${d}?(?:まで)?$`).exec(note) ??
    new RegExp(`^()${d}\\s*まで$`).exec(note);
  if (!m || (!m[1] && !m[2])) return null;
  return { from: m[1] || null, to: m[2] || null };
}

function isoDate(year: number, month: number, day: number): string | null {
  const text = `${year}-${pad(month)}-${pad(day)}`;
  return isCalendarDate(text) ? text : null;
}

/** A written day: 2026-12-05, 2026/12/5, 2026年12月5日, or 12月5日 (the next such day from today). */
function dateIn(
  text: string,
  today: string,
): { date: string; rest: string } | { error: string } | null {
  const full = ISO_DATE.exec(text);
  if (full) {
    const date = isoDate(Number(full[1]), Number(full[2]), Number(full[3]));
    return date
      ? { date, rest: text.replace(full[0], ' ') }
      : { error: `存在しない日付です: ${full[0]}` };
  }
  // 12月5日, or 12/5 (a day and month written with a slash).
  const short =
    /(\d{1,2})月(\d{1,2})日/.exec(text) ?? /(?<![\d/])(\d{1,2})\/(\d{1,2})(?![\d/])/.exec(text);
  if (short) {
    const year = Number(today.slice(0, 4));
    const month = Number(short[1]);
    const day = Number(short[2]);
    const thisYear = isoDate(year, month, day);
    if (!thisYear) return { error: `存在しない日付です: ${short[0]}` };
    const date = thisYear >= today ? thisYear : isoDate(year + 1, month, day);
    return date
      ? { date, rest: text.replace(short[0], ' ') }
      : { error: `存在しない日付です: ${short[0]}` };
  }
  return null;
}

/** The first `weekday` on or after `from`. */
function firstOnOrAfter(from: string, weekdays: number[]): string {
  let day = parseISO(from);
  for (let i = 0; i < 7; i++, day = addDays(day, 1)) {
    const iso = ((day.getDay() + 6) % 7) + 1;
    if (weekdays.includes(iso)) break;
  }
  return format(day, 'yyyy-MM-dd');
}

/**
 * Reads a schedule cell. `today` (YYYY-MM-DD, Japan time) starts rules that name no start and
 * places 12月5日 in the coming twelve months. A fragment that cannot be read fails the whole cell,
 * naming the fragment.
 */
export function parseScheduleText(text: string, today: string): Parsed<ParsedSchedule> {
  const result: ParsedSchedule = { schedules: [], sessions: [], irregular: false, doubts: [] };
  const doubt = (d: ScheduleDoubt) => {
    if (!result.doubts.includes(d)) result.doubts.push(d);
  };
  const fragments = fragmentsOf(text);
  // 「毎週火曜・第2土曜 10:00-12:00」: a rule without times takes those of the next rule that has them.
  const written = fragments.map((f) => {
    const t = timesIn(normalizeText(takeParentheses(f).rest));
    return t && !('error' in t) && !t.assumed ? t : null;
  });
  for (const [i, original] of fragments.entries()) {
    const fail = (why: string): Parsed<ParsedSchedule> => ({
      ok: false,
      error: `「${original}」を解釈できません（${why}）`,
    });
    // Parentheses are read from the text as written: a note keeps its own characters.
    const groups = takeParentheses(original);
    let rest = normalizeText(groups.rest);
    // 「不定期」「日時は要相談」; but 「毎週火曜 10時〜（詳しくはお問い合わせください）」 is a rule with a note.
    if (IRREGULAR.test(rest) || (!rest && groups.parts.some((p) => IRREGULAR.test(p)))) {
      result.irregular = true;
      continue;
    }
    // Parenthesised parts: a validity period, a holiday rule, a weekday after a date, or a note.
    let from: string | null = null;
    let to: string | null = null;
    let closedOnHolidays = true;
    const notes: string[] = [];
    for (const written of groups.parts) {
      const part = normalizeText(written);
      const validity = validityIn(part);
      if (validity) {
        from = validity.from ?? from;
        to = validity.to ?? to;
      } else if (HOLIDAY_OPEN.test(part)) closedOnHolidays = false;
      else if (HOLIDAY_CLOSED.test(part)) closedOnHolidays = true;
      else if (!new RegExp(`^[${DAY_CHARS}](?:曜日?)?$`).test(part) && part) notes.push(written);
    }
    if (HOLIDAY_OPEN.test(rest)) {
      closedOnHolidays = false;
      rest = rest.replace(HOLIDAY_OPEN, ' ');
    } else if (HOLIDAY_CLOSED.test(rest)) rest = rest.replace(HOLIDAY_CLOSED, ' ');

    const times = timesIn(rest);
    if (times && 'error' in times) return fail(times.error);
    const borrowed = times ? null : written.slice(i + 1).find((t) => t !== null);
    const [opensAt, closesAt] = times
      ? [times.opensAt, times.closesAt]
      : borrowed
        ? [borrowed.opensAt, borrowed.closesAt]
        : DEFAULT_TIMES;
    if ((!times && !borrowed) || times?.assumed) doubt('TIMES_ASSUMED');
    if (times) rest = times.rest;
    const sessionNote = notes.length ? notes.join('、') : null;

    const date = dateIn(rest, today);
    if (date && 'error' in date) return fail(date.error);
    if (date) {
      if (/\d/.test(date.rest)) return fail('日付の後に読み取れない数字があります');
      result.sessions.push({ date: date.date, opensAt, closesAt, note: sessionNote });
      continue;
    }

    // How often: 毎週 / 隔週 / N週ごと, 毎月 / Nか月ごと, 第N.
    let freq: 'WEEKLY' | 'MONTHLY' = 'WEEKLY';
    let interval = 1;
    let nth: number[] | null = null;
    rest = rest.replace(/毎週|週に?1回/g, ' ');
    if (/隔週/.test(rest)) {
      interval = 2;
      rest = rest.replace(/隔週/g, ' ');
    }
    const everyWeeks = /(\d+)\s*週(?:間)?(?:ごと|毎|おき)/.exec(rest);
    if (everyWeeks) {
      interval = Number(everyWeeks[1]);
      rest = rest.replace(everyWeeks[0], ' ');
    }
    const everyMonths = /(\d+)\s*[かヶケカ箇个]?月(?:ごと|毎|おき)/.exec(rest);
    if (everyMonths) {
      freq = 'MONTHLY';
      interval = Number(everyMonths[1]);
      rest = rest.replace(everyMonths[0], ' ');
    }
    // 毎月, and 毎月1回 / 月2回 beside a 第N that says which.
    if (/毎月|月に?\s*\d\s*回/.test(rest)) {
      freq = 'MONTHLY';
      rest = rest.replace(/毎月(?:\s*\d\s*回)?|月に?\s*\d\s*回/g, ' ');
    }
    const weeks =
      /第\s*([1-5](?:\s*[・,、と及]\s*第?\s*[1-5])*)(?:\s*[・,、と及]\s*(最終))?|(最終)/.exec(rest);
    if (weeks) {
      nth = [
        ...(weeks[1] ? [...weeks[1].matchAll(/[1-5]/g)].map((n) => Number(n[0])) : []),
        ...(weeks[2] || weeks[3] ? [-1] : []),
      ];
      freq = 'MONTHLY';
      rest = rest.replace(weeks[0], ' ');
    }
    if (/\d+\s*日/.test(rest))
      return fail('毎月の日付指定（15日など）には対応していません。曜日で書いてください');
    const { days, rest: left, openOnHolidays } = weekdaysIn(rest);
    rest = left;
    if (openOnHolidays) closedOnHolidays = false;
    if (!days.length) return fail('曜日がありません');
    if (freq === 'MONTHLY' && !nth)
      return fail('毎月の日程には第何週かを書いてください（例: 第2土曜）');
    const leftover = rest.replace(
      /[\s・,、。:~\-]|開催日?|日時|曜日|毎回|から|まで|頃|ごろ|程度|予定|など|時間/g,
      '',
    );
    if (/\d/.test(leftover)) return fail(`読み取れない数字があります: ${leftover}`);
    if (interval > 52) return fail('間隔が長すぎます');
    // What is left is a note, in its own words (開催, 日時 and stray marks aside).
    const ownWords = rest
      .replace(/開催日?|日時|曜日|毎回|頃|ごろ|程度|予定/g, ' ')
      .replace(/^[\s・,、。:~\-]+|[\s・,、。:~\-]+$/g, '')
      .replace(/\s+/g, ' ');
    if (leftover && ownWords) notes.push(ownWords);

    let validFrom = from ?? today;
    if (!from && to && to < today) validFrom = to;
    if (!from && interval > 1) {
      // Every other week counts from a start the text does not give: the first such day from today.
      validFrom = freq === 'WEEKLY' ? firstOnOrAfter(today, days) : today;
      doubt('START_ASSUMED');
    }
    result.schedules.push({
      freq,
      interval,
      weekdays: days,
      nth,
      opensAt,
      closesAt,
      validFrom,
      validTo: to,
      closedOnHolidays,
      note: notes.length ? notes.join('、') : null,
    });
  }
  return { ok: true, value: result };
}

const hhmm = (t: string) => t.slice(0, 5);

/** The canonical wording of rules and one-off days, which `parseScheduleText` reads back. */
export function formatSchedule(
  schedules: readonly RuleParts[],
  sessions: readonly SessionParts[],
  today: string,
): string {
  const rules = [...schedules]
    .sort((a, b) => ruleKey(a).localeCompare(ruleKey(b)))
    .map((s) => {
      const every =
        s.freq === 'WEEKLY'
          ? s.interval === 1
            ? '毎週'
            : s.interval === 2
              ? '隔週'
              : `${s.interval}週ごと`
          : s.interval === 1
            ? '毎月'
            : `${s.interval}か月ごと`;
      const weeks =
        s.freq === 'MONTHLY' && s.nth?.length
          ? [...s.nth]
              .sort((a, b) => (a === -1 ? 9 : a) - (b === -1 ? 9 : b))
              .map((n) => (n === -1 ? '最終' : `第${n}`))
              .join('・')
          : '';
      const days = [...s.weekdays]
        .sort((a, b) => a - b)
        .map((d) => DAY_LABEL[d])
        .join('・');
      const validFrom = s.validFrom.slice(0, 10);
      const showFrom = s.interval > 1 || validFrom > today;
      const validTo = s.validTo?.slice(0, 10);
      const parts = [`${every}${weeks}${days}曜 ${hhmm(s.opensAt)}-${hhmm(s.closesAt)}`];
      if (showFrom || validTo)
        parts.push(`（${showFrom ? validFrom : ''}${validTo ? `~${validTo}` : 'から'}）`);
      if (!s.closedOnHolidays) parts.push('（祝日も開催）');
      if (s.note) parts.push(`（${s.note}）`);
      return parts.join('');
    });
  const days = [...sessions]
    .sort((a, b) => `${a.date}${a.opensAt}`.localeCompare(`${b.date}${b.opensAt}`))
    .map(
      (s) =>
        `${s.date.slice(0, 10)} ${hhmm(s.opensAt)}-${hhmm(s.closesAt)}${s.note ? `（${s.note}）` : ''}`,
    );
  return [...rules, ...days].join('／');
}

function ruleKey(s: RuleParts): string {
  return [s.freq, s.nth?.join(','), s.weekdays.join(','), s.opensAt, s.interval].join('|');
}

/** 休み: 「2026-08-10~2026-08-16（お盆）」, one day alone, separated like rules. */
export function parseClosures(text: string): Parsed<ClosureParts[]> {
  const out: ClosureParts[] = [];
  for (const original of fragmentsOf(text)) {
    let rest = normalizeText(original);
    const groups = takeParentheses(original);
    rest = normalizeText(groups.rest);
    const reason = groups.parts.join('、') || null;
    const dates = [...rest.matchAll(new RegExp(ISO_DATE.source, 'g'))].map((m) =>
      isoDate(Number(m[1]), Number(m[2]), Number(m[3])),
    );
    const leftover = rest
      .replace(new RegExp(ISO_DATE.source, 'g'), '')
      .replace(/[\s~\-]|から|まで/g, '');
    if (!dates.length || dates.length > 2 || dates.includes(null) || leftover)
      return {
        ok: false,
        error: `休み「${original}」を解釈できません（例: 2026-08-10~2026-08-16（お盆））`,
      };
    const [startsOn, endsOn = startsOn] = dates as string[];
    if (endsOn < startsOn)
      return { ok: false, error: `休み「${original}」の最終日が初日より前です` };
    out.push({ startsOn, endsOn, reason });
  }
  return { ok: true, value: out };
}

export function formatClosures(closures: readonly ClosureParts[]): string {
  return [...closures]
    .sort((a, b) => a.startsOn.localeCompare(b.startsOn))
    .map((c) => {
      const span = c.startsOn === c.endsOn ? c.startsOn : `${c.startsOn}~${c.endsOn}`;
      return `${span}${c.reason ? `（${c.reason}）` : ''}`;
    })
    .join('／');
}
