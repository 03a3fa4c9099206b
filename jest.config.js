/**
 * One runner for every tier: unit specs next to the code, integration and end-to-end specs in
 * test/. The database is the server named by DATABASE_URL, or an embedded PGlite started once by
 * the global set-up. PGlite is a single backend, so against it the files run one at a time.
 */
const embedded = !process.env.DATABASE_URL;

/** @type {import('jest').Config} */
module.exports = {
  rootDir: '.',
  testEnvironment: 'node',
  testMatch: [
    '<rootDir>/apps/**/*.spec.ts',
    '<rootDir>/libs/**/*.spec.ts',
    '<rootDir>/db/**/*.spec.ts',
    '<rootDir>/test/**/*.spec.ts',
  ],
  // NestJS 12 ships ES modules only; Jest's runtime cannot require() them on Node 20, so they are
  // compiled to CommonJS like our own code.
  transformIgnorePatterns: [
    '/node_modules/(?!(@nestjs|@apollo/server|@as-integrations|graphql-scalars|meilisearch|jose)/)',
  ],
  transform: {
    '^.+\\.(ts|js|mjs)$': [
      '@swc/jest',
      {
        jsc: {
          target: 'es2022',
          parser: { syntax: 'typescript', decorators: true },
          transform: {
            legacyDecorator: true,
            decoratorMetadata: true,
            useDefineForClassFields: false,
          },
          keepClassNames: true,
          // Resolve the tsconfig path aliases in the code itself, so the global set-up
          // (which Jest runs without its module mapper) sees them too.
          baseUrl: __dirname,
          paths: require('./tsconfig.json').compilerOptions.paths,
        },
        module: { type: 'commonjs' },
      },
    ],
  },
  setupFiles: ['reflect-metadata'],
  globalSetup: '<rootDir>/test/support/global-setup.ts',
  globalTeardown: '<rootDir>/test/support/global-teardown.ts',
  maxWorkers: embedded ? 1 : 2,
  testTimeout: 60_000,
  verbose: false,
  reporters: ['default', '<rootDir>/test/support/summary-reporter.js'],
};
