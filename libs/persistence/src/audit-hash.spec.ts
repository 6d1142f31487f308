import { createHmac } from 'crypto';
import { auditHash, canonicalJson, ChainRecord, GENESIS_HASH, HashableAuditRecord, verifyChain } from './audit-hash';

const KEY = 'test-audit-key-0123456789';

function chain(n: number, key = KEY): ChainRecord[] {
  const out: ChainRecord[] = [];
  let prev = GENESIS_HASH;
  for (let i = 1; i <= n; i++) {
    const f: HashableAuditRecord = {
      campaignId: 'c1', seq: i, at: `2026-01-0${i}T00:00:00.000Z`, actorId: 'u1', actorName: '张三', actorRoles: ['unit'],
      actorUnitId: 'qu-shuiwuju', onBehalfOf: null, action: 'submit', taskId: `indicator:${i}`, indicatorCode: String(i),
      step: null, outcome: 'accepted', reason: null, comment: '已报送', workflowId: 'campaign-c1', updateId: `u${i}`, detail: { b: 1, a: [1, 2] },
    };
    const hash = auditHash(key, prev, f);
    out.push({ ...f, prevHash: prev, hash });
    prev = hash;
  }
  return out;
}

describe('audit hash chain', () => {
  it('canonical JSON sorts keys at every depth', () => {
    expect(canonicalJson({ b: 1, a: { d: 2, c: [3, { f: 1, e: 0 }] } })).toBe('{"a":{"c":[3,{"e":0,"f":1}],"d":2},"b":1}');
  });

  it('verifies an intact chain', () => {
    expect(verifyChain(KEY, chain(4))).toEqual({ valid: true, count: 4 });
  });

  it('finds a record whose content was altered', () => {
    const c = chain(4);
    c[2] = { ...c[2], comment: '篡改' };
    expect(verifyChain(KEY, c)).toMatchObject({ valid: false, count: 4, brokenAt: 3 });
  });

  it('finds a removed record', () => {
    const c = chain(4);
    c.splice(1, 1);
    expect(verifyChain(KEY, c).brokenAt).toBe(2);
  });

  it('a chain re-computed without the key (or with another key) does not verify', () => {
    expect(verifyChain(KEY, chain(3, 'another-key-0123456789'))).toMatchObject({ valid: false, brokenAt: 1 });
  });

  it('a deleted tail is caught by the workflow checkpoint; the intact prefix alone would verify', () => {
    const c = chain(5);
    const checkpoint = { seq: 5, hash: c[4].hash };
    expect(verifyChain(KEY, c, checkpoint)).toEqual({ valid: true, count: 5 });
    expect(verifyChain(KEY, c.slice(0, 3))).toMatchObject({ valid: true });
    expect(verifyChain(KEY, c.slice(0, 3), checkpoint)).toMatchObject({ valid: false, brokenAt: 4, problems: [expect.stringContaining('deleted')] });
  });

  it('a checkpoint that does not match the record at its position is reported', () => {
    const c = chain(3);
    expect(verifyChain(KEY, c, { seq: 2, hash: 'f'.repeat(64) })).toMatchObject({ valid: false, brokenAt: 2 });
  });

  describe('hash versions: the organization stored on the record', () => {
    const base = (seq: number): HashableAuditRecord => ({
      campaignId: 'c1', seq, at: '2026-12-01T00:00:00.000Z', actorId: 'u1', actorName: '张三', actorRoles: ['office'], actorUnitId: null,
      onBehalfOf: null, action: 'moveDeadlines', taskId: null, indicatorCode: null, step: null, outcome: 'accepted', reason: '顺延', comment: null,
      workflowId: 'campaign-c1', updateId: null, detail: { phase: 'mobilization' },
    });
    const link = (records: HashableAuditRecord[]): ChainRecord[] => {
      let prev = GENESIS_HASH;
      return records.map((f) => {
        const hash = auditHash(KEY, prev, f);
        const r = { ...f, prevHash: prev, hash };
        prev = hash;
        return r;
      });
    };

    it('a version-1 record hashes exactly as before the organization existed (its backfilled organization is outside the HMAC)', () => {
      const { organizationId: _o, hashVersion: _v, ...old } = { ...base(1), organizationId: 'sishui', hashVersion: 1 };
      const before = createHmac('sha256', KEY).update(GENESIS_HASH).update(canonicalJson(old)).digest('hex');
      expect(auditHash(KEY, GENESIS_HASH, { ...base(1), organizationId: 'sishui', hashVersion: 1 })).toBe(before);
      expect(auditHash(KEY, GENESIS_HASH, base(1))).toBe(before); // no version = version 1
    });

    it('a chain of version-1 records followed by version-2 records verifies; version 2 covers the organization and the version', () => {
      const c = link([{ ...base(1), organizationId: 'sishui', hashVersion: 1 }, { ...base(2), organizationId: 'sishui', hashVersion: 2 }, { ...base(3), organizationId: 'sishui', hashVersion: 2 }]);
      expect(verifyChain(KEY, c)).toEqual({ valid: true, count: 3 });
      expect(verifyChain(KEY, c.map((r) => (r.seq === 2 ? { ...r, organizationId: 'yanzhou' } : r)))).toMatchObject({ valid: false, brokenAt: 2 });
      expect(verifyChain(KEY, c.map((r) => (r.seq === 3 ? { ...r, hashVersion: 1 } : r)))).toMatchObject({ valid: false, brokenAt: 3 });
      expect(verifyChain(KEY, c.map((r) => (r.seq === 3 ? { ...r, hashVersion: 7 } : r)))).toMatchObject({ valid: false, brokenAt: 3 });
    });
  });
});
