import { FormEvent, useCallback, useEffect, useState } from 'react';
import { gql } from '../api';
import { myOrganizations } from '../organizations';
import { Need, NEED_FIELDS, NeedSummary } from '../components/NeedSummary';
import { ErrorNote, Loading } from '../components/Status';
import { dayText, NEED_KINDS, NeedKind } from '../labels';
import { SignedInFrame } from './Console';
import { HOST_LINKS } from './HostPortal';

interface Organization {
  id: string;
  name: string;
}
interface Offer {
  id: string;
  status: 'NEW' | 'CONTACTED' | 'ACCEPTED' | 'DECLINED' | 'EXPIRED';
  createdAt: string;
  organizationName: string;
  needDescription: string;
  name: string | null;
  email: string | null;
  phone: string | null;
  message: string | null;
}

const OFFER_STATUS: Record<Offer['status'], string> = {
  NEW: '未対応',
  CONTACTED: '連絡した',
  ACCEPTED: 'お願いした',
  DECLINED: '見送った',
  EXPIRED: '期限切れ（連絡先は消去済み）',
};

/** A host's needs (people, things, a place, money) shown to residents: add one, end one. */
export function HostNeeds() {
  const [orgs, setOrgs] = useState<Organization[]>([]);
  const [needs, setNeeds] = useState<Need[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [draft, setDraft] = useState({ organizationId: '', kind: 'PEOPLE', description: '' });

  const load = useCallback(async () => {
    try {
      const { organizations: mine } = await myOrganizations<Organization>();
      setOrgs(mine);
      setDraft((d) => ({ ...d, organizationId: d.organizationId || (mine[0]?.id ?? '') }));
      const lists = await Promise.all(
        mine.map((o) =>
          gql<{ hostNeeds: { edges: { node: Need }[] } }>(
            `query ($o: ID) { hostNeeds(organizationId: $o, first: 100) { edges { node { ${NEED_FIELDS} } } } }`,
            { o: o.id },
          ),
        ),
      );
      setNeeds(lists.flatMap((l) => l.hostNeeds.edges.map((e) => e.node)));
    } catch (e) {
      setError((e as Error).message);
    }
  }, []);
  useEffect(() => void load(), [load]);

  const act = async (query: string, variables: Record<string, unknown>) => {
    try {
      await gql(query, variables);
      setError(null);
      await load();
      return true;
    } catch (e) {
      setError((e as Error).message);
      return false;
    }
  };
  const add = async (event: FormEvent) => {
    event.preventDefault();
    if (
      await act(`mutation ($input: AddHostNeedInput!) { addHostNeed(input: $input) { id } }`, {
        input: draft,
      })
    )
      setDraft({ ...draft, description: '' });
  };

  return (
    <SignedInFrame title="募集していること" links={HOST_LINKS}>
      <p className="lead">
        ここに載せたことは、地域の方向けの「手伝いたい」ページに表示されます。申し出があると、お知らせとメールで届きます。
      </p>
      <ErrorNote error={error} />
      <form className="stack referral-form" onSubmit={(e) => void add(e)}>
        <h2>募集を追加する</h2>
        {orgs.length > 1 && (
          <>
            <label htmlFor="need-org">団体</label>
            <select
              id="need-org"
              value={draft.organizationId}
              onChange={(e) => setDraft({ ...draft, organizationId: e.target.value })}
            >
              {orgs.map((o) => (
                <option key={o.id} value={o.id}>
                  {o.name}
                </option>
              ))}
            </select>
          </>
        )}
        <label htmlFor="need-kind">種類</label>
        <select
          id="need-kind"
          value={draft.kind}
          onChange={(e) => setDraft({ ...draft, kind: e.target.value })}
        >
          {(Object.keys(NEED_KINDS) as NeedKind[]).map((k) => (
            <option key={k} value={k}>
              {NEED_KINDS[k]}
            </option>
          ))}
        </select>
        <label htmlFor="need-description">必要なこと</label>
        <input
          id="need-description"
          value={draft.description}
          maxLength={300}
          placeholder="例: 配膳ボランティア（平日昼）"
          onChange={(e) => setDraft({ ...draft, description: e.target.value })}
        />
        <div className="buttons">
          {/* Ready once the host's organisations are known. */}
          <button type="submit" disabled={!draft.organizationId}>
            追加する
          </button>
        </div>
      </form>
      {needs === null ? (
        <Loading />
      ) : needs.length === 0 ? (
        <p>いま募集していることはありません。</p>
      ) : (
        <ul className="referrals">
          {needs.map((n) => (
            <li key={n.id} className="referral need">
              <NeedSummary need={n} />
              <button
                type="button"
                onClick={() =>
                  void act(`mutation ($id: ID!) { closeHostNeed(id: $id) { id } }`, { id: n.id })
                }
              >
                募集を終える<span className="visually-hidden">（{n.description}）</span>
              </button>
            </li>
          ))}
        </ul>
      )}
    </SignedInFrame>
  );
}

/** Residents' offers to help: who, how to reach them, and the host's answer (which erases them). */
export function HostOffers() {
  const [offers, setOffers] = useState<Offer[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [done, setDone] = useState<string | null>(null);
  /** An answer that erases the contact, waiting for the host to confirm it. */
  const [ending, setEnding] = useState<{ id: string; status: 'ACCEPTED' | 'DECLINED' } | null>(
    null,
  );
  const load = useCallback(() => {
    gql<{ helpOffers: { edges: { node: Offer }[] } }>(
      `{ helpOffers(first: 100) { edges { node { id status createdAt organizationName needDescription name email phone message } } } }`,
    ).then(
      (d) => setOffers(d.helpOffers.edges.map((e) => e.node)),
      (e: Error) => setError(e.message),
    );
  }, []);
  useEffect(load, [load]);

  const answer = async (offer: Offer, status: Offer['status']) => {
    try {
      await gql(
        `mutation ($input: AnswerHelpOfferInput!) { answerHelpOffer(input: $input) { id } }`,
        { input: { id: offer.id, status } },
      );
      setError(null);
      setEnding(null);
      setDone(
        status === 'CONTACTED'
          ? `${offer.name}さんに「連絡した」と記録しました。`
          : `${offer.name}さんの申し出への対応を終え、連絡先を消去しました。`,
      );
      load();
    } catch (e) {
      setError((e as Error).message);
    }
  };

  return (
    <SignedInFrame title="手伝いの申し出" links={HOST_LINKS}>
      <p className="lead">
        「お願いする」か「見送る」を選ぶと対応は終わり、申し出た方の名前と連絡先はこの画面からもデータベースからも消去されます。必要なら、その前に控えてください。
      </p>
      <ErrorNote error={error} />
      <p role="status" className="ok">
        {done}
      </p>
      {offers === null ? (
        <Loading />
      ) : offers.length === 0 ? (
        <p>対応を待っている申し出はありません。</p>
      ) : (
        <ol className="referrals">
          {offers.map((o) => (
            <li key={o.id} className="referral offer">
              <h2>
                {o.name}さん（{o.needDescription}）
              </h2>
              <p className="status">
                状態: {OFFER_STATUS[o.status]}・{dayText(o.createdAt)}・{o.organizationName}
              </p>
              <dl>
                {o.email && (
                  <>
                    <dt>メール</dt>
                    <dd>
                      <a href={`mailto:${o.email}`}>{o.email}</a>
                    </dd>
                  </>
                )}
                {o.phone && (
                  <>
                    <dt>電話</dt>
                    <dd>
                      <a href={`tel:${o.phone}`}>{o.phone}</a>
                    </dd>
                  </>
                )}
                {o.message && (
                  <>
                    <dt>ひとこと</dt>
                    <dd>{o.message}</dd>
                  </>
                )}
              </dl>
              <div className="buttons" role="group" aria-label={`${o.name}さんへの対応`}>
                {ending?.id === o.id ? (
                  <>
                    <p>
                      {ending.status === 'ACCEPTED' ? 'お願いする' : '見送る'}
                      と記録して対応を終えます。{o.name}
                      さんの名前と連絡先は消去され、元に戻せません。
                    </p>
                    <button type="button" autoFocus onClick={() => void answer(o, ending.status)}>
                      対応を終えて連絡先を消去する
                    </button>
                    <button type="button" onClick={() => setEnding(null)}>
                      やめる
                    </button>
                  </>
                ) : (
                  <>
                    {o.status === 'NEW' && (
                      <button type="button" onClick={() => void answer(o, 'CONTACTED')}>
                        連絡した
                      </button>
                    )}
                    <button
                      type="button"
                      onClick={() => setEnding({ id: o.id, status: 'ACCEPTED' })}
                    >
                      お願いする
                    </button>
                    <button
                      type="button"
                      onClick={() => setEnding({ id: o.id, status: 'DECLINED' })}
                    >
                      見送る
                    </button>
                  </>
                )}
              </div>
            </li>
          ))}
        </ol>
      )}
    </SignedInFrame>
  );
}
