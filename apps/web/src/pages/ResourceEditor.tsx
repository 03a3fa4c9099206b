import { FormEvent, ReactNode, useEffect, useState } from 'react';
import { ApiError, FieldError, gql } from '../api';
import { decimal, wholeNumber } from '../numbers';
import { myOrganizations } from '../organizations';
import { ErrorNote, Loading } from '../components/Status';
import { BOOKING, GENTLE, Gentle, ISO_WEEKDAYS, KINDS, Kind, todayInJapan } from '../labels';
import { navigate } from '../router';
import { SignedInFrame } from './Console';
import { HOST_LINKS } from './HostPortal';

type Freq = 'WEEKLY' | 'MONTHLY';
interface Rule {
  freq: Freq;
  interval: number;
  weekdays: number[];
  nth: number[];
  opensAt: string;
  closesAt: string;
  validFrom: string;
  validTo: string;
  closedOnHolidays: boolean;
  note: string;
}
interface OneOff {
  date: string;
  opensAt: string;
  closesAt: string;
  note: string;
}
interface DaysOff {
  startsOn: string;
  endsOn: string;
  reason: string;
}
interface Draft {
  organizationId: string;
  kind: Kind;
  name: string;
  description: string;
  address: string;
  latitude: string;
  longitude: string;
  onlineOnly: boolean;
  confidentialLocation: boolean;
  capacity: string;
  seatsTaken: string;
  hasWaitlist: boolean;
  booking: keyof typeof BOOKING;
  yen: string;
  feeNote: string;
  contactName: string;
  contactPhone: string;
  contactEmail: string;
  typicalMinutes: string;
  gentle: Record<Gentle, boolean>;
  schedules: Rule[];
  sessions: OneOff[];
  closures: DaysOff[];
}
interface Loaded {
  id: string;
  kind: Kind;
  name: string;
  status: string;
  statusNote: string | null;
  /** The schedule as an imported list wrote it, kept until the rules are edited. */
  scheduleText: string | null;
  /** What an import could not know: PIN_LOCATION, SCHEDULE_TIMES, SCHEDULE_START. */
  toConfirm: string[];
  organization: { id: string } | null;
  description: string | null;
  address: string | null;
  location: { latitude: number; longitude: number } | null;
  onlineOnly: boolean;
  confidentialLocation: boolean;
  openings: {
    capacity: number | null;
    seatsTaken: number;
    hasWaitlist: boolean;
    booking: keyof typeof BOOKING;
  };
  fee: { yen: number; note: string | null };
  contact: { name: string | null; phone: string | null; email: string | null };
  profile: Record<Gentle, boolean> & { typicalMinutes: number | null };
  schedules: (Omit<Rule, 'nth' | 'validTo' | 'note'> & {
    nth: number[] | null;
    validTo: string | null;
    note: string | null;
  })[];
  sessions: (Omit<OneOff, 'note'> & { note: string | null })[];
  closures: (Omit<DaysOff, 'reason'> & { reason: string | null })[];
}

const FIELDS = `id kind name status statusNote scheduleText toConfirm organization { id } description address
  location { latitude longitude } onlineOnly confidentialLocation
  openings { capacity seatsTaken hasWaitlist booking } fee { yen note } contact { name phone email }
  profile { typicalMinutes observationVisit mayJustBeThere talkingOptional supporterMayAccompany firstTimerFriendly canGrowGradually }
  schedules { freq interval weekdays nth opensAt closesAt validFrom validTo closedOnHolidays note }
  sessions { date opensAt closesAt note } closures { startsOn endsOn reason }`;

const NTH: [number, string][] = [
  [1, '第1'],
  [2, '第2'],
  [3, '第3'],
  [4, '第4'],
  [5, '第5'],
  [-1, '最終'],
];

const text = (v: string) => (v.trim() === '' ? null : v.trim());

const newRule = (): Rule => ({
  freq: 'WEEKLY',
  interval: 1,
  weekdays: [],
  nth: [],
  opensAt: '10:00',
  closesAt: '12:00',
  validFrom: todayInJapan(),
  validTo: '',
  closedOnHolidays: true,
  note: '',
});

