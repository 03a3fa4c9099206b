import { ResourceRepository, ResourceStatus } from '@app/catalog';
import { AvailabilityWindow, HomePoint } from '@app/candidate';
import { Viewer } from '@app/common';
import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { StaticFacts, Weights } from './match-rules';
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
  private pool(q: FactsQuery): [string, unknown[]] {
    const qb = this.resources
      .filtered({
        municipalityId: q.municipalityId,
        viewer: q.viewer,
        staleBefore: q.staleBefore,
        filter: { statuses: [ResourceStatus.ACTIVE] },
      })
      .select('r.id', 'id');
    if (q.resourceIds) {
      qb.andWhere('r.id IN (:...resourceIds)', { resourceIds: q.resourceIds });
    } else if (q.home && !q.online) {
      qb.andWhere(
        `r.id IN (SELECT n.id FROM resource n
                   WHERE ST_DWithin(n.location, ST_SetSRID(ST_MakePoint(:homeLon, :homeLat), 4326)::geography, :radius)
                  UNION ALL
                  SELECT o.id FROM resource o
                   WHERE o.municipality_id = :municipalityId AND (o.online_participation OR o.online_only))`,
        {
          homeLon: q.home.longitude,
          homeLat: q.home.latitude,
          radius: q.radiusMeters,
          municipalityId: q.municipalityId,
        },
      );
    } else if (q.online) {
      qb.andWhere('(r.online_participation OR r.online_only)');
    } else {
      qb.andWhere('false');
    }
    return qb.getQueryAndParameters() as [string, unknown[]];
  }

  /**
   * The listings of the pool failing at most one static filter, best upper bound first (at most
   * `limit`), and how many the pool held. See match-screen.ts.
   */
  async screen(
    q: FactsQuery,
    interests: string[],
    screenOf: (bind: Bind) => Screen,
    limit: number | null,
  ): Promise<{ pool: number; rows: { id: string; bound: number }[] }> {
    const [inner, params] = this.pool(q);
    const values = [...params];
    const bind: Bind = (value, type) => {
      values.push(value);
      return `$${values.length}::${type}`;
    };
    const home = q.home
      ? `ST_SetSRID(ST_MakePoint(${bind(q.home.longitude, 'float8')}, ${bind(q.home.latitude, 'float8')}), 4326)::geography`
      : null;
    const screen = screenOf(bind);
    const failures = screen.failures.map(([, sql]) => `(${sql})::int`).join(' + ');
    const rows = await this.withoutJit<{ id: string; bound: number; pool: number }[]>(
      `WITH pool AS (${inner}),
       scored AS (
         SELECT r.id, ${failures} AS failures, ${screen.bound} AS bound
           FROM resource r JOIN pool ON pool.id = r.id
          CROSS JOIN LATERAL (SELECT ${home ? `CASE WHEN r.location IS NULL THEN NULL ELSE ST_Distance(r.location, ${home}) END` : 'NULL::float8'} AS distance) d
           LEFT JOIN (SELECT resource_id, count(*)::int AS liked FROM resource_theme
                       WHERE theme_code = ANY(${bind(interests, 'text[]')}) GROUP BY resource_id) lt
             ON lt.resource_id = r.id)
       SELECT id, bound::float8 AS bound, (SELECT count(*)::int FROM pool) AS pool
         FROM scored WHERE failures <= 1
        ORDER BY bound DESC, id LIMIT ${bind(limit, 'int')}`,
      values,
    );
    return {
      pool: rows[0]?.pool ?? 0,
      rows: rows.map((r) => ({ id: r.id, bound: Number(r.bound) })),
    };
  }

  async staticFacts(q: FactsQuery): Promise<StaticFacts[]> {
    const [inner, params] = this.pool(q);
    const n = params.length;
    const rows = await this.withoutJit<Row[]>(
      `SELECT r.id, r.name, r.kind, r.capacity, r.seats_taken, r.has_waitlist, r.minimum_minutes,
              r.may_just_be_there, r.talking_optional, r.observation_visit, r.supporter_may_accompany,
              r.can_grow_gradually, r.first_timer_friendly, r.group_size, r.physical_demand,
              (r.online_participation OR r.online_only) AS online, r.min_age, r.max_age, r.residency, r.fee_yen,
              CASE WHEN $${n + 1}::float8 IS NULL OR r.location IS NULL THEN NULL
                   ELSE ST_Distance(r.location, ST_SetSRID(ST_MakePoint($${n + 2}, $${n + 1}), 4326)::geography) END AS distance,
              (SELECT json_agg(json_build_object('code', t.code, 'label', t.label) ORDER BY t.sort_order)
                 FROM resource_theme rt JOIN theme t ON t.code = rt.theme_code WHERE rt.resource_id = r.id) AS themes,
              concat_ws(' ', array_to_string(r.tags, ' '), r.details->>'tasks', r.description,
                (SELECT string_agg(h.description, ' ') FROM host_need h
                  WHERE h.organization_id = r.organization_id AND h.is_open
                    AND (h.resource_id IS NULL OR h.resource_id = r.id))) AS needs_text
         FROM resource r WHERE r.id IN (${inner})`,
      [...(params as unknown[]), q.home?.latitude ?? null, q.home?.longitude ?? null],
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
