/** Benchmarks (printed numbers, never pass/fail on time): `npm run budget:web`. Same real stack as the browser tests. */
const { join } = require('path');
const base = require('../jest.config.js').projects.find((p) => p.displayName === 'browser');
const rootDir = join(__dirname, '..');

module.exports = {
  rootDir,
  testTimeout: 600000,
  projects: [{ ...base, rootDir, displayName: 'bench', testMatch: ['<rootDir>/bench/**/*.bench.ts'] }],
};
