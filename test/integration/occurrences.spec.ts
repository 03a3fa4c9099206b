import { OccurrenceRepository } from '@app/catalog';
import type { DataSource } from 'typeorm';
import { aHost, aResource, aSchedule, ScheduleValues } from '../support/factories';
import { connect, testDatabase } from '../support/test-database';

/** Japan-time helpers: '2026-01-06T15:00' in Asia/Tokyo. */
const jst = (local: string) => new Date(`${local}:00+09:00`);
const day = (d: Date) => new Date(d.getTime() + 9 * 3600_000).toISOString().slice(0, 10);
const hm = (d: Date) => new Date(d.getTime() + 9 * 3600_000).toISOString().slice(11, 16);

describe('occurrence expansion (resource_occurrences, Asia/Tokyo, Japanese holidays)', () => {
  let ds: DataSource;
  let occurrences: OccurrenceRepository;
  let host: Awaited<ReturnType<typeof aHost>>;

  beforeAll(async () => {
    ds = await connect(testDatabase());
    occurrences = new OccurrenceRepository(ds);
    host = await aHost(ds);
  });
  afterAll(() => ds?.destroy());

  async function datesOf(
    schedule: ScheduleValues,
    from: string,
    to: string,
    extra?: (resourceId: string) => Promise<void>,
  ) {
    const resource = await aResource(ds, {
      municipalityId: host.municipality.id,
      organizationId: host.organization.id,
    });
    await aSchedule(ds, resource.id, schedule);
    await extra?.(resource.id);
    const found = await occurrences.between(
      [resource.id],
      jst(`${from}T00:00`),
      jst(`${to}T23:59`),
    );
    return found.map((o) => day(o.startsAt));
  }

  it('1st Tuesday 15:00–17:00, closed on holidays: skips こどもの日 (2026-05-05)', async () => {
    const dates = await datesOf(
      {
        freq: 'MONTHLY',
        weekdays: [2],
        nth: [1],
        opensAt: '15:00',
        closesAt: '17:00',
        validFrom: '2026-01-01',
      },
      '2026-01-01',
      '2026-06-30',
    );
    expect(dates).toEqual(['2026-01-06', '2026-02-03', '2026-03-03', '2026-04-07', '2026-06-02']);
  });

  it('1st Tuesday, open on holidays: keeps 2026-05-05', async () => {
    const dates = await datesOf(
      {
        freq: 'MONTHLY',
        weekdays: [2],
        nth: [1],
        opensAt: '15:00',
        closesAt: '17:00',
        validFrom: '2026-01-01',
        closedOnHolidays: false,
      },
      '2026-04-01',
      '2026-05-31',
    );
    expect(dates).toEqual(['2026-04-07', '2026-05-05']);
  });

  it('2nd Saturday', async () => {
    expect(
      await datesOf(
        {
          freq: 'MONTHLY',
          weekdays: [6],
          nth: [2],
          opensAt: '10:00',
          closesAt: '12:00',
          validFrom: '2026-01-01',
        },
        '2026-01-01',
        '2026-06-30',
      ),
    ).toEqual(['2026-01-10', '2026-02-14', '2026-03-14', '2026-04-11', '2026-05-09', '2026-06-13']);
  });

  it('last Friday', async () => {
    expect(
      await datesOf(
        {
          freq: 'MONTHLY',
          weekdays: [5],
          nth: [-1],
          opensAt: '18:00',
          closesAt: '20:00',
          validFrom: '2026-01-01',
        },
        '2026-01-01',
        '2026-06-30',
      ),
    ).toEqual(['2026-01-30', '2026-02-27', '2026-03-27', '2026-04-24', '2026-05-29', '2026-06-26']);
  });

  it('1st and 3rd Saturday (第1・第3土曜)', async () => {
    expect(
      await datesOf(
        {
          freq: 'MONTHLY',
          weekdays: [6],
          nth: [1, 3],
          opensAt: '10:00',
          closesAt: '12:00',
          validFrom: '2026-03-01',
        },
        '2026-03-01',
        '2026-03-31',
      ),
    ).toEqual(['2026-03-07', '2026-03-21']);
  });

  it('every other month, 2nd Saturday, counted from the month of valid_from', async () => {
    expect(
      await datesOf(
        {
          freq: 'MONTHLY',
          interval: 2,
          weekdays: [6],
          nth: [2],
          opensAt: '10:00',
          closesAt: '12:00',
          validFrom: '2026-01-01',
        },
        '2026-01-01',
        '2026-06-30',
      ),
    ).toEqual(['2026-01-10', '2026-03-14', '2026-05-09']);
  });

  it('every 2 weeks on Wednesday from 2026-03-04, skipping 昭和の日 (2026-04-29)', async () => {
    expect(
      await datesOf(
        {
          freq: 'WEEKLY',
          interval: 2,
          weekdays: [3],
          opensAt: '13:00',
          closesAt: '15:00',
          validFrom: '2026-03-04',
        },
        '2026-03-01',
        '2026-04-30',
      ),
    ).toEqual(['2026-03-04', '2026-03-18', '2026-04-01', '2026-04-15']);
  });

  it('weekly on Tuesday skips the 振替休日 2025-05-06 (みどりの日 fell on a Sunday)', async () => {
    expect(
      await datesOf(
        {
          freq: 'WEEKLY',
          weekdays: [2],
          opensAt: '10:00',
          closesAt: '11:00',
          validFrom: '2025-01-01',
        },
        '2025-05-01',
        '2025-05-31',
      ),
    ).toEqual(['2025-05-13', '2025-05-20', '2025-05-27']);
  });

  it('weekly on Monday skips 成人の日 (2026-01-12)', async () => {
    expect(
      await datesOf(
        {
          freq: 'WEEKLY',
          weekdays: [1],
          opensAt: '10:00',
          closesAt: '11:00',
          validFrom: '2026-01-01',
        },
        '2026-01-01',
        '2026-01-31',
      ),
    ).toEqual(['2026-01-05', '2026-01-19', '2026-01-26']);
  });

  it('respects the validity window on both ends', async () => {
    expect(
      await datesOf(
        {
          freq: 'WEEKLY',
          weekdays: [4],
          opensAt: '10:00',
          closesAt: '11:00',
          validFrom: '2026-06-10',
          validTo: '2026-06-25',
        },
        '2026-06-01',
        '2026-07-31',
      ),
    ).toEqual(['2026-06-11', '2026-06-18', '2026-06-25']);
  });

  it('is cancelled by a closure (年末年始), while one-off sessions add days', async () => {
    const dates = await datesOf(
      {
        freq: 'WEEKLY',
        weekdays: [1, 2, 3, 4, 5],
        opensAt: '10:00',
        closesAt: '16:00',
        validFrom: '2026-12-01',
        closedOnHolidays: false,
      },
      '2026-12-25',
      '2027-01-08',
      async (resourceId) => {
        await ds.query(
          `INSERT INTO resource_closure (resource_id, starts_on, ends_on, reason) VALUES ($1, '2026-12-29', '2027-01-03', '年末年始')`,
          [resourceId],
        );
        await ds.query(
          `INSERT INTO resource_session (resource_id, date, opens_at, closes_at) VALUES ($1, '2026-12-26', '13:00', '15:00'), ($1, '2026-12-30', '10:00', '12:00')`,
          [resourceId],
        );
      },
    );
    expect(dates).toEqual([
      '2026-12-25',
      '2026-12-26',
      '2026-12-28',
      '2027-01-04',
      '2027-01-05',
      '2027-01-06',
      '2027-01-07',
      '2027-01-08',
    ]);
  });

  it('gives times in Japan time and finds occurrences overlapping a window, not touching it', async () => {
    const resource = await aResource(ds, {
      municipalityId: host.municipality.id,
      organizationId: host.organization.id,
    });
    await aSchedule(ds, resource.id, {
      freq: 'MONTHLY',
      weekdays: [2],
      nth: [1],
      opensAt: '15:00',
      closesAt: '17:00',
      validFrom: '2026-01-01',
    });
    const [o] = await occurrences.between(
      [resource.id],
      jst('2026-01-06T00:00'),
      jst('2026-01-07T00:00'),
    );
    expect([hm(o.startsAt), hm(o.endsAt)]).toEqual(['15:00', '17:00']);
    expect(o.startsAt.toISOString()).toBe('2026-01-06T06:00:00.000Z');
    expect(
      await occurrences.between([resource.id], jst('2026-01-06T16:59'), jst('2026-01-06T17:00')),
    ).toHaveLength(1);
    expect(
      await occurrences.between([resource.id], jst('2026-01-06T17:00'), jst('2026-01-06T18:00')),
    ).toHaveLength(0);
    expect(
      await occurrences.between([resource.id], jst('2026-01-06T14:00'), jst('2026-01-06T15:00')),
    ).toHaveLength(0);
  });

  it('keeps the holiday table in step with the maintained list, 振替休日 and 国民の休日 included', async () => {
    const rows = await ds.query(
      `SELECT date::text AS date, name FROM holiday WHERE date IN ('2025-05-06', '2026-09-22', '2026-01-12') ORDER BY date`,
    );
    expect(rows).toEqual([
      { date: '2025-05-06', name: 'こどもの日 振替休日' },
      { date: '2026-01-12', name: '成人の日' },
      { date: '2026-09-22', name: '休日' },
    ]);
  });
});
