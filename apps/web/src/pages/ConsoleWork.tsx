import { useCallback, useEffect, useState } from 'react';
import { gql, session } from '../api';
import { ErrorNote, Loading } from '../components/Status';
import { weekdayLabel } from '../labels';
import { CONSOLE_LINKS, PACE_LABELS, SignedInFrame } from './Console';

interface FollowUp {
  id: string;
  alias: string;
  resourceName: string;
  dueOn: string;
  automatic: boolean;
}

const STATES: [string, string][] = [
  ['OVERDUE', '期限を過ぎたもの'],
  ['DUE', '今日まで'],
  ['OPEN', 'これから'],
];

/** Check-ins with the people taking part: overdue first, then due, then the coming ones. */
export function ConsoleFollowUps() {
  const [lists, setLists] = useState<Record<string, FollowUp[]> | null>(null);
  const [error, setError] = useState<string | null>(null);
  const load = useCallback(async () => {
    try {
      const entries = await Promise.all(
        STATES.map(async ([state]) => {
          const d = await gql<{ followUps: FollowUp[] }>(
            `query ($s: FollowUpState!) { followUps(state: $s) { id alias resourceName dueOn automatic } }`,
            { s: state },
          );
          return [state, d.followUps] as const;
        }),
      );
      setLists(Object.fromEntries(entries));
    } catch (e) {
      setError((e as Error).message);
    }
  }, []);
  useEffect(() => void load(), [load]);
  const complete = async (id: string) => {
    try {
      await gql(`mutation ($id: ID!) { completeFollowUp(id: $id) { id } }`, { id });
      await load();
    } catch (e) {
      setError((e as Error).message);
    }
  };
  return (
    <SignedInFrame title="フォローアップ" links={CONSOLE_LINKS}>
      <ErrorNote error={error} />
      {!lists ? (
        <Loading />
      ) : (
        STATES.map(([state, label]) => (
          <section key={state} aria-labelledby={`follow-${state}`}>
            <h2 id={`follow-${state}`}>
              {label}（{lists[state].length}件）
            </h2>
            {lists[state].length === 0 ? (
              <p>ありません。</p>
            ) : (
              <ul className="referrals">
                {lists[state].map((f) => (
                  <li
                    key={f.id}
                    className={`referral follow-up ${state === 'OVERDUE' ? 'overdue' : ''}`}
                  >
                    <p>
                      <strong>{f.alias}</strong>（{f.resourceName}） 期日 {f.dueOn}
                      {f.automatic ? '（自動）' : ''}
                    </p>
                    <button type="button" onClick={() => void complete(f.id)}>
                      {f.alias}のフォローアップを済みにする
                    </button>
                  </li>
                ))}
              </ul>
            )}
          </section>
        ))
      )}
    </SignedInFrame>
  );
}

interface Count {
  key: string;
  label: string;
  count: number;
}

interface Indicators {
  from: string;
  to: string;
  referralsByStatus: Count[];
  referralsByArea: Count[];
  declineReasons: Count[];
  waitlists: Count[];
  searchesWithoutResult: Count[];
  unmetDemand: { area: string; paceStage: string; weekday: number; count: number }[];
}

/** Horizontal bars, drawn as plain HTML: the numbers are in the text, the bars only show them. */
function Bars({ title, rows }: { title: string; rows: Count[] }) {
  const max = Math.max(1, ...rows.map((r) => r.count));
  const id = `bars-${title}`;
  return (
    <section aria-labelledby={id} className="chart">
      <h2 id={id}>{title}</h2>
      {rows.length === 0 ? (
        <p>まだありません。</p>
      ) : (
        <table className="bars">
          <tbody>
            {rows.map((r) => (
              <tr key={r.key}>
                <th scope="row">{r.label}</th>
                <td>
                  <span
                    className="bar"
                    style={{ width: `${(r.count / max) * 80}%` }}
                    aria-hidden="true"
                  />
                  <span className="count">{r.count}</span>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}

/** The figures for the 重層的支援会議, as charts and a CSV. */
export function ConsoleIndicators() {
  const [data, setData] = useState<Indicators | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    gql<{ indicators: Indicators }>(
      `{ indicators { from to
          referralsByStatus { key label count } referralsByArea { key label count }
          declineReasons { key label count } waitlists { key label count }
          searchesWithoutResult { key label count }
          unmetDemand { area paceStage weekday count } } }`,
    ).then(
      (d) => setData(d.indicators),
      (e: Error) => setError(e.message),
    );
  }, []);
  const downloadCsv = async () => {
    const res = await fetch('/indicators.csv', {
      headers: { authorization: `Bearer ${session.token() ?? ''}` },
    });
    if (!res.ok) return setError('CSVを作れませんでした');
    const link = document.createElement('a');
    link.href = URL.createObjectURL(await res.blob());
    link.download = 'indicators.csv';
    link.click();
    URL.revokeObjectURL(link.href);
  };
  return (
    <SignedInFrame title="指標" links={CONSOLE_LINKS}>
      <ErrorNote error={error} />
      {!data ? (
        <Loading />
      ) : (
        <>
          <p>
            {data.from.slice(0, 10)} から {data.to.slice(0, 10)} まで。{' '}
            <button type="button" onClick={() => void downloadCsv()}>
              CSVをダウンロード
            </button>
          </p>
          <div className="charts">
            <Bars title="紹介の状況" rows={data.referralsByStatus} />
            <Bars title="地区別の紹介" rows={data.referralsByArea} />
            <Bars title="お断りの理由" rows={data.declineReasons} />
            <Bars title="順番待ち" rows={data.waitlists} />
            <Bars title="見つからなかった検索" rows={data.searchesWithoutResult} />
            <Bars
              title="足りない場所（地区 × ペース × 曜日）"
              rows={data.unmetDemand.map((u) => ({
                key: `${u.area}-${u.paceStage}-${u.weekday}`,
                label: `${u.area}・${PACE_LABELS[u.paceStage] ?? u.paceStage}・${weekdayLabel(u.weekday)}曜`,
                count: u.count,
              }))}
            />
          </div>
        </>
      )}
    </SignedInFrame>
  );
}
