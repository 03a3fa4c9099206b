import { AreaLevel } from '@app/municipality';
import { signedIn } from '../support/auth';
import { aCityWithAreas, aMunicipality, countRows, square } from '../support/factories';
import { onlyError, startTestApp, TestApp } from '../support/test-app';

const CREATE_AREA = `mutation ($input: CreateAreaInput!) {
  createArea(input: $input) { id name level code boundary parent { id name } municipality { id } }
}`;
const UPDATE_AREA = `mutation ($id: ID!, $input: UpdateAreaInput!) { updateArea(id: $id, input: $input) { id name boundary } }`;

/** Two triangles meeting at a point: the classic self-intersecting "bow tie". */
const bowTie = (lon: number, lat: number) => ({
  type: 'Polygon',
  coordinates: [
    [
      [lon, lat],
      [lon + 0.01, lat + 0.01],
      [lon + 0.01, lat],
      [lon, lat + 0.01],
      [lon, lat],
    ],
  ],
});

describe('areas (圏域) over GraphQL', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(() => t?.close());

  /** Areas are drawn by the municipality's administrators: one signed in for `municipalityId`. */
  const adminOf = async (municipalityId: string) =>
    (await signedIn(t, { municipalityId, role: 'ADMIN' })).auth;

  it('builds the three-level hierarchy and reads it back with parents and children', async () => {
    const m = await aMunicipality(t.dataSource);
    const admin = await adminOf(m.id);
    const city = await t.gql(
      CREATE_AREA,
      {
        input: {
          municipalityId: m.id,
          level: 'MUNICIPALITY',
          name: m.name,
          boundary: square(139.0, 35.0, 0.1),
        },
      },
      admin,
    );
    expect(city.errors).toBeUndefined();
    const dla = await t.gql(
      CREATE_AREA,
      {
        input: {
          municipalityId: m.id,
          level: 'DAILY_LIFE_AREA',
          parentId: city.data!.createArea.id,
          name: '  東部圏域 ',
          code: 'E',
          boundary: square(139.05, 35.0, 0.05),
        },
      },
      admin,
    );
    expect(dla.data!.createArea).toMatchObject({
      name: '東部圏域',
      level: 'DAILY_LIFE_AREA',
      code: 'E',
      parent: { name: m.name },
    });
    expect(dla.data!.createArea.boundary.type).toBe('MultiPolygon');
    const district = await t.gql(
      CREATE_AREA,
      {
        input: {
          municipalityId: m.id,
          level: 'DISTRICT',
          parentId: dla.data!.createArea.id,
          name: '港地区',
          boundary: { type: 'MultiPolygon', coordinates: [square(139.05, 35.0, 0.02).coordinates] },
        },
      },
      admin,
    );
    expect(district.errors).toBeUndefined();

    const tree = await t.gql(
      `query ($id: ID!) { area(id: $id) { name children { name children { name parent { name } } } } }`,
      { id: city.data!.createArea.id },
    );
    expect(tree.data!.area).toEqual({
      name: m.name,
      children: [
        { name: '東部圏域', children: [{ name: '港地区', parent: { name: '東部圏域' } }] },
      ],
    });

    const located = await t.gql(
      `query ($m: ID) { areaAt(municipalityId: $m, point: { latitude: 35.01, longitude: 139.06 }) { name level } }`,
      { m: m.id },
    );
    expect(located.data!.areaAt).toEqual({ name: '港地区', level: 'DISTRICT' });
  });

  describe('refuses bad input, naming the field, and writes nothing', () => {
    let tree: Awaited<ReturnType<typeof aCityWithAreas>>;
    let admin: Record<string, string>;
    beforeAll(async () => {
      tree = await aCityWithAreas(t.dataSource, 138.0, 36.0);
      admin = await adminOf(tree.municipality.id);
    });

    const district = (overrides: Record<string, unknown>) => ({
      municipalityId: tree.municipality.id,
      level: 'DISTRICT',
      parentId: tree.dailyLife.id,
      name: '新地区',
      boundary: square(138.01, 36.0, 0.005),
      ...overrides,
    });

    it.each<[string, () => Record<string, unknown>, string, RegExp]>([
      [
        'a self-intersecting polygon',
        () => district({ boundary: bowTie(138.0, 36.0) }),
        'boundary',
        /辺が交差しています（緯度 36\.00500、経度 138\.00500 付近）/,
      ],
      [
        'a coordinate out of range',
        () => district({ boundary: square(138.0, 95.0, 0.01) }),
        'boundary',
        /範囲外/,
      ],
      [
        'a ring that is not closed',
        () =>
          district({
            boundary: {
              type: 'Polygon',
              coordinates: [square(138, 36).coordinates[0].slice(0, 4)],
            },
          }),
        'boundary',
        /閉じてください/,
      ],
      [
        'a point instead of a polygon',
        () => district({ boundary: { type: 'Point', coordinates: [138, 36] } }),
        'boundary',
        /Polygon か MultiPolygon/,
      ],
      ['an empty name', () => district({ name: '' }), 'name', /圏域名を入力してください/],
      [
        'a name of only spaces (full-width too)',
        () => district({ name: ' \u3000 ' }),
        'name',
        /圏域名を入力してください/,
      ],
      [
        'a name over 50 characters',
        () => district({ name: 'あ'.repeat(51) }),
        'name',
        /50文字以内/,
      ],
      [
        'an unknown parent area',
        () => district({ parentId: '00000000-0000-4000-8000-000000000000' }),
        'parentId',
        /上位の圏域がこの自治体に見つかりません/,
      ],
      [
        'a parent of the wrong level',
        () => district({ parentId: tree.city.id }),
        'parentId',
        /地区の上位には日常生活圏域を指定してください/,
      ],
      [
        'a district without a parent',
        () => district({ parentId: null }),
        'parentId',
        /地区の上位には日常生活圏域を指定してください/,
      ],
      [
        'a municipality-level area with a parent',
        () => district({ level: 'MUNICIPALITY', parentId: tree.city.id }),
        'parentId',
        /上位の圏域を指定できません/,
      ],
      [
        'a malformed parent id',
        () => district({ parentId: 'abc' }),
        'parentId',
        /上位の圏域の形式が正しくありません/,
      ],
    ])('%s', async (_label, input, field, message) => {
      const before = await countRows(t.dataSource, 'area', tree.municipality.id);
      const res = await t.gql(CREATE_AREA, { input: input() }, admin);
      const error = onlyError(res);
      expect(error.extensions?.code).toBe('BAD_USER_INPUT');
      expect(error.extensions?.field).toBe(field);
      expect(error.message).toMatch(message);
      expect(JSON.stringify(res)).not.toMatch(/stacktrace|at .*\.(ts|js):\d+/);
      expect(await countRows(t.dataSource, 'area', tree.municipality.id)).toBe(before);
    });

    it('an unknown municipality is never the caller’s own: FORBIDDEN, nothing written, no trace', async () => {
      const before = await countRows(t.dataSource, 'area', tree.municipality.id);
      const res = await t.gql(
        CREATE_AREA,
        { input: district({ municipalityId: '00000000-0000-4000-8000-000000000000' }) },
        admin,
      );
      expect(onlyError(res).extensions?.code).toBe('FORBIDDEN');
      expect(JSON.stringify(res)).not.toMatch(/stacktrace|at .*\.(ts|js):\d+/);
      expect(await countRows(t.dataSource, 'area', tree.municipality.id)).toBe(before);
      expect(await countRows(t.dataSource, 'area', '00000000-0000-4000-8000-000000000000')).toBe(0);
    });

    it('refuses a parent from another municipality as unknown', async () => {
      const other = await aCityWithAreas(t.dataSource, 137.0, 36.0);
      const error = onlyError(
        await t.gql(CREATE_AREA, { input: district({ parentId: other.dailyLife.id }) }, admin),
      );
      expect(error.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'parentId' });
    });

    it('reports an unknown parent and an invalid polygon together', async () => {
      const res = await t.gql(
        CREATE_AREA,
        {
          input: district({
            parentId: '00000000-0000-4000-8000-000000000000',
            boundary: bowTie(138, 36),
          }),
        },
        admin,
      );
      expect(onlyError(res).extensions?.errors?.map((e) => e.field)).toEqual([
        'parentId',
        'boundary',
      ]);
    });

    it('leaves an area unchanged when an update has an invalid polygon', async () => {
      const before = await t.dataSource.query(
        `SELECT name, ST_AsText(boundary) AS b FROM area WHERE id = $1`,
        [tree.district.id],
      );
      const error = onlyError(
        await t.gql(
          UPDATE_AREA,
          {
            id: tree.district.id,
            input: { name: '改名地区', boundary: bowTie(138, 36) },
          },
          admin,
        ),
      );
      expect(error.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'boundary' });
      expect(
        await t.dataSource.query(`SELECT name, ST_AsText(boundary) AS b FROM area WHERE id = $1`, [
          tree.district.id,
        ]),
      ).toEqual(before);
    });

    it('refuses an explicit null name on update', async () => {
      const error = onlyError(
        await t.gql(UPDATE_AREA, { id: tree.district.id, input: { name: null } }, admin),
      );
      expect(error.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'name' });
    });
  });

  it('updates a name and boundary', async () => {
    const tree = await aCityWithAreas(t.dataSource, 137.5, 36.0);
    const admin = await adminOf(tree.municipality.id);
    const res = await t.gql(
      UPDATE_AREA,
      {
        id: tree.district.id,
        input: { name: '北地区', boundary: square(137.5, 36.0, 0.015) },
      },
      admin,
    );
    expect(res.data!.updateArea.name).toBe('北地区');
    expect(res.data!.updateArea.boundary.coordinates[0][0][1]).toEqual([137.515, 36.0]);
  });

  it('answers NOT_FOUND for an unknown id and BAD_USER_INPUT for a malformed one', async () => {
    expect(
      onlyError(await t.gql(`{ area(id: "00000000-0000-4000-8000-000000000000") { id } }`))
        .extensions?.code,
    ).toBe('NOT_FOUND');
    expect(
      onlyError(await t.gql(`{ area(id: "1; DROP TABLE area") { id } }`)).extensions,
    ).toMatchObject({ code: 'BAD_USER_INPUT', field: 'id' });
  });

  it('lists areas by level and parent, in pages', async () => {
    const tree = await aCityWithAreas(t.dataSource, 137.0, 35.0);
    const res = await t.gql(
      `query ($m: ID, $p: ID) { areas(municipalityId: $m, level: DISTRICT, parentId: $p) { totalCount edges { node { name level } } } }`,
      {
        m: tree.municipality.id,
        p: tree.dailyLife.id,
      },
    );
    expect(res.data!.areas).toEqual({
      totalCount: 1,
      edges: [{ node: { name: '南地区', level: AreaLevel.DISTRICT } }],
    });
  });
});
