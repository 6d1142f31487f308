/**
 * Start = plan: the body of POST /api/campaigns (and of the preview POST /api/campaigns/plan) turned into the
 * schedule the campaign will run on. One function for both, so the preview equals what a start produces.
 */
import { BadRequestException } from '@nestjs/common';
import ExcelJS from 'exceljs';
import { CampaignInputError, pastMilestones, planSchedule, type PlannedMilestone, type SchedulePlan, durationToMs, CampaignCalendar, type CalendarOverride, endOfLocalDay, localYear, PLANNING_YEARS, startOfLocalDay, type CampaignTemplate, ownerLabel, TASK_OWNER_LABEL } from '@eco/domain';
import type { StartCampaignDto } from './dto';

/** Who a plan's node is owned by, in the words the task list uses for the same owners (one name for the government). */
const OWNER_LABEL: Record<string, string> = {
  office: TASK_OWNER_LABEL.office,
  leader: '领导小组',
  units: '各责任单位',
  'technical-unit': '技术编制单位',
  experts: '专家组',
  'higher-authority': '上级生态环境部门',
};

export interface ComputedPlan {
  plan: SchedulePlan;
  startAt: number;
  /** Due instant of every milestone (what the workflow is started with). */
  schedule: Record<string, number>;
  fixed: string[];
  past: PlannedMilestone[];
  takeOver?: { done: string[] };
}

const DATE_ONLY = /^\d{4}-\d{2}-\d{2}$/;

function bad(messages: string[]): BadRequestException {
  return new BadRequestException({ message: messages, error: 'Bad Request' });
}

/**
 * What the plan says about a year whose official holiday arrangement is not in the calendar data (the State Council
 * publishes year Y's in the late autumn of Y-1, so a plan started in December reaches a year nobody knows yet).
 */
export function uncoveredYearWarning(year: number): string {
  return `${year}年的法定节假日安排尚未纳入日历数据：该年的期限暂按双休日计算（未计法定节假日及调休），安排发布后请系统管理员更新工作日历并核对期限`;
}

/**
 * What the plan says about a year whose holidays come from a provisional calendar (CALENDAR_OVERRIDE_FILE with
 * `provisional`: the statutory days only, until the State Council's notice with its bridging days and 调休 is out).
 */
export function provisionalYearWarning(year: number): string {
  return `${year}年的节假日安排为暂定：该年的期限按法定节假日当天计算（未计调休及上班日调整），国务院办公厅通知发布后请更新工作日历并核对期限`;
}

/**
 * Nodes that would be assigned late: a phase's tasks are assigned once the phases before it are done, so a node due no
 * later than the last node of an earlier phase is overdue on the day it is assigned if that phase takes its time.
 */
export function assignedLateWarnings(milestones: readonly PlannedMilestone[], phaseOrder: readonly string[]): string[] {
  const rank = new Map(phaseOrder.map((k, i) => [k, i]));
  const out: string[] = [];
  for (const m of milestones) {
    const before = milestones.filter((x) => (rank.get(x.phase) ?? 0) < (rank.get(m.phase) ?? 0));
    if (!before.length) continue;
    const last = before.reduce((a, b) => (b.dueAt > a.dueAt ? b : a));
    if (m.dueAt <= last.dueAt) {
      // 「不晚于」 of two equal dates read as a riddle: the same day, or earlier, said as such
      const relation = m.dueAt === last.dueAt ? `与上一阶段「${last.name}」同日截止（${m.dueLabel}）` : `期限${m.dueLabel}早于上一阶段「${last.name}」的期限${last.dueLabel}`;
      out.push(`「${m.name}」（${m.phaseName}）${relation}：本阶段在前面各阶段完成后才下达，届时此任务可能已逾期，请调整其期限`);
    }
  }
  return out;
}

/** The years of a plan's dates that a provisional calendar describes, ascending. */
function provisionalYears(calendarOverride: CalendarOverride | undefined, dates: number[]): number[] {
  if (!calendarOverride?.provisional) return [];
  const years = new Set(dates.map(localYear));
  return calendarOverride.years.filter((y) => years.has(y)).sort((a, b) => a - b);
}

/**
 * The dates a plan may use: a start within the domain's planning window of today (a published 2021 plan, a take-over)
 * and overrides within it of the start. Working days are counted day by day for every node, so the window bounds the
 * work of one request (ten years × the nodes: milliseconds).
 */
const YEAR_MS = 365.25 * 86_400_000;
function withinYears(at: number, from: number, years: number): boolean {
  return Number.isFinite(at) && Math.abs(at - from) <= years * YEAR_MS;
}

