import { ResourceRepository } from '@app/catalog';
import {
  CandidateProfile,
  Goal,
  PACE_STAGES,
  reachMeters,
  SupportPhase,
  TravelMode,
} from '@app/candidate';
import { ANONYMOUS } from '@app/common';
import {
  checksOf,
  DEFAULT_WEIGHTS,
  ListingIndex,
  listingOf,
  MatchingRepository,
  scoreOf,
  screener,
  SLACK,
  staticChecks,
  Weights,
} from '@app/matching';
import fc from 'fast-check';
import type { DataSource } from 'typeorm';
import { aHost } from '../support/factories';
import { connect, testDatabase } from '../support/test-database';

/**
 * The matching screen (match-screen.ts, over its in-memory copy of each listing) against the
 * rules (match-rules.ts, over the facts the database answers), on a real database: for random
 * listings and random people, the screen must keep exactly the pool, name exactly the static
 * filters the rules fail, claim a schedule failure only when no occurrence fits, and give a bound
 * no score exceeds — equal to the score but for the schedule factor, which it bounds. If either
 * side changes alone, this fails.
 */
const CENTER = { latitude: 35.7, longitude: 139.6 };
const THEMES = ['FARMING', 'COOKING', 'IT', 'READING', 'ANIMALS', 'CLEANING'];
const WORDS = ['草むしり', 'パソコン', 'PC', '料理', '袋詰め', 'ｺｰﾋｰ'];
const KINDS = ['IBASHO', 'VOLUNTEER', 'WORK_PLACEMENT', 'PROGRAM'];
const SIZES = [null, 'ONE_ON_ONE', 'SMALL', 'MEDIUM', 'LARGE'];
const DEMANDS = [null, 'LOW', 'MODERATE', 'HIGH'];
const TIMES = ['09:00', '10:30', '13:00', '14:00', '16:00', '18:00', '19:30'];

const listing = fc.record({
  kind: fc.constantFrom(...KINDS),
  flags: fc.array(fc.boolean(), { minLength: 9, maxLength: 9 }),
  groupSize: fc.constantFrom(...SIZES),
  physical: fc.constantFrom(...DEMANDS),
  capacity: fc.option(fc.integer({ min: 0, max: 4 }), { nil: null }),
  seatsTaken: fc.integer({ min: 0, max: 4 }),
  minAge: fc.option(fc.integer({ min: 15, max: 40 }), { nil: null }),
  maxAge: fc.option(fc.integer({ min: 30, max: 80 }), { nil: null }),
  residency: fc.constantFrom('ANYONE', 'RESIDENTS_ONLY'),
  minimumMinutes: fc.option(fc.constantFrom(30, 60, 120, 180, 240), { nil: null }),
  fee: fc.constantFrom(0, 300, 500, 1000, 3000),
  offset: fc.option(
    fc.tuple(
      fc.double({ min: -0.03, max: 0.03, noNaN: true }),
      fc.double({ min: -0.03, max: 0.03, noNaN: true }),
    ),
    {
      nil: null,
    },
  ),
  themes: fc.subarray(THEMES),
  words: fc.subarray(WORDS),
  schedules: fc.array(
    fc.record({
      weekdays: fc.uniqueArray(fc.integer({ min: 1, max: 7 }), { minLength: 1, maxLength: 3 }),
      opens: fc.integer({ min: 0, max: TIMES.length - 2 }),
      hours: fc.integer({ min: 1, max: 4 }),
    }),
    { maxLength: 2 },
  ),
  session: fc.option(
    fc.record({ inDays: fc.integer({ min: 1, max: 60 }), opens: fc.integer({ min: 0, max: 5 }) }),
    {
      nil: null,
    },
  ),
});

