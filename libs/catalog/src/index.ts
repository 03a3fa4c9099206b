export * from './catalog.enums';
export * from './host-need.entity';
export * from './resource.entity';
export * from './schedule/schedule.entities';
export * from './theme.entities';
export * from './schedule/holidays';
export * from './schedule/occurrence.repository';
