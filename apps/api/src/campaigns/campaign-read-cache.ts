import { Injectable } from '@nestjs/common';
import { randomBytes } from 'crypto';
import { withRowTimes } from '@eco/domain';
import { CampaignRepository, type CampaignEntity, type CampaignHead } from '@eco/persistence';
import { Coalescer } from '../common/read-snapshot-cache';

/**
 * A campaign's state as of one projection: its row's head (what access and most answers need), the whole row with its
 * parsed snapshot once an answer needed it, and the answers already serialised from that state, by variant.
 */
interface Entry {
  key: string;
  /**
   * Date.now() from which its answers no longer hold although nothing was written: the next instant one of the
   * campaign's live tasks comes due (it then reads overdue: @eco/domain engine/overdue). Part of every ETag.
   */
  goodUntil: number;
  head: CampaignHead;
  row?: CampaignEntity;
  bodies: Map<string, CachedBody>;
  bytes: number;
}

export interface CachedBody {
  /** The JSON text of the answer. */
  json: string;
  /** Strong validator of this answer (changes with the projection and with the variant: who sees what). */
  etag: string;
  /** Headers that belong to the answer (X-Total-Count of a page). */
  headers?: Record<string, string>;
}

const WITH_HEADERS = Symbol('withHeaders');
/** An answer's value with the headers that belong to it (a page and its X-Total-Count), for `body`'s build. */
export function withHeaders(value: unknown, headers: Record<string, string>): unknown {
  return { [WITH_HEADERS]: true, value, headers };
}
function split(built: unknown): { value: unknown; headers?: Record<string, string> } {
  if (built && typeof built === 'object' && WITH_HEADERS in built) return built as unknown as { value: unknown; headers: Record<string, string> };
  return { value: built };
}

export interface ReadCacheLimits {
  /** Campaigns kept (least recently used dropped first). */
  campaigns: number;
  /** Of those, campaigns whose whole row (the parsed snapshot) is kept as well (least recently used dropped first). */
  rows: number;
  /** Answers kept per campaign state (variants: office / unit views, task-list filters). */
  bodiesPerCampaign: number;
  /** Total characters of cached answers. */
  maxChars: number;
}

/**
 * In every ETag: an answer's shape may change with the API's code while the campaign's state does not, so a copy
 * cached by a browser is fresh only for the process that made it (and another process answers 200 once).
 */
const BOOT = randomBytes(6).toString('base64url');

const DEFAULT_LIMITS: ReadCacheLimits = { campaigns: 5_000, rows: 500, bodiesPerCampaign: 64, maxChars: 64 * 1024 * 1024 };

/** The variant of the office's campaign detail: on a miss it is the text the projection stored (no snapshot parsed). */
export const OFFICE_DETAIL = 'view:full';

/** The state key of a campaign row: version and update time of its projection, and its organization (tenancy). */
export function stateKey(s: { version: number; updatedAt: Date; organizationId: string | null }): string {
  return `${s.version}.${s.updatedAt.getTime()}.${s.organizationId ?? ''}`;
}

/**
 * The campaign read model by revision, in memory. Every read of a cached campaign first asks PostgreSQL for its stamp
 * (one primary-key read of three columns: version, updated_at, organization_id — see CampaignRepository.stamp) and
 * answers from memory only when it matches the state cached. A campaign not cached, or whose stamp moved, is read in
 * one query without its snapshot (CampaignRepository.headWithDetail): its head, and the office's detail answer as the
 * text the projection stored beside the snapshot — so the office's view of any campaign costs one read and no JSON
 * parsing, however many campaigns there are. The snapshot is read and parsed only for the answers built from it (a
 * unit's view, the gate), once per projection; each answer variant (the office's detail, a unit's view, a task-list
 * filter) is serialised once. Access is never cached: the caller decides it per request from the actor and the
 * current organization.
 */
@Injectable()
export class CampaignReadCache {
  private readonly entries = new Map<string, Entry>();
  /** Ids of the entries that hold their whole row, least recently used first. */
  private readonly withRows = new Set<string>();
  private chars = 0;
  readonly limits: ReadCacheLimits;

  /** Stamp reads of one campaign shared by the requests that arrived before the read was sent (still one per request's arrival). */
  private readonly stamps: Coalescer<string, Awaited<ReturnType<CampaignRepository['stamp']>>>;
  /** Head reads likewise. */
  private readonly heads: Coalescer<string, Awaited<ReturnType<CampaignRepository['headWithDetail']>>>;

  constructor(private readonly campaigns: CampaignRepository) {
    this.limits = { ...DEFAULT_LIMITS };
    this.stamps = new Coalescer((id) => this.campaigns.stamp(id));
    this.heads = new Coalescer((id) => this.campaigns.headWithDetail(id));
  }

