import { createServer, Server } from 'http';
import { AddressInfo } from 'net';
import { generateKeyPairSync, KeyObject, sign as rsaSign } from 'crypto';
import { JwtService } from '@nestjs/jwt';
import { loadConfig } from '@eco/config';
import { JwksKeyStore, JwksUnavailableError } from './jwks-key-store';
import { actorFromClaims, TokenError, TokenService } from './token.service';

const SECRET = 'unit-test-secret-0123456789';
const config = (over: Record<string, string> = {}) =>
  loadConfig({ DATABASE_URL: 'postgres://x@localhost/x', TEMPORAL_ADDRESS: '127.0.0.1:7233', JWT_SECRET: SECRET, ...over });

const b64 = (o: object) => Buffer.from(JSON.stringify(o)).toString('base64url');
const now = () => Math.floor(Date.now() / 1000);

function rs256(privateKey: KeyObject, claims: object, header: object = {}): string {
  const h = b64({ alg: 'RS256', typ: 'JWT', ...header });
  const p = b64(claims);
  return `${h}.${p}.${rsaSign('RSA-SHA256', Buffer.from(`${h}.${p}`), privateKey).toString('base64url')}`;
}

describe('actorFromClaims', () => {
  it('builds the actor', () => {
    expect(actorFromClaims({ sub: 'u1', name: '张三', roles: ['unit', 'unit'], unitId: 'yz-sthj', organizationId: 'yanzhou' })).toEqual({
      id: 'u1', name: '张三', roles: ['unit'], unitId: 'yz-sthj', organizationId: 'yanzhou',
    });
    expect(actorFromClaims({ sub: 'o', name: '办', roles: ['office'] })).toEqual({ id: 'o', name: '办', roles: ['office'], unitId: null, organizationId: null });
  });

  it.each([
    [{ name: 'x', roles: [] }, /subject/],
    [{ sub: 'a', roles: [] }, /name/],
    [{ sub: 'a', name: 'x', roles: 'admin' }, /array/],
    [{ sub: 'a', name: 'x', roles: ['root'] }, /unknown role.*root/],
    [{ sub: 'a', name: 'x', roles: ['unit'] }, /unitId/],
    [{ sub: 'a', name: 'x', roles: ['office'], unitId: 5 }, /unitId/],
    [{ sub: 'a', name: 'x', roles: ['office'], organizationId: 7 }, /organizationId/],
  ])('refuses bad claims %j', (claims, reason) => {
    expect(() => actorFromClaims(claims)).toThrow(reason);
  });
});

describe('TokenService with HS256 (JWT_SECRET)', () => {
  const tokens = new TokenService(config({ JWT_EXPIRES_IN: '2h' }));
  const other = new JwtService({ secret: SECRET });

  it('issues a token that verifies back to the same actor', async () => {
    const actor = { id: 'yz-tjj', name: '区统计局', roles: ['unit' as const], unitId: 'yz-tjj', organizationId: 'yanzhou' };
    const issued = await tokens.issue(actor);
    expect(issued.expiresIn).toBe(7200);
    await expect(tokens.verify(issued.accessToken)).resolves.toEqual(actor);
  });

  it('refuses expired, foreign-signed, unsigned, expiry-less and garbled tokens', async () => {
    const claims = { sub: 'a', name: 'A', roles: ['office'] };
    await expect(tokens.verify(other.sign({ ...claims, exp: now() - 120 }))).rejects.toThrow('token expired');
    await expect(tokens.verify(new JwtService({ secret: 'another-secret-0123456789' }).sign(claims, { expiresIn: 60 }))).rejects.toThrow(/invalid signature/);
    await expect(tokens.verify(`${b64({ alg: 'none', typ: 'JWT' })}.${b64({ ...claims, exp: now() + 60 })}.`)).rejects.toThrow(/algorithm none/);
    await expect(tokens.verify(other.sign(claims))).rejects.toThrow(/no expiry/);
    await expect(tokens.verify('not-a-jwt')).rejects.toThrow(TokenError);
    await expect(tokens.verify(other.sign({ ...claims, roles: ['superuser'] }, { expiresIn: 60 }))).rejects.toThrow(/unknown role/);
  });

  it('a token verified once is still refused once it expires (only its expiry is checked again), and a changed signature is verified anew', async () => {
    const t = new TokenService(config({ JWT_EXPIRES_IN: '2h' }));
    const exp = now() + 5;
    const token = other.sign({ sub: 'a', name: 'A', roles: ['office'], exp });
    const first = await t.verify(token);
    expect(first).toEqual({ id: 'a', name: 'A', roles: ['office'], unitId: null, organizationId: null });
    first.roles.push('admin'); // a caller changing its copy changes nothing remembered
    await expect(t.verify(token)).resolves.toEqual({ id: 'a', name: 'A', roles: ['office'], unitId: null, organizationId: null });
    const [h, p, sig] = token.split('.');
    await expect(t.verify(`${h}.${p}.${sig.slice(0, -2)}${sig.endsWith('AA') ? 'BB' : 'AA'}`)).rejects.toThrow(/invalid signature/);
    const realNow = Date.now;
    try {
      Date.now = () => (exp + 31) * 1000; // past exp + the 30 s clock tolerance
      await expect(t.verify(token)).rejects.toThrow('token expired');
      await expect(t.verify(token)).rejects.toThrow('token expired');
    } finally {
      Date.now = realNow;
    }
  });

  it('honours JWT_EXPIRES_IN given in seconds', async () => {
    const t = new TokenService(config({ JWT_EXPIRES_IN: '90' }));
    await expect(t.issue({ id: 'a', name: 'A', roles: ['admin'] }).then((r) => r.expiresIn)).resolves.toBe(90);
  });
});

