export * from './embedded-postgres';
export * from './free-port';
export * from './temporal-dev-server';
export * from './tool-paths';
export * from './versitygw';
export * from './supervisor';
export * from './temporal-server';
export * from './dev-mailbox';
