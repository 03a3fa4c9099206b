export * from './audit.entity';
export * from './audit.module';
export * from './audit.repository';
export * from './audit.service';
