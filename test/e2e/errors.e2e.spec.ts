import { startTestApp, TestApp } from '../support/test-app';

/** Anything that looks like a stack frame, a source path or an SQL detail. */
const LEAK =
  /stacktrace|\bat [\w.<>]+ \(|\.(ts|js):\d+|node_modules|QueryFailedError|syntax error at or near/i;

describe('errors reach clients without internals', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(() => t?.close());

  const post = (body: string, headers: Record<string, string> = {}) =>
    fetch(`${t.baseUrl}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...headers },
      body,
    });

  it.each<[string, string, number, string]>([
    ['a syntax error', JSON.stringify({ query: '{ organizations(' }), 400, 'GRAPHQL_PARSE_FAILED'],
    [
      'an unknown field',
      JSON.stringify({ query: '{ secrets }' }),
      400,
      'GRAPHQL_VALIDATION_FAILED',
    ],
    [
      'a variable of the wrong type',
      JSON.stringify({
        query: 'query ($n: Int) { municipalities(first: $n) { totalCount } }',
        variables: { n: 'ten' },
      }),
      400,
      'BAD_USER_INPUT',
    ],
    [
      'a malformed id reaching the database layer',
      JSON.stringify({ query: '{ organization(id: "\' OR 1=1 --") { id } }' }),
      200,
      'BAD_USER_INPUT',
    ],
  ])('%s', async (_label, body, status, code) => {
    const res = await post(body);
    const text = await res.text();
    expect(res.status).toBe(status);
    expect(JSON.parse(text).errors[0].extensions.code).toBe(code);
    expect(text).not.toMatch(LEAK);
  });

  it('answers malformed JSON with 400 and no stack', async () => {
    const res = await post('{"query": ');
    expect(res.status).toBe(400);
    expect(await res.text()).not.toMatch(LEAK);
  });

  it('refuses a body over 1 MB with 413 and no stack', async () => {
    const res = await post(
      JSON.stringify({ query: `{ municipalities { totalCount } } # ${'x'.repeat(1_100_000)}` }),
    );
    expect(res.status).toBe(413);
    expect(await res.text()).not.toMatch(LEAK);
  });

  it('answers an unknown route with 404 JSON', async () => {
    const res = await fetch(`${t.baseUrl}/nope`);
    expect(res.status).toBe(404);
    expect(await res.text()).not.toMatch(LEAK);
  });

  it('returns the request id it was given, or a new one', async () => {
    const given = await post(JSON.stringify({ query: '{ municipalities { totalCount } }' }), {
      'x-request-id': 'trace-123',
    });
    expect(given.headers.get('x-request-id')).toBe('trace-123');
    const fresh = await post(JSON.stringify({ query: '{ municipalities { totalCount } }' }), {
      'x-request-id': 'bad id with spaces',
    });
    expect(fresh.headers.get('x-request-id')).toMatch(/^[0-9a-f-]{36}$/);
  });
});
