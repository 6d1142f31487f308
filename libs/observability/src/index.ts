export * from './logger';
export * from './request-context';
export * from './nest-logger';
export * from './temporal-logger';
export * from './metrics';
export * from './metrics-server';
export * from './log-files';
export * from './temporal-runtime';