/**
 * Computes the schedule for a start request; 400 for malformed input or unordered overrides. A year the holiday data
 * does not cover is counted weekends-only, as the running campaign does, with a warning naming the year.
 */
export function computePlan(template: CampaignTemplate, dto: StartCampaignDto, calendarOverride: CalendarOverride | undefined, now: number): ComputedPlan {
  const uncoveredYears: number[] = [];
  const calendar = new CampaignCalendar(calendarOverride, (year) => uncoveredYears.push(year));
  const raw = dto.schedule as unknown;
  const published = raw === 'published';
  if (raw !== undefined && !published && (typeof raw !== 'object' || raw === null || Array.isArray(raw))) {
    throw bad(['schedule must be "published" or an object of milestone key → date (YYYY-MM-DD) or date-time (schedule 须为 "published" 或 节点→日期)']);
  }
  const issues: string[] = [];
  const overrides: Record<string, number> = {};
  const dateOnly = new Set<string>();
  for (const [key, value] of Object.entries(published ? {} : ((raw as Record<string, unknown>) ?? {}))) {
    if (typeof value === 'string' && DATE_ONLY.test(value)) {
      try {
        overrides[key] = endOfLocalDay(value);
        dateOnly.add(key);
      } catch {
        issues.push(`schedule.${key}: 日期不存在 (not a calendar date: ${value})`);
      }
      continue;
    }
    const ms = typeof value === 'string' ? Date.parse(value) : NaN;
    if (Number.isNaN(ms)) issues.push(`schedule.${key}: expected a date (YYYY-MM-DD) or an ISO date-time`);
    else overrides[key] = ms;
  }
  const done = dto.done ?? [];
  if (done.length && !dto.takeOver) issues.push('done 仅用于接管进行中的活动，请同时设置 takeOver: true (done needs takeOver: true)');
  const startAt = dto.startAt ? Date.parse(dto.startAt) : published ? startOfLocalDay(template.issueDate) : now;
  // Working days are counted day by day: a date centuries away would hold the process for seconds (found by the fuzz
  // suite: startAt in the year 174 froze every other request for 20 s). See PLANNING_YEARS.
  if (!withinYears(startAt, now, PLANNING_YEARS)) issues.push(`startAt: 启动日期须在今天前后${PLANNING_YEARS}年之内 (startAt must lie within ${PLANNING_YEARS} years of today)`);
  else {
    for (const [key, at] of Object.entries(overrides)) {
      if (!withinYears(at, startAt, PLANNING_YEARS)) issues.push(`schedule.${key}: 日期须在启动日期前后${PLANNING_YEARS}年之内 (date must lie within ${PLANNING_YEARS} years of the start)`);
    }
  }
  if (issues.length) throw bad(issues);
  try {
    const laid = planSchedule(template, { startAt, mode: published ? 'published' : 'plan', overrides, dateOnly }, calendar);
    const provisional = provisionalYears(calendarOverride, [startAt, ...laid.milestones.map((m) => m.dueAt)]);
    const late = assignedLateWarnings(laid.milestones, template.phases.map((p) => p.key));
    // the plan-wide notes first (a node assigned late, a year without or with provisional holidays), then the nodes' own
    const plan = { ...laid, warnings: [...late, ...[...uncoveredYears].sort().map(uncoveredYearWarning), ...provisional.map(provisionalYearWarning), ...laid.warnings] };
    const schedule = Object.fromEntries(plan.milestones.map((m) => [m.key, m.dueAt]));
    const fixed = plan.milestones.filter((m) => m.fixed).map((m) => m.key);
    const keys = new Set(plan.milestones.map((m) => m.key));
    const unknown = done.filter((k) => !keys.has(k));
    if (unknown.length) throw bad(unknown.map((k) => `done: 未知节点 / unknown milestone key "${k}"`));
    const past = pastMilestones(plan, now).filter((m) => !done.includes(m.key));
    return { plan, startAt, schedule, fixed, past, ...(dto.takeOver ? { takeOver: { done: [...done] } } : {}) };
  } catch (e) {
    if (e instanceof CampaignInputError) throw bad(e.issues);
    throw e;
  }
}

/** 400 when the policy asks for reminders more often than `minIso` (overdueEvery, escalateAfter). */
export function checkReminderInterval(policy: { overdueEvery?: string; escalateAfter?: string } | undefined, minIso: string): void {
  const min = durationToMs(minIso);
  const bad: string[] = [];
  for (const f of ['overdueEvery', 'escalateAfter'] as const) {
    const v = policy?.[f];
    if (v === undefined) continue;
    let ms: number;
    try {
      ms = durationToMs(v);
    } catch {
      continue; // malformed: reported by the engine's own validation
    }
    if (ms < min) bad.push(`reminderPolicy.${f}: 提醒间隔${v}短于最小间隔${minIso} (interval below the configured minimum ${minIso})`);
  }
  if (bad.length) throw new BadRequestException({ message: bad, error: 'Bad Request' });
}

