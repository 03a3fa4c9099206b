export * from './match-rules';
export * from './matching.module';
export * from './matching.service';
export * from './matching-settings.entity';
export * from './allocation';
export * from './match-screen';
export * from './matching.repository';
export * from './listing-index';
