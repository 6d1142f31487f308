/**
 * Excel import/export of the indicator task table (指标任务分解表), in the column layout of the
 * work plans' annex: 领域 | 任务 | 序号 | 指标名称 | 单位 | 指标值 | 指标属性 | 责任单位 | 备注.
 *
 * Encoding (what `exportIndicatorTable` writes and `readIndicatorTable` reads back):
 *  - 领域: DOMAIN_NAMES (生态制度 …); 任务: "（一）目标责任体系与制度建设" from TASK_NAMES. Equal
 *    neighbouring cells are merged, as in the plans; the reader honours merges and fills 领域 down.
 *  - 指标名称: the name, then one line per sub-item, "①优良天数比例" / "(1)县城污水处理率".
 *  - 单位 / 指标值: one line when no sub-item has its own value; otherwise the indicator's line
 *    followed by one line per sub-item (an empty line when a sub-item has none).
 *  - 指标属性: 约束性 / 参考性.
 *  - 责任单位: unit names joined with "、", lead first: "A、B" when there are only lead units,
 *    "牵头：A；协办：B、C" otherwise; sub-items with their own units add a line "(2)牵头：X；协办：Y".
 *  - 备注: flags first, then the remarks: 【不涉及，需出具证明】 (certificate-only),
 *    【推定：依据】 (derived, with its note), 【分组：…】 (the plan's own section heading),
 *    【说明：…】 (the indicator's description).
 *    【推定·牵头单位：依据】… (provenance of one field the plan does not print, see PROVENANCE_LABELS).
 *  - Sheet 单位: id | 名称 | 简称 | 类型 | 成员 | 推定依据 so names map back to ids; 推定依据 holds one line
 *    "单位：依据" / "成员：依据" per derived field (provenance).
 */
import ExcelJS from 'exceljs';
import {
  DOMAIN_KEYS,
  DOMAIN_NAMES,
  TASK_NAMES,
  UnitSchema,
  INDICATOR_PROVENANCE_FIELDS,
  UNIT_PROVENANCE_FIELDS,
  type CampaignTemplate,
  type Derivation,
  type DomainKey,
  type Unit,
} from '@eco/domain';
import { buildCustomTemplate, type CustomTemplateMeta, type IndicatorInput, type UnitInput } from './custom-template';

export const INDICATOR_SHEET = '指标任务分解表';
export const UNITS_SHEET = '单位';
export const INDICATOR_COLUMNS = ['领域', '任务', '序号', '指标名称', '单位', '指标值', '指标属性', '责任单位', '备注'] as const;
export type IndicatorColumn = (typeof INDICATOR_COLUMNS)[number];
export const UNIT_COLUMNS = ['id', '名称', '简称', '类型', '成员', '推定依据'] as const;

type IndicatorProvenanceField = (typeof INDICATOR_PROVENANCE_FIELDS)[number];
type UnitProvenanceField = (typeof UNIT_PROVENANCE_FIELDS)[number];
/** Chinese labels of the fields whose provenance the table carries (备注 【推定·…：依据】, 单位 sheet 推定依据). */
export const PROVENANCE_LABELS: { indicator: Record<IndicatorProvenanceField, string>; unit: Record<UnitProvenanceField, string> } = {
  indicator: {
    domain: '领域',
    task: '任务',
    name: '指标名称',
    unit: '单位',
    target: '指标值',
    attribute: '指标属性',
    leadUnitIds: '牵头单位',
    leadMode: '分别牵头',
    coUnitIds: '协办单位',
    applicability: '不涉及证明',
  },
  unit: { entry: '单位', name: '名称', shortName: '简称', kind: '类型', members: '成员' },
};
const fieldByLabel = <F extends string>(labels: Record<F, string>, label: string): F | undefined =>
  (Object.entries(labels) as [F, string][]).find(([, l]) => l === label)?.[0];

export const ATTRIBUTE_LABELS = { binding: '约束性', reference: '参考性' } as const;
export const UNIT_KIND_LABELS: Record<Unit['kind'], string> = {
  department: '部门',
  subdistrict: '街道',
  town: '镇',
  'enterprise-zone': '园区',
  party: '党委部门',
  collective: '集合单位',
  other: '其他',
};

export const CERTIFICATE_FLAG = '【不涉及，需出具证明】';
const CN_NUMERALS = ['', '一', '二', '三', '四', '五', '六', '七', '八', '九', '十'];

export interface XlsxIssue {
  sheet: string;
  /** Excel row number (1-based). */
  row: number;
  /** Header name (指标属性, 责任单位 …); empty when the issue concerns the whole row or sheet. */
  column: string;
  reason: string;
}

