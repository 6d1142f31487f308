import 'reflect-metadata';
import cluster, { type Worker } from 'cluster';
import type { Server } from 'http';
import { type AppConfig, loadConfigOrExit } from '@eco/config';
import { serviceLogger } from '@eco/observability';
import { appRoleOf, runMigrations } from '@eco/persistence';
import { createApiApp } from './bootstrap';

const log = serviceLogger('api');

async function main(): Promise<void> {
  const config = loadConfigOrExit();
  // API_PROCESSES > 1: this process is the cluster's primary (migrations, then the serving processes); see primary().
  if (config.API_PROCESSES > 1 && cluster.isPrimary) return primary(config);
  if (config.RUN_MIGRATIONS && !cluster.isWorker) await migrate(config);
  const app = await createApiApp(config);
  await app.listen(config.API_PORT, config.API_HOST);
  log.info({ host: config.API_HOST, port: config.API_PORT, process: cluster.isWorker ? cluster.worker?.id : undefined }, `API listening on http://${config.API_HOST}:${config.API_PORT}/api (docs: /api/docs)`);

  // Graceful shutdown: Nest's shutdown hooks (enableShutdownHooks) stop accepting connections and wait for the
  // requests in flight; after SHUTDOWN_GRACE_MS the remaining connections are closed, and the process exits.
  const server = app.getHttpServer() as Server;
  for (const sig of ['SIGTERM', 'SIGINT'] as const) {
    process.once(sig, () => {
      log.info({ signal: sig, graceMs: config.SHUTDOWN_GRACE_MS }, 'shutting down: draining in-flight requests');
      setTimeout(() => {
        log.warn('grace period over: closing remaining connections');
        server.closeAllConnections();
      }, config.SHUTDOWN_GRACE_MS).unref();
      setTimeout(() => process.exit(1), config.SHUTDOWN_GRACE_MS + 5000).unref();
    });
  }
}

/**
 * API_PROCESSES > 1: one Node process uses one core; the API's work per request is CPU (routing, auth, serialising),
 * so N processes share API_PORT (node:cluster: this primary accepts the connections and hands them round robin to
 * the serving processes). The primary runs the migrations once, forks the N, restarts one that dies (at once after a
 * stable run, with a growing pause when it keeps dying at start), and passes SIGTERM/SIGINT on: each drains its
 * requests as a single process does, and the primary exits when all have.
 */
async function primary(config: AppConfig): Promise<void> {
  if (config.RUN_MIGRATIONS) await migrate(config);
  log.info({ processes: config.API_PROCESSES }, `API: ${config.API_PROCESSES} processes on port ${config.API_PORT}`);
  let stopping = false;
  const started = new Map<number, number>();
  let backoffMs = 500;
  const fork = (): void => {
    const w = cluster.fork();
    started.set(w.id, Date.now());
  };
  cluster.on('exit', (w: Worker, code, signal) => {
    const ranMs = Date.now() - (started.get(w.id) ?? Date.now());
    started.delete(w.id);
    if (stopping) {
      if (Object.keys(cluster.workers ?? {}).length === 0) process.exit(0);
      return;
    }
    log.error({ process: w.id, code, signal, ranMs }, 'an API process exited: starting another');
    const stable = ranMs > 30_000;
    const wait = stable ? 0 : backoffMs;
    backoffMs = stable ? 500 : Math.min(backoffMs * 2, 30_000);
    setTimeout(fork, wait).unref();
  });
  for (let i = 0; i < config.API_PROCESSES; i++) fork();
  for (const sig of ['SIGTERM', 'SIGINT'] as const) {
    process.once(sig, () => {
      stopping = true;
      log.info({ signal: sig }, 'shutting down the API processes');
      const workers = Object.values(cluster.workers ?? {}).filter((w): w is Worker => !!w);
      if (!workers.length) process.exit(0);
      // passed on as SIGTERM: a terminal's Ctrl-C has sent SIGINT to the whole group already, and a second SIGINT
      // would find no handler left in a process already draining (each handles one SIGINT and one SIGTERM)
      for (const w of workers) if (!w.isDead()) w.process.kill('SIGTERM');
      setTimeout(() => process.exit(1), config.SHUTDOWN_GRACE_MS + 6000).unref();
    });
  }
}

/** The schema migrations, as the owner role (MIGRATION_DATABASE_URL), granting the app's role what it needs. */
async function migrate(config: AppConfig): Promise<void> {
  const owner = config.MIGRATION_DATABASE_URL ?? config.DATABASE_URL;
  await runMigrations(owner, appRoleOf(config.DATABASE_URL, owner));
}

main().catch((e) => {
  log.fatal({ err: e }, 'API failed to start');
  setTimeout(() => process.exit(1), 100);
});
