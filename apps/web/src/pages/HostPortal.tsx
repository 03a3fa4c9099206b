import { useCallback, useEffect, useState } from 'react';
import { ErrorNote, Loading } from '../components/Status';
import { gql } from '../api';
import { ParticipationLog } from '../components/ParticipationLog';
import { SignedInFrame } from './Console';

interface Incoming {
  id: string;
  status: string;
  statusLabel: string;
  alias: string;
  resourceName: string;
  pace: string | null;
  accommodations: string[];
  proposedWindow: string | null;
  message: string | null;
  coordinator: { name: string; email: string };
}

export const HOST_LINKS: [string, string][] = [
  ['/host', '届いた紹介'],
  ['/host/resources', '活動の情報'],
  ['/host/needs', '募集していること'],
  ['/host/offers', '手伝いの申し出'],
  ['/host/organization', '団体の情報'],
];

const DECLINE_REASONS: [string, string][] = [
  ['NO_CAPACITY', '空きがない'],
  ['TIMING', '時期が合わない'],
  ['NOT_A_FIT', '活動の内容が合わない'],
  ['CANNOT_ACCOMMODATE', '必要な配慮ができない'],
  ['OTHER', 'その他'],
];

/** A host's incoming referrals, with only what the person agreed to share, and the answers. */
export function HostPortal() {
  const [rows, setRows] = useState<Incoming[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [reason, setReason] = useState<Record<string, string>>({});
  const load = useCallback(() => {
    gql<{ incomingReferrals: Incoming[] }>(
      `query { incomingReferrals { id status statusLabel alias resourceName pace accommodations proposedWindow message coordinator { name email } } }`,
    ).then(
      (d) => setRows(d.incomingReferrals),
      (e: Error) => setError(e.message),
    );
  }, []);
  useEffect(load, [load]);

  const answer = async (id: string, value: 'ACCEPT' | 'WAITLIST' | 'DECLINE') => {
    try {
      await gql(
        `mutation ($id: ID!, $input: AnswerReferralInput!, $key: String!) { answerReferral(id: $id, input: $input, idempotencyKey: $key) { id status } }`,
        {
          id,
          input: {
            answer: value,
            ...(value === 'DECLINE' ? { declineReason: reason[id] ?? 'OTHER' } : {}),
          },
          key: crypto.randomUUID(),
        },
      );
      setError(null);
      load();
    } catch (e) {
      setError((e as Error).message);
    }
  };

  return (
    <SignedInFrame title="届いた紹介" links={HOST_LINKS}>
      <ErrorNote error={error} />
      {rows === null ? (
        <Loading />
      ) : rows.length === 0 ? (
        <p>いま届いている紹介はありません。</p>
      ) : (
        <ol className="referrals">
          {rows.map((r) => (
            <li key={r.id} className="referral">
              <h2>
                {r.alias}（{r.resourceName}）
              </h2>
              <p className="status">状態: {r.statusLabel}</p>
              <dl>
                {r.pace && (
                  <>
                    <dt>ペース</dt>
                    <dd>{r.pace}</dd>
                  </>
                )}
                {r.accommodations.length > 0 && (
                  <>
                    <dt>配慮してほしいこと</dt>
                    <dd>{r.accommodations.join('、')}</dd>
                  </>
                )}
                {r.proposedWindow && (
                  <>
                    <dt>希望の時期</dt>
                    <dd>{r.proposedWindow}</dd>
                  </>
                )}
                {r.message && (
                  <>
                    <dt>コーディネーターから</dt>
                    <dd>{r.message}</dd>
                  </>
                )}
                <dt>担当</dt>
                <dd>
                  {r.coordinator.name}（
                  <a href={`mailto:${r.coordinator.email}`}>{r.coordinator.email}</a>）
                </dd>
              </dl>
              {['ACCEPTED', 'VISIT_SCHEDULED', 'PAUSED'].includes(r.status) && (
                <button
                  type="button"
                  onClick={() =>
                    void gql(`mutation ($id: ID!) { markIncomingParticipating(id: $id) { id } }`, {
                      id: r.id,
                    }).then(load, (e: Error) => setError(e.message))
                  }
                >
                  {r.alias}は参加している
                </button>
              )}
              {['ACCEPTED', 'VISIT_SCHEDULED', 'PARTICIPATING', 'PAUSED'].includes(r.status) && (
                <ParticipationLog referralId={r.id} coordinator={false} />
              )}
              {r.status === 'SENT' && (
                <div className="buttons" role="group" aria-label={`${r.alias}への返事`}>
                  <button type="button" onClick={() => void answer(r.id, 'ACCEPT')}>
                    受け入れる
                  </button>
                  <button type="button" onClick={() => void answer(r.id, 'WAITLIST')}>
                    順番待ちにする
                  </button>
                  <label>
                    <span className="visually-hidden">お断りの理由</span>
                    <select
                      value={reason[r.id] ?? ''}
                      onChange={(e) => setReason({ ...reason, [r.id]: e.target.value })}
                    >
                      <option value="">お断りの理由…</option>
                      {DECLINE_REASONS.map(([code, label]) => (
                        <option key={code} value={code}>
                          {label}
                        </option>
                      ))}
                    </select>
                  </label>
                  <button
                    type="button"
                    disabled={!reason[r.id]}
                    onClick={() => void answer(r.id, 'DECLINE')}
                  >
                    お断りする
                  </button>
                </div>
              )}
            </li>
          ))}
        </ol>
      )}
    </SignedInFrame>
  );
}
