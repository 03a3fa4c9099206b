import { FormEvent, ReactNode, useCallback, useEffect, useState } from 'react';
import { AppLink } from '../components/AppLink';
import { ErrorNote, Loading } from '../components/Status';
import { gql, session } from '../api';
import { KINDS, Kind } from '../labels';
import { navigate } from '../router';

export const PACE_LABELS: Record<string, string> = {
  NOT_YET_OUT: 'まだ外に出られない',
  JUST_BEING_THERE: 'いるだけなら',
  SHORT_TASKS: '短い作業なら',
  REGULAR_ACTIVITY: '定期的な活動へ',
  NEAR_WORK: '働くことに近づく',
};

/** The frame of the signed-in pages: a way back to each list, and signing out. */
export function SignedInFrame({
  title,
  children,
  links,
}: {
  title: string;
  children: ReactNode;
  links: [string, string][];
}) {
  useEffect(() => {
    if (!session.token()) navigate('/login', true);
  }, []);
  const signOut = () => {
    void gql(`mutation { logout }`).finally(() => {
      session.end();
      navigate('/login');
    });
  };
  return (
    <div className="page">
      <header className="console-header">
        <p className="brand">つなぐ</p>
        <nav aria-label="メニュー">
          <ul>
            {links.map(([to, label]) => (
              <li key={to}>
                <AppLink to={to}>{label}</AppLink>
              </li>
            ))}
          </ul>
        </nav>
        <button type="button" onClick={signOut}>
          サインアウト
        </button>
      </header>
      <main>
        <h1>{title}</h1>
        {children}
      </main>
    </div>
  );
}

export const CONSOLE_LINKS: [string, string][] = [
  ['/console', '対象者'],
  ['/console/resources', '活動をさがす'],
  ['/console/referrals', '紹介の状況'],
  ['/console/allocation', '一括の割り当て'],
  ['/console/follow-ups', 'フォローアップ'],
  ['/console/indicators', '指標'],
];

interface CandidateRow {
  id: string;
  alias: string;
  profile: { paceStage: string } | null;
}

