import { signedIn } from '../support/auth';
import { aCityWithAreas, aResource, anOrganization } from '../support/factories';
import { onlyError, startTestApp, TestApp } from '../support/test-app';

const CREATE = `mutation ($input: CreateResourceInput!) {
  createResource(input: $input) {
    id kind name status isStale lastVerifiedAt
    location { latitude longitude } locationIsApproximate address confidentialLocation
    area { id name } organization { id name }
    openings { capacity seatsTaken openSeats hasWaitlist booking }
    profile { typicalMinutes minimumMinutes canGrowGradually mayJustBeThere talkingOptional observationVisit supporterMayAccompany groupSize physicalDemand firstTimerFriendly }
    eligibility { minAge maxAge residency targetGroups }
    fee { yen isFree note }
    themes { code label } tags details visibility
    schedules { freq interval weekdays nth opensAt closesAt validFrom validTo closedOnHolidays note }
  }
}`;

describe('the resource catalogue over GraphQL', () => {
  let t: TestApp;
  let tree: Awaited<ReturnType<typeof aCityWithAreas>>;
  let orgId: string;
  /** An administrator of the test city, who manages its catalogue. */
  let admin: Record<string, string>;

  beforeAll(async () => {
    t = await startTestApp();
    tree = await aCityWithAreas(t.dataSource, 139.6, 35.6);
    admin = (await signedIn(t, { municipalityId: tree.municipality.id, role: 'ADMIN' })).auth;
    orgId = (
      await anOrganization(t.dataSource, {
        municipalityId: tree.municipality.id,
        name: 'NPO法人 みどりの風',
      })
    ).id;
  });
  afterAll(() => t?.close());

  const salon = (overrides: Record<string, unknown> = {}) => ({
    municipalityId: tree.municipality.id,
    organizationId: orgId,
    kind: 'IBASHO',
    name: 'ひきこもり経験者の居場所「ひだまり」',
    description: '毎月第1火曜の午後。お茶を飲むだけでも大丈夫です。',
    details: { dropIn: true },
    location: { latitude: 35.605, longitude: 139.605 },
    address: '東京都テスト市本町1-2-3',
    openings: { capacity: 10, seatsTaken: 3, hasWaitlist: false, booking: 'FIRST_VISIT' },
    profile: {
      typicalMinutes: 120,
      minimumMinutes: 15,
      mayJustBeThere: true,
      talkingOptional: true,
      observationVisit: true,
      supporterMayAccompany: true,
      groupSize: 'SMALL',
      physicalDemand: 'LOW',
      firstTimerFriendly: true,
    },
    eligibility: {
      minAge: 15,
      residency: 'ANYONE',
      targetGroups: ['ひきこもり経験のある人'],
      targetGroupsSensitive: true,
    },
    fee: { yen: 0, note: 'お茶代無料' },
    themes: ['CONVERSATION', 'COFFEE'],
    tags: ['静か', '見学歓迎'],
    schedules: [
      {
        freq: 'MONTHLY',
        weekdays: [2],
        nth: [1],
        opensAt: '15:00',
        closesAt: '17:00',
        validFrom: '2026-01-01',
        note: '毎月第1火曜 15時〜17時',
      },
    ],
    ...overrides,
  });

  it('creates a 居場所 with its schedule, profile, openings and themes, placed in its district', async () => {
    const res = await t.gql(CREATE, { input: salon() }, admin);
    expect(res.errors).toBeUndefined();
    const r = res.data!.createResource;
    expect(r).toMatchObject({
      kind: 'IBASHO',
      status: 'ACTIVE',
      isStale: false,
      area: { id: tree.district.id },
      organization: { id: orgId },
      openings: { capacity: 10, seatsTaken: 3, openSeats: 7, booking: 'FIRST_VISIT' },
      profile: {
        mayJustBeThere: true,
        talkingOptional: true,
        groupSize: 'SMALL',
        minimumMinutes: 15,
      },
      fee: { yen: 0, isFree: true },
      themes: [
        { code: 'COFFEE', label: 'コーヒー' },
        { code: 'CONVERSATION', label: 'おしゃべり・交流' },
      ],
      details: { dropIn: true },
      schedules: [
        {
          freq: 'MONTHLY',
          interval: 1,
          weekdays: [2],
          nth: [1],
          opensAt: '15:00',
          closesAt: '17:00',
          closedOnHolidays: true,
        },
      ],
    });
    expect(r.lastVerifiedAt).not.toBeNull();
  });

  it('expands occurrences for a date range, holidays applied', async () => {
    const created = await t.gql(CREATE, { input: salon({ name: '第1火曜のサロン' }) }, admin);
    const res = await t.gql(
      `query ($id: ID!) { resource(id: $id) { occurrences(from: "2026-04-01T00:00:00+09:00", to: "2026-06-30T23:59:00+09:00") { startsAt endsAt oneOff } } }`,
      {
        id: created.data!.createResource.id,
      },
    );
    expect(res.data!.resource.occurrences).toEqual([
      { startsAt: '2026-04-07T06:00:00.000Z', endsAt: '2026-04-07T08:00:00.000Z', oneOff: false },
      { startsAt: '2026-06-02T06:00:00.000Z', endsAt: '2026-06-02T08:00:00.000Z', oneOff: false },
    ]);
  });

  it('pauses with a reason, resumes, and records who verified the listing', async () => {
    const id = (await t.gql(CREATE, { input: salon({ name: '休止と確認のサロン' }) }, admin)).data!
      .createResource.id;
    const paused = await t.gql(
      `mutation ($id: ID!) { pauseResource(id: $id, note: "夏休み（8月）") { status statusNote } }`,
      { id },
      admin,
    );
    expect(paused.data!.pauseResource).toEqual({ status: 'PAUSED', statusNote: '夏休み（8月）' });
    const resumed = await t.gql(
      `mutation ($id: ID!) { resumeResource(id: $id) { status statusNote } }`,
      { id },
      admin,
    );
    expect(resumed.data!.resumeResource).toEqual({ status: 'ACTIVE', statusNote: null });
    await t.dataSource.query(
      `UPDATE resource SET last_verified_at = now() - interval '400 days' WHERE id = $1`,
      [id],
    );
    const stale = await t.gql(`query ($id: ID!) { resource(id: $id) { isStale } }`, { id });
    expect(stale.data!.resource.isStale).toBe(true);
    const verified = await t.gql(
      `mutation ($id: ID!) { verifyResource(id: $id, verifiedBy: "社協 佐藤") { isStale verifiedBy } }`,
      { id },
      admin,
    );
    expect(verified.data!.verifyResource).toEqual({ isStale: false, verifiedBy: '社協 佐藤' });
  });

  it('updates only what it is given, and replaces the schedules when given', async () => {
    const id = (await t.gql(CREATE, { input: salon({ name: '更新するサロン' }) }, admin)).data!
      .createResource.id;
    const res = await t.gql(
      `mutation ($id: ID!, $input: UpdateResourceInput!) { updateResource(id: $id, input: $input) { name openings { capacity seatsTaken } fee { yen } schedules { weekdays nth freq } themes { code } } }`,
      {
        id,
        input: {
          openings: { capacity: 12 },
          schedules: [
            {
              freq: 'WEEKLY',
              weekdays: [3],
              opensAt: '10:00',
              closesAt: '12:00',
              validFrom: '2026-04-01',
            },
          ],
        },
      },
      admin,
    );
    expect(res.data!.updateResource).toEqual({
      name: '更新するサロン',
      openings: { capacity: 12, seatsTaken: 3 },
      fee: { yen: 0 },
      schedules: [{ weekdays: [3], nth: null, freq: 'WEEKLY' }],
      themes: [{ code: 'COFFEE' }, { code: 'CONVERSATION' }],
    });
  });

  describe('refuses bad input, naming the field, and writes nothing', () => {
    const count = async () =>
      (
        await t.dataSource.query(
          // This municipality's rows only: other suites write schedules at the same time.
          `SELECT (SELECT count(*) FROM resource WHERE municipality_id = $1)::int AS r,
                  (SELECT count(*) FROM resource_schedule s JOIN resource r ON r.id = s.resource_id
                    WHERE r.municipality_id = $1)::int AS s`,
          [tree.municipality.id],
        )
      )[0];

    it.each<[string, Record<string, unknown>, string, RegExp]>([
      [
        // A form whose number could not be read sends null: refused, not a server error.
        'a null count of seats taken',
        { openings: { capacity: 10, seatsTaken: null } },
        'openings.seatsTaken',
        /参加中の人数/,
      ],
      [
        'a latitude out of range',
        { location: { latitude: 91, longitude: 139.6 } },
        'location.latitude',
        /緯度/,
      ],
      [
        'a longitude out of range',
        { location: { latitude: 35.6, longitude: 181 } },
        'location.longitude',
        /経度/,
      ],
      [
        'closing before opening',
        {
          schedules: [
            {
              freq: 'WEEKLY',
              weekdays: [2],
              opensAt: '17:00',
              closesAt: '15:00',
              validFrom: '2026-01-01',
            },
          ],
        },
        'schedules.0.closesAt',
        /終了時刻は開始時刻より後/,
      ],
      [
        'an nth weekday of 6',
        {
          schedules: [
            {
              freq: 'MONTHLY',
              weekdays: [2],
              nth: [6],
              opensAt: '15:00',
              closesAt: '17:00',
              validFrom: '2026-01-01',
            },
          ],
        },
        'schedules.0.nth',
        /第何週は1〜5/,
      ],
      [
        'an nth weekday of 0',
        {
          schedules: [
            {
              freq: 'MONTHLY',
              weekdays: [2],
              nth: [0],
              opensAt: '15:00',
              closesAt: '17:00',
              validFrom: '2026-01-01',
            },
          ],
        },
        'schedules.0.nth',
        /第何週は1〜5/,
      ],
      [
        'an nth weekday of -2',
        {
          schedules: [
            {
              freq: 'MONTHLY',
              weekdays: [2],
              nth: [-2],
              opensAt: '15:00',
              closesAt: '17:00',
              validFrom: '2026-01-01',
            },
          ],
        },
        'schedules.0.nth',
        /最終週の-1/,
      ],
      [
        'a monthly rule without nth',
        {
          schedules: [
            {
              freq: 'MONTHLY',
              weekdays: [6],
              opensAt: '10:00',
              closesAt: '12:00',
              validFrom: '2026-01-01',
            },
          ],
        },
        'schedules.0.nth',
        /第何週かを指定/,
      ],
      [
        'a weekday of 8',
        {
          schedules: [
            {
              freq: 'WEEKLY',
              weekdays: [8],
              opensAt: '10:00',
              closesAt: '12:00',
              validFrom: '2026-01-01',
            },
          ],
        },
        'schedules.0.weekdays',
        /曜日/,
      ],
      [
        'a time of 25:00',
        {
          schedules: [
            {
              freq: 'WEEKLY',
              weekdays: [1],
              opensAt: '25:00',
              closesAt: '26:00',
              validFrom: '2026-01-01',
            },
          ],
        },
        'schedules.0.opensAt',
        /開始時刻の形式/,
      ],
      [
        'a date that does not exist',
        {
          schedules: [
            {
              freq: 'WEEKLY',
              weekdays: [1],
              opensAt: '10:00',
              closesAt: '12:00',
              validFrom: '2026-02-30',
            },
          ],
        },
        'schedules.0.validFrom',
        /存在しない日付/,
      ],
      [
        'a validity that ends before it starts',
        {
          schedules: [
            {
              freq: 'WEEKLY',
              weekdays: [1],
              opensAt: '10:00',
              closesAt: '12:00',
              validFrom: '2026-04-01',
              validTo: '2026-03-31',
            },
          ],
        },
        'schedules.0.validTo',
        /終了日は開始日以降/,
      ],
      ['a negative capacity', { openings: { capacity: -1 } }, 'openings.capacity', /定員は0から/],
      [
        'a capacity below the seats taken',
        { openings: { capacity: 2, seatsTaken: 3 } },
        'openings.capacity',
        /定員（2人）は参加中の人数（3人）より少なくできません/,
      ],
      [
        'an unknown theme',
        { themes: ['COFFEE', 'ASTROLOGY'] },
        'themes',
        /登録されていないテーマです: ASTROLOGY/,
      ],
      [
        'an organisation of another municipality',
        { organizationId: 'OTHER' },
        'organizationId',
        /団体がこの自治体に見つかりません/,
      ],
      ['a point for an online-only resource', { onlineOnly: true }, 'location', /オンラインのみ/],
      [
        'a detail of another kind',
        { details: { hourlyWageYen: 1000 } },
        'details.hourlyWageYen',
        /「時給」は就労体験にだけ/,
      ],
      [
        'minimum minutes above typical',
        { profile: { typicalMinutes: 30, minimumMinutes: 60 } },
        'profile.minimumMinutes',
        /最短の参加時間/,
      ],
      [
        'ages the wrong way round',
        { eligibility: { minAge: 60, maxAge: 18 } },
        'eligibility.maxAge',
        /上限は下限以上/,
      ],
      ['a negative fee', { fee: { yen: -100 } }, 'fee.yen', /参加費は0から/],
      ['an empty name', { name: '　' }, 'name', /名称を入力してください/],
      [
        'a closure ending before it starts',
        { closures: [{ startsOn: '2027-01-03', endsOn: '2026-12-29' }] },
        'closures.0.endsOn',
        /最終日は初日以降/,
      ],
    ])('%s', async (_label, overrides, field, message) => {
      if (overrides.organizationId === 'OTHER') {
        const other = await aCityWithAreas(t.dataSource, 131.0, 33.0);
        overrides = {
          organizationId: (
            await anOrganization(t.dataSource, { municipalityId: other.municipality.id })
          ).id,
        };
      }
      const before = await count();
      const error = onlyError(
        await t.gql(CREATE, { input: salon({ name: `不正な入力 ${field}`, ...overrides }) }, admin),
      );
      expect(error.extensions?.code).toBe('BAD_USER_INPUT');
      expect(error.extensions?.errors?.map((e) => e.field)).toContain(field);
      expect(error.extensions?.errors?.find((e) => e.field === field)?.message).toMatch(message);
      expect(await count()).toEqual(before);
    });

    it('a point given to a resource that is already online-only is BAD_USER_INPUT, not a database error', async () => {
      const created = await t.gql(
        CREATE,
        {
          input: salon({
            name: 'オンライン相談会',
            kind: 'PROGRAM',
            details: {},
            location: null,
            onlineOnly: true,
          }),
        },
        admin,
      );
      expect(created.errors).toBeUndefined();
      const id = created.data!.createResource.id;
      const error = onlyError(
        await t.gql(
          `mutation ($id: ID!) { updateResource(id: $id, input: { location: { latitude: 35.605, longitude: 139.605 } }) { id } }`,
          { id },
          admin,
        ),
      );
      expect(error.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'location' });
    });

    it('an update that would put capacity below seats taken leaves the resource as it was', async () => {
      const id = (await t.gql(CREATE, { input: salon({ name: '定員を減らすサロン' }) }, admin))
        .data!.createResource.id;
      const before = await t.dataSource.query(`SELECT * FROM resource WHERE id = $1`, [id]);
      const error = onlyError(
        await t.gql(
          `mutation ($id: ID!) { updateResource(id: $id, input: { openings: { capacity: 1 } }) { id } }`,
          { id },
          admin,
        ),
      );
      expect(error.extensions).toMatchObject({
        code: 'BAD_USER_INPUT',
        field: 'openings.capacity',
      });
      expect(await t.dataSource.query(`SELECT * FROM resource WHERE id = $1`, [id])).toEqual(
        before,
      );
    });
  });

  it('lists 100 resources with organisation, area and themes in at most 4 SQL statements', async () => {
    const city = await aCityWithAreas(t.dataSource, 138.5, 35.5);
    const orgs = await Promise.all(
      [1, 2, 3].map((i) =>
        anOrganization(t.dataSource, { municipalityId: city.municipality.id, name: `団体${i}` }),
      ),
    );
    for (let i = 0; i < 100; i++) {
      const r = await aResource(t.dataSource, {
        municipalityId: city.municipality.id,
        organizationId: orgs[i % 3].id,
        areaId: [city.district.id, city.dailyLife.id][i % 2],
        name: `活動${String(i).padStart(3, '0')}`,
      });
      await t.dataSource.query(
        `INSERT INTO resource_theme (resource_id, theme_code) VALUES ($1, 'COFFEE'), ($1, 'FARMING')`,
        [r.id],
      );
    }
    const query = `query ($m: ID) { resources(municipalityId: $m, first: 100) {
      edges { node { name organization { name } area { name } themes { code label } } } } }`;
    const { result, statements } = await t.countQueries(() =>
      t.gql(query, { m: city.municipality.id }),
    );
    expect(result.errors).toBeUndefined();
    const nodes = result.data!.resources.edges.map((e: any) => e.node);
    expect(nodes).toHaveLength(100);
    expect(
      nodes.every((n: any) => n.organization.name && n.area.name && n.themes.length === 2),
    ).toBe(true);
    // One page query, then one batch each for organisations, areas and themes.
    expect(statements.length).toBeLessThanOrEqual(4);
    expect(statements.length).toBeGreaterThanOrEqual(4);
  });
});