const profile = fc
  .record({
    stage: fc.constantFrom(...PACE_STAGES),
    maxSession: fc.constantFrom(60, 90, 120, 180, 240),
    flags: fc.array(fc.boolean(), { minLength: 8, maxLength: 8 }),
    days: fc.uniqueArray(fc.integer({ min: 1, max: 7 }), { minLength: 1, maxLength: 3 }),
    from: fc.integer({ min: 0, max: TIMES.length - 2 }),
    hours: fc.integer({ min: 1, max: 5 }),
    mode: fc.constantFrom(TravelMode.WALK, TravelMode.BICYCLE, TravelMode.TRANSIT),
    minutes: fc.integer({ min: 5, max: 30 }),
    home: fc.tuple(
      fc.double({ min: -0.02, max: 0.02, noNaN: true }),
      fc.double({ min: -0.02, max: 0.02, noNaN: true }),
    ),
    interests: fc.subarray(THEMES),
    strengths: fc.subarray([...WORDS, 'pc', ' 料理 ', '']),
    physical: fc.constantFrom(null, 'LOW', 'MODERATE', 'HIGH'),
    sizes: fc.option(fc.subarray(['ONE_ON_ONE', 'SMALL', 'MEDIUM', 'LARGE'], { minLength: 1 }), {
      nil: null,
    }),
    fee: fc.option(fc.constantFrom(0, 500, 1000), { nil: null }),
    birthYear: fc.option(fc.integer({ min: 1950, max: 2008 }), { nil: null }),
    weights: fc.option(
      fc.record(
        Object.fromEntries(
          Object.keys(DEFAULT_WEIGHTS).map((k) => [
            k,
            fc.integer({ min: 0, max: 1000 }).map((n) => n / 1000),
          ]),
        ),
      ),
      { nil: null },
    ),
  })
  .map((x) => {
    const [quiet, talking, supporter, observation, crowds, online, resident, waitlist] = x.flags;
    const p: CandidateProfile = {
      paceStage: x.stage,
      supportPhase: SupportPhase.WITH_PLAN,
      goals: [Goal.ROLE],
      interests: x.interests,
      strengths: x.strengths,
      birthYear: x.birthYear,
      resident,
      limits: {
        maxSessionMinutes: x.maxSession,
        sessionsPerWeek: 2,
        needsQuiet: quiet,
        talkingOptional: talking,
        wantsSupporter: supporter,
        wantsObservationFirst: observation,
      },
      availability: x.days.map((weekday) => ({
        weekday,
        from: TIMES[x.from],
        to: `${String(Math.min(23, Number(TIMES[x.from].slice(0, 2)) + x.hours)).padStart(2, '0')}:${TIMES[x.from].slice(3)}`,
      })),
      travel: { mode: x.mode, minutes: x.minutes, meters: null },
      home: { latitude: CENTER.latitude + x.home[0], longitude: CENTER.longitude + x.home[1] },
      constraints: {
        maxPhysicalDemand: x.physical as CandidateProfile['constraints']['maxPhysicalDemand'],
        groupSizes: x.sizes as CandidateProfile['constraints']['groupSizes'],
        avoidCrowds: crowds,
        onlineOnly: online,
        maxFeeYen: x.fee,
      },
    };
    return {
      p,
      weights: (x.weights as Weights | null) ?? DEFAULT_WEIGHTS,
      acceptWaitlist: waitlist,
    };
  });

