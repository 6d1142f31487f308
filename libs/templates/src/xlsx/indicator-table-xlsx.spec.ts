import ExcelJS from 'exceljs';
import * as path from 'path';
import { CampaignTemplateSchema, type CampaignTemplate, type CampaignTemplateInput } from '@eco/domain';
import { TemplateValidationError, loadTemplateFile } from '../template-loader';
import { buildCustomTemplate, defaultPhases, type CustomTemplateMeta } from './custom-template';
import {
  INDICATOR_COLUMNS,
  INDICATOR_SHEET,
  UNITS_SHEET,
  XlsxImportError,
  exportIndicatorTable,
  importIndicatorTable,
  readIndicatorTable,
  type XlsxIssue,
} from './indicator-table-xlsx';

function smallTemplate(over: Partial<CampaignTemplateInput> = {}): CampaignTemplate {
  return CampaignTemplateSchema.parse({
    id: 'xlsx-test',
    name: '测试区创建国家生态文明建设示范区工作方案',
    region: { name: '测试市测试区', province: '山东省', city: '测试市', county: '测试区' },
    issuingAuthority: '测试区人民政府',
    issueDate: '2024-02-01',
    kind: 'creation',
    targetLevel: 'national',
    goal: '创建国家生态文明建设示范区',
    units: [
      { id: 'eco', name: '市生态环境局测试分局', shortName: '生态环境分局' },
      { id: 'urban', name: '区城市管理局', shortName: '城管局' },
      { id: 'nr', name: '市自然资源和规划局测试分局', shortName: '自然资源分局' },
      { id: 'law', name: '区综合执法局', shortName: '综合执法局' },
      { id: 'org', name: '区委组织部', shortName: '组织部', kind: 'party' },
      { id: 'sd-a', name: '甲街道办事处', shortName: '甲街道', kind: 'subdistrict' },
      { id: 'streets', name: '各街道办事处', shortName: '各街道', kind: 'collective', members: ['sd-a'] },
    ],
    leadershipGroup: { name: '领导小组', leaders: [], deputyLeaders: [], members: [] },
    indicators: [
      {
        code: '1',
        domain: 'institution',
        task: 1,
        name: '生态文明建设工作占党政实绩考核的比例',
        unit: '%',
        target: '≥20',
        attribute: 'binding',
        leadUnitIds: ['org'],
        coUnitIds: ['eco'],
        description: '生态文明建设工作所占的比例≥20%。',
      },
      { code: '2', domain: 'institution', task: 1, name: '河长制', target: '全面实施', attribute: 'binding', leadUnitIds: ['urban', 'eco'] },
      {
        code: '3',
        domain: 'security',
        task: 2,
        name: '水环境质量',
        unit: '%',
        target: '(1)≥95；(2)100',
        attribute: 'binding',
        leadUnitIds: ['eco', 'urban'],
        coUnitIds: ['law', 'streets'],
        section: '(二)生态安全',
        subItems: [
          { label: '(1)', name: '县城污水处理率', unit: '%', target: '≥95', leadUnitIds: ['eco'], coUnitIds: [] },
          { label: '(2)', name: '县级城市建成区黑臭水体消除率', unit: '%', target: '100', leadUnitIds: ['urban', 'eco'], coUnitIds: ['law', 'streets'] },
        ],
        remarks: '(2)依据职责分别牵头。',
      },
      {
        code: '4',
        domain: 'security',
        task: 3,
        name: '生物多样性保护',
        unit: '%；-；%',
        target: '≥95；不明显；不降低',
        attribute: 'reference',
        leadUnitIds: ['nr'],
        subItems: [
          { label: '①', name: '国家重点保护野生动植物保护率', unit: '%', target: '≥95' },
          { label: '②', name: '外来物种入侵', unit: '-', target: '不明显' },
          { label: '③', name: '特有性或指示性水生物种保持率' },
        ],
      },
      { code: '5', domain: 'security', task: 3, name: '环境空气质量', target: '保持稳定', attribute: 'binding', leadUnitIds: ['eco'], subItems: [{ label: '①', name: '优良天数比例' }] },
      {
        code: 'C1',
        domain: 'economy',
        task: 6,
        name: '农膜回收率',
        unit: '%',
        target: '≥85',
        attribute: 'reference',
        leadUnitIds: ['nr'],
        applicability: 'certificate-only',
        derived: true,
        derivedNote: '方案未标注指标属性，按县级指标体系',
      },
      { code: 'C2', domain: 'security', name: '耕地土壤有机质含量', target: '保持稳定或有所提高', attribute: 'binding', leadUnitIds: ['nr'], applicability: 'certificate-only' },
    ],
    phases: defaultPhases(),
    schedule: { followsHigherAuthority: true, postponableForEmergency: true },
    ...over,
  });
}