function draftOf(r: Loaded | null, organizationId: string): Draft {
  const gentle = Object.fromEntries(
    (Object.keys(GENTLE) as Gentle[]).map((g) => [g, r?.profile[g] ?? false]),
  ) as Record<Gentle, boolean>;
  return {
    organizationId: r?.organization?.id ?? organizationId,
    kind: r?.kind ?? 'IBASHO',
    name: r?.name ?? '',
    description: r?.description ?? '',
    address: r?.address ?? '',
    latitude: r?.location ? String(r.location.latitude) : '',
    longitude: r?.location ? String(r.location.longitude) : '',
    onlineOnly: r?.onlineOnly ?? false,
    confidentialLocation: r?.confidentialLocation ?? false,
    capacity: r?.openings.capacity != null ? String(r.openings.capacity) : '',
    seatsTaken: String(r?.openings.seatsTaken ?? 0),
    hasWaitlist: r?.openings.hasWaitlist ?? false,
    booking: r?.openings.booking ?? 'NONE',
    yen: String(r?.fee.yen ?? 0),
    feeNote: r?.fee.note ?? '',
    contactName: r?.contact.name ?? '',
    contactPhone: r?.contact.phone ?? '',
    contactEmail: r?.contact.email ?? '',
    typicalMinutes: r?.profile.typicalMinutes != null ? String(r.profile.typicalMinutes) : '',
    gentle,
    schedules: (r?.schedules ?? []).map((s) => ({
      ...s,
      nth: s.nth ?? [],
      validTo: s.validTo ?? '',
      note: s.note ?? '',
    })),
    sessions: (r?.sessions ?? []).map((s) => ({ ...s, note: s.note ?? '' })),
    closures: (r?.closures ?? []).map((c) => ({ ...c, reason: c.reason ?? '' })),
  };
}

/** The rules as the api takes them. */
function datesInput(d: Draft) {
  return {
    schedules: d.schedules.map((s) => ({
      freq: s.freq,
      interval: s.interval,
      weekdays: s.weekdays,
      nth: s.freq === 'MONTHLY' ? s.nth : null,
      opensAt: s.opensAt,
      closesAt: s.closesAt,
      validFrom: s.validFrom,
      validTo: text(s.validTo),
      closedOnHolidays: s.closedOnHolidays,
      note: text(s.note),
    })),
    sessions: d.sessions.map((s) => ({ ...s, note: text(s.note) })),
    closures: d.closures.map((c) => ({ ...c, reason: text(c.reason) })),
  };
}

/** Where the api names each form field in its errors. */
const PATHS: Partial<Record<keyof Draft, string>> = {
  name: 'name',
  description: 'description',
  address: 'address',
  latitude: 'location.latitude',
  longitude: 'location.longitude',
  capacity: 'openings.capacity',
  seatsTaken: 'openings.seatsTaken',
  yen: 'fee.yen',
  feeNote: 'fee.note',
  contactName: 'contact.name',
  contactPhone: 'contact.phone',
  contactEmail: 'contact.email',
  typicalMinutes: 'profile.typicalMinutes',
};

/**
 * The listing's fields as the api takes them, or the fields that could not be read (a number
 * that is not one, a point with only one coordinate), named as the api would name them.
 */
function fieldsInput(d: Draft): { input: Record<string, unknown>; problems: FieldError[] } {
  const problems: FieldError[] = [];
  const count = (field: keyof Draft, label: string) => {
    const n = wholeNumber(d[field] as string);
    if (n === undefined)
      problems.push({ field: PATHS[field]!, message: `${label}は数字で入力してください` });
    return n ?? null;
  };
  const coordinate = (field: 'latitude' | 'longitude', label: string) => {
    const n = decimal(d[field]);
    if (n === undefined)
      problems.push({
        field: PATHS[field]!,
        message: `${label}は数字で入力してください（例: 35.6895）`,
      });
    return n ?? null;
  };
  const latitude = coordinate('latitude', '緯度');
  const longitude = coordinate('longitude', '経度');
  if ((latitude === null) !== (longitude === null))
    problems.push({
      field: PATHS[latitude === null ? 'latitude' : 'longitude']!,
      message: '緯度と経度は両方入力してください（場所を指定しないときは両方空欄）',
    });
  const input = {
    description: text(d.description),
    address: text(d.address),
    location: latitude !== null && longitude !== null ? { latitude, longitude } : null,
    onlineOnly: d.onlineOnly,
    confidentialLocation: d.confidentialLocation,
    openings: {
      capacity: count('capacity', '定員'),
      seatsTaken: count('seatsTaken', 'いま参加している人数') ?? 0,
      hasWaitlist: d.hasWaitlist,
      booking: d.booking,
    },
    fee: { yen: count('yen', '参加費') ?? 0, note: text(d.feeNote) },
    contact: {
      name: text(d.contactName),
      phone: text(d.contactPhone),
      email: text(d.contactEmail),
    },
    profile: { ...d.gentle, typicalMinutes: count('typicalMinutes', '1回の長さ') },
    ...datesInput(d),
  };
  return { input, problems };
}

