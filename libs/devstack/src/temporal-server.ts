/**
 * Runs the Temporal **server** (the production cluster binary, `go.temporal.io/server/cmd/server`) on PostgreSQL,
 * all services in one process, for the national-scale benchmark (`npm run bench:scale`). The dev server's SQLite
 * store stalls near a thousand concurrent workflows; this is the engine a province-wide deployment runs.
 *
 * Binaries: `scripts/setup-temporal-server.sh` builds `temporal-server` and `temporal-sql-tool` with `go install`
 * into tools/go/bin and copies the server's SQL schema next to them (tools/go/temporal-schema). Override with
 * TEMPORAL_SERVER_PATH / TEMPORAL_SQL_TOOL_PATH / TEMPORAL_SCHEMA_DIR.
 *
 * Steps: create the `temporal` and `temporal_visibility` databases (as the PostgreSQL superuser given), set up and
 * update their schemas with the SQL tool, write a config file, start the server, register the namespace and the
 * product's custom search attributes, and wait until the frontend answers.
 */
import { ChildProcess, execFileSync, spawn } from 'child_process';
import { createWriteStream, existsSync, mkdirSync, writeFileSync } from 'fs';
import { join } from 'path';
import { Client as PgClient } from 'pg';
import { Connection } from '@temporalio/client';
import { msToTs } from '@temporalio/common/lib/time';
import { temporal } from '@temporalio/proto';
import { isPortOpen } from './free-port';
import { SEARCH_ATTRIBUTES, stopChild, temporalReachable } from './temporal-dev-server';
import { projectRoot } from './tool-paths';

export const TEMPORAL_SERVER_VERSION = '1.29.1';

export interface TemporalServerOptions {
  /** A PostgreSQL superuser URL (any database); the server's databases are created beside it. */
  adminUrl: string;
  /** Folder for the config, dynamic config and log. */
  dir: string;
  namespace?: string;
  /** History shards: fixed for the life of a cluster. 4 is enough for one machine; production uses 512+. */
  shards?: number;
  /** Connections the history/matching stores may open. */
  maxConns?: number;
  log?: (line: string) => void;
}

export interface TemporalServerHandle {
  address: string;
  process: ChildProcess;
  stop(): Promise<void>;
}

export function temporalServerTools(): { server: string; sqlTool: string; schemaDir: string } {
  const bin = join(projectRoot(), 'tools/go/bin');
  const server = process.env.TEMPORAL_SERVER_PATH ?? join(bin, 'temporal-server');
  const sqlTool = process.env.TEMPORAL_SQL_TOOL_PATH ?? join(bin, 'temporal-sql-tool');
  const schemaDir = process.env.TEMPORAL_SCHEMA_DIR ?? join(projectRoot(), 'tools/go/temporal-schema');
  for (const [what, p] of [
    ['temporal-server', server],
    ['temporal-sql-tool', sqlTool],
    ['schema folder', schemaDir],
  ] as const) {
    if (!existsSync(p)) throw new Error(`${what} not found at ${p}: run bash scripts/setup-temporal-server.sh (go install go.temporal.io/server@v${TEMPORAL_SERVER_VERSION}, about 4 minutes)`);
  }
  return { server, sqlTool, schemaDir };
}

function parsePg(url: string): { host: string; port: string; user: string; password: string } {
  const u = new URL(url);
  return { host: u.hostname, port: u.port || '5432', user: decodeURIComponent(u.username), password: decodeURIComponent(u.password) };
}

async function ensureDatabase(adminUrl: string, name: string): Promise<void> {
  const c = new PgClient({ connectionString: adminUrl });
  await c.connect();
  try {
    const r = await c.query('SELECT 1 FROM pg_database WHERE datname = $1', [name]);
    if (r.rowCount === 0) await c.query(`CREATE DATABASE "${name}"`);
  } finally {
    await c.end();
  }
}

function setupSchema(sqlTool: string, pg: ReturnType<typeof parsePg>, database: string, versionedDir: string): void {
  const base = ['--plugin', 'postgres12', '--ep', pg.host, '-p', pg.port, '-u', pg.user, '--pw', pg.password, '--db', database];
  // setup-schema -v 0.0 creates the version table only; update-schema applies every versioned step (idempotent).
  execFileSync(sqlTool, [...base, 'setup-schema', '-v', '0.0'], { stdio: 'pipe' });
  execFileSync(sqlTool, [...base, 'update-schema', '-d', versionedDir], { stdio: 'pipe' });
}

function configYaml(pg: ReturnType<typeof parsePg>, ports: Record<string, number>, shards: number, maxConns: number, dynamicConfig: string): string {
  const store = (db: string, conns: number) => `
      sql:
        pluginName: "postgres12"
        databaseName: "${db}"
        connectAddr: "${pg.host}:${pg.port}"
        connectProtocol: "tcp"
        user: "${pg.user}"
        password: "${pg.password.replace(/"/g, '\\"')}"
        maxConns: ${conns}
        maxIdleConns: ${conns}
        maxConnLifetime: "1h"`;
  const svc = (name: string, grpc: number, membership: number, http?: number) => `
  ${name}:
    rpc:
      grpcPort: ${grpc}
      membershipPort: ${membership}
      bindOnLocalHost: true${http ? `\n      httpPort: ${http}` : ''}`;
  return `log:
  stdout: true
  level: warn
persistence:
  defaultStore: default
  visibilityStore: visibility
  numHistoryShards: ${shards}
  datastores:
    default:${store('temporal', maxConns)}
    visibility:${store('temporal_visibility', 4)}
global:
  membership:
    maxJoinDuration: 30s
    broadcastAddress: "127.0.0.1"
services:${svc('frontend', ports.frontend, ports.frontendM, ports.http)}${svc('matching', ports.matching, ports.matchingM)}${svc('history', ports.history, ports.historyM)}${svc('worker', ports.worker, ports.workerM)}
clusterMetadata:
  enableGlobalNamespace: false
  failoverVersionIncrement: 10
  masterClusterName: "active"
  currentClusterName: "active"
  clusterInformation:
    active:
      enabled: true
      initialFailoverVersion: 1
      rpcName: "frontend"
      rpcAddress: "127.0.0.1:${ports.frontend}"
dcRedirectionPolicy:
  policy: "noop"
dynamicConfigClient:
  filepath: "${dynamicConfig}"
  pollInterval: "60s"
`;
}

