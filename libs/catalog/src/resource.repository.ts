import { EntityRepository, Page, paginateKeyset, Viewer } from '@app/common';
import { areaAndInsideSql } from '@app/municipality';
import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager, In, SelectQueryBuilder } from 'typeorm';
import { ResourceStatus } from './catalog.enums';
import { PROFILE_FLAGS, ResourceFilter } from './dto/resource-filter.input';
import { exactLocationVisibleTo, visibleTo } from './resource-policy';
import { ResourceEntity } from './resource.entity';
import { ClosureEntity, ScheduleEntity, SessionEntity } from './schedule/schedule.entities';
import { ResourceThemeEntity, ThemeEntity } from './theme.entities';

export interface ResourceQuery {
  municipalityId: string;
  viewer: Viewer;
  filter: ResourceFilter;
  staleBefore: Date;
  first?: number;
  after?: string;
}

const point = (lon: string, lat: string) =>
  `ST_SetSRID(ST_MakePoint(${lon}, ${lat}), 4326)::geography`;

@Injectable()
export class ResourceRepository extends EntityRepository<ResourceEntity> {
  constructor(dataSource: DataSource) {
    super(dataSource, ResourceEntity);
  }

  /** One resource, if the viewer may see it. */
  findVisible(id: string, viewer: Viewer, em?: EntityManager): Promise<ResourceEntity | null> {
    const visible = visibleTo(viewer);
    return this.repo(em)
      .createQueryBuilder('r')
      .where('r.id = :id', { id })
      .andWhere(visible.sql, visible.params)
      .getOne();
  }

  /** The filtered, visibility-checked list, keyset-paginated by (name, id). */
  page(q: ResourceQuery): Promise<Page<ResourceEntity>> {
    return paginateKeyset(this.filtered(q), {
      sortKey: 'r.name',
      idColumn: 'r.id',
      keyOf: (r) => r.name,
      first: q.first,
      after: q.after,
    });
  }

  /**
   * Resources (alias `r`) of the municipality that the viewer may list and that pass every
   * catalogue filter; search adds its text match and ranking to the same query.
   */
  filtered(q: Omit<ResourceQuery, 'first' | 'after'>): SelectQueryBuilder<ResourceEntity> {
    const f = q.filter;
    const visible = visibleTo(q.viewer);
    const qb = this.repo()
      .createQueryBuilder('r')
      .where('r.municipality_id = :municipalityId', { municipalityId: q.municipalityId })
      .andWhere(visible.sql, visible.params)
      .andWhere('r.status IN (:...statuses)', {
        statuses: f.statuses?.length ? f.statuses : [ResourceStatus.ACTIVE, ResourceStatus.PAUSED],
      });

    if (f.kinds?.length) qb.andWhere('r.kind IN (:...kinds)', { kinds: f.kinds });
    if (f.visibilities?.length)
      qb.andWhere('r.visibility IN (:...visibilities)', { visibilities: f.visibilities });
    // Which places' exact whereabouts (and hosts) the viewer may know.
    const exact = exactLocationVisibleTo(q.viewer);
    if (f.organizationId) {
      // A confidential place never matches its host for outsiders: the host would reveal it.
      qb.andWhere(`r.organization_id = :organizationId AND ${exact.sql}`, {
        organizationId: f.organizationId,
        ...exact.params,
      });
    }
    if (f.areaId) {
      qb.andWhere(`r.area_id IN (${areaAndInsideSql(':areaId')})`, { areaId: f.areaId });
    }
    if (f.themes?.length) {
      qb.andWhere(
        'EXISTS (SELECT 1 FROM resource_theme rt WHERE rt.resource_id = r.id AND rt.theme_code IN (:...themes))',
        { themes: f.themes },
      );
    }
    for (const [flag, column] of PROFILE_FLAGS) if (f[flag] === true) qb.andWhere(`r.${column}`);
    if (f.hasOpenSeats)
      qb.andWhere('(r.capacity IS NULL OR r.seats_taken < r.capacity OR r.has_waitlist)');
    if (f.freeOfCharge) qb.andWhere('r.fee_yen = 0');
    if (f.maxFeeYen !== undefined)
      qb.andWhere('r.fee_yen <= :maxFeeYen', { maxFeeYen: f.maxFeeYen });
    if (f.staleOnly)
      qb.andWhere('(r.last_verified_at IS NULL OR r.last_verified_at < :staleBefore)', {
        staleBefore: q.staleBefore,
      });

    const window = f.openAt
      ? { from: f.openAt, to: new Date(f.openAt.getTime() + 1000) }
      : f.openBetween;
    if (window) {
      qb.andWhere(
        'r.id IN (SELECT o.resource_id FROM resource_occurrences(NULL, :openFrom, :openTo) o)',
        {
          openFrom: window.from,
          openTo: window.to,
        },
      );
    }

    if (f.weekly) {
      const from = new Date();
      qb.andWhere(
        // This municipality's listings only, and the rules of those weekdays only (the function
        // prunes by its fourth argument).
        `r.id IN (SELECT o.resource_id FROM resource_occurrences(
             ARRAY(SELECT m.id FROM resource m WHERE m.municipality_id = :municipalityId),
             :weeklyStart, :weeklyEnd, :weeklyDays::smallint[]) o
           WHERE extract(isodow FROM o.starts_at AT TIME ZONE 'Asia/Tokyo')::int = ANY(:weeklyDays)
             AND (o.starts_at AT TIME ZONE 'Asia/Tokyo')::time < :weeklyTo::time
             AND (o.ends_at AT TIME ZONE 'Asia/Tokyo')::time > :weeklyFrom::time)`,
        {
          weeklyStart: from,
          weeklyEnd: new Date(from.getTime() + 28 * 86_400_000),
          weeklyDays: f.weekly.weekdays,
          weeklyFrom: f.weekly.from,
          weeklyTo: f.weekly.to,
        },
      );
    }

    // Spatial filters test the point the viewer may know: a confidential place is tested at its
    // area's point, so that repeated radius queries cannot narrow down where it really is.
    const spatial = (test: (geography: string) => string) =>
      qb.andWhere(
        `((${exact.sql} AND ${test('r.location')})
          OR (NOT (${exact.sql}) AND EXISTS (SELECT 1 FROM area la WHERE la.id = r.area_id AND ${test('la.label_point::geography')})))`,
        exact.params,
      );
    if (f.near) {
      qb.setParameters({
        nearLon: f.near.longitude,
        nearLat: f.near.latitude,
        nearRadius: f.near.radiusMeters,
      });
      spatial((g) => `ST_DWithin(${g}, ${point(':nearLon', ':nearLat')}, :nearRadius)`);
    }
    if (f.bbox) {
      qb.setParameters({ ...f.bbox });
      // && uses the GiST index; the planar test is exact for a map viewport's lat/lon box.
      const box = 'ST_MakeEnvelope(:minLongitude, :minLatitude, :maxLongitude, :maxLatitude, 4326)';
      spatial((g) => `(${g} && ${box}::geography AND ST_Intersects(${g}::geometry, ${box}))`);
    }
    return qb;
  }

