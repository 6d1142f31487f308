/**
 * The blob store contract, run as the SAME suite against both implementations: the filesystem store and the
 * S3 store on the real S3-compatible server the global setup started (Versity S3 Gateway).
 */
import { createHash, randomBytes } from 'crypto';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'fs';
import { chmod } from 'fs/promises';
import { tmpdir } from 'os';
import { join } from 'path';
import { Readable } from 'stream';
import { PutObjectCommand } from '@aws-sdk/client-s3';
import { BlobNotFoundError, BlobStore, BlobTooLargeError, FsBlobStore, S3BlobStore, sha256OfStream } from '@eco/storage';
import { testStack } from './helpers';

const sha = (b: Buffer) => createHash('sha256').update(b).digest('hex');

/** A stream of `total` pseudo-random bytes made chunk by chunk (never held whole); returns its hash too. */
function generated(total: number, seed = 7): { stream: Readable; sha256: string } {
  const hash = createHash('sha256');
  const chunk = Buffer.alloc(1024 * 1024);
  for (let i = 0; i < chunk.length; i++) chunk[i] = (i * 31 + seed) & 0xff;
  for (let left = total; left > 0; left -= chunk.length) hash.update(chunk.subarray(0, Math.min(chunk.length, left)));
  let sent = 0;
  const stream = new Readable({
    read() {
      if (sent >= total) return this.push(null);
      const n = Math.min(chunk.length, total - sent);
      sent += n;
      this.push(chunk.subarray(0, n));
    },
  });
  return { stream, sha256: hash.digest('hex') };
}

interface Subject {
  name: string;
  make(dir: string): BlobStore;
  /** Overwrite the stored bytes behind the store's back (what an attacker or a disk fault would do). */
  alter(store: BlobStore, sha256: string, bytes: Buffer): Promise<void>;
}

const subjects: Subject[] = [
  {
    name: 'filesystem store',
    make: (dir) => new FsBlobStore(join(dir, 'files')),
    alter: async (store, sha256, bytes) => {
      const p = (store as FsBlobStore).pathOf(sha256);
      await chmod(p, 0o644);
      writeFileSync(p, bytes);
    },
  },
  {
    name: 'S3 store on the real S3-compatible server',
    make: (dir) => {
      const s3 = testStack().s3;
      return new S3BlobStore({
        endpoint: s3.endpoint, region: s3.region, accessKeyId: s3.accessKeyId, secretAccessKey: s3.secretAccessKey,
        bucket: `e2e-storage-${randomBytes(4).toString('hex')}`, forcePathStyle: true, createBucket: true, tmpDir: join(dir, 'tmp'),
      });
    },
    alter: async (store, sha256, bytes) => {
      const s = store as S3BlobStore;
      await s.client.send(new PutObjectCommand({ Bucket: (s as any).opts.bucket, Key: s.keyOf(sha256), Body: bytes }));
    },
  },
];

describe.each(subjects)('$name', (subject) => {
  let dir: string;
  let store: BlobStore;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'eco-storage-'));
    store = subject.make(dir);
    await store.init();
    await store.init(); // idempotent
  });

  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('stores bytes under their sha256 and streams the same bytes back', async () => {
    const bytes = Buffer.from('%PDF-1.7 河长制工作台账 ' + randomBytes(16).toString('hex'));
    const r = await store.put(Readable.from([bytes]));
    expect(r).toEqual({ sha256: sha(bytes), size: bytes.length, created: true });
    expect(await sha256OfStream(await store.get(r.sha256))).toBe(sha(bytes));
    expect(await store.stat(r.sha256)).toEqual({ size: bytes.length });
  });

  it('stores the same bytes once (content-addressed)', async () => {
    const bytes = randomBytes(4096);
    const a = await store.put(Readable.from([bytes]));
    const b = await store.put(Readable.from([bytes.subarray(0, 1000), bytes.subarray(1000)]));
    expect(a.created).toBe(true);
    expect(b).toEqual({ sha256: a.sha256, size: 4096, created: false });
  });

  it('stores a spooled file by its precomputed hash and consumes the spool file', async () => {
    const bytes = randomBytes(2048);
    const p = join(dir, 'spooled.bin');
    writeFileSync(p, bytes);
    expect(await store.putFile(p, { sha256: sha(bytes), size: bytes.length })).toEqual({ created: true });
    expect(existsSync(p)).toBe(false);
    expect(await store.rehash(sha(bytes))).toBe(sha(bytes));
  });

  it('streams 20 MB in and out without holding it (hash matches)', async () => {
    const g = generated(20 * 1024 * 1024);
    const before = process.memoryUsage().rss;
    const r = await store.put(g.stream);
    expect(r.sha256).toBe(g.sha256);
    expect(r.size).toBe(20 * 1024 * 1024);
    expect(await sha256OfStream(await store.get(r.sha256))).toBe(g.sha256);
    expect(process.memoryUsage().rss - before).toBeLessThan(200 * 1024 * 1024);
  });

  it('refuses a stream over maxBytes and keeps nothing of it', async () => {
    const g = generated(3 * 1024 * 1024, 99);
    await expect(store.put(g.stream, { maxBytes: 1024 * 1024 })).rejects.toBeInstanceOf(BlobTooLargeError);
    expect(await store.stat(g.sha256)).toBeNull();
  });

  it('reports a missing blob as BlobNotFoundError / null', async () => {
    const missing = sha(randomBytes(8));
    await expect(store.get(missing)).rejects.toBeInstanceOf(BlobNotFoundError);
    expect(await store.stat(missing)).toBeNull();
    expect(await store.rehash(missing)).toBeNull();
  });

  it('rehash reveals bytes altered behind its back', async () => {
    const bytes = Buffer.from('原始盖章扫描件 ' + randomBytes(8).toString('hex'));
    const r = await store.put(Readable.from([bytes]));
    await subject.alter(store, r.sha256, Buffer.from('篡改后的内容'));
    expect(await store.rehash(r.sha256)).toBe(sha(Buffer.from('篡改后的内容')));
  });
});
