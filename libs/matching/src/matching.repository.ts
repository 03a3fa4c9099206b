import { ResourceRepository, ResourceStatus } from '@app/catalog';
import { AvailabilityWindow, HomePoint } from '@app/candidate';
import { Viewer } from '@app/common';
import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { CheckName, StaticFacts, Weights } from './match-rules';
import { Bind, Screen } from './match-screen';
import { MatchingSettingsEntity } from './matching-settings.entity';

export interface FactsQuery {
  municipalityId: string;
  viewer: Viewer;
  staleBefore: Date;
  /** Null for a person who takes part online only. */
  home: HomePoint | null;
  /** Listings farther than this are not read at all (beyond the reach: near misses stay visible). */
  radiusMeters: number;
  online: boolean;
  availability: AvailabilityWindow[];
  from: Date;
  to: Date;
  /** Only these listings (reverse matching), wherever they are. */
  resourceIds?: string[];
}

/** The coarse home as a geography point. */
const HOME = (lon: string, lat: string) =>
  `ST_SetSRID(ST_MakePoint(${lon}, ${lat}), 4326)::geography`;
/**
 * Metres from a listing to the home, on the sphere (the home is rounded to about 500 m, so the
 * spheroid's extra 0.3 % buys nothing and costs twice the time). One formula for every statement,
 * so that the screen and the rules agree at the edge of the reach.
 */
const DISTANCE = (home: string) =>
  `CASE WHEN r.location IS NULL THEN NULL ELSE ST_Distance(r.location, ${home}, false) END`;

/** A listing the screen kept: its score's upper bound, and the filters it fails for certain. */
export interface ScreenedRow {
  id: string;
  bound: number;
  failures: number;
}

/** The columns of a resource the screen reads (match-screen.ts). */
const SCREEN_COLUMNS = [
  'kind',
  'capacity',
  'seats_taken',
  'has_waitlist',
  'online_participation',
  'online_only',
  'min_age',
  'max_age',
  'residency',
  'minimum_minutes',
  'may_just_be_there',
  'can_grow_gradually',
  'talking_optional',
  'observation_visit',
  'supporter_may_accompany',
  'first_timer_friendly',
  'group_size',
  'physical_demand',
  'fee_yen',
  'theme_codes',
  'week_minutes',
  'active_days',
  'needs_folded',
] as const;

interface Row {
  id: string;
  name: string;
  kind: StaticFacts['kind'];
  capacity: number | null;
  seats_taken: number;
  has_waitlist: boolean;
  minimum_minutes: number | null;
  may_just_be_there: boolean;
  talking_optional: boolean;
  observation_visit: boolean;
  supporter_may_accompany: boolean;
  can_grow_gradually: boolean;
  first_timer_friendly: boolean;
  group_size: StaticFacts['groupSize'];
  physical_demand: StaticFacts['physicalDemand'];
  online: boolean;
  min_age: number | null;
  max_age: number | null;
  residency: StaticFacts['residency'];
  fee_yen: number;
  distance: number | null;
  themes: { code: string; label: string }[] | null;
  needs_text: string | null;
}

/**
 * The facts matching reads, in two steps so that occurrences are expanded only for the listings
 * that can still be a match or a near miss:
 * - `staticFacts`: one statement for the listings the viewer may see (the catalogue's own
 *   filtered query: tenant, visibility, status ACTIVE), near the person's home or online;
 * - `fits`: how their occurrences (resource_occurrences(), holidays and closures applied) overlap
 *   the person's weekly windows, expanding only the days of the week the person has;
 * - `summaries`: all occurrences of a few listings, to say why the schedule does not fit.
 */
@Injectable()
export class MatchingRepository {
  constructor(
    private readonly dataSource: DataSource,
    private readonly resources: ResourceRepository,
  ) {}

  async weightsOf(municipalityId: string): Promise<Weights | null> {
    const found = await this.dataSource
      .getRepository(MatchingSettingsEntity)
      .findOneBy({ municipalityId });
    return found?.weights ?? null;
  }

  async saveWeights(municipalityId: string, weights: Weights, userId: string): Promise<void> {
    await this.dataSource
      .getRepository(MatchingSettingsEntity)
      .upsert({ municipalityId, weights, updatedBy: userId }, ['municipalityId']);
  }

