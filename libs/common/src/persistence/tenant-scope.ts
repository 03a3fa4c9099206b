import type { DataSource, QueryRunner } from 'typeorm';
import { databaseScope } from '../context/request-context';

/** The role the application's request queries run as: it owns nothing, so row-level security binds it. */
export const APP_DB_ROLE = 'tsunagu_app';

const DEFAULT_STATEMENT_TIMEOUT_MS = 10_000;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const INSTALLED = Symbol('tenantScopeInstalled');

/**
 * Every statement a request sends runs inside a transaction that first says, with SET LOCAL,
 * who it runs as: the application role (not the tables' owner), the tenant and the user. A
 * statement outside a transaction gets one of its own; a TypeORM transaction gets the same lines
 * right after its START TRANSACTION. SET LOCAL ends with the transaction, so a pooled connection
 * can never carry one request's tenant into another. Work outside any request (migrations, seeds,
 * the outbox relay, commands) runs as the owner.
 *
 * The same pattern as PostgREST's per-request transaction with `SET LOCAL ROLE` and
 * `set_config(..., true)`.
 */
export function installTenantScope(dataSource: DataSource, statementTimeoutMs: number): void {
  const ds = dataSource as DataSource & { [INSTALLED]?: boolean };
  if (ds[INSTALLED]) return;
  ds[INSTALLED] = true;
  const create = dataSource.createQueryRunner.bind(dataSource);
  dataSource.createQueryRunner = (mode) => {
    const runner = create(mode);
    const scope = databaseScope();
    return scope ? scoped(runner, { ...scope, statementTimeoutMs }) : runner;
  };
}

/** The statements that open a request transaction. Values are checked, then inlined (no parameters). */
export function scopeStatements(scope: {
  tenantId: string | null;
  userId: string | null;
  /** A statement running longer is cancelled by PostgreSQL (57014, answered as TIMEOUT). */
  statementTimeoutMs?: number;
}): string {
  const id = (value: string | null) => {
    if (value !== null && !UUID.test(value)) throw new Error('tenant and user ids must be UUIDs');
    return value ?? '';
  };
  return [
    'START TRANSACTION',
    `SET LOCAL ROLE ${APP_DB_ROLE}`,
    `SET LOCAL app.tenant_id = '${id(scope.tenantId)}'`,
    `SET LOCAL app.user_id = '${id(scope.userId)}'`,
    `SET LOCAL statement_timeout = ${Math.trunc(scope.statementTimeoutMs ?? DEFAULT_STATEMENT_TIMEOUT_MS)}`,
  ].join('; ');
}

function scoped(runner: QueryRunner, scope: Parameters<typeof scopeStatements>[0]): QueryRunner {
  const begin = scopeStatements(scope);
  const query = runner.query.bind(runner);
  // The scope's own statements go straight to the connection: they are not the caller's queries
  // (logs and statement counts stay as they were).
  const direct = async (sql: string) => {
    const connection = (await runner.connect()) as { query(sql: string): Promise<unknown> };
    await connection.query(sql);
  };
  const scopedQuery = async (sql: string, parameters?: unknown[], structured?: boolean) => {
    if (sql === 'START TRANSACTION') return direct(begin);
    if (runner.isTransactionActive) return query(sql, parameters, structured as never);
    // A statement on its own: a transaction of its own.
    await direct(begin);
    try {
      const result: unknown = await query(sql, parameters, structured as never);
      await direct('COMMIT');
      return result;
    } catch (error) {
      await direct('ROLLBACK').catch(() => undefined);
      throw error;
    }
  };
  runner.query = scopedQuery as QueryRunner['query'];
  return runner;
}
