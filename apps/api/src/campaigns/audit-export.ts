/**
 * Audit trail exports (CSV and Excel) for people: Beijing time, Chinese action names, task titles, unit and person
 * names, and one readable 详情 column built from each entry's structured detail (step, transfer target, added approver
 * and mode, resolved signers, external stage/outcome/findings, deadline moves with cause, evidence files). The
 * workbook has a real date column, a frozen header and filters. Pure functions (unit-tested).
 */
import ExcelJS from 'exceljs';
import { ACTION_LABEL, ADD_APPROVER_MODE_LABEL, auditActionLabel, joinClauses, auditDetailText, auditFileNames, auditTaskIds, transferParties, chineseReason, auditTasksText, DEADLINE_CAUSE_LABEL, EXTERNAL_OUTCOME_LABEL, EXTERNAL_STAGE_LABEL, OUTCOME_LABEL, ROLE_LABEL, formalitiesText, STEP_MODE_LABEL, type SubmissionFormalities, beijingWallClock, urgeReachedText, WITH_CHANGES_LABEL } from '@eco/domain';
import type { AuditEntryDto } from './dto/campaign-responses.dto';

/** An entry of the trail as the API answers it (AuditEntryDto, mapped by campaign.mapper mapAuditEntry): what the exports print. */
export type AuditRow = Pick<AuditEntryDto, 'seq' | 'at' | 'actor' | 'onBehalfOf' | 'action' | 'taskId' | 'indicatorCode' | 'step' | 'outcome' | 'reason' | 'comment' | 'updateId' | 'detail' | 'hash' | 'prevHash' | 'reached'>;

/** Names the rows refer to by id, and the campaign's kind (its trail's words: 发起创建活动 / 发起巩固提升活动). */
export interface AuditNames {
  campaignKind: string;
  taskTitles: Map<string, string>;
  unitNames: Map<string, string>;
  userNames: Map<string, string>;
  organizationName?: string | null;
  /** Each task's unit (a finding recorded without a unit is shown with the unit of the 整改 it opened). */
  taskUnits?: Map<string, string>;
}

/** Chinese names of the codes an entry carries: the domain's labels (the web application shows the same words). */
export const ACTION_NAMES: Record<string, string> = ACTION_LABEL;
const OUTCOME_NAMES: Record<string, string> = OUTCOME_LABEL;
const ROLE_NAMES: Record<string, string> = ROLE_LABEL;
const MODE_NAMES: Record<string, string> = { ...ADD_APPROVER_MODE_LABEL, ...STEP_MODE_LABEL };
const STAGE_NAMES: Record<string, string> = EXTERNAL_STAGE_LABEL;
const RESULT_NAMES: Record<string, string> = EXTERNAL_OUTCOME_LABEL;
const CAUSE_NAMES: Record<string, string> = DEADLINE_CAUSE_LABEL;

const WEEKDAYS = ['日', '一', '二', '三', '四', '五', '六'];

/** `2027-03-05 14:30:00 周五` in Beijing time. */
export function beijingText(iso: string): string {
  const d = beijingWallClock(Date.parse(iso));
  const p = (n: number) => String(n).padStart(2, '0');
  return `${d.getUTCFullYear()}-${p(d.getUTCMonth() + 1)}-${p(d.getUTCDate())} ${p(d.getUTCHours())}:${p(d.getUTCMinutes())}:${p(d.getUTCSeconds())} 周${WEEKDAYS[d.getUTCDay()]}`;
}

/** The Beijing wall-clock time as a Date whose UTC fields carry it (Excel stores dates without a zone). */
function beijingExcelDate(iso: string): Date {
  return beijingWallClock(Date.parse(iso));
}

const dateOnly = (v: unknown) => (typeof v === 'number' || typeof v === 'string' ? beijingText(new Date(v).toISOString()).slice(0, 10) : '');

function userLabel(idOrAssignee: unknown, names: AuditNames, fallbackName?: unknown): string {
  if (typeof idOrAssignee !== 'string') return '';
  const [kind, id] = idOrAssignee.includes(':') ? (idOrAssignee.split(/:(.*)/s) as [string, string]) : ['user', idOrAssignee];
  if (kind === 'unit') return names.unitNames.get(id) ?? id;
  if (kind === 'role') return ROLE_NAMES[id] ?? id;
  const name = (typeof fallbackName === 'string' && fallbackName) || names.userNames.get(id);
  return name ? `${name}（${id}）` : id;
}

