/** The benchmark's HTTP client of the product's API (JSON, bearer token, Idempotency-Key). */
export class HttpError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

export class Api {
  constructor(
    private readonly base: string,
    private readonly password = process.env.BENCH_PASSWORD ?? 'demo12345',
  ) {}
  async call<T = any>(method: string, path: string, token?: string, body?: unknown, key?: string): Promise<T> {
    const headers: Record<string, string> = { 'content-type': 'application/json' };
    if (token) headers.authorization = `Bearer ${token}`;
    if (key) headers['idempotency-key'] = key;
    const r = await fetch(`${this.base}${path}`, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
    const text = await r.text();
    if (r.status >= 400) throw new HttpError(r.status, `${method} ${path} → ${r.status} ${text.slice(0, 200)}`);
    return (text ? JSON.parse(text) : undefined) as T;
  }
  async login(username: string): Promise<string> {
    const r = await this.call<{ accessToken: string }>('POST', '/auth/login', undefined, { username, password: this.password });
    return r.accessToken;
  }
}
