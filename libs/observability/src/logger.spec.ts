import { IncomingMessage, ServerResponse } from 'http';
import { Socket } from 'net';
import { Writable } from 'stream';
import { createLogger, REDACTED, scrub, scrubString } from './logger';

function capture() {
  const lines: Record<string, any>[] = [];
  const stream = new Writable({
    write(chunk, _enc, cb) {
      for (const l of String(chunk).split('\n').filter(Boolean)) lines.push(JSON.parse(l));
      cb();
    },
  });
  return { lines, stream };
}

describe('log redaction', () => {
  it('replaces password, secret and token values at any depth and keeps the rest', () => {
    const out = scrub({ user: 'office', password: 'demo12345', nested: { jwtSecret: 's3cr3t-value', list: [{ accessToken: 'abc.def.ghi', ok: 1 }] }, ADMIN_PASSWORD: 'x' }) as any;
    expect(out).toEqual({ user: 'office', password: REDACTED, nested: { jwtSecret: REDACTED, list: [{ accessToken: REDACTED, ok: 1 }] }, ADMIN_PASSWORD: REDACTED });
  });

  it('removes passwords from URLs and bearer tokens from strings', () => {
    expect(scrubString('connect postgres://eco:pa55word@db:5432/eco failed')).toBe(`connect postgres://eco:${REDACTED}@db:5432/eco failed`);
    expect(scrubString('header Bearer eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJ4In0.sig')).toBe(`header Bearer ${REDACTED}`);
    expect(scrubString('/api/file-links/eyJhIjoiYiJ9.c2ln/%E6%8A%A5%E5%91%8A.pdf')).toBe(`/api/file-links/${REDACTED}/%E6%8A%A5%E5%91%8A.pdf`);
    expect(scrubString('http://host:3000/api no password here')).toBe('http://host:3000/api no password here');
    expect(scrubString('retry with BEARER abcdefgh12345678 now')).toBe(`retry with BEARER ${REDACTED} now`);
    expect(scrubString('smtp://mailer:hunter22@127.0.0.1:2525')).toBe(`smtp://mailer:${REDACTED}@127.0.0.1:2525`);
  });

  it('writes JSON lines with time, level name and service, and never the secrets', () => {
    const { lines, stream } = capture();
    const log = createLogger({ service: 'api', destination: stream, level: 'info' });
    log.info({ req: { headers: { authorization: 'Bearer abcdefghijklmnop', 'user-agent': 'curl' } }, body: { username: 'u', password: 'hunter22' }, requestId: 'r-1' }, 'login postgres://a:b@h/db');
    log.debug('not written at info');
    expect(lines).toHaveLength(1);
    const [l] = lines;
    expect(l).toMatchObject({ level: 'info', service: 'api', requestId: 'r-1', msg: `login postgres://a:${REDACTED}@h/db` });
    expect(new Date(l.time).toISOString()).toBe(l.time);
    expect(l.req.headers.authorization).toBe(REDACTED);
    expect(l.req.headers['user-agent']).toBe('curl');
    expect(l.body).toEqual({ username: 'u', password: REDACTED });
    expect(JSON.stringify(l)).not.toMatch(/hunter22|abcdefghijklmnop/);
  });

  it('serialises errors with a scrubbed message', () => {
    const { lines, stream } = capture();
    createLogger({ service: 'worker', destination: stream }).error({ err: new Error('cannot reach postgres://x:topsecret@h/db') }, 'failed');
    expect(JSON.stringify(lines[0])).not.toContain('topsecret');
    expect(lines[0].err.message).toContain(REDACTED);
  });

  it("leaves an HTTP request and response to the serializers (not copied: one copy walked the socket behind it), which keep only safe fields", () => {
    const req = new IncomingMessage(new Socket());
    req.method = 'GET';
    req.url = '/api/x?next=http://u:hunter22@h/';
    req.headers = { authorization: 'Bearer abcdefghijklmnop' };
    const res = new ServerResponse(req);
    expect(scrub(req)).toBe(req);
    expect(scrub({ req, res }) as any).toEqual({ req, res });
    const { lines, stream } = capture();
    // as the API's request line (pino-http with its serializers)
    // the level explicit: the e2e global setup sets LOG_LEVEL=warn for every project of a full run
    const log = createLogger({ service: 'api', destination: stream, level: 'info' }).child({}, {
      serializers: { req: (r: IncomingMessage) => ({ method: r.method, url: scrubString(r.url ?? '') }), res: () => undefined },
    });
    log.info({ req, res, status: 200 }, 'GET /api/x 200');
    expect(lines[0]).toMatchObject({ req: { method: 'GET', url: `/api/x?next=http://u:${REDACTED}@h/` }, status: 200 });
    expect(JSON.stringify(lines[0])).not.toMatch(/hunter22|abcdefghijklmnop/);
  });
});
