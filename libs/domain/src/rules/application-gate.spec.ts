import { checkApplicationGate, type ApplicationGateInput, type GateIndicator } from './application-gate';

function ind(code: string, over: Partial<GateIndicator> = {}): GateIndicator {
  return { code, name: `指标${code}`, attribute: 'binding', applicability: 'applicable', status: 'approved', ...over };
}

/** A campaign ready to apply: all binding indicators approved, vetoes attested, certificates present. */
function ready(): ApplicationGateInput {
  return {
    indicators: [
      ind('1', { name: '生态文明建设规划' }),
      ind('2', { name: '河长制' }),
      ind('3', { name: '生态环境信息公开率', attribute: 'reference', status: 'open' }),
      ind('C1', { name: '草原综合植被覆盖度', applicability: 'certificate-only', attribute: 'reference', status: 'open' }),
      ind('C2', { name: '受污染耕地安全利用率', applicability: 'certificate-only', status: 'open' }),
    ],
    vetoes: [
      { code: '23.1', text: '发生重、特大突发环境事件或生态破坏事件的', attestedAbsent: true },
      { code: '23.6', text: '创建工作中存在隐瞒事实的，或有关数据材料弄虚作假的', attestedAbsent: true },
    ],
    certificates: [
      { indicatorCode: 'C1', present: true },
      { indicatorCode: 'C2', present: true },
    ],
  };
}

describe('checkApplicationGate', () => {
  it('allows the application when everything is in place (reference indicators do not block)', () => {
    expect(checkApplicationGate(ready())).toEqual({ allowed: true, missing: [] });
  });

  it.each([
    ['open', /尚未提交/],
    ['submitted', /尚未审核通过/],
    ['returned', /退回/],
    ['cancelled', /取消/],
  ] as const)('refuses while a binding indicator is %s', (status, reason) => {
    const input = ready();
    input.indicators[1] = ind('2', { name: '河长制', status });
    const res = checkApplicationGate(input);
    expect(res.allowed).toBe(false);
    expect(res.missing).toHaveLength(1);
    expect(res.missing[0]).toMatchObject({ kind: 'binding-indicator', code: '2', name: '河长制' });
    expect(res.missing[0].reason).toMatch(reason);
  });

  it('refuses while a veto condition is not attested absent, naming it', () => {
    const input = ready();
    input.vetoes[1].attestedAbsent = false;
    const res = checkApplicationGate(input);
    expect(res.allowed).toBe(false);
    expect(res.missing).toEqual([
      { kind: 'veto-condition', code: '23.6', name: '创建工作中存在隐瞒事实的，或有关数据材料弄虚作假的', reason: '尚未由责任单位确认近3年不存在，不得提出申请' },
    ]);
  });

  it('refuses while a certificate-only indicator has no certificate, or only a missing one', () => {
    const input = ready();
    input.certificates = [{ indicatorCode: 'C2', present: false }];
    const res = checkApplicationGate(input);
    expect(res.allowed).toBe(false);
    expect(res.missing.map((m) => [m.kind, m.code, m.name])).toEqual([
      ['certificate', 'C1', '草原综合植被覆盖度'],
      ['certificate', 'C2', '受污染耕地安全利用率'],
    ]);
    expect(res.missing[0].reason).toMatch(/证明/);
  });

  it('does not require approval of a binding indicator that is certificate-only, only its certificate', () => {
    const input = ready();
    // C2 is binding but certificate-only and still 'open': allowed, as its certificate is present
    expect(input.indicators[4]).toMatchObject({ attribute: 'binding', applicability: 'certificate-only', status: 'open' });
    expect(checkApplicationGate(input).allowed).toBe(true);
  });

  it('lists every reason at once, binding indicators first, then vetoes, then certificates', () => {
    const input = ready();
    input.indicators[0].status = 'returned';
    input.vetoes[0].attestedAbsent = false;
    input.certificates = input.certificates.filter((c) => c.indicatorCode !== 'C1');
    const res = checkApplicationGate(input);
    expect(res.allowed).toBe(false);
    expect(res.missing.map((m) => `${m.kind}:${m.code}`)).toEqual(['binding-indicator:1', 'veto-condition:23.1', 'certificate:C1']);
  });
});
