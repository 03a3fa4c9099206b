export * from './catalog.enums';
export * from './host-need.entity';
export * from './resource.entity';
export * from './schedule/schedule.entities';
export * from './theme.entities';
export * from './schedule/holidays';
export * from './schedule/occurrence.repository';
export * from './catalog.module';
export * from './models/resource.model';
export * from './resource.service';
export * from './dto/resource-filter.input';
export * from './resource.repository';
export {
  exactLocationVisibleTo,
  isVisibleTo,
  visibilitiesSeenBy,
  visibleTo,
} from './resource-policy';
export * from './dto/resource.input';
