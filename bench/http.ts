/**
 * The benchmark's HTTP client of the product's API (JSON, bearer token, Idempotency-Key): node:http over a keep-alive
 * agent, so the client — which shares the machine's cores with the system it measures — spends little CPU per request
 * (its CPU per request is reported beside the API's).
 */
import { Agent, request } from 'http';
import { Agent as HttpsAgent, request as httpsRequest } from 'https';

export class HttpError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

const agent = new Agent({ keepAlive: true, maxSockets: 256, maxFreeSockets: 256 });
const httpsAgent = new HttpsAgent({ keepAlive: true, maxSockets: 256, maxFreeSockets: 256 });

export class Api {
  private readonly url: URL;
  constructor(
    private readonly base: string,
    private readonly password = process.env.BENCH_PASSWORD ?? 'demo12345',
  ) {
    this.url = new URL(base);
  }

  /** One request: status, headers and body text (no JSON parsing). */
  raw(method: string, path: string, token?: string, body?: unknown, key?: string, extra?: Record<string, string>): Promise<{ status: number; headers: Record<string, string | string[] | undefined>; text: string }> {
    const headers: Record<string, string> = { ...extra };
    const payload = body === undefined ? undefined : JSON.stringify(body);
    if (payload !== undefined) {
      headers['content-type'] = 'application/json';
      headers['content-length'] = String(Buffer.byteLength(payload));
    }
    if (token) headers.authorization = `Bearer ${token}`;
    if (key) headers['idempotency-key'] = key;
    const https = this.url.protocol === 'https:';
    return new Promise((resolve, reject) => {
      const req = (https ? httpsRequest : request)(
        { host: this.url.hostname, port: this.url.port || (https ? 443 : 80), method, path: `${this.url.pathname.replace(/\/$/, '')}${path}`, headers, agent: https ? httpsAgent : agent },
        (res) => {
          const chunks: Buffer[] = [];
          res.on('data', (c: Buffer) => chunks.push(c));
          res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, text: Buffer.concat(chunks).toString('utf8') }));
          res.on('error', reject);
        },
      );
      req.on('error', reject);
      req.end(payload);
    });
  }

  async call<T = any>(method: string, path: string, token?: string, body?: unknown, key?: string): Promise<T> {
    const r = await this.raw(method, path, token, body, key);
    if (r.status >= 400) throw new HttpError(r.status, `${method} ${path} → ${r.status} ${r.text.slice(0, 200)}`);
    return (r.text ? JSON.parse(r.text) : undefined) as T;
  }

  /** A read whose body is neither decoded nor parsed (the read benchmark): its size in bytes; a status ≥ 400 throws. */
  read(path: string, token: string): Promise<number> {
    return new Promise((resolve, reject) => {
      const https = this.url.protocol === 'https:';
      const req = (https ? httpsRequest : request)(
        { host: this.url.hostname, port: this.url.port || (https ? 443 : 80), method: 'GET', path: `${this.url.pathname.replace(/\/$/, '')}${path}`, headers: { authorization: `Bearer ${token}` }, agent: https ? httpsAgent : agent },
        (res) => {
          let bytes = 0;
          const failed = (res.statusCode ?? 0) >= 400;
          const chunks: Buffer[] = [];
          res.on('data', (c: Buffer) => {
            bytes += c.length;
            if (failed) chunks.push(c);
          });
          res.on('end', () => (failed ? reject(new HttpError(res.statusCode ?? 0, `GET ${path} → ${res.statusCode} ${Buffer.concat(chunks).toString('utf8').slice(0, 200)}`)) : resolve(bytes)));
          res.on('error', reject);
        },
      );
      req.on('error', reject);
      req.end();
    });
  }

  async login(username: string): Promise<string> {
    const r = await this.call<{ accessToken: string }>('POST', '/auth/login', undefined, { username, password: this.password });
    return r.accessToken;
  }
}
