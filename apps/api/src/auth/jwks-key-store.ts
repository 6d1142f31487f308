/**
 * Public keys of an identity provider, fetched from its JWKS URL (RFC 7517) with node:crypto and
 * the global fetch, and cached. An unknown `kid` triggers one refetch (key rotation), at most
 * once per `minRefreshMs`; when a refetch fails the keys already held keep working.
 */
import { createPublicKey, JsonWebKey, KeyObject } from 'crypto';

/** The JWKS could not be read (the provider is down or answers garbage): not the caller's fault. */
export class JwksUnavailableError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'JwksUnavailableError';
  }
}

export interface JwksKeyStoreOptions {
  /** Keys older than this are refetched before use (default 10 min). */
  maxAgeMs?: number;
  /** Minimum time between two fetches (default 30 s). */
  minRefreshMs?: number;
  /** Fetch timeout (default 5 s). */
  timeoutMs?: number;
  now?: () => number;
}

interface Jwk extends JsonWebKey {
  kid?: string;
  use?: string;
  alg?: string;
}

export class JwksKeyStore {
  private keys = new Map<string, KeyObject>();
  private fetchedAt: number | undefined;
  private attemptedAt: number | undefined;
  private inflight: Promise<void> | undefined;
  private readonly maxAgeMs: number;
  private readonly minRefreshMs: number;
  private readonly timeoutMs: number;
  private readonly now: () => number;

  constructor(
    readonly url: string,
    opts: JwksKeyStoreOptions = {},
  ) {
    this.maxAgeMs = opts.maxAgeMs ?? 10 * 60_000;
    this.minRefreshMs = opts.minRefreshMs ?? 30_000;
    this.timeoutMs = opts.timeoutMs ?? 5_000;
    this.now = opts.now ?? Date.now;
  }

  /**
   * The RS256 verification key for `kid` (or the only key when the token names none).
   * Returns undefined when the provider does not publish such a key.
   */
  async key(kid: string | undefined): Promise<KeyObject | undefined> {
    const stale = this.fetchedAt === undefined || this.now() - this.fetchedAt > this.maxAgeMs;
    if (stale) await this.refresh(this.keys.size === 0);
    let found = this.find(kid);
    if (!found && !stale) {
      await this.refresh(false);
      found = this.find(kid);
    }
    return found;
  }

  private find(kid: string | undefined): KeyObject | undefined {
    if (kid !== undefined) return this.keys.get(kid);
    return this.keys.size === 1 ? [...this.keys.values()][0] : undefined;
  }

  /** Refetch unless one was attempted within `minRefreshMs`. `mustSucceed`: throw when no keys could be had. */
  private async refresh(mustSucceed: boolean): Promise<void> {
    if (this.attemptedAt !== undefined && this.now() - this.attemptedAt < this.minRefreshMs) {
      if (mustSucceed && this.keys.size === 0) throw new JwksUnavailableError(`JWKS ${this.url} is unavailable (retrying shortly)`);
      return;
    }
    this.inflight ??= this.fetchKeys().finally(() => (this.inflight = undefined));
    try {
      await this.inflight;
    } catch (e) {
      if (mustSucceed || this.keys.size === 0) throw e;
    }
  }

  private async fetchKeys(): Promise<void> {
    this.attemptedAt = this.now();
    let body: unknown;
    try {
      const res = await fetch(this.url, { signal: AbortSignal.timeout(this.timeoutMs), headers: { accept: 'application/json' } });
      if (!res.ok) throw new Error(`HTTP ${res.status}`);
      body = await res.json();
    } catch (e) {
      throw new JwksUnavailableError(`cannot read JWKS ${this.url}: ${e instanceof Error ? e.message : String(e)}`);
    }
    const list = (body as { keys?: unknown })?.keys;
    if (!Array.isArray(list)) throw new JwksUnavailableError(`JWKS ${this.url} has no "keys" array`);
    const keys = new Map<string, KeyObject>();
    list.forEach((jwk: Jwk, i) => {
      if (!jwk || jwk.kty !== 'RSA' || (jwk.use !== undefined && jwk.use !== 'sig') || (jwk.alg !== undefined && jwk.alg !== 'RS256')) return;
      try {
        keys.set(jwk.kid ?? `#${i}`, createPublicKey({ key: jwk, format: 'jwk' }));
      } catch {
        /* a malformed key is skipped; the others stay usable */
      }
    });
    this.keys = keys;
    this.fetchedAt = this.now();
  }
}