/**
 * Only what the person changed: an edit must not answer questions it did not touch (sending
 * the same point back would count as "pin confirmed", the same rules as "schedule confirmed"
 * and would drop the wording an import kept).
 */
function changedOnly(
  next: Record<string, unknown>,
  before: Record<string, unknown>,
): Record<string, unknown> {
  const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);
  return Object.fromEntries(
    Object.entries(next)
      .filter(([k, v]) => !same(v, before[k]))
      .map(([k, v]) =>
        // The api merges these field by field: only the changed ones go (the seats taken,
        // which referrals move, are not written back from an old copy).
        MERGED.has(k)
          ? [k, changedOnly(v as Record<string, unknown>, before[k] as Record<string, unknown>)]
          : [k, v],
      ),
  );
}
const MERGED = new Set(['openings', 'profile']);

/** A host (or staff) creates or edits a listing: what, where, openings, cost, contact and dates. */
export function ResourceEditor({ id }: { id: string | null }) {
  const [loaded, setLoaded] = useState<Loaded | null>(null);
  const [draft, setDraft] = useState<Draft | null>(null);
  const [orgs, setOrgs] = useState<{ id: string; name: string }[]>([]);
  const [municipalityId, setMunicipalityId] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [fieldErrors, setFieldErrors] = useState<FieldError[]>([]);
  const [saved, setSaved] = useState<string | null>(null);
  const [pauseNote, setPauseNote] = useState('');
  // The host says an import's guess is right as it stands: the field is sent, which answers it.
  const [confirmed, setConfirmed] = useState({ location: false, schedule: false });

  useEffect(() => {
    void (async () => {
      try {
        const { municipalityId: m, organizations: mine } = await myOrganizations();
        setMunicipalityId(m);
        setOrgs(mine);
        const resource = id
          ? (
              await gql<{ resource: Loaded }>(
                `query ($id: ID!) { resource(id: $id) { ${FIELDS} } }`,
                { id },
              )
            ).resource
          : null;
        setLoaded(resource);
        setDraft(draftOf(resource, mine[0]?.id ?? ''));
        document.title = `${resource ? resource.name : '新しい活動'}の編集 — つなぐ`;
      } catch (e) {
        setError((e as Error).message);
      }
    })();
  }, [id]);

  if (!draft)
    return (
      <SignedInFrame title="活動の情報の編集" links={HOST_LINKS}>
        <ErrorNote error={error} />
        {!error && <Loading />}
      </SignedInFrame>
    );

  const set = (next: Partial<Draft>) => {
    setDraft({ ...draft, ...next });
    setSaved(null);
  };
  /** The error the api (or the form) gave for a field path, if any. */
  const errorAt = (path: string | undefined) =>
    path ? fieldErrors.find((e) => e.field === path || e.field.startsWith(`${path}.`)) : undefined;
  const invalid = (field: keyof Draft) => errorAt(PATHS[field]) !== undefined;
  const fail = (e: unknown) => {
    setError((e as Error).message);
    setFieldErrors(e instanceof ApiError ? e.fields : []);
    setSaved(null);
  };

  const save = async (event: FormEvent) => {
    event.preventDefault();
    const { input: values, problems } = fieldsInput(draft);
    if (problems.length) {
      fail(new ApiError(problems.map((p) => p.message).join(' / '), problems));
      return;
    }
    try {
      if (loaded) {
        const before = fieldsInput(draftOf(loaded, draft.organizationId)).input;
        const { updateResource } = await gql<{ updateResource: Loaded }>(
          `mutation ($id: ID!, $input: UpdateResourceInput!) { updateResource(id: $id, input: $input) { ${FIELDS} } }`,
          {
            id: loaded.id,
            input: {
              ...changedOnly(
                { name: draft.name.trim(), ...values },
                { name: loaded.name, ...before },
              ),
              ...(confirmed.location && { location: values.location }),
              ...(confirmed.schedule && datesInput(draft)),
            },
          },
        );
        setLoaded(updateResource);
        setDraft(draftOf(updateResource, draft.organizationId));
        setConfirmed({ location: false, schedule: false });
      } else {
        const { createResource } = await gql<{ createResource: { id: string } }>(
          `mutation ($input: CreateResourceInput!) { createResource(input: $input) { id } }`,
          {
            input: {
              municipalityId,
              organizationId: draft.organizationId,
              kind: draft.kind,
              name: draft.name,
              ...values,
            },
          },
        );
        navigate(`/host/resources/${createResource.id}`, true);
      }
      setError(null);
      setFieldErrors([]);
      setSaved('保存しました。');
    } catch (e) {
      fail(e);
    }
  };

  const pauseOrResume = async () => {
    if (!loaded) return;
    try {
      const paused = loaded.status === 'PAUSED';
      const data = await gql<Record<string, Loaded>>(
        paused
          ? `mutation ($id: ID!) { resumeResource(id: $id) { ${FIELDS} } }`
          : `mutation ($id: ID!, $note: String) { pauseResource(id: $id, note: $note) { ${FIELDS} } }`,
        paused ? { id: loaded.id } : { id: loaded.id, note: text(pauseNote) },
      );
      setLoaded(Object.values(data)[0]);
      setError(null);
      setSaved(paused ? '再開しました。地図に載ります。' : '休止にしました。地図には載りません。');
    } catch (e) {
      fail(e);
    }
  };

  const input = (
    label: string,
    field: keyof Draft,
    props: Record<string, unknown> = {},
    hint?: string,
  ) => {
    const problem = errorAt(PATHS[field]);
    const described = [hint && `h-${field}`, problem && `e-${field}`].filter(Boolean).join(' ');
    return (
      <div className="field">
        <label htmlFor={`f-${field}`}>{label}</label>
        <input
          id={`f-${field}`}
          value={draft[field] as string}
          aria-invalid={invalid(field) || undefined}
          aria-describedby={described || undefined}
          onChange={(e) => set({ [field]: e.target.value })}
          {...props}
        />
        {hint && (
          <p className="hint" id={`h-${field}`}>
            {hint}
          </p>
        )}
        {problem && (
          <p className="field-error" id={`e-${field}`}>
            {problem.message}
          </p>
        )}
      </div>
    );
  };
  const check = (label: string, value: boolean, onChange: (v: boolean) => void) => (
    <label className="check">
      <input type="checkbox" checked={value} onChange={(e) => onChange(e.target.checked)} />
      {label}
    </label>
  );
  const rule = (i: number, next: Partial<Rule>) =>
    set({ schedules: draft.schedules.map((s, j) => (i === j ? { ...s, ...next } : s)) });
  const toggle = (list: number[], n: number) =>
    list.includes(n) ? list.filter((x) => x !== n) : [...list, n].sort((a, b) => a - b);

  return (
    <SignedInFrame
      title={loaded ? `${loaded.name}の編集` : '新しい活動を登録する'}
      links={HOST_LINKS}
    >
      <form className="editor" onSubmit={(e) => void save(e)} noValidate>
        {error && (
          <div role="alert" className="error">
            <p>{error.split(' / ').length > 1 ? '入力を確かめてください:' : error}</p>
            {error.split(' / ').length > 1 && (
              <ul>
                {error.split(' / ').map((m) => (
                  <li key={m}>{m}</li>
                ))}
              </ul>
            )}
          </div>
        )}
        <Section title="基本">
          {!loaded && orgs.length > 1 && (
            <div className="field">
              <label htmlFor="f-organizationId">団体</label>
              <select
                id="f-organizationId"
                value={draft.organizationId}
                onChange={(e) => set({ organizationId: e.target.value })}
              >
                {orgs.map((o) => (
                  <option key={o.id} value={o.id}>
                    {o.name}
                  </option>
                ))}
              </select>
            </div>
          )}
          {!loaded && (
            <div className="field">
              <label htmlFor="f-kind">種類</label>
              <select
                id="f-kind"
                value={draft.kind}
                onChange={(e) => set({ kind: e.target.value as Kind })}
              >
                {(Object.keys(KINDS) as Kind[]).map((k) => (
                  <option key={k} value={k}>
                    {KINDS[k]}
                  </option>
                ))}
              </select>
            </div>
          )}
          {input('名称', 'name', { required: true, maxLength: 100 })}
          <div className="field">
            <label htmlFor="f-description">どんな活動か</label>
            <textarea
              id="f-description"
              rows={4}
              value={draft.description}
              aria-invalid={invalid('description') || undefined}
              onChange={(e) => set({ description: e.target.value })}
            />
          </div>
        </Section>

        <Section title="場所">
          {loaded?.toConfirm.includes('PIN_LOCATION') && (
            <div className="note">
              <p>
                取り込みのとき場所が分からず、地区の位置に置いています。正しい緯度・経度を入れるか、このままでよければ確かめてください。
              </p>
              {check('地図上の場所はこのままで正しい', confirmed.location, (v) => {
                setConfirmed({ ...confirmed, location: v });
                setSaved(null);
              })}
            </div>
          )}
          {input('住所', 'address', { autoComplete: 'street-address' })}
          <div className="row">
            {input(
              '緯度',
              'latitude',
              { inputMode: 'decimal' },
              '例: 35.6895（地図アプリで場所を長押しすると分かります）',
            )}
            {input('経度', 'longitude', { inputMode: 'decimal' })}
          </div>
          {check('場所を公開せず、地区だけを表示する', draft.confidentialLocation, (v) =>
            set({ confidentialLocation: v }),
          )}
          {check('オンラインだけで行う', draft.onlineOnly, (v) => set({ onlineOnly: v }))}
        </Section>

        <Section title="受け入れ">
          <div className="row">
            {input('定員（空欄は制限なし）', 'capacity', { inputMode: 'numeric' })}
            {input('いま参加している人数', 'seatsTaken', { inputMode: 'numeric' })}
          </div>
          {check('満員のときはキャンセル待ちを受け付ける', draft.hasWaitlist, (v) =>
            set({ hasWaitlist: v }),
          )}
          <div className="field">
            <label htmlFor="f-booking">予約</label>
            <select
              id="f-booking"
              value={draft.booking}
              onChange={(e) => set({ booking: e.target.value as Draft['booking'] })}
            >
              {(Object.keys(BOOKING) as (keyof typeof BOOKING)[]).map((b) => (
                <option key={b} value={b}>
                  {BOOKING[b]}
                </option>
              ))}
            </select>
          </div>
          {input('1回の長さ（分）', 'typicalMinutes', { inputMode: 'numeric' })}
          <fieldset>
            <legend>はじめての方へ</legend>
            {(Object.keys(GENTLE) as Gentle[]).map((g) => (
              <span key={g}>
                {check(GENTLE[g], draft.gentle[g], (v) =>
                  set({ gentle: { ...draft.gentle, [g]: v } }),
                )}
              </span>
            ))}
          </fieldset>
        </Section>

        <Section title="費用と連絡先">
          <div className="row">
            {input('参加費（円、無料は0）', 'yen', { inputMode: 'numeric' })}
            {input('費用について', 'feeNote', { placeholder: '例: 材料費300円（初回無料）' })}
          </div>
          <div className="row">
            {input('担当者', 'contactName')}
            {input('電話番号', 'contactPhone', { type: 'tel' })}
            {input('メールアドレス', 'contactEmail', { type: 'email' })}
          </div>
        </Section>

        <Section title="日程">
          {loaded?.toConfirm.some((c) => c.startsWith('SCHEDULE_')) && (
            <div className="note">
              <p>
                {loaded.toConfirm.includes('SCHEDULE_TIMES') &&
                  '取り込んだ一覧に時間がなかったため 9:00〜17:00 としています。'}
                {loaded.toConfirm.includes('SCHEDULE_START') &&
                  '隔週などの始まりの日を仮に決めています。'}
                下の日程を直すか、このままでよければ確かめてください。
              </p>
              {check('日程はこのままで正しい', confirmed.schedule, (v) => {
                setConfirmed({ ...confirmed, schedule: v });
                setSaved(null);
              })}
            </div>
          )}
          {loaded?.scheduleText && (
            <p className="note">
              取り込んだ一覧での表記: 「{loaded.scheduleText}」
              （日程を変えて保存すると、この表記の代わりに下の日程が表示されます）
            </p>
          )}
          {draft.schedules.map((s, i) => (
            <fieldset key={i} className="rule">
              <legend>繰り返し {i + 1}</legend>
              <div className="field">
                <label htmlFor={`freq-${i}`}>くり返し</label>
                <select
                  id={`freq-${i}`}
                  value={`${s.freq}:${s.interval}`}
                  onChange={(e) => {
                    const [freq, interval] = e.target.value.split(':');
                    rule(i, { freq: freq as Freq, interval: Number(interval) });
                  }}
                >
                  <option value="WEEKLY:1">毎週</option>
                  <option value="WEEKLY:2">隔週</option>
                  <option value="MONTHLY:1">毎月（第何週か）</option>
                </select>
              </div>
              {s.freq === 'MONTHLY' && (
                <fieldset className="inline">
                  <legend>週</legend>
                  {NTH.map(([n, label]) => (
                    <span key={n}>
                      {check(label, s.nth.includes(n), () => rule(i, { nth: toggle(s.nth, n) }))}
                    </span>
                  ))}
                </fieldset>
              )}
              <fieldset className="inline">
                <legend>曜日</legend>
                {ISO_WEEKDAYS.map(([d, label]) => (
                  <span key={d}>
                    {check(label, s.weekdays.includes(d), () =>
                      rule(i, { weekdays: toggle(s.weekdays, d) }),
                    )}
                  </span>
                ))}
              </fieldset>
              <div className="row">
                <TimeField
                  id={`opens-${i}`}
                  error={errorAt(`schedules.${i}.opensAt`)}
                  label="開始"
                  value={s.opensAt}
                  onChange={(v) => rule(i, { opensAt: v })}
                />
                <TimeField
                  id={`closes-${i}`}
                  error={errorAt(`schedules.${i}.closesAt`)}
                  label="終了"
                  value={s.closesAt}
                  onChange={(v) => rule(i, { closesAt: v })}
                />
                <DateField
                  id={`from-${i}`}
                  error={errorAt(`schedules.${i}.validFrom`)}
                  label="いつから"
                  value={s.validFrom}
                  onChange={(v) => rule(i, { validFrom: v })}
                />
                <DateField
                  id={`to-${i}`}
                  error={errorAt(`schedules.${i}.validTo`)}
                  label="いつまで（任意）"
                  value={s.validTo}
                  onChange={(v) => rule(i, { validTo: v })}
                />
              </div>
              {check('祝日は休み', s.closedOnHolidays, (v) => rule(i, { closedOnHolidays: v }))}
              <button
                type="button"
                onClick={() => set({ schedules: draft.schedules.filter((_, j) => j !== i) })}
              >
                繰り返し {i + 1} を削除
              </button>
            </fieldset>
          ))}
          <button type="button" onClick={() => set({ schedules: [...draft.schedules, newRule()] })}>
            繰り返しの日程を追加
          </button>

          {draft.sessions.map((s, i) => (
            <fieldset key={`s${i}`} className="rule">
              <legend>単発の日 {i + 1}</legend>
              <div className="row">
                <DateField
                  id={`sd-${i}`}
                  error={errorAt(`sessions.${i}.date`)}
                  label="日付"
                  value={s.date}
                  onChange={(v) =>
                    set({
                      sessions: draft.sessions.map((x, j) => (i === j ? { ...x, date: v } : x)),
                    })
                  }
                />
                <TimeField
                  id={`so-${i}`}
                  error={errorAt(`sessions.${i}.opensAt`)}
                  label="開始"
                  value={s.opensAt}
                  onChange={(v) =>
                    set({
                      sessions: draft.sessions.map((x, j) => (i === j ? { ...x, opensAt: v } : x)),
                    })
                  }
                />
                <TimeField
                  id={`sc-${i}`}
                  error={errorAt(`sessions.${i}.closesAt`)}
                  label="終了"
                  value={s.closesAt}
                  onChange={(v) =>
                    set({
                      sessions: draft.sessions.map((x, j) => (i === j ? { ...x, closesAt: v } : x)),
                    })
                  }
                />
              </div>
              <button
                type="button"
                onClick={() => set({ sessions: draft.sessions.filter((_, j) => j !== i) })}
              >
                単発の日 {i + 1} を削除
              </button>
            </fieldset>
          ))}
          <button
            type="button"
            onClick={() =>
              set({
                sessions: [
                  ...draft.sessions,
                  { date: todayInJapan(), opensAt: '10:00', closesAt: '12:00', note: '' },
                ],
              })
            }
          >
            単発の日を追加
          </button>

          {draft.closures.map((c, i) => (
            <fieldset key={`c${i}`} className="rule">
              <legend>お休み {i + 1}</legend>
              <div className="row">
                <DateField
                  id={`cs-${i}`}
                  error={errorAt(`closures.${i}.startsOn`)}
                  label="から"
                  value={c.startsOn}
                  onChange={(v) =>
                    set({
                      closures: draft.closures.map((x, j) => (i === j ? { ...x, startsOn: v } : x)),
                    })
                  }
                />
                <DateField
                  id={`ce-${i}`}
                  error={errorAt(`closures.${i}.endsOn`)}
                  label="まで"
                  value={c.endsOn}
                  onChange={(v) =>
                    set({
                      closures: draft.closures.map((x, j) => (i === j ? { ...x, endsOn: v } : x)),
                    })
                  }
                />
                <div className="field">
                  <label htmlFor={`cr-${i}`}>理由</label>
                  <input
                    id={`cr-${i}`}
                    value={c.reason}
                    placeholder="例: 年末年始"
                    onChange={(e) =>
                      set({
                        closures: draft.closures.map((x, j) =>
                          i === j ? { ...x, reason: e.target.value } : x,
                        ),
                      })
                    }
                  />
                </div>
              </div>
              <button
                type="button"
                onClick={() => set({ closures: draft.closures.filter((_, j) => j !== i) })}
              >
                お休み {i + 1} を削除
              </button>
            </fieldset>
          ))}
          <button
            type="button"
            onClick={() => {
              const today = todayInJapan();
              set({
                closures: [...draft.closures, { startsOn: today, endsOn: today, reason: '' }],
              });
            }}
          >
            お休みの期間を追加
          </button>
          {loaded ? (
            <CalendarPreview id={loaded.id} draft={draft} />
          ) : (
            <p className="hint">登録すると、ここに日程のカレンダーが表示されます。</p>
          )}
        </Section>

        <div className="buttons save">
          <button type="submit">{loaded ? '保存する' : '登録する'}</button>
        </div>
        {saved && (
          <p role="status" className="ok">
            {saved}
          </p>
        )}
      </form>

      {loaded && (
        <Section title={loaded.status === 'PAUSED' ? '休止中' : '休止する'}>
          {loaded.status === 'PAUSED' ? (
            <p>
              休止中です{loaded.statusNote ? `（${loaded.statusNote}）` : ''}
              。地図や紹介の候補には出ません。
            </p>
          ) : (
            <div className="field">
              <label htmlFor="pause-note">休止の理由（地域の方に表示されます）</label>
              <input
                id="pause-note"
                value={pauseNote}
                placeholder="例: 夏休み、担い手不足"
                onChange={(e) => setPauseNote(e.target.value)}
              />
            </div>
          )}
          <button type="button" onClick={() => void pauseOrResume()}>
            {loaded.status === 'PAUSED' ? '再開する' : '休止する'}
          </button>
        </Section>
      )}
    </SignedInFrame>
  );
}