/** The coordinator's list of the people they support. */
export function ConsoleHome() {
  const [rows, setRows] = useState<CandidateRow[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    gql<{ candidates: { edges: { node: CandidateRow }[] } }>(
      `query { candidates(first: 100, purpose: "担当する対象者の一覧を見る") { edges { node { id alias profile { paceStage } } } } }`,
    ).then(
      (d) => setRows(d.candidates.edges.map((e) => e.node)),
      (e: Error) => setError(e.message),
    );
  }, []);
  return (
    <SignedInFrame title="対象者" links={CONSOLE_LINKS}>
      <p>
        <AppLink to={'/console/candidates/new'} className="button-link">
          新しい方を登録する
        </AppLink>
      </p>
      <ErrorNote error={error} />
      {rows === null ? (
        <Loading />
      ) : (
        <table className="table">
          <caption>担当する方（仮名）</caption>
          <thead>
            <tr>
              <th scope="col">仮名</th>
              <th scope="col">いまのペース</th>
              <th scope="col">
                <span className="visually-hidden">操作</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {rows.map((c) => (
              <tr key={c.id}>
                <th scope="row">{c.alias}</th>
                <td>{c.profile ? PACE_LABELS[c.profile.paceStage] : '未入力'}</td>
                <td>
                  <div className="buttons">
                    <AppLink to={`/console/candidates/${c.id}`}>{c.alias}に合う場所を探す</AppLink>
                    <AppLink to={`/console/candidates/${c.id}/profile`}>
                      {c.alias}のプロフィール
                    </AppLink>
                  </div>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </SignedInFrame>
  );
}

export interface Match {
  resource: {
    id: string;
    name: string;
    kind: Kind;
    organization: { name: string } | null;
    area: { name: string } | null;
  };
  score: number;
  distanceMeters: number | null;
  explanations: string[];
}

export interface MatchResult {
  alias: string;
  considered: number;
  matches: Match[];
  nearMisses: { resource: { id: string; name: string }; reason: string }[];
}

const MATCH = `query ($id: ID!) {
  matchResources(candidateId: $id, first: 10, purpose: "本人と一緒に参加先を検討する") {
    alias considered
    matches {
      score distanceMeters explanations
      resource { id name kind organization { name } area { name } }
    }
    nearMisses { resource { id name } reason }
  }
}`;

/** Matches for one person, each with its reasons in words that can be read aloud to them. */
export function CandidateMatches({ id }: { id: string }) {
  const [result, setResult] = useState<MatchResult | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [referring, setReferring] = useState<Match | null>(null);
  const [sent, setSent] = useState<Record<string, string>>({});
  useEffect(() => {
    gql<{ matchResources: MatchResult }>(MATCH, { id }).then(
      (d) => setResult(d.matchResources),
      (e: Error) => setError(e.message),
    );
  }, [id]);
  return (
    <SignedInFrame title={result ? `${result.alias}に合う場所` : '合う場所'} links={CONSOLE_LINKS}>
      <ErrorNote error={error} />
      {!result ? (
        <Loading text="探しています…" />
      ) : (
        <>
          <p>{result.considered}か所から、条件に合う場所を合う順に並べました。</p>
          <MatchCards
            matches={result.matches}
            action={(m) => (
              <>
                {sent[m.resource.id] ? (
                  <p role="status" className="ok">
                    紹介を送りました（{sent[m.resource.id]}）
                  </p>
                ) : (
                  <button type="button" onClick={() => setReferring(m)}>
                    {m.resource.name}に紹介する
                  </button>
                )}
                {referring?.resource.id === m.resource.id && (
                  <ReferralForm
                    candidateId={id}
                    match={m}
                    onSent={(status) => {
                      setSent({ ...sent, [m.resource.id]: status });
                      setReferring(null);
                    }}
                    onCancel={() => setReferring(null)}
                  />
                )}
              </>
            )}
          />
          {result.nearMisses.length > 0 && (
            <section aria-labelledby="near-misses">
              <h2 id="near-misses">あと一歩の場所</h2>
              <ul>
                {result.nearMisses.map((n) => (
                  <li key={n.resource.id}>
                    {n.resource.name}: {n.reason}
                  </li>
                ))}
              </ul>
            </section>
          )}
        </>
      )}
    </SignedInFrame>
  );
}

/** Places with the reasons each fits, in words to read aloud with the person; `action` below each. */
export function MatchCards({
  matches,
  action,
}: {
  matches: Match[];
  action: (m: Match) => ReactNode;
}) {
  return (
    <ol className="matches">
      {matches.map((m) => (
        <li key={m.resource.id} className="match">
          <h2>
            <AppLink to={`/resources/${m.resource.id}`}>{m.resource.name}</AppLink>
          </h2>
          <p className="meta">
            <span className={`kind kind-${m.resource.kind}`}>{KINDS[m.resource.kind]}</span>
            {m.resource.organization && <span>{m.resource.organization.name}</span>}
            {m.resource.area && <span>{m.resource.area.name}</span>}
            {m.distanceMeters !== null && <span>約{(m.distanceMeters / 1000).toFixed(1)}km</span>}
          </p>
          <h3 className="visually-hidden">合う理由</h3>
          <ul className="reasons">
            {m.explanations.map((e) => (
              <li key={e}>{e}</li>
            ))}
          </ul>
          {action(m)}
        </li>
      ))}
    </ol>
  );
}

function ReferralForm({
  candidateId,
  match,
  onSent,
  onCancel,
}: {
  candidateId: string;
  match: Match;
  onSent: (statusLabel: string) => void;
  onCancel: () => void;
}) {
  const [message, setMessage] = useState('はじめは見学から。');
  const [window, setWindow] = useState('');
  const [error, setError] = useState<string | null>(null);
  // One key for this form: sending twice (a double click, a retry) sends once.
  const [key] = useState(() => crypto.randomUUID());
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    try {
      const { sendReferral } = await gql<{ sendReferral: { statusLabel: string } }>(
        `mutation ($input: ReferralInput!, $key: String!) { sendReferral(input: $input, idempotencyKey: $key) { id statusLabel } }`,
        {
          input: {
            candidateId,
            resourceId: match.resource.id,
            message,
            proposedWindow: window || null,
          },
          key,
        },
      );
      onSent(sendReferral.statusLabel);
    } catch (e) {
      setError((e as Error).message);
    }
  };
  return (
    <form
      className="stack referral-form"
      onSubmit={(e) => void submit(e)}
      aria-label={`${match.resource.name}への紹介`}
    >
      <label htmlFor="referral-message">受け入れ先へのひとこと</label>
      <textarea
        id="referral-message"
        value={message}
        onChange={(e) => setMessage(e.target.value)}
        rows={3}
      />
      <label htmlFor="referral-window">希望する時期・時間帯</label>
      <input
        id="referral-window"
        value={window}
        onChange={(e) => setWindow(e.target.value)}
        placeholder="例: 平日の午後"
      />
      <ErrorNote error={error} />
      <div className="buttons">
        <button type="submit">紹介を送る</button>
        <button type="button" onClick={onCancel}>
          やめる
        </button>
      </div>
    </form>
  );
}

interface ReferralRow {
  id: string;
  alias: string;
  resourceName: string;
  statusLabel: string;
}

/** The coordinator's referrals and where each stands. */
export function ConsoleReferrals() {
  const [rows, setRows] = useState<ReferralRow[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const load = useCallback(() => {
    gql<{ referrals: ReferralRow[] }>(
      `query { referrals { id alias resourceName statusLabel } }`,
    ).then(
      (d) => setRows(d.referrals),
      (e: Error) => setError(e.message),
    );
  }, []);
  useEffect(load, [load]);
  return (
    <SignedInFrame title="紹介の状況" links={CONSOLE_LINKS}>
      <ErrorNote error={error} />
      <button type="button" onClick={load}>
        最新にする
      </button>
      {rows && (
        <table className="table">
          <caption>新しく動いた順</caption>
          <thead>
            <tr>
              <th scope="col">仮名</th>
              <th scope="col">紹介先</th>
              <th scope="col">状態</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((r) => (
              <tr key={r.id}>
                <th scope="row">
                  <AppLink to={`/console/referrals/${r.id}`}>{r.alias}</AppLink>
                </th>
                <td>{r.resourceName}</td>
                <td>{r.statusLabel}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </SignedInFrame>
  );
}
