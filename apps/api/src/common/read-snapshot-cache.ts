import { Injectable } from '@nestjs/common';
import { createHash } from 'crypto';
import { DatabaseProbeRepository } from '@eco/persistence';

/**
 * Calls for a key that arrive before its query is sent share that query: the first call schedules it (setImmediate),
 * every call until then joins it, the next call after it was sent schedules another. Each caller therefore gets an
 * answer read after it arrived — what committed before the request is in it — with one query per batch instead of
 * one per request.
 */
export class Coalescer<K, V> {
  private readonly waiting = new Map<K, Promise<V>>();

  constructor(private readonly run: (key: K) => Promise<V>) {}

  get(key: K): Promise<V> {
    let p = this.waiting.get(key);
    if (!p) {
      p = new Promise<V>((resolve, reject) =>
        setImmediate(() => {
          this.waiting.delete(key); // sent now: later callers need a later read
          // a run that throws instead of rejecting still settles the callers' promise
          Promise.resolve()
            .then(() => this.run(key))
            .then(resolve, reject);
        }),
      );
      this.waiting.set(key, p);
    }
    return p;
  }
}

/** A cached answer: its JSON text, a strong validator of that text and the headers that go with it. */
export interface CachedAnswer {
  json: string;
  etag: string;
  headers?: Record<string, string>;
  /**
   * Date.now() from which the answer is no longer good although nothing was committed: for answers that depend on the
   * clock as well (the inbox shows a reminder written ahead once its instant has come).
   */
  expiresAt?: number;
}

/** A query's defined fields in a stable order (whatever fields its DTO gains later): part of a cached answer's key. */
export function queryKey(q: object): string {
  return JSON.stringify(Object.entries(q).filter(([, v]) => v !== undefined).sort(([a], [b]) => (a < b ? -1 : 1)));
}

export function answerOf(body: unknown, headers?: Record<string, string>, expiresAt?: number): CachedAnswer {
  const json = JSON.stringify(body);
  return { json, etag: `"${createHash('sha1').update(json).digest('base64url').slice(0, 22)}"`, headers, expiresAt };
}

/** A database snapshot as seen by one query, with the order in which such queries were sent. */
export interface Snapshot {
  text: string;
  seq: number;
}

export interface SnapshotCacheLimits {
  entries: number;
  maxChars: number;
}

/**
 * The cache itself, without I/O (unit-tested). Answers are kept for one database snapshot only (`xmin:xmax:xip` of
 * `pg_current_snapshot()`): two equal snapshots see exactly the same committed data, and every commit or abort of a
 * writing transaction changes the snapshot, so an answer built after snapshot S is the answer any later request whose
 * own snapshot is still S would build. A newer snapshot drops every answer (they can never match again).
 */
export class SnapshotCacheCore {
  private gen: { snapshot: Snapshot; answers: Map<string, CachedAnswer>; chars: number } | undefined;

  constructor(
    private readonly stamp: () => Promise<Snapshot>,
    readonly limits: SnapshotCacheLimits = { entries: 20000, maxChars: 64 * 1024 * 1024 },
    private readonly now: () => number = Date.now,
  ) {}

  /** The answer for `key` as of the database now: from memory when nothing was committed since it was built. */
  async get(key: string, build: () => Promise<CachedAnswer>): Promise<CachedAnswer> {
    const snap = await this.stamp();
    if (!this.gen || snap.seq > this.gen.snapshot.seq) {
      if (!this.gen || snap.text !== this.gen.snapshot.text) this.gen = { snapshot: snap, answers: new Map(), chars: 0 };
      else this.gen.snapshot = snap;
    }
    if (this.gen.snapshot.text === snap.text) {
      const hit = this.gen.answers.get(key);
      if (hit && (hit.expiresAt === undefined || this.now() < hit.expiresAt)) return hit;
    }
    const answer = await build();
    // kept only if the snapshot it was read after is still the newest known one
    const g = this.gen;
    if (g && g.snapshot.text === snap.text) {
      const old = g.answers.get(key);
      const stale = old !== undefined && old.expiresAt !== undefined && this.now() >= old.expiresAt;
      if (stale) {
        g.answers.delete(key);
        g.chars -= old.json.length;
      }
      if (!g.answers.has(key) && g.answers.size < this.limits.entries && g.chars + answer.json.length <= this.limits.maxChars) {
        g.answers.set(key, answer);
        g.chars += answer.json.length;
      }
    }
    return answer;
  }

  get size(): { entries: number; chars: number } {
    return { entries: this.gen?.answers.size ?? 0, chars: this.gen?.chars ?? 0 };
  }
}

/**
 * Reads that span rows of many tables (the inbox across campaigns, an audit page, the campaign list) served from
 * memory while the database has not changed: each request asks PostgreSQL for its current snapshot — one query shared
 * by the requests that arrived before it was sent (Coalescer) — and gets the answer built at that snapshot, if any.
 * Any committed write anywhere drops them all (a busy database mostly misses; a read-heavy moment mostly hits). Access
 * is never cached: the caller decides it per request and keys the answer by everything it depends on (who asks, the
 * query). Per process: every API process has its own and each checks the database per request.
 */
@Injectable()
export class ReadSnapshotCache {
  readonly core: SnapshotCacheCore;
  private seq = 0;

  constructor(probe: DatabaseProbeRepository) {
    const coalescer = new Coalescer<0, Snapshot>(async () => {
      const seq = ++this.seq;
      return { text: await probe.snapshot(), seq };
    });
    this.core = new SnapshotCacheCore(() => coalescer.get(0));
  }

  get(key: string, build: () => Promise<CachedAnswer>): Promise<CachedAnswer> {
    return this.core.get(key, build);
  }
}

/**
 * Sends a cached answer (this cache's, or CampaignReadCache's body): JSON with its ETag and headers, revalidated on
 * every use (`no-cache`) and kept by the reader only (`private`: it depends on who asks). A request whose
 * If-None-Match names it gets 304 without a body (express).
 */
export function sendCached(res: { setHeader(name: string, value: string): unknown }, a: Pick<CachedAnswer, 'json' | 'etag' | 'headers'>): string {
  res.setHeader('Content-Type', 'application/json; charset=utf-8');
  res.setHeader('ETag', a.etag);
  res.setHeader('Cache-Control', 'private, no-cache');
  for (const [k, v] of Object.entries(a.headers ?? {})) res.setHeader(k, v);
  return a.json;
}
