import { groupByKeys, LoaderKey, LoaderRegistry } from '@app/common';
import { Injectable, OnModuleInit } from '@nestjs/common';
import { ResourceRepository } from './resource.repository';
import { ClosureEntity, ScheduleEntity, SessionEntity } from './schedule/schedule.entities';
import { ThemeEntity } from './theme.entities';

export const THEMES_BY_RESOURCE_ID = new LoaderKey<string, ThemeEntity[]>('themesByResourceId');
export const SCHEDULES_BY_RESOURCE_ID = new LoaderKey<string, ScheduleEntity[]>(
  'schedulesByResourceId',
);
export const SESSIONS_BY_RESOURCE_ID = new LoaderKey<string, SessionEntity[]>(
  'sessionsByResourceId',
);
export const CLOSURES_BY_RESOURCE_ID = new LoaderKey<string, ClosureEntity[]>(
  'closuresByResourceId',
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
    this.registry.register(SESSIONS_BY_RESOURCE_ID, async (ids) =>
      groupByKeys(ids, await this.resources.sessionsOf(ids), (s) => s.resourceId),
    );
    this.registry.register(CLOSURES_BY_RESOURCE_ID, async (ids) =>
      groupByKeys(ids, await this.resources.closuresOf(ids), (c) => c.resourceId),
    );
  }
}