  /** The campaign's current head: its row without the snapshot (null: no such campaign). Shared: not to be mutated. */
  async head(id: string): Promise<CampaignHead | null> {
    if (this.entries.has(id)) {
      const stamp = await this.stamps.get(id);
      if (!stamp) {
        this.drop(id);
        return null;
      }
      const hit = this.entries.get(id);
      if (hit && hit.key === stateKey(stamp) && Date.now() < hit.goodUntil) {
        this.touch(id, hit);
        return hit.head;
      }
    }
    const read = await this.heads.get(id);
    if (!read) {
      this.drop(id);
      return null;
    }
    const key = stateKey(read.head);
    const goodUntil = read.nextDueAt ? read.nextDueAt.getTime() : Infinity;
    const now = this.entries.get(id);
    if (now?.key === key && now.goodUntil === goodUntil) return now.head; // a concurrent request stored this state already
    this.drop(id);
    const entry: Entry = { key, goodUntil, head: read.head, bodies: new Map(), bytes: 0 };
    this.entries.set(id, entry);
    if (read.detailJson !== null) this.keep(entry, OFFICE_DETAIL, withRowTimes(read.detailJson, read.head.createdAt, read.head.updatedAt));
    this.trim();
    return read.head;
  }

  /**
   * The whole row, with its parsed snapshot, of a campaign whose head `head` just returned (null: gone since). Kept
   * with that state; a row newer than it (a projection in between) is returned but not kept. Shared: not to be mutated.
   */
  async row(head: CampaignHead): Promise<CampaignEntity | null> {
    const entry = this.entries.get(head.id);
    if (entry?.key === stateKey(head) && entry.row) return entry.row;
    const row = await this.campaigns.get(head.id);
    if (!row) {
      this.drop(head.id);
      return null;
    }
    const now = this.entries.get(head.id);
    if (now?.key !== stateKey(row)) return row;
    now.row ??= row;
    this.touch(head.id, now); // most recently used: trimming drops others' parsed rows first
    this.trim();
    return now.row ?? row;
  }

  /** The answer `variant` of this campaign state when it is cached (no build). */
  cached(state: CampaignHead, variant: string): CachedBody | undefined {
    const entry = this.entries.get(state.id);
    return entry?.key === stateKey(state) && Date.now() < entry.goodUntil ? entry.bodies.get(variant) : undefined;
  }

  /**
   * The answer `variant` for this campaign state (a head or row as returned by `head` / `row`), serialised once per
   * state. `build` runs on a miss; when the state is no longer the cached one (a newer projection arrived meanwhile),
   * nothing is kept.
   */
  async body(state: CampaignHead, variant: string, build: () => unknown | Promise<unknown>): Promise<CachedBody> {
    const cached = this.cached(state, variant);
    if (cached) return cached;
    const key = stateKey(state);
    const { value, headers } = split(await build());
    const json = JSON.stringify(value);
    const now = this.entries.get(state.id);
    if (now && now.key === key) {
      const kept = this.keep(now, variant, json, headers);
      this.trim();
      if (kept) return kept;
    }
    return { json, etag: etagOf(now && now.key === key ? `${key}.${now.goodUntil}` : `${key}.${Date.now()}`, variant), ...(headers ? { headers } : {}) };
  }

  /** Cached campaigns, whole rows among them, and characters (tests, metrics). */
  get size(): { campaigns: number; rows: number; chars: number } {
    return { campaigns: this.entries.size, rows: this.withRows.size, chars: this.chars };
  }

  private keep(entry: Entry, variant: string, json: string, headers?: Record<string, string>): CachedBody | undefined {
    if (entry.bodies.size >= this.limits.bodiesPerCampaign) return undefined;
    const body: CachedBody = { json, etag: etagOf(`${entry.key}.${entry.goodUntil}`, variant), ...(headers ? { headers } : {}) };
    entry.bodies.set(variant, body);
    entry.bytes += json.length;
    this.chars += json.length;
    return body;
  }

  /** Most recently used last (and among the entries with their row). */
  private touch(id: string, e: Entry): void {
    this.entries.delete(id);
    this.entries.set(id, e);
    this.withRows.delete(id);
    if (e.row) this.withRows.add(id);
  }

  private drop(id: string): void {
    const e = this.entries.get(id);
    if (!e) return;
    this.chars -= e.bytes;
    this.withRows.delete(id);
    this.entries.delete(id);
  }

  private trim(): void {
    for (const id of this.entries.keys()) {
      if (this.entries.size <= this.limits.campaigns && this.chars <= this.limits.maxChars) break;
      this.drop(id);
    }
    // the parsed snapshots go first; the heads and the answers stay
    for (const id of this.withRows) {
      if (this.withRows.size <= this.limits.rows) break;
      this.withRows.delete(id);
      const e = this.entries.get(id);
      if (e) e.row = undefined;
    }
  }
}

/** Strong validator of an answer: the process, the campaign state and the variant (who sees what). */
function etagOf(key: string, variant: string): string {
  return `"${BOOT}.${key}.${Buffer.from(variant).toString('base64url')}"`;
}