/** Everything wrong with an imported workbook, each with its row and column. */
export class XlsxImportError extends Error {
  constructor(readonly issues: XlsxIssue[]) {
    super(
      `Excel 导入失败，共 ${issues.length} 处问题 / xlsx import failed (${issues.length} problem${issues.length === 1 ? '' : 's'}):\n` +
        issues.map((i) => `  - ${i.sheet} 第${i.row}行${i.column ? `「${i.column}」` : ''}: ${i.reason}`).join('\n'),
    );
    this.name = 'XlsxImportError';
  }
}

// ---------------------------------------------------------------------------------------------
// Export

export function taskLabel(task: number): string {
  return `（${CN_NUMERALS[task]}）${TASK_NAMES[task].name}`;
}

type TableTemplate = Pick<CampaignTemplate, 'name' | 'units' | 'indicators'>;
type TableIndicator = CampaignTemplate['indicators'][number];

function unitsText(names: (ids: string[]) => string[], lead: string[], co: string[]): string {
  if (!co.length) return names(lead).join('、');
  return `${lead.length ? `牵头：${names(lead).join('、')}；` : ''}协办：${names(co).join('、')}`;
}

function remarksText(ind: TableIndicator): string {
  const flags: string[] = [];
  if (ind.applicability === 'certificate-only') flags.push(CERTIFICATE_FLAG);
  if (ind.leadMode === 'split') flags.push(SPLIT_LEAD_FLAG);
  if (ind.responsibility === 'joint') flags.push(JOINT_FLAG);
  if (ind.derived) flags.push(ind.derivedNote ? `【推定：${ind.derivedNote}】` : '【推定】');
  for (const [field, d] of Object.entries(ind.provenance ?? {}) as [IndicatorProvenanceField, Derivation][]) {
    flags.push(`【推定·${PROVENANCE_LABELS.indicator[field]}：${d.reason}】`);
  }
  if (ind.section) flags.push(`【分组：${ind.section}】`);
  if (ind.description) flags.push(`【说明：${ind.description}】`);
  return [flags.join(''), ind.remarks ?? ''].filter(Boolean).join('\n');
}

/** Lines for 单位 / 指标值: one line, or the indicator's then one per sub-item when any sub-item has its own. */
function perSubItemLines(own: string, subs: (string | undefined)[]): string {
  if (!subs.some((s) => s !== undefined)) return own;
  return [own, ...subs.map((s) => s ?? '')].join('\n');
}

function checkExportable(t: TableTemplate): void {
  const bad: string[] = [];
  for (const u of t.units) {
    if (/[、，,；;\n]|^(牵头|协办)(单位)?[:：]/.test(u.name)) bad.push(`单位名称“${u.name}”含分隔符，无法写入责任单位栏`);
  }
  for (const ind of t.indicators) {
    const texts = [ind.name, ind.unit, ind.target, ...ind.subItems.flatMap((s) => [s.label, s.name, s.unit ?? '', s.target ?? ''])];
    if (texts.some((x) => x.includes('\n'))) bad.push(`指标 ${ind.code} 的名称/单位/指标值含换行`);
    const reasons = Object.values(ind.provenance ?? {}).map((d) => d?.reason);
    for (const x of [ind.description, ind.section, ind.derivedNote, ...reasons]) if (x && /[【】]/.test(x)) bad.push(`指标 ${ind.code} 的说明/分组/推定依据含“【】”`);
    for (const s of ind.subItems) if (!new RegExp(`${SUB_LABEL_RE.source}$`).test(s.label)) bad.push(`指标 ${ind.code} 的分项编号“${s.label}”不是①或(1)形式`);
  }
  if (bad.length) throw new Error(`无法导出指标任务分解表 / cannot export the indicator table:\n  - ${bad.join('\n  - ')}`);
}