const meta: CustomTemplateMeta = {
  id: 'imported',
  name: '测试区创建国家生态文明建设示范区工作方案（导入）',
  region: { name: '测试市测试区', province: '山东省', city: '测试市', county: '测试区' },
  issueDate: '2024-03-01',
};

async function loadWorkbook(buf: Buffer): Promise<ExcelJS.Workbook> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(buf as unknown as ExcelJS.Buffer);
  return wb;
}

/** A hand-made workbook: optional title, a header row, data rows, optional units sheet. */
async function makeWorkbook(rows: string[][], opts: { title?: string; header?: string[]; units?: string[][] } = {}): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet(INDICATOR_SHEET);
  if (opts.title) ws.addRow([opts.title]);
  ws.addRow(opts.header ?? [...INDICATOR_COLUMNS]);
  for (const r of rows) ws.addRow(r);
  if (opts.units) {
    const us = wb.addWorksheet(UNITS_SHEET);
    us.addRow(['id', '名称', '简称', '类型', '成员']);
    for (const u of opts.units) us.addRow(u);
  }
  return Buffer.from((await wb.xlsx.writeBuffer()) as ArrayBuffer);
}

async function importIssues(promise: Promise<unknown>): Promise<XlsxIssue[]> {
  try {
    await promise;
  } catch (e) {
    expect(e).toBeInstanceOf(XlsxImportError);
    return (e as XlsxImportError).issues;
  }
  throw new Error('expected the import to fail');
}

describe('exportIndicatorTable', () => {
  it('writes the seed layout: title, header, one row per indicator, units sheet', async () => {
    const t = smallTemplate();
    const wb = await loadWorkbook(await exportIndicatorTable(t));
    expect(wb.worksheets.map((w) => w.name)).toEqual([INDICATOR_SHEET, UNITS_SHEET]);
    const ws = wb.getWorksheet(INDICATOR_SHEET)!;
    expect(ws.getCell('A1').value).toBe('测试区创建国家生态文明建设示范区工作方案指标任务分解表');
    expect(ws.getRow(2).values).toEqual([undefined, ...INDICATOR_COLUMNS]);
    const row = (code: string) => {
      for (let r = 3; r <= ws.rowCount; r++) if (ws.getCell(r, 3).value === code) return ws.getRow(r);
      throw new Error(`no row ${code}`);
    };
    const text = (code: string, col: number) => {
      const c = row(code).getCell(col);
      return (c.isMerged ? c.master : c).value;
    };
    expect(text('1', 1)).toBe('生态制度');
    expect(text('1', 2)).toBe('（一）目标责任体系与制度建设');
    expect(text('1', 7)).toBe('约束性');
    expect(text('1', 8)).toBe('牵头：区委组织部；协办：市生态环境局测试分局');
    expect(text('2', 8)).toBe('区城市管理局、市生态环境局测试分局');
    expect(text('3', 4)).toBe('水环境质量\n(1)县城污水处理率\n(2)县级城市建成区黑臭水体消除率');
    expect(text('3', 6)).toBe('(1)≥95；(2)100\n≥95\n100');
    expect(text('3', 8)).toBe(
      '牵头：市生态环境局测试分局、区城市管理局；协办：区综合执法局、各街道办事处\n(1)市生态环境局测试分局\n(2)牵头：区城市管理局、市生态环境局测试分局；协办：区综合执法局、各街道办事处',
    );
    expect(text('3', 9)).toBe('【分组：(二)生态安全】\n(2)依据职责分别牵头。');
    expect(text('4', 5)).toBe('%；-；%\n%\n-\n');
    expect(text('4', 7)).toBe('参考性');
    expect(text('5', 6)).toBe('保持稳定');
    expect(text('C1', 9)).toBe('【不涉及，需出具证明】【推定：方案未标注指标属性，按县级指标体系】');
    expect(text('C2', 2)).toBe('');
    // equal neighbouring 领域 / 任务 cells are merged
    expect(row('2').getCell(1).isMerged).toBe(true);
    expect(row('2').getCell(2).isMerged).toBe(true);
    expect(row('3').getCell(2).isMerged).toBe(false); // task 2 alone
    const us = wb.getWorksheet(UNITS_SHEET)!;
    expect(us.getRow(1).values).toEqual([undefined, 'id', '名称', '简称', '类型', '成员', '推定依据']);
    expect(us.getRow(6).values).toEqual([undefined, 'org', '区委组织部', '组织部', '党委部门', '']);
    expect(us.getRow(8).values).toEqual([undefined, 'streets', '各街道办事处', '各街道', '集合单位', 'sd-a']);
  });

  it('refuses a unit name that would not survive the 责任单位 column', async () => {
    const t = smallTemplate();
    t.units[0].name = '市生态环境局、测试分局';
    await expect(exportIndicatorTable(t)).rejects.toThrow(/分隔符/);
  });
});

