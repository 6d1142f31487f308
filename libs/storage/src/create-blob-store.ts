/** Picks the blob store from configuration: STORAGE_DRIVER=fs (DATA_DIR/files, default) or s3. */
import { join, resolve } from 'path';
import type { BlobStore } from './blob-store';
import { FsBlobStore } from './fs-blob-store';
import { S3BlobStore } from './s3-blob-store';

export interface StorageConfig {
  DATA_DIR: string;
  STORAGE_DRIVER: 'fs' | 's3';
  S3_ENDPOINT?: string;
  S3_REGION: string;
  S3_BUCKET?: string;
  S3_ACCESS_KEY_ID?: string;
  S3_SECRET_ACCESS_KEY?: string;
  S3_FORCE_PATH_STYLE: boolean;
  S3_CREATE_BUCKET: boolean;
}

/** Spool directory for uploads in flight (on the same disk as the fs store, so moving a finished upload is a rename). */
export function uploadTmpDir(c: Pick<StorageConfig, 'DATA_DIR'>): string {
  return join(resolve(c.DATA_DIR), 'files', 'tmp');
}

export function createBlobStore(c: StorageConfig): BlobStore {
  if (c.STORAGE_DRIVER === 's3') {
    return new S3BlobStore({
      endpoint: c.S3_ENDPOINT,
      region: c.S3_REGION,
      bucket: c.S3_BUCKET as string,
      accessKeyId: c.S3_ACCESS_KEY_ID,
      secretAccessKey: c.S3_SECRET_ACCESS_KEY,
      forcePathStyle: c.S3_FORCE_PATH_STYLE,
      createBucket: c.S3_CREATE_BUCKET,
      tmpDir: uploadTmpDir(c),
    });
  }
  return new FsBlobStore(join(resolve(c.DATA_DIR), 'files'), uploadTmpDir(c));
}
