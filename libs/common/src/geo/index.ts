export * from './boundary';
export * from './point';
