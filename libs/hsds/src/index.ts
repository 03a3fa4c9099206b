export * from './hsds.mapper';
export * from './hsds.module';