/** Writes the indicator task table (and the units sheet) of a template as an .xlsx file. */
export async function exportIndicatorTable(template: TableTemplate): Promise<Buffer> {
  checkExportable(template);
  const unitName = new Map(template.units.map((u) => [u.id, u.name]));
  const names = (ids: string[]) => ids.map((id) => unitName.get(id) ?? id);

  const wb = new ExcelJS.Workbook();
  wb.creator = 'eco-campaign-engine';
  const ws = wb.addWorksheet(INDICATOR_SHEET, { views: [{ state: 'frozen', ySplit: 2 }] });
  ws.columns = [
    { key: '领域', width: 10 },
    { key: '任务', width: 22 },
    { key: '序号', width: 7 },
    { key: '指标名称', width: 40 },
    { key: '单位', width: 12 },
    { key: '指标值', width: 30 },
    { key: '指标属性', width: 10 },
    { key: '责任单位', width: 42 },
    { key: '备注', width: 40 },
  ];
  const border: Partial<ExcelJS.Borders> = { top: { style: 'thin' }, left: { style: 'thin' }, bottom: { style: 'thin' }, right: { style: 'thin' } };

  ws.mergeCells(1, 1, 1, INDICATOR_COLUMNS.length);
  const title = ws.getCell(1, 1);
  title.value = `${template.name}指标任务分解表`;
  title.font = { bold: true, size: 14 };
  title.alignment = { horizontal: 'center', vertical: 'middle' };
  ws.getRow(1).height = 28;

  const header = ws.getRow(2);
  INDICATOR_COLUMNS.forEach((h, i) => {
    const c = header.getCell(i + 1);
    c.value = h;
    c.font = { bold: true };
    c.alignment = { horizontal: 'center', vertical: 'middle', wrapText: true };
    c.border = border;
  });

  template.indicators.forEach((ind, i) => {
    const r = responsibleLines(ind, names);
    const row = ws.getRow(3 + i);
    const values: Record<IndicatorColumn, string> = {
      领域: DOMAIN_NAMES[ind.domain],
      任务: ind.task ? taskLabel(ind.task) : '',
      序号: ind.code,
      指标名称: [ind.name, ...ind.subItems.map((s) => `${s.label}${s.name}`)].join('\n'),
      单位: perSubItemLines(ind.unit, ind.subItems.map((s) => s.unit)),
      指标值: perSubItemLines(ind.target, ind.subItems.map((s) => s.target)),
      指标属性: ATTRIBUTE_LABELS[ind.attribute],
      责任单位: r,
      备注: remarksText(ind),
    };
    INDICATOR_COLUMNS.forEach((h, j) => {
      const c = row.getCell(j + 1);
      c.value = values[h];
      c.alignment = { vertical: 'middle', wrapText: true, horizontal: h === '指标名称' || h === '责任单位' || h === '备注' ? 'left' : 'center' };
      c.border = border;
    });
  });

  // Merge runs of equal 领域 and 任务 cells, as the plans' tables do.
  const mergeRuns = (col: number, key: (ind: TableIndicator) => string) => {
    let start = 0;
    for (let i = 1; i <= template.indicators.length; i++) {
      const prev = key(template.indicators[start]);
      if (i < template.indicators.length && key(template.indicators[i]) === prev && prev !== '') continue;
      if (i - 1 > start) ws.mergeCells(3 + start, col, 3 + i - 1, col);
      start = i;
    }
  };
  if (template.indicators.length) {
    mergeRuns(1, (ind) => ind.domain);
    // a task run never crosses a domain boundary
    mergeRuns(2, (ind) => (ind.task ? `${ind.domain}/${ind.task}` : ''));
  }

  const us = wb.addWorksheet(UNITS_SHEET, { views: [{ state: 'frozen', ySplit: 1 }] });
  us.columns = [
    { header: 'id', key: 'id', width: 16 },
    { header: '名称', key: 'name', width: 36 },
    { header: '简称', key: 'shortName', width: 20 },
    { header: '类型', key: 'kind', width: 10 },
    { header: '成员', key: 'members', width: 40 },
    { header: '推定依据', key: 'provenance', width: 60 },
  ];
  us.getRow(1).font = { bold: true };
  for (const u of template.units) {
    const provenance = (Object.entries(u.provenance ?? {}) as [UnitProvenanceField, Derivation][]).map(([f, d]) => `${PROVENANCE_LABELS.unit[f]}：${d.reason}`);
    us.addRow({
      id: u.id,
      name: u.name,
      shortName: u.shortName,
      kind: UNIT_KIND_LABELS[u.kind],
      members: (u.members ?? []).join('、'),
      ...(provenance.length ? { provenance: provenance.join('\n') } : {}),
    });
  }

  const out = await wb.xlsx.writeBuffer();
  return Buffer.from(out as ArrayBuffer);
}

function responsibleLines(ind: TableIndicator, names: (ids: string[]) => string[]): string {
  const lines = [unitsText(names, ind.leadUnitIds, ind.coUnitIds)];
  for (const s of ind.subItems) {
    if (s.leadUnitIds === undefined && s.coUnitIds === undefined) continue;
    lines.push(`${s.label}${unitsText(names, s.leadUnitIds ?? [], s.coUnitIds ?? [])}`);
  }
  return lines.join('\n');
}

// ---------------------------------------------------------------------------------------------
// Import

/** A sub-item label at the start of a line: ①…⑳, (1), （1）. */
const SUB_LABEL_RE = /^(?:[\u2460-\u2473]|[（(]\s*\d+\s*[）)])/;
const MARKER_RE = /^(牵头|协办)(?:单位)?\s*[:：]\s*/;
const NAME_SEPARATORS = /[、，,/／]+/;

