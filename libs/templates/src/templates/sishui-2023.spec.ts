import { readFileSync } from 'fs';
import * as path from 'path';
import { CampaignTemplateSchema, TASK_NAMES, type CampaignTemplate, type Milestone, type Person } from '@eco/domain';
import { loadTemplateFile } from '../template-loader';
import { quotes } from './seed-text';

const FILE = path.resolve(__dirname, '../../data/sishui-2023.json');
const SEED = path.resolve(__dirname, '../../seeds/001_c2720f2072b539b7.txt');
const strip = (s: string) => s.replace(/\s+/g, '');

/** 附件1 as printed: name, 职务. */
const LEADERS = [['单继腾', '县政府办公室主任'], ['宋涛', '市生态环境局泗水县分局局长']];
const DEPUTIES = [['张艳波', '济宁市泗水生态环境监控中心主任'], ['王桂芬', '市生态环境局泗水县分局总工程师']];
const MEMBERS = [
  ['孔德峰', '县新经济发展促进中心八级职员'],
  ['丁方慧', '县统计局副局长'],
  ['赵禧舜', '县工业和信息化局副局长'],
  ['刘勇', '县自然资源和规划局二级主任科员'],
  ['杨玉栋', '县应急局二级主任科员'],
  ['孔凡龙', '县市场监管局二级主办'],
  ['谢忠祥', '县住房城乡建设局副局长'],
  ['冯运节', '县水利事业发展中心主任'],
  ['颜鲲', '县交通运输局正科级'],
  ['陈万利', '县卫生健康局副局长'],
  ['刘新', '县农业农村局二级主任科员'],
  ['司绪华', '县文化和旅游局副局长'],
  ['冉彬', '县畜牧兽医事业发展中心副主任'],
];
const LIAISONS = [['靳孝玲', '市生态环境局泗水县分局生态科副科长'], ['商凯', '市生态环境局泗水县分局生态科科员']];
const pairs = (people: Person[]) => people.map((p) => [p.name, p.title]);

