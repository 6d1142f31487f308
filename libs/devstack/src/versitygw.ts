/**
 * Runs the Versity S3 Gateway (Apache-2.0; `versitygw --port 127.0.0.1:P posix DIR`) as a real S3-compatible
 * server over a local folder, for the e2e tests and the embedded start. Built by scripts/setup.sh into
 * tools/go/bin; VERSITYGW_PATH points elsewhere.
 */
import { spawn } from 'child_process';
import { createWriteStream, existsSync, mkdirSync } from 'fs';
import { request } from 'http';
import { dirname, join } from 'path';
import { stopChild } from './temporal-dev-server';
import { projectRoot } from './tool-paths';

export const VERSITYGW_VERSION = 'v1.8.0';

export interface VersityOptions {
  port: number;
  dir: string;
  accessKey: string;
  secretKey: string;
  logFile?: string;
}

export interface VersityHandle {
  endpoint: string;
  accessKey: string;
  secretKey: string;
  stop(): Promise<void>;
}

export function resolveVersityGw(): string | undefined {
  const fromEnv = process.env.VERSITYGW_PATH;
  if (fromEnv) {
    if (!existsSync(fromEnv)) throw new Error(`VERSITYGW_PATH=${fromEnv} does not exist`);
    return fromEnv;
  }
  const local = join(projectRoot(), 'tools/go/bin/versitygw');
  return existsSync(local) ? local : undefined;
}

export async function startVersityGw(opts: VersityOptions): Promise<VersityHandle> {
  const bin = resolveVersityGw();
  if (!bin) {
    throw new Error(`Versity S3 Gateway not found: run scripts/setup.sh (go install github.com/versity/versitygw/cmd/versitygw@${VERSITYGW_VERSION} into tools/go/bin) or set VERSITYGW_PATH`);
  }
  mkdirSync(opts.dir, { recursive: true });
  const args = ['--port', `127.0.0.1:${opts.port}`, 'posix', opts.dir];
  const child = spawn(bin, args, { stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, ROOT_ACCESS_KEY: opts.accessKey, ROOT_SECRET_KEY: opts.secretKey } });
  let output = '';
  const keep = (b: Buffer) => (output = (output + b.toString()).slice(-4000));
  child.stdout?.on('data', keep);
  child.stderr?.on('data', keep);
  if (opts.logFile) {
    mkdirSync(dirname(opts.logFile), { recursive: true });
    const out = createWriteStream(opts.logFile, { flags: 'a' });
    child.stdout?.pipe(out);
    child.stderr?.pipe(out);
  }
  let exited: number | null = null;
  child.on('exit', (code) => (exited = code ?? -1));
  const endpoint = `http://127.0.0.1:${opts.port}`;
  const deadline = Date.now() + 30_000;
  for (;;) {
    if (exited !== null) throw new Error(`versitygw exited with code ${exited} (${bin} ${args.join(' ')}): ${output.trim().slice(-1000)}`);
    if (await answers(endpoint)) break;
    if (Date.now() > deadline) {
      child.kill('SIGKILL');
      throw new Error(`versitygw did not answer on ${endpoint} within 30 s: ${output.trim().slice(-1000)}`);
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  return { endpoint, accessKey: opts.accessKey, secretKey: opts.secretKey, stop: () => stopChild(child) };
}

/** Any HTTP answer (an unauthenticated request gets 403) means the gateway is up. */
function answers(endpoint: string): Promise<boolean> {
  return new Promise((res) => {
    const req = request(endpoint, { method: 'GET', timeout: 1000 }, (r) => {
      r.resume();
      res(true);
    });
    req.on('error', () => res(false));
    req.on('timeout', () => {
      req.destroy();
      res(false);
    });
    req.end();
  });
}
