/**
 * Keyed hash chain of the audit trail: hash = HMAC-SHA256(key, prevHash + canonical JSON of the record's fields).
 * The key (AUDIT_HMAC_KEY) lives in the apps' configuration, never in the database, so someone who can write the
 * table — even its owner — cannot recompute a valid chain after changing, inserting or re-hashing records. Deleting
 * the newest records keeps the rest of the chain valid; that is caught by comparing with the checkpoint (count and
 * head hash) the campaign's workflow keeps in its history, which the database owner cannot rewrite.
 */
import { createHmac } from 'crypto';

export const GENESIS_HASH = '0'.repeat(64);

export interface HashableAuditRecord {
  campaignId: string;
  seq: number;
  at: string; // ISO UTC
  actorId: string;
  actorName: string;
  actorRoles: string[];
  actorUnitId: string | null;
  onBehalfOf: string | null;
  action: string;
  taskId: string | null;
  indicatorCode: string | null;
  step: number | null;
  outcome: string;
  reason: string | null;
  comment: string | null;
  workflowId: string | null;
  updateId: string | null;
  detail: unknown;
  /** The campaign's organization (tenant), stored on the record; hashed from hash version 2 on. */
  organizationId?: string | null;
  /** Which fields the HMAC covers: 1 = records written before the organization was stored (without it), 2 = with it. */
  hashVersion?: number;
}

/** The hash version new records are written with. */
export const CURRENT_HASH_VERSION = 2;

/**
 * What the HMAC covers, by the record's hash version: version 1 (records written before the organization was stored
 * on them) exactly the fields it always covered, so old chains keep verifying; version 2 also the organization and
 * the version itself (a record relabelled as version 1 no longer matches its hash).
 */
export function hashPayload(r: HashableAuditRecord): Record<string, unknown> {
  const { organizationId, hashVersion, ...v1 } = r;
  const version = hashVersion ?? 1;
  if (version === 1) return v1;
  if (version === 2) return { ...v1, organizationId: organizationId ?? null, hashVersion: 2 };
  throw new Error(`unknown audit hash version ${version}`);
}

/** JSON with object keys sorted, so the same record always hashes the same. */
export function canonicalJson(value: unknown): string {
  if (value === null || value === undefined) return 'null';
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
  }
  return JSON.stringify(value);
}

export function auditHash(key: string, prevHash: string, r: HashableAuditRecord): string {
  return createHmac('sha256', key).update(prevHash).update(canonicalJson(hashPayload(r))).digest('hex');
}

export interface ChainRecord extends HashableAuditRecord {
  prevHash: string;
  hash: string;
}

/** The chain's head as the workflow saw it after its last append: records 1..seq, the last with this hash. */
export interface AuditCheckpoint {
  seq: number;
  hash: string;
}

export interface ChainVerdict {
  valid: boolean;
  count: number;
  /** First record (seq) that does not verify; for a missing tail, the first missing seq. */
  brokenAt?: number;
  /** Each problem found, in words. */
  problems?: string[];
}

/**
 * Check a campaign's records (in seq order): each links to the previous one and carries the HMAC of its content;
 * with a checkpoint, the chain must also reach it (no tail deleted) and pass through it (no record replaced or
 * inserted before it).
 */
export function verifyChain(key: string, records: ChainRecord[], checkpoint?: AuditCheckpoint | null): ChainVerdict {
  const problems: string[] = [];
  let brokenAt: number | undefined;
  let prev = GENESIS_HASH;
  let expectedSeq = 1;
  for (const r of records) {
    const { prevHash, hash, ...fields } = r;
    if (r.seq !== expectedSeq) {
      problems.push(`记录 #${expectedSeq} 缺失或顺序错误 (record #${expectedSeq} missing or out of order; found #${r.seq})`);
      brokenAt = expectedSeq;
      break;
    }
    let matches: boolean;
    try {
      matches = prevHash === prev && auditHash(key, prevHash, fields) === hash;
    } catch {
      matches = false; // an unknown hash version
    }
    if (!matches) {
      problems.push(`记录 #${r.seq} 被修改、伪造或重新计算过哈希 (record #${r.seq} was altered, forged or re-hashed)`);
      brokenAt = r.seq;
      break;
    }
    prev = hash;
    expectedSeq++;
  }
  if (checkpoint && checkpoint.seq > 0) {
    const at = records[checkpoint.seq - 1];
    if (records.length < checkpoint.seq) {
      problems.push(
        `记录被删除：流程检查点记录了 ${checkpoint.seq} 条，数据库只有 ${records.length} 条 (the workflow's checkpoint has ${checkpoint.seq} records, the database ${records.length}: records were deleted)`,
      );
      brokenAt = Math.min(brokenAt ?? Infinity, records.length + 1);
    } else if (!at || at.seq !== checkpoint.seq || at.hash !== checkpoint.hash) {
      problems.push(`记录 #${checkpoint.seq} 与流程检查点不一致 (record #${checkpoint.seq} differs from the workflow's checkpoint)`);
      brokenAt = Math.min(brokenAt ?? Infinity, checkpoint.seq);
    }
  }
  return problems.length ? { valid: false, count: records.length, brokenAt, problems } : { valid: true, count: records.length };
}