/** 400 naming every milestone whose computed date is already past (unless the campaign is taken over). */
export function refusePast(c: ComputedPlan): void {
  if (c.takeOver || !c.past.length) return;
  throw bad([
    `以下节点的计算期限已过，无法按此计划启动（如为接管进行中的创建工作，请设置 takeOver: true 并列出已完成节点 done）/ computed due dates are in the past (set takeOver: true to take over a campaign in progress):`,
    ...c.past.map((m) => `「${m.name}」(${m.key}) ${m.dueLabel}`),
  ]);
}

function unitNames(template: CampaignTemplate, m: PlannedMilestone): string {
  if (m.owner === 'government') return ownerLabel('government', template.region); // 泗水县人民政府
  if (m.owner !== 'units') return OWNER_LABEL[m.owner] ?? m.owner;
  if (!m.units?.length) return OWNER_LABEL.units;
  return m.units.map((id) => template.units.find((u) => u.id === id)?.shortName ?? id).join('、');
}

/** The preview's answer: the full schedule with owners, dependencies, warnings, and what a start would refuse. */
export function planView(template: CampaignTemplate, c: ComputedPlan) {
  const names = new Map(c.plan.milestones.map((m) => [m.key, m.name]));
  return {
    templateId: template.id,
    templateName: template.name,
    mode: c.plan.mode,
    startAt: new Date(c.startAt).toISOString(),
    startDate: c.plan.startDate,
    takeOver: !!c.takeOver,
    milestones: c.plan.milestones.map((m) => ({
      phase: m.phase,
      phaseName: m.phaseName,
      key: m.key,
      name: m.name,
      taskKind: m.taskKind,
      owner: m.owner,
      ownerLabel: unitNames(template, m),
      dueAt: new Date(m.dueAt).toISOString(),
      dueDate: m.dueDate,
      weekday: m.weekday,
      dueLabel: m.dueLabel,
      workingDaysFromStart: m.workingDaysFromStart,
      after: m.after,
      afterLabel: m.after.map((a) => (a === 'start' ? '启动' : (names.get(a) ?? a))).join('、'),
      gap: m.gap,
      gapLabel: m.gapLabel,
      origin: m.origin,
      estimate: m.estimate,
      fixed: m.fixed,
      moved: m.moved ?? null,
      source: m.source ?? null,
      publishedText: m.publishedText,
      publishedDate: m.publishedDate ?? null,
      basis: m.basis ?? null,
      done: c.takeOver?.done.includes(m.key) ?? false,
    })),
    warnings: c.plan.warnings,
    past: c.past.map((m) => ({ key: m.key, name: m.name, dueAt: new Date(m.dueAt).toISOString(), dueLabel: m.dueLabel })),
  };
}

const XLSX_HEADERS = ['阶段', '节点', '责任主体', '期限', '星期', '距启动工作日', '前序节点', '间隔', '说明', '原文出处', '原文时间'];

/** 工作计划表 as .xlsx: the same rows as the preview. */
export async function planXlsx(view: ReturnType<typeof planView>): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('工作计划表');
  ws.addRow([`${view.templateName} 工作计划表（启动日 ${view.startDate}${view.mode === 'published' ? '，按原方案公布日期' : ''}）`]).font = { bold: true };
  ws.addRow(XLSX_HEADERS).font = { bold: true };
  for (const m of view.milestones) {
    const notes = [m.estimate ? '预估（以上级通知为准）' : '', m.moved ? m.moved.reason : '', m.origin === 'override' ? '办公室指定' : '', m.done ? '已完成（接管）' : '']
      .filter(Boolean)
      .join('；');
    ws.addRow([m.phaseName, m.name, m.ownerLabel, m.dueDate, m.weekday, m.workingDaysFromStart, m.afterLabel, m.gapLabel, notes, m.source ?? '', m.publishedText]);
  }
  if (view.warnings.length) {
    ws.addRow([]);
    ws.addRow(['提示']).font = { bold: true };
    for (const w of view.warnings) ws.addRow([w]);
  }
  ws.columns.forEach((col, i) => (col.width = [10, 28, 24, 12, 6, 12, 28, 12, 40, 50, 40][i] ?? 14));
  return Buffer.from(await wb.xlsx.writeBuffer());
}