function Section({ title, children }: { title: string; children: ReactNode }) {
  return (
    <section className="editor-section" aria-label={title}>
      <h2>{title}</h2>
      {children}
    </section>
  );
}

interface DayFieldProps {
  id: string;
  label: string;
  value: string;
  onChange: (v: string) => void;
  error?: FieldError;
}

/** A time or date input, its error (from the api) said beside it and tied to it. */
function DayField({ type, ...p }: DayFieldProps & { type: 'time' | 'date' }) {
  return (
    <div className="field">
      <label htmlFor={p.id}>{p.label}</label>
      <input
        id={p.id}
        type={type}
        value={p.value}
        aria-invalid={p.error ? true : undefined}
        aria-describedby={p.error ? `e-${p.id}` : undefined}
        onChange={(e) => p.onChange(e.target.value)}
      />
      {p.error && (
        <p className="field-error" id={`e-${p.id}`}>
          {p.error.message}
        </p>
      )}
    </div>
  );
}
const TimeField = (p: DayFieldProps) => <DayField type="time" {...p} />;
const DateField = (p: DayFieldProps) => <DayField type="date" {...p} />;

/** The next two months as calendars, from the rules as they stand in the form (not yet saved). */
function CalendarPreview({ id, draft }: { id: string; draft: Draft }) {
  const [dates, setDates] = useState<{ startsAt: string; oneOff: boolean }[] | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const rules = JSON.stringify(datesInput(draft));
  const today = todayInJapan();
  const first = `${today.slice(0, 7)}-01`;

  useEffect(() => {
    // Only the answer for the rules as they are now is shown (a late answer for older ones is not).
    let current = true;
    const timer = setTimeout(() => {
      const from = new Date(`${first}T00:00:00+09:00`);
      const to = new Date(from.getTime() + 62 * 86_400_000);
      gql<{ schedulePreview: { startsAt: string; oneOff: boolean }[] }>(
        `query ($id: ID!, $draft: ScheduleDraftInput!, $from: DateTime!, $to: DateTime!) {
           schedulePreview(id: $id, draft: $draft, from: $from, to: $to) { startsAt oneOff } }`,
        { id, draft: JSON.parse(rules) as unknown, from: from.toISOString(), to: to.toISOString() },
      ).then(
        (d) => {
          if (!current) return;
          setDates(d.schedulePreview);
          setProblem(null);
        },
        (e: Error) => current && setProblem(e.message),
      );
    }, 400);
    return () => {
      current = false;
      clearTimeout(timer);
    };
  }, [id, rules, first]);

  const byDay = new Map<string, string[]>();
  for (const d of dates ?? []) {
    const japan = new Date(Date.parse(d.startsAt) + 9 * 3_600_000).toISOString();
    const day = japan.slice(0, 10);
    byDay.set(day, [...(byDay.get(day) ?? []), japan.slice(11, 16)]);
  }
  const months = [0, 1].map((k) => {
    const [y, m] = first.split('-').map(Number);
    return new Date(Date.UTC(y, m - 1 + k, 1));
  });

  return (
    <div className="calendar-preview">
      <h3>日程のカレンダー（保存前の確認）</h3>
      <p className="hint">祝日とお休みの期間を反映しています。</p>
      {problem && (
        <p className="error" aria-live="polite">
          {problem}
        </p>
      )}
      {dates === null && !problem ? (
        <Loading />
      ) : (
        <div className="months">
          {months.map((month) => (
            <Month key={month.toISOString()} month={month} byDay={byDay} />
          ))}
        </div>
      )}
      <p aria-live="polite">{dates ? `この2か月で${dates.length}回` : ''}</p>
    </div>
  );
}