describe('sishui-2023 template (seed 001, 济宁市泗水县)', () => {
  let raw: unknown;
  let t: CampaignTemplate;
  const milestones = (): Milestone[] => t.phases.flatMap((p) => p.milestones);
  const m = (key: string): Milestone => {
    const found = milestones().find((x) => x.key === key);
    if (!found) throw new Error(`milestone ${key} missing`);
    return found;
  };
  const unitName = (id: string | undefined) => t.units.find((u) => u.id === id)?.name;

  beforeAll(async () => {
    raw = JSON.parse(readFileSync(FILE, 'utf8'));
    t = await loadTemplateFile(FILE);
  });

  it('is a valid template by the schema and the loader', () => {
    expect(() => CampaignTemplateSchema.parse(raw)).not.toThrow();
    expect(t.id).toBe('sishui-2023');
  });

  it('carries the document metadata and explains the provincial target level', () => {
    expect(t).toMatchObject({
      name: '泗水县生态文明建设示范区创建工作方案',
      issuingAuthority: '泗水县人民政府',
      documentNumber: '泗政字〔2023〕64号',
      issueDate: '2023-07-13',
      kind: 'creation',
      targetLevel: 'provincial',
      statedIndicatorCount: 36,
      source: { file: '001_c2720f2072b539b7.txt' },
    });
    expect(t.region).toEqual({ name: '济宁市泗水县', province: '山东省', city: '济宁市', county: '泗水县' });
    expect(t.source?.note).toContain('targetLevel 取 provincial');
    expect(t.source?.note).toContain('上报省生态环境厅');
    expect(t.goal).toContain('紧扣36项建设指标');
  });

  it('transcribes the leadership group of 附件1 exactly', () => {
    const g = t.leadershipGroup;
    expect(g.name).toBe('泗水县生态文明建设示范区创建工作领导小组');
    expect(pairs(g.leaders)).toEqual(LEADERS);
    expect(pairs(g.deputyLeaders)).toEqual(DEPUTIES);
    expect(pairs(g.members)).toEqual(MEMBERS);
    expect(pairs(g.liaisons)).toEqual(LIAISONS);
    expect(unitName(g.officeUnitId)).toBe('市生态环境局泗水县分局');
    expect(g.officeDirectors.map((p) => p.name)).toEqual(['张磊']);
    expect(g.officeDeputies.map((p) => p.name)).toEqual(['单继腾', '宋涛']);
    expect(g.description).toContain('下设工作专班,实行集中办公');
  });

  it('gives the task force (工作专班) the same composition', () => {
    const g = t.leadershipGroup;
    expect(g.taskForce).toBeDefined();
    expect(pairs(g.taskForce!.leaders)).toEqual(LEADERS);
    expect(pairs(g.taskForce!.deputyLeaders)).toEqual(DEPUTIES);
    expect(pairs(g.taskForce!.members)).toEqual(MEMBERS);
    expect(pairs(g.taskForce!.liaisons)).toEqual(LIAISONS);
  });

  it('defines every unit of 附件1 and puts each person in the unit their title names', () => {
    expect(t.units.map((u) => u.name)).toEqual([
      '县政府办公室', '市生态环境局泗水县分局', '济宁市泗水生态环境监控中心', '县新经济发展促进中心', '县统计局', '县工业和信息化局',
      '县自然资源和规划局', '县应急局', '县市场监管局', '县住房城乡建设局', '县水利事业发展中心', '县交通运输局', '县卫生健康局',
      '县农业农村局', '县文化和旅游局', '县畜牧兽医事业发展中心',
    ]);
    const g = t.leadershipGroup;
    const people = [g.leaders, g.deputyLeaders, g.members, g.liaisons, g.taskForce!.members].flat();
    for (const p of people) {
      expect(p.unitId).toBeDefined();
      expect([p.name, p.title.startsWith(unitName(p.unitId) ?? '?')]).toEqual([p.name, true]);
    }
  });

  it('references only units it defines, and gives every unit some indicator work', () => {
    const ids = new Set(t.units.map((u) => u.id));
    const g = t.leadershipGroup;
    const indicatorRefs = t.indicators.flatMap((i) => [...i.leadUnitIds, ...i.coUnitIds]);
    const refs = [
      ...indicatorRefs,
      ...milestones().flatMap((x) => x.units ?? []),
      ...[g.leaders, g.deputyLeaders, g.members, g.officeDirectors, g.officeDeputies, g.liaisons].flat().flatMap((p) => (p.unitId ? [p.unitId] : [])),
      g.officeUnitId!,
    ];
    expect(refs.filter((r) => !ids.has(r))).toEqual([]);
    expect(t.units.filter((u) => !indicatorRefs.includes(u.id)).map((u) => u.name)).toEqual([]);
  });

  it('has exactly 36 indicators, all derived with a note, in consistent domains and tasks', () => {
    expect(t.indicators).toHaveLength(t.statedIndicatorCount!);
    expect(t.indicators.map((i) => i.code)).toEqual(Array.from({ length: 36 }, (_, k) => String(k + 1)));
    for (const i of t.indicators) {
      expect([i.code, i.derived, typeof i.derivedNote]).toEqual([i.code, true, 'string']);
      expect([i.code, TASK_NAMES[i.task!].domain]).toEqual([i.code, i.domain]);
    }
    expect(t.indicators.filter((i) => i.attribute === 'binding')).toHaveLength(19);
    expect(t.indicators.find((i) => i.code === '9')).toMatchObject({ name: '生态质量指数（EQI）', target: 'ΔEQI≥-1' });
    // The one indicator beyond Yanzhou's 35 says so.
    expect(t.indicators.filter((i) => i.derivedNote!.includes('推定补充项')).map((i) => i.code)).toEqual(['21']);
    expect(t.indicators.find((i) => i.name === '单位地区生产总值能耗')!.leadUnitIds.map(unitName)).toEqual(['县新经济发展促进中心']);
  });

  it('keeps the key-project rules of 附件4', () => {
    const k = t.keyProjects!;
    expect(k).toMatchObject({ required: true, periodFrom: 2023, periodTo: 2030, milestoneKey: 'key-projects' });
    expect(k.categories).toHaveLength(10);
    expect(k.categories).toEqual(expect.arrayContaining(['国土绿化项目', '污染防治项目', '生态保护与建设类项目(生态修复、生态林业等)', '生态文化建设']));
    expect(k.requirements).toHaveLength(4);
    expect(k.requirements[0]).toContain('对承担的指标起到积极支撑作用');
    expect(k.requirements[1]).toContain('“十四五”期间的省、市、县重大重点项目和重点工作的必须纳入');
    expect(k.requirements[2]).toMatch(/目标任务明确.*投资概算.*重点工程项目提报表/);
    expect(k.requirements[3]).toContain('加盖单位公章');
    expect(k.noProjectStatement).toContain('“无重点工程项目提报”说明');
    expect(k.noProjectStatement).toContain('经主要负责人签字并加盖单位公章');
    expect(m('key-projects')).toMatchObject({ taskKind: 'key-projects', owner: 'units' });
  });

  it('has the three phases by month and the one date the implementation text gives', () => {
    expect(t.phases.map((p) => [p.key, p.start, p.end])).toEqual([
      ['mobilization', '2023-02-01', '2023-07-31'],
      ['implementation', '2023-07-01', '2023-08-31'],
      ['application', '2023-08-01', '2023-10-31'],
    ]);
    expect(t.phases.map((p) => p.text)).toEqual(['第一阶段:动员部署阶段(2023年2月-7月)', '第二阶段:创建实施阶段(2023年7月-8月)', '第三阶段:申报迎查阶段(2023年8月-10月)']);
    expect(m('materials').due).toMatchObject({ date: '2023-03-20', approximate: false });
    expect(m('materials').due.text).toContain('3月20日前');
    expect(m('work-plan-issued').due.date).toBe('2023-07-13');
    expect(m('unit-contacts').name).toBe('各责任单位确定1名分管责任人及1名联络员');
    // Everything else the plan dates only by its phase: resolved to the phase end and marked approximate.
    for (const key of ['plan-promulgation', 'application', 'inspection', 'supplement']) {
      expect([key, m(key).due.approximate]).toEqual([key, true]);
    }
  });

  it('models the plan compilation and the provincial application path as written', () => {
    expect(t.planCompilation!.stages.map((s) => s.name)).toEqual([
      '开展专题研究，形成规划研究报告', '形成规划文本和图集', '征求各有关部门意见', '《规划》（评审稿）', '专家评审（按照省生态环境厅安排部署）', '《规划》（报批稿）', '依法定程序颁布实施',
    ]);
    expect(m('plan-expert-review')).toMatchObject({ followsHigherAuthority: true, owner: 'experts' });
    expect(m('plan-expert-review').due.text).toContain('按照省生态环境厅安排部署');
    expect(milestones().map((x) => x.taskKind)).not.toContain('plan-government-approval');
    expect(milestones().map((x) => x.taskKind)).not.toContain('platform-fill');
    expect(m('pre-review').name).toBe('市生态环境局预审');
    expect(m('inspection').name).toBe('迎接省生态环境厅现场核查');
    expect(t.schedule).toMatchObject({ followsHigherAuthority: false, postponableForEmergency: false });
    expect(t.accountability.join('')).toContain('对影响全县创建工作整体进程的实施问责');
  });

  it('quotes the seed text verbatim (ignoring line breaks and spaces)', () => {
    const seed = strip(readFileSync(SEED, 'utf8'));
    const g = t.leadershipGroup;
    const quotes = [
      ...milestones().map((x) => x.source ?? ''),
      ...t.accountability,
      t.goal,
      ...t.keyProjects!.requirements,
      ...t.keyProjects!.categories,
      t.keyProjects!.noProjectStatement,
      ...t.phases.map((p) => p.text),
      ...[g.leaders, g.deputyLeaders, g.members, g.liaisons].flat().map((p) => p.name + p.title),
    ];
    expect(quotes.filter((s) => !seed.includes(strip(s)))).toEqual([]);
  });

  it('the county government issues the plan and its group; no step the plan never mentions', () => {
    const seed = readFileSync(SEED, 'utf8');
    const has = (quote: string) => quotes(seed, quote);
    expect(has(`${t.issuingAuthority}关于印发${t.name}的通知`)).toBe(true);
    for (const key of ['work-plan-issued', 'leadership-group']) expect([key, m(key).owner]).toEqual([key, 'government']);
    // The plan goes to the city's pre-review and the province; it never names the ministry or a naming (命名).
    expect(seed.includes('生态环境部')).toBe(false);
    expect(seed.includes('命名')).toBe(false);
    expect(has('经市生态环境局预审、公示推荐名单后，上报省生态环境厅')).toBe(true);
    expect(milestones().map((x) => x.taskKind)).not.toContain('naming');
    expect(milestones().filter((x) => x.name.includes('生态环境部'))).toEqual([]);
    expect(t.phases.at(-1)!.milestones.at(-1)!.key).toBe('supplement');
    for (const u of t.units) expect([u.name, has(u.name)]).toEqual([u.name, true]);
    const prep = '组织各相关单位进一步完善创建申报材料，做好各指标数据档案整理、现场核查点位路线规划、演示材料制作、会议方案制定等工作';
    expect(has(prep)).toBe(true);
    for (const i of t.inspectionPreparation) expect([i.name, quotes(prep, i.name)]).toEqual([i.name, true]);
    // Dates the plan gives only by its phase are derived, with the reason.
    for (const x of milestones().filter((y) => y.due.approximate)) expect([x.key, x.provenance?.due?.reason]).toEqual([x.key, expect.stringMatching(/未写|推定/)]);
  });
});
