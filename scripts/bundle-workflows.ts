/**
 * `node dist/scripts/bundle-workflows.js [out]`: bundles the compiled workflow code (dist/workflows) once, to `out`
 * (default dist/workflow-bundle.js). A worker started with WORKFLOW_BUNDLE_PATH pointing at it loads the bundle
 * instead of running webpack at every start — the start-up a restarted worker spends before a campaign answers
 * again (issue 14 item 4). The Docker image's worker does this; scripts/start.sh and the benchmarks bundle the same
 * way into their data folder.
 */
import { bundleWorkflowCode } from '@temporalio/worker';
import { mkdirSync, writeFileSync } from 'fs';
import { dirname, join, resolve } from 'path';

const quiet = { log() {}, info() {}, warn() {}, error: console.error, debug() {}, trace() {} };

/** Bundles dist/workflows (resolved from this compiled file's tree) and writes the code to `out`. */
export async function writeWorkflowBundle(out: string): Promise<{ path: string; bytes: number }> {
  const workflows = require.resolve(join(__dirname, '../workflows'));
  const bundle = await bundleWorkflowCode({ workflowsPath: workflows, logger: quiet as never });
  mkdirSync(dirname(out), { recursive: true });
  writeFileSync(out, bundle.code);
  return { path: out, bytes: Buffer.byteLength(bundle.code) };
}

if (require.main === module) {
  const out = resolve(process.argv[2] ?? join(__dirname, '../workflow-bundle.js'));
  writeWorkflowBundle(out).then(
    (b) => process.stdout.write(`workflow bundle written to ${b.path} (${Math.round(b.bytes / 1024)} KB)\n`),
    (e) => {
      console.error(e);
      process.exit(1);
    },
  );
}