export interface ParsedIndicatorTable {
  /** The title row, when the sheet has one above the header. */
  title?: string;
  indicators: IndicatorInput[];
  units: UnitInput[];
  /** True when the units came from a 单位 sheet; false when they were created from the names in 责任单位. */
  unitsFromSheet: boolean;
}

function cellText(cell: ExcelJS.Cell): string {
  const v = (cell.isMerged ? cell.master : cell).value;
  return valueText(v).replace(/\r\n?/g, '\n');
}

function valueText(v: ExcelJS.CellValue): string {
  if (v === null || v === undefined) return '';
  if (typeof v === 'string') return v;
  if (typeof v === 'number' || typeof v === 'boolean') return String(v);
  // a date-formatted cell holding text or a huge number reads as an invalid Date: its text is empty, not a RangeError
  if (v instanceof Date) return Number.isNaN(v.getTime()) ? '' : v.toISOString().slice(0, 10);
  if (typeof v === 'object') {
    if ('richText' in v && Array.isArray(v.richText)) return v.richText.map((r) => r.text).join('');
    if ('formula' in v || 'sharedFormula' in v) return valueText((v as ExcelJS.CellFormulaValue).result as ExcelJS.CellValue);
    if ('text' in v && typeof (v as ExcelJS.CellHyperlinkValue).text === 'string') return (v as ExcelJS.CellHyperlinkValue).text;
    if ('error' in v) return '';
  }
  return String(v);
}

const normHeader = (s: string) => s.replace(/\s+/g, '');
const lines = (s: string) => s.split('\n').map((l) => l.trim());
/** Joins visually wrapped lines (Chinese text wraps without spaces). */
const joinWrapped = (ls: string[]) => ls.filter(Boolean).join('');

const HEADER_ALIASES: Record<string, IndicatorColumn> = {
  领域: '领域',
  任务: '任务',
  序号: '序号',
  编号: '序号',
  指标名称: '指标名称',
  指标: '指标名称',
  单位: '单位',
  指标值: '指标值',
  目标值: '指标值',
  指标属性: '指标属性',
  属性: '指标属性',
  责任单位: '责任单位',
  备注: '备注',
};
const REQUIRED_COLUMNS: IndicatorColumn[] = ['领域', '序号', '指标名称', '指标值', '指标属性', '责任单位'];

interface UnitRef {
  lead: string[];
  co: string[];
}

/** "A、B" → all lead; "牵头：A；协办：B、C" → lead/co. Returns names, or an error reason. */
function parseUnitNames(text: string): UnitRef | string {
  const parts = text
    .split(/[；;]/)
    .map((p) => p.trim())
    .filter(Boolean);
  const hasMarkers = parts.some((p) => MARKER_RE.test(p));
  const splitNames = (s: string) =>
    s
      .replace(/依据职责分别牵头$/, '')
      .split(NAME_SEPARATORS)
      .map((n) => n.trim())
      .filter(Boolean);
  if (!hasMarkers) return { lead: parts.flatMap(splitNames), co: [] };
  const ref: UnitRef = { lead: [], co: [] };
  for (const p of parts) {
    const m = MARKER_RE.exec(p);
    if (!m) return `无法识别“${p}”：写了“牵头：/协办：”时每一段都须以其开头`;
    (m[1] === '牵头' ? ref.lead : ref.co).push(...splitNames(p.slice(m[0].length)));
  }
  return ref;
}

function guessKind(name: string): Unit['kind'] {
  if (/^各/.test(name) || /成员单位$/.test(name)) return 'collective';
  if (/街道(办事处)?$/.test(name)) return 'subdistrict';
  if (/镇(人民政府)?$/.test(name)) return 'town';
  return 'department';
}

/** Resolves unit names to ids, from the units sheet or by creating units on first sight. */
class UnitResolver {
  private readonly created: UnitInput[] = [];

  constructor(readonly sheetUnits: UnitInput[] | undefined) {}

  /** Full name first, then a unique short name, then the id itself. */
  resolve(name: string): string | { error: string } {
    if (this.sheetUnits) {
      const byName = this.sheetUnits.find((u) => u.name === name);
      if (byName) return byName.id;
      const byShort = this.sheetUnits.filter((u) => u.shortName === name);
      if (byShort.length === 1) return byShort[0].id;
      if (byShort.length > 1) return { error: `单位简称“${name}”对应多个单位（${byShort.map((u) => u.name).join('、')}），请写全称` };
      const byId = this.sheetUnits.find((u) => u.id === name);
      if (byId) return byId.id;
      return { error: `未知单位“${name}”：不在“${UNITS_SHEET}”表中` };
    }
    const known = this.created.find((u) => u.name === name);
    if (known) return known.id;
    const id = `unit-${this.created.length + 1}`;
    const kind = guessKind(name);
    this.created.push({ id, name, shortName: name, kind, ...(kind === 'collective' ? { members: [] } : {}) });
    return id;
  }