describe('the matching screen agrees with the rules', () => {
  let ds: DataSource;
  let repo: MatchingRepository;
  let municipalityId: string;
  let ids: string[];

  beforeAll(async () => {
    ds = await connect(testDatabase());
    repo = new MatchingRepository(ds, new ResourceRepository(ds));
    const host = await aHost(ds);
    municipalityId = host.municipality.id;
    await ds.query(
      `INSERT INTO host_need (municipality_id, organization_id, kind, description) VALUES ($1, $2, 'PEOPLE', '袋詰めの手伝い')`,
      [municipalityId, host.organization.id],
    );
    ids = [];
    for (const [i, l] of fc.sample(listing, { numRuns: 80, seed: 20261124 }).entries()) {
      const [flag0, flag1, flag2, flag3, flag4, flag5, waitlist, onlineParticipation, onlineOnly] =
        l.flags;
      const [{ id }] = await ds.query<{ id: string }[]>(
        `INSERT INTO resource (municipality_id, organization_id, kind, name, description, tags, location,
           may_just_be_there, can_grow_gradually, talking_optional, observation_visit, supporter_may_accompany,
           first_timer_friendly, has_waitlist, online_participation, online_only, group_size, physical_demand,
           capacity, seats_taken, min_age, max_age, residency, minimum_minutes, fee_yen)
         VALUES ($1, $2, $3, $4, $5, $6,
           CASE WHEN $7::float8 IS NULL THEN NULL ELSE ST_SetSRID(ST_MakePoint($8, $7), 4326)::geography END,
           $9, $10, $11, $12, $13, $14, $15, $16, $17, $18, $19, $20, $21, $22, $23, $24, $25, $26)
         RETURNING id`,
        [
          municipalityId,
          host.organization.id,
          l.kind,
          `照合テスト${i}`,
          l.words.length ? `${l.words[0]}をお願いします` : null,
          l.words.slice(1),
          l.offset && !(onlineOnly && onlineParticipation) ? CENTER.latitude + l.offset[0] : null,
          l.offset ? CENTER.longitude + l.offset[1] : null,
          flag0,
          flag1,
          flag2,
          flag3,
          flag4,
          flag5,
          waitlist,
          onlineParticipation,
          onlineOnly && onlineParticipation,
          l.groupSize,
          l.physical,
          l.capacity,
          l.capacity === null ? l.seatsTaken : Math.min(l.seatsTaken, l.capacity),
          l.minAge,
          l.maxAge && l.minAge && l.maxAge < l.minAge ? l.minAge : l.maxAge,
          l.residency,
          l.minimumMinutes,
          l.fee,
        ],
      );
      for (const code of l.themes)
        await ds.query('INSERT INTO resource_theme (resource_id, theme_code) VALUES ($1, $2)', [
          id,
          code,
        ]);
      for (const s of l.schedules)
        await ds.query(
          `INSERT INTO resource_schedule (resource_id, freq, weekdays, opens_at, closes_at, valid_from)
           VALUES ($1, 'WEEKLY', $2::smallint[], $3::time, $3::time + make_interval(hours => $4), '2026-01-01')`,
          [
            id,
            s.weekdays,
            TIMES[s.opens],
            Math.min(s.hours, 23 - Number(TIMES[s.opens].slice(0, 2))),
          ],
        );
      if (l.session)
        await ds.query(
          `INSERT INTO resource_session (resource_id, date, opens_at, closes_at)
           VALUES ($1, (now() AT TIME ZONE 'Asia/Tokyo')::date + $2::int, $3::time, $3::time + interval '2 hours')`,
          [id, l.session.inDays, TIMES[l.session.opens]],
        );
      ids.push(id);
    }
  });
  afterAll(() => ds?.destroy());

  it('keeps the same pool, names the same filters, never claims a schedule that fits, and bounds every score', async () => {
    const { rows } = await repo.listingsChangedSince(municipalityId, '0');
    const listings = new Map(rows.map((r) => [r.id, listingOf(r)]));
    expect([...listings.keys()].sort()).toEqual([...ids].sort());
    await fc.assert(
      fc.asyncProperty(profile, async ({ p, weights, acceptWaitlist }) => {
        const checks = { acceptWaitlist, year: 2026 };
        const from = new Date();
        const q = {
          municipalityId,
          viewer: ANONYMOUS,
          staleBefore: new Date(0),
          home: p.home ?? null,
          // Every listing with a point is near enough to be weighed.
          radiusMeters: 100_000,
          online: p.constraints.onlineOnly,
          availability: p.availability,
          from,
          to: new Date(from.getTime() + 28 * 86_400_000),
        };
        const weigh = screener(p, checks, weights, q);
        const withoutSchedule = screener(p, checks, { ...weights, SCHEDULE: 0 }, q);
        const facts = await repo.staticFacts(q, ids);
        const fits = await repo.fits(ids, q);
        expect(facts).toHaveLength(ids.length);
        const reach = reachMeters(p.travel);
        for (const f of facts) {
          const seen = weigh(listings.get(f.id)!, true);
          const inPool = q.online ? f.online : f.online || f.distance !== null;
          expect(seen !== null).toBe(inPool);
          if (!seen) continue;
          const rules = staticChecks(f, p, checks).map((c) => c.check);
          const named = checksOf(seen.failures).filter((c) => c !== 'SCHEDULE');
          // At the very edge of the reach the screen, by design, does not claim "too far".
          const edge = f.distance !== null && Math.abs(f.distance - reach) <= SLACK;
          if (!edge) expect(named).toEqual(rules);
          const fit = fits.get(f.id);
          if (checksOf(seen.failures).includes('SCHEDULE')) expect(fit).toBeUndefined();
          const full = {
            ...f,
            fitMinutes: fit?.fitMinutes ?? 0,
            nextFit: fit?.nextFit ?? null,
            occurrences: 0,
            weekdays: [],
          };
          expect(scoreOf(full, p, weights).score).toBeLessThanOrEqual(seen.bound);
          expect(scoreOf(full, p, { ...weights, SCHEDULE: 0 }).score).toBeCloseTo(
            withoutSchedule(listings.get(f.id)!, true)!.bound,
            2,
          );
        }
      }),
      { numRuns: 60 },
    );
  });
});

