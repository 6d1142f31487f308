import { Injectable } from '@nestjs/common';
import { randomBytes } from 'crypto';
import { CampaignRepository, type CampaignEntity } from '@eco/persistence';
import { Coalescer } from '../common/read-snapshot-cache';

/** A campaign's state as of one projection: its row and the answers already serialised from it, by variant. */
interface Entry {
  key: string;
  row: CampaignEntity;
  bodies: Map<string, CachedBody>;
  bytes: number;
}

export interface CachedBody {
  /** The JSON text of the answer. */
  json: string;
  /** Strong validator of this answer (changes with the projection and with the variant: who sees what). */
  etag: string;
}

export interface ReadCacheLimits {
  /** Campaigns kept (least recently used dropped first). */
  campaigns: number;
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

const DEFAULT_LIMITS: ReadCacheLimits = { campaigns: 500, bodiesPerCampaign: 64, maxChars: 64 * 1024 * 1024 };

/** The state key of a campaign row: version and update time of its projection, and its organization (tenancy). */
export function stateKey(s: { version: number; updatedAt: Date; organizationId: string | null }): string {
  return `${s.version}.${s.updatedAt.getTime()}.${s.organizationId ?? ''}`;
}

/**
 * The campaign read model by revision, in memory. Every read first asks PostgreSQL for the campaign's stamp (one
 * primary-key read of three columns: version, updated_at, organization_id — see CampaignRepository.stamp) and answers
 * from memory only when it matches the state cached: the row with its snapshot is parsed once per projection, not per
 * request, and each answer variant (the office's detail, a unit's view, a task-list filter) is serialised once.
 * Access is never cached: the caller decides it per request from the actor and the current organization.
 */
@Injectable()
export class CampaignReadCache {
  private readonly entries = new Map<string, Entry>();
  private chars = 0;
  readonly limits: ReadCacheLimits;

  /** Stamp reads of one campaign shared by the requests that arrived before the read was sent (still one per request's arrival). */
  private readonly stamps: Coalescer<string, Awaited<ReturnType<CampaignRepository['stamp']>>>;

  constructor(private readonly campaigns: CampaignRepository) {
    this.limits = DEFAULT_LIMITS;
    this.stamps = new Coalescer((id) => this.campaigns.stamp(id));
  }

  /** The campaign's current row (null: no such campaign). Not to be mutated: it is shared between requests. */
  async row(id: string): Promise<CampaignEntity | null> {
    const stamp = await this.stamps.get(id);
    if (!stamp) {
      this.drop(id);
      return null;
    }
    const key = stateKey(stamp);
    const hit = this.entries.get(id);
    if (hit && hit.key === key) {
      this.entries.delete(id); // most recently used last
      this.entries.set(id, hit);
      return hit.row;
    }
    const row = await this.campaigns.get(id);
    if (!row) {
      this.drop(id);
      return null;
    }
    this.drop(id);
    this.entries.set(id, { key: stateKey(row), row, bodies: new Map(), bytes: 0 });
    this.trim();
    return row;
  }

  /**
   * The answer `variant` for this row (as returned by `row`), serialised once per campaign state. `build` runs on a
   * miss; when the row is no longer the cached state (a newer projection arrived meanwhile), nothing is kept.
   */
  async body(row: CampaignEntity, variant: string, build: () => unknown | Promise<unknown>): Promise<CachedBody> {
    const key = stateKey(row);
    const entry = this.entries.get(row.id);
    const cached = entry?.key === key ? entry.bodies.get(variant) : undefined;
    if (cached) return cached;
    const json = JSON.stringify(await build());
    const body: CachedBody = { json, etag: `"${BOOT}.${key}.${Buffer.from(variant).toString('base64url')}"` };
    const now = this.entries.get(row.id);
    if (now && now.key === key && now.bodies.size < this.limits.bodiesPerCampaign) {
      now.bodies.set(variant, body);
      now.bytes += json.length;
      this.chars += json.length;
      this.trim();
    }
    return body;
  }

  /** Cached campaigns and characters (tests, metrics). */
  get size(): { campaigns: number; chars: number } {
    return { campaigns: this.entries.size, chars: this.chars };
  }

  private drop(id: string): void {
    const e = this.entries.get(id);
    if (!e) return;
    this.chars -= e.bytes;
    this.entries.delete(id);
  }

  private trim(): void {
    for (const id of this.entries.keys()) {
      if (this.entries.size <= this.limits.campaigns && this.chars <= this.limits.maxChars) return;
      this.drop(id);
    }
  }
}
