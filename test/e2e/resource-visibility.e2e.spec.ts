import { ResourceService } from '@app/catalog';
import { check } from '@placemarkio/check-geojson';
import { RequestContext, Viewer } from '@app/common';
import { aViewer, signedIn } from '../support/auth';
import { aCityWithAreas, anOrganization } from '../support/factories';
import { onlyError, startTestApp, TestApp } from '../support/test-app';

/** みどり-like test city at 139.6/35.6: district = SW 0.01°, daily-life area = SW 0.02°, city = 0.04°. */
describe('resource visibility, filters and the public map', () => {
  let t: TestApp;
  let tree: Awaited<ReturnType<typeof aCityWithAreas>>;
  let other: Awaited<ReturnType<typeof aCityWithAreas>>;
  let org1: string;
  let org2: string;
  let admin: Record<string, string>;
  const ids: Record<string, string> = {};

  const create = async (key: string, input: Record<string, unknown>) => {
    const res = await t.gql(
      `mutation ($input: CreateResourceInput!) { createResource(input: $input) { id } }`,
      {
        input: {
          municipalityId: tree.municipality.id,
          organizationId: org1,
          kind: 'IBASHO',
          name: key,
          ...input,
        },
      },
      admin,
    );
    if (res.errors) throw new Error(JSON.stringify(res.errors));
    ids[key] = res.data!.createResource.id;
  };

  beforeAll(async () => {
    t = await startTestApp();
    tree = await aCityWithAreas(t.dataSource, 139.6, 35.6);
    other = await aCityWithAreas(t.dataSource, 139.0, 35.0);
    admin = (await signedIn(t, { municipalityId: tree.municipality.id, role: 'ADMIN' })).auth;
    org1 = (
      await anOrganization(t.dataSource, { municipalityId: tree.municipality.id, name: '団体1' })
    ).id;
    org2 = (
      await anOrganization(t.dataSource, { municipalityId: tree.municipality.id, name: '団体2' })
    ).id;
    const wednesday = [
      {
        freq: 'WEEKLY',
        weekdays: [3],
        opensAt: '10:00',
        closesAt: '12:00',
        validFrom: '2026-01-01',
      },
    ];
    const secondSaturday = [
      {
        freq: 'MONTHLY',
        weekdays: [6],
        nth: [2],
        opensAt: '13:00',
        closesAt: '16:00',
        validFrom: '2026-01-01',
      },
    ];
    await create('畑の手伝い', {
      kind: 'VOLUNTEER',
      location: { latitude: 35.605, longitude: 139.605 },
      themes: ['FARMING'],
      schedules: wednesday,
      openings: { capacity: 5, seatsTaken: 5 },
      profile: { mayJustBeThere: true },
      fee: { yen: 500 },
    });
    await create('コーヒーの会', {
      location: { latitude: 35.615, longitude: 139.615 },
      themes: ['COFFEE'],
      schedules: secondSaturday,
    });
    await create('専門職向けの場', {
      visibility: 'PROFESSIONAL',
      location: { latitude: 35.606, longitude: 139.606 },
    });
    await create('団体2の内部の場', {
      organizationId: org2,
      visibility: 'PRIVATE',
      location: { latitude: 35.607, longitude: 139.607 },
    });
    await create('ピアの集い', {
      location: { latitude: 35.6195, longitude: 139.6195 },
      address: '東京都テスト市秘密1-1',
      confidentialLocation: true,
      eligibility: { targetGroups: ['依存症のある人'], targetGroupsSensitive: true },
    });
    await create('終了した場', { location: { latitude: 35.608, longitude: 139.608 } });
    await expectOk(
      t.gql(
        `mutation ($id: ID!) { updateResource(id: $id, input: { status: CLOSED }) { id } }`,
        { id: ids['終了した場'] },
        admin,
      ),
    );
    await create('休止中の場', { location: { latitude: 35.609, longitude: 139.609 } });
    await expectOk(
      t.gql(
        `mutation ($id: ID!) { pauseResource(id: $id) { id } }`,
        { id: ids['休止中の場'] },
        admin,
      ),
    );
  });
  afterAll(() => t?.close());

  /** A set-up mutation that must succeed. */
  const expectOk = async (pending: ReturnType<TestApp['gql']>) => {
    const res = await pending;
    if (res.errors) throw new Error(JSON.stringify(res.errors));
    return res;
  };

  const as = <T>(viewer: Viewer, fn: (s: ResourceService) => Promise<T>) =>
    RequestContext.run({ requestId: 'test', defaultMunicipalityId: null, viewer }, () =>
      fn(t.app.get(ResourceService)),
    );
  const namesFor = async (viewer: Viewer, filter: Record<string, unknown> = {}) =>
    as(viewer, async (s) =>
      (await s.page({ municipalityId: tree.municipality.id, filter, first: 100 })).edges
        .map((e) => e.node.name)
        .sort(),
    );

  const anonymous: Viewer = { kind: 'ANONYMOUS' };
  let coordinator: Viewer;
  beforeAll(() => {
    coordinator = aViewer('COORDINATOR', tree.municipality.id);
  });

  describe('who sees what', () => {
    const everyoneSees = ['コーヒーの会', 'ピアの集い', '休止中の場', '畑の手伝い'];

    it('anonymous callers see public resources only, not closed ones', async () => {
      expect(await namesFor(anonymous)).toEqual(everyoneSees);
    });

    it("a coordinator sees professional-only resources of their municipality, not an organisation's private ones", async () => {
      expect(await namesFor(coordinator)).toEqual([...everyoneSees, '専門職向けの場'].sort());
    });

    it('a coordinator of another municipality sees only what the public sees', async () => {
      expect(await namesFor(aViewer('COORDINATOR', other.municipality.id))).toEqual(everyoneSees);
    });

    it("a host sees its own organisation's private resources, not professional-only ones", async () => {
      expect(
        await namesFor(aViewer('HOST', tree.municipality.id, { organizationIds: [org2] })),
      ).toEqual([...everyoneSees, '団体2の内部の場'].sort());
    });

    it('an administrator of the municipality sees everything but closed listings by default', async () => {
      expect(await namesFor(aViewer('ADMIN', tree.municipality.id))).toEqual(
        [...everyoneSees, '団体2の内部の場', '専門職向けの場'].sort(),
      );
    });

    it('a direct lookup of a hidden resource is NOT_FOUND for the public (over HTTP)', async () => {
      for (const key of ['専門職向けの場', '団体2の内部の場']) {
        expect(
          onlyError(
            await t.gql(`query ($id: ID!) { resource(id: $id) { name } }`, { id: ids[key] }),
          ).extensions?.code,
        ).toBe('NOT_FOUND');
      }
    });

    it('the public gets a confidential place at its area’s point, no address, no sensitive target groups', async () => {
      const res = await t.gql(
        `query ($id: ID!) { resource(id: $id) { location { latitude longitude } locationIsApproximate address eligibility { targetGroups } area { labelPoint { latitude longitude } } } }`,
        { id: ids['ピアの集い'] },
      );
      const r = res.data!.resource;
      expect(r.locationIsApproximate).toBe(true);
      expect(r.location).toEqual(r.area.labelPoint);
      expect(r.location).not.toEqual({ latitude: 35.6195, longitude: 139.6195 });
      expect(r.address).toBeNull();
      expect(r.eligibility.targetGroups).toEqual([]);
    });

    it('the public cannot learn a confidential place through its host: no organisation, no match by organisation', async () => {
      const res = await t.gql(
        `query ($id: ID!) { resource(id: $id) { organization { name address location { latitude } } } }`,
        { id: ids['ピアの集い'] },
      );
      expect(res.errors).toBeUndefined();
      expect(res.data!.resource.organization).toBeNull();
      expect(await namesFor(anonymous, { organizationId: org1 })).not.toContain('ピアの集い');
      expect(await namesFor(coordinator, { organizationId: org1 })).toContain('ピアの集い');
      const shown = await t.gql(
        `query ($id: ID!) { resource(id: $id) { organization { name } } }`,
        { id: ids['コーヒーの会'] },
      );
      expect(shown.data!.resource.organization).toEqual({ name: '団体1' });
    });

    it('a coordinator of the municipality gets the exact place and the target groups', async () => {
      const access = await as(coordinator, async (s) =>
        s.accessFor(await s.get(ids['ピアの集い'])),
      );
      expect(access).toEqual({ exactLocation: true, sensitiveDetails: true, inside: true });
      expect(await as(anonymous, async (s) => s.accessFor(await s.get(ids['ピアの集い'])))).toEqual(
        { exactLocation: false, sensitiveDetails: false, inside: false },
      );
    });

    it('a radius around the real point of a confidential place does not find it for the public', async () => {
      const near = { latitude: 35.6195, longitude: 139.6195, radiusMeters: 150 };
      expect(await namesFor(anonymous, { near })).toEqual([]);
      expect(await namesFor(coordinator, { near })).toEqual(['ピアの集い']);
    });
  });

  describe('filters (GraphQL, as the public)', () => {
    const names = async (filter: Record<string, unknown>) => {
      const res = await t.gql(
        `query ($m: ID, $f: ResourceFilter) { resources(municipalityId: $m, filter: $f, first: 100) { edges { node { name } } } }`,
        { m: tree.municipality.id, f: filter },
      );
      expect(res.errors).toBeUndefined();
      return res.data!.resources.edges.map((e: { node: { name: string } }) => e.node.name).sort();
    };

    it('within a radius (PostGIS ST_DWithin)', async () => {
      // 休止中の場 is about 573 m from the centre.
      expect(
        await names({ near: { latitude: 35.605, longitude: 139.605, radiusMeters: 550 } }),
      ).toEqual(['畑の手伝い']);
      expect(
        await names({ near: { latitude: 35.605, longitude: 139.605, radiusMeters: 600 } }),
      ).toEqual(['休止中の場', '畑の手伝い']);
    });

    it('within a bounding box', async () => {
      expect(
        await names({
          bbox: {
            minLongitude: 139.612,
            minLatitude: 35.612,
            maxLongitude: 139.618,
            maxLatitude: 35.618,
          },
        }),
      ).toEqual(['コーヒーの会']);
    });

    it('open at a moment and open in a window (Japan time, holidays applied)', async () => {
      expect(await names({ openAt: '2026-06-03T11:00:00+09:00' })).toEqual(['畑の手伝い']);
      expect(await names({ openAt: '2026-04-29T11:00:00+09:00' })).toEqual([]); // 昭和の日
      expect(
        await names({
          openBetween: { from: '2026-06-13T00:00:00+09:00', to: '2026-06-14T00:00:00+09:00' },
        }),
      ).toEqual(['コーヒーの会']);
    });

    it('by kind, theme, free of charge, open seats and gentle-first-step flags', async () => {
      expect(await names({ kinds: ['VOLUNTEER'] })).toEqual(['畑の手伝い']);
      expect(await names({ themes: ['COFFEE', 'ART'] })).toEqual(['コーヒーの会']);
      expect(await names({ freeOfCharge: true })).not.toContain('畑の手伝い');
      expect(await names({ hasOpenSeats: true })).not.toContain('畑の手伝い');
      expect(await names({ mayJustBeThere: true })).toEqual(['畑の手伝い']);
      expect(await names({ statuses: ['CLOSED'] })).toEqual(['終了した場']);
    });

    it.each([
      [
        'a reversed bounding box',
        {
          bbox: { minLongitude: 139.7, minLatitude: 35.6, maxLongitude: 139.6, maxLatitude: 35.7 },
        },
        'filter.bbox',
      ],
      [
        'a window over 62 days',
        { openBetween: { from: '2026-01-01T00:00:00+09:00', to: '2026-06-01T00:00:00+09:00' } },
        'filter.openBetween.to',
      ],
      [
        'a radius of 0',
        { near: { latitude: 35.6, longitude: 139.6, radiusMeters: 0 } },
        'filter.near.radiusMeters',
      ],
      [
        'a latitude out of range in a box',
        { bbox: { minLongitude: 139.6, minLatitude: -95, maxLongitude: 139.7, maxLatitude: 35.7 } },
        'filter.bbox.minLatitude',
      ],
    ])('refuses %s, naming the field', async (_label, filter, field) => {
      const res = await t.gql(
        `query ($m: ID, $f: ResourceFilter) { resources(municipalityId: $m, filter: $f) { edges { cursor } } }`,
        { m: tree.municipality.id, f: filter },
      );
      expect(onlyError(res).extensions).toMatchObject({ code: 'BAD_USER_INPUT', field });
    });
  });

  describe('GET /public/resources.geojson', () => {
    const bbox = '139.59,35.59,139.65,35.65';
    // Scoped to this test's city: other test files place resources in the same shared database.
    const get = (query: string) =>
      fetch(
        `${t.baseUrl}/public/resources.geojson?${query}&municipalityId=${tree.municipality.id}`,
      );

    it('is an RFC 7946 FeatureCollection of public, active resources only', async () => {
      const res = await get(`bbox=${bbox}`);
      expect(res.status).toBe(200);
      expect(res.headers.get('content-type')).toMatch(/^application\/geo\+json/);
      const text = await res.text();
      expect(() => check(text)).not.toThrow(); // an independent RFC 7946 checker
      const body = JSON.parse(text) as {
        type: string;
        features: {
          type: string;
          geometry: { type: string; coordinates: number[] };
          properties: Record<string, unknown>;
        }[];
      };
      expect(body.type).toBe('FeatureCollection');
      const byName = Object.fromEntries(body.features.map((f) => [f.properties.name, f]));
      expect(Object.keys(byName).sort()).toEqual(['コーヒーの会', 'ピアの集い', '畑の手伝い']);
      for (const f of body.features) {
        expect(f.type).toBe('Feature');
        expect(f.geometry.type).toBe('Point');
        expect(f.geometry.coordinates).toHaveLength(2);
        const [lon, lat] = f.geometry.coordinates;
        expect(lon).toBeGreaterThan(139.5);
        expect(lat).toBeLessThan(36);
        expect(Object.keys(f.properties).sort()).toEqual([
          'areaName',
          'id',
          'kind',
          'name',
          'themes',
        ]);
      }
      expect(byName['畑の手伝い'].properties).toMatchObject({
        kind: 'VOLUNTEER',
        themes: ['農作業'],
        areaName: '南地区',
      });
      expect(byName['畑の手伝い'].geometry.coordinates).toEqual([139.605, 35.605]);
    });

    it('places a confidential location at its area’s point, never the real one', async () => {
      const body = (await (await get(`bbox=${bbox}`)).json()) as {
        features: { geometry: { coordinates: number[] }; properties: { name: string } }[];
      };
      const peer = body.features.find((f) => f.properties.name === 'ピアの集い')!;
      expect(peer.geometry.coordinates).not.toEqual([139.6195, 35.6195]);
      const [label] = await t.dataSource.query(
        `SELECT ST_X(label_point) AS lon, ST_Y(label_point) AS lat FROM area WHERE id = $1`,
        [tree.dailyLife.id],
      );
      expect(peer.geometry.coordinates).toEqual(
        [Number(label.lon), Number(label.lat)].map((v) => Math.round(v * 1e6) / 1e6),
      );
      // A box around the real point finds nothing.
      const around = (await (await get('bbox=139.619,35.619,139.620,35.620')).json()) as {
        features: unknown[];
      };
      expect(around.features).toEqual([]);
    });

    it('filters by kind', async () => {
      const body = (await (await get(`bbox=${bbox}&kind=VOLUNTEER`)).json()) as {
        features: { properties: { name: string } }[];
      };
      expect(body.features.map((f) => f.properties.name)).toEqual(['畑の手伝い']);
    });

    it.each([
      ['no bbox', 'x=1', 'bbox'],
      ['three numbers', 'bbox=1,2,3', 'bbox'],
      ['west east reversed', 'bbox=139.7,35.6,139.6,35.7', 'bbox'],
      ['a latitude out of range', 'bbox=139.6,-91,139.7,35.7', 'bbox'],
      ['text', 'bbox=a,b,c,d', 'bbox'],
      ['an unknown kind', `bbox=${bbox}&kind=CASINO`, 'kind'],
    ])('answers 400 naming the field for %s', async (_label, query, field) => {
      const res = await get(query);
      expect(res.status).toBe(400);
      const body = (await res.json()) as { code: string; field: string; message: string };
      expect(body).toMatchObject({ code: 'BAD_USER_INPUT', field });
      expect(body.message).toMatch(/[ぁ-ん]/);
    });
  });
});
