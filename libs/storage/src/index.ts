export * from './blob-store';
export * from './content-disposition';
export * from './create-blob-store';
export * from './fs-blob-store';
export * from './s3-blob-store';
export * from './sniff';
export * from './spool';