  themesOf(
    resourceIds: readonly string[],
  ): Promise<(ResourceThemeEntity & { theme: ThemeEntity })[]> {
    return this.dataSource.getRepository(ResourceThemeEntity).find({
      where: { resourceId: In([...resourceIds]) },
      relations: { theme: true },
      order: { theme: { sortOrder: 'ASC' } },
    }) as Promise<(ResourceThemeEntity & { theme: ThemeEntity })[]>;
  }

  schedulesOf(resourceIds: readonly string[]): Promise<ScheduleEntity[]> {
    return this.dataSource.getRepository(ScheduleEntity).find({
      where: { resourceId: In([...resourceIds]) },
      order: { validFrom: 'ASC', opensAt: 'ASC' },
    });
  }

  sessionsOf(resourceIds: readonly string[]): Promise<SessionEntity[]> {
    return this.dataSource.getRepository(SessionEntity).find({
      where: { resourceId: In([...resourceIds]) },
      order: { date: 'ASC', opensAt: 'ASC' },
    });
  }

  closuresOf(resourceIds: readonly string[]): Promise<ClosureEntity[]> {
    return this.dataSource.getRepository(ClosureEntity).find({
      where: { resourceId: In([...resourceIds]) },
      order: { startsOn: 'ASC' },
    });
  }

  async knownThemeCodes(codes: readonly string[], em: EntityManager): Promise<Set<string>> {
    const rows = await em.getRepository(ThemeEntity).findBy({ code: In([...codes]) });
    return new Set(rows.map((t) => t.code));
  }

  allThemes(): Promise<ThemeEntity[]> {
    return this.dataSource.getRepository(ThemeEntity).find({ order: { sortOrder: 'ASC' } });
  }

  /** Replaces a resource's themes, rules, one-off sessions or closures (each only when given). */
  async replaceChildren(
    resourceId: string,
    children: {
      themes?: string[];
      schedules?: Omit<ScheduleEntity, 'id' | 'resourceId' | 'resource'>[];
      sessions?: Omit<SessionEntity, 'id' | 'resourceId' | 'resource'>[];
      closures?: Omit<ClosureEntity, 'id' | 'resourceId' | 'resource'>[];
    },
    em: EntityManager,
    /** A resource just inserted has no children to delete. */
    fresh = false,
  ): Promise<void> {
    const replace = async <E extends object>(entity: new () => E, rows: object[] | undefined) => {
      if (rows === undefined) return;
      if (!fresh) await em.getRepository(entity).delete({ resourceId } as never);
      if (rows.length)
        await em.getRepository(entity).insert(rows.map((row) => ({ ...row, resourceId })) as never);
    };
    await replace(
      ResourceThemeEntity,
      children.themes?.map((themeCode) => ({ themeCode })),
    );
    await replace(ScheduleEntity, children.schedules);
    await replace(SessionEntity, children.sessions);
    await replace(ClosureEntity, children.closures);
  }
}
