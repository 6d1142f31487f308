/**
 * `npm run bench:dossier`: streams a dossier zip of N large evidence files from the blob store to a sink the way
 * GET /api/campaigns/:id/dossier.zip does (same streamZip), and reports the process's peak memory above its
 * baseline — the figure that shows a 2 GB dossier does not exhaust the API.
 *
 *   npm run bench:dossier                    2 GB: 20 files of 100 MB in the filesystem store (temp folder)
 *   npm run bench:dossier -- --smoke         256 MB
 *   npm run bench:dossier -- --mb 4096       any size
 *   S3_ENDPOINT=… S3_ACCESS_KEY_ID=… S3_SECRET_ACCESS_KEY=… npm run bench:dossier   against an S3-compatible store
 */
import { createHash, randomBytes } from 'crypto';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import { Readable, Writable } from 'stream';
import { streamZip, type ZipPart } from '../apps/api/src/files/dossier-zip';
import { projectRoot } from '@eco/devstack';
import { BlobStore, FsBlobStore, S3BlobStore } from '@eco/storage';

const arg = (name: string) => {
  const i = process.argv.indexOf(name);
  return i >= 0 ? process.argv[i + 1] : undefined;
};
const totalMb = process.argv.includes('--smoke') ? 256 : Number(arg('--mb') ?? 2048);
const fileMb = Math.min(100, totalMb);
const files = Math.ceil(totalMb / fileMb);

function generated(bytes: number, seed: number): Readable {
  const chunk = Buffer.alloc(1024 * 1024);
  chunk.write(`%PDF-1.7 bench ${seed}\n`);
  let sent = 0;
  return new Readable({
    read() {
      if (sent >= bytes) return this.push(null);
      const n = Math.min(chunk.length, bytes - sent);
      chunk.writeUInt32LE(sent ^ seed, 64); // distinct content per file and chunk
      sent += n;
      this.push(Buffer.from(chunk.subarray(0, n)));
    },
  });
}

async function main() {
  const dir = mkdtempSync(join(tmpdir(), 'eco-bench-dossier-'));
  const store: BlobStore = process.env.S3_ENDPOINT
    ? new S3BlobStore({
        endpoint: process.env.S3_ENDPOINT, region: process.env.S3_REGION ?? 'us-east-1', bucket: process.env.S3_BUCKET ?? `bench-dossier-${randomBytes(3).toString('hex')}`,
        accessKeyId: process.env.S3_ACCESS_KEY_ID, secretAccessKey: process.env.S3_SECRET_ACCESS_KEY, forcePathStyle: true, createBucket: true, tmpDir: join(dir, 'tmp'),
      })
    : new FsBlobStore(join(dir, 'files'));
  try {
    await store.init();
    process.stdout.write(`» storing ${files} × ${fileMb} MB in the ${store.kind} store ${store.location}\n`);
    const blobs: string[] = [];
    for (let i = 0; i < files; i++) blobs.push((await store.put(generated(fileMb * 1024 * 1024, i + 1))).sha256);

    global.gc?.();
    const baseline = process.memoryUsage().rss;
    let peak = baseline;
    const timer = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 50);
    const hash = createHash('sha256');
    let received = 0;
    const sink = new Writable({
      write(chunk: Buffer, _enc, cb) {
        received += chunk.length;
        hash.update(chunk);
        setImmediate(cb); // a consumer that is not infinitely fast
      },
    });
    const started = Date.now();
    function* parts(): Generator<ZipPart> {
      yield { kind: 'dir', name: 'bench/1-生态制度/1-生态文明建设规划/' };
      for (const [i, sha] of blobs.entries()) yield { kind: 'blob', name: `bench/材料/${i + 1}-扫描件.pdf`, open: () => store.get(sha) };
      yield { kind: 'data', name: 'bench/manifest.json', data: JSON.stringify({ blobs }) };
    }
    const { entries, bytes } = await streamZip(sink, parts());
    await new Promise((r) => sink.end(() => r(undefined)));
    clearInterval(timer);
    const seconds = (Date.now() - started) / 1000;
    const figures = {
      at: new Date().toISOString(),
      store: store.kind,
      dossierMb: Math.round(bytes / 1024 / 1024),
      entries,
      seconds,
      mbPerSecond: Math.round(bytes / 1024 / 1024 / seconds),
      rssBaselineMb: Math.round(baseline / 1024 / 1024),
      rssPeakMb: Math.round(peak / 1024 / 1024),
      rssGrowthMb: Math.round((peak - baseline) / 1024 / 1024),
      zipSha256: hash.digest('hex'),
      received,
    };
    console.table(figures);
    const out = join(projectRoot(), '.data/bench');
    mkdirSync(out, { recursive: true });
    writeFileSync(join(out, 'dossier.json'), JSON.stringify(figures, null, 2));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