describe('the in-memory copy of the listings follows every committed change', () => {
  let ds: DataSource;
  let index: ListingIndex;
  let municipalityId: string;
  let id: string;
  const home = { latitude: 35.7, longitude: 139.6 };
  const read = async () => {
    const all = [...(await index.around(municipalityId, home, 1000))];
    return all.find((l) => l.id === id);
  };

  beforeAll(async () => {
    ds = await connect(testDatabase());
    index = new ListingIndex(new MatchingRepository(ds, new ResourceRepository(ds)));
    const host = await aHost(ds);
    municipalityId = host.municipality.id;
    [{ id }] = await ds.query<{ id: string }[]>(
      `INSERT INTO resource (municipality_id, organization_id, kind, name, location, fee_yen)
       VALUES ($1, $2, 'IBASHO', '駅前の居場所', ST_SetSRID(ST_MakePoint(139.601, 35.7), 4326)::geography, 0)
       RETURNING id`,
      [municipalityId, host.organization.id],
    );
  });
  afterAll(() => ds?.destroy());

  it('the listing itself, its themes and schedules, its status and where it is', async () => {
    expect(await read()).toMatchObject({ name: '駅前の居場所', feeYen: 0, themes: [], week: [] });
    await ds.query(
      `UPDATE resource SET fee_yen = 300, capacity = 2, seats_taken = 2 WHERE id = $1`,
      [id],
    );
    await ds.query(`INSERT INTO resource_theme (resource_id, theme_code) VALUES ($1, 'FARMING')`, [
      id,
    ]);
    await ds.query(
      `INSERT INTO resource_schedule (resource_id, freq, weekdays, opens_at, closes_at, valid_from)
       VALUES ($1, 'WEEKLY', '{2}', '10:00', '12:00', '2026-01-01')`,
      [id],
    );
    expect(await read()).toMatchObject({
      feeYen: 300,
      full: true,
      themes: [expect.any(Number)],
      week: [2040, 2160],
    });
    await ds.query(`UPDATE resource SET status = 'PAUSED' WHERE id = $1`, [id]);
    expect(await read()).toMatchObject({ active: false });
    // Moved 5 km away: no longer around the home.
    await ds.query(
      `UPDATE resource SET location = ST_SetSRID(ST_MakePoint(139.655, 35.7), 4326)::geography WHERE id = $1`,
      [id],
    );
    expect(await read()).toBeUndefined();
  });

  (testDatabase().embedded ? it.skip : it)(
    'a change committed after a later read began, by a transaction that started before it (server only)',
    async () => {
      const writer = ds.createQueryRunner();
      await writer.connect();
      try {
        await writer.startTransaction();
        await writer.query(
          `UPDATE resource SET fee_yen = 800, location = ST_SetSRID(ST_MakePoint(139.601, 35.7), 4326)::geography WHERE id = $1`,
          [id],
        );
        // Meanwhile another listing is saved, and committed first.
        await ds.query(
          `INSERT INTO resource (municipality_id, organization_id, kind, name)
           SELECT municipality_id, organization_id, 'IBASHO', '後から登録された居場所' FROM resource WHERE id = $1`,
          [id],
        );
        // Read while the writer is open: its change is not visible yet.
        expect((await read())?.feeYen).not.toBe(800);
        await writer.commitTransaction();
        expect(await read()).toMatchObject({ feeYen: 800 });
      } finally {
        await writer.release();
      }
    },
  );
});

