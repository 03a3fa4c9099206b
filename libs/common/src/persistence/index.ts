export * from './entity.repository';
