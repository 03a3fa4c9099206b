import { ANONYMOUS, formatGraphQLError, isStatementTimeout, RequestContext } from '@app/common';
import { GraphQLError } from 'graphql';
import { startTestApp, TestApp } from '../support/test-app';
import { testDatabase } from '../support/test-database';

/**
 * PostgreSQL's statement_timeout, set per request transaction. The embedded database (PGlite,
 * single-threaded WebAssembly) has no timer to interrupt a statement, so there the test is skipped,
 * visibly: the limit protects a shared server, which is where it holds.
 */
(testDatabase().embedded ? describe.skip : describe)('query timeout (server only)', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp(undefined, { QUERY_TIMEOUT_MS: '300' });
  });
  afterAll(() => t?.close());

  it("cancels a request's statement that runs past QUERY_TIMEOUT_MS, and answers TIMEOUT", async () => {
    const started = Date.now();
    const error: unknown = await RequestContext.run(
      { requestId: 'slow', defaultMunicipalityId: null, viewer: ANONYMOUS },
      () => t.dataSource.query('SELECT pg_sleep(3)'),
    ).then(
      () => null,
      (e: unknown) => e,
    );
    expect(isStatementTimeout(error)).toBe(true);
    expect(Date.now() - started).toBeLessThan(2500);
    const formatted = formatGraphQLError(
      { message: 'x' },
      new GraphQLError('x', { originalError: error as Error }),
    );
    expect(formatted).toMatchObject({ extensions: { code: 'TIMEOUT' } });
    expect(formatted.message).toContain('時間がかかりすぎた');
  });

  it('leaves system work (outside any request) without that limit', async () => {
    await expect(t.dataSource.query('SELECT pg_sleep(0.5)')).resolves.toBeDefined();
  });
});
