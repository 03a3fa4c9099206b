import { FormEvent, useCallback, useEffect, useState } from 'react';
import { gql } from '../api';
import { todayInJapan } from '../labels';
import { wholeNumber } from '../numbers';
import { ErrorNote } from './Status';

interface Entry {
  id: string;
  kind: 'VISIT' | 'STEP_UP' | 'SELF_ASSESSMENT';
  on: string;
  minutes: number | null;
  supporterCame: boolean | null;
  fromMinutes: number | null;
  toMinutes: number | null;
  feeling: number | null;
  note: string | null;
}

const FEELINGS = ['', 'つながっていない', 'あまり', 'どちらとも', 'すこし', 'つながっている'];

function entryText(e: Entry): string {
  if (e.kind === 'VISIT') return `参加 ${e.minutes}分${e.supporterCame ? '（付き添いあり）' : ''}`;
  if (e.kind === 'STEP_UP') return `ステップアップ ${e.fromMinutes}分 → ${e.toMinutes}分`;
  return `本人の実感${e.feeling ? `: ${e.feeling}（${FEELINGS[e.feeling]}）` : ''}`;
}

/**
 * A referral's participation log (参加の記録), newest first, and a visit added in one line.
 * Coordinators also record a step up and the person's own sense of being connected.
 */
