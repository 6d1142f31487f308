export * from './backup';
export * from './restore';
export * from './deployment';