describe('round trip export → import', () => {
  it('gives back the same indicators and units', async () => {
    const t = smallTemplate();
    const table = await readIndicatorTable(await exportIndicatorTable(t));
    expect(table.unitsFromSheet).toBe(true);
    expect(table.title).toBe('测试区创建国家生态文明建设示范区工作方案指标任务分解表');
    expect(CampaignTemplateSchema.shape.units.parse(table.units)).toEqual(t.units);
    expect(CampaignTemplateSchema.shape.indicators.parse(table.indicators)).toEqual(t.indicators);
  });

  it('builds a valid custom template with the default phases', async () => {
    const t = smallTemplate();
    const imported = await importIndicatorTable(await exportIndicatorTable(t), meta);
    expect(imported.id).toBe('imported');
    expect(imported.indicators).toEqual(t.indicators);
    expect(imported.units).toEqual(t.units);
    expect(imported.issuingAuthority).toBe('测试市测试区人民政府');
    expect(imported.phases.map((p) => [p.key, p.name])).toEqual([
      ['mobilization', '动员部署'],
      ['implementation', '创建实施'],
      ['application', '申报迎查'],
    ]);
    const offsets = imported.phases.map((p) => [...new Set(p.milestones.map((m) => m.due.offset))]);
    expect(offsets).toEqual([['P14D'], ['P60D'], ['P120D']]);
    // certificate-only indicators exist, so the certificate milestone is there
    expect(imported.phases[1].milestones.map((m) => m.taskKind)).toEqual(['indicator', 'certificate']);
  });

  it.each(['yanzhou-2023', 'shinan-2024', 'jiyang-2021'])('round-trips the built-in template %s', async (id) => {
    const t = await loadTemplateFile(path.resolve(__dirname, `../../data/${id}.json`));
    const buf = await exportIndicatorTable(t);
    const table = await readIndicatorTable(buf);
    expect(CampaignTemplateSchema.shape.indicators.parse(table.indicators)).toEqual(t.indicators);
    expect(CampaignTemplateSchema.shape.units.parse(table.units)).toEqual(t.units);
    const imported = await importIndicatorTable(buf, { ...meta, id: `${id}-copy`, region: t.region, issueDate: t.issueDate });
    expect(imported.indicators).toEqual(t.indicators);
  });

  it('accepts an ArrayBuffer / Uint8Array as well as a Buffer', async () => {
    const buf = await exportIndicatorTable(smallTemplate());
    const ab = buf.buffer.slice(buf.byteOffset, buf.byteOffset + buf.byteLength) as ArrayBuffer;
    expect((await readIndicatorTable(ab)).indicators).toHaveLength(7);
    expect((await readIndicatorTable(new Uint8Array(buf))).indicators).toHaveLength(7);
  });
});

