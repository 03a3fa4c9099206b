export * from './models/organization.model';
export * from './organization-type';
export * from './organization.entity';
export * from './organization.module';
export * from './organization.service';
export * from './organization.loaders';