/**
 * The unit a finding names (`（县工信局）`), or — recorded without one — the unit its 整改 was routed to, said as such
 * (`（整改单位：县工信局）`, from the 整改 task the entry's `rectificationTaskIds` lists at the finding's place).
 */
function findingUnitText(f: { unitId?: unknown }, rectificationTaskId: unknown, names: AuditNames): string {
  if (typeof f.unitId === 'string' && f.unitId) return `（${names.unitNames.get(f.unitId) ?? f.unitId}）`;
  const routed = typeof rectificationTaskId === 'string' ? names.taskUnits?.get(rectificationTaskId) : undefined;
  return routed ? `（整改单位：${names.unitNames.get(routed) ?? routed}）` : '';
}

/** A readable summary of the entry's structured detail (empty when there is nothing to add). */
export function detailText(r: AuditRow, names: AuditNames): string {
  const d = (r.detail ?? {}) as Record<string, any>;
  const parts: string[] = [];
  if (d.stepName) parts.push(`步骤：${d.stepName}`);
  if (d.withChanges === true) parts.push(`意见：${WITH_CHANGES_LABEL}`);
  // the domain's words (the screen's too): a closed phase, a refreshed directory, a phase's move (which phase, from when
  // to when, how many tasks) ahead of the tasks it moved, a resume's working days and shifted tasks
  parts.push(...auditDetailText(r.action, d));
  switch (r.action) {
    // a refused or denied attempt keeps the command as sent (detail.command): whom it named is said too
    case 'transfer': {
      const p = transferParties(d);
      parts.push(`转交给：${p ? userLabel(p.to, names, p.toName) : ''}`);
      if (p?.from) parts.push(`原审批人：${userLabel(p.from, names)}`);
      break;
    }
    case 'addApprover':
      parts.push(`加签人：${userLabel(d.userId ?? d.command?.userId, names, d.userName)}`);
      if (d.mode ?? d.command?.mode) parts.push(`方式：${MODE_NAMES[d.mode ?? d.command?.mode] ?? d.mode ?? d.command?.mode}`);
      break;
    case 'recordExternalResult':
      if (d.stage) parts.push(`环节：${STAGE_NAMES[d.stage] ?? d.stage}`);
      if (d.outcome) parts.push(`结果：${RESULT_NAMES[d.outcome] ?? d.outcome}`);
      if (Array.isArray(d.findingList) && d.findingList.length) {
        parts.push(`问题：${d.findingList.map((f: any, i: number) => `${f.title}${findingUnitText(f, d.rectificationTaskIds?.[i], names)}`).join('；')}`);
      } else if (typeof d.findings === 'number' && d.findings) parts.push(`问题 ${d.findings} 项`);
      break;
    case 'moveDeadlines':
    case 'replanned': {
      const moved = Array.isArray(d.moved) ? d.moved : [];
      for (const m of moved.slice(0, 20)) {
        if (m && typeof m === 'object' && ('from' in m || 'to' in m)) parts.push(`${names.taskTitles.get(m.taskId ?? m.id) ?? m.taskId ?? m.id ?? ''} ${dateOnly(m.from)} → ${dateOnly(m.to)}`.trim());
      }
      if (moved.length > 20) parts.push(`…共${moved.length}项任务（完整列表见 JSON 审计记录的 detail.moved）`);
      if (d.from !== undefined && d.to !== undefined) parts.push(`${dateOnly(d.from)} → ${dateOnly(d.to)}`);
      if (d.dueAt !== undefined && d.dueAt !== null) parts.push(`新期限：${dateOnly(d.dueAt)}`);
      // a deadline change's category (调整期限, 阶段顺延 …); a re-plan's cause is its own sentence, already the row's 原因
      if (d.cause && CAUSE_NAMES[d.cause]) parts.push(`原因类别：${CAUSE_NAMES[d.cause]}`);
      break;
    }
    case 'approve':
    case 'return':
      parts.push(`决定：${r.action === 'approve' ? '同意' : '退回'}`);
      break;
    case 'urge': {
      if (Array.isArray(d.to) && d.to.length) parts.push(`催办对象：${d.to.map((x: unknown) => userLabel(x, names)).join('、')}`);
      const reached = urgeReachedText(r.reached);
      if (reached) parts.push(reached);
      break;
    }
    case 'file-upload':
    case 'file-delete':
    case 'file-download':
    case 'file-preview': {
      // which file (the row said nothing), and the 整改 a unit read the stage's opinion through (origin-files)
      const named = auditFileNames(d);
      if (named.length) parts.push(`文件：${named.join('、')}`);
      if (typeof d.via === 'string') parts.push(`经由：${names.taskTitles.get(d.via) ?? d.via}`);
      break;
    }
  }
  if (d.formalities && typeof d.formalities === 'object') parts.push(...formalitiesText(d.formalities as SubmissionFormalities));
  if (Array.isArray(d.signers) && d.signers.length) {
    parts.push(`签批人：${d.signers.map((s: any) => (typeof s === 'string' ? userLabel(s, names) : userLabel(s.id, names, s.name))).join('、')}`);
  }
  if (Array.isArray(d.evidence) && d.evidence.length) {
    parts.push(
      `附件：${d.evidence
        .map((e: any) => `${e.name ?? ''}${typeof e.size === 'number' ? ` ${e.size}字节` : ''}${e.sha256 ? ` sha256:${String(e.sha256).slice(0, 12)}…` : ''}`)
        .join('；')}`,
    );
  }
  if (d.organizationId && names.organizationName) parts.push(`组织：${names.organizationName}`);
  return joinClauses(parts);
}

