/** Streams bytes to a temporary file while computing their sha256 and size (constant memory). */
import { createHash, randomUUID } from 'crypto';
import { createReadStream, createWriteStream } from 'fs';
import { mkdir, rm } from 'fs/promises';
import { join } from 'path';
import { Readable, Transform } from 'stream';
import { pipeline } from 'stream/promises';
import { BlobInfo, BlobTooLargeError } from './blob-store';

export interface Spooled extends BlobInfo {
  path: string;
  /** True when the source had more than maxBytes (the file then holds only the first maxBytes). */
  truncated: boolean;
}

/**
 * Copies `source` into a new file under `dir`, hashing on the way. With `maxBytes`, stops with BlobTooLargeError
 * (and removes the file) once more bytes arrive, unless `drainExcess` is set: then the rest is read and discarded so
 * an HTTP request can still be answered cleanly, and `truncated` is reported instead.
 */
export async function spool(source: Readable, dir: string, opts: { maxBytes?: number; drainExcess?: boolean } = {}): Promise<Spooled> {
  await mkdir(dir, { recursive: true });
  const path = join(dir, `upload-${randomUUID()}`);
  const hash = createHash('sha256');
  let size = 0;
  let truncated = false;
  const max = opts.maxBytes ?? Number.POSITIVE_INFINITY;
  const meter = new Transform({
    transform(chunk: Buffer, _enc, cb) {
      if (truncated) return cb(); // discard the excess
      if (size + chunk.length > max) {
        if (!opts.drainExcess) return cb(new BlobTooLargeError(max));
        truncated = true;
        return cb();
      }
      size += chunk.length;
      hash.update(chunk);
      cb(null, chunk);
    },
  });
  try {
    await pipeline(source, meter, createWriteStream(path, { mode: 0o600 }));
  } catch (e) {
    await rm(path, { force: true });
    throw e;
  }
  return { path, sha256: hash.digest('hex'), size, truncated };
}

/** sha256 of a stream's bytes. */
export async function sha256OfStream(source: Readable): Promise<string> {
  const hash = createHash('sha256');
  for await (const chunk of source) hash.update(chunk as Buffer);
  return hash.digest('hex');
}

export function sha256OfFile(path: string): Promise<string> {
  return sha256OfStream(createReadStream(path));
}
