import { encodeCursor } from '@app/common';
import { signedIn } from '../support/auth';
import { aCityWithAreas, aMunicipality, anOrganization } from '../support/factories';
import { onlyError, startTestApp, TestApp } from '../support/test-app';

describe('hostile or odd input is refused cleanly', () => {
  let t: TestApp;
  let tree: Awaited<ReturnType<typeof aCityWithAreas>>;
  /** An administrator of the test city: the writes below are theirs. */
  let admin: Record<string, string>;
  beforeAll(async () => {
    t = await startTestApp();
    tree = await aCityWithAreas(t.dataSource, 142.0, 43.0);
    admin = (await signedIn(t, { municipalityId: tree.municipality.id, role: 'ADMIN' })).auth;
  });
  afterAll(() => t?.close());

  it.each([
    ['a NUL byte in a name', 'ひだまり\u0000の家', 'name'],
    ['a control character in a name', 'ひだまり\u0007', 'name'],
    ['a lone surrogate in a name', 'ひだまり\ud800', 'name'],
  ])('%s is BAD_USER_INPUT naming the field, nothing written', async (_label, name, field) => {
    const res = await t.gql(
      `mutation ($input: CreateOrganizationInput!) { createOrganization(input: $input) { id } }`,
      {
        input: { municipalityId: tree.municipality.id, name, type: 'NPO' },
      },
      admin,
    );
    expect(onlyError(res).extensions).toMatchObject({ code: 'BAD_USER_INPUT', field });
    const [{ count }] = await t.dataSource.query(
      `SELECT count(*)::int AS count FROM organization WHERE municipality_id = $1`,
      [tree.municipality.id],
    );
    expect(count).toBe(0);
  });

  it('keeps new lines and tabs in long texts', async () => {
    const res = await t.gql(
      `mutation ($input: CreateOrganizationInput!) { createOrganization(input: $input) { description } }`,
      {
        input: {
          municipalityId: tree.municipality.id,
          name: '改行のある団体',
          type: 'NPO',
          description: '一行目\n二行目\tタブ',
        },
      },
      admin,
    );
    expect(res.data!.createOrganization.description).toBe('一行目\n二行目\tタブ');
  });

  it('a NUL byte in a search argument is BAD_USER_INPUT', async () => {
    const res = await t.gql(
      `query ($m: ID, $q: String) { organizations(municipalityId: $m, nameContains: $q) { edges { cursor } } }`,
      { m: tree.municipality.id, q: 'a\u0000' },
    );
    expect(onlyError(res).extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
      field: 'nameContains',
    });
  });

  it.each([
    ['an id that is not a uuid', encodeCursor({ key: 'x', id: 'nope' })],
    [
      'a key with a NUL byte',
      encodeCursor({ key: 'a\u0000', id: '00000000-0000-4000-8000-000000000000' }),
    ],
  ])('a forged cursor with %s is BAD_USER_INPUT', async (_label, after) => {
    const res = await t.gql(
      `query ($m: ID, $after: String) { organizations(municipalityId: $m, after: $after) { edges { cursor } } }`,
      { m: tree.municipality.id, after },
    );
    expect(onlyError(res).extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'after' });
  });

  it('a malformed municipalityId on areaAt is BAD_USER_INPUT', async () => {
    const res = await t.gql(
      `{ areaAt(municipalityId: "abc", point: { latitude: 35, longitude: 139 }) { id } }`,
    );
    expect(onlyError(res).extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
      field: 'municipalityId',
    });
  });

  it('refuses a query nested deeper than the limit before running it', async () => {
    let selection = 'id';
    for (let i = 0; i < 8; i++) selection = `children { parent { ${selection} } }`;
    const started = Date.now();
    const res = await t.gql(`query ($id: ID!) { area(id: $id) { ${selection} } }`, {
      id: tree.city.id,
    });
    expect(Date.now() - started).toBeLessThan(5000);
    expect(res.errors?.[0].extensions?.code).toBe('GRAPHQL_VALIDATION_FAILED');
    expect(res.errors?.[0].message).toMatch(/depth/i);
    expect(res.data).toBeUndefined();
  });

  it('pages through names of 100 four-byte characters', async () => {
    const m = await aMunicipality(t.dataSource);
    for (const c of ['😀', '𠮷', '🍵'])
      await anOrganization(t.dataSource, { municipalityId: m.id, name: c.repeat(100) });
    const seen: string[] = [];
    let after: string | null = null;
    for (let page = 0; page < 5; page++) {
      const res: any = await t.gql(
        `query ($m: ID, $after: String) { organizations(municipalityId: $m, first: 1, after: $after) { pageInfo { hasNextPage endCursor } edges { node { id } } } }`,
        { m: m.id, after },
      );
      expect(res.errors).toBeUndefined();
      seen.push(...res.data.organizations.edges.map((e: any) => e.node.id));
      if (!res.data.organizations.pageInfo.hasNextPage) break;
      after = res.data.organizations.pageInfo.endCursor;
    }
    expect(new Set(seen).size).toBe(3);
  });

  it('concurrent updates of different fields of one organisation all survive', async () => {
    const org = await anOrganization(t.dataSource, {
      municipalityId: tree.municipality.id,
      name: '同時更新の団体',
    });
    const fields: Record<string, string> = {
      phone: '042-500-0001',
      email: 'a@example.jp',
      website: 'https://a.example.jp',
      contactPerson: '担当A',
      postalCode: '199-0001',
      address: '東京都テスト市1-1',
      description: '説明',
      nameKana: 'ドウジコウシン',
    };
    await Promise.all(
      Object.entries(fields).map(([k, v]) =>
        t.gql(
          `mutation ($id: ID!, $input: UpdateOrganizationInput!) { updateOrganization(id: $id, input: $input) { id } }`,
          { id: org.id, input: { [k]: v } },
          admin,
        ),
      ),
    );
    const res = await t.gql(
      `query ($id: ID!) { organization(id: $id) { ${Object.keys(fields).join(' ')} } }`,
      { id: org.id },
    );
    expect(res.data!.organization).toEqual(fields);
  });
});
