// Lint: TypeScript rules everywhere; workflows/ must stay deterministic (Temporal replays them); module boundaries
// (eco/boundaries below): apps/* → activities/ → libs/* through `@eco/<lib>` barrels, workflows/ → @eco/domain and
// @eco/contracts only, libs along the table LIB_DEPS (acyclic), dev tooling (@eco/devstack) never in app code.
const tseslint = require('typescript-eslint');
const { builtinModules } = require('module');
const path = require('path');

const nodeBuiltins = [...builtinModules, ...builtinModules.map((m) => `node:${m}`)];

const ROOT = __dirname;
/** Which libraries each library may import (its barrel only). Acyclic: a barrel never reaches back into itself. */
const LIB_DEPS = {
  domain: [],
  contracts: ['domain'],
  config: ['domain'],
  observability: [],
  storage: [],
  templates: ['domain'],
  notifications: ['domain'],
  persistence: ['domain', 'contracts', 'config'],
  backup: ['persistence', 'config', 'storage', 'observability'],
  devstack: ['contracts'],
};
/** Pure libraries: the workflow bundle and the browser may import only these. */
const WORKFLOW_LIBS = ['domain', 'contracts'];
const WEB_LIBS = ['domain'];
/** The embedded start/dev and backup/restore scripts run the dev servers: the only non-test code importing @eco/devstack. */
const DEVSTACK_USERS = ['scripts/start-stack.ts', 'scripts/backup.ts', 'scripts/restore.ts'];

/** 'libs/<x>', 'apps/<a>', or the top folder (activities, workflows, test, scripts, bench) of a repository path. */
function ownerOf(rel) {
  const parts = rel.split('/');
  return parts[0] === 'libs' || parts[0] === 'apps' ? `${parts[0]}/${parts[1]}` : parts[0];
}

const boundaries = {
  meta: { type: 'problem', schema: [] },
  create(context) {
    const file = path.relative(ROOT, context.filename).split(path.sep).join('/');
    const mine = ownerOf(file);
    const isSpec = /\.spec\.tsx?$/.test(file);
    const check = (node, spec) => {
      if (typeof spec !== 'string') return;
      const say = (message) => context.report({ node, message: `${spec}: ${message}` });
      const eco = /^@eco\/([^/]+)(\/.*)?$/.exec(spec);
      if (eco) {
        const lib = eco[1];
        if (eco[2]) return say('import the barrel `@eco/' + lib + '`, not a path inside it');
        if (!(lib in LIB_DEPS)) return say('unknown library');
        if (mine === `libs/${lib}`) return say('a library imports its own modules relatively, never its own barrel (cycle)');
        if (lib === 'devstack' && !/^(test|bench)\//.test(file) && !DEVSTACK_USERS.includes(file)) {
          return say('dev tooling is for the start/backup scripts, tests and benchmarks, never for app code');
        }
        if (mine === 'workflows' && !WORKFLOW_LIBS.includes(lib)) return say('workflows/ import only @eco/domain and @eco/contracts');
        if (mine === 'apps/web' && !WEB_LIBS.includes(lib)) return say('the browser imports only the pure @eco/domain');
        if (mine.startsWith('libs/') && !isSpec && !LIB_DEPS[mine.slice(5)].includes(lib)) {
          return say(`${mine} may import ${LIB_DEPS[mine.slice(5)].map((l) => '@eco/' + l).join(', ') || 'no other library'} (LIB_DEPS in eslint.config.js)`);
        }
        return;
      }
      if (!spec.startsWith('.')) return;
      const target = path.relative(ROOT, path.resolve(path.dirname(context.filename), spec)).split(path.sep).join('/');
      const theirs = ownerOf(target);
      if (theirs === mine) return;
      if (isSpec && theirs === 'test') return; // specs beside the code may use the shared fixtures and drivers under test/
      if (theirs.startsWith('libs/') && /^libs\/[^/]+\/src(\/|$)/.test(target)) return say(`import @eco/${theirs.slice(5)} (the barrel), not a path into ${theirs}`);
      if (mine === 'workflows') return say('workflows/ import only @eco/domain and @eco/contracts');
      if (mine.startsWith('libs/') && ['apps', 'activities', 'workflows'].includes(theirs.split('/')[0])) return say('libraries never import apps, activities or workflows');
      if (mine === 'activities' && ['apps', 'workflows'].includes(theirs.split('/')[0])) return say('activities never import apps or workflows');
      if (mine.startsWith('apps/') && !['activities', 'scripts'].includes(theirs)) return say('apps import activities/ and @eco/* barrels only');
    };
    const firstArg = (n) => (n.arguments[0] && n.arguments[0].type === 'Literal' ? n.arguments[0].value : undefined);
    return {
      ImportDeclaration: (n) => check(n, n.source.value),
      ExportAllDeclaration: (n) => check(n, n.source.value),
      ExportNamedDeclaration: (n) => n.source && check(n, n.source.value),
      ImportExpression: (n) => n.source.type === 'Literal' && check(n, n.source.value),
      CallExpression(n) {
        const c = n.callee;
        const isRequire = c.type === 'Identifier' && c.name === 'require';
        const isJest = c.type === 'MemberExpression' && c.object.type === 'Identifier' && c.object.name === 'jest' && c.property.type === 'Identifier' && ['mock', 'requireActual', 'doMock'].includes(c.property.name);
        if (isRequire || isJest) check(n, firstArg(n));
      },
    };
  },
};

module.exports = tseslint.config(
  { ignores: ['dist/**', 'node_modules/**', 'tools/**', '.data/**', 'coverage/**', '**/*.js'] },
  ...tseslint.configs.recommended,
  {
    files: ['apps/**/*.{ts,tsx}', 'activities/**/*.ts', 'workflows/**/*.ts', 'libs/**/*.ts', 'scripts/**/*.ts', 'bench/**/*.ts', 'test/**/*.ts'],
    plugins: { eco: { rules: { boundaries } } },
    rules: { 'eco/boundaries': 'error' },
  },
  {
    rules: {
      '@typescript-eslint/no-explicit-any': 'off',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
    },
  },
  {
    files: ['workflows/**/*.ts', 'bench/**/*.workflow.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: nodeBuiltins.map((name) => ({ name, message: 'Workflow code is deterministic: no Node built-ins.' })),
          patterns: [
            { group: ['typeorm', 'typeorm/*', 'pg', 'pg/*'], message: 'Workflow code must not touch the database.' },
            { group: ['@nestjs/*'], message: 'Workflow code must not import NestJS.' },
            {
              group: ['@temporalio/client', '@temporalio/worker', '@temporalio/activity', '@temporalio/testing'],
              message: 'Workflows import only @temporalio/workflow (and @temporalio/common).',
            },
            { group: ['**/libs/**', '**/activities/**', '**/apps/**'], message: 'workflows/ import only @eco/domain and @eco/contracts (eco/boundaries).' },
          ],
        },
      ],
    },
  },
  {
    files: ['libs/domain/**/*.ts'],
    ignores: ['libs/domain/**/*.spec.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: nodeBuiltins.map((name) => ({ name, message: 'libs/domain is pure: workflows import it.' })),
          patterns: [{ group: ['typeorm', 'pg', '@nestjs/*', '@temporalio/client', '@temporalio/worker', '@temporalio/activity'], message: 'libs/domain is pure.' }],
        },
      ],
    },
  },
);
