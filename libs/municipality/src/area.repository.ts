import { Page, paginateKeyset, EntityRepository } from '@app/common';
import { Injectable } from '@nestjs/common';
import type { MultiPolygon } from 'geojson';
import { DataSource, EntityManager, In } from 'typeorm';
import { AreaLevel } from './area-level';
import { AreaEntity } from './area.entity';

export interface AreaFilter {
  municipalityId: string;
  level?: AreaLevel;
  parentId?: string;
  first?: number;
  after?: string;
}

@Injectable()
export class AreaRepository extends EntityRepository<AreaEntity> {
  constructor(dataSource: DataSource) {
    super(dataSource, AreaEntity);
  }

  findByParentIds(parentIds: readonly string[]): Promise<AreaEntity[]> {
    return this.repo().find({
      where: { parentId: In([...parentIds]) },
      order: { name: 'ASC', id: 'ASC' },
    });
  }

  page(filter: AreaFilter): Promise<Page<AreaEntity>> {
    const qb = this.repo()
      .createQueryBuilder('a')
      .where('a.municipality_id = :municipalityId', { municipalityId: filter.municipalityId });
    if (filter.level) qb.andWhere('a.level = :level', { level: filter.level });
    if (filter.parentId) qb.andWhere('a.parent_id = :parentId', { parentId: filter.parentId });
    return paginateKeyset(qb, {
      sortKey: 'a.name',
      idColumn: 'a.id',
      keyOf: (a) => a.name,
      first: filter.first,
      after: filter.after,
    });
  }

  /** PostGIS's verdict on a boundary: null when valid, else its reason (e.g. "Self-intersection[…]"). */
  async geometryProblem(boundary: MultiPolygon, em?: EntityManager): Promise<string | null> {
    const [row] = await (em ?? this.dataSource.manager).query<{ valid: boolean; reason: string }[]>(
      `SELECT ST_IsValid(g) AS valid, ST_IsValidReason(g) AS reason
         FROM (SELECT ST_GeomFromGeoJSON($1) AS g) AS input`,
      [JSON.stringify(boundary)],
    );
    return row.valid ? null : row.reason;
  }

  /** The innermost area of a municipality that covers a point (a district before its daily-life area). */
  async innermostCovering(
    municipalityId: string,
    point: { latitude: number; longitude: number },
    em?: EntityManager,
  ): Promise<AreaEntity | null> {
    return this.repo(em)
      .createQueryBuilder('a')
      .where('a.municipality_id = :municipalityId', { municipalityId })
      .andWhere('ST_Covers(a.boundary, ST_SetSRID(ST_MakePoint(:lon, :lat), 4326))', {
        lon: point.longitude,
        lat: point.latitude,
      })
      .orderBy('a.level', 'DESC')
      .addOrderBy('ST_Area(a.boundary)', 'ASC')
      .limit(1)
      .getOne();
  }
}

/**
 * SQL for "this area and every area inside it", for filters in other domains' queries:
 * `x.area_id IN (${areaAndInsideSql(':areaId')})`.
 */
export function areaAndInsideSql(param: string): string {
  return `WITH RECURSIVE inside(id) AS (
            SELECT id FROM area WHERE id = ${param}
            UNION ALL SELECT a.id FROM area a JOIN inside ON a.parent_id = inside.id
          ) SELECT id FROM inside`;
}
