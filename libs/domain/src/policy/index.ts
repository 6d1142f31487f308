/** The access policy (one place for "who may act"): see access-policy.ts. */
export * from './access-policy';
export * from './facts';
export * from './separation';
export * from './task-actions';