export const HEADERS = ['序号', '时间（北京时间）', '操作', '操作人', '操作人角色', '操作人单位', '代为/转交自', '任务', '指标', '结果', '原因', '意见', '详情', '操作人ID', '任务ID', '哈希', '前一哈希'];

function cells(r: AuditRow, names: AuditNames, at: string | Date): (string | number | Date)[] {
  return [
    r.seq,
    at,
    auditActionLabel(r, names.campaignKind), // 尝试… for a refused or denied one, as the screen reads it
    r.actor.id === 'system' ? '系统' : r.actor.name,
    r.actor.roles.map((x) => ROLE_NAMES[x] ?? x).join('、'),
    r.actor.unitId ? (names.unitNames.get(r.actor.unitId) ?? r.actor.unitId) : '',
    r.onBehalfOf ? userLabel(r.onBehalfOf, names) : '',
    r.taskId ? (names.taskTitles.get(r.taskId) ?? r.taskId) : auditTasksText(auditTaskIds(r.detail), (id) => names.taskTitles.get(id) ?? id),
    r.indicatorCode ?? '',
    OUTCOME_NAMES[r.outcome] ?? r.outcome,
    r.reason ? chineseReason(r.reason) : '', // the Chinese of `中文 (english)`, as the screen reads it
    r.comment ?? '',
    detailText(r, names),
    r.actor.id,
    r.taskId ?? auditTaskIds(r.detail).join('; '), // an entry that touched many: every one of them (the 任务 column names three)
    r.hash,
    r.prevHash,
  ];
}

function csvCell(v: string | number | Date): string {
  let s = String(v);
  if (/^[=+\-@\t\r]/.test(s)) s = `'${s}`; // no formula injection when opened in a spreadsheet
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

/** UTF-8 CSV with a BOM so Excel opens the Chinese text correctly. */
export function auditCsv(rows: AuditRow[], names: AuditNames): Buffer {
  const lines = [HEADERS, ...rows.map((r) => cells(r, names, beijingText(r.at)))].map((l) => l.map(csvCell).join(','));
  return Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(lines.join('\r\n') + '\r\n', 'utf8')]);
}

/** Excel: title row, header frozen with filters, the time column a real date (Beijing time, yyyy-mm-dd hh:mm:ss). */
export async function auditXlsx(rows: AuditRow[], title: string, names: AuditNames): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('审计记录', { views: [{ state: 'frozen', ySplit: 2 }] });
  ws.addRow([title]).font = { bold: true, size: 14 };
  ws.addRow(HEADERS).font = { bold: true };
  for (const r of rows) ws.addRow(cells(r, names, beijingExcelDate(r.at)));
  ws.getColumn(2).numFmt = 'yyyy-mm-dd hh:mm:ss';
  ws.autoFilter = { from: { row: 2, column: 1 }, to: { row: 2, column: HEADERS.length } };
  ws.columns.forEach((c, i) => (c.width = [6, 20, 14, 16, 14, 20, 16, 30, 8, 8, 24, 24, 60, 14, 24, 20, 20][i] ?? 14));
  return Buffer.from(await wb.xlsx.writeBuffer());
}
