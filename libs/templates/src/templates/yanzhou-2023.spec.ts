/**
 * yanzhou-2023 against its plan (seed 002): every row of 附件1 指标任务分解表 is read from the seed text and compared
 * cell by cell (name and sub-items, 单位, 指标值, 指标属性, 责任单位 in order, 领域, 任务), the leadership group against
 * 附件2, and the steps against 三、实施步骤.
 */
import * as path from 'path';
import { DOMAIN_NAMES, type CampaignTemplate, type DomainKey, type Indicator } from '@eco/domain';
import { loadTemplateFile } from '../template-loader';
import { norm, quotes, readSeed, tabCells } from './seed-text';

const SEED = readSeed('002_599d67eeaf2bb187.txt');
const ANNEX1 = SEED.slice(SEED.indexOf('济宁市兖州区创建国家生态文明建设示范区指标任务分解表\n'), SEED.indexOf(' 附件2'));
const ANNEX2 = SEED.slice(SEED.indexOf(' 附件2'));
const BODY = SEED.slice(0, SEED.indexOf('附件：1.'));
const CN = ['', '一', '二', '三', '四', '五', '六', '七', '八', '九', '十'];

interface SeedRow {
  code: string;
  domain: string;
  task: number;
  name: string;
  unit: string;
  target: string;
  attribute: string;
  units: string;
}

/** The table's rows: cells after 序号 n are 指标名称, 单位, 指标值, 指标属性, 责任单位, 备注; 领域/任务 cells carry down. */
function seedRows(): SeedRow[] {
  const cells = tabCells(ANNEX1);
  const rows: SeedRow[] = [];
  let domain = '';
  let task = 0;
  for (let i = cells.indexOf('备注') + 1; i < cells.length; i++) {
    const c = cells[i];
    const flat = c.replace(/\s/g, '');
    if ((Object.values(DOMAIN_NAMES) as string[]).includes(flat)) domain = flat;
    const t = /^（([一二三四五六七八九十])）/.exec(c);
    if (t) task = CN.indexOf(t[1]);
    if (/^\d+$/.test(c) && Number(c) === rows.length + 1) {
      const [name, unit, target, attribute, units] = cells.slice(i + 1, i + 6);
      rows.push({ code: c, domain, task, name, unit, target, attribute, units });
      i += 5;
    }
  }
  return rows;
}

const lines = (cell: string) => cell.split('\n').map((l) => l.trim()).filter(Boolean);

