import { DEFAULT_SCRYPT_PARAMS, dummyHash, hashPassword, parseHash, verifyPassword } from './password-hasher';

const FAST = { N: 1024, r: 8, p: 1 };

describe('password hasher (scrypt)', () => {
  it('stores scrypt$N$r$p$salt$hash with the default cost', async () => {
    const h = await hashPassword('correct horse');
    const parts = h.split('$');
    expect(parts).toHaveLength(6);
    expect(parts.slice(0, 4)).toEqual(['scrypt', String(DEFAULT_SCRYPT_PARAMS.N), String(DEFAULT_SCRYPT_PARAMS.r), String(DEFAULT_SCRYPT_PARAMS.p)]);
    expect(DEFAULT_SCRYPT_PARAMS.N).toBeGreaterThanOrEqual(2 ** 15);
    expect(Buffer.from(parts[4], 'base64url')).toHaveLength(16);
    expect(Buffer.from(parts[5], 'base64url')).toHaveLength(32);
    expect(h).not.toContain('correct horse');
    await expect(verifyPassword('correct horse', h)).resolves.toBe(true);
  });

  it('rejects a wrong password', async () => {
    const h = await hashPassword('s3cret-pass', FAST);
    await expect(verifyPassword('s3cret-pasS', h)).resolves.toBe(false);
    await expect(verifyPassword('', h)).resolves.toBe(false);
  });

  it('salts every hash differently', async () => {
    const [a, b] = await Promise.all([hashPassword('same', FAST), hashPassword('same', FAST)]);
    expect(a).not.toBe(b);
    await expect(verifyPassword('same', a)).resolves.toBe(true);
    await expect(verifyPassword('same', b)).resolves.toBe(true);
  });

  it('verifies with the parameters stored in the hash, not the current defaults', async () => {
    const h = await hashPassword('old-account', FAST);
    expect(parseHash(h)?.params).toEqual(FAST);
    await expect(verifyPassword('old-account', h)).resolves.toBe(true);
  });

  it('treats Unicode passwords in NFC and NFD form as the same', async () => {
    const h = await hashPassword('生态文明e\u0301', FAST);
    await expect(verifyPassword('生态文明\u00e9', h)).resolves.toBe(true);
  });

  it.each([
    ['plain text', 'password123'],
    ['other scheme', 'bcrypt$10$abc$def$ghi$jkl'],
    ['N not a power of two', 'scrypt$1000$8$1$AAAAAAAAAAAAAAAAAAAAAA$AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA'],
    ['N absurdly large', `scrypt$${2 ** 24}$8$1$AAAAAAAAAAAAAAAAAAAAAA$AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA`],
    ['missing hash', 'scrypt$1024$8$1$AAAAAAAAAAAAAAAAAAAAAA$'],
  ])('never matches a malformed stored hash (%s)', async (_what, stored) => {
    expect(parseHash(stored)).toBeUndefined();
    await expect(verifyPassword('password123', stored)).resolves.toBe(false);
  });

  it('refuses to hash with unsafe parameters', async () => {
    await expect(hashPassword('x', { N: 1000, r: 8, p: 1 })).rejects.toThrow(/power of two/);
    await expect(hashPassword('x', { N: 1024, r: 0, p: 1 })).rejects.toThrow(/r must be/);
  });

  it('has a dummy hash that matches no ordinary password', async () => {
    const d = await dummyHash();
    expect(parseHash(d)).toBeDefined();
    await expect(verifyPassword('demo12345', d)).resolves.toBe(false);
    await expect(dummyHash()).resolves.toBe(d);
  });
});
