import { FormEvent, useCallback, useEffect, useState } from 'react';
import { gql } from '../api';
import { ParticipationLog } from '../components/ParticipationLog';
import { ErrorNote, Loading } from '../components/Status';
import { navigate } from '../router';
import { CONSOLE_LINKS, Match, MatchCards, MatchResult, SignedInFrame } from './Console';

interface Referral {
  id: string;
  status: string;
  statusLabel: string;
  alias: string;
  candidateId: string;
  resourceId: string;
  resourceName: string;
  proposedWindow: string | null;
  message: string | null;
  waitlistPosition: number | null;
  history: {
    label: string;
    at: string;
    actorId: string | null;
    reason: string | null;
    note: string | null;
  }[];
}

const QUERY = `query ($id: ID!) { referral(id: $id) {
  id status statusLabel alias candidateId resourceId resourceName proposedWindow message waitlistPosition
  history { label at actorId reason note }
} }`;

const STEP_UP = `query ($c: ID!, $r: ID!) {
  stepUpSuggestions(candidateId: $c, currentResourceId: $r, first: 5, purpose: "次の一歩を本人と検討する") {
    alias considered
    matches { score distanceMeters explanations resource { id name kind organization { name } area { name } } }
    nearMisses { resource { id name } reason }
  } }`;

const END_REASONS: [string, string][] = [
  ['HAS_PEOPLE_AROUND', '周りに人がいる暮らしになった'],
  ['STARTED_WORK', '働き始めた'],
  ['MOVED', '転居した'],
  ['CHOSE_TO_STOP', '本人がやめることを選んだ'],
  ['OTHER', 'その他'],
];

const when = (iso: string) =>
  new Intl.DateTimeFormat('ja-JP', {
    timeZone: 'Asia/Tokyo',
    dateStyle: 'medium',
    timeStyle: 'short',
  }).format(new Date(iso));

