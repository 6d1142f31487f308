import { auditHash, canonicalJson, ChainRecord, GENESIS_HASH, HashableAuditRecord, verifyChain } from './audit-hash';

function chain(n: number): ChainRecord[] {
  const out: ChainRecord[] = [];
  let prev = GENESIS_HASH;
  for (let i = 1; i <= n; i++) {
    const f: HashableAuditRecord = {
      campaignId: 'c1', seq: i, at: `2026-01-0${i}T00:00:00.000Z`, actorId: 'u1', actorName: '张三', actorRoles: ['unit'],
      actorUnitId: 'qu-shuiwuju', onBehalfOf: null, action: 'submit', taskId: `indicator:${i}`, indicatorCode: String(i),
      step: null, outcome: 'accepted', reason: null, comment: '已报送', workflowId: 'campaign-c1', updateId: `u${i}`, detail: { b: 1, a: [1, 2] },
    };
    const hash = auditHash(prev, f);
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
    expect(verifyChain(chain(4))).toEqual({ valid: true, count: 4 });
  });

  it('finds a record whose content was altered', () => {
    const c = chain(4);
    c[2] = { ...c[2], comment: '篡改' };
    expect(verifyChain(c)).toEqual({ valid: false, count: 4, brokenAt: 3 });
  });

  it('finds a removed record', () => {
    const c = chain(4);
    c.splice(1, 1);
    expect(verifyChain(c).brokenAt).toBe(3);
  });
});
