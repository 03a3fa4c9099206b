export * from './loader-registry';
export * from './loaders.decorator';
