/**
 * Jest's globalSetup/globalTeardown modules run outside the test module registry, so `moduleNameMapper` does not
 * apply to them: they import this first, which resolves `@eco/<lib>` to the TypeScript barrels (scripts/aliases.js).
 */
// eslint-disable-next-line @typescript-eslint/no-require-imports
require('../../scripts/aliases').registerSourceAliases();
