/**
 * How the campaign workflows are bundled (webpack, by @temporalio/worker): the entry (`workflows/`) and the `@eco/*`
 * aliases workflow code may use — @eco/domain and @eco/contracts only (lint-enforced). The aliases point at the
 * barrels next to this file's tree: libs/<lib>/src/index.ts under ts-jest, dist/libs/<lib>/src/index.js when compiled.
 * The worker, the tests, the start script and the benchmarks all bundle through here.
 */
import { bundleWorkflowCode, type BundleOptions, type WorkflowBundleWithSourceMap } from '@temporalio/worker';
import { join } from 'path';

const TREE = join(__dirname, '../../..');
/** The libraries workflow code may import (pure; the bundle must not pull Node-only code). */
export const WORKFLOW_LIBS = ['domain', 'contracts'] as const;

/** Path of the workflows entry (workflows/index.ts under ts-jest, dist/workflows/index.js when compiled). */
export function workflowsPath(): string {
  return require.resolve('../../../workflows');
}

type WebpackConfig = Parameters<NonNullable<BundleOptions['webpackConfigHook']>>[0];

/** webpackConfigHook: resolves `@eco/domain` / `@eco/contracts` to their barrels. */
export function workflowWebpackHook(config: WebpackConfig): WebpackConfig {
  const resolve = config.resolve ?? {};
  const alias = Array.isArray(resolve.alias) ? {} : { ...(resolve.alias ?? {}) };
  for (const lib of WORKFLOW_LIBS) (alias as Record<string, string>)[`@eco/${lib}$`] = join(TREE, 'libs', lib, 'src', 'index');
  return { ...config, resolve: { ...resolve, alias } };
}

const quiet = { log() {}, info() {}, warn() {}, error: console.error, debug() {}, trace() {} };

/** Bundles workflows/ once (tests, the start script and benchmarks hand the result to the worker). */
export function bundleCampaignWorkflows(logger: BundleOptions['logger'] = quiet as never): Promise<WorkflowBundleWithSourceMap> {
  return bundleWorkflowCode({ workflowsPath: workflowsPath(), webpackConfigHook: workflowWebpackHook, logger });
}
