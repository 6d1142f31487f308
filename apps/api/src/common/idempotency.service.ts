import { BadRequestException, ConflictException, HttpException, Inject, Injectable } from '@nestjs/common';
import { createHash } from 'crypto';
import { APP_CONFIG, AppConfig } from '@eco/config';
import { ClaimOptions, IdempotencyRepository } from '@eco/persistence';

export interface IdempotentResult<T> {
  status: number;
  body: T;
  replayed: boolean;
}

/**
 * `Idempotency-Key` handling: the first answer (success or client error) to a key is stored and returned for every
 * retry with the same key and body; the action itself runs once. Also derives a Temporal update id from the key,
 * so even a retry racing the first attempt is deduplicated by the workflow.
 *
 * Recovery: a key is claimed with a lease (IDEMPOTENCY_LEASE_SECONDS). If the request dies (API crash, lost
 * connection) the claim is never answered; once its lease has expired, a retry with the same request takes the claim
 * over and runs the action again with the SAME update id — Temporal answers the first outcome instead of applying it
 * twice — then stores the answer. Keys are kept IDEMPOTENCY_RETENTION_HOURS (default 24 h), then forgotten.
 */
@Injectable()
export class IdempotencyService {
  private readonly claim: ClaimOptions;
  private lastPurge = 0;

  constructor(
    private readonly repo: IdempotencyRepository,
    @Inject(APP_CONFIG) config: AppConfig,
  ) {
    this.claim = { leaseSeconds: config.IDEMPOTENCY_LEASE_SECONDS, retentionSeconds: Math.round(config.IDEMPOTENCY_RETENTION_HOURS * 3600) };
  }

  static updateId(userId: string, key: string): string {
    return `idem-${createHash('sha256').update(`${userId}\u0000${key}`).digest('hex').slice(0, 32)}`;
  }

  async run<T>(userId: string, key: string | undefined, method: string, path: string, body: unknown, successStatus: number, fn: () => Promise<T>): Promise<IdempotentResult<T>> {
    if (!key) return { status: successStatus, body: await fn(), replayed: false };
    if (key.length > 200) throw new BadRequestException({ message: ['Idempotency-Key 最长 200 个字符 (Idempotency-Key must be at most 200 characters)'], error: 'Bad Request' });
    this.purgeNowAndThen();
    const requestHash = createHash('sha256').update(`${method} ${path} ${JSON.stringify(body ?? null)}`).digest('hex');
    const previous = await this.repo.claim(userId, key, method, path, requestHash, this.claim);
    if (previous) {
      if (previous.requestHash !== requestHash) {
        throw new ConflictException({ message: '同一 Idempotency-Key 已用于不同的请求 (Idempotency-Key reused with a different request)' });
      }
      if (previous.statusCode === null) {
        throw new ConflictException({
          message: `该请求正在处理中，请稍后重试 (a request with this Idempotency-Key is still in progress; retry after ${this.claim.leaseSeconds} s at the latest)`,
        });
      }
      if (previous.statusCode >= 400) throw new HttpException(previous.response as object, previous.statusCode);
      return { status: previous.statusCode, body: previous.response as T, replayed: true };
    }
    try {
      const result = await fn();
      await this.repo.complete(userId, key, successStatus, result);
      return { status: successStatus, body: result, replayed: false };
    } catch (e) {
      if (e instanceof HttpException && e.getStatus() < 500) {
        await this.repo.complete(userId, key, e.getStatus(), e.getResponse());
      } else {
        await this.repo.release(userId, key).catch(() => undefined);
      }
      throw e;
    }
  }

  /** Forget expired keys at most every ten minutes (in the background; a failure is retried next time). */
  private purgeNowAndThen(): void {
    if (Date.now() - this.lastPurge < 600_000) return;
    this.lastPurge = Date.now();
    this.repo.purgeExpired(this.claim.retentionSeconds).catch(() => (this.lastPurge = 0));
  }
}