export async function startTemporalServer(opts: TemporalServerOptions): Promise<TemporalServerHandle> {
  const { server, sqlTool, schemaDir } = temporalServerTools();
  const log = opts.log ?? (() => undefined);
  const namespace = opts.namespace ?? 'default';
  const pg = parsePg(opts.adminUrl);
  mkdirSync(join(opts.dir, 'config'), { recursive: true });
  for (const [db, kind] of [
    ['temporal', 'temporal'],
    ['temporal_visibility', 'visibility'],
  ] as const) {
    await ensureDatabase(opts.adminUrl, db);
    log(`schema ${db}`);
    setupSchema(sqlTool, pg, db, join(schemaDir, 'postgresql/v12', kind, 'versioned'));
  }
  const ports: Record<string, number> = {};
  // Membership ports are stored in a smallint column: pick every port below 32768 (the OS's ephemeral range
  // starts above it), from a random offset so two runs do not collide.
  let next = 20000 + Math.floor(Math.random() * 10000);
  for (const k of ['frontend', 'frontendM', 'http', 'matching', 'matchingM', 'history', 'historyM', 'worker', 'workerM']) {
    while (await isPortOpen(next)) next++;
    ports[k] = next++;
  }
  const dynamicConfig = join(opts.dir, 'config/dynamicconfig.yaml');
  // Defaults, except: let the system worker's namespace registration be immediate, and keep the SQL visibility
  // store's search attribute limits (the product registers four).
  writeFileSync(dynamicConfig, 'system.forceSearchAttributesCacheRefreshOnRead:\n  - value: true\n    constraints: {}\n');
  writeFileSync(join(opts.dir, 'config/scale.yaml'), configYaml(pg, ports, opts.shards ?? 4, opts.maxConns ?? 20, dynamicConfig));
  const out = createWriteStream(join(opts.dir, 'temporal-server.log'), { flags: 'a' });
  const child = spawn(server, ['--root', opts.dir, '--config', 'config', '--env', 'scale', '--allow-no-auth', 'start'], { stdio: ['ignore', 'pipe', 'pipe'] });
  child.stdout?.pipe(out);
  child.stderr?.pipe(out);
  let exited: number | null = null;
  child.on('exit', (code) => (exited = code ?? -1));
  const address = `127.0.0.1:${ports.frontend}`;
  const deadline = Date.now() + 120_000;
  let conn: Connection | undefined;
  try {
    for (;;) {
      if (exited !== null) throw new Error(`temporal-server exited with code ${exited}; see ${join(opts.dir, 'temporal-server.log')}`);
      try {
        conn = await Connection.connect({ address, connectTimeout: 1000 });
        await conn.workflowService.getSystemInfo({});
        break;
      } catch {
        await conn?.close().catch(() => undefined);
        conn = undefined;
      }
      if (Date.now() > deadline) throw new Error(`temporal-server did not answer on ${address} within 120 s`);
      await new Promise((r) => setTimeout(r, 500));
    }
    try {
      await conn.workflowService.registerNamespace({ namespace, workflowExecutionRetentionPeriod: msToTs('3 days') });
    } catch (e) {
      if (!/already exists/i.test(String((e as Error).message))) throw e;
    }
    const types = temporal.api.enums.v1.IndexedValueType;
    const searchAttributes: Record<string, temporal.api.enums.v1.IndexedValueType> = {};
    for (const [name, type] of Object.entries(SEARCH_ATTRIBUTES)) {
      searchAttributes[name] = { Keyword: types.INDEXED_VALUE_TYPE_KEYWORD, Int: types.INDEXED_VALUE_TYPE_INT, Text: types.INDEXED_VALUE_TYPE_TEXT, Bool: types.INDEXED_VALUE_TYPE_BOOL, Datetime: types.INDEXED_VALUE_TYPE_DATETIME }[type];
    }
    // Namespace registration reaches every service through the namespace cache (refreshed every ~10 s).
    for (;;) {
      try {
        await conn.operatorService.addSearchAttributes({ namespace, searchAttributes });
        break;
      } catch (e) {
        if (/already exists/i.test(String((e as Error).message))) break;
        if (Date.now() > deadline) throw e;
        await new Promise((r) => setTimeout(r, 1000));
      }
    }
    while (!(await temporalReachable(address, namespace))) {
      if (Date.now() > deadline) throw new Error(`namespace ${namespace} not ready on ${address}`);
      await new Promise((r) => setTimeout(r, 500));
    }
  } catch (e) {
    child.kill('SIGKILL');
    throw e;
  } finally {
    await conn?.close().catch(() => undefined);
  }
  return { address, process: child, stop: () => stopChild(child) };
}
