/** Jest projects: unit (pure code, *.spec.ts beside the code), workflow (time-skipping Temporal test
 * server), replay (committed histories), e2e (real PostgreSQL + real Temporal dev server + HTTP API), browser (Chromium via playwright-core against the same
 * real stack with the API serving the built web application). */
const tsJest = ['ts-jest', { diagnostics: false }];
// `@eco/<lib>` → libs/<lib>/src/index.ts, from tsconfig.json's paths (scripts/aliases.js)
const moduleNameMapper = require('./scripts/aliases').moduleNameMapper();
const base = { testEnvironment: 'node', transform: { '^.+\\.ts$': tsJest }, moduleFileExtensions: ['ts', 'js', 'json'], moduleNameMapper };

module.exports = {
  testTimeout: 120000,
  projects: [
    { ...base, displayName: 'unit', testMatch: ['<rootDir>/{apps,libs,activities,workflows,scripts}/**/*.spec.ts', '<rootDir>/test/unit/**/*.spec.ts'] },
    {
      ...base,
      displayName: 'workflow',
      testMatch: ['<rootDir>/test/workflow/**/*.test.ts'],
      globalSetup: '<rootDir>/test/setup/workflow-global-setup.ts',
    },
    { ...base, displayName: 'replay', testMatch: ['<rootDir>/test/replay/**/*.test.ts'] },
    {
      ...base,
      displayName: 'e2e',
      // test/fuzz (schemathesis over the OpenAPI) runs against the same real stack as the e2e tests
      testMatch: ['<rootDir>/test/e2e/**/*.e2e.ts', '<rootDir>/test/fuzz/**/*.fuzz.ts'],
      globalSetup: '<rootDir>/test/setup/e2e-global-setup.ts',
      globalTeardown: '<rootDir>/test/setup/e2e-global-teardown.ts',
    },
    {
      ...base,
      displayName: 'chaos',
      testMatch: ['<rootDir>/test/chaos/**/*.test.ts'],
      globalSetup: '<rootDir>/test/setup/chaos-global-setup.ts',
      globalTeardown: '<rootDir>/test/setup/chaos-global-teardown.ts',
    },
    {
      ...base,
      displayName: 'browser',
      testMatch: ['<rootDir>/test/browser/**/*.browser.ts'],
      // Node's, plus a dump of what the pages showed when a test fails
      testEnvironment: '<rootDir>/test/browser/environment.ts',
      globalSetup: '<rootDir>/test/browser/browser-global-setup.ts',
      globalTeardown: '<rootDir>/test/browser/browser-global-teardown.ts',
    },
  ],
};
