/** Benchmarks (printed numbers, never pass/fail on time): `npm run budget:web`. Same real stack as the browser tests. */
const base = require('../jest.config.js').projects.find((p) => p.displayName === 'browser');

module.exports = {
  rootDir: '..',
  testTimeout: 600000,
  projects: [{ ...base, displayName: 'bench', testMatch: ['<rootDir>/bench/**/*.bench.ts'] }],
};
