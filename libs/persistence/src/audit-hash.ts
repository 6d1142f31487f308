/** Hash chain of the audit trail: hash = sha256(prevHash + canonical JSON of the record's fields). */
import { createHash } from 'crypto';

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

export function auditHash(prevHash: string, r: HashableAuditRecord): string {
  return createHash('sha256').update(prevHash).update(canonicalJson(r)).digest('hex');
}

export interface ChainRecord extends HashableAuditRecord {
  prevHash: string;
  hash: string;
}

/** Check a campaign's records (in seq order): each links to the previous one and hashes to its stored hash. */
export function verifyChain(records: ChainRecord[]): { valid: boolean; count: number; brokenAt?: number } {
  let prev = GENESIS_HASH;
  let expectedSeq = 1;
  for (const r of records) {
    const { prevHash, hash, ...fields } = r;
    if (r.seq !== expectedSeq || prevHash !== prev || auditHash(prevHash, fields) !== hash) {
      return { valid: false, count: records.length, brokenAt: r.seq };
    }
    prev = hash;
    expectedSeq++;
  }
  return { valid: true, count: records.length };
}
