import { OrganizationType } from '@app/organization';
import { aCityWithAreas, anOrganization } from '../support/factories';
import { GraphQLResponse, onlyError, startTestApp, TestApp } from '../support/test-app';

const PAGE = `query ($m: ID, $first: Int, $after: String, $types: [OrganizationType!]) {
  organizations(municipalityId: $m, first: $first, after: $after, types: $types) {
    totalCount pageInfo { hasNextPage endCursor } edges { cursor node { id name } }
  }
}`;

describe('keyset pagination', () => {
  let t: TestApp;
  let tree: Awaited<ReturnType<typeof aCityWithAreas>>;
  const created: { id: string; name: string }[] = [];

  beforeAll(async () => {
    t = await startTestApp();
    tree = await aCityWithAreas(t.dataSource, 141.0, 38.0);
    // 53 organisations; many share a name, so page boundaries fall inside runs of equal sort keys.
    for (let i = 0; i < 53; i++) {
      const name = ['あおぞら会', 'ひまわり会', `みどり${String(i).padStart(2, '0')}`][i % 3];
      created.push(
        await anOrganization(t.dataSource, {
          municipalityId: tree.municipality.id,
          name,
          areaId: tree.district.id,
          type: i % 2 ? OrganizationType.NPO : OrganizationType.FARM,
        }),
      );
    }
  });
  afterAll(() => t?.close());

  async function readAll(pageSize: number, variables: Record<string, unknown> = {}) {
    const seen: { id: string; name: string }[] = [];
    let after: string | null = null;
    let pages = 0;
    for (;;) {
      const res: GraphQLResponse<{ organizations: any }> = await t.gql(PAGE, {
        m: tree.municipality.id,
        first: pageSize,
        after,
        ...variables,
      });
      expect(res.errors).toBeUndefined();
      const conn: {
        edges: { node: { id: string; name: string } }[];
        pageInfo: { hasNextPage: boolean; endCursor: string };
        totalCount: number;
      } = res.data!.organizations;
      seen.push(...conn.edges.map((e: { node: { id: string; name: string } }) => e.node));
      pages++;
      if (!conn.pageInfo.hasNextPage) return { seen, pages, totalCount: conn.totalCount };
      after = conn.pageInfo.endCursor;
      expect(pages).toBeLessThan(100);
    }
  }

  it.each([1, 7, 10, 53, 100])(
    'visits every row exactly once in (name, id) order with pages of %i',
    async (size) => {
      const { seen, pages, totalCount } = await readAll(size);
      expect(totalCount).toBe(53);
      expect(seen).toHaveLength(53);
      expect(new Set(seen.map((s) => s.id)).size).toBe(53);
      expect(new Set(seen.map((s) => s.id))).toEqual(new Set(created.map((c) => c.id)));
      expect(pages).toBe(Math.ceil(53 / size));
      const expected = await t.dataSource.query(
        `SELECT id FROM organization WHERE municipality_id = $1 ORDER BY name, id`,
        [tree.municipality.id],
      );
      expect(seen.map((s) => s.id)).toEqual(expected.map((r: { id: string }) => r.id));
    },
  );

  it('keeps its place when rows are added before the cursor', async () => {
    const first = await t.gql(PAGE, { m: tree.municipality.id, first: 10 });
    const cursor = first.data!.organizations.pageInfo.endCursor;
    const seenIds = first.data!.organizations.edges.map((e: { node: { id: string } }) => e.node.id);
    await anOrganization(t.dataSource, {
      municipalityId: tree.municipality.id,
      name: 'ああ先頭に入る会',
    });
    const second = await t.gql(PAGE, { m: tree.municipality.id, first: 10, after: cursor });
    const secondIds: string[] = second.data!.organizations.edges.map(
      (e: { node: { id: string } }) => e.node.id,
    );
    expect(secondIds.filter((id) => seenIds.includes(id))).toEqual([]);
    expect(second.data!.organizations.totalCount).toBe(54);
  });

  it('pages a filtered list with the filter applied to the count too', async () => {
    const [{ count }] = await t.dataSource.query(
      `SELECT count(*)::int AS count FROM organization WHERE municipality_id = $1 AND type = 'NPO'`,
      [tree.municipality.id],
    );
    expect(count).toBeGreaterThanOrEqual(26);
    const { seen, totalCount } = await readAll(4, { types: ['NPO'] });
    expect(totalCount).toBe(count);
    expect(new Set(seen.map((s) => s.id)).size).toBe(count);
  });

  it.each([
    ['a page size of 0', { first: 0 }, 'first'],
    ['a page size over 100', { first: 101 }, 'first'],
    ['a forged cursor', { after: 'eyJub3QiOiJhIGN1cnNvciJ9' }, 'after'],
  ])('refuses %s, naming the field', async (_label, variables, field) => {
    const error = onlyError(await t.gql(PAGE, { m: tree.municipality.id, ...variables }));
    expect(error.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field });
  });

  it('loads relations through DataLoaders: 50 organisations with area, parent area and municipality in at most 5 statements', async () => {
    const query = `query ($m: ID) { organizations(municipalityId: $m, first: 50) {
      edges { node { name municipality { name } area { name parent { name municipality { name } } } } } } }`;
    const { result, statements } = await t.countQueries(() =>
      t.gql(query, { m: tree.municipality.id }),
    );
    expect(result.errors).toBeUndefined();
    expect(result.data!.organizations.edges).toHaveLength(50);
    const placed = result.data!.organizations.edges.filter(
      (e: { node: { area: unknown } }) => e.node.area,
    );
    expect(placed.length).toBeGreaterThanOrEqual(49);
    for (const e of placed)
      expect(e.node.area.parent).toEqual({
        name: '西圏域',
        municipality: { name: tree.municipality.name },
      });
    // count + page, then one batch each: municipalities, areas, parent areas.
    expect(statements.length).toBeLessThanOrEqual(5);
    // …and the counter does see them (so the bound above cannot pass by counting nothing).
    expect(statements.length).toBeGreaterThanOrEqual(4);
    expect(statements.join('\n')).toMatch(/FROM "area"/);
  });
});