  /**
   * The listings a query covers, as SQL selecting their ids, and its parameters: those the viewer
   * may see (the catalogue's own filtered query: tenant, visibility, status ACTIVE) among the
   * given ids, or near the person's home (the spatial index) or online.
   */
  private pool(q: FactsQuery, columns: readonly string[] = []): [string, unknown[]] {
    const qb = this.resources
      .filtered({
        municipalityId: q.municipalityId,
        viewer: q.viewer,
        staleBefore: q.staleBefore,
        filter: { statuses: [ResourceStatus.ACTIVE] },
      })
      .select('r.id', 'id');
    for (const column of columns) qb.addSelect(`r.${column}`, column);
    if (columns.length)
      qb.addSelect(
        q.home ? DISTANCE(HOME(':distLon', ':distLat')) : 'NULL::float8',
        'distance',
      ).setParameters({ distLon: q.home?.longitude, distLat: q.home?.latitude });
    if (q.resourceIds) {
      qb.andWhere('r.id IN (:...resourceIds)', { resourceIds: q.resourceIds });
    } else if (q.home && !q.online) {
      // Through resources_near(): under row-level security the planner may not use the spatial
      // index for a condition PostGIS does not mark leakproof, and scans every row instead.
      qb.andWhere('r.id IN (SELECT resources_near(:municipalityId, :homeLon, :homeLat, :radius))', {
        municipalityId: q.municipalityId,
        homeLon: q.home.longitude,
        homeLat: q.home.latitude,
        radius: q.radiusMeters,
      });
    } else if (q.online) {
      qb.andWhere('(r.online_participation OR r.online_only)');
    } else {
      qb.andWhere('false');
    }
    return qb.getQueryAndParameters() as [string, unknown[]];
  }

  /**
   * The listings of the pool failing at most one filter for certain: those that may pass first,
   * then the others, each best upper bound first (at most `limit` of each), and how many the pool
   * held. See match-screen.ts.
   */
  async screen(
    q: FactsQuery,
    screenOf: (bind: Bind) => Screen,
    limit: number | null,
  ): Promise<{ pool: number; rows: ScreenedRow[] }> {
    const rows = await this.screened<ScreenedRow & { pool: number }>(
      q,
      screenOf,
      (bind) => `SELECT id, bound, failures, (SELECT count(*)::int FROM pool) AS pool
         FROM (SELECT *, row_number() OVER (PARTITION BY failures ORDER BY bound DESC, id) AS rank
                 FROM pool WHERE failures <= 1) x
        WHERE rank <= ${bind(limit, 'int')}
        ORDER BY failures, bound DESC, id`,
    );
    return {
      pool: rows[0]?.pool ?? 0,
      rows: rows.map((r) => ({ id: r.id, bound: Number(r.bound), failures: r.failures })),
    };
  }

  /** Every listing of the pool as the screen sees it: the filters it fails for certain, its bound. */
  async screenDetail(
    q: FactsQuery,
    screenOf: (bind: Bind) => Screen,
  ): Promise<{ id: string; failed: CheckName[]; bound: number }[]> {
    const rows = await this.screened<{ id: string; failed: CheckName[]; bound: number }>(
      q,
      screenOf,
      () => 'SELECT id, failed, bound FROM pool',
    );
    return rows.map((r) => ({ ...r, bound: Number(r.bound) }));
  }

  /** The pool with what the screen says of each listing (`pool`), then `select` over it. */
  private screened<T>(
    q: FactsQuery,
    screenOf: (bind: Bind) => Screen,
    select: (bind: Bind) => string,
  ): Promise<T[]> {
    const [inner, params] = this.pool(q, SCREEN_COLUMNS);
    const values = [...params];
    const bind: Bind = (value, type) => {
      values.push(value);
      return `$${values.length}::${type}`;
    };
    const screen = screenOf(bind);
    const failed = `array_remove(ARRAY[${
      screen.failures.map(([check, sql]) => `CASE WHEN ${sql} THEN '${check}' END`).join(', ') ||
      'NULL'
    }]::text[], NULL)`;
    const derived = ['r.distance', ...screen.derived.map(([name, sql]) => `${sql} AS ${name}`)];
    return this.withoutJit<T[]>(
      `WITH pool AS MATERIALIZED (
         SELECT id, failed, cardinality(failed) AS failures, bound FROM (
           SELECT r.id, ${failed} AS failed, (${screen.bound})::float8 AS bound
             FROM (${inner}) r CROSS JOIN LATERAL (SELECT ${derived.join(', ')}) d) x)
       ${select(bind)}`,
      values,
    );
  }

