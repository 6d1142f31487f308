import { mkdtempSync, rmSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import * as path from 'path';
import type { CampaignTemplateInput } from '@eco/domain';
import {
  TemplateRegistry,
  TemplateValidationError,
  builtInTemplateDir,
  formatPath,
  loadBuiltInTemplates,
  loadTemplateFile,
  parseTemplate,
} from './template-loader';

/** A small valid template; each test breaks one thing. */
function minimal(): CampaignTemplateInput {
  return {
    id: 'test-district',
    name: '测试区创建工作方案',
    region: { name: '测试市测试区', province: '山东省', city: '测试市', county: '测试区' },
    issuingAuthority: '测试区人民政府',
    issueDate: '2024-01-10',
    kind: 'creation',
    targetLevel: 'national',
    goal: '创建国家生态文明建设示范区',
    units: [
      { id: 'eco', name: '市生态环境局测试分局', shortName: '生态环境分局' },
      { id: 'water', name: '区水务局', shortName: '区水务局' },
      { id: 'streets', name: '各街道办事处', shortName: '各街道', kind: 'collective', members: [] },
    ],
    leadershipGroup: {
      name: '领导小组',
      leaders: [{ name: '张三', title: '区长' }],
      deputyLeaders: [],
      members: [{ name: '李四', title: '区水务局局长', unitId: 'water' }],
      officeUnitId: 'eco',
    },
    indicators: [
      { code: '1', domain: 'institution', task: 1, name: '生态文明建设规划', target: '制定实施', attribute: 'binding', leadUnitIds: ['eco'] },
      { code: '2', domain: 'institution', task: 1, name: '河长制', target: '全面实施', attribute: 'binding', leadUnitIds: ['water'], coUnitIds: ['streets'] },
    ],
    phases: [
      {
        key: 'mobilization',
        name: '动员部署',
        start: '2024-01-10',
        end: '2024-02-29',
        text: '2024年2月29日前',
        milestones: [{ key: 'contacts', name: '确定联络员', taskKind: 'unit-contacts', due: { date: '2024-02-01', text: '2月1日前' }, owner: 'units' }],
      },
      {
        key: 'implementation',
        name: '创建实施',
        start: '2024-03-01',
        end: '2024-04-30',
        text: '3月1日—4月30日',
        milestones: [{ key: 'materials', name: '提供资料', taskKind: 'materials', due: { date: '2024-04-30', text: '4月30日前' }, owner: 'units' }],
      },
    ],
    schedule: { followsHigherAuthority: true, postponableForEmergency: false },
    materialsList: { required: true, description: '资料清单', milestoneKey: 'materials' },
  };
}

function errorOf(fn: () => unknown): TemplateValidationError {
  try {
    fn();
  } catch (err) {
    if (err instanceof TemplateValidationError) return err;
    throw err;
  }
  throw new Error('expected a TemplateValidationError');
}

describe('formatPath', () => {
  it('joins keys with dots and indexes with brackets', () => {
    expect(formatPath(['indicators', 3, 'leadUnitIds', 0])).toBe('indicators[3].leadUnitIds[0]');
    expect(formatPath(['schedule', 'note'])).toBe('schedule.note');
    expect(formatPath([])).toBe('');
  });
});

describe('parseTemplate', () => {
  it('accepts a valid template and applies schema defaults', () => {
    const t = parseTemplate(minimal(), 'minimal.json');
    expect(t.id).toBe('test-district');
    expect(t.indicators[0].coUnitIds).toEqual([]);
    expect(t.indicators[0].applicability).toBe('applicable');
    expect(t.reminderPolicy.before).toEqual(['P3D', 'P1D']);
  });

  it('reports schema errors with file, field path and reason', () => {
    const bad = minimal() as any;
    bad.indicators[1].attribute = '约束性';
    delete bad.goal;
    bad.phases[0].milestones[0].due = { text: '未写日期' };
    const err = errorOf(() => parseTemplate(bad, 'bad-schema.json'));
    expect(err.file).toBe('bad-schema.json');
    const paths = err.issues.map((i) => i.path);
    expect(paths).toEqual(expect.arrayContaining(['indicators[1].attribute', 'goal', 'phases[0].milestones[0].due']));
    expect(err.message).toContain('bad-schema.json');
    expect(err.message).toContain('indicators[1].attribute');
    expect(err.message).toMatch(/phases\[0\]\.milestones\[0\]\.due: 日期（date）与偏移（offset）须填且只填一项 \(give exactly one of date or offset\)/);
    // zod's own English words come second, after the Chinese — a Chinese value quoted in them does not make them Chinese
    expect(err.issues).toEqual(expect.arrayContaining([
      { path: 'goal', reason: '缺少必填项：goal (Required)' },
      { path: 'indicators[1].attribute', reason: expect.stringMatching(/^indicators\[1\]\.attribute 取值无效，可选：binding、reference \(Invalid enum value/) },
    ]));
  });

  it('names unknown fields', () => {
    const bad = minimal() as any;
    bad.indicators[0].leadUnit = 'eco';
    const err = errorOf(() => parseTemplate(bad, 'x.json'));
    expect(err.issues).toEqual([{ path: 'indicators[0]', reason: expect.stringContaining('leadUnit') }]);
  });

  it('reports an unknown unit reference with its field path', () => {
    const bad = minimal();
    bad.indicators[1].coUnitIds = ['streets', 'nowhere'];
    const err = errorOf(() => parseTemplate(bad, 'unknown-unit.json'));
    expect(err.issues).toEqual([{ path: 'indicators[1].coUnitIds[1]', reason: expect.stringContaining('"nowhere"') }]);
    expect(err.message).toMatch(/unknown-unit\.json: indicators\[1\]\.coUnitIds\[1\]: unknown unit id/);
  });

  it('checks unit references everywhere they occur and lists all problems', () => {
    const bad = minimal() as any;
    bad.indicators[0].leadUnitIds = ['ghost'];
    bad.indicators[0].subItems = [{ label: '①', name: '分项', leadUnitIds: ['eco'], coUnitIds: ['ghost2'] }];
    bad.vetoConditions = [{ code: '23.1', text: '否决情形', leadUnitIds: ['ghost3'] }];
    bad.keyTasks = [{ number: 1, title: '任务', section: '(一)', content: '内容', unitIds: ['eco', 'ghost4'], indicatorCode: '99' }];
    bad.phases[1].milestones[0].units = ['ghost5'];
    bad.leadershipGroup.members[0].unitId = 'ghost6';
    bad.leadershipGroup.officeUnitId = 'ghost7';
    bad.units[2].members = ['ghost8'];
    const err = errorOf(() => parseTemplate(bad, 'many.json'));
    expect(err.issues.map((i) => i.path)).toEqual(
      expect.arrayContaining([
        'indicators[0].leadUnitIds[0]',
        'indicators[0].subItems[0].coUnitIds[0]',
        'vetoConditions[0].leadUnitIds[0]',
        'keyTasks[0].unitIds[1]',
        'keyTasks[0].indicatorCode',
        'phases[1].milestones[0].units[0]',
        'leadershipGroup.members[0].unitId',
        'leadershipGroup.officeUnitId',
        'units[2].members[0]',
      ]),
    );
    expect(err.issues).toHaveLength(9);
  });

  it('rejects duplicate indicator codes, unit ids and milestone keys', () => {
    const bad = minimal() as any;
    bad.indicators[1].code = '1';
    bad.units.push({ id: 'water', name: '重复', shortName: '重复' });
    bad.phases[1].milestones.push({ key: 'contacts', name: '重复', taskKind: 'materials', due: { offset: 'P1D', text: 'x' }, owner: 'units' });
    const err = errorOf(() => parseTemplate(bad, 'dup.json'));
    expect(err.issues).toEqual(
      expect.arrayContaining([
        { path: 'indicators[1].code', reason: expect.stringContaining('duplicate indicator code') },
        { path: 'units[3].id', reason: expect.stringContaining('duplicate unit id') },
        { path: 'phases[1].milestones[1].key', reason: expect.stringContaining('duplicate milestone key') },
      ]),
    );
  });

  it('rejects phases out of order and inverted phase dates', () => {
    const bad = minimal() as any;
    bad.phases.reverse();
    bad.phases[1].end = '2024-01-01';
    const err = errorOf(() => parseTemplate(bad, 'order.json'));
    const paths = err.issues.map((i) => i.path);
    expect(paths).toContain('phases[1].key');
    expect(paths).toContain('phases[1].end');
    expect(err.issues.find((i) => i.path === 'phases[1].key')!.reason).toMatch(/out of order/);
  });

  it('rejects milestone dates outside their phase and impossible dates', () => {
    const bad = minimal() as any;
    bad.phases[0].milestones[0].due.date = '2024-03-05';
    bad.phases[1].milestones[0].due.date = '2024-02-30';
    const err = errorOf(() => parseTemplate(bad, 'dates.json'));
    expect(err.issues).toEqual(
      expect.arrayContaining([
        { path: 'phases[0].milestones[0].due.date', reason: expect.stringContaining('after its phase ends (2024-02-29)') },
        { path: 'phases[1].milestones[0].due.date', reason: expect.stringContaining('not a calendar date') },
      ]),
    );
  });

  it('allows a milestone date when the phase gives only one bound, and checks that bound', () => {
    const ok = minimal() as any;
    delete ok.phases[0].start;
    ok.phases[0].milestones[0].due.date = '2023-12-01';
    expect(() => parseTemplate(ok, 'ok.json')).not.toThrow();
    ok.phases[0].milestones[0].due.date = '2024-03-01';
    expect(errorOf(() => parseTemplate(ok, 'late.json')).issues[0].path).toBe('phases[0].milestones[0].due.date');
  });

  it('rejects keys pointing at missing milestones', () => {
    const bad = minimal() as any;
    bad.materialsList.milestoneKey = 'no-such-milestone';
    const err = errorOf(() => parseTemplate(bad, 'mk.json'));
    expect(err.issues).toEqual([{ path: 'materialsList.milestoneKey', reason: expect.stringContaining('no-such-milestone') }]);
  });
});

describe('loadTemplateFile', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(path.join(tmpdir(), 'tpl-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('loads a valid file', async () => {
    const file = path.join(dir, 'ok.json');
    writeFileSync(file, JSON.stringify(minimal()));
    await expect(loadTemplateFile(file)).resolves.toMatchObject({ id: 'test-district' });
  });

  it('names the file when the JSON is malformed', async () => {
    const file = path.join(dir, 'broken.json');
    writeFileSync(file, '{ "id": "x", ');
    await expect(loadTemplateFile(file)).rejects.toThrow(TemplateValidationError);
    await expect(loadTemplateFile(file)).rejects.toThrow(/broken\.json: \(root\): invalid JSON/);
  });

  it('names the file and field when a unit reference is unknown', async () => {
    const t = minimal();
    t.indicators[0].leadUnitIds = ['missing-unit'];
    const file = path.join(dir, 'bad-ref.json');
    writeFileSync(file, JSON.stringify(t));
    await expect(loadTemplateFile(file)).rejects.toMatchObject({
      file,
      issues: [{ path: 'indicators[0].leadUnitIds[0]', reason: expect.stringContaining('missing-unit') }],
    });
  });

  it('reports a missing file', async () => {
    await expect(loadTemplateFile(path.join(dir, 'nope.json'))).rejects.toThrow(/nope\.json.*cannot read file/);
  });
});

describe('loadBuiltInTemplates', () => {
  it('finds the data folder next to the sources', () => {
    expect(builtInTemplateDir()).toBe(path.resolve(__dirname, '../data'));
  });

  it('loads the built-in templates, including yanzhou, shinan and jiyang', async () => {
    const templates = await loadBuiltInTemplates();
    const ids = templates.map((t) => t.id);
    expect(ids).toEqual(expect.arrayContaining(['yanzhou-2023', 'shinan-2024', 'jiyang-2021']));
    expect(new Set(ids).size).toBe(ids.length);
  });

  it('loads only *.json files of a folder and rejects two templates with the same id', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'tpl-'));
    try {
      writeFileSync(path.join(dir, 'a.json'), JSON.stringify(minimal()));
      writeFileSync(path.join(dir, 'readme.txt'), 'not a template');
      await expect(loadBuiltInTemplates(dir)).resolves.toHaveLength(1);
      writeFileSync(path.join(dir, 'b.json'), JSON.stringify(minimal()));
      await expect(loadBuiltInTemplates(dir)).rejects.toThrow(/b\.json: id: template id "test-district" already used by a\.json/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('TemplateRegistry', () => {
  it('holds templates by id', () => {
    const a = parseTemplate(minimal(), 'a.json');
    const b = parseTemplate({ ...minimal(), id: 'another-district' }, 'b.json');
    const reg = new TemplateRegistry([a]);
    reg.add(b);
    expect(reg.get('test-district')).toBe(a);
    expect(reg.get('another-district')).toBe(b);
    expect(reg.get('unknown')).toBeUndefined();
    expect(reg.list().map((t) => t.id)).toEqual(['another-district', 'test-district']);
    expect(() => reg.add(a)).toThrow(/already registered/);
  });

  it('loads the built-in templates', async () => {
    const reg = await TemplateRegistry.loadBuiltIn();
    expect(reg.get('shinan-2024')?.documentNumber).toBe('青南政发〔2024〕10号');
  });
});
