import { byKeys, groupByKeys, LoaderKey, LoaderRegistry } from '@app/common';
import { Injectable, OnModuleInit } from '@nestjs/common';
import { AreaEntity } from './area.entity';
import { AreaRepository } from './area.repository';
import { MunicipalityEntity } from './municipality.entity';
import { MunicipalityRepository } from './municipality.repository';

export const MUNICIPALITY_BY_ID = new LoaderKey<string, MunicipalityEntity | null>(
  'municipalityById',
);
export const AREA_BY_ID = new LoaderKey<string, AreaEntity | null>('areaById');
export const AREAS_BY_PARENT_ID = new LoaderKey<string, AreaEntity[]>('areasByParentId');

@Injectable()
export class MunicipalityLoaders implements OnModuleInit {
  constructor(
    private readonly registry: LoaderRegistry,
    private readonly municipalities: MunicipalityRepository,
    private readonly areas: AreaRepository,
  ) {}

  onModuleInit(): void {
    this.registry.register(MUNICIPALITY_BY_ID, async (ids) =>
      byKeys(ids, await this.municipalities.findByIds(ids), (m) => m.id),
    );
    this.registry.register(AREA_BY_ID, async (ids) =>
      byKeys(ids, await this.areas.findByIds(ids), (a) => a.id),
    );
    this.registry.register(AREAS_BY_PARENT_ID, async (ids) =>
      groupByKeys(ids, await this.areas.findByParentIds(ids), (a) => a.parentId as string),
    );
  }
}
