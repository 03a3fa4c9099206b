/** A failure said to everyone, screen readers first (role="alert"); nothing when there is none. */
export function ErrorNote({ error }: { error: string | null }) {
  return error ? (
    <p role="alert" className="error">
      {error}
    </p>
  ) : null;
}

/** While a page reads its data. */
export function Loading({ text = '読み込み中…' }: { text?: string }) {
  return <p aria-live="polite">{text}</p>;
}