  async staticFacts(q: FactsQuery): Promise<StaticFacts[]> {
    const [inner, params] = this.pool(q);
    const n = params.length;
    const rows = await this.withoutJit<Row[]>(
      `SELECT r.id, r.name, r.kind, r.capacity, r.seats_taken, r.has_waitlist, r.minimum_minutes,
              r.may_just_be_there, r.talking_optional, r.observation_visit, r.supporter_may_accompany,
              r.can_grow_gradually, r.first_timer_friendly, r.group_size, r.physical_demand,
              (r.online_participation OR r.online_only) AS online, r.min_age, r.max_age, r.residency, r.fee_yen,
              CASE WHEN $${n + 1}::float8 IS NULL THEN NULL
                   ELSE ${DISTANCE(HOME(`$${n + 2}`, `$${n + 1}`))} END AS distance,
              (SELECT json_agg(json_build_object('code', t.code, 'label', t.label) ORDER BY t.sort_order)
                 FROM resource_theme rt JOIN theme t ON t.code = rt.theme_code WHERE rt.resource_id = r.id) AS themes,
              r.needs_folded AS needs_text
         FROM resource r WHERE r.id IN (${inner})`,
      [...params, q.home?.latitude ?? null, q.home?.longitude ?? null],
    );
    return rows.map((r) => ({
      id: r.id,
      name: r.name,
      kind: r.kind,
      capacity: r.capacity,
      seatsTaken: r.seats_taken,
      hasWaitlist: r.has_waitlist,
      minimumMinutes: r.minimum_minutes,
      mayJustBeThere: r.may_just_be_there,
      talkingOptional: r.talking_optional,
      observationVisit: r.observation_visit,
      supporterMayAccompany: r.supporter_may_accompany,
      canGrowGradually: r.can_grow_gradually,
      firstTimerFriendly: r.first_timer_friendly,
      groupSize: r.group_size,
      physicalDemand: r.physical_demand,
      online: r.online,
      minAge: r.min_age,
      maxAge: r.max_age,
      residency: r.residency,
      feeYen: r.fee_yen,
      distance: r.distance === null ? null : Number(r.distance),
      themes: r.themes ?? [],
      needsText: r.needs_text ?? '',
    }));
  }

  /**
   * For each listing with an occurrence that fits a window (long enough: the listing's minimum
   * stay, else 30 minutes, or the whole occurrence when shorter), the longest fit in minutes and
   * the first fitting start. Listings without one are absent.
   */
  async fits(
    ids: string[],
    q: Pick<FactsQuery, 'availability' | 'from' | 'to'>,
  ): Promise<Map<string, { fitMinutes: number; nextFit: Date }>> {
    if (!ids.length || !q.availability.length) return new Map();
    const rows = await this.withoutJit<{ id: string; fit_minutes: number; next_fit: Date }[]>(
      `WITH win AS (SELECT * FROM unnest($2::int[], $3::time[], $4::time[]) AS w(weekday, wfrom, wto)),
       occ AS (
         SELECT o.resource_id, o.starts_at,
                (o.starts_at AT TIME ZONE 'Asia/Tokyo') AS local_start,
                (o.ends_at AT TIME ZONE 'Asia/Tokyo') AS local_end
           FROM resource_occurrences($1::uuid[], $5, $6, (SELECT array_agg(DISTINCT weekday)::smallint[] FROM win)) o),
       fit AS (
         SELECT occ.resource_id, occ.starts_at,
                GREATEST(0, EXTRACT(EPOCH FROM (LEAST(occ.local_end::time, w.wto) - GREATEST(occ.local_start::time, w.wfrom))) / 60)::int AS minutes,
                (EXTRACT(EPOCH FROM (occ.local_end - occ.local_start)) / 60)::int AS length
           FROM occ JOIN win w ON w.weekday = EXTRACT(ISODOW FROM occ.local_start)::int)
       SELECT f.resource_id AS id, max(f.minutes) AS fit_minutes, min(f.starts_at) AS next_fit
         FROM fit f JOIN resource r ON r.id = f.resource_id
        WHERE f.minutes >= LEAST(f.length, COALESCE(r.minimum_minutes, 30))
        GROUP BY f.resource_id`,
      [
        ids,
        q.availability.map((w) => w.weekday),
        q.availability.map((w) => w.from),
        q.availability.map((w) => w.to),
        q.from,
        q.to,
      ],
    );
    return new Map(
      rows.map((r) => [r.id, { fitMinutes: r.fit_minutes, nextFit: new Date(r.next_fit) }]),
    );
  }

  /** How many occurrences each listing has in the horizon, and on which ISO weekdays. */
  async summaries(
    ids: string[],
    q: Pick<FactsQuery, 'from' | 'to'>,
  ): Promise<Map<string, { occurrences: number; weekdays: number[] }>> {
    if (!ids.length) return new Map();
    const rows = await this.withoutJit<{ id: string; occurrences: number; weekdays: number[] }[]>(
      `SELECT o.resource_id AS id, count(*)::int AS occurrences,
              array_agg(DISTINCT EXTRACT(ISODOW FROM o.starts_at AT TIME ZONE 'Asia/Tokyo')::int) AS weekdays
         FROM resource_occurrences($1::uuid[], $2, $3) o GROUP BY o.resource_id`,
      [ids, q.from, q.to],
    );
    return new Map(
      rows.map((r) => [
        r.id,
        { occurrences: r.occurrences, weekdays: [...r.weekdays].sort((a, b) => a - b) },
      ]),
    );
  }

  /**
   * Matching reads a few thousand rows, but PostGIS costs push the planner's estimate past
   * jit_above_cost, and compiling took longer than running (870 ms of JIT in a 7 s statement).
   */
  private withoutJit<T>(sql: string, params: unknown[]): Promise<T> {
    return this.dataSource.transaction(async (em) => {
      await em.query('SET LOCAL jit = off');
      return em.query<T>(sql, params);
    });
  }
}
