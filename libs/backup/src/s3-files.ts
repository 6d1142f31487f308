/**
 * The file store when it is an S3 bucket (STORAGE_DRIVER=s3): every object copied into the archive (files-s3/<key>)
 * and put back on restore. Objects are content-addressed and never rewritten, so a copy taken right after the
 * database snapshot holds every object the snapshot references.
 */
import { GetObjectCommand, HeadBucketCommand, CreateBucketCommand, ListObjectsV2Command, PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { createReadStream, createWriteStream, mkdirSync, readdirSync, statSync } from 'fs';
import { dirname, join, relative, sep } from 'path';
import { Readable } from 'stream';
import { pipeline } from 'stream/promises';

export interface S3Location {
  endpoint?: string;
  region: string;
  bucket: string;
  accessKeyId?: string;
  secretAccessKey?: string;
  forcePathStyle: boolean;
}

function client(l: S3Location): S3Client {
  return new S3Client({
    endpoint: l.endpoint,
    region: l.region,
    forcePathStyle: l.forcePathStyle,
    credentials: l.accessKeyId && l.secretAccessKey ? { accessKeyId: l.accessKeyId, secretAccessKey: l.secretAccessKey } : undefined,
    requestChecksumCalculation: 'WHEN_REQUIRED',
    responseChecksumValidation: 'WHEN_REQUIRED',
  });
}

const safeKey = (k: string) => !k.split('/').some((p) => p === '..' || p === '.') && !k.startsWith('/');

/** Downloads every object of the bucket under `dir`; returns how many. */
export async function downloadBucket(l: S3Location, dir: string): Promise<number> {
  const c = client(l);
  let token: string | undefined;
  let n = 0;
  try {
    do {
      const page = await c.send(new ListObjectsV2Command({ Bucket: l.bucket, ContinuationToken: token }));
      for (const o of page.Contents ?? []) {
        if (!o.Key || !safeKey(o.Key) || o.Key.endsWith('/')) continue;
        const target = join(dir, ...o.Key.split('/'));
        mkdirSync(dirname(target), { recursive: true });
        const obj = await c.send(new GetObjectCommand({ Bucket: l.bucket, Key: o.Key }));
        await pipeline(obj.Body as Readable, createWriteStream(target));
        n++;
      }
      token = page.IsTruncated ? page.NextContinuationToken : undefined;
    } while (token);
  } finally {
    c.destroy();
  }
  return n;
}

/** Uploads every file under `dir` into the bucket (created when missing), keys = relative paths. */
export async function uploadBucket(l: S3Location, dir: string): Promise<number> {
  const c = client(l);
  let n = 0;
  try {
    try {
      await c.send(new HeadBucketCommand({ Bucket: l.bucket }));
    } catch {
      await c.send(new CreateBucketCommand({ Bucket: l.bucket }));
    }
    const walk = async (d: string): Promise<void> => {
      for (const e of readdirSync(d, { withFileTypes: true })) {
        const p = join(d, e.name);
        if (e.isDirectory()) await walk(p);
        else if (e.isFile()) {
          const key = relative(dir, p).split(sep).join('/');
          await c.send(new PutObjectCommand({ Bucket: l.bucket, Key: key, Body: createReadStream(p), ContentLength: statSync(p).size }));
          n++;
        }
      }
    };
    await walk(dir);
  } finally {
    c.destroy();
  }
  return n;
}
