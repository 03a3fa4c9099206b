/** Words the pages show for the catalogue's codes. */
export const KINDS = {
  IBASHO: '居場所',
  VOLUNTEER: 'ボランティア',
  WORK_PLACEMENT: '就労体験',
  PROGRAM: '講座・プログラム',
} as const;
export type Kind = keyof typeof KINDS;

/** The gentle first steps a resident can ask for, as filters and as badges. */
export const GENTLE = {
  observationVisit: '見学だけでも可',
  mayJustBeThere: 'いるだけでも大丈夫',
  talkingOptional: '話さなくても大丈夫',
  supporterMayAccompany: '付き添いと一緒に行ける',
  firstTimerFriendly: '初めての人も歓迎',
  canGrowGradually: '少しずつ時間を増やせる',
} as const;
export type Gentle = keyof typeof GENTLE;

export const BOOKING = {
  NONE: '予約なしで参加できます',
  FIRST_VISIT: '初めての時だけ予約が必要です',
  ALWAYS: '毎回予約が必要です',
} as const;

/** What a host organisation needs. */
export const NEED_KINDS = {
  PEOPLE: '人手',
  THINGS: '物品',
  PLACE: '場所',
  MONEY: '寄付',
} as const;
export type NeedKind = keyof typeof NEED_KINDS;

/** 2026年11月24日, in Japan time. */
export const dayText = (iso: string): string =>
  new Intl.DateTimeFormat('ja-JP', { timeZone: 'Asia/Tokyo', dateStyle: 'long' }).format(
    new Date(iso),
  );

const WEEKDAY = ['日', '月', '火', '水', '木', '金', '土'];

/** 12月5日（土）13:00〜15:00, in Japan time whatever the browser's zone. */
export function occurrenceText(startsAt: string, endsAt: string): string {
  const parts = (iso: string) => {
    const f = new Intl.DateTimeFormat('ja-JP', {
      timeZone: 'Asia/Tokyo',
      month: 'numeric',
      day: 'numeric',
      weekday: 'short',
      hour: '2-digit',
      minute: '2-digit',
      hour12: false,
    }).formatToParts(new Date(iso));
    const get = (type: string) => f.find((p) => p.type === type)?.value ?? '';
    return {
      month: get('month'),
      day: get('day'),
      weekday: get('weekday'),
      time: `${get('hour')}:${get('minute')}`,
    };
  };
  const s = parts(startsAt);
  const e = parts(endsAt);
  return `${s.month}月${s.day}日（${s.weekday}）${s.time}〜${e.time}`;
}

export const weekdayLabel = (iso: number) => WEEKDAY[iso % 7];

/** Monday first, as ISO numbers them (1 = 月 … 7 = 日), for pickers. */
export const ISO_WEEKDAYS: [number, string][] = [1, 2, 3, 4, 5, 6, 7].map((d) => [
  d,
  weekdayLabel(d),
]);

/** Today's date (YYYY-MM-DD) in Japan, whatever the browser's zone. */
export const todayInJapan = (): string =>
  new Date(Date.now() + 9 * 3_600_000).toISOString().slice(0, 10);