describe('yanzhou-2023 template against its plan (seed 002, 济宁市兖州区)', () => {
  let t: CampaignTemplate;
  const rows = seedRows();
  const unitName = (id: string) => t.units.find((u) => u.id === id)!;
  const ind = (code: string): Indicator => t.indicators.find((i) => i.code === code)!;

  beforeAll(async () => {
    t = await loadTemplateFile(path.resolve(__dirname, '../../data/yanzhou-2023.json'));
  });

  it('carries the document metadata as the plan prints it', () => {
    expect(t.source?.file).toBe('002_599d67eeaf2bb187.txt');
    expect(quotes(SEED, `${t.issuingAuthority}\n\n${t.documentNumber}`)).toBe(true);
    expect(quotes(BODY, `关于印发${t.name.replace(/创建工作方案$/, '')}`)).toBe(true);
    expect(quotes(SEED, `${t.issuingAuthority} 2023年6月29日`)).toBe(true);
    expect(t.issueDate).toBe('2023-06-29');
    expect(t.region).toEqual({ name: '济宁市兖州区', province: '山东省', city: '济宁市', county: '兖州区' });
    expect(quotes(BODY, `我区涉及${t.statedIndicatorCount}项指标，具体分为19项约束性指标和16项参考性指标`)).toBe(true);
    for (const part of t.goal.split('。').filter(Boolean)) expect([part, quotes(BODY, part)]).toEqual([part, true]);
  });

  it('reads 35 rows from the seed table, one per indicator, in order', () => {
    expect(rows.map((r) => r.code)).toEqual(Array.from({ length: 35 }, (_, k) => String(k + 1)));
    expect(t.indicators.map((i) => i.code)).toEqual(rows.map((r) => r.code));
    expect(rows.filter((r) => r.attribute === '约束性')).toHaveLength(19);
  });

  describe.each(rows)('row $code', (row) => {
    it('name and sub-items, 单位, 指标值, 指标属性, 领域 and 任务 as printed', () => {
      const i = ind(row.code);
      const nameCell = [i.name, ...i.subItems.map((s) => `${s.label}${s.name}`)].join('\n');
      expect(norm(nameCell)).toBe(norm(row.name));
      const units = lines(row.unit);
      const targets = lines(row.target);
      // One line: the indicator's own value (sub-items inherit it); several: one per sub-item, joined with "；".
      expect(i.unit).toBe(units.join('；'));
      expect(norm(i.target)).toBe(norm(targets.join('；')));
      i.subItems.forEach((s, k) => {
        if (s.unit !== undefined) expect([s.label, s.unit]).toEqual([s.label, units.length > 1 ? units[k] : units[0]]);
        if (s.target !== undefined) expect([s.label, norm(s.target)]).toEqual([s.label, norm(targets.length > 1 ? targets[k] : targets[0])]);
      });
      if (units.length > 1 || targets.length > 1) expect(i.subItems.filter((s) => s.target !== undefined)).toHaveLength(targets.length);
      expect(i.attribute).toBe({ 约束性: 'binding', 参考性: 'reference' }[row.attribute]);
      expect(DOMAIN_NAMES[i.domain as DomainKey]).toBe(row.domain);
      expect(i.task).toBe(row.task);
      expect(i.derived).toBe(false);
      expect(i.applicability).toBe('applicable');
    });

    it('责任单位 in the order printed; several units: first-named lead, marked derived with the convention', () => {
      const i = ind(row.code);
      const cell = norm(row.units);
      const note = /（([^（）]+)）$/.exec(cell);
      const listed = (note ? cell.slice(0, note.index) : cell).split('、').filter(Boolean);
      const ids = [...i.leadUnitIds, ...i.coUnitIds];
      // The table writes short names (区发改局) or full ones (市生态环境局兖州区分局).
      expect(ids.map((id) => (listed.includes(norm(unitName(id).name)) ? norm(unitName(id).name) : norm(unitName(id).shortName)))).toEqual(listed);
      expect(i.leadUnitIds).toHaveLength(1);
      expect(i.leadMode).toBeUndefined();
      if (listed.length > 1) {
        expect(i.provenance?.leadUnitIds).toEqual({ derived: true, reason: expect.stringMatching(/未区分牵头与配合.*首个列出的单位牵头/) });
        expect(i.provenance?.leadUnitIds?.reason).toContain(unitName(i.leadUnitIds[0]).name);
        expect(i.provenance?.coUnitIds).toEqual({ derived: true, reason: expect.any(String) });
      } else {
        expect(i.provenance).toBeUndefined();
      }
      // 备注 is empty in the table: a remark only carries what the row itself prints (the survey method in 34/35).
      if (i.remarks !== undefined) expect(note && quotes(note[1], i.remarks.replace(/（方案写在责任单位栏括号内）$/, ''))).toBe(true);
      else expect(note).toBeNull();
    });
  });

  it('defines the units of the table with their full names from 附件2, and no others', () => {
    for (const u of t.units) {
      expect([u.id, quotes(ANNEX2, u.name)]).toEqual([u.id, true]);
      expect(u.provenance).toBeUndefined();
    }
    const used = new Set(t.indicators.flatMap((i) => [...i.leadUnitIds, ...i.coUnitIds]));
    expect(t.units.filter((u) => !used.has(u.id) && !t.leadershipGroup.members.some((m) => m.unitId === u.id))).toEqual([]);
  });

  it('lists the leadership group of 附件2, person by person', () => {
    const g = t.leadershipGroup;
    const people = [...g.leaders, ...g.deputyLeaders, ...g.members];
    expect(people).toHaveLength(17);
    for (const p of people) expect([p.name, quotes(ANNEX2, `${p.name}${p.title}`)]).toEqual([p.name, true]);
    expect(quotes(ANNEX2, `组长：${g.leaders[0].name}`)).toBe(true);
    expect(quotes(ANNEX2, `副组长：${g.deputyLeaders[0].name}`)).toBe(true);
    expect(quotes(ANNEX2, `办公室设在${unitName(g.officeUnitId!).name}，${g.officeDirectors[0].name}同志兼任办公室主任，${g.officeDeputies[0].name}同志兼任办公室副主任`)).toBe(true);
    // Each member sits in the unit their title names.
    for (const m of g.members) expect([m.name, m.title.startsWith(unitName(m.unitId!).name)]).toEqual([m.name, true]);
  });

  it('builds the steps of 三、实施步骤, including every inspection-preparation item', () => {
    const ms = t.phases.flatMap((p) => p.milestones);
    expect(t.phases.map((p) => p.name)).toEqual(['动员部署阶段', '创建实施阶段', '申报迎查阶段']);
    for (const p of t.phases) expect(quotes(BODY, `：${p.name}`)).toBe(true);
    expect(ms.map((m) => m.taskKind)).not.toEqual(expect.arrayContaining(['plan-started', 'key-projects', 'platform-fill']));
    const prep = '领导小组办公室组织各相关部门（单位）进一步完善创建申报材料，做好各指标数据档案整理、现场核查点位路线规划、演示材料制作、会议方案制定等工作。';
    expect(quotes(BODY, prep)).toBe(true);
    expect(t.inspectionPreparation.map((i) => i.name)).toEqual(['进一步完善创建申报材料', '各指标数据档案整理', '现场核查点位路线规划', '演示材料制作', '会议方案制定']);
    for (const i of t.inspectionPreparation) expect(quotes(prep, i.name)).toBe(true);
    expect(quotes(BODY, t.supplements!.description)).toBe(true);
    expect(quotes(BODY, t.materialsList!.description)).toBe(true);
    expect(quotes(BODY, t.schedule.note!)).toBe(true);
    for (const a of t.accountability) expect([a, quotes(BODY, a)]).toEqual([a, true]);
  });

  it('the government issues the plan; dates the plan prints are kept, the others are marked derived', () => {
    const m = (key: string) => t.phases.flatMap((p) => p.milestones).find((x) => x.key === key)!;
    expect(m('work-plan-issued')).toMatchObject({ owner: 'government', due: { date: '2023-06-29' } });
    expect(m('work-plan-issued').provenance).toBeUndefined();
    expect(m('materials').due).toMatchObject({ date: '2023-06-30', approximate: false });
    expect(m('application').due).toMatchObject({ date: '2023-07-25' });
    expect(m('pre-review').due).toMatchObject({ date: '2023-07-10', approximate: true });
    expect(m('pre-review').provenance?.due?.reason).toContain('7月上旬');
    // 命名 comes from the goal (成功创建 in 2023); its day is not printed.
    expect(m('naming').due.date).toBe('2023-12-31');
    expect(m('naming').provenance?.due?.reason).toMatch(/2023年成功创建.*2023年底推定/);
    for (const key of ['leadership-group', 'unit-contacts', 'public-notice', 'inspection-prep', 'inspection', 'supplement']) {
      expect([key, m(key).due.offset !== undefined, m(key).provenance?.due?.derived]).toEqual([key, true, true]);
    }
  });

  it('its source note agrees with the data', () => {
    const note = t.source!.note!;
    const kinds = t.phases.flatMap((p) => p.milestones.map((m) => m.taskKind));
    expect(note).toContain('命名节点取自总体目标');
    expect(kinds).toContain('naming');
    expect(note).toMatch(/方案未提规划编制、重点工程项目提报和国家平台填报/);
    expect(kinds.filter((k) => ['plan-started', 'plan-draft', 'key-projects', 'platform-fill'].includes(k))).toEqual([]);
  });
});
