export * from './one-sensitive-field.rule';
