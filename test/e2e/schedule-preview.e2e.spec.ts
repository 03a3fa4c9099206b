import { signedIn } from '../support/auth';
import { aCityWithAreas, anOrganization, aResource } from '../support/factories';
import { onlyError, startTestApp, TestApp } from '../support/test-app';

const PREVIEW = `query ($id: ID!, $draft: ScheduleDraftInput!, $from: DateTime!, $to: DateTime!) {
  schedulePreview(id: $id, draft: $draft, from: $from, to: $to) { startsAt endsAt oneOff }
}`;

/** Japan dates (MM-DD HH:MM) of the answer, to compare with a calendar. */
const days = (list: { startsAt: string }[]) =>
  list.map((o) =>
    new Date(Date.parse(o.startsAt) + 9 * 3_600_000).toISOString().slice(5, 16).replace('T', ' '),
  );

describe('schedule preview: the dates of rules not yet saved', () => {
  let t: TestApp;
  let m: string;
  let orgId: string;
  let host: Record<string, string>;

  beforeAll(async () => {
    t = await startTestApp();
    m = (await aCityWithAreas(t.dataSource, 137.0, 36.0)).municipality.id;
    orgId = (await anOrganization(t.dataSource, { municipalityId: m, name: '北町ふれあいサロン' }))
      .id;
    host = (await signedIn(t, { municipalityId: m, role: 'HOST', organizationIds: [orgId] })).auth;
  });
  afterAll(() => t?.close());

  const draft = {
    // Mondays 10:00–12:00, not on public holidays; closed over the new year.
    schedules: [
      {
        freq: 'WEEKLY',
        weekdays: [1],
        opensAt: '10:00',
        closesAt: '12:00',
        validFrom: '2026-12-01',
        closedOnHolidays: true,
      },
    ],
    sessions: [{ date: '2026-12-26', opensAt: '13:00', closesAt: '15:00' }],
    closures: [{ startsOn: '2026-12-28', endsOn: '2027-01-03', reason: '年末年始' }],
  };
  const period = { from: '2026-12-01T00:00:00+09:00', to: '2027-02-01T00:00:00+09:00' };

  it('applies holidays (成人の日 2027-01-11) and closures, includes one-off days, and saves nothing', async () => {
    const resource = await aResource(t.dataSource, { municipalityId: m, organizationId: orgId });
    const res = await t.gql(PREVIEW, { id: resource.id, draft, ...period }, host);
    expect(res.errors).toBeUndefined();
    expect(days(res.data!.schedulePreview)).toEqual([
      '12-07 10:00',
      '12-14 10:00',
      '12-21 10:00',
      '12-26 13:00',
      '01-04 10:00',
      '01-18 10:00',
      '01-25 10:00',
    ]);
    expect(res.data!.schedulePreview.filter((o: { oneOff: boolean }) => o.oneOff)).toHaveLength(1);
    const [{ n }] = await t.dataSource.query(
      `SELECT (SELECT count(*) FROM resource_schedule WHERE resource_id = $1)
            + (SELECT count(*) FROM resource_session WHERE resource_id = $1)
            + (SELECT count(*) FROM resource_closure WHERE resource_id = $1) AS n`,
      [resource.id],
    );
    expect(Number(n)).toBe(0);
  });

  it('once saved, the same rules read back (rules, one-off days, closures) and give the same dates', async () => {
    const resource = await aResource(t.dataSource, { municipalityId: m, organizationId: orgId });
    const preview = await t.gql(PREVIEW, { id: resource.id, draft, ...period }, host);
    const saved = await t.gql(
      `mutation ($id: ID!, $input: UpdateResourceInput!, $from: DateTime!, $to: DateTime!) {
         updateResource(id: $id, input: $input) {
           schedules { weekdays opensAt closesAt validFrom closedOnHolidays }
           sessions { date opensAt closesAt }
           closures { startsOn endsOn reason }
           occurrences(from: $from, to: $to) { startsAt endsAt oneOff }
         } }`,
      { id: resource.id, input: draft, ...period },
      host,
    );
    expect(saved.errors).toBeUndefined();
    const r = saved.data!.updateResource;
    expect(r.schedules).toEqual([
      {
        weekdays: [1],
        opensAt: '10:00',
        closesAt: '12:00',
        validFrom: '2026-12-01',
        closedOnHolidays: true,
      },
    ]);
    expect(r.sessions).toEqual([{ date: '2026-12-26', opensAt: '13:00', closesAt: '15:00' }]);
    expect(r.closures).toEqual([
      { startsOn: '2026-12-28', endsOn: '2027-01-03', reason: '年末年始' },
    ]);
    expect(r.occurrences).toEqual(preview.data!.schedulePreview);
  });

  it('refuses rules an edit would refuse, naming the field', async () => {
    const resource = await aResource(t.dataSource, { municipalityId: m, organizationId: orgId });
    const bad = { ...draft, schedules: [{ ...draft.schedules[0], closesAt: '09:00' }] };
    const error = onlyError(await t.gql(PREVIEW, { id: resource.id, draft: bad, ...period }, host));
    expect(error.extensions).toMatchObject({ code: 'BAD_USER_INPUT' });
    expect(JSON.stringify(error.extensions)).toContain('schedules');
  });

  it("answers FORBIDDEN for another organisation's listing", async () => {
    const other = await anOrganization(t.dataSource, { municipalityId: m });
    const resource = await aResource(t.dataSource, { municipalityId: m, organizationId: other.id });
    const error = onlyError(await t.gql(PREVIEW, { id: resource.id, draft, ...period }, host));
    expect(error.extensions?.code).toBe('FORBIDDEN');
  });
});