function Month({ month, byDay }: { month: Date; byDay: Map<string, string[]> }) {
  const year = month.getUTCFullYear();
  const m = month.getUTCMonth();
  const days = new Date(Date.UTC(year, m + 1, 0)).getUTCDate();
  // Monday first: blank cells before the 1st.
  const lead = (month.getUTCDay() + 6) % 7;
  const cells: (number | null)[] = [
    ...Array<null>(lead).fill(null),
    ...Array.from({ length: days }, (_, i) => i + 1),
  ];
  while (cells.length % 7) cells.push(null);
  const weeks = Array.from({ length: cells.length / 7 }, (_, w) => cells.slice(w * 7, w * 7 + 7));
  const key = (d: number) =>
    `${year}-${String(m + 1).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
  return (
    <table className="month">
      <caption>
        {year}年{m + 1}月
      </caption>
      <thead>
        <tr>
          {ISO_WEEKDAYS.map(([, label]) => (
            <th key={label} scope="col">
              {label}
            </th>
          ))}
        </tr>
      </thead>
      <tbody>
        {weeks.map((week, w) => (
          <tr key={w}>
            {week.map((d, i) => {
              const times = d ? byDay.get(key(d)) : undefined;
              return (
                <td key={i} className={times ? 'open' : undefined}>
                  {d && (
                    <>
                      <span className="day">{d}</span>
                      {times?.map((t) => (
                        <span key={t} className="time">
                          {t}
                        </span>
                      ))}
                    </>
                  )}
                </td>
              );
            })}
          </tr>
        ))}
      </tbody>
    </table>
  );
}
