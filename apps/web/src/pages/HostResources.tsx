import { useCallback, useEffect, useState } from 'react';
import { AppLink } from '../components/AppLink';
import { ErrorNote, Loading } from '../components/Status';
import { gql } from '../api';
import { KINDS, Kind } from '../labels';

import { HOST_LINKS } from './HostPortal';
import { SignedInFrame } from './Console';

interface Listing {
  id: string;
  name: string;
  kind: Kind;
  status: string;
  lastVerifiedAt: string | null;
  isStale: boolean;
  toConfirm: string[];
}

const TO_CONFIRM: Record<string, string> = {
  PIN_LOCATION: '地図上の場所が地区の位置のままです。正しい場所を指定してください',
  SCHEDULE_TIMES: '開催時間が書かれていなかったため 9:00〜17:00 としています。確かめてください',
  SCHEDULE_START: '隔週などの開始日を仮に決めています。確かめてください',
};
const STATUS: Record<string, string> = { ACTIVE: '活動中', PAUSED: '休止中', CLOSED: '終了' };

/** A host's own listings: what is left to check after an import, and "still accurate" in one click. */
export function HostResources() {
  const [me, setMe] = useState<{ displayName: string; organizationIds: string[] } | null>(null);
  const [rows, setRows] = useState<Listing[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const load = useCallback(async () => {
    try {
      const { me: user } = await gql<{ me: { displayName: string; organizationIds: string[] } }>(
        `{ me { displayName organizationIds } }`,
      );
      setMe(user);
      const lists = await Promise.all(
        user.organizationIds.map((organizationId) =>
          gql<{ resources: { edges: { node: Listing }[] } }>(
            `query ($f: ResourceFilter) { resources(filter: $f, first: 100) { edges { node { id name kind status lastVerifiedAt isStale toConfirm } } } }`,
            { f: { organizationId, statuses: ['ACTIVE', 'PAUSED'] } },
          ),
        ),
      );
      setRows(lists.flatMap((l) => l.resources.edges.map((e) => e.node)));
    } catch (e) {
      setError((e as Error).message);
    }
  }, []);
  useEffect(() => void load(), [load]);

  const verify = async (id: string) => {
    try {
      await gql(
        `mutation ($id: ID!, $by: String!) { verifyResource(id: $id, verifiedBy: $by) { id } }`,
        {
          id,
          by: me?.displayName ?? '受け入れ先',
        },
      );
      await load();
    } catch (e) {
      setError((e as Error).message);
    }
  };
  const day = (iso: string) =>
    new Intl.DateTimeFormat('ja-JP', { timeZone: 'Asia/Tokyo', dateStyle: 'long' }).format(
      new Date(iso),
    );

  return (
    <SignedInFrame title="活動の情報" links={HOST_LINKS}>
      <ErrorNote error={error} />
      <p>
        <AppLink to={'/host/resources/new'} className="button-link">
          新しい活動を登録する
        </AppLink>
      </p>
      {rows === null ? (
        <Loading />
      ) : (
        <ul className="referrals">
          {rows.map((r) => (
            <li key={r.id} className="referral listing">
              <h2>
                <AppLink to={`/resources/${r.id}`}>{r.name}</AppLink>
              </h2>
              <p className="meta">
                <span className={`kind kind-${r.kind}`}>{KINDS[r.kind]}</span>
                <span>{STATUS[r.status] ?? r.status}</span>
                <span className={r.isStale ? 'stale' : undefined}>
                  {r.lastVerifiedAt ? `確認日: ${day(r.lastVerifiedAt)}` : 'まだ確認されていません'}
                  {r.isStale ? '（確認が必要です）' : ''}
                </span>
              </p>
              {r.toConfirm.length > 0 && (
                <ul className="to-confirm" aria-label="確かめてほしいこと">
                  {r.toConfirm.map((c) => (
                    <li key={c}>{TO_CONFIRM[c] ?? c}</li>
                  ))}
                </ul>
              )}
              <div className="buttons">
                <button type="button" onClick={() => void verify(r.id)}>
                  {r.name}の情報は正しい（確認済みにする）
                </button>
                <AppLink to={`/host/resources/${r.id}`} className="button-link">
                  {r.name}を編集する
                </AppLink>
              </div>
            </li>
          ))}
        </ul>
      )}
    </SignedInFrame>
  );
}
