import { aCityWithAreas } from '../support/factories';
import { aUser, signIn, testSecretsEnv, TestUser } from '../support/auth';
import { startTestApp, TestApp } from '../support/test-app';

interface Sent {
  status: number;
  body: { data?: unknown; errors?: { message: string; extensions?: { code?: string } }[] } | null;
  text: string;
}

/**
 * Malicious and abusive requests against the api in production mode: each is refused with a clear
 * error and no stack trace, and the operations the platform itself uses still work afterwards.
 */
describe('abuse suite (production mode)', () => {
  let t: TestApp;
  let city: Awaited<ReturnType<typeof aCityWithAreas>>;
  let host: TestUser;
  let hostAuth: Record<string, string>;
  let other: TestUser;

  beforeAll(async () => {
    t = await startTestApp(undefined, {
      NODE_ENV: 'production',
      DEMO_SEED: 'false',
      ...testSecretsEnv(),
      LOGIN_RATE_LIMIT_PER_MINUTE: '1000',
    });
    city = await aCityWithAreas(t.dataSource, 136.0, 40.0);
    host = await aUser(t.dataSource, { municipalityId: city.municipality.id, role: 'HOST' });
    hostAuth = await signIn(t, host);
    const elsewhere = await aCityWithAreas(t.dataSource, 136.2, 40.0);
    other = await aUser(t.dataSource, {
      municipalityId: elsewhere.municipality.id,
      role: 'COORDINATOR',
    });
  });
  afterAll(() => t?.close());

  async function send(
    body: unknown,
    init: { headers?: Record<string, string>; method?: string; path?: string; raw?: boolean } = {},
  ): Promise<Sent> {
    const res = await fetch(`${t.baseUrl}${init.path ?? '/graphql'}`, {
      method: init.method ?? 'POST',
      headers: init.raw ? init.headers : { 'content-type': 'application/json', ...init.headers },
      body: init.method === 'GET' ? undefined : init.raw ? (body as string) : JSON.stringify(body),
    });
    const text = await res.text();
    let parsed: Sent['body'] = null;
    try {
      parsed = JSON.parse(text) as Sent['body'];
    } catch {
      parsed = null;
    }
    return { status: res.status, body: parsed, text };
  }

  const nested = (depth: number) =>
    `{ areas(municipalityId: "${'00000000-0000-0000-0000-000000000000'}") { edges { node { ${'parent { '.repeat(depth)}id${' }'.repeat(depth)} } } } }`;
  const aliases = (n: number, field: string) =>
    `{ ${Array.from({ length: n }, (_, i) => `a${i}: ${field}`).join(' ')} }`;
  const logins = (n: number) =>
    `mutation { ${Array.from({ length: n }, (_, i) => `g${i}: login(email: "${'victim@example.jp'}", password: "guess${i}") { accessToken }`).join(' ')} }`;
  const q = (query: string, variables?: Record<string, unknown>) => ({ query, variables });

  type Case = [string, () => Promise<Sent>, RegExp];
  const CASES: Case[] = [
    // Size and shape of the document
    ['deep nesting (30 levels)', () => send(q(nested(30))), /GRAPHQL_VALIDATION_FAILED/],
    [
      'deep nesting through fragments',
      () =>
        send(
          q(
            `{ areas { edges { node { ...A } } } } fragment A on Area { parent { parent { parent { parent { parent { parent { parent { parent { parent { parent { parent { parent { id } } } } } } } } } } } } }`,
          ),
        ),
      /GRAPHQL_VALIDATION_FAILED/,
    ],
    [
      'a fragment cycle',
      () =>
        send(
          q(
            `{ areas { edges { node { ...A } } } } fragment A on Area { parent { ...B } } fragment B on Area { parent { ...A } }`,
          ),
        ),
      /GRAPHQL_VALIDATION_FAILED/,
    ],
    [
      'an alias flood (100 aliases)',
      () => send(q(aliases(100, 'municipalities { totalCount }'))),
      /別名/,
    ],
    [
      'an expensive nested list (cost)',
      () =>
        send(
          q(
            `{ areas(first: 100) { edges { node { children { id name children { id name children { id name children { id name children { id name } } } } } } } } }`,
          ),
        ),
      /クエリが大きすぎます/,
    ],
    [
      'huge `first`',
      () => send(q('query ($f: Int) { resources(first: $f) { totalCount } }', { f: 1_000_000 })),
      /BAD_USER_INPUT/,
    ],
    [
      'negative `first`',
      () => send(q('{ organizations(first: -5) { totalCount } }')),
      /BAD_USER_INPUT/,
    ],
    [
      'a token flood (5,000 tokens)',
      () => send(q(`{ municipalities { edges { node { ${'id '.repeat(5000)}} } } }`)),
      /token/i,
    ],
    [
      'an oversized document (200 kB)',
      () => send(q(`{ municipalities { totalCount } } # ${'x'.repeat(200_000)}`)),
      /too large|413/i,
    ],
    [
      'a huge variables array',
      () =>
        send(
          q('query ($k: [ResourceKind!]) { resources(filter: { kinds: $k }) { totalCount } }', {
            k: Array(5000).fill('IBASHO'),
          }),
        ),
      /BAD_USER_INPUT/,
    ],
    // Guessing and batching
    [
      'HTTP batching of queries',
      () => send([q('{ municipalities { totalCount } }'), q('{ municipalities { totalCount } }')]),
      /batch/i,
    ],
    ['batched sign-in guesses over HTTP', () => send([q(logins(1)), q(logins(1))]), /batch/i],
    [
      'sign-in guesses as aliases in one operation',
      () => send(q(logins(5))),
      /1回のリクエストに1つだけ/,
    ],
    [
      'sign-in guesses hidden in fragments',
      () =>
        send(
          q(
            `mutation { ...G } fragment G on Mutation { a: login(email: "v@example.jp", password: "1") { accessToken } b: login(email: "v@example.jp", password: "2") { accessToken } }`,
          ),
        ),
      /1回のリクエストに1つだけ/,
    ],
    [
      'a password far too long',
      () =>
        send(
          q(
            'mutation ($p: String!) { login(email: "v@example.jp", password: $p) { accessToken } }',
            { p: 'x'.repeat(50_000) },
          ),
        ),
      /UNAUTHENTICATED/,
    ],
    [
      'a NUL byte in the e-mail address',
      () =>
        send(q('mutation { login(email: "a\\u0000@example.jp", password: "x") { accessToken } }')),
      /BAD_USER_INPUT/,
    ],
    // Schema probing
    [
      'introspection of the schema',
      () => send(q('{ __schema { types { name } } }')),
      /introspection/i,
    ],
    [
      'introspection of one type',
      () => send(q('{ __type(name: "Candidate") { fields { name } } }')),
      /introspection/i,
    ],
    ['a field-suggestion probe', () => send(q('{ candidat { id } }')), /GRAPHQL_VALIDATION_FAILED/],
    [
      'an argument-suggestion probe',
      () => send(q('{ resources(municipalityI: "x") { totalCount } }')),
      /GRAPHQL_VALIDATION_FAILED/,
    ],
    // Cross-site and malformed requests
    [
      'a CSRF-style simple POST (text/plain)',
      () =>
        send(JSON.stringify(q('mutation { logout }')), {
          raw: true,
          headers: { 'content-type': 'text/plain' },
        }),
      /Cross-Site Request Forgery/,
    ],
    [
      'a CSRF-style form POST',
      () =>
        send('query=mutation+%7B+logout+%7D', {
          raw: true,
          headers: { 'content-type': 'application/x-www-form-urlencoded' },
        }),
      /Cross-Site Request Forgery/,
    ],
    [
      'a CSRF-style simple GET',
      () =>
        send(null, {
          method: 'GET',
          raw: true,
          path: '/graphql?query=%7Bmunicipalities%7BtotalCount%7D%7D',
        }),
      /Cross-Site Request Forgery/,
    ],
    [
      'a mutation over GET',
      () =>
        send(null, {
          method: 'GET',
          path: '/graphql?query=mutation%7Blogout%7D',
          headers: { 'apollo-require-preflight': 'true' },
        }),
      /./,
    ],
    [
      'malformed JSON',
      () =>
        send('{"query": "{ municipalities { totalCount } }"', {
          raw: true,
          headers: { 'content-type': 'application/json' },
        }),
      /./,
    ],
    ['no query at all', () => send({ variables: {} }), /./],
    [
      'several operations and no name',
      () =>
        send(
          q('query A { municipalities { totalCount } } query B { municipalities { totalCount } }'),
        ),
      /./,
    ],
    [
      'an unknown operation name',
      () => send({ query: '{ municipalities { totalCount } }', operationName: 'Nope' }),
      /./,
    ],
    [
      'a mutation field in a query',
      () => send(q('{ login(email: "a@example.jp", password: "b") { accessToken } }')),
      /GRAPHQL_VALIDATION_FAILED/,
    ],
    ['a subscription', () => send(q('subscription { municipalities { totalCount } }')), /./],
    [
      'an unknown persisted query',
      () => send({ extensions: { persistedQuery: { version: 1, sha256Hash: 'a'.repeat(64) } } }),
      /PERSISTED_QUERY/,
    ],
    // Identity
    [
      'a token with alg "none"',
      () =>
        send(q('{ me { role } }'), {
          headers: {
            authorization: `Bearer ${Buffer.from('{"alg":"none","typ":"JWT"}').toString('base64url')}.${Buffer.from(JSON.stringify({ sub: host.id, sid: host.id, mun: city.municipality.id, typ: 'access' })).toString('base64url')}.`,
          },
        }),
      /UNAUTHENTICATED/,
    ],
    [
      'a token signed with another key',
      () =>
        send(q('{ me { role } }'), {
          headers: {
            authorization:
              'Bearer eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiJ4In0.c2lnbmF0dXJl',
          },
        }),
      /UNAUTHENTICATED/,
    ],
    [
      'a malformed Authorization header',
      () => send(q('{ me { role } }'), { headers: { authorization: 'Token abc' } }),
      /UNAUTHENTICATED/,
    ],
    [
      'an anonymous write',
      () =>
        send(
          q(
            'mutation ($m: ID!) { createOrganization(input: { municipalityId: $m, name: "乗っ取り", type: NPO }) { id } }',
            { m: city.municipality.id },
          ),
        ),
      /UNAUTHENTICATED/,
    ],
    [
      'an anonymous read of candidates',
      () => send(q('{ candidates { totalCount } }')),
      /UNAUTHENTICATED/,
    ],
    [
      'a host reading the user list',
      () => send(q('{ users { totalCount } }'), { headers: hostAuth }),
      /FORBIDDEN/,
    ],
    [
      'a host resetting a password in another municipality',
      () =>
        send(
          q('mutation ($id: ID!) { resetPassword(userId: $id) { temporaryPassword } }', {
            id: other.id,
          }),
          { headers: hostAuth },
        ),
      /FORBIDDEN/,
    ],
    // Injection
    [
      'SQL in an id argument',
      () => send(q(`{ resource(id: "1' OR '1'='1") { name } }`)),
      /BAD_USER_INPUT/,
    ],
    [
      'a search over 200 characters',
      () =>
        send(
          q(
            'query ($s: String) { searchResources(municipalityId: "00000000-0000-0000-0000-000000000000", query: $s) { totalCount } }',
            { s: 'あ'.repeat(201) },
          ),
        ),
      /BAD_USER_INPUT/,
    ],
    [
      'control characters in a search',
      () =>
        send(
          q(
            'query ($s: String) { searchResources(municipalityId: "00000000-0000-0000-0000-000000000000", query: $s) { totalCount } }',
            { s: 'カフェ\u0007' },
          ),
        ),
      /BAD_USER_INPUT/,
    ],
    [
      'a forged cursor',
      () =>
        send(
          q(
            '{ municipalities(after: "eyJrZXkiOiInOyBEUk9QIFRBQkxFIG11bmljaXBhbGl0eTsgLS0iLCJpZCI6IngifQ") { totalCount } }',
          ),
        ),
      /BAD_USER_INPUT/,
    ],
  ];

  it('has at least forty cases', () => expect(CASES.length).toBeGreaterThanOrEqual(40));

  it.each(CASES)('refuses %s', async (_name, request, expected) => {
    const res = await request();
    const refused = res.status >= 400 || (res.body?.errors?.length ?? 0) > 0;
    expect(refused).toBe(true);
    expect(res.body?.data ?? null).toBeFalsy();
    expect(res.text).toMatch(expected);
    expect(res.text).not.toMatch(/"stacktrace"|\bat [\w.<>]+ \(|\.ts:\d+|node_modules/);
    expect(res.text).not.toMatch(/Did you mean/);
    expect(res.status).toBeLessThan(500);
  });

  it('still answers every operation the platform itself uses', async () => {
    const ok = async (query: string, variables: Record<string, unknown> = {}, headers = {}) => {
      const res = await send(q(query, variables), { headers });
      expect(res.body?.errors).toBeUndefined();
      expect(res.status).toBe(200);
      return res.body!.data as Record<string, any>;
    };
    const m = city.municipality.id;
    await ok('{ municipalities { edges { node { id code name prefecture } } } }');
    await ok(
      'query ($m: ID) { areas(municipalityId: $m, level: DAILY_LIFE_AREA) { edges { node { name children { name } } } } }',
      { m },
    );
    await ok(
      'query ($m: ID) { organizations(municipalityId: $m, types: [NPO, FARM], first: 10) { totalCount pageInfo { hasNextPage endCursor } edges { node { name type location { latitude longitude } area { name parent { name } } } } } }',
      { m },
    );
    await ok(
      `query ($m: ID) { resources(municipalityId: $m, first: 100, filter: { kinds: [IBASHO], mayJustBeThere: true }) { edges { node { name kind isStale openings { openSeats } profile { mayJustBeThere } themes { label } area { name } organization { name } occurrences(from: "2026-12-01T00:00:00+09:00", to: "2026-12-31T23:59:00+09:00") { startsAt } } } } }`,
      { m },
    );
    await ok(
      'query ($m: ID) { searchResources(municipalityId: $m, query: "コーヒー", first: 20) { totalCount facets { kind { value count } } edges { node { name } highlight { name snippet } } } }',
      { m },
    );
    const admin = await aUser(t.dataSource, { municipalityId: m, role: 'ADMIN' });
    const login = await ok(
      'mutation ($e: String!, $p: String!) { login(email: $e, password: $p) { accessToken refreshToken } }',
      { e: admin.email, p: admin.password },
    );
    const auth = { authorization: `Bearer ${login.login.accessToken}` };
    await ok(
      '{ me { role email } users(first: 20) { totalCount } teams { id } auditLog(first: 5) { totalCount } }',
      {},
      auth,
    );
    await ok('mutation ($r: String!) { refreshToken(refreshToken: $r) { accessToken } }', {
      r: login.login.refreshToken,
    });
    await ok('mutation { logout }', {}, auth);
    const health = await fetch(`${t.baseUrl}/readyz`);
    expect(health.status).toBe(200);
  });
});

describe('request budgets', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp(undefined, {
      RATE_LIMIT_PER_MINUTE: '20',
      LOGIN_RATE_LIMIT_PER_MINUTE: '3',
    });
  });
  afterAll(() => t?.close());

  it('answers 429 with Retry-After once an address spends its budget, and a clear error', async () => {
    const statuses: number[] = [];
    let last: Response | undefined;
    for (let i = 0; i < 25; i++) {
      last = await fetch(`${t.baseUrl}/graphql`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ query: '{ municipalities { totalCount } }' }),
      });
      statuses.push(last.status);
    }
    expect(statuses.filter((s) => s === 200)).toHaveLength(20);
    expect(statuses.slice(20)).toEqual([429, 429, 429, 429, 429]);
    expect(Number(last!.headers.get('retry-after'))).toBeGreaterThan(0);
    expect(await last!.json()).toEqual({
      errors: [
        {
          message: expect.stringContaining('リクエストが多すぎます'),
          extensions: { code: 'TOO_MANY_REQUESTS' },
        },
      ],
    });
  });
});

describe('sign-in budget', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp(undefined, { LOGIN_RATE_LIMIT_PER_MINUTE: '3' });
  });
  afterAll(() => t?.close());

  it('refuses the fourth sign-in attempt a minute from one address, even with the right password', async () => {
    const city = await aCityWithAreas(t.dataSource, 136.4, 40.0);
    const user = await aUser(t.dataSource, { municipalityId: city.municipality.id, role: 'ADMIN' });
    const attempt = (password: string) =>
      t.gql(
        'mutation ($e: String!, $p: String!) { login(email: $e, password: $p) { accessToken } }',
        {
          e: user.email,
          p: password,
        },
      );
    for (let i = 0; i < 3; i++) {
      expect((await attempt(`wrong-${i}-password`)).errors?.[0].extensions?.code).toBe(
        'UNAUTHENTICATED',
      );
    }
    const fourth = await attempt(user.password);
    expect(fourth.errors?.[0].extensions?.code).toBe('TOO_MANY_REQUESTS');
    expect(fourth.data?.login ?? null).toBeNull();
  });
});
