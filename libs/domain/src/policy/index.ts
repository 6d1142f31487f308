/** The access policy (one place for "who may act"): see access-policy.ts. */
export * from './access-policy';
export * from './facts';
export * from './separation';
export * from './task-actions';
export { filesAccess, FILES_READ_ONLY_REASON, uploadsNotNowReason, type FilesAccess, type FilesWrite } from './task-files';
export type { AccountFacts } from './accounts';
export type { DeliveryFacts } from './delivery';
export * from './campaign-actions';
