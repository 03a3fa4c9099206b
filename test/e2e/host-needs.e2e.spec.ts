import { signedIn } from '../support/auth';
import { aCityWithAreas, aResource, anOrganization } from '../support/factories';
import { onlyError, startTestApp, TestApp } from '../support/test-app';

const ADD = `mutation ($input: AddHostNeedInput!) { addHostNeed(input: $input) { id kind description isOpen organization { name } } }`;

describe('host needs (人・物・場所・お金)', () => {
  let t: TestApp;
  let city: Awaited<ReturnType<typeof aCityWithAreas>>;
  let org: { id: string; name: string };
  /** An administrator of the city, who records what its organisations need. */
  let admin: Record<string, string>;

  beforeAll(async () => {
    t = await startTestApp();
    city = await aCityWithAreas(t.dataSource, 140.5, 36.5);
    org = await anOrganization(t.dataSource, {
      municipalityId: city.municipality.id,
      name: '東原ふれあい食堂',
    });
    admin = (await signedIn(t, { municipalityId: city.municipality.id, role: 'ADMIN' })).auth;
  });
  afterAll(() => t?.close());

  it('adds needs of an organisation and of one of its resources, lists the open ones newest first, closes one', async () => {
    const resource = await aResource(t.dataSource, {
      municipalityId: city.municipality.id,
      organizationId: org.id,
    });
    const pot = await t.gql(
      ADD,
      {
        input: { organizationId: org.id, kind: 'THINGS', description: '大きめの鍋' },
      },
      admin,
    );
    expect(pot.data!.addHostNeed).toMatchObject({
      kind: 'THINGS',
      description: '大きめの鍋',
      isOpen: true,
      organization: { name: '東原ふれあい食堂' },
    });
    await t.gql(
      ADD,
      {
        input: {
          organizationId: org.id,
          resourceId: resource.id,
          kind: 'PEOPLE',
          description: '配膳ボランティア（平日昼）',
        },
      },
      admin,
    );

    const list = async (extra = '') =>
      (
        await t.gql(
          `query ($m: ID) { hostNeeds(municipalityId: $m${extra}) { edges { node { description kind } } } }`,
          { m: city.municipality.id },
        )
      ).data!.hostNeeds.edges.map((e: { node: { description: string } }) => e.node.description);
    expect(await list()).toEqual(['配膳ボランティア（平日昼）', '大きめの鍋']);
    expect(await list(', kinds: [PEOPLE]')).toEqual(['配膳ボランティア（平日昼）']);

    // Page by page over a numeric key (milliseconds): the same two, once each, in the same order.
    const page = async (after: string | null) =>
      (
        await t.gql(
          `query ($m: ID, $after: String) { hostNeeds(municipalityId: $m, first: 1, after: $after) { pageInfo { hasNextPage endCursor } edges { node { description } } } }`,
          { m: city.municipality.id, after },
        )
      ).data!.hostNeeds;
    const first = await page(null);
    const second = await page(first.pageInfo.endCursor);
    expect([first.edges[0].node.description, second.edges[0].node.description]).toEqual([
      '配膳ボランティア（平日昼）',
      '大きめの鍋',
    ]);
    expect([first.pageInfo.hasNextPage, second.pageInfo.hasNextPage]).toEqual([true, false]);

    const closed = await t.gql(
      `mutation ($id: ID!) { closeHostNeed(id: $id) { isOpen } }`,
      {
        id: pot.data!.addHostNeed.id,
      },
      admin,
    );
    expect(closed.data!.closeHostNeed.isOpen).toBe(false);
    expect(await list()).toEqual(['配膳ボランティア（平日昼）']);
    expect(await list(', openOnly: false')).toHaveLength(2);
  });

  it.each<[string, Record<string, string>, string]>([
    ['an empty description', { description: '  ' }, 'description'],
    [
      'an unknown organisation',
      { organizationId: '00000000-0000-4000-8000-000000000000' },
      'organizationId',
    ],
    ['a resource of another organisation', { resourceId: 'OTHER' }, 'resourceId'],
  ])('refuses %s, naming the field, writing nothing', async (_label, overrides, field) => {
    if (overrides.resourceId === 'OTHER') {
      const otherOrg = await anOrganization(t.dataSource, { municipalityId: city.municipality.id });
      overrides = {
        resourceId: (
          await aResource(t.dataSource, {
            municipalityId: city.municipality.id,
            organizationId: otherOrg.id,
          })
        ).id,
      };
    }
    const [{ count: before }] = await t.dataSource.query(
      // This municipality's needs only: other suites add needs at the same time.
      `SELECT count(*)::int AS count FROM host_need WHERE municipality_id = $1`,
      [city.municipality.id],
    );
    const error = onlyError(
      await t.gql(
        ADD,
        {
          input: {
            organizationId: org.id,
            kind: 'PEOPLE',
            description: '受付の手伝い',
            ...overrides,
          },
        },
        admin,
      ),
    );
    expect(error.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field });
    const [{ count: after }] = await t.dataSource.query(
      // This municipality's needs only: other suites add needs at the same time.
      `SELECT count(*)::int AS count FROM host_need WHERE municipality_id = $1`,
      [city.municipality.id],
    );
    expect(after).toBe(before);
  });
});