  units(): UnitInput[] {
    return this.sheetUnits ?? this.created;
  }
}

function kindFromLabel(label: string): Unit['kind'] | undefined {
  if (!label) return 'department';
  const byLabel = (Object.entries(UNIT_KIND_LABELS) as [Unit['kind'], string][]).find(([, l]) => l === label);
  if (byLabel) return byLabel[0];
  return (Object.keys(UNIT_KIND_LABELS) as Unit['kind'][]).find((k) => k === label);
}

function readUnitsSheet(ws: ExcelJS.Worksheet, issues: XlsxIssue[]): UnitInput[] {
  const add = (row: number, column: string, reason: string) => issues.push({ sheet: UNITS_SHEET, row, column, reason });
  const header = ws.getRow(1);
  const col: Record<string, number> = {};
  header.eachCell((c, n) => {
    const h = normHeader(cellText(c));
    if ((UNIT_COLUMNS as readonly string[]).includes(h) || h === 'ID') col[h.toLowerCase() === 'id' ? 'id' : h] = n;
  });
  for (const h of ['id', '名称'] as const) if (!col[h]) add(1, h, `“${UNITS_SHEET}”表缺少“${h}”列`);
  if (!col.id || !col['名称']) return [];

  const units: UnitInput[] = [];
  const seenIds = new Map<string, number>();
  const seenNames = new Map<string, number>();
  for (let r = 2; r <= ws.rowCount; r++) {
    const row = ws.getRow(r);
    const get = (h: string) => (col[h] ? cellText(row.getCell(col[h])).trim() : '');
    const [id, name, shortName, kindText, membersText] = [get('id'), get('名称'), get('简称'), get('类型'), get('成员')];
    const provenance: NonNullable<UnitInput['provenance']> = {};
    for (const line of get('推定依据').split('\n').map((l) => l.trim()).filter(Boolean)) {
      const m = /^([^:：]+)[:：]([\s\S]+)$/.exec(line);
      const field = m ? fieldByLabel(PROVENANCE_LABELS.unit, m[1].trim()) : undefined;
      if (!m || !field || !m[2].trim()) {
        add(r, '推定依据', `无法识别“${line}”，应为“${Object.values(PROVENANCE_LABELS.unit).join('/')}：依据”`);
        continue;
      }
      provenance[field] = { derived: true, reason: m[2].trim() };
    }
    if (!id && !name && !shortName && !membersText) continue;
    const before = issues.length;
    if (!id) add(r, 'id', '单位 id 缺失');
    else if (!UnitSchema.shape.id.safeParse(id).success) add(r, 'id', `单位 id“${id}”只能用小写字母、数字和“-”，且以字母或数字开头`);
    else if (seenIds.has(id)) add(r, 'id', `单位 id“${id}”与第${seenIds.get(id)}行重复`);
    if (!name) add(r, '名称', '单位名称缺失');
    else if (seenNames.has(name)) add(r, '名称', `单位名称“${name}”与第${seenNames.get(name)}行重复`);
    const kind = kindFromLabel(kindText);
    if (!kind) add(r, '类型', `未知单位类型“${kindText}”，应为${Object.values(UNIT_KIND_LABELS).join('/')}`);
    const members = membersText ? membersText.split(NAME_SEPARATORS).map((m) => m.trim()).filter(Boolean) : undefined;
    if (members && kind !== 'collective') add(r, '成员', '只有集合单位可列成员');
    if (id) seenIds.set(id, r);
    if (name) seenNames.set(name, r);
    if (issues.length > before) continue;
    units.push({
      id,
      name,
      shortName: shortName || name,
      kind,
      // a collective's members are listed, possibly none yet
      ...(kind === 'collective' ? { members: members ?? [] } : {}),
      ...(Object.keys(provenance).length ? { provenance } : {}),
    });
  }
  // member ids must be units of the sheet
  const ids = new Set(units.map((u) => u.id));
  for (const u of units) {
    for (const m of u.members ?? []) {
      if (!ids.has(m)) add(seenIds.get(u.id) ?? 0, '成员', `成员“${m}”不是“${UNITS_SHEET}”表中的单位 id`);
    }
  }
  return units;
}

function parseTask(text: string): number | undefined | { error: string } {
  const t = text.replace(/\s+/g, '');
  if (!t) return undefined;
  const m = /^[（(]([一二三四五六七八九十]+)[）)](.*)$/.exec(t);
  if (m) {
    const n = CN_NUMERALS.indexOf(m[1]);
    if (n >= 1 && n <= 10 && (m[2] === '' || m[2] === TASK_NAMES[n].name)) return n;
  }
  const byName = Object.entries(TASK_NAMES).find(([, v]) => v.name === t);
  if (byName) return Number(byName[0]);
  return { error: `无法识别的任务“${text.trim()}”，应为“${taskLabel(1)}”等十项任务之一；方案自有的分组请写在备注中：【分组：…】` };
}