describe('the columns the screen reads follow the rows they come from (triggers)', () => {
  let ds: DataSource;
  afterAll(() => ds?.destroy());

  it('themes, schedules, sessions, words and the host’s open needs', async () => {
    ds = await connect(testDatabase());
    const host = await aHost(ds);
    const [{ id }] = await ds.query<{ id: string }[]>(
      `INSERT INTO resource (municipality_id, organization_id, kind, name, description, tags)
       VALUES ($1, $2, 'VOLUNTEER', '畑の手伝い', 'ＰＣ入力と草むしり', '{花壇}') RETURNING id`,
      [host.municipality.id, host.organization.id],
    );
    const read = async () =>
      (
        await ds.query<{ theme_codes: string[]; week: string; days: string; needs: string }[]>(
          'SELECT theme_codes, week_minutes::text AS week, active_days::text AS days, needs_folded AS needs FROM resource WHERE id = $1',
          [id],
        )
      )[0];
    expect(await read()).toEqual({
      theme_codes: [],
      week: '{}',
      days: 'empty',
      needs: '花壇 pc入力と草むしり',
    });

    await ds.query(
      `INSERT INTO resource_theme (resource_id, theme_code) VALUES ($1, 'FARMING'), ($1, 'CLEANING')`,
      [id],
    );
    // Tuesday and Thursday 10:00–12:00; a one-off Saturday 2026-12-05 13:00–15:00.
    const [{ id: scheduleId }] = await ds.query<{ id: string }[]>(
      `INSERT INTO resource_schedule (resource_id, freq, weekdays, opens_at, closes_at, valid_from)
       VALUES ($1, 'WEEKLY', '{2,4}', '10:00', '12:00', '2026-01-01') RETURNING id`,
      [id],
    );
    await ds.query(
      `INSERT INTO resource_session (resource_id, date, opens_at, closes_at) VALUES ($1, '2026-12-05', '13:00', '15:00')`,
      [id],
    );
    await ds.query(
      `INSERT INTO host_need (municipality_id, organization_id, kind, description) VALUES ($1, $2, 'PEOPLE', '袋詰めの人手')`,
      [host.municipality.id, host.organization.id],
    );
    expect(await read()).toEqual({
      theme_codes: ['CLEANING', 'FARMING'],
      week: '{[2040,2160),[4920,5040),[7980,8100)}',
      days: '[2026-01-01,)',
      needs: '花壇 pc入力と草むしり 袋詰めの人手',
    });

    await ds.query(
      `UPDATE resource_schedule SET weekdays = '{3}', valid_to = '2026-06-30' WHERE id = $1`,
      [scheduleId],
    );
    await ds.query(
      `DELETE FROM resource_theme WHERE resource_id = $1 AND theme_code = 'CLEANING'`,
      [id],
    );
    await ds.query(`UPDATE host_need SET is_open = false WHERE organization_id = $1`, [
      host.organization.id,
    ]);
    await ds.query(`UPDATE resource SET description = 'コーヒーを淹れる' WHERE id = $1`, [id]);
    expect(await read()).toEqual({
      theme_codes: ['FARMING'],
      week: '{[3480,3600),[7980,8100)}',
      days: '[2026-01-01,2026-12-06)',
      needs: '花壇 コーヒーを淹れる',
    });
  });
});
