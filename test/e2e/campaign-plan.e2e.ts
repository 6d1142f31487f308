/**
 * Start = plan, through the API on the real stack: each seed template started "today" runs on its own dates (zero
 * overdue, every due date a working day after the start, ascending along every dependency), the preview
 * (POST /campaigns/plan, also as the .xlsx 工作计划表) equals what the start produced, Lixia on its published schedule
 * reproduces the plan's dates, and a start whose dates are past is refused unless the campaign is taken over.
 */
import { INestApplication } from '@nestjs/common';
import ExcelJS from 'exceljs';
import request from 'supertest';
import type { AppConfig } from '@eco/config';
import { CampaignCalendar, localDate, localYear } from '@eco/domain';
import { bearer, eventually, startWorker, TestActor } from './campaign-stack';
import { binary, startApi, testConfig } from './helpers';
import { readFileSync } from 'fs';

const office: TestActor = { id: 'p-office', name: '办公室', roles: ['office'] };
const SEEDS = ['lixia-2021', 'sishui-2023', 'yanzhou-2023', 'jiyang-2021', 'shinan-2024'];

describe('start = plan: a county runs a seed template on its own dates (real stack)', () => {
  let config: AppConfig;
  let app: INestApplication;
  let worker: { stop(): Promise<void> };
  /** The calendar the API and the workflow plan on: the holiday data, weekends-only for a year it does not cover. */
  let calendar: CampaignCalendar;
  const http = () => request(app.getHttpServer());
  const auth = () => ({ Authorization: bearer(config, office) });
  /** The campaign's detail once projected (a start answers after a bounded wait; on a busy machine read until it is). */
  let calendarYears: number[] = [];
  const ready = (id: string) => eventually(async () => (await http().get(`/api/campaigns/${id}`).set(auth())).body, (b) => (b.phases ?? []).length > 0);

  beforeAll(async () => {
    config = testConfig({ TEMPORAL_TASK_QUEUE: 'e2e-plan' });
    const o = JSON.parse(readFileSync(config.CALENDAR_OVERRIDE_FILE!, 'utf8'));
    calendar = new CampaignCalendar({ years: o.years, holidays: o.holidays, workdays: o.workdays });
    calendarYears = o.years;
    worker = await startWorker(config);
    app = await startApi(config);
  }, 120000);

  afterAll(async () => {
    await app?.close();
    await worker?.stop();
  });

  it.each(SEEDS)('%s started today: zero overdue, working days after the start, ascending along dependencies, preview == started', async (templateId) => {
    const startAt = new Date().toISOString();
    const preview = await http().post('/api/campaigns/plan').set(auth()).send({ templateId, startAt });
    expect(preview.status).toBe(200);
    expect(preview.body.past).toEqual([]);
    const started = await http().post('/api/campaigns').set(auth()).send({ templateId, startAt });
    expect(started.status).toBe(201);
    const detail = await ready(started.body.id);
    const milestones = detail.phases.flatMap((p: any) => p.milestones) as { key: string; dueAt: string }[];
    // The preview equals what the start produced, milestone by milestone.
    expect(milestones.map((m) => [m.key, m.dueAt])).toEqual(preview.body.milestones.map((m: any) => [m.key, m.dueAt]));
    const due = new Map(milestones.map((m) => [m.key, Date.parse(m.dueAt)]));
    for (const m of preview.body.milestones) {
      expect(Date.parse(m.dueAt)).toBeGreaterThan(Date.parse(startAt));
      expect([m.key, calendar.isWorkingDay(localDate(Date.parse(m.dueAt)))]).toEqual([m.key, true]);
      for (const a of m.after.filter((x: string) => x !== 'start')) expect([m.key, a, due.get(m.key)! > due.get(a)!]).toEqual([m.key, a, true]);
    }
    // Steps that follow the higher authority show their date as an estimate in the running campaign too.
    const estimates = preview.body.milestones.filter((m: any) => m.estimate).map((m: any) => m.key);
    expect(detail.phases.flatMap((p: any) => p.milestones).filter((m: any) => m.estimate).map((m: any) => m.key)).toEqual(estimates);
    // No task is overdue at the start, and every task carries its milestone's date.
    expect(detail.overdueTaskIds).toEqual([]);
    const tasks = (await http().get(`/api/campaigns/${started.body.id}/tasks`).set(auth())).body as any[];
    expect(tasks.length).toBeGreaterThan(0);
    for (const t of tasks) {
      expect(t.overdue).toBe(false);
      expect([t.id, Date.parse(t.dueAt)]).toEqual([t.id, due.get(t.milestoneKey)]);
    }
  });

  it('previews Lixia on its published schedule from its issue date: the plan’s own dates, and the same table as 工作计划表.xlsx', async () => {
    const body = { templateId: 'lixia-2021', schedule: 'published' };
    const r = await http().post('/api/campaigns/plan').set(auth()).send(body);
    expect(r.status).toBe(200);
    expect(r.body.mode).toBe('published');
    expect(r.body.startDate).toBe('2021-04-21');
    const date = (k: string) => r.body.milestones.find((m: any) => m.key === k).dueDate;
    expect(['materials', 'plan-draft', 'plan-comments', 'plan-expert-review', 'plan-government-approval', 'application', 'inspection-prep', 'inspection', 'supplement'].map(date)).toEqual([
      '2021-04-23', '2021-05-08', '2021-05-11', '2021-05-15', '2021-05-18', '2021-05-31', '2021-06-10', '2021-06-15', '2021-06-30',
    ]);
    const row = r.body.milestones.find((m: any) => m.key === 'plan-draft');
    expect(row).toMatchObject({ phaseName: '创建实施', weekday: '周六', dueLabel: '2021年5月8日（周六）', ownerLabel: '技术编制单位', afterLabel: expect.any(String), source: expect.stringContaining('5月8日前') });
    // the government by its name (the template region's county), not the generic 县（区）政府
    expect(r.body.milestones.find((m: any) => m.key === 'plan-government-approval').ownerLabel).toBe('历下区人民政府');
    // The computed dates are past: a start is refused (400, naming each milestone) unless the campaign is taken over.
    const refused = await http().post('/api/campaigns').set(auth()).send(body);
    expect(refused.status).toBe(400);
    expect(refused.body.message.join('\n')).toContain('(plan-draft)');

    const xlsx = await http().post('/api/campaigns/plan.xlsx').set(auth()).send(body).buffer(true).parse(binary);
    expect(xlsx.status).toBe(200);
    expect(xlsx.headers['content-type']).toContain('spreadsheetml');
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(xlsx.body as Buffer);
    const ws = wb.getWorksheet('工作计划表')!;
    const rows: string[][] = [];
    ws.eachRow((x) => rows.push((x.values as unknown[]).slice(1).map((v) => String(v ?? ''))));
    expect(rows[1].slice(0, 4)).toEqual(['阶段', '节点', '责任主体', '期限']);
    const draft = rows.find((x) => x[1] === row.name)!;
    expect(draft.slice(3, 5)).toEqual(['2021-05-08', '周六']);
  });

  it('takes over Lixia in progress on its published dates: past dates accepted, the steps already done start completed', async () => {
    const done = ['work-plan-issued', 'leadership-group', 'plan-started'];
    const r = await http().post('/api/campaigns').set(auth()).send({ templateId: 'lixia-2021', schedule: 'published', takeOver: true, done });
    expect(r.status).toBe(201);
    const detail = await ready(r.body.id);
    // Mobilization was all done: the campaign is in implementation, on the published dates.
    expect(detail.phase).toBe('implementation');
    const m = new Map((detail.phases.flatMap((p: any) => p.milestones) as any[]).map((x) => [x.key, x.dueAt]));
    expect(localDate(Date.parse(m.get('plan-draft')))).toBe('2021-05-08');
    const first = (await http().get(`/api/campaigns/${r.body.id}/tasks?phase=mobilization`).set(auth())).body as any[];
    expect(first.every((t) => t.status === 'approved')).toBe(true);
  });

  it('takes over Sishui started eight weeks ago with its first steps ticked as done: no date moves (they were done on their plan, not today), and its late tasks are told so, not escalated at once', async () => {
    const startAt = new Date(Date.now() - 56 * 86400_000).toISOString();
    const done = ['work-plan-issued', 'leadership-group'];
    const preview = await http().post('/api/campaigns/plan').set(auth()).send({ templateId: 'sishui-2023', startAt });
    expect(preview.status).toBe(200);
    const r = await http().post('/api/campaigns').set(auth()).send({ templateId: 'sishui-2023', startAt, takeOver: true, done });
    expect(r.status).toBe(201);
    await ready(r.body.id);
    // An action re-plans after the completions the campaign has seen (before: 推迟N个工作日, every dependant moved): a 催办.
    const task = ((await http().get(`/api/campaigns/${r.body.id}/tasks?phase=mobilization`).set(auth())).body as any[]).find((t) => t.status === 'open' && t.unitId && !t.blockedBy)!;
    expect((await http().post(`/api/campaigns/${r.body.id}/tasks/${encodeURIComponent(task.id)}/urge`).set(auth()).send({})).status).toBe(200);
    const audit = (await http().get(`/api/campaigns/${r.body.id}/audit?action=replanned`).set(auth())).body as any[];
    expect(audit).toEqual([]);
    const detail = (await http().get(`/api/campaigns/${r.body.id}`).set(auth())).body;
    const now = new Map((detail.phases.flatMap((p: any) => p.milestones) as any[]).map((x) => [x.key, x.dueAt]));
    for (const m of preview.body.milestones as any[]) expect([m.key, now.get(m.key)]).toEqual([m.key, m.dueAt]);
    // Its tasks fell due weeks before anyone had them: told so when assigned, not escalated (督办, 问责) at once.
    const log = (await http().get(`/api/campaigns/${r.body.id}/reminders`).query({ limit: 1000 }).set(auth())).body.items as any[];
    // (one 【新任务】 per unit for its tasks of that moment, runs since 'batched-new-task-notices': the unit's, naming them)
    const assignedToUnit = log.filter((x) => x.level === 'notice' && x.message.startsWith('【新任务】') && x.recipients?.includes(`unit:${task.unitId}`));
    expect(assignedToUnit.length).toBeGreaterThan(0);
    for (const n of assignedToUnit) expect(n.message).toMatch(/^【新任务】「.+」(已下达，原定.+前完成，现已逾期，请尽快报送|等\d+项任务已下达(，原定.+前完成，现已逾期，请尽快报送|：.*已逾期.*|，最早一项须于.+前报送，其中\d+项已逾期，请尽快报送，各项期限见「我的待办」))。$/);
    expect(log.filter((x) => x.level === 'escalation' || x.level === 'red')).toEqual([]);
  });

  it('stage order: a unit commenting before the plan draft exists gets 409 naming the draft; the task shows it, no inbox lists it', async () => {
    const mobilization = ['work-plan-issued', 'leadership-group', 'plan-started'];
    const r = await http().post('/api/campaigns').set(auth()).send({ templateId: 'lixia-2021', takeOver: true, done: mobilization });
    expect(r.status).toBe(201);
    await ready(r.body.id);
    const comments = ((await http().get(`/api/campaigns/${r.body.id}/tasks?kind=plan-comments`).set(auth())).body as any[])[0];
    const unit: TestActor = { id: `p-${comments.unitId}`, name: '联络员', roles: ['unit'], unitId: comments.unitId };
    const early = await http().post(`/api/campaigns/${r.body.id}/tasks/${comments.id}/submit`).set({ Authorization: bearer(config, unit) }).send({ comment: '无意见' });
    expect(early.status).toBe(409);
    expect(early.body.message).toContain('须先完成「完成《规划》（征求意见稿）」');
    // Said before the click: the task read shows what it waits for and offers no 报送; the unit's inbox does not list it.
    const read = await http().get(`/api/campaigns/${r.body.id}/tasks/${comments.id}`).set({ Authorization: bearer(config, unit) });
    expect(read.status).toBe(200);
    expect(read.body).toMatchObject({ blockedBy: { milestoneKey: 'plan-draft', milestoneName: '完成《规划》（征求意见稿）' }, waitingFor: [] });
    expect(read.body.actions ?? []).not.toContain('submit');
    const inbox = await http().get('/api/me/inbox').query({ campaignId: r.body.id, limit: 200 }).set({ Authorization: bearer(config, unit) });
    expect(inbox.status).toBe(200);
    expect((inbox.body.items as any[]).map((i) => i.id)).not.toContain(comments.id);
    // The draft itself is not held back: the office's inbox lists it.
    const officeInbox = (await http().get('/api/me/inbox').query({ campaignId: r.body.id, limit: 200 }).set(auth())).body.items as any[];
    expect(officeInbox.map((i) => i.id)).toContain('plan-draft:plan-draft');
    const preReview = await http().post(`/api/campaigns/${r.body.id}/external-results`).set({ Authorization: bearer(config, { id: 'p-insp', name: '核查组', roles: ['inspector'] }) }).send({ stage: 'pre-review', outcome: 'passed' });
    // the application phase has not started, so its pre-review task does not exist yet: 404 naming the stage
    expect([preReview.status, preReview.body.message]).toEqual([404, expect.stringContaining('尚无「预审」环节任务')]);
  });

  it('moves deadlines in the office’s language: a date alone, months, working days, bounded, non-working days moved with a warning', async () => {
    const r = await http().post('/api/campaigns').set(auth()).send({ templateId: 'sishui-2023' });
    expect(r.status).toBe(201);
    const id = r.body.id;
    await ready(id);
    const task = ((await http().get(`/api/campaigns/${id}/tasks?kind=materials`).set(auth())).body as any[])[0];
    const send = (body: Record<string, unknown>) => http().post(`/api/campaigns/${id}/deadlines`).set(auth()).send({ taskIds: [task.id], reason: '按县政府安排调整', ...body });
    /** The answer, with the task as read back after the move. */
    const move = async (body: Record<string, unknown>) => {
      const r = await send(body);
      const t = (await http().get(`/api/campaigns/${id}/tasks/${task.id}`).set(auth())).body;
      return { status: r.status, body: { ...r.body, task: t } };
    };
    // A date alone on New Year's Day 2027: the end of the next working day, with a warning.
    const ny = await move({ dueAt: '2027-01-01' });
    expect(ny.status).toBe(200);
    expect(localDate(Date.parse(ny.body.task.dueAt))).toBe('2027-01-04');
    // … and, the task now due after its phase's end (the phase keeps its date), that said too
    expect(ny.body.warnings).toEqual([expect.stringContaining('2027年1月1日（周五）不是工作日'), expect.stringMatching(/^「[^」]+」的新期限晚于[^「」]+阶段的截止日期.*阶段截止日期未随之调整/)]);
    // Calendar months, then working days.
    const month = await move({ shiftBy: 'P1M' });
    expect(month.status).toBe(200);
    expect(localDate(Date.parse(month.body.task.dueAt))).toBe('2027-02-04');
    const days = await move({ shiftByWorkingDays: 3 });
    expect(localDate(Date.parse(days.body.task.dueAt))).toBe(calendar.addWorkingDays('2027-02-04', 3));
    // Bounds: never in the past; more than three years ahead only with a force reason.
    expect((await move({ dueAt: '2020-01-06' })).status).toBe(400);
    const far = await move({ shiftBy: 'P4Y' });
    expect(far.status).toBe(400);
    expect(JSON.stringify(far.body.message)).toContain('超过三年');
    // Even with a force reason, not more than ten years ahead: a phase moved to 9999 re-dated the steps after it past
    // the calendar's last year and froze the campaign (the engine threw inside the action).
    const phaseMove = await http().post(`/api/campaigns/${id}/deadlines`).set(auth()).send({ phase: task.phase, dueAt: '9999-12-31', force: '上级通知', reason: '按县政府安排调整' });
    expect([phaseMove.status, JSON.stringify(phaseMove.body.message)]).toEqual([400, expect.stringContaining('超过十年')]);
    expect((await move({ shiftByWorkingDays: 1 })).status).toBe(200); // the campaign goes on
    const audit = (await http().get(`/api/campaigns/${id}/audit?action=moveDeadlines`).set(auth())).body as any[];
    expect(audit.filter((a) => a.outcome === 'accepted')).toHaveLength(4);
  });

  it('refuses a reminder interval below the configured minimum (PT0.001S → 400)', async () => {
    const r = await http().post('/api/campaigns').set(auth()).send({ templateId: 'sishui-2023', reminderPolicy: { overdueEvery: 'PT0.001S' } });
    expect(r.status).toBe(400);
    expect(r.body.message.join('\n')).toContain('最小间隔');
    expect((await http().post('/api/campaigns/plan').set(auth()).send({ templateId: 'sishui-2023', reminderPolicy: { escalateAfter: 'PT0.5S' } })).status).toBe(400);
  });

  it('plans into a year whose holidays are not yet published: weekends-only for that year, with a warning naming it', async () => {
    // The holiday data here covers up to 2027; a Jiyang plan started mid-2027 runs well into 2028.
    const startAt = '2027-06-01T09:00:00+08:00';
    const preview = await http().post('/api/campaigns/plan').set(auth()).send({ templateId: 'jiyang-2021', startAt });
    expect(preview.status).toBe(200);
    const in2028 = preview.body.milestones.filter((m: any) => localYear(Date.parse(m.dueAt)) === 2028);
    expect(in2028.length).toBeGreaterThan(0);
    for (const m of in2028) expect([m.key, [0, 6].includes(new Date(Date.parse(m.dueAt) + 8 * 3600_000).getUTCDay())]).toEqual([m.key, false]);
    expect(preview.body.warnings.filter((w: string) => w.includes('年的法定节假日安排尚未纳入日历数据'))).toEqual([expect.stringMatching(/^2028年/)]);
    // 2027 comes from the provisional calendar (statutory days only, no 调休 yet): the plan says so.
    expect(preview.body.warnings.filter((w: string) => w.includes('节假日安排为暂定'))).toEqual([expect.stringMatching(/^2027年的节假日安排为暂定：.*未计调休/)]);
  });

  it('refuses a malformed schedule and an unknown done step (400)', async () => {
    expect((await http().post('/api/campaigns/plan').set(auth()).send({ templateId: 'lixia-2021', schedule: 'someday' })).status).toBe(400);
    expect((await http().post('/api/campaigns/plan').set(auth()).send({ templateId: 'lixia-2021', schedule: { materials: 'tomorrow' } })).status).toBe(400);
    expect((await http().post('/api/campaigns').set(auth()).send({ templateId: 'lixia-2021', takeOver: true, done: ['nope'] })).status).toBe(400);
    expect((await http().post('/api/campaigns/plan').set(auth()).send({ templateId: 'no-such-template' })).status).toBe(404);
  });

  it('refuses dates more than ten years away at once (400), instead of counting working days across them (the fuzz suite: 20 s with every other request waiting)', async () => {
    const old = await http().post('/api/campaigns/plan').set(auth()).send({ templateId: 'yanzhou-2023', schedule: 'published', startAt: '0174-12-07T11:48:19.965-18:11' });
    expect(old.status).toBe(400);
    expect(JSON.stringify(old.body.message)).toContain('启动日期须在今天前后10年之内');
    const far = await http().post('/api/campaigns/plan').set(auth()).send({ templateId: 'sishui-2023', schedule: { materials: '9999-12-31' } });
    expect(far.status).toBe(400);
    expect(JSON.stringify(far.body.message)).toContain('schedule.materials');
  });

  it('GET /api/calendar gives the screens the holiday data the deadlines are counted with (CALENDAR_OVERRIDE_FILE)', async () => {
    const r = await http().get('/api/calendar').set(auth());
    expect(r.status).toBe(200);
    expect(r.body).toEqual({ years: calendarYears, holidays: expect.arrayContaining(['2027-01-01']), workdays: expect.any(Array), provisional: true });
    expect((await http().get('/api/calendar')).status).toBe(401);
  });

  it('a campaign planned to start later: the list carries its start (the screens say 计划于 … 启动 until then)', async () => {
    const startAt = `${localDate(Date.now() + 60 * 86_400_000)}T09:00:00+08:00`; // two months from today
    const started = await http().post('/api/campaigns').set(auth()).send({ templateId: 'sishui-2023', name: '泗水县创建（两个月后启动）', startAt });
    expect(started.status).toBe(201);
    await ready(started.body.id);
    const list = await http().get('/api/campaigns').set(auth());
    const item = (list.body.items ?? list.body).find((c: { id: string }) => c.id === started.body.id);
    expect(item).toMatchObject({ status: 'active', startAt: new Date(startAt).toISOString() });
  });

  it('a node set to a Saturday (a date alone) moves to the end of the next working day at start, as 调整期限 moves it, and says so', async () => {
    // walkthrough: 市南区's 健全工作机制 set to Saturday 2027-01-09 was kept, every liaison told 「请于…（周六）前报送」.
    // Dates from today (a fixed date would be refused as past one day): the first Saturday after the node's planned date.
    const startAt = `${localDate(Date.now() + 14 * 86_400_000)}T09:00:00+08:00`;
    const plain = await http().post('/api/campaigns/plan').set(auth()).send({ templateId: 'shinan-2024', startAt });
    expect(plain.status).toBe(200);
    let saturday = localDate(Date.parse(plain.body.milestones.find((m: any) => m.key === 'unit-contacts').dueAt) + 86_400_000);
    while (new Date(`${saturday}T00:00:00Z`).getUTCDay() !== 6) saturday = localDate(Date.parse(`${saturday}T12:00:00+08:00`) + 86_400_000);
    const monday = calendar.addWorkingDays(saturday, 1);
    const body = { templateId: 'shinan-2024', name: '市南区创建（周六节点）', startAt, schedule: { 'unit-contacts': saturday } };
    const preview = await http().post('/api/campaigns/plan').set(auth()).send(body);
    expect(preview.status).toBe(200);
    const node = preview.body.milestones.find((m: any) => m.key === 'unit-contacts');
    expect(node).toMatchObject({ dueDate: monday, fixed: true, moved: { from: saturday, to: monday } });
    expect(preview.body.warnings.some((w: string) => w.includes(node.name) && /为(周末|.+假期)，顺延至下一个工作日/.test(w))).toBe(true);
    expect(preview.body.warnings.some((w: string) => w.includes('不是工作日'))).toBe(false);
    const started = await http().post('/api/campaigns').set(auth()).send(body);
    expect(started.status).toBe(201);
    await ready(started.body.id);
    const tasks = (await http().get(`/api/campaigns/${started.body.id}/tasks`).set(auth())).body as any[];
    const contacts = tasks.filter((t) => String(t.id).startsWith('unit-contacts:'));
    expect(contacts.length).toBeGreaterThan(0);
    for (const t of contacts) expect(localDate(Date.parse(t.dueAt))).toBe(monday);
  });

  it("refuses a node dated before the campaign's start (400 naming it), in the preview and at the start", async () => {
    const start = Date.now() + 60 * 86_400_000;
    const body = { templateId: 'sishui-2023', startAt: `${localDate(start)}T09:00:00+08:00`, schedule: { 'work-plan-issued': localDate(start - 3 * 86_400_000) } };
    for (const path of ['/api/campaigns/plan', '/api/campaigns']) {
      const r = await http().post(path).set(auth()).send(body);
      expect([path, r.status]).toEqual([path, 400]);
      expect(JSON.stringify(r.body.message)).toMatch(/节点「[^」]+」的期限.*须晚于活动启动日期.*work-plan-issued/); // by its name; its key in the English note
    }
  });

  it('says in the preview when the indicators’ summary is dated before the co-units’ contributions that feed it', async () => {
    const startAt = new Date().toISOString();
    const plain = await http().post('/api/campaigns/plan').set(auth()).send({ templateId: 'sishui-2023', startAt });
    expect(plain.status).toBe(200);
    const contributions = plain.body.milestones.find((m: any) => m.key === 'indicator-contribution');
    const work = plain.body.milestones.find((m: any) => m.key === 'work-plan-issued');
    // a summary date between the work plan and the contributions (the walkthrough chose one three weeks early)
    const early = localDate(Date.parse(work.dueAt) + 7 * 86_400_000);
    expect(early < localDate(Date.parse(contributions.dueAt))).toBe(true);
    const moved = await http().post('/api/campaigns/plan').set(auth()).send({ templateId: 'sishui-2023', startAt, schedule: { indicator: early } });
    expect(moved.status).toBe(200);
    expect(moved.body.warnings.filter((w: string) => w.includes('协办材料须在牵头单位汇总报送前提供'))).toEqual([expect.stringContaining(`早于「配合单位提供指标支撑材料」${contributions.dueLabel}`)]);
    expect(plain.body.warnings.filter((w: string) => w.includes('协办材料'))).toEqual([]);
  });
});
