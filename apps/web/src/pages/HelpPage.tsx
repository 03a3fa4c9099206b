import { FormEvent, useEffect, useRef, useState } from 'react';
import { AppLink } from '../components/AppLink';
import { ApiError, gql } from '../api';
import { Need, NEED_FIELDS, NeedSummary } from '../components/NeedSummary';
import { ErrorNote, Loading } from '../components/Status';
import { NEED_KINDS, NeedKind } from '../labels';
import { usePublicMunicipality } from '../municipality';

const NEEDS = `query ($m: ID, $kinds: [HostNeedKind!]) {
  hostNeeds(municipalityId: $m, kinds: $kinds, first: 100) {
    edges { node { ${NEED_FIELDS} } }
  }
}`;

/** "I want to help" (担い手): what host organisations need, and an offer sent to one of them. */
export function HelpPage({ url }: { url: URL }) {
  const [error, setError] = useState<string | null>(null);
  const municipality = usePublicMunicipality(url.searchParams.get('m'), setError);
  const [kinds, setKinds] = useState<NeedKind[]>([]);
  const [needs, setNeeds] = useState<Need[] | null>(null);
  const [open, setOpen] = useState<string | null>(null);

  useEffect(() => {
    document.title = '地域の活動を手伝う — つなぐ';
  }, []);
  useEffect(() => {
    if (!municipality) return;
    void gql<{ hostNeeds: { edges: { node: Need }[] } }>(NEEDS, {
      m: municipality.id,
      kinds: kinds.length ? kinds : null,
    }).then(
      (d) => setNeeds(d.hostNeeds.edges.map((e) => e.node)),
      (e: Error) => setError(e.message),
    );
  }, [municipality, kinds]);

  const toggle = (k: NeedKind) =>
    setKinds(kinds.includes(k) ? kinds.filter((x) => x !== k) : [...kinds, k]);

  return (
    <div className="page">
      <header className="site-header">
        <p>
          <AppLink to={'/'}>居場所・活動マップへ</AppLink>
        </p>
        <h1>{municipality ? `${municipality.name}で` : ''}地域の活動を手伝う</h1>
        <p className="lead">
          地域の団体が、いま必要としていることです。できそうなことがあれば申し出てください。団体から連絡があります。
        </p>
      </header>
      <form className="filters" onSubmit={(e) => e.preventDefault()}>
        <fieldset>
          <legend>必要なものの種類</legend>
          {(Object.keys(NEED_KINDS) as NeedKind[]).map((k) => (
            <label key={k} className="check">
              <input type="checkbox" checked={kinds.includes(k)} onChange={() => toggle(k)} />
              {NEED_KINDS[k]}
            </label>
          ))}
        </fieldset>
      </form>
      <main>
        <ErrorNote error={error} />
        {needs === null ? (
          <Loading />
        ) : (
          <>
            <p aria-live="polite">{needs.length}件の募集</p>
            <ul className="referrals">
              {needs.map((n) => (
                <li key={n.id} className="referral need">
                  <NeedSummary need={n} />
                  {open === n.id ? (
                    <OfferForm need={n} onClose={() => setOpen(null)} />
                  ) : (
                    <button type="button" onClick={() => setOpen(n.id)}>
                      この募集に申し出る
                    </button>
                  )}
                </li>
              ))}
            </ul>
          </>
        )}
      </main>
    </div>
  );
}

/** The offer: how to reach the person, and their agreement that the organisation gets it. */
function OfferForm({ need, onClose }: { need: Need; onClose: () => void }) {
  const [fields, setFields] = useState({ name: '', email: '', phone: '', message: '' });
  const [agreed, setAgreed] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [invalid, setInvalid] = useState<string[]>([]);
  const [sent, setSent] = useState(false);
  const [sending, setSending] = useState(false);
  // Where the keyboard goes: into the form when it opens, to the answer once it is sent.
  const first = useRef<HTMLInputElement>(null);
  const done = useRef<HTMLParagraphElement>(null);
  useEffect(() => first.current?.focus(), []);
  useEffect(() => {
    if (sent) done.current?.focus();
  }, [sent]);
  const id = (field: string) => `${field}-${need.id}`;
  const input = (field: keyof typeof fields) => ({
    id: id(field),
    value: fields[field],
    'aria-invalid': invalid.includes(field) || undefined,
    onChange: (e: { target: { value: string } }) =>
      setFields({ ...fields, [field]: e.target.value }),
  });

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setSending(true);
    try {
      await gql(
        `mutation ($input: OfferHelpInput!) { offerHelp(input: $input) { organizationName } }`,
        { input: { needId: need.id, ...fields, agreed } },
      );
      setSent(true);
      setError(null);
    } catch (e) {
      setError((e as Error).message);
      setInvalid(e instanceof ApiError ? e.fields.map((f) => f.field.replace(/^input\./, '')) : []);
    } finally {
      setSending(false);
    }
  };

  if (sent)
    return (
      <p role="status" className="ok" tabIndex={-1} ref={done}>
        「{need.organization.name}
        」に申し出を届けました。団体から連絡があります。ありがとうございます。
      </p>
    );
  return (
    <form className="stack referral-form" onSubmit={(e) => void submit(e)}>
      <ErrorNote error={error} />
      <label htmlFor={id('name')}>お名前（ニックネームでも構いません）</label>
      <input {...input('name')} ref={first} autoComplete="name" required maxLength={50} />
      <p className="hint" id={id('how')}>
        メールアドレスか電話番号の、どちらかを入力してください。
      </p>
      <label htmlFor={id('email')}>メールアドレス</label>
      <input {...input('email')} type="email" autoComplete="email" aria-describedby={id('how')} />
      <label htmlFor={id('phone')}>電話番号</label>
      <input {...input('phone')} type="tel" autoComplete="tel" aria-describedby={id('how')} />
      <label htmlFor={id('message')}>ひとこと（任意）</label>
      <textarea
        {...input('message')}
        rows={3}
        maxLength={1000}
        placeholder="例: 平日の午前なら手伝えます"
      />
      <label className="check">
        <input
          type="checkbox"
          checked={agreed}
          aria-invalid={invalid.includes('agreed') || undefined}
          onChange={(e) => setAgreed(e.target.checked)}
        />
        入力した内容を「{need.organization.name}」と市の担当者に伝えることに同意します
      </label>
      <p className="hint">
        連絡先は暗号化して保管し、団体と市の担当者だけが見られます。団体が対応を終えると消去されます。
      </p>
      <div className="buttons">
        <button type="submit" disabled={sending}>
          申し出る
        </button>
        <button type="button" onClick={onClose}>
          やめる
        </button>
      </div>
    </form>
  );
}
