/** S3-compatible blob store (AWS SDK v3): object key `<prefix>sha256/<sha256>` in one bucket. */
import { CreateBucketCommand, GetObjectCommand, HeadBucketCommand, HeadObjectCommand, PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { createReadStream } from 'fs';
import { rm } from 'fs/promises';
import { tmpdir } from 'os';
import { Readable } from 'stream';
import { assertSha256, BlobInfo, BlobNotFoundError, BlobStore, BlobStoreUnavailableError } from './blob-store';
import { sha256OfStream, spool } from './spool';

export interface S3BlobStoreOptions {
  endpoint?: string;
  region: string;
  bucket: string;
  accessKeyId?: string;
  secretAccessKey?: string;
  forcePathStyle: boolean;
  prefix?: string;
  /** Where uploads are spooled while their hash is computed (the key is only known at the end). */
  tmpDir?: string;
  /** Create the bucket at init when it does not exist. */
  createBucket?: boolean;
}

export class S3BlobStore implements BlobStore {
  readonly kind = 's3' as const;
  readonly location: string;
  readonly client: S3Client;
  private readonly prefix: string;

  constructor(private readonly opts: S3BlobStoreOptions) {
    this.prefix = opts.prefix ?? '';
    this.location = `${opts.endpoint ?? 'aws'}/${opts.bucket}`;
    this.client = new S3Client({
      endpoint: opts.endpoint,
      region: opts.region,
      forcePathStyle: opts.forcePathStyle,
      credentials: opts.accessKeyId && opts.secretAccessKey ? { accessKeyId: opts.accessKeyId, secretAccessKey: opts.secretAccessKey } : undefined,
      // Checksums only where the API requires them: S3-compatible servers differ in the optional ones.
      requestChecksumCalculation: 'WHEN_REQUIRED',
      responseChecksumValidation: 'WHEN_REQUIRED',
    });
  }

  keyOf(sha256: string): string {
    assertSha256(sha256);
    return `${this.prefix}sha256/${sha256}`;
  }

  async init(): Promise<void> {
    try {
      await this.client.send(new HeadBucketCommand({ Bucket: this.opts.bucket }));
    } catch (e) {
      if (!this.opts.createBucket || !isNotFound(e)) throw new Error(`S3 bucket ${this.location} is not reachable: ${describe(e)}`);
      await this.client.send(new CreateBucketCommand({ Bucket: this.opts.bucket }));
    }
  }

  async put(source: Readable, opts: { maxBytes?: number } = {}) {
    const s = await spool(source, this.opts.tmpDir ?? tmpdir(), { maxBytes: opts.maxBytes });
    const { created } = await this.putFile(s.path, s);
    return { sha256: s.sha256, size: s.size, created };
  }

  async putFile(path: string, info: BlobInfo): Promise<{ created: boolean }> {
    try {
      if (await this.stat(info.sha256)) return { created: false };
      await this.client.send(
        new PutObjectCommand({
          Bucket: this.opts.bucket,
          Key: this.keyOf(info.sha256),
          Body: createReadStream(path),
          ContentLength: info.size,
          ContentType: 'application/octet-stream',
          Metadata: { sha256: info.sha256 },
        }),
      ).catch((e) => {
        throw this.unavailable(e);
      });
      return { created: true };
    } finally {
      await rm(path, { force: true });
    }
  }

  async get(sha256: string): Promise<Readable> {
    try {
      const r = await this.client.send(new GetObjectCommand({ Bucket: this.opts.bucket, Key: this.keyOf(sha256) }));
      return r.Body as Readable;
    } catch (e) {
      if (isNotFound(e)) throw new BlobNotFoundError(sha256);
      throw this.unavailable(e);
    }
  }

  async stat(sha256: string): Promise<{ size: number } | null> {
    try {
      const r = await this.client.send(new HeadObjectCommand({ Bucket: this.opts.bucket, Key: this.keyOf(sha256) }));
      return { size: Number(r.ContentLength ?? 0) };
    } catch (e) {
      if (isNotFound(e)) return null;
      throw this.unavailable(e);
    }
  }

  /** A network error (no HTTP answer), a time-out or an HTTP 5xx becomes BlobStoreUnavailableError; anything else stays as is. */
  private unavailable(e: unknown): unknown {
    // The SDK attaches $metadata to what came back from a request: without an HTTP status, the request got no answer.
    const err = e as { name?: string; $metadata?: { httpStatusCode?: number } } | null;
    const status = err?.$metadata?.httpStatusCode;
    const down = err?.name === 'TimeoutError' || (!!err?.$metadata && (status === undefined || status >= 500));
    return down ? new BlobStoreUnavailableError(this.location, e) : e;
  }

  async rehash(sha256: string): Promise<string | null> {
    try {
      return await sha256OfStream(await this.get(sha256));
    } catch (e) {
      if (e instanceof BlobNotFoundError) return null;
      throw e;
    }
  }
}

function isNotFound(e: unknown): boolean {
  const err = e as { name?: string; $metadata?: { httpStatusCode?: number } };
  return err?.name === 'NotFound' || err?.name === 'NoSuchKey' || err?.name === 'NoSuchBucket' || err?.$metadata?.httpStatusCode === 404;
}

function describe(e: unknown): string {
  const err = e as { name?: string; message?: string; $metadata?: { httpStatusCode?: number } };
  return `${err?.name ?? 'Error'}${err?.$metadata?.httpStatusCode ? ` (HTTP ${err.$metadata.httpStatusCode})` : ''}: ${err?.message ?? String(e)}`;
}