describe('importing a hand-made table (no units sheet, seed-like cells)', () => {
  it('creates units from the names, joins wrapped lines, fills 领域 down, splits sub-item lines', async () => {
    const buf = await makeWorkbook(
      [
        ['生态制度', '（一）\n目标责任体系与制度建设', '1', '生态文明建设规划', '-', '制定实施', '约束性', '市生态环境局兖州区分局', ''],
        ['', '', '2', '党委政府对生态文明建设重大目标任务部署情况', '-', '有效开展', '约束性', '区委办、\n区政府办、市生态\n环境局兖州区分局', ''],
        [
          '生态安全',
          '（三）生态系统保护',
          '11',
          '生物多样性保护\n①国家重点保护野生动植物保护率\n②外来物种入侵',
          '\n%\n-',
          '\n≥95\n不明显',
          '参考性',
          '区自然资源局，各街道办事处',
          '',
        ],
      ],
      { title: '济宁市兖州区创建国家生态文明建设示范区指标任务分解表' },
    );
    const t = await importIndicatorTable(buf, meta);
    expect(t.units.map((u) => [u.id, u.name, u.kind])).toEqual([
      ['unit-1', '市生态环境局兖州区分局', 'department'],
      ['unit-2', '区委办', 'department'],
      ['unit-3', '区政府办', 'department'],
      ['unit-4', '区自然资源局', 'department'],
      ['unit-5', '各街道办事处', 'collective'],
    ]);
    expect(t.indicators.map((i) => [i.code, i.domain, i.task, i.leadUnitIds])).toEqual([
      ['1', 'institution', 1, ['unit-1']],
      ['2', 'institution', undefined, ['unit-2', 'unit-3', 'unit-1']],
      ['11', 'security', 3, ['unit-4', 'unit-5']],
    ]);
    const bio = t.indicators[2];
    expect(bio.subItems).toEqual([
      { label: '①', name: '国家重点保护野生动植物保护率', unit: '%', target: '≥95' },
      { label: '②', name: '外来物种入侵', unit: '-', target: '不明显' },
    ]);
    // empty first line: the indicator's own value is made from the sub-items
    expect(bio.unit).toBe('%；-');
    expect(bio.target).toBe('≥95；不明显');
    // no certificate-only indicators: no certificate milestone
    expect(t.phases[1].milestones.map((m) => m.taskKind)).toEqual(['indicator']);
  });

  it('maps names through the units sheet, by full name, short name or id', async () => {
    const buf = await makeWorkbook([['生态制度', '', '1', '河长制', '-', '全面实施', '约束性', '牵头：水务局；协办：eco、区城市管理局', '']], {
      units: [
        ['eco', '市生态环境局测试分局', '生态环境分局', '部门', ''],
        ['water', '区水务局', '水务局', '', ''],
        ['urban', '区城市管理局', '城管局', 'department', ''],
      ],
    });
    const table = await readIndicatorTable(buf);
    expect(table.indicators[0]).toMatchObject({ leadUnitIds: ['water'], coUnitIds: ['eco', 'urban'] });
    expect(table.units.map((u) => u.id)).toEqual(['eco', 'water', 'urban']);
  });
});

