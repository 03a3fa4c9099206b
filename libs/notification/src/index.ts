export * from './notification.entity';
export * from './notification.service';
export * from './notification.module';
