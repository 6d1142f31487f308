/**
 * Content-addressed blob storage: the key of a blob is the sha256 of its bytes, so the same bytes are stored once.
 * Two implementations behind this one interface: the filesystem under DATA_DIR (embedded default) and an
 * S3-compatible object store (AWS SDK v3). Bytes always travel as streams; nothing is buffered whole.
 */
import type { Readable } from 'stream';

export interface BlobInfo {
  sha256: string;
  size: number;
}

export interface BlobStore {
  /** 'fs' or 's3' — recorded with each uploaded file. */
  readonly kind: 'fs' | 's3';
  /** A human-readable location (directory or endpoint/bucket) for logs and errors. */
  readonly location: string;
  /** Prepares the store (creates the directory or the bucket). Idempotent. */
  init(): Promise<void>;
  /** Streams `source` in, hashing as it goes; `maxBytes` aborts with BlobTooLargeError once exceeded. */
  put(source: Readable, opts?: { maxBytes?: number }): Promise<BlobInfo & { created: boolean }>;
  /** Stores a local file whose sha256/size were computed while it was spooled; the file is consumed (moved or removed). */
  putFile(path: string, info: BlobInfo): Promise<{ created: boolean }>;
  /** Streams the stored bytes out; BlobNotFoundError when absent. */
  get(sha256: string): Promise<Readable>;
  /** Size of the stored blob, or null when absent. */
  stat(sha256: string): Promise<{ size: number } | null>;
  /** Re-reads the stored bytes and returns their actual sha256, or null when the blob is missing. */
  rehash(sha256: string): Promise<string | null>;
}

export class BlobNotFoundError extends Error {
  constructor(readonly sha256: string) {
    super(`blob ${sha256} not found`);
    this.name = 'BlobNotFoundError';
  }
}

export class BlobTooLargeError extends Error {
  constructor(readonly maxBytes: number) {
    super(`blob exceeds ${maxBytes} bytes`);
    this.name = 'BlobTooLargeError';
  }
}

/** The store could not be reached or failed on its side (network error, HTTP 5xx): retry later (the API answers 503). */
export class BlobStoreUnavailableError extends Error {
  constructor(
    readonly location: string,
    override readonly cause: unknown,
  ) {
    super(`the file store ${location} is unavailable: ${cause instanceof Error ? cause.message : String(cause)}`);
    this.name = 'BlobStoreUnavailableError';
  }
}

export const SHA256_HEX = /^[a-f0-9]{64}$/;

export function assertSha256(sha256: string): void {
  if (!SHA256_HEX.test(sha256)) throw new Error(`not a sha256 hex digest: ${sha256}`);
}