/** Several lead units, each leading its own part (依据职责分别牵头): leadMode 'split'. */
const SPLIT_LEAD_FLAG = '【分别牵头】';

/** Every listed unit answers jointly (共同负责): responsibility 'joint'. */
const JOINT_FLAG = '【共同负责】';

interface Flags {
  splitLead?: boolean;
  joint?: boolean;
  certificate: boolean;
  derived: boolean;
  derivedNote?: string;
  provenance?: Partial<Record<IndicatorProvenanceField, Derivation>>;
  unknownProvenance?: string[];
  section?: string;
  description?: string;
  remarks?: string;
}

function parseRemarks(text: string): Flags {
  const flags: Flags = { certificate: false, derived: false };
  const rest = text.replace(/【([^【】]*)】/g, (whole, inner: string) => {
    if (whole === CERTIFICATE_FLAG || /^不涉及[，,]?需出具证明$/.test(inner)) {
      flags.certificate = true;
      return '';
    }
    if (whole === SPLIT_LEAD_FLAG) {
      flags.splitLead = true;
      return '';
    }
    if (whole === JOINT_FLAG) {
      flags.joint = true;
      return '';
    }
    const p = /^推定·([^:：]+)[:：]([\s\S]*)$/.exec(inner);
    if (p) {
      const field = fieldByLabel(PROVENANCE_LABELS.indicator, p[1].trim());
      if (!field || !p[2].trim()) (flags.unknownProvenance ??= []).push(whole);
      else (flags.provenance ??= {})[field] = { derived: true, reason: p[2].trim() };
      return '';
    }
    const m = /^(推定|分组|说明)(?:[:：]([\s\S]*))?$/.exec(inner);
    if (!m) return whole;
    if (m[1] === '推定') {
      flags.derived = true;
      if (m[2]?.trim()) flags.derivedNote = m[2].trim();
      return '';
    }
    if (!m[2]?.trim()) return whole;
    if (m[1] === '分组') flags.section = m[2].trim();
    else flags.description = m[2].trim();
    return '';
  });
  const remarks = rest.trim();
  if (remarks) flags.remarks = remarks;
  return flags;
}

/** Splits a 单位/指标值 cell into the indicator's value and one per sub-item. */
function splitPerSubItem(text: string, subCount: number): { own: string; subs: (string | undefined)[] } | { error: string } {
  const ls = text.split('\n').map((l) => l.trim());
  while (ls.length > 1 && ls[ls.length - 1] === '') ls.pop();
  if (subCount === 0 || ls.length === 1) return { own: joinWrapped(ls), subs: [] };
  if (ls.length > subCount + 1) return { error: `共 ${ls.length} 行，但只有 ${subCount} 个分项（应为 1 行，或指标 1 行加每个分项 1 行）` };
  const subs = Array.from({ length: subCount }, (_, i) => ls[i + 1] || undefined);
  return { own: ls[0], subs };
}

