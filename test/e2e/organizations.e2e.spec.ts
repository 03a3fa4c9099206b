import { signedIn } from '../support/auth';
import { aCityWithAreas, aMunicipality, countRows } from '../support/factories';
import { onlyError, startTestApp, TestApp } from '../support/test-app';

const CREATE = `mutation ($input: CreateOrganizationInput!) {
  createOrganization(input: $input) {
    id name nameKana type phone email website postalCode address contactPerson
    location { latitude longitude } area { id name level } municipality { id }
  }
}`;
const UPDATE = `mutation ($id: ID!, $input: UpdateOrganizationInput!) {
  updateOrganization(id: $id, input: $input) { id name type phone location { latitude longitude } area { id name } }
}`;

describe('organisations (受け入れ先) over GraphQL', () => {
  let t: TestApp;
  let tree: Awaited<ReturnType<typeof aCityWithAreas>>;
  /** An administrator of the test city signed in: organisations are written by its staff. */
  let admin: Record<string, string>;
  beforeAll(async () => {
    t = await startTestApp();
    tree = await aCityWithAreas(t.dataSource, 139.5, 35.5);
    admin = (await signedIn(t, { municipalityId: tree.municipality.id, role: 'ADMIN' })).auth;
  });
  afterAll(() => t?.close());

  const valid = (overrides: Record<string, unknown> = {}) => ({
    municipalityId: tree.municipality.id,
    name: 'NPO法人 ひだまりの家',
    nameKana: 'ヒダマリノイエ',
    type: 'NPO',
    phone: '042-512-3456',
    email: 'info@hidamari.example.jp',
    website: 'https://hidamari.example.jp',
    postalCode: '199-0012',
    address: '東京都テスト市本町2丁目3-5',
    contactPerson: '事務局 山田',
    location: { latitude: 35.505, longitude: 139.505 },
    ...overrides,
  });

  it('creates an organisation and places it in the innermost area covering its point', async () => {
    const res = await t.gql(CREATE, { input: valid() }, admin);
    expect(res.errors).toBeUndefined();
    expect(res.data!.createOrganization).toMatchObject({
      name: 'NPO法人 ひだまりの家',
      type: 'NPO',
      location: { latitude: 35.505, longitude: 139.505 },
      area: { id: tree.district.id, level: 'DISTRICT' },
      municipality: { id: tree.municipality.id },
    });
  });

  it('places a point outside every district in the daily-life area, and outside the city in none', async () => {
    const inDailyLife = await t.gql(
      CREATE,
      {
        input: valid({
          name: 'さくら農園',
          type: 'FARM',
          location: { latitude: 35.515, longitude: 139.515 },
        }),
      },
      admin,
    );
    expect(inDailyLife.data!.createOrganization.area).toMatchObject({ id: tree.dailyLife.id });
    const outside = await t.gql(
      CREATE,
      {
        input: valid({ name: '市外の団体', location: { latitude: 34.0, longitude: 135.0 } }),
      },
      admin,
    );
    expect(outside.data!.createOrganization.area).toBeNull();
  });

  it('keeps an area chosen by hand over the one its point falls in', async () => {
    const res = await t.gql(
      CREATE,
      { input: valid({ name: '手動の団体', areaId: tree.city.id }) },
      admin,
    );
    expect(res.data!.createOrganization.area.id).toBe(tree.city.id);
  });

  it('creates with only a name and a type', async () => {
    const res = await t.gql(
      CREATE,
      {
        input: { municipalityId: tree.municipality.id, name: '光明寺', type: 'TEMPLE_OR_SHRINE' },
      },
      admin,
    );
    expect(res.data!.createOrganization).toMatchObject({
      name: '光明寺',
      location: null,
      area: null,
      phone: null,
    });
  });

  describe('refuses bad input, naming the field, and writes nothing', () => {
    it.each<[string, Record<string, unknown>, string, RegExp]>([
      ['an empty name', { name: '' }, 'name', /団体名を入力してください/],
      ['a name of spaces', { name: '\u3000 ' }, 'name', /団体名を入力してください/],
      [
        'a latitude out of range',
        { location: { latitude: 91, longitude: 139.5 } },
        'location.latitude',
        /緯度は-90から90/,
      ],
      [
        'a longitude out of range',
        { location: { latitude: 35.5, longitude: -181 } },
        'location.longitude',
        /経度は-180から180/,
      ],
      ['a malformed e-mail address', { email: 'info@' }, 'email', /メールアドレスの形式/],
      ['a malformed phone number', { phone: '12345' }, 'phone', /電話番号の形式/],
      ['a malformed postal code', { postalCode: '1990' }, 'postalCode', /郵便番号の形式/],
      [
        'a website that is not http(s)',
        { website: 'javascript:alert(1)' },
        'website',
        /ウェブサイトの形式/,
      ],
      ['a reading not in kana', { nameKana: 'Hidamari' }, 'nameKana', /フリガナの形式/],
      [
        'an unknown area',
        { areaId: '00000000-0000-4000-8000-000000000000' },
        'areaId',
        /圏域がこの自治体に見つかりません/,
      ],
    ])('%s', async (_label, overrides, field, message) => {
      const before = await countRows(t.dataSource, 'organization', tree.municipality.id);
      const error = onlyError(await t.gql(CREATE, { input: valid(overrides) }, admin));
      expect(error.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field });
      expect(error.message).toMatch(message);
      expect(await countRows(t.dataSource, 'organization', tree.municipality.id)).toBe(before);
    });

    it('an unknown municipality (never the caller’s own, so FORBIDDEN before it is looked up)', async () => {
      const before = await countRows(t.dataSource, 'organization', tree.municipality.id);
      const error = onlyError(
        await t.gql(
          CREATE,
          { input: valid({ municipalityId: '00000000-0000-4000-8000-000000000000' }) },
          admin,
        ),
      );
      expect(error.extensions?.code).toBe('FORBIDDEN');
      expect(await countRows(t.dataSource, 'organization', tree.municipality.id)).toBe(before);
      expect(
        await countRows(t.dataSource, 'organization', '00000000-0000-4000-8000-000000000000'),
      ).toBe(0);
    });

    it('an area of another municipality', async () => {
      const other = await aCityWithAreas(t.dataSource, 130.0, 33.0);
      const before = await countRows(t.dataSource, 'organization', tree.municipality.id);
      const error = onlyError(
        await t.gql(CREATE, { input: valid({ areaId: other.district.id }) }, admin),
      );
      expect(error.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'areaId' });
      expect(await countRows(t.dataSource, 'organization', tree.municipality.id)).toBe(before);
    });

    it('reports every bad field of one input at once', async () => {
      const error = onlyError(
        await t.gql(
          CREATE,
          {
            input: valid({ name: '', email: 'x', location: { latitude: 100, longitude: 139 } }),
          },
          admin,
        ),
      );
      expect(error.extensions?.errors?.map((e) => e.field).sort()).toEqual([
        'email',
        'location.latitude',
        'name',
      ]);
    });

    it('an unknown organisation type is refused by the schema', async () => {
      const error = onlyError(await t.gql(CREATE, { input: valid({ type: 'CULT' }) }, admin));
      expect(error.extensions?.code).toBe('BAD_USER_INPUT');
      expect(error.message).toMatch(/type/);
    });
  });

  describe('updates', () => {
    it('changes fields, moves the point and re-places it; an empty optional text clears the field', async () => {
      const created = await t.gql(
        CREATE,
        {
          input: valid({ name: '移転する団体', location: { latitude: 34.0, longitude: 135.0 } }),
        },
        admin,
      );
      const id = created.data!.createOrganization.id;
      const res = await t.gql(
        UPDATE,
        {
          id,
          input: {
            name: '移転した団体',
            phone: '',
            location: { latitude: 35.505, longitude: 139.505 },
          },
        },
        admin,
      );
      expect(res.data!.updateOrganization).toMatchObject({
        name: '移転した団体',
        phone: null,
        area: { id: tree.district.id },
      });
    });

    it('refuses a bad update and leaves the row as it was', async () => {
      const created = await t.gql(CREATE, { input: valid({ name: '変わらない団体' }) }, admin);
      const id = created.data!.createOrganization.id;
      const before = await t.dataSource.query(`SELECT * FROM organization WHERE id = $1`, [id]);
      for (const input of [
        { name: '' },
        { name: null },
        { type: null },
        { location: { latitude: 200, longitude: 0 } },
        { areaId: '00000000-0000-4000-8000-000000000000' },
      ]) {
        const error = onlyError(await t.gql(UPDATE, { id, input }, admin));
        expect(error.extensions?.code).toBe('BAD_USER_INPUT');
      }
      expect(await t.dataSource.query(`SELECT * FROM organization WHERE id = $1`, [id])).toEqual(
        before,
      );
    });

    it('answers NOT_FOUND for an unknown organisation', async () => {
      const error = onlyError(
        await t.gql(
          UPDATE,
          { id: '00000000-0000-4000-8000-000000000000', input: { name: 'x' } },
          admin,
        ),
      );
      expect(error.extensions?.code).toBe('NOT_FOUND');
    });
  });

  it('filters by type, by area including the areas inside it, and by part of the name or reading', async () => {
    const m = await aCityWithAreas(t.dataSource, 140.0, 36.0);
    const { auth } = await signedIn(t, { municipalityId: m.municipality.id, role: 'ADMIN' });
    const create = async (input: Record<string, unknown>) => {
      const res = await t.gql(
        CREATE,
        { input: { municipalityId: m.municipality.id, ...input } },
        auth,
      );
      expect(res.errors).toBeUndefined();
    };
    await create({
      name: 'こども食堂 みなみ',
      nameKana: 'コドモショクドウミナミ',
      type: 'RESIDENTS_GROUP',
      location: { latitude: 36.005, longitude: 140.005 },
    });
    await create({
      name: '西の畑',
      type: 'FARM',
      location: { latitude: 36.015, longitude: 140.015 },
    });
    await create({
      name: '東の100%ジュース店',
      type: 'SHOP',
      location: { latitude: 36.015, longitude: 140.035 },
    });
    const names = async (args: string) => {
      const res = await t.gql(
        `query ($m: ID) { organizations(municipalityId: $m, ${args}) { totalCount edges { node { name } } } }`,
        { m: m.municipality.id },
      );
      expect(res.errors).toBeUndefined();
      return res.data!.organizations.edges.map((e: { node: { name: string } }) => e.node.name);
    };
    expect(await names(`types: [FARM, SHOP]`)).toEqual(['東の100%ジュース店', '西の畑']);
    expect(await names(`areaId: "${m.dailyLife.id}"`)).toEqual(['こども食堂 みなみ', '西の畑']);
    expect(await names(`areaId: "${m.district.id}"`)).toEqual(['こども食堂 みなみ']);
    expect(await names(`nameContains: "ショクドウ"`)).toEqual(['こども食堂 みなみ']);
    expect(await names(`nameContains: "100%"`)).toEqual(['東の100%ジュース店']);
    expect(await names(`nameContains: "%"`)).toEqual(['東の100%ジュース店']);
    expect(await names(`nameContains: "_"`)).toEqual([]);
  });

  it("uses the request's municipality (X-Municipality-Id) when the call names none", async () => {
    const m = await aMunicipality(t.dataSource);
    const { auth } = await signedIn(t, { municipalityId: m.id, role: 'ADMIN' });
    await t.gql(
      CREATE,
      { input: { municipalityId: m.id, name: 'ヘッダーの団体', type: 'NPO' } },
      auth,
    );
    const res = await t.gql(`{ organizations { edges { node { name } } } }`, undefined, {
      'x-municipality-id': m.id,
    });
    expect(res.data!.organizations.edges).toEqual([{ node: { name: 'ヘッダーの団体' } }]);
  });
});