describe('TokenService with RS256 (JWT_JWKS_URL)', () => {
  const k1 = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const k2 = generateKeyPairSync('rsa', { modulusLength: 2048 });
  let published: object[] = [];
  let fetches = 0;
  let status = 200;
  let server: Server;
  let url: string;
  const jwk = (k: KeyObject, kid: string) => ({ ...k.export({ format: 'jwk' }), kid, use: 'sig', alg: 'RS256' });

  beforeAll(async () => {
    server = createServer((_req, res) => {
      fetches++;
      res.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify({ keys: published }));
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/jwks.json`;
  });
  afterAll(() => new Promise((r) => server.close(r)));
  beforeEach(() => {
    published = [jwk(k1.publicKey, 'k1')];
    fetches = 0;
    status = 200;
  });

  const service = (store: JwksKeyStore) => new TokenService(config({ JWT_JWKS_URL: url }), store);
  const claims = () => ({ sub: 'idp-42', name: '李四', roles: ['expert'], exp: now() + 300 });

  it('accepts a token signed by a published key, fetching the JWKS once', async () => {
    const t = service(new JwksKeyStore(url));
    await expect(t.verify(rs256(k1.privateKey, claims(), { kid: 'k1' }))).resolves.toEqual({ id: 'idp-42', name: '李四', roles: ['expert'], unitId: null, organizationId: null });
    await expect(t.verify(rs256(k1.privateKey, claims()))).resolves.toMatchObject({ id: 'idp-42' }); // no kid, single key
    expect(fetches).toBe(1);
    expect(t.external).toBe(true);
  });

  it('refuses HS256 tokens, wrong keys, tampered payloads and expired tokens', async () => {
    const t = service(new JwksKeyStore(url, { minRefreshMs: 0 }));
    const hs = await new TokenService(config()).issue({ id: 'a', name: 'A', roles: ['admin'] });
    await expect(t.verify(hs.accessToken)).rejects.toThrow(/HS256 not accepted/);
    await expect(t.verify(rs256(k2.privateKey, claims(), { kid: 'k1' }))).rejects.toThrow(/invalid signature/);
    const good = rs256(k1.privateKey, claims(), { kid: 'k1' }).split('.');
    await expect(t.verify([good[0], b64({ ...claims(), roles: ['admin'] }), good[2]].join('.'))).rejects.toThrow(/invalid signature/);
    await expect(t.verify(rs256(k1.privateKey, { ...claims(), exp: now() - 60 }, { kid: 'k1' }))).rejects.toThrow('token expired');
    await expect(t.verify(rs256(k1.privateKey, { ...claims(), exp: undefined }, { kid: 'k1' }))).rejects.toThrow(/no expiry/);
    await expect(t.verify(rs256(k2.privateKey, claims(), { kid: 'nope' }))).rejects.toThrow(/"nope" is not in the JWKS/);
  });

  it('picks up a rotated key by refetching on an unknown kid', async () => {
    const t = service(new JwksKeyStore(url, { minRefreshMs: 0 }));
    await expect(t.verify(rs256(k1.privateKey, claims(), { kid: 'k1' }))).resolves.toBeDefined();
    published = [jwk(k1.publicKey, 'k1'), jwk(k2.publicKey, 'k2')];
    await expect(t.verify(rs256(k2.privateKey, claims(), { kid: 'k2' }))).resolves.toBeDefined();
    expect(fetches).toBe(2);
  });

  it('does not refetch more often than minRefreshMs for unknown kids', async () => {
    const t = service(new JwksKeyStore(url, { minRefreshMs: 60_000 }));
    await t.verify(rs256(k1.privateKey, claims(), { kid: 'k1' }));
    for (let i = 0; i < 3; i++) await expect(t.verify(rs256(k2.privateKey, claims(), { kid: `x${i}` }))).rejects.toThrow(TokenError);
    expect(fetches).toBe(1);
  });

  it('reports an unreachable JWKS as unavailable, and keeps using known keys when a refresh fails', async () => {
    status = 500;
    await expect(service(new JwksKeyStore(url)).verify(rs256(k1.privateKey, claims(), { kid: 'k1' }))).rejects.toThrow(JwksUnavailableError);
    status = 200;
    let clock = Date.now();
    const store = new JwksKeyStore(url, { maxAgeMs: 1000, minRefreshMs: 0, now: () => clock });
    const t = service(store);
    await expect(t.verify(rs256(k1.privateKey, claims(), { kid: 'k1' }))).resolves.toBeDefined();
    status = 500;
    clock += 5000; // keys are stale, the refetch fails: the old keys still verify
    await expect(t.verify(rs256(k1.privateKey, claims(), { kid: 'k1' }))).resolves.toBeDefined();
  });
});

describe('TokenService configuration', () => {
  it('refuses an unusable JWT_EXPIRES_IN at startup', () => {
    expect(() => new TokenService(config({ JWT_EXPIRES_IN: 'forever' }))).toThrow(/JWT_EXPIRES_IN "forever"/);
  });
});
