/**
 * Exports of the assessment summaries (考核汇总, 调度汇总) as Excel workbooks for the office: Chinese headers, dates in
 * Beijing time (`2027-03-05 周五`), the plan's own words on top (its assessment consequences, or that it states none;
 * the cadence's source and why its frequency is derived), a frozen header and filters. Pure functions (unit-tested).
 */
import ExcelJS from 'exceljs';
import { TIMELINESS_LABELS, type CadencePeriodSummary, type UnitAssessmentRow, TASK_STATUS_LABEL } from '@eco/domain';
import { beijingText } from './audit-export';

export interface AssessmentSummary {
  campaignId: string;
  name: string;
  generatedAt: string;
  /** The plan's consequences (plan's words); empty = the plan states none. */
  consequences: { appliesTo: string; label: string; text: string; matter?: string; source: string }[];
  units: UnitAssessmentRow[];
}

export interface SupervisionSummary {
  campaignId: string;
  name: string;
  generatedAt: string;
  /** Each cadence with the plan's words and what of it the plan does not print (field → reason). */
  cadences: { key: string; name: string; every: string; owner: string; source: string; derived: Record<string, string> }[];
  periods: CadencePeriodSummary[];
}

export const ASSESSMENT_HEADERS = ['序号', '单位', '任务数', '按时报送', '逾期报送', '逾期未报', '未到期', '其他办结', '已取消（阶段结束时未完成）', '按时率', '被退回次数', '督办次数', '纳入考核标记'];
export const SUPERVISION_HEADERS = ['调度事项', '期次', '报送期限', '应报', '已报', '按时', '逾期报送', '逾期未报', '已取消'];
export const SUPERVISION_DETAIL_HEADERS = ['调度事项', '期次', '报送期限', '单位', '状态', '报送时间（北京时间）', '按时情况', '被退回次数', '任务ID'];

const dateText = (iso: string) => beijingText(iso).replace(/^(\S+) \S+ (周.)$/, '$1 $2'); // 2027-03-05 周五
const percent = (x: number | null) => (x === null ? '—' : `${Math.round(x * 1000) / 10}%`);

function sheet(wb: ExcelJS.Workbook, name: string, title: string, notes: string[], headers: string[], rows: (string | number)[][], widths: number[]): void {
  const ws = wb.addWorksheet(name);
  ws.addRow([title]).font = { bold: true, size: 14 };
  for (const n of notes) {
    const r = ws.addRow([n]);
    ws.mergeCells(r.number, 1, r.number, headers.length);
    r.alignment = { wrapText: true, vertical: 'top' };
    r.height = Math.max(18, 16 * Math.ceil(n.length / 70));
  }
  const head = ws.addRow(headers);
  head.font = { bold: true };
  for (const r of rows) ws.addRow(r);
  ws.views = [{ state: 'frozen', ySplit: head.number }];
  ws.autoFilter = { from: { row: head.number, column: 1 }, to: { row: head.number, column: headers.length } };
  ws.columns.forEach((c, i) => (c.width = widths[i] ?? 12));
}

/** 考核汇总表: one row per unit. */
export async function assessmentXlsx(s: AssessmentSummary): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const notes = [
    `统计时间：${beijingText(s.generatedAt)}（北京时间）。按时报送：首次报送不晚于期限；逾期报送：首次报送晚于期限；逾期未报：已过期限仍未报送；未到期：尚未到报送期限；活动已暂停或已结束（终止、未通过、已完成）的，期限按暂停或结束时判断（暂停中结束的按暂停时）：结束前已过期限仍未报送的计为逾期未报，结束时尚未到期的计为未到期（不再办理）；其他办结：接管前已完成、征求意见期满视为无意见等，未经本单位报送而办结；已取消（阶段结束时未完成）：领导小组办公室结束阶段时仍待本单位报送（未报送或被退回后未重报）而取消的任务，计为未完成。按时率 = 按时报送 ÷（按时报送 + 逾期报送 + 逾期未报 + 已取消（阶段结束时未完成））。`,
    ...(s.consequences.length
      ? s.consequences.map((c) => `工作方案考核规定（${c.appliesTo === 'escalation' ? '适用于逾期二级督办' : `适用于“${c.matter ?? ''}”，不适用于任务逾期`}）：${c.source}`)
      : ['工作方案未规定考核或问责后果：督办不作考核标记。']),
  ];
  const rows = s.units.map((u, i) => [i + 1, u.unitName, u.tasks, u.onTime, u.late, u.overdue, u.pending, u.other, u.cancelledAtClose, percent(u.onTimeRate), u.returns, u.escalations, u.assessmentFlags]);
  sheet(wb, '考核汇总', `${s.name} 单位考核汇总`, notes, ASSESSMENT_HEADERS, rows, [6, 30, 8, 10, 10, 10, 8, 10, 16, 10, 12, 10, 14]);
  return Buffer.from(await wb.xlsx.writeBuffer());
}

/** What a cadence's fields are called in the export's words (those the plan did not state). */
const CADENCE_FIELD_LABELS: Record<string, string> = { every: '调度频次', owner: '报送单位', workingDaysBeforePeriodEnd: '报送日' };

/**
 * The export's word on what the plan left unstated: which of the cadence's fields were set by the system (the
 * template's derivation notes themselves are for the template's maintainers, not the office's readers).
 */
function derivedNote(derived: Record<string, string>): string {
  const fields = Object.keys(derived).map((f) => CADENCE_FIELD_LABELS[f] ?? f);
  // (no 「可在模板中调整」: no screen adjusts it — the walkthrough looked for one)
  return fields.length ? `工作方案未写明${fields.join('、')}，按系统设定执行。` : '';
}

/** 调度汇总表: one row per period, and the reports of every unit per period. */
export async function supervisionXlsx(s: SupervisionSummary): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const notes = [
    `统计时间：${beijingText(s.generatedAt)}（北京时间）。`,
    ...(s.cadences.length
      ? s.cadences.map((c) => `${c.name}依据工作方案：“${c.source}”。${derivedNote(c.derived)}`)
      : ['工作方案未规定定期调度。']),
    // an empty table said nothing: why it is empty, and where the units × status table is
    ...(s.cadences.length && !s.periods.length ? ['尚无已开始的调度周期：周期开始后，各单位的调度报送逐期列于此表。各单位任务完成情况见「考核汇总表」。'] : []),
  ];
  sheet(
    wb,
    '调度汇总',
    `${s.name} 定期调度汇总`,
    notes,
    SUPERVISION_HEADERS,
    s.periods.map((p) => [p.name, p.periodLabel, dateText(p.dueAt), p.expected, p.reported, p.onTime, p.late, p.missing, p.cancelled]),
    [14, 16, 18, 8, 8, 8, 10, 10, 8],
  );
  sheet(
    wb,
    '报送明细',
    `${s.name} 定期调度报送明细`,
    [],
    SUPERVISION_DETAIL_HEADERS,
    s.periods.flatMap((p) =>
      p.rows.map((r) => [p.name, p.periodLabel, dateText(p.dueAt), r.unitName, TASK_STATUS_LABEL[r.status as keyof typeof TASK_STATUS_LABEL] ?? r.status, r.submittedAt ? beijingText(r.submittedAt) : '', TIMELINESS_LABELS[r.timeliness], r.returns, r.taskId]),
    ),
    [14, 16, 18, 30, 10, 26, 10, 12, 44],
  );
  return Buffer.from(await wb.xlsx.writeBuffer());
}
