import { useEffect, useState } from 'react';
import { gql } from '../api';
import { GENTLE, Gentle, ISO_WEEKDAYS, KINDS, Kind } from '../labels';

/** Times of day one can pick, as Japan-time spans. */
export const HOURS = {
  morning: ['午前', '06:00', '12:00'],
  afternoon: ['午後', '12:00', '17:00'],
  evening: ['夕方から夜', '17:00', '24:00'],
} as const;
type Hours = keyof typeof HOURS;

/** The catalogue's filters as the pages offer them (the public map and the console). */
export interface Filters {
  kinds: Kind[];
  free: boolean;
  gentle: Gentle[];
  area: string;
  theme: string;
  days: number[];
  hours: Hours | '';
}

export function filtersOf(p: URLSearchParams): Filters {
  const list = (name: string) => (p.get(name) ?? '').split(',').filter(Boolean);
  const hours = p.get('hours') ?? '';
  return {
    kinds: list('kind').filter((k): k is Kind => k in KINDS),
    free: p.get('free') === '1',
    gentle: list('gentle').filter((g): g is Gentle => g in GENTLE),
    area: p.get('area') ?? '',
    theme: p.get('theme') ?? '',
    days: list('days')
      .map(Number)
      .filter((d) => d >= 1 && d <= 7),
    hours: hours in HOURS ? (hours as Hours) : '',
  };
}

export function writeFilters(f: Filters, p: URLSearchParams): void {
  if (f.kinds.length) p.set('kind', f.kinds.join(','));
  if (f.free) p.set('free', '1');
  if (f.gentle.length) p.set('gentle', f.gentle.join(','));
  if (f.area) p.set('area', f.area);
  if (f.theme) p.set('theme', f.theme);
  if (f.days.length) p.set('days', f.days.join(','));
  if (f.hours) p.set('hours', f.hours);
}

/** The api's ResourceFilter for these filters. */
export function filterInput(f: Filters): Record<string, unknown> {
  const filter: Record<string, unknown> = {};
  if (f.kinds.length) filter.kinds = f.kinds;
  if (f.free) filter.freeOfCharge = true;
  for (const g of f.gentle) filter[g] = true;
  if (f.area) filter.areaId = f.area;
  if (f.theme) filter.themes = [f.theme];
  if (f.days.length || f.hours) {
    const [, from, to] = f.hours ? HOURS[f.hours] : ['', '00:00', '24:00'];
    filter.weekly = { weekdays: f.days.length ? f.days : [1, 2, 3, 4, 5, 6, 7], from, to };
  }
  return filter;
}

/** The signed-in user's municipality's areas below the city itself (地区, 圏域), for a picker. */
export function useAreas(onError: (message: string) => void): { id: string; name: string }[] {
  const [areas, setAreas] = useState<{ id: string; name: string }[]>([]);
  useEffect(() => {
    gql<{ areas: { edges: { node: { id: string; name: string; level: string } }[] } }>(
      `{ areas(first: 100) { edges { node { id name level } } } }`,
    ).then(
      (d) => setAreas(d.areas.edges.map((e) => e.node).filter((a) => a.level !== 'MUNICIPALITY')),
      (e: Error) => onError(e.message),
    );
  }, [onError]);
  return areas;
}

/** The controlled themes (テーマ), for a picker. */
export function useThemes(): { code: string; label: string }[] {
  const [themes, setThemes] = useState<{ code: string; label: string }[]>([]);
  useEffect(() => {
    void gql<{ themes: { code: string; label: string }[] }>(`{ themes { code label } }`).then(
      (d) => setThemes(d.themes),
      () => undefined,
    );
  }, []);
  return themes;
}

const toggle = <T,>(list: T[], item: T) =>
  list.includes(item) ? list.filter((x) => x !== item) : [...list, item];

/** The filter fields: kind, gentle first steps and cost, area, theme, weekday and time of day. */
export function CatalogueFilterFields({
  value,
  onChange,
  areas,
  themes,
}: {
  value: Filters;
  onChange: (next: Partial<Filters>) => void;
  areas: { id: string; name: string }[];
  themes: { code: string; label: string }[];
}) {
  return (
    <>
      <fieldset>
        <legend>種類</legend>
        {(Object.keys(KINDS) as Kind[]).map((k) => (
          <label key={k} className="check">
            <input
              type="checkbox"
              checked={value.kinds.includes(k)}
              onChange={() => onChange({ kinds: toggle(value.kinds, k) })}
            />
            {KINDS[k]}
          </label>
        ))}
      </fieldset>
      <fieldset>
        <legend>はじめの一歩</legend>
        {(Object.keys(GENTLE) as Gentle[]).map((g) => (
          <label key={g} className="check">
            <input
              type="checkbox"
              checked={value.gentle.includes(g)}
              onChange={() => onChange({ gentle: toggle(value.gentle, g) })}
            />
            {GENTLE[g]}
          </label>
        ))}
        <label className="check">
          <input
            type="checkbox"
            checked={value.free}
            onChange={() => onChange({ free: !value.free })}
          />
          無料
        </label>
      </fieldset>
      <div className="field">
        <label htmlFor="area">地区</label>
        <select id="area" value={value.area} onChange={(e) => onChange({ area: e.target.value })}>
          <option value="">すべての地区</option>
          {areas.map((a) => (
            <option key={a.id} value={a.id}>
              {a.name}
            </option>
          ))}
        </select>
      </div>
      <div className="field">
        <label htmlFor="theme">テーマ</label>
        <select
          id="theme"
          value={value.theme}
          onChange={(e) => onChange({ theme: e.target.value })}
        >
          <option value="">すべてのテーマ</option>
          {themes.map((t) => (
            <option key={t.code} value={t.code}>
              {t.label}
            </option>
          ))}
        </select>
      </div>
      <fieldset>
        <legend>曜日と時間帯（これから4週間）</legend>
        {ISO_WEEKDAYS.map(([d, label]) => (
          <label key={d} className="check">
            <input
              type="checkbox"
              checked={value.days.includes(d)}
              onChange={() => onChange({ days: toggle(value.days, d).sort((a, b) => a - b) })}
            />
            {label}
          </label>
        ))}
        <label className="visually-hidden" htmlFor="hours">
          時間帯
        </label>
        <select
          id="hours"
          value={value.hours}
          onChange={(e) => onChange({ hours: e.target.value as Filters['hours'] })}
        >
          <option value="">時間帯を問わない</option>
          {(Object.keys(HOURS) as (keyof typeof HOURS)[]).map((h) => (
            <option key={h} value={h}>
              {HOURS[h][0]}（{HOURS[h][1]}〜{HOURS[h][2]}）
            </option>
          ))}
        </select>
      </fieldset>
    </>
  );
}
