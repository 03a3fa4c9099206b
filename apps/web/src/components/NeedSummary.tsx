import { dayText, NEED_KINDS, NeedKind } from '../labels';

/** A host organisation's need, as residents and the host see it. */
export interface Need {
  id: string;
  kind: NeedKind;
  description: string;
  createdAt: string;
  organization: { name: string };
}

export const NEED_FIELDS = 'id kind description createdAt organization { name }';

/** What is needed, by whom, of which kind, since when. */
export function NeedSummary({ need }: { need: Need }) {
  return (
    <>
      <h2>{need.description}</h2>
      <p className="meta">
        {need.organization.name}・{NEED_KINDS[need.kind]}・{dayText(need.createdAt)}から
      </p>
    </>
  );
}