export function ParticipationLog({
  referralId,
  coordinator,
}: {
  referralId: string;
  coordinator: boolean;
}) {
  const [entries, setEntries] = useState<Entry[]>([]);
  const [error, setError] = useState<string | null>(null);
  const [saved, setSaved] = useState<string | null>(null);
  const [visit, setVisit] = useState({
    on: todayInJapan(),
    minutes: '60',
    supporterCame: false,
    note: '',
  });
  const [step, setStep] = useState({ on: todayInJapan(), fromMinutes: '60', toMinutes: '120' });
  const [feeling, setFeeling] = useState({ on: todayInJapan(), feeling: '', words: '' });

  const load = useCallback(() => {
    gql<{ participation: Entry[] }>(
      `query ($id: ID!) { participation(referralId: $id) { id kind on minutes supporterCame fromMinutes toMinutes feeling note } }`,
      { id: referralId },
    ).then(
      (d) => setEntries(d.participation),
      (e: Error) => setError(e.message),
    );
  }, [referralId]);
  useEffect(load, [load]);

  const record = async (
    event: FormEvent,
    query: string,
    variables: Record<string, unknown>,
    done: string,
  ) => {
    event.preventDefault();
    // Minutes as typed (full-width digits too); anything else is said here, not sent.
    if (Object.values(variables).some((v) => v === undefined)) {
      setError('時間（分）は数字で入力してください');
      setSaved(null);
      return;
    }
    try {
      await gql(query, { referralId, ...variables });
      setError(null);
      setSaved(done);
      load();
    } catch (e) {
      setError((e as Error).message);
      setSaved(null);
    }
  };
  const id = (f: string) => `${f}-${referralId}`;

  return (
    <section className="participation" aria-label="参加の記録">
      <h3>参加の記録</h3>
      {entries.length === 0 ? (
        <p>まだ記録はありません。</p>
      ) : (
        <ol className="log">
          {entries.map((e) => (
            <li key={e.id}>
              <time dateTime={e.on}>{e.on}</time> {entryText(e)}
              {e.note ? `「${e.note}」` : ''}
            </li>
          ))}
        </ol>
      )}
      <ErrorNote error={error} />
      {saved && (
        <p role="status" className="ok">
          {saved}
        </p>
      )}
      <form
        className="row"
        aria-label="参加を記録する"
        onSubmit={(e) =>
          void record(
            e,
            `mutation ($referralId: ID!, $on: String!, $minutes: Int!, $supporterCame: Boolean!, $note: String) {
               logVisit(referralId: $referralId, on: $on, minutes: $minutes, supporterCame: $supporterCame, note: $note) { id } }`,
            {
              on: visit.on,
              minutes: wholeNumber(visit.minutes) ?? undefined,
              supporterCame: visit.supporterCame,
              note: visit.note || null,
            },
            '参加を記録しました。',
          )
        }
      >
        <div className="field">
          <label htmlFor={id('on')}>日付</label>
          <input
            id={id('on')}
            type="date"
            value={visit.on}
            onChange={(e) => setVisit({ ...visit, on: e.target.value })}
          />
        </div>
        <div className="field">
          <label htmlFor={id('minutes')}>いた時間（分）</label>
          <input
            id={id('minutes')}
            inputMode="numeric"
            value={visit.minutes}
            onChange={(e) => setVisit({ ...visit, minutes: e.target.value })}
          />
        </div>
        <div className="field">
          <label htmlFor={id('note')}>メモ（任意）</label>
          <input
            id={id('note')}
            value={visit.note}
            onChange={(e) => setVisit({ ...visit, note: e.target.value })}
          />
        </div>
        <label className="check">
          <input
            type="checkbox"
            checked={visit.supporterCame}
            onChange={(e) => setVisit({ ...visit, supporterCame: e.target.checked })}
          />
          付き添いがあった
        </label>
        <button type="submit">参加を記録する</button>
      </form>
      {coordinator && (
        <>
          <form
            className="row"
            aria-label="ステップアップを記録する"
            onSubmit={(e) =>
              void record(
                e,
                `mutation ($referralId: ID!, $on: String!, $from: Int!, $to: Int!) {
                   logStepUp(referralId: $referralId, on: $on, fromMinutes: $from, toMinutes: $to) { id } }`,
                {
                  on: step.on,
                  from: wholeNumber(step.fromMinutes) ?? undefined,
                  to: wholeNumber(step.toMinutes) ?? undefined,
                },
                'ステップアップを記録しました。',
              )
            }
          >
            <div className="field">
              <label htmlFor={id('step-on')}>日付</label>
              <input
                id={id('step-on')}
                type="date"
                value={step.on}
                onChange={(e) => setStep({ ...step, on: e.target.value })}
              />
            </div>
            <div className="field">
              <label htmlFor={id('from')}>これまで（分）</label>
              <input
                id={id('from')}
                inputMode="numeric"
                value={step.fromMinutes}
                onChange={(e) => setStep({ ...step, fromMinutes: e.target.value })}
              />
            </div>
            <div className="field">
              <label htmlFor={id('to')}>これから（分）</label>
              <input
                id={id('to')}
                inputMode="numeric"
                value={step.toMinutes}
                onChange={(e) => setStep({ ...step, toMinutes: e.target.value })}
              />
            </div>
            <button type="submit">ステップアップを記録する</button>
          </form>
          <form
            className="row"
            aria-label="本人の実感を記録する"
            onSubmit={(e) =>
              void record(
                e,
                `mutation ($referralId: ID!, $on: String!, $feeling: Int, $words: String) {
                   recordSelfAssessment(referralId: $referralId, on: $on, feeling: $feeling, words: $words) { id } }`,
                {
                  on: feeling.on,
                  feeling: feeling.feeling ? Number(feeling.feeling) : null,
                  words: feeling.words || null,
                },
                '本人の実感を記録しました。',
              )
            }
          >
            <div className="field">
              <label htmlFor={id('feeling-on')}>日付</label>
              <input
                id={id('feeling-on')}
                type="date"
                value={feeling.on}
                onChange={(e) => setFeeling({ ...feeling, on: e.target.value })}
              />
            </div>
            <div className="field">
              <label htmlFor={id('feeling')}>つながっている実感（本人の答え）</label>
              <select
                id={id('feeling')}
                value={feeling.feeling}
                onChange={(e) => setFeeling({ ...feeling, feeling: e.target.value })}
              >
                <option value="">答えない</option>
                {[1, 2, 3, 4, 5].map((n) => (
                  <option key={n} value={n}>
                    {n}（{FEELINGS[n]}）
                  </option>
                ))}
              </select>
            </div>
            <div className="field">
              <label htmlFor={id('words')}>本人のことば（任意）</label>
              <input
                id={id('words')}
                value={feeling.words}
                onChange={(e) => setFeeling({ ...feeling, words: e.target.value })}
              />
            </div>
            <button type="submit">本人の実感を記録する</button>
          </form>
        </>
      )}
    </section>
  );
}
