import { spawn } from 'child_process';
import { tmpdir } from 'os';
import { join } from 'path';
import { freePort } from '@eco/devstack';

export interface OwnPostgres {
  url: string;
  /** Stops the server (fast shutdown: the sessions of connected clients are terminated) and removes its data. */
  stop(): Promise<void>;
}

/** Starts a real PostgreSQL server for this test alone (postgres-child.js), to stop it under a running app. */
export async function startOwnPostgres(): Promise<OwnPostgres> {
  const port = await freePort();
  const child = spawn(process.execPath, [join(__dirname, 'postgres-child.js'), join(tmpdir(), `eco-own-pg-${process.pid}-${port}`), String(port)], { stdio: ['pipe', 'pipe', 'pipe'] });
  let out = '';
  let err = '';
  child.stderr.on('data', (b) => (err += b));
  const exited = new Promise<void>((r) => child.once('exit', () => r()));
  const url = await new Promise<string>((resolve, reject) => {
    child.stdout.on('data', (b) => {
      out += b;
      const line = out.split('\n').find((l) => l.startsWith('{'));
      if (line) resolve(JSON.parse(line).url);
    });
    child.once('exit', (code) => reject(new Error(`PostgreSQL child exited (${code}) before it was ready: ${err.slice(-500)}`)));
  });
  return {
    url,
    stop: async () => {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
      await exited;
    },
  };
}
