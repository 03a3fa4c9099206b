import { groupByKeys, LoaderKey, LoaderRegistry } from '@app/common';
import { Injectable, OnModuleInit } from '@nestjs/common';
import { ResourceRepository } from './resource.repository';
import { ScheduleEntity } from './schedule/schedule.entities';
import { ThemeEntity } from './theme.entities';

export const THEMES_BY_RESOURCE_ID = new LoaderKey<string, ThemeEntity[]>('themesByResourceId');
export const SCHEDULES_BY_RESOURCE_ID = new LoaderKey<string, ScheduleEntity[]>(
  'schedulesByResourceId',
);

@Injectable()
export class CatalogLoaders implements OnModuleInit {
  constructor(
    private readonly registry: LoaderRegistry,
    private readonly resources: ResourceRepository,
  ) {}

  onModuleInit(): void {
    this.registry.register(THEMES_BY_RESOURCE_ID, async (ids) =>
      groupByKeys(ids, await this.resources.themesOf(ids), (rt) => rt.resourceId).map((rows) =>
        rows.map((rt) => rt.theme),
      ),
    );
    this.registry.register(SCHEDULES_BY_RESOURCE_ID, async (ids) =>
      groupByKeys(ids, await this.resources.schedulesOf(ids), (s) => s.resourceId),
    );
  }
}
