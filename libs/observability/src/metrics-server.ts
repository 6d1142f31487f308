import { createServer, Server } from 'http';
import type { AddressInfo } from 'net';

export interface MetricsServer {
  port: number;
  close(): Promise<void>;
}

/**
 * A small HTTP listener for Prometheus (GET /metrics) and liveness (GET /health/live), used by the worker and,
 * optionally, by the API on a port that is not published. No login: keep it on loopback or an internal network.
 */
export function startMetricsServer(opts: {
  host: string;
  port: number;
  render: () => Promise<string>;
  live?: () => Promise<Record<string, unknown>> | Record<string, unknown>;
}): Promise<MetricsServer> {
  const server: Server = createServer((req, res) => {
    const url = (req.url ?? '/').split('?')[0];
    if (req.method === 'GET' && url === '/metrics') {
      opts
        .render()
        .then((text) => {
          res.writeHead(200, { 'content-type': 'text/plain; version=0.0.4; charset=utf-8' });
          res.end(text);
        })
        .catch((e: Error) => {
          res.writeHead(500, { 'content-type': 'text/plain' });
          res.end(`metrics unavailable: ${e.message}`);
        });
      return;
    }
    if (req.method === 'GET' && (url === '/health/live' || url === '/health')) {
      Promise.resolve(opts.live ? opts.live() : { status: 'ok' })
        .then((body) => {
          const ok = (body as { status?: string }).status === 'ok';
          res.writeHead(ok ? 200 : 503, { 'content-type': 'application/json' });
          res.end(JSON.stringify(body));
        })
        .catch((e: Error) => {
          res.writeHead(503, { 'content-type': 'application/json' });
          res.end(JSON.stringify({ status: 'error', error: e.message }));
        });
      return;
    }
    res.writeHead(404, { 'content-type': 'text/plain' });
    res.end('not found: GET /metrics or /health/live');
  });
  server.keepAliveTimeout = 5000;
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(opts.port, opts.host, () => {
      server.off('error', reject);
      resolve({
        port: (server.address() as AddressInfo).port,
        close: () => new Promise<void>((r) => server.close(() => r())),
      });
    });
  });
}

/** Text of another Prometheus endpoint (the Temporal SDK exporter), or '' when it cannot be read. */
export async function scrapeText(url: string, timeoutMs = 2000): Promise<string> {
  try {
    const r = await fetch(url, { signal: AbortSignal.timeout(timeoutMs) });
    return r.ok ? await r.text() : '';
  } catch {
    return '';
  }
}
