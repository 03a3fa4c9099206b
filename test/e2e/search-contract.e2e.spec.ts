import { OutboxRelay } from '@app/search';
import { signedIn } from '../support/auth';
import { aCityWithAreas, anOrganization } from '../support/factories';
import { startTestApp, TestApp } from '../support/test-app';

/**
 * One contract, every engine: the built-in engine always, Meilisearch whenever MEILI_URL names a
 * running server (otherwise its run is reported as skipped).
 */
const ENGINES: { name: string; env: Record<string, string> }[] = [
  { name: 'builtin', env: {} },
  {
    name: 'meilisearch',
    env: {
      SEARCH_ENGINE: 'meilisearch',
      MEILI_URL: process.env.MEILI_URL ?? '',
      MEILI_API_KEY: process.env.MEILI_API_KEY ?? '',
      SEARCH_RELAY: 'false',
    },
  },
];

describe.each(ENGINES)('search engine contract: $name', ({ name, env }) => {
  const run = name === 'builtin' || !!process.env.MEILI_URL;
  const maybe = run ? it : it.skip;
  let t: TestApp;
  let headers: Record<string, string>;

  beforeAll(async () => {
    if (!run) {
      process.stdout.write(`search engine contract: ${name} skipped (set MEILI_URL to run it)\n`);
      return;
    }
    t = await startTestApp(undefined, env);
    const tree = await aCityWithAreas(t.dataSource, 139.8, 35.8);
    headers = { 'X-Municipality-Id': tree.municipality.id };
    const org = await anOrganization(t.dataSource, {
      municipalityId: tree.municipality.id,
      name: '契約テスト会',
    });
    const { auth: admin } = await signedIn(t, {
      municipalityId: tree.municipality.id,
      role: 'ADMIN',
    });
    const create = async (input: Record<string, unknown>) => {
      const res = await t.gql(
        `mutation ($input: CreateResourceInput!) { createResource(input: $input) { id } }`,
        {
          input: {
            municipalityId: tree.municipality.id,
            organizationId: org.id,
            kind: 'IBASHO',
            ...input,
          },
        },
        admin,
      );
      if (res.errors) throw new Error(JSON.stringify(res.errors));
    };
    await create({
      name: 'コーヒーの会',
      location: { latitude: 35.805, longitude: 139.805 },
    });
    await create({
      name: '畑ボランティア',
      kind: 'VOLUNTEER',
      description: '野菜づくり',
      location: { latitude: 35.815, longitude: 139.815 },
      themes: ['FARMING'],
    });
    await create({
      name: '専門職のコーヒー相談',
      visibility: 'PROFESSIONAL',
      location: { latitude: 35.806, longitude: 139.806 },
    });
    // An external engine learns of writes through the outbox.
    const relay = t.app.get(OutboxRelay);
    while ((await relay.once()).done > 0);
  });
  afterAll(() => t?.close());

  const names = async (variables: Record<string, unknown>) => {
    const res = await t.gql(
      `query ($q: String, $f: ResourceFilter, $near: SearchNearInput, $sort: SearchSort) {
         searchResources(query: $q, filter: $f, near: $near, sort: $sort) { engine edges { node { name } } }
       }`,
      variables,
      headers,
    );
    if (res.errors) throw new Error(JSON.stringify(res.errors));
    expect(res.data!.searchResources.engine).toBe(name);
    return (res.data!.searchResources.edges as { node: { name: string } }[]).map(
      (e) => e.node.name,
    );
  };

  maybe('finds a katakana word typed in hiragana and half-width', async () => {
    expect(await names({ q: 'こーひー' })).toEqual(['コーヒーの会']);
    expect(await names({ q: 'ｺｰﾋｰ' })).toEqual(['コーヒーの会']);
  });

  maybe('finds by a synonym', async () => {
    expect(await names({ q: '農作業' })).toEqual(['畑ボランティア']);
  });

  maybe('never shows the public a professional-only listing', async () => {
    expect(await names({ q: 'コーヒー' })).toEqual(['コーヒーの会']);
  });

  maybe('applies kind and theme filters and a radius', async () => {
    expect(await names({ f: { kinds: ['VOLUNTEER'] } })).toEqual(['畑ボランティア']);
    expect(await names({ f: { themes: ['FARMING'] } })).toEqual(['畑ボランティア']);
    expect(
      await names({ near: { latitude: 35.805, longitude: 139.805, radiusMeters: 300 } }),
    ).toEqual(['コーヒーの会']);
  });

  maybe('sorts by distance', async () => {
    expect(
      await names({ near: { latitude: 35.816, longitude: 139.816 }, sort: 'DISTANCE' }),
    ).toEqual(['畑ボランティア', 'コーヒーの会']);
  });
});
