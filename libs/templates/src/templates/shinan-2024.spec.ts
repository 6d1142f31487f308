import * as path from 'path';
import type { CampaignTemplate, Indicator } from '../../../domain/src/template/template.schema';
import { loadTemplateFile } from '../template-loader';

describe('shinan-2024 template (seed 004, 青岛市市南区)', () => {
  let t: CampaignTemplate;
  const ind = (code: string): Indicator => {
    const found = t.indicators.find((i) => i.code === code);
    if (!found) throw new Error(`indicator ${code} missing`);
    return found;
  };
  const name = (id: string) => t.units.find((u) => u.id === id)?.name;
  const names = (ids: readonly string[] | undefined) => (ids ?? []).map(name);

  beforeAll(async () => {
    t = await loadTemplateFile(path.resolve(__dirname, '../../data/shinan-2024.json'));
  });

  it('carries the document metadata', () => {
    expect(t).toMatchObject({
      id: 'shinan-2024',
      documentNumber: '青南政发〔2024〕10号',
      issueDate: '2024-04-09',
      issuingAuthority: '青岛市市南区人民政府',
      kind: 'creation',
      source: { file: '004_3080dd013171406c.txt' },
    });
    expect(t.leadershipGroup.description).toContain('区生态环境委员会');
    expect(t.goal).toContain('2023年12月29日规划印发');
  });

  it('has the 23 key-task items: 1–22 as indicators and item 23 as 7 veto conditions', () => {
    const applicable = t.indicators.filter((i) => i.applicability === 'applicable');
    expect(applicable.map((i) => i.code)).toEqual(Array.from({ length: 22 }, (_, k) => String(k + 1)));
    expect(t.vetoConditions.map((v) => v.code)).toEqual(['23.1', '23.2', '23.3', '23.4', '23.5', '23.6', '23.7']);
  });

  it('has the 10 certificate-only indicators C1–C10', () => {
    const cert = t.indicators.filter((i) => i.applicability === 'certificate-only');
    expect(cert.map((i) => i.code)).toEqual(Array.from({ length: 10 }, (_, k) => `C${k + 1}`));
    expect(ind('C4')).toMatchObject({ name: '受污染耕地安全利用率', target: '≥93' });
    expect(names(ind('C4').leadUnitIds)).toEqual(['市自然资源和规划局市南分局']);
    expect(names(ind('C7').leadUnitIds)).toEqual(['市自然资源和规划局市南分局', '市生态环境局市南分局']);
    expect([names(ind('C9').leadUnitIds), names(ind('C9').coUnitIds)]).toEqual([['市自然资源和规划局市南分局'], ['市生态环境局市南分局']]);
    expect(names(ind('C8').leadUnitIds)).toEqual(['区城市管理局']);
  });

  it('transcribes lead and co-units exactly', () => {
    expect(ind('2').name).toBe('党政领导干部生态损害责任追究制度');
    expect(names(ind('2').leadUnitIds)).toEqual(['区委组织部']);
    expect(names(ind('2').coUnitIds)).toEqual(['区审计局', '区纪委监委', '市生态环境局市南分局']);
    expect(names(ind('4').coUnitIds)).toEqual(['区发展改革局', '区工业和信息化局', '区城市管理局', '区城市建设局', '区综合执法局', '交警市南大队', '各街道办事处']);
    expect([names(ind('11').leadUnitIds), ind('11').target]).toEqual([['区机关事务服务中心'], '≥80']);
    expect([names(ind('12').leadUnitIds), names(ind('12').coUnitIds)]).toEqual([['区城市管理局'], ['区统计局']]);
    expect(names(ind('10').coUnitIds)).toEqual(['区突发环境事件应急预案成员单位']);
    expect([names(ind('21').leadUnitIds), names(ind('21').coUnitIds)]).toEqual([['区发展改革局'], ['区统计局']]);
    expect(ind('15').remarks).toContain('区城市建设局对接市住建局落实该项指标');
  });

  it('gives sub-items their own lead and co-units', () => {
    const [s1, s2] = ind('5').subItems;
    expect([s1.label, s1.name, s1.target, names(s1.leadUnitIds)]).toEqual(['(1)', '县城污水处理率', '≥95', ['市生态环境局市南分局']]);
    expect([s2.label, names(s2.leadUnitIds), names(s2.coUnitIds)]).toEqual(['(2)', ['区城市管理局', '市生态环境局市南分局'], ['区综合执法局', '各街道办事处']]);
    const subs6 = ind('6').subItems;
    expect(subs6.map((s) => s.label)).toEqual(['(1)', '(2)', '(3)']);
    expect(names(subs6[1].leadUnitIds)).toEqual(['市生态环境局市南分局', '市自然资源和规划局市南分局']);
    expect(names(subs6[1].coUnitIds)).toEqual(['各街道办事处']);
    expect(names(subs6[2].leadUnitIds)).toEqual(['市生态环境局市南分局', '市自然资源和规划局市南分局', '区城市管理局']);
    // the indicator-level units cover every sub-item's units
    for (const i of [ind('5'), ind('6')]) {
      for (const s of i.subItems) {
        expect(i.leadUnitIds).toEqual(expect.arrayContaining(s.leadUnitIds ?? []));
        expect(i.coUnitIds).toEqual(expect.arrayContaining(s.coUnitIds ?? []));
      }
    }
  });

  it('marks only section (六) as reference and keeps the plan sections', () => {
    const reference = t.indicators.filter((i) => i.attribute === 'reference').map((i) => i.code);
    expect(reference).toEqual(['17', '18']);
    expect(ind('17').section).toBe('(六)参考性指标');
    expect(ind('1').section).toBe('(一)目标责任');
    expect(ind('22').section).toBe('(七)管理规程中规定的其他申报条件');
    for (const i of t.indicators.filter((x) => x.applicability === 'applicable' && x.attribute === 'binding')) {
      expect([i.code, i.remarks]).toEqual([i.code, expect.stringContaining('推定')]);
    }
  });

  it('models the veto conditions of item 23', () => {
    for (const v of t.vetoConditions) {
      expect(names(v.leadUnitIds)).toEqual(['市生态环境局市南分局']);
      expect(names(v.coUnitIds)).toEqual(['各牵头单位']);
      expect(v.lookBackYears).toBe(3);
    }
    expect(t.vetoConditions[5].text).toBe('创建工作中存在隐瞒事实的，或有关数据材料弄虚作假的');
    expect(t.vetoConditions[0].text).toBe('发生重、特大突发环境事件或生态破坏事件的');
  });

  it('declares the collective units', () => {
    const collective = t.units.filter((u) => u.kind === 'collective').map((u) => u.name);
    expect(collective.sort()).toEqual(['区突发环境事件应急预案成员单位', '各牵头单位', '各街道办事处'].sort());
    const leads = t.units.find((u) => u.name === '各牵头单位')!.members!;
    expect(leads).toEqual(expect.arrayContaining([...new Set(t.indicators.flatMap((i) => i.leadUnitIds))]));
  });

  it('follows the three-step schedule of 五、工作安排', () => {
    expect(t.phases.map((p) => [p.key, p.name, p.start, p.end])).toEqual([
      ['mobilization', '动员部署，广泛发动', undefined, '2024-02-29'],
      ['implementation', '全面启动，完成自查', '2024-03-01', '2024-04-30'],
      ['application', '修改完善，迎接省级审核、国家审核', '2024-05-01', '2024-05-30'],
    ]);
    const selfCheck = t.phases[1].milestones.find((m) => m.taskKind === 'self-check')!;
    expect(selfCheck.due).toMatchObject({ date: '2024-04-30', text: '2024年4月30日前完成全部档案整理、装订' });
    const kinds = t.phases.flatMap((p) => p.milestones.map((m) => m.taskKind));
    expect(kinds).toEqual(expect.arrayContaining(['certificate', 'veto-attestation', 'application', 'pre-review', 'inspection']));
  });
});