/** One referral: where it stands, its timeline, the participation log, and the next step. */
export function ConsoleReferralDetail({ id }: { id: string }) {
  const [referral, setReferral] = useState<Referral | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [next, setNext] = useState<MatchResult | null>(null);
  const [endReason, setEndReason] = useState('');
  const load = useCallback(() => {
    gql<{ referral: Referral }>(QUERY, { id }).then(
      (d) => setReferral(d.referral),
      (e: Error) => setError(e.message),
    );
  }, [id]);
  useEffect(load, [load]);

  const act = async (query: string, variables: Record<string, unknown>) => {
    try {
      await gql(query, { id, ...variables });
      setError(null);
      load();
    } catch (e) {
      setError((e as Error).message);
    }
  };
  const suggest = () => {
    if (!referral) return;
    gql<{ stepUpSuggestions: MatchResult }>(STEP_UP, {
      c: referral.candidateId,
      r: referral.resourceId,
    }).then(
      (d) => setNext(d.stepUpSuggestions),
      (e: Error) => setError(e.message),
    );
  };

  if (!referral)
    return (
      <SignedInFrame title="紹介" links={CONSOLE_LINKS}>
        <ErrorNote error={error} />
        {!error && <Loading />}
      </SignedInFrame>
    );
  const s = referral.status;
  const taking = ['ACCEPTED', 'VISIT_SCHEDULED', 'PARTICIPATING', 'PAUSED'].includes(s);

  return (
    <SignedInFrame title={`${referral.alias}（${referral.resourceName}）`} links={CONSOLE_LINKS}>
      <p className="status">
        状態: {referral.statusLabel}
        {referral.waitlistPosition ? `（キャンセル待ち ${referral.waitlistPosition}番目）` : ''}
      </p>
      <ErrorNote error={error} />
      <div className="buttons" role="group" aria-label="状態を変える">
        {['ACCEPTED', 'VISIT_SCHEDULED', 'PAUSED'].includes(s) && (
          <button
            type="button"
            onClick={() =>
              void act(`mutation ($id: ID!) { markParticipating(id: $id) { id } }`, {})
            }
          >
            参加している
          </button>
        )}
        {s === 'PARTICIPATING' && (
          <button
            type="button"
            onClick={() => void act(`mutation ($id: ID!) { pauseReferral(id: $id) { id } }`, {})}
          >
            お休みする（席は残す）
          </button>
        )}
        {['PARTICIPATING', 'PAUSED'].includes(s) && (
          <>
            <label>
              <span className="visually-hidden">終える理由</span>
              <select value={endReason} onChange={(e) => setEndReason(e.target.value)}>
                <option value="">終える理由…</option>
                {END_REASONS.map(([code, label]) => (
                  <option key={code} value={code}>
                    {label}
                  </option>
                ))}
              </select>
            </label>
            <button
              type="button"
              disabled={!endReason}
              onClick={() =>
                void act(
                  `mutation ($id: ID!, $reason: EndReason!) { endReferral(id: $id, reason: $reason) { id } }`,
                  { reason: endReason },
                )
              }
            >
              参加を終える
            </button>
          </>
        )}
      </div>

      <section aria-labelledby="timeline">
        <h2 id="timeline">これまでの経過</h2>
        <ol className="timeline">
          {referral.history.map((h, i) => (
            <li key={i}>
              <time dateTime={h.at}>{when(h.at)}</time> {h.label}
              {h.actorId === null ? '（自動）' : ''}
              {h.reason ? `・${h.reason}` : ''}
              {h.note ? `「${h.note}」` : ''}
            </li>
          ))}
        </ol>
      </section>

      {taking && <ParticipationLog referralId={referral.id} coordinator />}

      {s === 'PARTICIPATING' && (
        <section aria-labelledby="next-step">
          <h2 id="next-step">次の一歩</h2>
          <p>いまの場所より少しだけ多くを求める場所を、本人の条件に合わせて探します。</p>
          {next === null ? (
            <button type="button" onClick={suggest}>
              次の一歩の候補を見る
            </button>
          ) : next.matches.length === 0 ? (
            <p>いまの条件で、次の一歩になる場所は見つかりませんでした。</p>
          ) : (
            <MatchCards
              matches={next.matches}
              action={(m) => <StepUpForm referralId={referral.id} match={m} />}
            />
          )}
        </section>
      )}
    </SignedInFrame>
  );
}

/** Moves the person on to the next place: a new referral, this one marked as stepped up. */
function StepUpForm({ referralId, match }: { referralId: string; match: Match }) {
  const [open, setOpen] = useState(false);
  const [message, setMessage] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [key] = useState(() => crypto.randomUUID());
  if (!open)
    return (
      <button type="button" onClick={() => setOpen(true)}>
        {match.resource.name}へステップアップする
      </button>
    );
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    try {
      const { stepUpReferral } = await gql<{ stepUpReferral: { id: string } }>(
        `mutation ($id: ID!, $r: ID!, $m: String, $key: String!) {
           stepUpReferral(id: $id, resourceId: $r, message: $m, idempotencyKey: $key) { id } }`,
        { id: referralId, r: match.resource.id, m: message || null, key },
      );
      navigate(`/console/referrals/${stepUpReferral.id}`);
    } catch (e) {
      setError((e as Error).message);
    }
  };
  return (
    <form className="stack referral-form" onSubmit={(e) => void submit(e)}>
      <label htmlFor={`step-${match.resource.id}`}>受け入れ先へのひとこと</label>
      <textarea
        // Opened by the person's own click: the keyboard goes to the form.
        autoFocus
        id={`step-${match.resource.id}`}
        rows={2}
        value={message}
        onChange={(e) => setMessage(e.target.value)}
      />
      <ErrorNote error={error} />
      <div className="buttons">
        <button type="submit">紹介を送る</button>
        <button type="button" onClick={() => setOpen(false)}>
          やめる
        </button>
      </div>
    </form>
  );
}
