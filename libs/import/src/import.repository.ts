import { Visibility } from '@app/catalog';
import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import type { QueryDeepPartialEntity } from 'typeorm/query-builder/QueryPartialEntity';
import { ImportLinkEntity, ImportMappingEntity } from './import.entities';

export interface AreaPlace {
  id: string;
  name: string;
  level: string;
  latitude: number;
  longitude: number;
}

/** What an import looks up once per file, and the links it writes back. */
@Injectable()
export class ImportRepository {
  constructor(private readonly dataSource: DataSource) {}

  /** Areas with a point inside each (where a listing without coordinates is placed). */
  areas(municipalityId: string, em: EntityManager): Promise<AreaPlace[]> {
    return em.query(
      `SELECT id, name, level, ST_Y(p) AS latitude, ST_X(p) AS longitude
         FROM (SELECT id, name, level, ST_PointOnSurface(boundary) AS p FROM area
                WHERE municipality_id = $1) a
        ORDER BY level DESC, length(name) DESC`,
      [municipalityId],
    );
  }

  organizations(
    municipalityId: string,
    em: EntityManager,
  ): Promise<{ id: string; name: string }[]> {
    return em.query(`SELECT id, name FROM organization WHERE municipality_id = $1`, [
      municipalityId,
    ]);
  }

  /** The listings an import may find again: those the importing viewer may see. */
  listings(
    municipalityId: string,
    visibilities: readonly Visibility[],
    em: EntityManager,
  ): Promise<{ id: string; name: string; address: string | null }[]> {
    return em.query(
      `SELECT id, name, address FROM resource WHERE municipality_id = $1 AND visibility::text = ANY($2)`,
      [municipalityId, visibilities],
    );
  }

  links(municipalityId: string, em: EntityManager): Promise<ImportLinkEntity[]> {
    return em.getRepository(ImportLinkEntity).findBy({ municipalityId });
  }

  /** Writes links in a few statements; a listing has one link, its key follows the latest file. */
  async saveLinks(links: Omit<ImportLinkEntity, 'id'>[], em: EntityManager): Promise<void> {
    for (let start = 0; start < links.length; start += 500) {
      await em
        .createQueryBuilder()
        .insert()
        .into(ImportLinkEntity)
        .values(links.slice(start, start + 500) as QueryDeepPartialEntity<ImportLinkEntity>[])
        .orUpdate(
          ['external_key', 'external_id', 'file_cells', 'stored_cells', 'imported_at'],
          ['resource_id'],
        )
        .execute();
    }
  }

  mappings(municipalityId: string): Promise<ImportMappingEntity[]> {
    return this.dataSource.getRepository(ImportMappingEntity).find({
      where: { municipalityId },
      order: { name: 'ASC' },
    });
  }

  mappingNamed(municipalityId: string, name: string): Promise<ImportMappingEntity | null> {
    return this.dataSource.getRepository(ImportMappingEntity).findOneBy({ municipalityId, name });
  }

  async saveMapping(
    mapping: Pick<ImportMappingEntity, 'municipalityId' | 'name' | 'columns' | 'defaultKind'>,
  ): Promise<ImportMappingEntity> {
    await this.dataSource
      .createQueryBuilder()
      .insert()
      .into(ImportMappingEntity)
      .values(mapping)
      .orUpdate(['columns', 'default_kind', 'updated_at'], ['municipality_id', 'name'])
      .execute();
    return (await this.mappingNamed(mapping.municipalityId, mapping.name))!;
  }

  async deleteMapping(municipalityId: string, name: string): Promise<boolean> {
    const result = await this.dataSource
      .getRepository(ImportMappingEntity)
      .delete({ municipalityId, name });
    return (result.affected ?? 0) > 0;
  }
}
