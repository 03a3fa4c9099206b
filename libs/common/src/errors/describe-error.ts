/**
 * What may be logged about an unexpected error: its kind, the database's SQLSTATE and
 * constraint, the SQL with its placeholders — never the parameters (they hold what people typed:
 * names, phone numbers) and never a driver message that may quote a value.
 */
export function describeError(error: unknown): Record<string, unknown> {
  if (!(error instanceof Error)) return { type: typeof error };
  const db = error as Error & {
    query?: string;
    driverError?: {
      code?: string;
      constraint?: string;
      table?: string;
      column?: string;
      routine?: string;
    };
  };
  if (db.driverError || error.name === 'QueryFailedError') {
    const d = db.driverError ?? {};
    return {
      type: error.name,
      sqlState: d.code,
      constraint: d.constraint,
      table: d.table,
      column: d.column,
      routine: d.routine,
      query: db.query,
      stack: error.stack?.split('\n').slice(1, 8).join('\n'),
    };
  }
  return { type: error.name, message: error.message, stack: error.stack };
}
