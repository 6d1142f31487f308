// Lint: TypeScript rules everywhere; workflows/ must stay deterministic (Temporal replays them).
const tseslint = require('typescript-eslint');
const { builtinModules } = require('module');

const nodeBuiltins = [...builtinModules, ...builtinModules.map((m) => `node:${m}`)];

module.exports = tseslint.config(
  { ignores: ['dist/**', 'node_modules/**', 'tools/**', '.data/**', 'coverage/**', '**/*.js'] },
  ...tseslint.configs.recommended,
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
            { group: ['**/libs/persistence', '**/libs/persistence/**', '**/libs/templates/**', '**/activities/**', '**/apps/**'], message: 'workflows/ depends on libs/domain only.' },
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
