/** Filesystem blob store: DIR/sha256/ab/cd/<sha256>, written once, read-only afterwards. */
import { createReadStream } from 'fs';
import { chmod, copyFile, mkdir, rename, rm, stat } from 'fs/promises';
import { dirname, join, resolve } from 'path';
import type { Readable } from 'stream';
import { assertSha256, BlobInfo, BlobNotFoundError, BlobStore } from './blob-store';
import { sha256OfFile, spool } from './spool';

export class FsBlobStore implements BlobStore {
  readonly kind = 'fs' as const;
  readonly root: string;
  readonly location: string;

  constructor(root: string, private readonly tmpDir = join(root, 'tmp')) {
    this.root = resolve(root);
    this.location = this.root;
  }

  async init(): Promise<void> {
    await mkdir(join(this.root, 'sha256'), { recursive: true });
    await mkdir(this.tmpDir, { recursive: true });
  }

  /** Where a blob lives on disk (tests alter files through it). */
  pathOf(sha256: string): string {
    assertSha256(sha256);
    return join(this.root, 'sha256', sha256.slice(0, 2), sha256.slice(2, 4), sha256);
  }

  async put(source: Readable, opts: { maxBytes?: number } = {}) {
    const s = await spool(source, this.tmpDir, { maxBytes: opts.maxBytes });
    const { created } = await this.putFile(s.path, s);
    return { sha256: s.sha256, size: s.size, created };
  }

  async putFile(path: string, info: BlobInfo): Promise<{ created: boolean }> {
    const target = this.pathOf(info.sha256);
    if (await exists(target)) {
      await rm(path, { force: true });
      return { created: false };
    }
    await mkdir(dirname(target), { recursive: true });
    const tmp = `${target}.${process.pid}.${Date.now()}.part`;
    try {
      await rename(path, tmp);
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'EXDEV') throw e;
      await copyFile(path, tmp);
      await rm(path, { force: true });
    }
    await chmod(tmp, 0o444);
    await rename(tmp, target); // atomic: readers never see a half-written blob
    return { created: true };
  }

  async get(sha256: string): Promise<Readable> {
    const p = this.pathOf(sha256);
    if (!(await exists(p))) throw new BlobNotFoundError(sha256);
    return createReadStream(p);
  }

  async stat(sha256: string): Promise<{ size: number } | null> {
    try {
      return { size: (await stat(this.pathOf(sha256))).size };
    } catch {
      return null;
    }
  }

  async rehash(sha256: string): Promise<string | null> {
    const p = this.pathOf(sha256);
    if (!(await exists(p))) return null;
    return sha256OfFile(p);
  }
}

async function exists(p: string): Promise<boolean> {
  try {
    await stat(p);
    return true;
  } catch {
    return false;
  }
}