describe('import errors name the row and the column', () => {
  const units = [
    ['eco', '市生态环境局测试分局', '生态环境分局', '部门', ''],
    ['water', '区水务局', '水务局', '部门', ''],
  ];

  it('collects every problem of the table at once', async () => {
    const buf = await makeWorkbook(
      [
        ['生态制度', '（一）目标责任体系与制度建设', '1', '河长制', '-', '全面实施', '约束性', '区水务局', ''], // row 3 ok
        ['', '', '2', '生态环境信息公开率', '%', '100', '强制性', '市生态环境局测试分局', ''], // row 4: attribute
        ['', '', '3', '', '-', '开展', '参考性', '市生态环境局测试分局', ''], // row 5: no name
        ['', '', '4', '规划环评', '-', '开展', '参考性', '区环保局', ''], // row 6: unknown unit
        ['', '', '1', '重复序号', '-', '开展', '参考性', '区水务局', ''], // row 7: duplicate code
        ['生态安全', '（一）目标责任体系与制度建设', '6', '任务领域不符', '-', '开展', '参考性', '区水务局', ''], // row 8: task vs domain
        ['生态天空', '', '7', '未知领域', '-', '开展', '参考性', '区水务局', ''], // row 9: domain
        ['生态安全', '', '8', '指标值缺失', '-', '', '约束性', '区水务局', ''], // row 10: target
        ['生态安全', '', '9', '太多行\n①甲', '%\n%\n%', '1', '约束性', '区水务局', ''], // row 11: too many unit lines
        ['生态安全', '', '10', '双重身份', '-', '1', '约束性', '牵头：区水务局；协办：区水务局', ''], // row 12: lead and co
        ['生态安全', '', '11', '推定无依据', '-', '1', '约束性', '区水务局', '【推定】'], // row 13
        ['生态安全', '（十一）不存在的任务', '12', '未知任务', '-', '1', '约束性', '区水务局', ''], // row 14
        ['生态安全', '', '', '没有序号', '-', '1', '约束性', '区水务局', ''], // row 15
        ['生态安全', '', '13', '没有牵头', '-', '1', '约束性', '协办：区水务局', ''], // row 16
      ],
      { title: '测试表', units },
    );
    const issues = await importIssues(importIndicatorTable(buf, meta));
    const at = issues.map((i) => [i.sheet, i.row, i.column]);
    expect(at).toEqual([
      [INDICATOR_SHEET, 4, '指标属性'],
      [INDICATOR_SHEET, 5, '指标名称'],
      [INDICATOR_SHEET, 6, '责任单位'],
      [INDICATOR_SHEET, 7, '序号'],
      [INDICATOR_SHEET, 8, '任务'],
      [INDICATOR_SHEET, 9, '领域'],
      [INDICATOR_SHEET, 10, '指标值'],
      [INDICATOR_SHEET, 11, '单位'],
      [INDICATOR_SHEET, 12, '责任单位'],
      [INDICATOR_SHEET, 13, '备注'],
      [INDICATOR_SHEET, 14, '任务'],
      [INDICATOR_SHEET, 15, '序号'],
      [INDICATOR_SHEET, 16, '责任单位'],
    ]);
    const reason = (row: number) => issues.find((i) => i.row === row)!.reason;
    expect(reason(4)).toContain('强制性');
    expect(reason(6)).toContain('区环保局');
    expect(reason(7)).toContain('第3行');
    expect(reason(9)).toContain('生态天空');
    expect(reason(16)).toContain('牵头');
  });

  it('a date-formatted cell that is no date reads as empty (it threw a RangeError: the import answered 500)', async () => {
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load((await makeWorkbook([['生态制度', '', '1', '河长制', '-', '全面实施', '约束性', '区水务局', '']], { units })) as any);
    const cell = wb.getWorksheet(INDICATOR_SHEET)!.getCell(2, 6); // 指标值
    cell.value = 1e20;
    cell.numFmt = 'yyyy-mm-dd';
    const buf = Buffer.from((await wb.xlsx.writeBuffer()) as ArrayBuffer);
    const issues = await importIssues(importIndicatorTable(buf, meta));
    expect(issues).toEqual([expect.objectContaining({ row: 2, column: '指标值' })]);
  });

  it('the error message lists sheet, row and column', async () => {
    const buf = await makeWorkbook([['生态制度', '', '1', '河长制', '-', '全面实施', '必须', '区水务局', '']], { units });
    await expect(importIndicatorTable(buf, meta)).rejects.toThrow(/指标任务分解表 第2行「指标属性」: 未知指标属性“必须”/);
  });

  it('reports missing columns and a missing header row', async () => {
    const noAttr = await makeWorkbook([['生态制度', '1', '河长制', '全面实施', '区水务局']], { header: ['领域', '序号', '指标名称', '指标值', '责任单位'] });
    expect((await importIssues(readIndicatorTable(noAttr))).map((i) => [i.row, i.column])).toEqual([[1, '指标属性']]);
    const noHeader = await makeWorkbook([['a', 'b']], { header: ['甲', '乙'] });
    expect((await importIssues(readIndicatorTable(noHeader)))[0]).toMatchObject({ row: 1, column: '' });
  });

  it('checks the units sheet too', async () => {
    const buf = await makeWorkbook([['生态制度', '', '1', '河长制', '-', '全面实施', '约束性', '区水务局', '']], {
      units: [
        ['water', '区水务局', '水务局', '部门', ''],
        ['Water!', '区水利局', '', '部门', ''],
        ['water', '区水务局二', '', '部门', ''],
        ['x', '某单位', '', '司令部', ''],
        ['y', '某集合', '', '部门', 'water'],
      ],
    });
    const issues = await importIssues(readIndicatorTable(buf));
    expect(issues.map((i) => [i.sheet, i.row, i.column])).toEqual([
      [UNITS_SHEET, 3, 'id'],
      [UNITS_SHEET, 4, 'id'],
      [UNITS_SHEET, 5, '类型'],
      [UNITS_SHEET, 6, '成员'],
    ]);
  });

  it('reads provenance marks (【推定·字段：依据】, 推定依据 column) and names an unknown field or an empty reason', async () => {
    const good = await makeWorkbook([['生态制度', '', '1', '河长制', '-', '全面实施', '约束性', '牵头：区水务局；协办：区统计局', '【推定·牵头单位：首个单位牵头】备注']], {
      units: [
        ['water', '区水务局', '水务局', '部门', ''],
        ['stats', '区统计局', '', '部门', ''],
      ],
    });
    const table = await readIndicatorTable(good);
    expect(table.indicators[0]).toMatchObject({ remarks: '备注', provenance: { leadUnitIds: { derived: true, reason: '首个单位牵头' } } });
    const bad = await makeWorkbook([['生态制度', '', '1', '河长制', '-', '全面实施', '约束性', '区水务局', '【推定·颜色：x】【推定·单位：】']]);
    const issues = await importIssues(readIndicatorTable(bad));
    expect(issues.map((i) => [i.row, i.column])).toEqual([[2, '备注'], [2, '备注']]);
    expect(issues[0].reason).toMatch(/【推定·颜色：x】.*牵头单位/);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load((await exportIndicatorTable(smallTemplate())) as never);
    const us = wb.getWorksheet(UNITS_SHEET)!;
    us.getRow(2).getCell(6).value = '来历：不明';
    const units = await importIssues(readIndicatorTable(Buffer.from((await wb.xlsx.writeBuffer()) as ArrayBuffer)));
    expect(units.map((i) => [i.sheet, i.row, i.column])).toEqual([[UNITS_SHEET, 2, '推定依据']]);
  });

  it('rejects a file that is not xlsx', async () => {
    const issues = await importIssues(readIndicatorTable(Buffer.from('not a spreadsheet')));
    expect(issues[0].reason).toMatch(/xlsx/);
  });

  it('reports template problems from the caller’s meta through the loader', async () => {
    const buf = await exportIndicatorTable(smallTemplate());
    await expect(importIndicatorTable(buf, { ...meta, id: 'Bad Id' })).rejects.toThrow(TemplateValidationError);
  });
});

describe('buildCustomTemplate', () => {
  it('keeps caller-supplied parts and validates cross references', () => {
    const t = buildCustomTemplate(
      { ...meta, targetLevel: 'provincial', goal: '创建省级生态文明建设示范区' },
      [{ code: '1', domain: 'institution', name: '河长制', target: '全面实施', attribute: 'binding', leadUnitIds: ['water'] }],
      [{ id: 'water', name: '区水务局', shortName: '水务局' }],
    );
    expect(t.targetLevel).toBe('provincial');
    expect(t.leadershipGroup.name).toBe('测试市测试区创建省级生态文明建设示范区工作领导小组');
    expect(() =>
      buildCustomTemplate(meta, [{ code: '1', domain: 'institution', name: '河长制', target: '全面实施', attribute: 'binding', leadUnitIds: ['nobody'] }], [
        { id: 'water', name: '区水务局', shortName: '水务局' },
      ]),
    ).toThrow(/nobody/);
  });
});
