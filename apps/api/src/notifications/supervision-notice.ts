/**
 * 督办通知单 — the formal supervision notice the office prints for an escalated task: addressee unit and its 分管负责人,
 * the task, its due date, how many working days it is overdue, the escalation level, what is required, and the plan's
 * accountability words. An A4 portrait worksheet set up for printing (fit to one page wide, borders, 仿宋/黑体).
 */
import ExcelJS from 'exceljs';
import { formatDateZh } from '@eco/notifications';
import { chinesePunctuation } from '@eco/domain';

export interface SupervisionNotice {
  number: string;
  campaignName: string;
  /** 被督办单位: one unit, or every unit still owing a jointly-owned task (共同负责), joined by 、 */
  unitName: string;
  /** How many units are addressed (the wording says 各单位 when more than one). */
  unitCount?: number;
  responsibleLeaders: string[];
  liaisons: string[];
  taskTitle: string;
  indicatorCode: string | null;
  dueAt: number;
  overdueWorkingDays: number;
  escalationLevel: number;
  firstEscalatedAt: number | null;
  accountability: string[];
  /** The plan's assessment consequences of an escalation (label + words); empty when the plan states none. */
  assessment?: { label: string; text: string }[];
  issuedAt: number;
  issuer: string;
}

/**
 * 督办要求: what the unit must do, and what follows if it does not — the report to the leadership group, plus the plan's
 * own assessment consequence where the plan states one (none is invented where it does not).
 */
export function supervisionRequirement(n: Pick<SupervisionNotice, 'unitName' | 'unitCount' | 'assessment'>): string {
  const consequence = (n.assessment ?? []).map((a) => `，并按创建工作方案“${chinesePunctuation(a.text)}”（${a.label}）`).join('');
  const several = (n.unitCount ?? 1) > 1;
  return `请${n.unitName}${several ? '各单位' : ''}分管负责人高度重视，督促${several ? '各单位共同' : '本单位'}于收到本通知后 3 个工作日内办结上述事项，并将办理情况书面报送领导小组办公室。逾期未办结的，将报领导小组${consequence}。`;
}

/**
 * 问责规定: the plan's own sentences about accountability (问责, 追责, 考核). A plan's `accountability` list can also hold
 * supervision sentences (Yanzhou's plan has no 问责 clause; its list is about 调度 and 督查), which are not accountability
 * rules: then the general fallback prints instead of a sentence that does not say what follows.
 */
export function accountabilityText(accountability: readonly string[]): string {
  const rules = accountability.filter((a) => /问责|追责|追究|考核|考评/.test(a));
  return rules.length ? rules.map(chinesePunctuation).join('\n') : '按创建工作方案有关规定执行。';
}

export async function supervisionNoticeXlsx(n: SupervisionNotice): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  wb.creator = n.issuer;
  const ws = wb.addWorksheet('督办通知单', {
    pageSetup: { paperSize: 9, orientation: 'portrait', fitToPage: true, fitToWidth: 1, fitToHeight: 0, horizontalCentered: true, margins: { left: 0.7, right: 0.7, top: 0.9, bottom: 0.9, header: 0.3, footer: 0.3 } },
  });
  ws.columns = [{ width: 18 }, { width: 24 }, { width: 18 }, { width: 24 }];
  const body = { name: '仿宋', size: 12 };
  const border = { top: { style: 'thin' as const }, left: { style: 'thin' as const }, bottom: { style: 'thin' as const }, right: { style: 'thin' as const } };
  let r = 1;
  const full = (text: string, font: Partial<ExcelJS.Font>, height = 24, align: Partial<ExcelJS.Alignment> = { horizontal: 'center', vertical: 'middle', wrapText: true }) => {
    ws.mergeCells(r, 1, r, 4);
    const c = ws.getCell(r, 1);
    c.value = text;
    c.font = font;
    c.alignment = align;
    ws.getRow(r).height = height;
    r++;
  };
  const pair = (k1: string, v1: string, k2?: string, v2?: string, height = 24) => {
    const cells: [number, string, boolean][] = k2 !== undefined ? [[1, k1, true], [2, v1, false], [3, k2, true], [4, v2 ?? '', false]] : [[1, k1, true], [2, v1, false]];
    if (k2 === undefined) ws.mergeCells(r, 2, r, 4);
    for (const [col, v, key] of cells) {
      const c = ws.getCell(r, col);
      c.value = v;
      c.font = key ? { ...body, bold: true } : body;
      c.alignment = { vertical: 'middle', horizontal: key ? 'center' : 'left', wrapText: true };
    }
    for (let col = 1; col <= 4; col++) ws.getCell(r, col).border = border;
    ws.getRow(r).height = height;
    r++;
  };
  full('督 办 通 知 单', { name: '黑体', size: 22, bold: true }, 40);
  full(n.campaignName, { name: '楷体', size: 13 }, 22);
  full(`编号：${n.number}`, { ...body, size: 11 }, 20, { horizontal: 'right', vertical: 'middle' });
  pair('被督办单位', n.unitName, '督办级别', n.escalationLevel >= 2 ? '二级督办（报领导小组）' : '一级督办');
  pair('分管负责人', n.responsibleLeaders.join('、') || '（未设置）', '联络员', n.liaisons.join('、') || '（未设置）');
  pair('督办事项', `${n.taskTitle}${n.indicatorCode ? `（指标${n.indicatorCode}）` : ''}`, undefined, undefined, 36);
  pair('办理期限', formatDateZh(n.dueAt), '逾期时间', `已逾期 ${n.overdueWorkingDays} 个工作日`);
  pair('首次督办', n.firstEscalatedAt ? formatDateZh(n.firstEscalatedAt) : '—', '签发日期', formatDateZh(n.issuedAt));
  pair(
    '督办要求',
    supervisionRequirement(n),
    undefined,
    undefined,
    72,
  );
  const accountability = accountabilityText(n.accountability);
  pair('问责规定', accountability, undefined, undefined, Math.max(48, 18 * Math.ceil(accountability.length / 38)));
  pair('办理情况', '', undefined, undefined, 90);
  r++;
  full(`${n.issuer}（盖章）`, { ...body, size: 13 }, 26, { horizontal: 'right', vertical: 'middle' });
  full(formatDateZh(n.issuedAt).replace(/（.*）/, ''), { ...body, size: 13 }, 22, { horizontal: 'right', vertical: 'middle' });
  ws.pageSetup.printArea = `A1:D${r}`;
  return Buffer.from(await wb.xlsx.writeBuffer());
}
