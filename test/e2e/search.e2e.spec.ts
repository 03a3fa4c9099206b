import { RequestContext, Viewer } from '@app/common';
import { SearchService } from '@app/search';
import { aViewer, signedIn } from '../support/auth';
import { aCityWithAreas, anOrganization } from '../support/factories';
import { onlyError, startTestApp, TestApp } from '../support/test-app';

/** Test city at 139.7/35.7 (district = SW 0.01°). */
describe('searchResources', () => {
  let t: TestApp;
  let tree: Awaited<ReturnType<typeof aCityWithAreas>>;
  let headers: Record<string, string>;
  /** An administrator of the test city, who writes the listings. */
  let admin: Record<string, string>;
  let org: string;
  const ids: Record<string, string> = {};

  const create = async (name: string, input: Record<string, unknown> = {}) => {
    const res = await t.gql(
      `mutation ($input: CreateResourceInput!) { createResource(input: $input) { id } }`,
      {
        input: {
          municipalityId: tree.municipality.id,
          organizationId: org,
          kind: 'IBASHO',
          name,
          ...input,
        },
      },
      admin,
    );
    if (res.errors) throw new Error(JSON.stringify(res.errors));
    ids[name] = res.data!.createResource.id;
  };

  const SEARCH = `query ($q: String, $f: ResourceFilter, $near: SearchNearInput, $sort: SearchSort, $first: Int, $after: String) {
    searchResources(query: $q, filter: $f, near: $near, sort: $sort, first: $first, after: $after) {
      totalCount engine
      edges { cursor score distanceMeters highlight { name snippet } node { id name location { latitude longitude } } }
      pageInfo { hasNextPage endCursor }
    }
  }`;
  const search = (variables: Record<string, unknown>) => t.gql(SEARCH, variables, headers);
  const names = async (variables: Record<string, unknown>) => {
    const res = await search(variables);
    if (res.errors) throw new Error(JSON.stringify(res.errors));
    return (res.data!.searchResources.edges as { node: { name: string } }[]).map(
      (e) => e.node.name,
    );
  };

  beforeAll(async () => {
    t = await startTestApp();
    tree = await aCityWithAreas(t.dataSource, 139.7, 35.7);
    headers = { 'X-Municipality-Id': tree.municipality.id };
    admin = (await signedIn(t, { municipalityId: tree.municipality.id, role: 'ADMIN' })).auth;
    org = (
      await anOrganization(t.dataSource, {
        municipalityId: tree.municipality.id,
        name: 'NPO法人ひだまり',
      })
    ).id;
    await create('畑の手伝い', {
      kind: 'VOLUNTEER',
      description: '季節の野菜を育てる農作業のお手伝い。見学だけでも大丈夫です。',
      location: { latitude: 35.705, longitude: 139.705 },
      themes: ['FARMING'],
      // Tuesday mornings.
      schedules: [
        {
          freq: 'WEEKLY',
          weekdays: [2],
          opensAt: '09:00',
          closesAt: '11:00',
          validFrom: '2026-01-01',
        },
      ],
    });
    await create('コーヒーの会', {
      description: 'ハンドドリップでコーヒーを淹れて、静かに過ごす会。',
      location: { latitude: 35.715, longitude: 139.715 },
      fee: { yen: 300 },
      // Saturday afternoons.
      schedules: [
        {
          freq: 'WEEKLY',
          weekdays: [6],
          opensAt: '14:00',
          closesAt: '16:00',
          validFrom: '2026-01-01',
        },
      ],
    });
    await create('専門職向けのコーヒー相談', {
      visibility: 'PROFESSIONAL',
      location: { latitude: 35.706, longitude: 139.706 },
    });
    await create('内部のコーヒー当番', {
      visibility: 'PRIVATE',
      location: { latitude: 35.707, longitude: 139.707 },
    });
    await create('語り合いの場', {
      description: '同じ経験のある人で語り合います。',
      location: { latitude: 35.7095, longitude: 139.7095 },
      address: '秘密町1-1',
      confidentialLocation: true,
    });
  });
  afterAll(() => t?.close());

  describe('matching Japanese text', () => {
    it('finds a katakana word typed in half-width, in hiragana, or without its long vowel', async () => {
      for (const q of ['コーヒー', 'ｺｰﾋｰ', 'こーひー', 'コーヒ'])
        expect(await names({ q })).toEqual(['コーヒーの会']);
    });

    it('finds a one-kanji word and its synonyms inside the description', async () => {
      expect(await names({ q: '畑' })).toEqual(['畑の手伝い']);
      expect(await names({ q: '農園' })).toEqual(['畑の手伝い']);
    });

    it('requires every word, in any order, and forgives a typo in a longer word', async () => {
      expect(await names({ q: '野菜 見学' })).toEqual(['畑の手伝い']);
      expect(await names({ q: '見学 野菜' })).toEqual(['畑の手伝い']);
      expect(await names({ q: 'はんどどりっぷ' })).toEqual(['コーヒーの会']);
      expect(await names({ q: 'ハンドドリツプ' })).toEqual(['コーヒーの会']); // ッ typed as ツ
    });

    it('marks what matched in the name and in a window of the description', async () => {
      const res = await search({ q: 'コーヒ' });
      const edge = res.data!.searchResources.edges[0];
      expect(edge.highlight.name).toBe('<mark>コーヒー</mark>の会');
      expect(edge.highlight.snippet).toContain('<mark>コーヒー</mark>を淹れて');
      expect(edge.score).toBeGreaterThan(0);
    });

    it('lists by the filters alone when the query is empty or blank', async () => {
      expect(await names({ q: '   ', f: { kinds: ['VOLUNTEER'] } })).toEqual(['畑の手伝い']);
      expect(await names({})).toEqual(['コーヒーの会', '畑の手伝い', '語り合いの場']);
    });
  });

  describe('visibility inside the engine', () => {
    it('never returns professional-only or private listings to the public', async () => {
      expect(await names({ q: 'コーヒー' })).toEqual(['コーヒーの会']);
    });

    it("returns professional-only listings to the municipality's coordinators", async () => {
      const coordinator: Viewer = aViewer('COORDINATOR', tree.municipality.id);
      const outcome = await RequestContext.run(
        { requestId: 't', defaultMunicipalityId: null, viewer: coordinator },
        () =>
          t.app
            .get(SearchService)
            .search({ municipalityId: tree.municipality.id, query: 'コーヒー' }),
      );
      expect(outcome.hits.map((h) => h.entity.name).sort()).toEqual([
        'コーヒーの会',
        '専門職向けのコーヒー相談',
      ]);
    });

    it('does not find a confidential place by its host or address, nor measure distance to it', async () => {
      expect(await names({ q: 'ひだまり' })).toEqual(['コーヒーの会', '畑の手伝い']);
      expect(await names({ q: '秘密町' })).toEqual([]);
      // From the exact spot, the distance is to the area's point, not to the place.
      const res = await search({
        q: '語り合い',
        near: { latitude: 35.7095, longitude: 139.7095 },
        sort: 'DISTANCE',
      });
      const edge = res.data!.searchResources.edges[0];
      expect(edge.node.name).toBe('語り合いの場');
      expect(edge.distanceMeters).toBeGreaterThan(300);
    });

    it('tests a radius with words at the public point of a confidential place', async () => {
      const at = (latitude: number, longitude: number, radiusMeters: number) =>
        names({ q: '語り合い', near: { latitude, longitude, radiusMeters } });
      expect(await at(35.705, 139.705, 100)).toEqual(['語り合いの場']); // the district's point
      expect(await at(35.7095, 139.7095, 50)).toEqual([]); // the place itself is not revealed
    });

    it('keeps each municipality to itself', async () => {
      const other = await aCityWithAreas(t.dataSource, 139.2, 35.2);
      const res = await t.gql(
        SEARCH,
        { q: 'コーヒー' },
        { 'X-Municipality-Id': other.municipality.id },
      );
      expect(res.data!.searchResources.edges).toEqual([]);
    });
  });

  describe('filters, distance, facets and pages', () => {
    it('applies the catalogue filters and a radius', async () => {
      expect(await names({ q: 'コーヒー', f: { freeOfCharge: true } })).toEqual([]);
      expect(
        await names({ near: { latitude: 35.715, longitude: 139.715, radiusMeters: 300 } }),
      ).toEqual(['コーヒーの会']);
      // A confidential place is tested at its area's point (the district's centre here).
      expect(
        await names({ near: { latitude: 35.705, longitude: 139.705, radiusMeters: 100 } }),
      ).toEqual(['畑の手伝い', '語り合いの場']);
    });

    it('finds what takes place on a weekday at a time of day (火曜の午前, 土曜の午後)', async () => {
      const on = async (weekly: Record<string, unknown>) => (await names({ f: { weekly } })).sort();
      expect(await on({ weekdays: [2], from: '09:00', to: '12:00' })).toEqual(['畑の手伝い']);
      expect(await on({ weekdays: [6], from: '13:00', to: '24:00' })).toEqual(['コーヒーの会']);
      // The right day at hours that do not overlap, or the right hours on another day: nothing.
      expect(await on({ weekdays: [2], from: '11:00', to: '18:00' })).toEqual([]);
      expect(await on({ weekdays: [3], from: '09:00', to: '12:00' })).toEqual([]);
      expect(await on({ weekdays: [2, 6] })).toEqual(['コーヒーの会', '畑の手伝い']);
      const error = onlyError(
        await search({ f: { weekly: { weekdays: [2], from: '12:00', to: '09:00' } } }),
      );
      expect(error.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'filter.weekly.to' });
    });

    it('sorts by distance and says how far', async () => {
      const res = await search({
        near: { latitude: 35.715, longitude: 139.715 },
        sort: 'DISTANCE',
      });
      const edges = res.data!.searchResources.edges;
      expect(edges[0].node.name).toBe('コーヒーの会');
      expect(edges[0].distanceMeters).toBe(0);
      const d = edges.map((e: { distanceMeters: number }) => e.distanceMeters);
      expect(d).toEqual([...d].sort((a, b) => a - b));
    });

    it('counts facets over every match', async () => {
      const res = await t.gql(
        `query { searchResources(first: 1) { totalCount facets {
           kind { value label count } area { label count } theme { value count } } } }`,
        {},
        headers,
      );
      const r = res.data!.searchResources;
      expect(r.totalCount).toBe(3);
      expect(r.facets.kind).toEqual([
        { value: 'IBASHO', label: '居場所', count: 2 },
        { value: 'VOLUNTEER', label: 'ボランティア', count: 1 },
      ]);
      expect(r.facets.theme).toEqual([{ value: 'FARMING', count: 1 }]);
      expect(r.facets.area).toEqual([
        { label: tree.municipality.name, count: 3 },
        { label: '西圏域', count: 3 },
        { label: '南地区', count: 2 },
      ]);
    });

    it('pages with cursors without repeating or skipping', async () => {
      const first = await search({ first: 2 });
      const page1 = first.data!.searchResources;
      expect(page1.pageInfo.hasNextPage).toBe(true);
      const second = await search({ first: 2, after: page1.pageInfo.endCursor });
      const page2 = second.data!.searchResources;
      expect(page2.pageInfo.hasNextPage).toBe(false);
      const all = [...page1.edges, ...page2.edges].map(
        (e: { node: { name: string } }) => e.node.name,
      );
      expect(all).toEqual(['コーヒーの会', '畑の手伝い', '語り合いの場']);
    });
  });

  describe('staying current', () => {
    it('finds a listing as soon as it is written, and by its new name after an edit', async () => {
      await create('手芸の集い');
      expect(await names({ q: '手芸' })).toEqual(['手芸の集い']);
      const updated = await t.gql(
        `mutation ($id: ID!) { updateResource(id: $id, input: { name: "陶芸の集い" }) { id } }`,
        { id: ids['手芸の集い'] },
        admin,
      );
      expect(updated.errors).toBeUndefined();
      expect(await names({ q: '手芸' })).toEqual([]);
      expect(await names({ q: '陶芸' })).toEqual(['陶芸の集い']);
    });

    it("finds listings by their host's new name after the host is renamed", async () => {
      const renamed = await t.gql(
        `mutation ($id: ID!) { updateOrganization(id: $id, input: { name: "NPO法人こもれび" }) { id } }`,
        { id: org },
        admin,
      );
      expect(renamed.errors).toBeUndefined();
      expect(await names({ q: 'こもれび' })).toEqual(['コーヒーの会', '畑の手伝い', '陶芸の集い']);
    });
  });

  describe('searches that find nothing', () => {
    it('are recorded with the filters and area, without the point or contact-like words', async () => {
      await names({
        q: '乗馬 090-1234-5678',
        near: { latitude: 35.705, longitude: 139.705, radiusMeters: 300 },
      });
      const [miss] = await t.dataSource.query(
        `SELECT query, filters, area_id FROM search_miss WHERE municipality_id = $1 ORDER BY id DESC LIMIT 1`,
        [tree.municipality.id],
      );
      expect(miss.query).toBe('乗馬');
      expect(miss.filters).toEqual({ near: 'area' });
      expect(miss.area_id).toBe(tree.district.id);
    });
  });

  describe('bad input', () => {
    it('refuses a query over 200 characters, naming the field', async () => {
      const res = await search({ q: 'あ'.repeat(201) });
      expect(onlyError(res).extensions?.code).toBe('BAD_USER_INPUT');
      expect(JSON.stringify(onlyError(res).extensions)).toContain('query');
    });

    it('refuses control characters', async () => {
      const res = await search({ q: 'コーヒー\u0000' });
      expect(onlyError(res).extensions?.code).toBe('BAD_USER_INPUT');
    });

    it.each([
      "'; DROP TABLE resource; --",
      '%_\\',
      '.*(コーヒー|',
      "コーヒー:* & !'",
      '<script>',
      '()[]{}|&!:*',
    ])('treats %s literally, never as a database error', async (q) => {
      const res = await search({ q });
      expect(res.errors).toBeUndefined();
    });

    it('refuses distance order without a point and a cursor from elsewhere', async () => {
      expect(onlyError(await search({ sort: 'DISTANCE' })).extensions?.code).toBe('BAD_USER_INPUT');
      expect(onlyError(await search({ after: 'bm9wZQ' })).extensions?.code).toBe('BAD_USER_INPUT');
    });
  });
});
