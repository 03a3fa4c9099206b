/** True when a PostgreSQL error is a unique violation (optionally of one named constraint). */
export function isUniqueViolation(error: unknown, constraint?: string): boolean {
  const e = error as {
    code?: string;
    constraint?: string;
    driverError?: { code?: string; constraint?: string };
  };
  const code = e.driverError?.code ?? e.code;
  const name = e.driverError?.constraint ?? e.constraint;
  return code === '23505' && (constraint === undefined || name === constraint);
}

/** True when PostgreSQL cancelled a statement for running past the request's statement_timeout. */
export function isStatementTimeout(error: unknown): boolean {
  const e = error as { code?: string; driverError?: { code?: string } } | null | undefined;
  return (e?.driverError?.code ?? e?.code) === '57014';
}
