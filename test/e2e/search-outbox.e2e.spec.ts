import { OutboxRelay } from '@app/search';
import { createServer } from 'node:net';
import { signedIn } from '../support/auth';
import { aCityWithAreas, anOrganization } from '../support/factories';
import { startTestApp, TestApp } from '../support/test-app';

/** A port on 127.0.0.1 where nothing listens: a Meilisearch that is down. */
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise((resolve) => server.close(resolve));
  return port;
}

describe('search outbox with Meilisearch down', () => {
  let t: TestApp;
  let headers: Record<string, string>;
  let resourceId: string;

  beforeAll(async () => {
    t = await startTestApp(undefined, {
      SEARCH_ENGINE: 'meilisearch',
      MEILI_URL: `http://127.0.0.1:${await closedPort()}`,
      SEARCH_RELAY: 'false',
    });
    const tree = await aCityWithAreas(t.dataSource, 139.9, 35.9);
    headers = { 'X-Municipality-Id': tree.municipality.id };
    const org = await anOrganization(t.dataSource, { municipalityId: tree.municipality.id });
    const { auth: admin } = await signedIn(t, {
      municipalityId: tree.municipality.id,
      role: 'ADMIN',
    });
    const res = await t.gql(
      `mutation ($input: CreateResourceInput!) { createResource(input: $input) { id } }`,
      {
        input: {
          municipalityId: tree.municipality.id,
          organizationId: org.id,
          kind: 'IBASHO',
          name: '縁側カフェ',
        },
      },
      admin,
    );
    if (res.errors) throw new Error(JSON.stringify(res.errors));
    resourceId = res.data!.createResource.id;
  });
  afterAll(() => t?.close());

  const rows = (): Promise<
    { status: string; attempts: number; last_error: string | null; due: boolean }[]
  > =>
    t.dataSource.query(
      `SELECT status, attempts, last_error, next_attempt_at <= now() AS due
         FROM search_outbox WHERE resource_id = $1`,
      [resourceId],
    );

  it('accepts the write and queues it for the engine in the same transaction', async () => {
    expect(await rows()).toEqual([{ status: 'PENDING', attempts: 0, last_error: null, due: true }]);
  });

  it('answers searches with the built-in engine meanwhile', async () => {
    const res = await t.gql(
      `{ searchResources(query: "縁側") { engine edges { node { name } } } }`,
      {},
      headers,
    );
    expect(res.data!.searchResources).toEqual({
      engine: 'builtin',
      edges: [{ node: { name: '縁側カフェ' } }],
    });
  });

  it('retries with backoff, then sets the change aside as dead, and reports the lag', async () => {
    const relay = t.app.get(OutboxRelay);
    expect(await relay.once()).toEqual({ done: 0, failed: 1 });
    const [first] = await rows();
    expect(first).toMatchObject({ status: 'PENDING', attempts: 1, due: false });
    expect(first.last_error).toMatch(/127\.0\.0\.1/);
    // Not due yet: a second run leaves it alone.
    expect(await relay.once()).toEqual({ done: 0, failed: 0 });

    for (let attempt = 2; attempt <= 8; attempt++) {
      await t.dataSource.query(
        `UPDATE search_outbox SET next_attempt_at = now() WHERE resource_id = $1`,
        [resourceId],
      );
      await relay.once();
    }
    expect(await rows()).toMatchObject([{ status: 'DEAD', attempts: 8 }]);

    const ready = (await (await fetch(`${t.baseUrl}/readyz`)).json()) as { search: unknown };
    expect(ready.search).toEqual({
      engine: 'meilisearch',
      outbox: expect.objectContaining({ pending: 0, dead: 1 }),
    });
  });
});
