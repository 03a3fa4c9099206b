export * from './domain.exception';
export * from './format-graphql-error';
export * from './postgres-errors';
export * from './describe-error';
export * from './app-exception.filter';
