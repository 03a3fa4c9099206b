import type { TestApp } from './test-app';

const REPORT = `
  dryRun format headerLine created updated unchanged rejected conflicts
  mapping { header column }
  rows {
    line action name resourceId changed
    errors { column message }
    warnings { column message }
    conflicts { column current file overwritten }
  }`;

/** Sends a file to `importCatalog` as a GraphQL multipart request, as the web app does. */
export async function importFile(
  t: TestApp,
  auth: Record<string, string>,
  file: { bytes: Buffer; name: string },
  input: Record<string, unknown> = {},
) {
  const form = new FormData();
  form.append(
    'operations',
    JSON.stringify({
      query: `mutation ($file: Upload!, $input: ImportCatalogInput!) {
        importCatalog(file: $file, input: $input) { ${REPORT} }
      }`,
      variables: { file: null, input: { dryRun: false, ...input } },
    }),
  );
  form.append('map', JSON.stringify({ 0: ['variables.file'] }));
  form.append('0', new Blob([new Uint8Array(file.bytes)]), file.name);
  const res = await fetch(`${t.baseUrl}/graphql`, {
    method: 'POST',
    // Apollo's CSRF prevention lets a multipart request through only with a header a form cannot set.
    headers: { ...auth, 'apollo-require-preflight': 'true' },
    body: form,
  });
  return (await res.json()) as { data?: { importCatalog: ImportReport } | null; errors?: any[] };
}

export interface ImportReport {
  dryRun: boolean;
  format: string;
  headerLine: number;
  created: number;
  updated: number;
  unchanged: number;
  rejected: number;
  conflicts: number;
  mapping: { header: string; column: string | null }[];
  rows: {
    line: number;
    action: 'CREATE' | 'UPDATE' | 'UNCHANGED' | 'REJECT';
    name: string | null;
    resourceId: string | null;
    changed: string[];
    errors: { column: string; message: string }[];
    warnings: { column: string; message: string }[];
    conflicts: { column: string; current: string; file: string; overwritten: boolean }[];
  }[];
}

/** A CSV text from rows of cells (quoted where needed). */
export function csvOf(rows: (string | number)[][]): string {
  const cell = (v: string | number) => {
    const s = String(v);
    return /[",\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
  };
  return rows.map((r) => r.map(cell).join(',')).join('\r\n') + '\r\n';
}
