/**
 * Chaos suite global setup: a REAL PostgreSQL (embedded, with the owner/app roles and migrations, as the e2e setup)
 * and the workflow code bundled once to a file, so the worker processes the suite kills and restarts start polling
 * at once. The Temporal dev server, worker and API are started (and killed) by the suite itself.
 */
import './aliases'; // first: @eco/* for global setup code (outside jest's moduleNameMapper)
import { bundleCampaignWorkflows } from '../../apps/worker/src/workflow-bundle';
import { mkdirSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import { startEmbeddedPostgres, freePort } from '@eco/devstack';
import { runMigrations, DEV_ROLES, provisionRoles } from '@eco/persistence';
import { seedOrganizationsAt } from '../../scripts/seed-organizations';

export const CHAOS_STACK_FILE = join(__dirname, '../../.data/chaos-stack.json');

export interface ChaosStack {
  databaseUrl: string;
  appUrl: string;
  ownerUrl: string;
  bundlePath: string;
  workDir: string;
}

export default async function setup(): Promise<void> {
  const workDir = join(tmpdir(), `eco-chaos-${process.pid}`);
  mkdirSync(workDir, { recursive: true });
  const pg = await startEmbeddedPostgres({ dataDir: join(workDir, 'pg'), port: await freePort(), database: 'eco_chaos', ephemeral: true });
  (globalThis as any).__ECO_CHAOS__ = pg;
  try {
    const roles = await provisionRoles(pg.url, DEV_ROLES);
    await runMigrations(roles.ownerUrl, DEV_ROLES.app.name);
    await seedOrganizationsAt(roles.appUrl);
    const bundle = await bundleCampaignWorkflows();
    const bundlePath = join(workDir, 'workflow-bundle.js');
    writeFileSync(bundlePath, bundle.code);
    const stack: ChaosStack = { databaseUrl: pg.url, appUrl: roles.appUrl, ownerUrl: roles.ownerUrl, bundlePath, workDir };
    mkdirSync(join(CHAOS_STACK_FILE, '..'), { recursive: true });
    writeFileSync(CHAOS_STACK_FILE, JSON.stringify(stack, null, 2));
  } catch (e) {
    await pg.stop().catch(() => undefined);
    throw new Error(`chaos stack could not start (a real PostgreSQL is required): ${e instanceof Error ? e.message : String(e)}`);
  }
}
