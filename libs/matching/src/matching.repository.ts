import {
  GroupSize,
  PhysicalDemand,
  Residency,
  ResourceKind,
  ResourceRepository,
  ResourceStatus,
  Visibility,
} from '@app/catalog';
import { AvailabilityWindow, CandidateProfile, HomePoint } from '@app/candidate';
import { Viewer } from '@app/common';
import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { StaticFacts, Weights } from './match-rules';
import { MatchMissEntity } from './match-miss.entity';
import { MatchingSettingsEntity } from './matching-settings.entity';

export interface FactsQuery {
  municipalityId: string;
  viewer: Viewer;
  staleBefore: Date;
  /** Null for a person who takes part online only. */
  home: HomePoint | null;
  /** Listings farther than this are not weighed (beyond the reach: near misses stay visible). */
  radiusMeters: number;
  online: boolean;
  availability: AvailabilityWindow[];
  from: Date;
  to: Date;
}

/**
 * Metres from a listing to the coarse home, on the sphere (the home is rounded to about 500 m, so
 * the spheroid's extra 0.3 % buys nothing and costs twice the time). The in-memory screen
 * (match-screen.ts) computes the same distance, give or take a few millimetres.
 */
const DISTANCE = (lon: string, lat: string) =>
  `CASE WHEN r.location IS NULL OR ${lat}::float8 IS NULL THEN NULL
        ELSE ST_Distance(r.location, ST_SetSRID(ST_MakePoint(${lon}, ${lat}), 4326)::geography, false) END`;

/** What the rules read of a resource row `r`, but its distance: the columns of `Row`. */
const FACT_COLUMNS = `r.id, r.name, r.kind, r.capacity, r.seats_taken, r.has_waitlist, r.minimum_minutes,
  r.may_just_be_there, r.talking_optional, r.observation_visit, r.supporter_may_accompany,
  r.can_grow_gradually, r.first_timer_friendly, r.group_size, r.physical_demand,
  (r.online_participation OR r.online_only) AS online, r.min_age, r.max_age, r.residency, r.fee_yen,
  (SELECT json_agg(json_build_object('code', t.code, 'label', t.label) ORDER BY t.sort_order, t.code)
     FROM theme t WHERE t.code = ANY (r.theme_codes)) AS themes,
  r.needs_folded AS needs_text`;

/** What the in-memory screen reads of a resource row (match-screen.ts listingOf). */
export interface ListingRow {
  id: string;
  name: string;
  municipality_id: string;
  organization_id: string;
  visibility: Visibility;
  status: ResourceStatus;
  online: boolean;
  lon: number | null;
  lat: number | null;
  capacity: number | null;
  seats_taken: number;
  has_waitlist: boolean;
  min_age: number | null;
  max_age: number | null;
  residency: Residency;
  minimum_minutes: number | null;
  kind: ResourceKind;
  may_just_be_there: boolean;
  can_grow_gradually: boolean;
  talking_optional: boolean;
  observation_visit: boolean;
  supporter_may_accompany: boolean;
  first_timer_friendly: boolean;
  group_size: GroupSize | null;
  physical_demand: PhysicalDemand | null;
  fee_yen: number;
  theme_codes: string[];
  needs_folded: string;
  week_minutes: string;
  days_from: string | null;
  days_to: string | null;
  days_empty: boolean;
}

/** A row of FACT_COLUMNS (with its distance). */
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
 * The facts matching reads:
 * - `listingsChangedSince`: a municipality's listings as the in-memory screen keeps them, all of
 *   them once, then only those written since;
 * - `staticFacts`: what the rules read of a few listings the screen chose, as the viewer may
 *   see them now (the catalogue's own filtered query: tenant, visibility, status ACTIVE);
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

  /** A match that found nothing: the person's area, pace and days, never who (indicators). */
  async recordMiss(
    candidate: { municipalityId: string; areaId: string | null },
    profile: Pick<CandidateProfile, 'paceStage' | 'availability'>,
  ): Promise<void> {
    await this.dataSource.getRepository(MatchMissEntity).insert({
      municipalityId: candidate.municipalityId,
      areaId: candidate.areaId,
      paceStage: profile.paceStage,
      weekdays: [...new Set(profile.availability.map((w) => w.weekday))].sort((a, b) => a - b),
    });
  }

  /**
   * The given listings the viewer may see (the catalogue's own filtered query: tenant,
   * visibility, status ACTIVE), as SQL selecting their ids, and its parameters.
   */
  private visible(q: FactsQuery, ids: string[]): [string, unknown[]] {
    return this.resources
      .filtered({
        municipalityId: q.municipalityId,
        viewer: q.viewer,
        staleBefore: q.staleBefore,
        filter: { statuses: [ResourceStatus.ACTIVE] },
      })
      .select('r.id', 'id')
      .andWhere('r.id IN (:...resourceIds)', { resourceIds: ids })
      .getQueryAndParameters() as [string, unknown[]];
  }

  /** What the rules need of the given listings the viewer may see (no occurrence expanded). */
  async staticFacts(q: FactsQuery, ids: string[]): Promise<StaticFacts[]> {
    if (!ids.length) return [];
    const [inner, params] = this.visible(q, ids);
    const n = params.length;
    const rows = await this.withoutJit<Row[]>(
      `SELECT ${FACT_COLUMNS}, ${DISTANCE(`$${n + 2}`, `$${n + 1}`)} AS distance
         FROM resource r WHERE r.id IN (${inner})`,
      [...params, q.home?.latitude ?? null, q.home?.longitude ?? null],
    );
    return rows.map(toFacts);
  }

  /**
   * The municipality's listings written since transaction `since` (every one for 0), as the
   * in-memory screen reads them, and where to ask from next time: the xmin of the snapshot they
   * were read at (migration ListingIndex).
   */
  async listingsChangedSince(
    municipalityId: string,
    since: string,
  ): Promise<{ next: string; rows: ListingRow[] }> {
    const rows = await this.withoutJit<(ListingRow & { next: string })[]>(
      `SELECT s.next, l.* FROM (SELECT pg_snapshot_xmin(pg_current_snapshot())::text AS next) s
         LEFT JOIN (
           SELECT r.id, r.name, r.municipality_id, r.organization_id, r.visibility, r.status,
                  (r.online_participation OR r.online_only) AS online,
                  ST_X(r.location::geometry) AS lon, ST_Y(r.location::geometry) AS lat,
                  r.capacity, r.seats_taken, r.has_waitlist, r.min_age, r.max_age, r.residency,
                  r.minimum_minutes, r.kind, r.may_just_be_there, r.can_grow_gradually,
                  r.talking_optional, r.observation_visit, r.supporter_may_accompany,
                  r.first_timer_friendly, r.group_size, r.physical_demand, r.fee_yen,
                  r.theme_codes, r.needs_folded, r.week_minutes::text AS week_minutes,
                  lower(r.active_days)::text AS days_from, upper(r.active_days)::text AS days_to,
                  isempty(r.active_days) AS days_empty
             FROM resource r WHERE r.municipality_id = $1 AND r.changed_in >= $2::bigint) l ON true`,
      [municipalityId, since],
    );
    return { next: rows[0].next, rows: rows.filter((r) => r.id !== null) };
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

function toFacts(r: Row): StaticFacts {
  return {
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
  };
}
