/**
 * Numbers as people type them in a form: full-width digits (１０) and spaces are read as
 * half-width (NFKC). Empty is null; text that is not such a number is `undefined`, for the form
 * to point at rather than send.
 */
export function wholeNumber(text: string): number | null | undefined {
  const t = text.normalize('NFKC').trim();
  if (t === '') return null;
  return /^\d+$/.test(t) ? Number(t) : undefined;
}

export function decimal(text: string): number | null | undefined {
  const t = text.normalize('NFKC').trim();
  if (t === '') return null;
  return /^-?\d+(\.\d+)?$/.test(t) ? Number(t) : undefined;
}