/** Reads the indicator table (and the units sheet when present) without building a template. */
export async function readIndicatorTable(data: Buffer | ArrayBuffer | Uint8Array): Promise<ParsedIndicatorTable> {
  const wb = new ExcelJS.Workbook();
  try {
    await wb.xlsx.load((data instanceof ArrayBuffer ? data : Buffer.from(data)) as unknown as ExcelJS.Buffer);
  } catch {
    // the library's own words (JSZip's English and a URL) are not for the clerk
    throw new XlsxImportError([{ sheet: '', row: 0, column: '', reason: '不是有效的 Excel（.xlsx）文件，请用 Excel 或 WPS 另存为 .xlsx 后重试 (not a readable xlsx file)' }]);
  }
  const issues: XlsxIssue[] = [];
  const ws = wb.getWorksheet(INDICATOR_SHEET) ?? wb.worksheets.find((w) => w.name !== UNITS_SHEET);
  if (!ws) throw new XlsxImportError([{ sheet: INDICATOR_SHEET, row: 0, column: '', reason: `找不到“${INDICATOR_SHEET}”工作表` }]);
  const sheet = ws.name;
  const add = (row: number, column: string, reason: string) => issues.push({ sheet, row, column, reason });

  // header row: the first of the first 10 rows naming 序号 and 指标名称
  let headerRow = 0;
  const col: Partial<Record<IndicatorColumn, number>> = {};
  for (let r = 1; r <= Math.min(10, ws.rowCount) && !headerRow; r++) {
    const found: Partial<Record<IndicatorColumn, number>> = {};
    ws.getRow(r).eachCell((c, n) => {
      const h = HEADER_ALIASES[normHeader(cellText(c))];
      if (h && !found[h]) found[h] = n;
    });
    if (found['序号'] && found['指标名称']) {
      headerRow = r;
      Object.assign(col, found);
    }
  }
  if (!headerRow) throw new XlsxImportError([{ sheet, row: 1, column: '', reason: '找不到表头行（应含“序号”“指标名称”等列）' }]);
  for (const h of REQUIRED_COLUMNS) if (!col[h]) add(headerRow, h, `缺少“${h}”列`);
  if (issues.length) throw new XlsxImportError(issues);
  let title: string | undefined;
  for (let r = 1; r < headerRow && !title; r++) {
    const row = ws.getRow(r);
    row.eachCell((c) => {
      if (!title && cellText(c).trim()) title = cellText(c).trim();
    });
  }

  const unitsSheet = wb.getWorksheet(UNITS_SHEET);
  const resolver = new UnitResolver(unitsSheet ? readUnitsSheet(unitsSheet, issues) : undefined);

  const indicators: IndicatorInput[] = [];
  const codeRows = new Map<string, number>();
  let lastDomain = '';
  for (let r = headerRow + 1; r <= ws.rowCount; r++) {
    const row = ws.getRow(r);
    const get = (h: IndicatorColumn) => (col[h] ? cellText(row.getCell(col[h]!)) : '');
    const raw = Object.fromEntries(INDICATOR_COLUMNS.map((h) => [h, get(h)])) as Record<IndicatorColumn, string>;
    // a row with nothing but (merged) 领域/任务 is empty
    if (['序号', '指标名称', '单位', '指标值', '指标属性', '责任单位', '备注'].every((h) => !raw[h as IndicatorColumn].trim())) continue;
    const before = issues.length;

    // 领域 (filled down when left empty)
    const domainText = normHeader(raw['领域']) || lastDomain;
    lastDomain = domainText;
    const domain = DOMAIN_KEYS.find((k) => DOMAIN_NAMES[k] === domainText || k === domainText) as DomainKey | undefined;
    if (!domainText) add(r, '领域', '领域缺失');
    else if (!domain) add(r, '领域', `未知领域“${domainText}”，应为${Object.values(DOMAIN_NAMES).join('/')}`);

    // 任务
    const task = parseTask(raw['任务']);
    if (typeof task === 'object') add(r, '任务', task.error);
    else if (task && domain && TASK_NAMES[task].domain !== domain) {
      add(r, '任务', `任务“${taskLabel(task)}”属于${DOMAIN_NAMES[TASK_NAMES[task].domain]}领域，与本行领域“${DOMAIN_NAMES[domain]}”不符`);
    }

    // 序号
    const code = raw['序号'].trim();
    if (!code) add(r, '序号', '序号缺失');
    else if (codeRows.has(code)) add(r, '序号', `序号“${code}”与第${codeRows.get(code)}行重复`);
    else codeRows.set(code, r);

    // 指标名称 + sub-items
    const nameLines = lines(raw['指标名称']).filter(Boolean);
    const nameParts: string[] = [];
    const subItems: { label: string; name: string; unit?: string; target?: string; leadUnitIds?: string[]; coUnitIds?: string[] }[] = [];
    nameLines.forEach((l, i) => {
      const m = i > 0 ? SUB_LABEL_RE.exec(l) : null;
      if (m) subItems.push({ label: m[0], name: l.slice(m[0].length).trim() });
      else if (subItems.length) subItems[subItems.length - 1].name += l;
      else nameParts.push(l);
    });
    const name = nameParts.join('');
    if (!name) add(r, '指标名称', '指标名称缺失');
    const labels = new Set<string>();
    for (const s of subItems) {
      if (!s.name) add(r, '指标名称', `分项“${s.label}”缺少名称`);
      if (labels.has(s.label)) add(r, '指标名称', `分项编号“${s.label}”重复`);
      labels.add(s.label);
    }

    // 单位 / 指标值
    const unitSplit = splitPerSubItem(raw['单位'], subItems.length);
    const targetSplit = splitPerSubItem(raw['指标值'], subItems.length);
    if ('error' in unitSplit) add(r, '单位', unitSplit.error);
    if ('error' in targetSplit) add(r, '指标值', targetSplit.error);
    let unit = '-';
    let target = '';
    if (!('error' in unitSplit)) {
      unitSplit.subs.forEach((u, i) => u !== undefined && (subItems[i].unit = u));
      const subUnits = [...new Set(unitSplit.subs.filter((u): u is string => !!u))];
      unit = unitSplit.own || (subUnits.length === 1 ? subUnits[0] : subUnits.join('；')) || '-';
    }
    if (!('error' in targetSplit)) {
      targetSplit.subs.forEach((t, i) => t !== undefined && (subItems[i].target = t));
      target = targetSplit.own || targetSplit.subs.filter(Boolean).join('；');
      if (!target) add(r, '指标值', '指标值缺失');
    }

    // 指标属性
    const attrText = normHeader(raw['指标属性']);
    const attribute = attrText === '约束性' ? 'binding' : attrText === '参考性' ? 'reference' : undefined;
    if (!attrText) add(r, '指标属性', '指标属性缺失，应为“约束性”或“参考性”');
    else if (!attribute) add(r, '指标属性', `未知指标属性“${attrText}”，应为“约束性”或“参考性”`);

    // 责任单位: first line(s) for the indicator, then lines starting with a sub-item label
    const mainLines: string[] = [];
    const subUnitLines: { label: string; text: string }[] = [];
    for (const l of lines(raw['责任单位']).filter(Boolean)) {
      const m = SUB_LABEL_RE.exec(l);
      if (m && mainLines.length) subUnitLines.push({ label: m[0], text: l.slice(m[0].length) });
      else if (subUnitLines.length) subUnitLines[subUnitLines.length - 1].text += l;
      else mainLines.push(l);
    }
    const resolveAll = (ref: UnitRef): { lead: string[]; co: string[] } => {
      const ids = (ns: string[]) =>
        ns.flatMap((n) => {
          const id = resolver.resolve(n);
          if (typeof id === 'object') {
            add(r, '责任单位', id.error);
            return [];
          }
          return [id];
        });
      const lead = [...new Set(ids(ref.lead))];
      const co = [...new Set(ids(ref.co))];
      for (const id of co.filter((c) => lead.includes(c))) add(r, '责任单位', `单位“${id}”同时被列为牵头和协办单位`);
      return { lead, co };
    };
    let leadUnitIds: string[] = [];
    let coUnitIds: string[] = [];
    const mainText = joinWrapped(mainLines);
    if (!mainText) add(r, '责任单位', '责任单位缺失');
    else {
      const ref = parseUnitNames(mainText);
      if (typeof ref === 'string') add(r, '责任单位', ref);
      else {
        ({ lead: leadUnitIds, co: coUnitIds } = resolveAll(ref));
        if (!ref.lead.length) add(r, '责任单位', '缺少牵头单位');
      }
    }
    for (const s of subUnitLines) {
      const sub = subItems.find((x) => x.label === s.label);
      if (!sub) {
        add(r, '责任单位', `分项“${s.label}”不在指标名称中`);
        continue;
      }
      const ref = parseUnitNames(s.text);
      if (typeof ref === 'string') {
        add(r, '责任单位', `分项${s.label}：${ref}`);
        continue;
      }
      const ids = resolveAll(ref);
      sub.leadUnitIds = ids.lead;
      sub.coUnitIds = ids.co;
    }

    // 备注
    const flags = parseRemarks(raw['备注']);
    if (flags.derived && !flags.derivedNote) add(r, '备注', '推定指标须写明依据，例如【推定：依据国家县级指标体系补充】');
    for (const x of flags.unknownProvenance ?? []) {
      add(r, '备注', `无法识别“${x}”，应为【推定·字段：依据】，字段为${Object.values(PROVENANCE_LABELS.indicator).join('/')}之一`);
    }

    if (issues.length > before || !domain || !attribute || typeof task === 'object') continue;
    indicators.push({
      code,
      domain,
      ...(task ? { task } : {}),
      ...(flags.section ? { section: flags.section } : {}),
      name,
      ...(flags.description ? { description: flags.description } : {}),
      subItems,
      unit,
      target,
      attribute,
      leadUnitIds,
      ...(flags.splitLead ? { leadMode: 'split' as const } : {}),
      ...(flags.joint ? { responsibility: 'joint' as const } : {}),
      coUnitIds,
      ...(flags.remarks ? { remarks: flags.remarks } : {}),
      applicability: flags.certificate ? 'certificate-only' : 'applicable',
      derived: flags.derived,
      ...(flags.derivedNote ? { derivedNote: flags.derivedNote } : {}),
      ...(flags.provenance ? { provenance: flags.provenance } : {}),
    });
  }

  if (issues.length) throw new XlsxImportError(issues);
  return { ...(title ? { title } : {}), indicators, units: resolver.units(), unitsFromSheet: !!unitsSheet };
}

/**
 * Reads an indicator table and builds a validated custom template from it and `meta` (region,
 * dates, phases…). Table problems throw `XlsxImportError` (row + column for each); template
 * problems throw the loader's `TemplateValidationError`.
 */
export async function importIndicatorTable(data: Buffer | ArrayBuffer | Uint8Array, meta: CustomTemplateMeta): Promise<CampaignTemplate> {
  const table = await readIndicatorTable(data);
  return buildCustomTemplate(meta, table.indicators, table.units);
}
