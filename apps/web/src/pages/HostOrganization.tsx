import { FormEvent, useEffect, useState } from 'react';
import { gql } from '../api';
import { myOrganizations } from '../organizations';
import { ErrorNote, Loading } from '../components/Status';
import { SignedInFrame } from './Console';
import { HOST_LINKS } from './HostPortal';

interface Organization {
  id: string;
  name: string;
  description: string | null;
  phone: string | null;
  email: string | null;
  website: string | null;
  contactPerson: string | null;
  postalCode: string | null;
  address: string | null;
}
type Editable = Omit<Organization, 'id' | 'name'>;

const FIELDS: [keyof Editable, string, string?][] = [
  ['contactPerson', '担当者'],
  ['phone', '電話番号', 'tel'],
  ['email', 'メールアドレス', 'email'],
  ['website', 'ウェブサイト', 'url'],
  ['postalCode', '郵便番号'],
  ['address', '住所'],
];

/** The host's own organisations: how residents and coordinators reach them. */
export function HostOrganizations() {
  const [orgs, setOrgs] = useState<Organization[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    void (async () => {
      try {
        const { organizations } = await myOrganizations<Organization>(
          'id name description phone email website contactPerson postalCode address',
        );
        setOrgs(organizations);
      } catch (e) {
        setError((e as Error).message);
      }
    })();
  }, []);
  return (
    <SignedInFrame title="団体の情報" links={HOST_LINKS}>
      <ErrorNote error={error} />
      {orgs === null ? <Loading /> : orgs.map((o) => <OrganizationForm key={o.id} org={o} />)}
    </SignedInFrame>
  );
}

function OrganizationForm({ org }: { org: Organization }) {
  const [fields, setFields] = useState<Editable>(org);
  const [error, setError] = useState<string | null>(null);
  const [saved, setSaved] = useState(false);
  const id = (f: string) => `${f}-${org.id}`;
  const save = async (event: FormEvent) => {
    event.preventDefault();
    const input = Object.fromEntries(
      (['description', ...FIELDS.map(([f]) => f)] as (keyof Editable)[]).map((f) => [
        f,
        fields[f]?.trim() ? fields[f].trim() : null,
      ]),
    );
    try {
      await gql(
        `mutation ($id: ID!, $input: UpdateOrganizationInput!) { updateOrganization(id: $id, input: $input) { id } }`,
        { id: org.id, input },
      );
      setError(null);
      setSaved(true);
    } catch (e) {
      setError((e as Error).message);
      setSaved(false);
    }
  };
  return (
    <form className="editor editor-section" onSubmit={(e) => void save(e)} aria-label={org.name}>
      <h2>{org.name}</h2>
      <ErrorNote error={error} />
      <div className="field">
        <label htmlFor={id('description')}>団体の紹介</label>
        <textarea
          id={id('description')}
          rows={3}
          value={fields.description ?? ''}
          onChange={(e) => setFields({ ...fields, description: e.target.value })}
        />
      </div>
      <div className="row">
        {FIELDS.map(([f, label, type]) => (
          <div className="field" key={f}>
            <label htmlFor={id(f)}>{label}</label>
            <input
              id={id(f)}
              type={type ?? 'text'}
              value={fields[f] ?? ''}
              onChange={(e) => {
                setFields({ ...fields, [f]: e.target.value });
                setSaved(false);
              }}
            />
          </div>
        ))}
      </div>
      <div className="buttons">
        <button type="submit">{org.name}の情報を保存する</button>
      </div>
      {saved && (
        <p role="status" className="ok">
          保存しました。
        </p>
      )}
    </form>
  );
}
