export * from './messages';
export * from './transforms';
export * from './validation.pipe';
export * from './uuid-arg';
export * from './text-rules';
export * from './safe-text.pipe';
