import * as path from 'path';
import type { CampaignTemplate, Indicator } from '../../../domain/src/template/template.schema';
import { loadTemplateFile } from '../template-loader';

describe('yanzhou-2023 template (seed 002, 济宁市兖州区)', () => {
  let t: CampaignTemplate;
  const ind = (code: string): Indicator => {
    const found = t.indicators.find((i) => i.code === code);
    if (!found) throw new Error(`indicator ${code} missing`);
    return found;
  };
  const short = (id: string) => t.units.find((u) => u.id === id)?.shortName;
  const lead = (code: string) => ind(code).leadUnitIds.map(short);
  const co = (code: string) => ind(code).coUnitIds.map(short);

  beforeAll(async () => {
    t = await loadTemplateFile(path.resolve(__dirname, '../../data/yanzhou-2023.json'));
  });

  it('carries the document metadata', () => {
    expect(t).toMatchObject({
      id: 'yanzhou-2023',
      name: '济宁市兖州区国家生态文明建设示范区创建工作方案',
      issuingAuthority: '济宁市兖州区人民政府',
      documentNumber: '济兖政字〔2023〕10号',
      issueDate: '2023-06-29',
      kind: 'creation',
      targetLevel: 'national',
      statedIndicatorCount: 35,
      source: { file: '002_599d67eeaf2bb187.txt' },
    });
    expect(t.region).toEqual({ name: '济宁市兖州区', province: '山东省', city: '济宁市', county: '兖州区' });
  });

  it('has the 35 indicators numbered 1–35, 19 binding and 16 reference', () => {
    expect(t.indicators.map((i) => i.code)).toEqual(Array.from({ length: 35 }, (_, k) => String(k + 1)));
    expect(t.indicators.filter((i) => i.attribute === 'binding')).toHaveLength(19);
    const reference = t.indicators.filter((i) => i.attribute === 'reference').map((i) => Number(i.code));
    expect(reference).toEqual([6, 10, 11, 13, 16, 19, 20, 21, 22, 26, 28, 30, 31, 33, 34, 35]);
    expect(t.indicators.every((i) => i.applicability === 'applicable' && !i.derived)).toBe(true);
  });

  it('places indicators in the six domains and ten tasks of the table', () => {
    const taskOf = Object.fromEntries(t.indicators.map((i) => [i.code, i.task]));
    const ranges: Array<[number, number, number]> = [
      [1, 6, 1], [7, 8, 2], [9, 11, 3], [12, 14, 4], [15, 16, 5], [17, 20, 6], [21, 22, 7], [23, 29, 8], [30, 32, 9], [33, 35, 10],
    ];
    for (const [from, to, task] of ranges) for (let c = from; c <= to; c++) expect([c, taskOf[String(c)]]).toEqual([c, task]);
    const perDomain = t.indicators.reduce<Record<string, number>>((acc, i) => ({ ...acc, [i.domain]: (acc[i.domain] ?? 0) + 1 }), {});
    expect(perDomain).toEqual({ institution: 6, security: 8, space: 2, economy: 6, living: 10, culture: 3 });
  });

  it('transcribes sample rows exactly', () => {
    expect(ind('17')).toMatchObject({ name: '单位地区生产总值能耗', unit: '吨标准煤/万元', target: '完成上级规定的目标任务；保持稳定或持续改善', attribute: 'binding' });
    expect([lead('17'), co('17')]).toEqual([['区发改局'], ['区统计局']]);
    expect(ind('25')).toMatchObject({ name: '城镇污水处理率', unit: '%', target: '≥85', attribute: 'binding', coUnitIds: [] });
    expect(lead('25')).toEqual(['区住建局']);
    expect(ind('3')).toMatchObject({ unit: '%', target: '≥20', attribute: 'binding' });
    expect([lead('8'), co('8')]).toEqual([['生态环境分局'], ['区综合执法局', '区住建局']]);
    expect([lead('24'), co('24')]).toEqual([['区卫健局'], ['生态环境分局', '区水务局']]);
    expect([lead('22'), co('22')]).toEqual([['生态环境分局'], ['区卫健局', '区工信局']]);
    expect(ind('9')).toMatchObject({ name: '生态质量指数（EQI）', target: 'ΔEQI≥-1' });
    expect(ind('18').unit).toBe('立方米/万元');
    expect(ind('20')).toMatchObject({ unit: '千克/亩', target: '减少' });
    expect(ind('32')).toMatchObject({ target: '≥80', attribute: 'binding' });
    expect(lead('32')).toEqual(['区财政局']);
  });

  it('keeps sub-items with their own unit and target where the table gives them', () => {
    expect(ind('7').subItems.map((s) => s.name)).toEqual(['优良天数比例', 'PM2.5浓度下降幅度']);
    expect(ind('8').subItems.map((s) => s.label)).toEqual(['①', '②', '③']);
    expect(ind('11').subItems).toEqual([
      { label: '①', name: '国家重点保护野生动植物保护率', unit: '%', target: '≥95' },
      { label: '②', name: '外来物种入侵', unit: '-', target: '不明显' },
      { label: '③', name: '特有性或指示性水生物种保持率', unit: '%', target: '不降低' },
    ]);
    expect(ind('21').subItems.map((s) => [s.name, s.target])).toEqual([
      ['秸秆综合利用率', '≥90'],
      ['畜禽粪污综合利用率', '≥75'],
      ['农膜回收利用率', '≥80'],
    ]);
    expect(ind('22').subItems.map((s) => s.target)).toEqual(['≥2', '保持稳定或持续改善']);
    expect(ind('15').subItems.map((s) => s.name)).toEqual(['生态保护红线', '自然保护地']);
  });

  it('notes that the table does not separate lead and co-units, and keeps the survey-method remark', () => {
    for (const i of t.indicators) {
      if (i.coUnitIds.length) expect([i.code, i.remarks]).toEqual([i.code, expect.stringContaining('未区分牵头与配合')]);
    }
    expect(ind('34').remarks).toContain('问卷调查、独立机构抽样调查等方式');
    expect(ind('35').remarks).toContain('问卷调查、独立机构抽样调查等方式');
  });

  it('defines every unit of the table and the leadership group, and no stray units', () => {
    const names = t.units.map((u) => u.name);
    expect(names).toEqual(expect.arrayContaining(['市生态环境局兖州区分局', '区委办公室', '区政府办公室', '区综合行政执法局', '区水务局', '区委宣传部']));
    expect(t.units.find((u) => u.name === '区综合行政执法局')?.shortName).toBe('区综合执法局');
    const used = new Set([...t.indicators.flatMap((i) => [...i.leadUnitIds, ...i.coUnitIds]), ...t.leadershipGroup.members.map((m) => m.unitId)]);
    expect(t.units.filter((u) => !used.has(u.id))).toEqual([]);
  });

  it('lists the leadership group and its office', () => {
    const g = t.leadershipGroup;
    expect(g.leaders).toEqual([{ name: '王营', title: '区委副书记、区长' }]);
    expect(g.deputyLeaders).toEqual([{ name: '石可清', title: '区委常委、副区长' }]);
    expect(g.members).toHaveLength(15);
    expect(g.members[0]).toMatchObject({ name: '张守伟', title: '区委办公室分管日常工作的副主任、区档案局局长' });
    expect(g.members.at(-1)).toMatchObject({ name: '马东峰', title: '市生态环境局兖州区分局局长' });
    expect(t.units.find((u) => u.id === g.officeUnitId)?.name).toBe('市生态环境局兖州区分局');
    expect(g.officeDirectors.map((p) => p.name)).toEqual(['石可清']);
    expect(g.officeDeputies.map((p) => p.name)).toEqual(['马东峰']);
  });

  it('uses the dates the plan states and offsets elsewhere', () => {
    expect(t.phases.map((p) => p.key)).toEqual(['mobilization', 'implementation', 'application']);
    const ms = t.phases.flatMap((p) => p.milestones);
    const m = (key: string) => ms.find((x) => x.key === key)!;
    expect(m('materials').due).toMatchObject({ date: '2023-06-30', approximate: false });
    expect(m('pre-review').due).toMatchObject({ date: '2023-07-10', approximate: true, text: expect.stringContaining('7月上旬') });
    expect(m('application').due).toMatchObject({ date: '2023-07-25' });
    expect(m('work-plan-issued').due.date).toBe('2023-06-29');
    for (const x of ms) expect(Boolean(x.due.date) !== Boolean(x.due.offset)).toBe(true);
    expect(ms.map((x) => x.taskKind)).not.toContain('plan-started');
    expect(t.schedule.followsHigherAuthority).toBe(true);
    expect(t.phases.every((p) => p.milestones.length >= 1)).toBe(true);
  });

  it('lists the inspection preparation items', () => {
    expect(t.inspectionPreparation.map((i) => i.name)).toEqual(['各指标数据档案整理', '现场核查点位路线规划', '演示材料制作', '会议方案制定']);
  });
});
