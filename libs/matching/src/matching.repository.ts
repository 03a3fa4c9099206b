import { ResourceRepository, ResourceStatus } from '@app/catalog';
import { AvailabilityWindow, HomePoint } from '@app/candidate';
import { Viewer } from '@app/common';
import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { ResourceFacts, Weights } from './match-rules';
import { MatchingSettingsEntity } from './matching-settings.entity';

export interface FactsQuery {
  municipalityId: string;
  viewer: Viewer;
  staleBefore: Date;
  /** Null for a person who takes part online only. */
  home: HomePoint | null;
  /** Listings farther than this are not read at all (twice the reach: near misses stay visible). */
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
  kind: ResourceFacts['kind'];
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
  group_size: ResourceFacts['groupSize'];
  physical_demand: ResourceFacts['physicalDemand'];
  online: boolean;
  min_age: number | null;
  max_age: number | null;
  residency: ResourceFacts['residency'];
  fee_yen: number;
  distance: number | null;
  occurrences: number;
  weekdays: number[] | null;
  fit_minutes: number | null;
  next_fit: Date | null;
  themes: { code: string; label: string }[] | null;
  needs_text: string | null;
}

/**
 * One statement: the listings the viewer may see (the catalogue's own filtered query: tenant,
 * visibility, status ACTIVE), near the person's home or online, each with what the rules need —
 * among them how its occurrences in the horizon (resource_occurrences(), holidays applied) overlap
 * the person's weekly availability.
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

  async facts(q: FactsQuery): Promise<ResourceFacts[]> {
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
        '(r.online_participation OR r.online_only OR ST_DWithin(r.location, ST_SetSRID(ST_MakePoint(:homeLon, :homeLat), 4326)::geography, :radius))',
        { homeLon: q.home.longitude, homeLat: q.home.latitude, radius: q.radiusMeters },
      );
    } else if (q.online) {
      qb.andWhere('(r.online_participation OR r.online_only)');
    } else {
      qb.andWhere('false');
    }
    const [inner, params] = qb.getQueryAndParameters();
    const n = params.length;
    const rows: Row[] = await this.dataSource.query(
      `WITH pool AS (${inner}),
       win AS (
         SELECT * FROM unnest($${n + 1}::int[], $${n + 2}::time[], $${n + 3}::time[]) AS w(weekday, wfrom, wto)),
       occ AS (
         SELECT o.resource_id, o.starts_at,
                (o.starts_at AT TIME ZONE 'Asia/Tokyo') AS local_start,
                (o.ends_at AT TIME ZONE 'Asia/Tokyo') AS local_end
           FROM resource_occurrences((SELECT array_agg(id) FROM pool), $${n + 4}, $${n + 5}) o),
       fit AS (
         SELECT occ.resource_id, occ.starts_at,
                GREATEST(0, EXTRACT(EPOCH FROM (LEAST(occ.local_end::time, w.wto) - GREATEST(occ.local_start::time, w.wfrom))) / 60)::int AS minutes,
                (EXTRACT(EPOCH FROM (occ.local_end - occ.local_start)) / 60)::int AS length
           FROM occ JOIN win w ON w.weekday = EXTRACT(ISODOW FROM occ.local_start)::int)
       SELECT r.id, r.name, r.kind, r.capacity, r.seats_taken, r.has_waitlist, r.minimum_minutes,
              r.may_just_be_there, r.talking_optional, r.observation_visit, r.supporter_may_accompany,
              r.can_grow_gradually, r.first_timer_friendly, r.group_size, r.physical_demand,
              (r.online_participation OR r.online_only) AS online, r.min_age, r.max_age, r.residency, r.fee_yen,
              CASE WHEN $${n + 6}::float8 IS NULL OR r.location IS NULL THEN NULL
                   ELSE ST_Distance(r.location, ST_SetSRID(ST_MakePoint($${n + 7}, $${n + 6}), 4326)::geography) END AS distance,
              (SELECT count(*)::int FROM occ WHERE occ.resource_id = r.id) AS occurrences,
              (SELECT array_agg(DISTINCT EXTRACT(ISODOW FROM occ.local_start)::int) FROM occ WHERE occ.resource_id = r.id) AS weekdays,
              (SELECT max(f.minutes) FROM fit f
                 WHERE f.resource_id = r.id AND f.minutes >= LEAST(f.length, COALESCE(r.minimum_minutes, 30))) AS fit_minutes,
              (SELECT min(f.starts_at) FROM fit f
                 WHERE f.resource_id = r.id AND f.minutes >= LEAST(f.length, COALESCE(r.minimum_minutes, 30))) AS next_fit,
              (SELECT json_agg(json_build_object('code', t.code, 'label', t.label) ORDER BY t.sort_order)
                 FROM resource_theme rt JOIN theme t ON t.code = rt.theme_code WHERE rt.resource_id = r.id) AS themes,
              concat_ws(' ', array_to_string(r.tags, ' '), r.details->>'tasks', r.description,
                (SELECT string_agg(h.description, ' ') FROM host_need h
                  WHERE h.organization_id = r.organization_id AND h.is_open
                    AND (h.resource_id IS NULL OR h.resource_id = r.id))) AS needs_text
         FROM resource r JOIN pool ON pool.id = r.id`,
      [
        ...(params as unknown[]),
        q.availability.map((w) => w.weekday),
        q.availability.map((w) => w.from),
        q.availability.map((w) => w.to),
        q.from,
        q.to,
        q.home?.latitude ?? null,
        q.home?.longitude ?? null,
      ],
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
      occurrences: r.occurrences,
      weekdays: (r.weekdays ?? []).sort((a, b) => a - b),
      fitMinutes: r.fit_minutes ?? 0,
      nextFit: r.next_fit ? new Date(r.next_fit) : null,
      themes: r.themes ?? [],
      needsText: r.needs_text ?? '',
    }));
  }
}
