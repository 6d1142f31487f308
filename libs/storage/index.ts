export * from './src/blob-store';
export * from './src/content-disposition';
export * from './src/create-blob-store';
export * from './src/fs-blob-store';
export * from './src/s3-blob-store';
export * from './src/sniff';
export * from './src/spool';
