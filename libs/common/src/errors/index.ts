export * from './domain.exception';
export * from './format-graphql-error';
export * from './postgres-errors';
