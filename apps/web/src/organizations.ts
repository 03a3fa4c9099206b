import { gql } from './api';

/**
 * The signed-in user's municipality and the organisations they belong to (a host's own), with
 * the fields asked for, read in one request.
 */
export async function myOrganizations<T extends { id: string; name: string }>(
  fields = 'id name',
): Promise<{ municipalityId: string; organizations: T[] }> {
  const { me } = await gql<{ me: { municipalityId: string; organizationIds: string[] } }>(
    `{ me { municipalityId organizationIds } }`,
  );
  const ids = me.organizationIds;
  if (!ids.length) return { municipalityId: me.municipalityId, organizations: [] };
  const data = await gql<Record<string, T>>(
    `query (${ids.map((_, i) => `$o${i}: ID!`).join(', ')}) {
      ${ids.map((_, i) => `o${i}: organization(id: $o${i}) { ${fields} }`).join('\n')}
    }`,
    Object.fromEntries(ids.map((id, i) => [`o${i}`, id])),
  );
  return { municipalityId: me.municipalityId, organizations: ids.map((_, i) => data[`o${i}`]) };
}
