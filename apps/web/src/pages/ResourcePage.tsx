import { useEffect, useState } from 'react';
import { ErrorNote, Loading } from '../components/Status';
import { gql } from '../api';
import { BOOKING, GENTLE, Gentle, KINDS, Kind, occurrenceText } from '../labels';
import { onLinkClick, openedInApp } from '../router';

interface Resource {
  id: string;
  name: string;
  kind: Kind;
  description: string | null;
  address: string | null;
  locationIsApproximate: boolean;
  onlineOnly: boolean;
  area: { name: string } | null;
  organization: { name: string } | null;
  fee: { isFree: boolean; yen: number; note: string | null };
  contact: { name: string | null; phone: string | null; email: string | null };
  openings: { booking: keyof typeof BOOKING; capacity: number | null; openSeats: number | null };
  profile: Record<Gentle, boolean> & { typicalMinutes: number | null };
  themes: { label: string }[];
  scheduleText: string | null;
  lastVerifiedAt: string | null;
  isStale: boolean;
  status: string;
  statusNote: string | null;
  occurrences: { startsAt: string; endsAt: string }[];
}

const QUERY = `query ($id: ID!, $from: DateTime!, $to: DateTime!) {
  resource(id: $id) {
    id name kind description address locationIsApproximate onlineOnly status statusNote
    area { name }
    organization { name }
    fee { isFree yen note }
    contact { name phone email }
    openings { booking capacity openSeats }
    profile { typicalMinutes observationVisit mayJustBeThere talkingOptional supporterMayAccompany firstTimerFriendly canGrowGradually }
    themes { label }
    scheduleText lastVerifiedAt isStale
    occurrences(from: $from, to: $to) { startsAt endsAt }
  }
}`;

/** One place: what happens, when (the next dates, holidays applied), how to join, cost, contact. */
export function ResourcePage({ id }: { id: string }) {
  const [resource, setResource] = useState<Resource | null>(null);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    const from = new Date();
    const to = new Date(from.getTime() + 60 * 86_400_000);
    gql<{ resource: Resource }>(QUERY, { id, from: from.toISOString(), to: to.toISOString() }).then(
      (data) => {
        setResource(data.resource);
        document.title = `${data.resource.name} — つなぐ`;
      },
      (e: Error) => setError(e.message),
    );
  }, [id]);

  const back = (
    <a
      className="back"
      href="/"
      onClick={(e) => {
        if (openedInApp()) {
          e.preventDefault();
          window.history.back();
        } else onLinkClick('/')(e);
      }}
    >
      ← 地図と一覧に戻る
    </a>
  );
  if (error)
    return (
      <div className="page details">
        {back}
        <ErrorNote error={error} />
      </div>
    );
  if (!resource)
    return (
      <div className="page details">
        {back}
        <Loading />
      </div>
    );
  const gentle = (Object.keys(GENTLE) as Gentle[]).filter((g) => resource.profile[g]);
  const verified = resource.lastVerifiedAt
    ? new Intl.DateTimeFormat('ja-JP', { timeZone: 'Asia/Tokyo', dateStyle: 'long' }).format(
        new Date(resource.lastVerifiedAt),
      )
    : null;
  return (
    <div className="page details">
      {back}
      <main>
        <h1>{resource.name}</h1>
        <p className="meta">
          <span className={`kind kind-${resource.kind}`}>{KINDS[resource.kind]}</span>
          {resource.area && <span>{resource.area.name}</span>}
          {resource.organization && <span>{resource.organization.name}</span>}
        </p>
        {resource.status === 'PAUSED' && (
          <p className="notice">
            いまはお休み中です{resource.statusNote ? `（${resource.statusNote}）` : ''}。
          </p>
        )}
        {resource.description && <p className="description">{resource.description}</p>}
        {gentle.length > 0 && (
          <ul className="badges" aria-label="はじめの一歩">
            {gentle.map((g) => (
              <li key={g}>{GENTLE[g]}</li>
            ))}
          </ul>
        )}

        <section aria-labelledby="when">
          <h2 id="when">次の開催</h2>
          {resource.occurrences.length ? (
            <ul className="dates">
              {resource.occurrences.slice(0, 6).map((o) => (
                <li key={o.startsAt}>{occurrenceText(o.startsAt, o.endsAt)}</li>
              ))}
            </ul>
          ) : (
            <p>これから2か月の開催予定はありません。</p>
          )}
          {resource.scheduleText && <p className="note">日程: {resource.scheduleText}</p>}
        </section>

        <section aria-labelledby="join">
          <h2 id="join">参加のしかた</h2>
          <dl>
            <dt>予約</dt>
            <dd>{BOOKING[resource.openings.booking]}</dd>
            <dt>費用</dt>
            <dd>
              {resource.fee.isFree ? '無料' : `${resource.fee.yen}円`}
              {resource.fee.note ? `（${resource.fee.note}）` : ''}
            </dd>
            {resource.profile.typicalMinutes && (
              <>
                <dt>1回の時間</dt>
                <dd>{resource.profile.typicalMinutes}分ほど</dd>
              </>
            )}
            {resource.openings.capacity !== null && (
              <>
                <dt>定員</dt>
                <dd>
                  {resource.openings.capacity}人
                  {resource.openings.openSeats !== null
                    ? `（空き ${resource.openings.openSeats}人）`
                    : ''}
                </dd>
              </>
            )}
            <dt>場所</dt>
            <dd>
              {resource.onlineOnly
                ? 'オンライン'
                : resource.locationIsApproximate
                  ? `${resource.area?.name ?? ''}周辺（詳しい場所は申し込んだ方にお伝えします）`
                  : (resource.address ?? resource.area?.name ?? '—')}
            </dd>
          </dl>
        </section>

        {(resource.contact.phone || resource.contact.email) && (
          <section aria-labelledby="contact">
            <h2 id="contact">問い合わせ</h2>
            <p>
              {resource.contact.name && <span>{resource.contact.name} </span>}
              {resource.contact.phone && (
                <a href={`tel:${resource.contact.phone}`}>{resource.contact.phone}</a>
              )}{' '}
              {resource.contact.email && (
                <a href={`mailto:${resource.contact.email}`}>{resource.contact.email}</a>
              )}
            </p>
          </section>
        )}
        {resource.themes.length > 0 && (
          <p className="themes">テーマ: {resource.themes.map((t) => t.label).join('、')}</p>
        )}
        <p className={resource.isStale ? 'verified stale' : 'verified'}>
          {verified ? `情報の確認日: ${verified}` : '情報はまだ確認されていません'}
          {resource.isStale ? '（古い情報かもしれません。参加前に問い合わせてください）' : ''}
        </p>
      </main>
    </div>
  );
}
