import { useEffect, useState } from 'react';
import { gql } from './api';

export interface Municipality {
  id: string;
  name: string;
}

/**
 * The municipality a public page shows: the one named by `?m=` in the address, else the first.
 * Chosen once, when the page opens.
 */
export function usePublicMunicipality(
  wanted: string | null,
  onError: (message: string) => void,
): Municipality | null {
  const [municipality, setMunicipality] = useState<Municipality | null>(null);
  useEffect(() => {
    void gql<{ municipalities: { edges: { node: Municipality }[] } }>(
      `{ municipalities(first: 50) { edges { node { id name } } } }`,
    ).then(
      (data) => {
        const all = data.municipalities.edges.map((e) => e.node);
        setMunicipality(all.find((m) => m.id === wanted) ?? all[0] ?? null);
      },
      (e: Error) => onError(e.message),
    );
  }, []);
  return municipality;
}
