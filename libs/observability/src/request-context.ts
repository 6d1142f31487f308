/**
 * Per-request context (request id, user, campaign) carried through async calls with AsyncLocalStorage, so code far
 * from the controller (the Temporal client wrapper, the audit writer) can attach the request id to what it sends.
 */
import { AsyncLocalStorage } from 'async_hooks';
import { randomUUID } from 'crypto';

export interface RequestContext {
  requestId: string;
  userId?: string;
  campaignId?: string;
}

const storage = new AsyncLocalStorage<RequestContext>();

export const REQUEST_ID_HEADER = 'x-request-id';

/** An incoming X-Request-Id is kept when it is a sane token (≤ 128 of [A-Za-z0-9._:-]); otherwise a UUID is generated. */
export function acceptRequestId(incoming: unknown): string {
  const v = Array.isArray(incoming) ? incoming[0] : incoming;
  return typeof v === 'string' && /^[A-Za-z0-9._:-]{1,128}$/.test(v) ? v : randomUUID();
}

export function runWithRequestContext<T>(ctx: RequestContext, fn: () => T): T {
  return storage.run(ctx, fn);
}

export function currentRequestContext(): RequestContext | undefined {
  return storage.getStore();
}

export function currentRequestId(): string | undefined {
  return storage.getStore()?.requestId;
}
