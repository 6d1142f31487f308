import { readFileSync } from 'fs';
import * as path from 'path';
import { CampaignTemplateSchema, TASK_NAMES, type CampaignTemplate, type Milestone } from '@eco/domain';
import { loadTemplateFile } from '../template-loader';
import { quotes } from './seed-text';

const FILE = path.resolve(__dirname, '../../data/lixia-2021.json');
const SEED = path.resolve(__dirname, '../../seeds/000_061c6bf53607da0b.txt');
const strip = (s: string) => s.replace(/\s+/g, '');

describe('lixia-2021 template (seed 000, 济南市历下区)', () => {
  let raw: unknown;
  let t: CampaignTemplate;
  const milestones = (): Milestone[] => t.phases.flatMap((p) => p.milestones);
  const m = (key: string): Milestone => {
    const found = milestones().find((x) => x.key === key);
    if (!found) throw new Error(`milestone ${key} missing`);
    return found;
  };

  beforeAll(async () => {
    raw = JSON.parse(readFileSync(FILE, 'utf8'));
    t = await loadTemplateFile(FILE);
  });

  it('is a valid template by the schema and the loader', () => {
    expect(() => CampaignTemplateSchema.parse(raw)).not.toThrow();
    expect(t.id).toBe('lixia-2021');
  });

  it('carries the document metadata', () => {
    expect(t).toMatchObject({
      name: '济南市历下区国家生态文明建设示范区创建工作实施方案',
      issuingAuthority: '济南市历下区人民政府',
      documentNumber: '历下政字〔2021〕21号',
      issueDate: '2021-04-21',
      kind: 'creation',
      targetLevel: 'national',
      statedIndicatorCount: 30,
      source: { file: '000_061c6bf53607da0b.txt' },
    });
    expect(t.region).toEqual({ name: '济南市历下区', province: '山东省', city: '济南市', county: '历下区' });
    expect(t.goal).toContain('紧扣30项建设指标');
    expect(t.goal).toContain('2021年5月底前通过国家生态文明建设示范区省级预审');
    expect(t.goal).toContain('10月底前通过国家生态文明建设示范区核查并获得命名');
  });

  it('has exactly 30 indicators, all derived with a note, in consistent domains and tasks', () => {
    expect(t.indicators).toHaveLength(t.statedIndicatorCount!);
    expect(t.indicators.map((i) => i.code)).toEqual(Array.from({ length: 30 }, (_, k) => String(k + 1)));
    for (const i of t.indicators) {
      expect([i.code, i.derived]).toEqual([i.code, true]);
      expect(i.derivedNote).toMatch(/国家生态文明建设示范市县建设指标.*推定/);
      expect(i.task).toBeDefined();
      expect([i.code, TASK_NAMES[i.task!].domain]).toEqual([i.code, i.domain]);
    }
    const byName = (name: string) => t.indicators.find((i) => i.name === name);
    expect(byName('生态文明建设工作占党政实绩考核的比例')).toMatchObject({ unit: '%', target: '≥20', attribute: 'binding' });
    expect(byName('生态环境状况指数')).toMatchObject({ domain: 'security', task: 3, attribute: 'binding' });
    expect(byName('政府绿色采购比例')).toMatchObject({ target: '≥80', attribute: 'binding' });
    // An urban district: the rural and coastal indicators of the county-level system are left out.
    expect(byName('农业废弃物综合利用率')).toBeUndefined();
    expect(byName('农村生活污水治理率')).toBeUndefined();
  });

  it('references only units it defines, and marks the sub-districts as a collective', () => {
    const ids = new Set(t.units.map((u) => u.id));
    const refs = [
      ...t.indicators.flatMap((i) => [...i.leadUnitIds, ...i.coUnitIds, ...i.subItems.flatMap((s) => [...(s.leadUnitIds ?? []), ...(s.coUnitIds ?? [])])]),
      ...milestones().flatMap((x) => x.units ?? []),
      ...[t.leadershipGroup.leaders, t.leadershipGroup.deputyLeaders, t.leadershipGroup.members].flat().flatMap((p) => (p.unitId ? [p.unitId] : [])),
      ...(t.leadershipGroup.officeUnitId ? [t.leadershipGroup.officeUnitId] : []),
    ];
    expect(refs.length).toBeGreaterThan(30);
    expect(refs.filter((r) => !ids.has(r))).toEqual([]);
    expect(t.units.find((u) => u.name === '各街道办事处')).toMatchObject({ kind: 'collective', members: [] });
    expect(t.units.map((u) => u.shortName)).toEqual(expect.arrayContaining(['区发改委', '区住建局', '区城管局', '区水务局']));
    expect(t.units.find((u) => u.name === '济南市生态环境局历下分局')).toBeDefined();
    expect(t.source?.note).toContain('单位列表亦为推定');
  });

  it('has the three dated phases of the plan', () => {
    expect(t.phases.map((p) => [p.key, p.start, p.end])).toEqual([
      ['mobilization', '2021-03-01', '2021-04-21'],
      ['implementation', '2021-04-22', '2021-05-18'],
      ['application', '2021-05-31', '2021-06-30'],
    ]);
    expect(t.phases[1].text).toContain('2021年4月22日—2021年5月18日');
    expect(t.phases[2].text).toContain('2021年5月底—2021年6月底');
  });

  it('uses the deadlines the plan states', () => {
    const due = (key: string) => [m(key).due.date, m(key).due.approximate];
    expect(due('work-plan-issued')).toEqual(['2021-04-21', false]);
    expect(due('materials')).toEqual(['2021-04-23', false]);
    expect(m('materials').due.text).toContain('4月23日前');
    expect(due('key-projects')).toEqual(['2021-04-23', false]);
    expect(due('plan-draft')).toEqual(['2021-05-08', false]);
    expect(m('plan-draft').due.text).toBe('5月8日前');
    expect(due('plan-comments')).toEqual(['2021-05-11', false]);
    expect(due('plan-review-draft')).toEqual(['2021-05-11', false]);
    expect(due('plan-expert-review')).toEqual(['2021-05-15', false]);
    expect(due('plan-approval-draft')).toEqual(['2021-05-15', false]);
    expect(due('plan-government-approval')).toEqual(['2021-05-18', false]);
    expect(due('plan-promulgation')).toEqual(['2021-05-18', false]);
    expect(due('application')).toEqual(['2021-05-31', false]);
    expect(m('application').due.text).toBe('5月底前');
    expect(due('inspection-prep')).toEqual(['2021-06-10', false]);
    expect(due('inspection')).toEqual(['2021-06-15', true]);
    expect(m('inspection').due.text).toBe('6月中旬');
    expect(due('supplement')).toEqual(['2021-06-30', false]);
    expect(m('unit-contacts')).toMatchObject({ name: '各责任单位确定1名联络员', owner: 'units' });
    expect(m('unit-contacts').due.approximate).toBe(true);
  });

  it('gives each milestone a Chinese name, its plan words and a source quote', () => {
    for (const x of milestones()) {
      expect([x.key, /[\u4e00-\u9fff]/.test(x.name)]).toEqual([x.key, true]);
      expect([x.key, x.due.text.length > 0, (x.source ?? '').length > 0]).toEqual([x.key, true, true]);
    }
    expect(m('inspection')).toMatchObject({ owner: 'higher-authority', followsHigherAuthority: true });
    expect(m('plan-expert-review').owner).toBe('experts');
    expect(m('plan-government-approval').owner).toBe('government');
  });

  it('follows the higher authorities and may postpone for an emergency', () => {
    expect(t.schedule).toMatchObject({ followsHigherAuthority: true, postponableForEmergency: true });
    expect(t.schedule.note).toContain('因疫情或其他突发事件');
  });

  it('links the plan compilation stages to their milestones in order', () => {
    const stages = t.planCompilation!.stages;
    expect(stages.map((s) => s.name)).toEqual(['《规划》（征求意见稿）', '征求各相关部门意见', '《规划》（论证稿）', '专家论证', '《规划》（报批稿）', '区政府审议通过', '颁布实施']);
    expect(stages.map((s) => m(s.milestoneKey!).taskKind)).toEqual([
      'plan-draft', 'plan-comments', 'plan-review-draft', 'plan-expert-review', 'plan-approval-draft', 'plan-government-approval', 'plan-promulgation',
    ]);
  });

  it('says what is missing from the copy: the leadership-group list and the annexes', () => {
    const g = t.leadershipGroup;
    expect([g.leaders, g.deputyLeaders, g.members]).toEqual([[], [], []]);
    expect(g.description).toContain('附件1');
    expect(g.description).toContain('未随文公开');
    expect(t.materialsList).toMatchObject({ required: true, milestoneKey: 'materials' });
    expect(t.materialsList!.description).toContain('附件3');
    expect(t.keyProjects).toMatchObject({ required: true, milestoneKey: 'key-projects' });
    expect(t.keyProjects!.description).toContain('附件4《重点工程项目提报说明》未随文公开');
    expect(m(t.keyProjects!.milestoneKey!).taskKind).toBe('key-projects');
  });

  it('keeps the accountability rules and the inspection preparation items', () => {
    expect(t.accountability).toHaveLength(3);
    expect(t.accountability.join('')).toContain('对影响全区创建工作整体进程的将实施问责');
    expect(t.inspectionPreparation.map((i) => i.name)).toEqual(['进一步完善创建申报材料', '各指标数据档案整理', '现场核查点位路线规划', '演示材料制作', '会议方案制定']);
  });

  it('quotes the seed text verbatim (ignoring line breaks and spaces)', () => {
    const seed = strip(readFileSync(SEED, 'utf8'));
    const quotes = [...milestones().map((x) => x.source ?? ''), ...t.accountability, t.goal, t.schedule.note ?? '', ...t.phases.map((p) => p.text)];
    expect(quotes.filter((s) => !seed.includes(strip(s)))).toEqual([]);
    for (const words of ['4月23日前', '5月8日前', '5月11日前', '5月15日前', '5月18日前', '5月底前', '6月10日前', '6月中旬', '6月底前', '紧扣30项建设指标']) {
      expect([words, seed.includes(words)]).toEqual([words, true]);
    }
  });

  it('the district government issues the plan and forms the group, as the text says; the units it does not list are derived', () => {
    const seed = readFileSync(SEED, 'utf8');
    const has = (quote: string) => quotes(seed, quote);
    expect(has(`${t.issuingAuthority}关于印发《${t.name}》的通知`)).toBe(true);
    expect(has('已经区政府同意，现印发给你们')).toBe(true);
    for (const key of ['work-plan-issued', 'leadership-group']) expect([key, milestones().find((x) => x.key === key)!.owner]).toEqual([key, 'government']);
    // The body lists no department (附件1/附件2 are not in the copy): every unit but 各街道办事处 is derived.
    for (const u of t.units) {
      if (has(`${u.name}，区政府有关部门`)) expect([u.name, u.provenance?.entry]).toEqual([u.name, undefined]);
      else expect([u.name, u.provenance?.entry?.reason]).toEqual([u.name, expect.stringContaining('未随文公开')]);
    }
    expect(t.units.find((u) => u.id === 'lx-jd')!.provenance?.members?.derived).toBe(true);
    // 命名 is in the goal with its month: a milestone on that date, and the note says so.
    const naming = milestones().find((x) => x.taskKind === 'naming')!;
    expect(naming.due).toMatchObject({ date: '2021-10-31', approximate: false });
    expect(has('10 月底前通过国家生态文明建设示范区核查并获得命名')).toBe(true);
    expect(t.source!.note).toContain('命名节点按原文日期2021-10-31建在申报迎查阶段');
    expect(t.source!.note).not.toMatch(/未建为里程碑/);
    const prep = '领导小组办公室组织各相关单位进一步完善创建申报材料，做好各指标数据档案整理、现场核查点位路线规划、演示材料制作、会议方案制定等工作';
    expect(has(prep)).toBe(true);
    for (const i of t.inspectionPreparation) expect([i.name, quotes(prep, i.name)]).toEqual([i.name, true]);
  });
});
