/**
 * Unit specs live beside the code (src/**\/*.spec.ts), and beside the test kits they prove
 * (test/support/**\/*.spec.ts); e2e specs in test/e2e against real Postgres and Redis.
 */
const swc = ['@swc/jest', {
  jsc: {
    parser: { syntax: 'typescript', decorators: true },
    transform: { legacyDecorator: true, decoratorMetadata: true },
    target: 'es2022',
  },
  module: { type: 'commonjs' },
}];

const shared = {
  transform: { '^.+\\.ts$': swc },
  moduleFileExtensions: ['ts', 'js', 'json'],
  testEnvironment: 'node',
};

module.exports = {
  // Recycle a worker before it grows: the earlier codebase's suite died of heap exhaustion.
  workerIdleMemoryLimit: '512MB',
  maxWorkers: 2,
  // e2e hooks boot whole apps; on a loaded 2-core machine that can take longer than Jest's 5 s default.
  testTimeout: 30_000,
  coverageProvider: 'v8',
  // Production code only: test kits live under test/ and are not counted.
  collectCoverageFrom: ['src/**/*.ts', 'scripts/**/*.ts', '!src/generated/**', '!**/*.spec.ts', '!src/main.ts', '!src/worker.ts'],
  coverageReporters: ['text-summary', 'lcov'],
  coverageThreshold: { global: { lines: 80 } },
  projects: [
    { ...shared, displayName: 'unit', testMatch: ['<rootDir>/src/**/*.spec.ts', '<rootDir>/scripts/**/*.spec.ts', '<rootDir>/test/support/**/*.spec.ts'] },
    {
      ...shared,
      displayName: 'e2e',
      testMatch: ['<rootDir>/test/e2e/**/*.e2e-spec.ts'],
      globalSetup: '<rootDir>/test/support/global-setup.ts',
      globalTeardown: '<rootDir>/test/support/global-teardown.ts',
      setupFiles: ['<rootDir>/test/support/env.ts'],
    },
  ],
};
