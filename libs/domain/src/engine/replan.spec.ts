import { readFileSync } from 'fs';
import * as path from 'path';
import { loadBuiltInTemplates } from '@eco/templates';
import { WorkingCalendar, endOfLocalDay, localDate } from '../rules/working-calendar';
import type { CampaignTemplate } from '../template/template.schema';
import type { Actor, CampaignState, EngineEvent } from './campaign-state';
import { decide } from './commands';
import { createCampaign } from './create-campaign';
import { replanAfterCompletions, replanDependants } from './replan';
import { taskNotices } from './notices';
import { dateLabel, planSchedule } from './schedule';
import { WeekendCalendar } from './weekend-calendar';

const o = JSON.parse(readFileSync(path.resolve(__dirname, '../../../../deploy/calendar/provisional-2027.json'), 'utf8'));
const calendar = new WorkingCalendar({ override: { years: o.years, holidays: o.holidays, workdays: o.workdays } });
const START = Date.parse('2026-12-03T09:00:00+08:00');
const office: Actor = { id: 'o1', name: '办公室', roles: ['office'] };

let lixia: CampaignTemplate;
beforeAll(async () => {
  lixia = (await loadBuiltInTemplates()).find((t) => t.id === 'lixia-2021')!;
});

/** Lixia planned from START, taken over with mobilization done (implementation active). */
function campaign(overrides: Record<string, number> = {}): CampaignState {
  const plan = planSchedule(lixia, { startAt: START, overrides }, calendar);
  const schedule = Object.fromEntries(plan.milestones.map((m) => [m.key, m.dueAt]));
  const fixed = plan.milestones.filter((m) => m.fixed).map((m) => m.key);
  return createCampaign(lixia, { campaignId: 'rp', startAt: START, schedule, fixedMilestones: fixed, takeOver: { done: ['work-plan-issued', 'leadership-group', 'plan-started'] } }, START);
}

const ms = (s: CampaignState, key: string) => s.phases.flatMap((p) => p.milestones).find((m) => m.key === key)!;
const wd = (a: number, b: number) => calendar.workingDaysBetween(localDate(a), localDate(b));

function completeAt(s: CampaignState, key: string, at: number): EngineEvent[] {
  for (const t of s.tasks.filter((x) => x.milestoneKey === key)) {
    t.status = 'approved';
    t.completedAt = at;
  }
  const events: EngineEvent[] = [];
  replanAfterCompletions(s, at, calendar, events);
  return events;
}

describe('live re-plan: dependants are re-dated from the actual completion', () => {
  it('a step completed three working days late pushes its dependants by three working days, with audit entries', () => {
    const s = campaign();
    const draftDue = ms(s, 'plan-draft').dueAt;
    const before = { comments: ms(s, 'plan-comments').dueAt, review: ms(s, 'plan-review-draft').dueAt, naming: ms(s, 'naming').dueAt };
    const late = calendar.shiftInstantByWorkingDays(draftDue, 3) - 5 * 3600_000; // 3 working days late, in the afternoon
    const events = completeAt(s, 'plan-draft', late);
    expect(wd(before.comments, ms(s, 'plan-comments').dueAt)).toBe(3);
    expect(wd(before.review, ms(s, 'plan-review-draft').dueAt)).toBe(3);
    expect(wd(before.naming, ms(s, 'naming').dueAt)).toBe(3); // all the way down the chain, into pending phases
    const comments = s.tasks.filter((t) => t.milestoneKey === 'plan-comments');
    expect(comments.length).toBeGreaterThan(3);
    for (const t of comments) {
      expect(t.dueAt).toBe(ms(s, 'plan-comments').dueAt);
      expect(t.deadlineChanges.at(-1)).toMatchObject({ from: before.comments, cause: 'replan', by: 'system' });
      expect(t.reminders.from).toBe(late);
    }
    const first = events.find((e) => e.action === 'replanned' && e.detail?.milestone === 'plan-comments')!;
    expect(first.detail).toMatchObject({ from: before.comments, to: ms(s, 'plan-comments').dueAt });
    expect(first.reason).toContain('推迟3个工作日');
  });

  it('an early completion brings dependants forward; a date fixed by hand and a task moved by hand stay', () => {
    const base = campaign();
    const reviewFixed = endOfLocalDay(calendar.addWorkingDays(localDate(ms(base, 'plan-review-draft').dueAt), 2));
    const s = campaign({ 'plan-review-draft': reviewFixed });
    const commentsBefore = ms(s, 'plan-comments').dueAt;
    const handMoved = s.tasks.find((t) => t.milestoneKey === 'plan-comments')!;
    handMoved.deadlineChanges.push({ from: handMoved.dueAt, to: handMoved.dueAt + 86400000, by: 'o1', reason: '单位申请延期', at: START, cause: 'move' });
    handMoved.dueAt += 86400000;
    const early = calendar.shiftInstantByWorkingDays(ms(s, 'plan-draft').dueAt, -2);
    completeAt(s, 'plan-draft', early);
    expect(wd(commentsBefore, ms(s, 'plan-comments').dueAt)).toBe(-2);
    expect(ms(s, 'plan-review-draft').dueAt).toBe(reviewFixed);
    expect(handMoved.deadlineChanges.at(-1)?.cause).toBe('move');
  });

  describe('nothing is pulled into a phase not opened yet, nor before the start day (runs since replan-within-plan)', () => {
    const within = (s: CampaignState, key: string, at: number) => {
      for (const t of s.tasks.filter((x) => x.milestoneKey === key)) {
        t.status = 'approved';
        t.completedAt = at;
      }
      const events: EngineEvent[] = [];
      replanAfterCompletions(s, at, calendar, events, { withinPlan: true });
      return events;
    };

    it('an early completion still brings the open phase\'s steps forward, but no pending phase\'s step (申报迎查 keeps its dates)', () => {
      const s = campaign();
      const pending = s.phases.filter((p) => p.status === 'pending').flatMap((p) => p.milestones.map((m) => [m.key, m.dueAt] as const));
      expect(pending.length).toBeGreaterThan(0);
      const comments = ms(s, 'plan-comments').dueAt;
      within(s, 'plan-draft', calendar.shiftInstantByWorkingDays(ms(s, 'plan-draft').dueAt, -2));
      expect(wd(comments, ms(s, 'plan-comments').dueAt)).toBe(-2);
      expect(pending.map(([k]) => [k, ms(s, k).dueAt])).toEqual(pending);
      // runs recorded before pull them, as they were recorded
      const old = campaign();
      completeAt(old, 'plan-draft', calendar.shiftInstantByWorkingDays(ms(old, 'plan-draft').dueAt, -2));
      expect(wd(pending.find(([k]) => k === 'naming')![1], ms(old, 'naming').dueAt)).toBe(-2);
    });

    it('a step pulled before the start day is due at its end instead, and says so', () => {
      const s = campaign();
      const startDay = endOfLocalDay(localDate(START));
      const events = within(s, 'plan-draft', START - 60 * 86400000); // recorded as done two months before the start
      expect(ms(s, 'plan-comments').dueAt).toBe(startDay);
      expect(events.find((e) => e.detail?.milestone === 'plan-comments')?.reason).toContain('（不早于活动开始日期）');
      expect(s.phases.flatMap((p) => p.milestones).filter((m) => m.dueAt < startDay && m.completedAt === undefined)).toEqual([]);
    });
  });

  describe('a higher authority\'s step keeps its date against the county finishing early (runs since replan-keeps-external-dates)', () => {
    /** Sishui planned from START (its 预审 follows the application by working days: no date of its own). */
    const sishuiCampaign = (): CampaignState => {
      const plan = planSchedule(sishui, { startAt: START }, calendar);
      const schedule = Object.fromEntries(plan.milestones.map((m) => [m.key, m.dueAt]));
      return createCampaign(sishui, { campaignId: 'rp-sx', startAt: START, schedule, fixedMilestones: plan.milestones.filter((m) => m.fixed).map((m) => m.key) }, START);
    };
    const finish = (s: CampaignState, key: string, at: number, externalKept: boolean) => {
      ms(s, key).completedAt = at;
      replanDependants(s, [key], at, calendar, '测试', [], { externalKept });
    };
    let sishui: CampaignTemplate;
    beforeAll(async () => {
      sishui = (await loadBuiltInTemplates()).find((t) => t.id === 'sishui-2023')!;
    });
    it('the application sent five working days early pulls the province\'s 预审 earlier only in runs recorded before', () => {
      const kept = sishuiCampaign();
      expect(ms(kept, 'pre-review').plan).toMatchObject({ after: ['application'] });
      const before = ms(kept, 'pre-review').dueAt;
      const noticeBefore = ms(kept, 'public-notice').dueAt;
      const early = calendar.shiftInstantByWorkingDays(ms(kept, 'application').dueAt, -5);
      finish(kept, 'application', early, true);
      expect(ms(kept, 'pre-review').dueAt).toBe(before);
      expect(ms(kept, 'public-notice').dueAt).toBe(noticeBefore); // nor what follows it
      const legacy = sishuiCampaign();
      finish(legacy, 'application', early, false);
      expect(wd(before, ms(legacy, 'pre-review').dueAt)).toBe(-5);
    });
    it('sent late, it still moves the 预审 later (it cannot take place before)', () => {
      const s = sishuiCampaign();
      const before = ms(s, 'pre-review').dueAt;
      finish(s, 'application', calendar.shiftInstantByWorkingDays(ms(s, 'application').dueAt, 4), true);
      expect(wd(before, ms(s, 'pre-review').dueAt)).toBe(4);
    });
  });

  describe('a step that prepares for a higher authority\'s step keeps its date too (runs since replan-keeps-preparation-dates)', () => {
    // The walkthrough: Sishui planned from START (2026-12-03), taken over with everything before the application done;
    // the application (提报申报材料) approved on 2026-12-06, months before its date. 现场核查准备 follows it by 15 working
    // days and prepares for 现场核查 (which follows [现场核查准备, 公示]), which keeps its date.
    let sishui: CampaignTemplate;
    beforeAll(async () => {
      sishui = (await loadBuiltInTemplates()).find((t) => t.id === 'sishui-2023')!;
    });
    const takenOverLate = (): CampaignState => {
      const plan = planSchedule(sishui, { startAt: START }, calendar);
      const schedule = Object.fromEntries(plan.milestones.map((m) => [m.key, m.dueAt]));
      const done = sishui.phases.filter((p) => p.key !== 'application').flatMap((p) => p.milestones.map((m) => m.key));
      return createCampaign(sishui, { campaignId: 'rp-prep', startAt: START, schedule, fixedMilestones: plan.milestones.filter((m) => m.fixed).map((m) => m.key), takeOver: { done }, planRules: { takeoverOnTime: true } }, START);
    };
    const approveApplication = (s: CampaignState, at: number, opts: { externalKept: boolean; preparationKept: boolean }): EngineEvent[] => {
      for (const t of s.tasks.filter((x) => x.milestoneKey === 'application')) {
        t.status = 'approved';
        t.completedAt = at;
      }
      const events: EngineEvent[] = [];
      replanAfterCompletions(s, at, calendar, events, opts);
      return events;
    };
    const dues = (s: CampaignState) => new Map(s.phases.flatMap((p) => p.milestones).map((m) => [m.key, m.dueAt]));
    const SUNDAY = Date.parse('2026-12-06T10:00:00+08:00');

    it('the application approved months early: 现场核查准备 keeps its date, nothing is re-dated or told', () => {
      const s = takenOverLate();
      expect(ms(s, 'inspection-prep').plan).toMatchObject({ after: ['application'], workingDays: 15 });
      expect(ms(s, 'inspection').plan?.after).toEqual(['inspection-prep', 'public-notice']);
      expect(wd(SUNDAY, ms(s, 'application').dueAt)).toBeGreaterThan(40); // months early
      const planned = dues(s);
      const before = structuredClone(s);
      const events = approveApplication(s, SUNDAY, { externalKept: true, preparationKept: true });
      expect(ms(s, 'application').completedAt).toBe(SUNDAY);
      for (const [key, due] of planned) expect([key, ms(s, key).dueAt]).toEqual([key, due]);
      expect(events.filter((e) => e.action === 'replanned')).toEqual([]);
      const prep = s.tasks.filter((t) => t.milestoneKey === 'inspection-prep');
      expect(prep.length).toBeGreaterThan(0);
      for (const t of prep) expect([t.id, t.dueAt, t.deadlineChanges]).toEqual([t.id, planned.get('inspection-prep'), []]);
      // told it can be done now, on its own date (no 【期限调整】, no 「期限已调整」)
      const changed = s.tasks.filter((t, i) => JSON.stringify(t) !== JSON.stringify(before.tasks[i])).map((t) => t.id);
      const notices = taskNotices(before, s, changed, SUNDAY, { stageOrder: true });
      expect(notices.filter((n) => n.message.startsWith('【期限调整】'))).toEqual([]);
      const released = notices.filter((n) => prep.some((t) => t.id === n.taskId));
      expect(released.length).toBe(5); // the five units preparing the inspection
      for (const n of released) expect(n.message).toMatch(new RegExp(`^【可办理】「.+」的前序环节「提报申报材料」已完成，请于${dateLabel(localDate(planned.get('inspection-prep')!))}前报送。$`));
    });

    it('the application approved late: 现场核查准备 moves later by the working days it was late', () => {
      const s = takenOverLate();
      const planned = dues(s);
      const late = calendar.shiftInstantByWorkingDays(ms(s, 'application').dueAt, 4);
      const events = approveApplication(s, late, { externalKept: true, preparationKept: true });
      expect(wd(planned.get('inspection-prep')!, ms(s, 'inspection-prep').dueAt)).toBe(4);
      expect(wd(planned.get('pre-review')!, ms(s, 'pre-review').dueAt)).toBe(4);
      const e = events.find((x) => x.action === 'replanned' && x.detail?.milestone === 'inspection-prep')!;
      expect(String(e.reason)).toMatch(/^「提报申报材料」于.+完成（推迟4个工作日）：「现场核查准备」期限由/);
    });

    it('runs recorded before (no preparationKept) pull it earlier, as they were recorded', () => {
      const s = takenOverLate();
      const planned = dues(s);
      const days = wd(ms(s, 'application').dueAt, SUNDAY);
      const events = approveApplication(s, SUNDAY, { externalKept: true, preparationKept: false });
      expect(wd(planned.get('inspection-prep')!, ms(s, 'inspection-prep').dueAt)).toBe(days);
      expect(ms(s, 'inspection-prep').dueAt).toBeLessThan(planned.get('inspection-prep')!);
      expect(ms(s, 'pre-review').dueAt).toBe(planned.get('pre-review')); // the authority's own step kept, as before
      expect(ms(s, 'inspection').dueAt).toBe(planned.get('inspection'));
      expect(events.filter((e) => e.action === 'replanned').map((e) => e.detail?.milestone)).toEqual(['inspection-prep']);
    });

    it('a county step no higher authority follows still comes forward (形成规划研究报告 after 启动《规划》编制工作)', () => {
      const plan = planSchedule(sishui, { startAt: START }, calendar);
      const s = createCampaign(sishui, { campaignId: 'rp-prep2', startAt: START, schedule: Object.fromEntries(plan.milestones.map((m) => [m.key, m.dueAt])), fixedMilestones: [] }, START);
      const before = ms(s, 'plan-draft').dueAt;
      ms(s, 'plan-started').completedAt = calendar.shiftInstantByWorkingDays(ms(s, 'plan-started').dueAt, -3);
      replanDependants(s, ['plan-started'], START, calendar, '测试', [], { externalKept: true, preparationKept: true });
      expect(wd(before, ms(s, 'plan-draft').dueAt)).toBe(-3);
    });

    it('the application itself still comes forward when what it follows is done early (a county ready early applies early); 预审 keeps its date', () => {
      const plan = planSchedule(sishui, { startAt: START }, calendar);
      const s = createCampaign(sishui, { campaignId: 'rp-prep3', startAt: START, schedule: Object.fromEntries(plan.milestones.map((m) => [m.key, m.dueAt])), fixedMilestones: [] }, START);
      const [application, preReview, prep] = ['application', 'pre-review', 'inspection-prep'].map((k) => ms(s, k).dueAt);
      for (const k of ['plan-promulgation', 'indicator', 'materials', 'key-projects']) ms(s, k).completedAt = calendar.shiftInstantByWorkingDays(ms(s, k).dueAt, -4);
      replanDependants(s, ['plan-promulgation', 'indicator', 'materials', 'key-projects'], START, calendar, '测试', [], { externalKept: true, preparationKept: true });
      expect(wd(application, ms(s, 'application').dueAt)).toBe(-4);
      expect([ms(s, 'pre-review').dueAt, ms(s, 'inspection-prep').dueAt]).toEqual([preReview, prep]);
    });
  });

  it('in the seed templates it keeps only the steps a higher authority\'s step follows (and, through them, nothing else)', async () => {
    // For each seed template planned from START and each of its steps finished three working days early: the dates that
    // differ with the rule on and off. Only the steps that prepare for an external one (as listed) ever differ.
    const differs: Record<string, string[]> = {};
    for (const t of await loadBuiltInTemplates()) {
      const plan = planSchedule(t, { startAt: START }, calendar);
      const fresh = () => createCampaign(t, { campaignId: 'rp-seed', startAt: START, schedule: Object.fromEntries(plan.milestones.map((m) => [m.key, m.dueAt])), fixedMilestones: plan.milestones.filter((m) => m.fixed).map((m) => m.key) }, START);
      const keys = new Set<string>();
      for (const m of fresh().phases.flatMap((p) => p.milestones)) {
        const [on, off] = [true, false].map((preparationKept) => {
          const s = fresh();
          ms(s, m.key).completedAt = calendar.shiftInstantByWorkingDays(m.dueAt, -3);
          replanDependants(s, [m.key], START, calendar, '测试', [], { externalKept: true, preparationKept });
          return s;
        });
        for (const x of on.phases.flatMap((p) => p.milestones)) if (x.dueAt !== ms(off, x.key).dueAt) keys.add(x.key);
      }
      differs[t.id] = [...keys].sort();
    }
    expect(differs).toEqual({
      'jiyang-2021': [], // 落实重点任务 follows only the start: nothing re-dates it
      // the application itself still comes forward (a county ready early applies early): only what prepares for an
      // authority's visit or review keeps its date
      'lixia-2021': ['inspection-prep', 'platform-fill'],
      'shinan-2024': [],
      'sishui-2023': ['inspection-prep'],
      'yanzhou-2023': ['indicator', 'inspection-prep', 'materials'],
    });
  });
  describe('a step whose date the higher authority sets keeps it too (runs since replan-keeps-higher-authority-dates)', () => {
    // The walkthrough: Sishui, 创建实施 running; the office approves the plan's steps early. 《规划》专家评审 is marked
    // followsHigherAuthority (「按照省生态环境厅安排部署」; the preview calls its date an estimate) — it was pulled from
    // 2027-01-29 to 2026-12-14 and the phase's end from 03-11 to 01-26.
    let sishui: CampaignTemplate;
    beforeAll(async () => {
      sishui = (await loadBuiltInTemplates()).find((t) => t.id === 'sishui-2023')!;
    });
    const implementationRunning = (): CampaignState => {
      const plan = planSchedule(sishui, { startAt: START }, calendar);
      const done = sishui.phases[0].milestones.map((m) => m.key);
      return createCampaign(sishui, { campaignId: 'rp-fha', startAt: START, schedule: Object.fromEntries(plan.milestones.map((m) => [m.key, m.dueAt])), fixedMilestones: plan.milestones.filter((m) => m.fixed).map((m) => m.key), takeOver: { done }, planRules: { takeoverOnTime: true } }, START);
    };
    const approve = (s: CampaignState, key: string, at: number, higherAuthorityKept: boolean): EngineEvent[] => {
      for (const t of s.tasks.filter((x) => x.milestoneKey === key)) {
        t.status = 'approved';
        t.completedAt = at;
      }
      const events: EngineEvent[] = [];
      replanAfterCompletions(s, at, calendar, events, { externalKept: true, preparationKept: true, higherAuthorityKept });
      return events;
    };
    const dues = (s: CampaignState) => new Map(s.phases.flatMap((p) => p.milestones).map((m) => [m.key, m.dueAt]));
    /** 形成规划研究报告 then 各有关部门对《规划》提出意见 and 修改形成《规划》（评审稿） approved, each 10 working days early. */
    const planStepsEarly = (s: CampaignState, on: boolean): EngineEvent[] =>
      ['plan-draft', 'plan-comments', 'plan-review-draft'].flatMap((key) => approve(s, key, calendar.shiftInstantByWorkingDays(ms(s, key).dueAt, -10), on));

    it('the plan\'s steps approved early: 专家评审 and what follows only it keep their dates, and so does the phase\'s end', () => {
      const s = implementationRunning();
      expect(ms(s, 'plan-expert-review')).toMatchObject({ followsHigherAuthority: true, plan: { after: ['plan-review-draft'] } });
      const planned = dues(s);
      const end = s.phases[1].dueAt;
      const events = planStepsEarly(s, true);
      for (const key of ['plan-expert-review', 'plan-approval-draft', 'plan-promulgation']) expect([key, ms(s, key).dueAt]).toEqual([key, planned.get(key)]);
      expect(s.phases[1].dueAt).toBe(end);
      // the county's own steps after the draft still come forward (each finished early pulls the next)
      expect(ms(s, 'plan-comments').dueAt).toBeLessThan(planned.get('plan-comments')!);
      expect(ms(s, 'plan-review-draft').dueAt).toBeLessThan(planned.get('plan-review-draft')!);
      expect([...new Set(events.filter((e) => e.action === 'replanned').map((e) => e.detail?.milestone))].sort()).toEqual(['plan-comments', 'plan-review-draft']);
    });

    it('runs recorded before pull them earlier, as they were recorded', () => {
      const s = implementationRunning();
      const planned = dues(s);
      planStepsEarly(s, false);
      expect(ms(s, 'plan-expert-review').dueAt).toBeLessThan(planned.get('plan-expert-review')!);
      expect(s.phases[1].dueAt).toBeLessThan(planned.get('plan-promulgation')!);
    });

    it('the review draft approved late still moves 专家评审 (and what follows it) later', () => {
      const s = implementationRunning();
      const planned = dues(s);
      approve(s, 'plan-review-draft', calendar.shiftInstantByWorkingDays(ms(s, 'plan-review-draft').dueAt, 3), true);
      expect(wd(planned.get('plan-expert-review')!, ms(s, 'plan-expert-review').dueAt)).toBe(3);
      expect(wd(planned.get('plan-promulgation')!, ms(s, 'plan-promulgation').dueAt)).toBe(3);
    });

    it('in the seed templates it keeps exactly the flagged steps (but the application) and what follows only them', async () => {
      // For each seed template planned from START and each of its steps finished three working days early: the dates
      // that differ with the rule on and off (the external and preparation rules on in both).
      const differs: Record<string, string[]> = {};
      for (const t of await loadBuiltInTemplates()) {
        const plan = planSchedule(t, { startAt: START }, calendar);
        const fresh = () => createCampaign(t, { campaignId: 'rp-seed', startAt: START, schedule: Object.fromEntries(plan.milestones.map((m) => [m.key, m.dueAt])), fixedMilestones: plan.milestones.filter((m) => m.fixed).map((m) => m.key) }, START);
        const keys = new Set<string>();
        for (const m of fresh().phases.flatMap((p) => p.milestones)) {
          const [on, off] = [true, false].map((higherAuthorityKept) => {
            const s = fresh();
            ms(s, m.key).completedAt = calendar.shiftInstantByWorkingDays(m.dueAt, -3);
            replanDependants(s, [m.key], START, calendar, '测试', [], { externalKept: true, preparationKept: true, higherAuthorityKept });
            return s;
          });
          for (const x of on.phases.flatMap((p) => p.milestones)) if (x.dueAt !== ms(off, x.key).dueAt) keys.add(x.key);
        }
        differs[t.id] = [...keys].sort();
      }
      expect(differs).toEqual({
        'jiyang-2021': [], // its one flagged step (复核) is the ministry's own: kept already
        'lixia-2021': ['naming'], // 生态环境部命名 no longer comes forward with 完备材料 finished early
        'shinan-2024': ['naming', 'supplement'], // 查漏补缺 is set by the province's review (flagged), 命名 by the ministry
        // 专家评审 (按照省生态环境厅安排部署) and what follows it: 报批稿, 颁布实施 — and through them the application (it
        // follows 颁布实施, which no longer comes forward with the plan's earlier steps; it is not kept by this rule itself)
        'sishui-2023': ['application', 'plan-approval-draft', 'plan-expert-review', 'plan-promulgation'],
        // the Yanzhou plan marks every step as following the higher level's schedule (its indicator and materials were
        // kept by the preparation rule already)
        'yanzhou-2023': ['indicator-contribution', 'naming', 'supplement', 'unit-contacts'],
      });
    });
  });

  describe('a step finished on a non-working day counts as the working day before it', () => {
    // 2026-12-19 is a Saturday, 12-21 a Monday. plan-comments follows plan-draft by two working days.
    const sat = Date.parse('2026-12-19T10:00:00+08:00');
    const day = (d: string) => endOfLocalDay(d);

    it('finished on Saturday before a Monday deadline: on time (按期), nothing moves', () => {
      const s = campaign({ 'plan-draft': day('2026-12-21') });
      expect(localDate(ms(s, 'plan-comments').dueAt)).toBe('2026-12-23');
      const events = completeAt(s, 'plan-draft', sat);
      expect(localDate(ms(s, 'plan-comments').dueAt)).toBe('2026-12-23');
      expect(events.filter((e) => e.action === 'replanned')).toEqual([]);
      expect(s.tasks.filter((t) => t.milestoneKey === 'plan-comments').every((t) => t.deadlineChanges.length === 0)).toBe(true);
    });

    it('finished on Saturday before a Tuesday deadline: one working day early, dependants one working day earlier', () => {
      const s = campaign({ 'plan-draft': day('2026-12-22') });
      expect(localDate(ms(s, 'plan-comments').dueAt)).toBe('2026-12-24');
      const events = completeAt(s, 'plan-draft', sat);
      expect(localDate(ms(s, 'plan-comments').dueAt)).toBe('2026-12-23');
      expect(events.find((e) => e.action === 'replanned' && e.detail?.milestone === 'plan-comments')?.reason).toContain('提前1个工作日');
    });

    it('campaigns running before this rule (fromInstant) keep counting from the Saturday itself', () => {
      const s = campaign({ 'plan-draft': day('2026-12-21') });
      for (const t of s.tasks.filter((x) => x.milestoneKey === 'plan-draft')) Object.assign(t, { status: 'approved', completedAt: sat });
      replanAfterCompletions(s, sat, calendar, [], { fromInstant: true });
      expect(localDate(ms(s, 'plan-comments').dueAt)).toBe('2026-12-22');
    });
  });

  it('moving a phase (shiftByWorkingDays) re-dates the phases that follow it, and answers with warnings', () => {
    const s = campaign();
    const appBefore = ms(s, 'application').dueAt;
    const r = decide(s, { type: 'moveDeadlines', phase: 'implementation', shiftByWorkingDays: 5, reason: '省厅调整时间节点' }, office, START + 3600_000, { calendar, replan: true, deadlineLanguage: true });
    if (!r.ok) throw new Error(r.reason);
    expect(wd(appBefore, ms(r.state, 'application').dueAt)).toBe(5);
    expect(r.events.filter((e) => e.action === 'replanned').map((e) => e.detail?.milestone)).toEqual(expect.arrayContaining(['application', 'pre-review', 'naming']));
    expect(ms(r.state, 'plan-draft').plan?.fixed).toBe(true);
  });

  it('the office moving a phase EARLIER re-dates the phases that follow it too, also in runs since replan-within-plan', () => {
    for (const replanWithinPlan of [false, true]) {
      const s = campaign();
      const appBefore = ms(s, 'application').dueAt;
      const r = decide(s, { type: 'moveDeadlines', phase: 'implementation', shiftByWorkingDays: -3, reason: '省厅要求提前' }, office, START + 3600_000, { calendar, replan: true, deadlineLanguage: true, replanWithinPlan });
      if (!r.ok) throw new Error(r.reason);
      expect([replanWithinPlan, wd(appBefore, ms(r.state, 'application').dueAt)]).toEqual([replanWithinPlan, -3]);
    }
  });

  it('moving one task re-dates the steps that follow it, and its answer says which (调整期限 warned of nothing)', () => {
    const s = campaign();
    const task = s.tasks.find((t) => t.milestoneKey === 'plan-draft')!;
    const r = decide(s, { type: 'moveDeadlines', taskIds: [task.id], shiftByWorkingDays: 3, reason: '起草单位调整' }, office, START + 3600_000, { calendar, replan: true, deadlineLanguage: true });
    if (!r.ok) throw new Error(r.reason);
    const keys = [...new Set(r.events.filter((e) => e.action === 'replanned').map((e) => e.detail!.milestone as string))];
    expect(keys.length).toBeGreaterThan(3);
    const name = (k: string) => r.state.phases.flatMap((p) => p.milestones).find((m) => m.key === k)!.name;
    const move = r.events.find((e) => e.action === 'moveDeadlines')!;
    expect(move.detail!.warnings).toEqual([`后续${keys.length}个节点的期限随之调整：${keys.slice(0, 3).map((k) => `「${name(k)}」`).join('、')}等（详见审计记录）`]);
    // the move first, then what it re-dated (the audit reads in that order)
    expect(r.events.indexOf(move)).toBeLessThan(r.events.findIndex((e) => e.action === 'replanned'));
    // a move that re-dates nothing says nothing of it
    const followed = new Set(s.phases.flatMap((p) => p.milestones).flatMap((m) => m.plan?.after ?? []));
    const leaf = s.tasks.find((t) => t.milestoneKey && !followed.has(t.milestoneKey) && ['open', 'returned'].includes(t.status))!;
    const alone = decide(s, { type: 'moveDeadlines', taskIds: [leaf.id], shiftByWorkingDays: 1, reason: 'x' }, office, START + 3600_000, { calendar, replan: true, deadlineLanguage: true });
    if (!alone.ok) throw new Error(alone.reason);
    expect(alone.events.filter((e) => e.action === 'replanned')).toEqual([]);
    expect(alone.events.find((e) => e.action === 'moveDeadlines')!.detail!.warnings).toEqual([]);
  });

  it('moving the active phase records, for each affected task, its old and new due date with the cause', () => {
    const s = campaign();
    const live = s.tasks.filter((t) => t.phase === 'implementation' && ['open', 'returned', 'submitted'].includes(t.status));
    expect(live.length).toBeGreaterThan(3);
    const r = decide(s, { type: 'moveDeadlines', phase: 'implementation', shiftByWorkingDays: 5, reason: '省厅调整时间节点' }, office, START + 3600_000, { calendar, replan: true, deadlineLanguage: true });
    if (!r.ok) throw new Error(r.reason);
    const move = r.events.find((e) => e.action === 'moveDeadlines')!;
    expect(move).toMatchObject({ reason: '省厅调整时间节点', actorId: 'o1', detail: { phase: 'implementation', cause: 'phase-move', tasksMoved: live.length } });
    const moved = move.detail!.moved as { id: string; from: number; to: number }[];
    expect(moved.map((m) => m.id).sort()).toEqual(live.map((t) => t.id).sort());
    for (const m of moved) {
      const before = live.find((t) => t.id === m.id)!;
      const after = r.state.tasks.find((t) => t.id === m.id)!;
      expect(m).toEqual({ id: m.id, from: before.dueAt, to: after.dueAt });
      expect(wd(m.from, m.to)).toBe(5);
      expect(after.deadlineChanges.at(-1)).toMatchObject({ from: m.from, to: m.to, cause: 'phase-move', reason: '省厅调整时间节点' });
    }
  });

  it('refuses a move into the past or more than three years ahead without a force reason', () => {
    const s = campaign();
    const past = decide(s, { type: 'moveDeadlines', phase: 'implementation', dueAt: START - 1000, reason: 'x' }, office, START + 1000, { calendar, deadlineLanguage: true });
    expect(past).toMatchObject({ ok: false, code: 'invalid' });
    const far = { type: 'moveDeadlines', phase: 'implementation', shiftBy: 'P4Y', reason: '复核推迟' };
    // (years past the holiday data count weekends only, as the workflow's calendar does)
    const weekends = new WeekendCalendar();
    const refused = decide(s, far, office, START + 1000, { calendar: weekends, deadlineLanguage: true });
    expect(refused).toMatchObject({ ok: false, code: 'invalid' });
    expect(refused.ok ? '' : refused.reason).toContain('超过三年');
    expect(decide(s, { ...far, force: '生态环境部通知推迟' }, office, START + 1000, { calendar: weekends, deadlineLanguage: true }).ok).toBe(true);
  });

  it('refuses, even with a force reason, a move more than ten years ahead (the steps after it would pass the year 9999)', () => {
    const s = campaign();
    const weekends = new WeekendCalendar(); // the workflow's fallback past the holiday data
    for (const move of [{ shiftBy: 'P11Y' }, { dueDate: '9999-12-31' }, { shiftBy: 'P7000Y' }]) {
      const r = decide(s, { type: 'moveDeadlines', phase: 'implementation', ...move, reason: '复核推迟', force: '上级通知' }, office, START + 1000, { calendar: weekends, replan: true, deadlineLanguage: true });
      expect([move, r]).toEqual([move, expect.objectContaining({ ok: false, code: 'invalid', reason: expect.stringContaining('超过十年') })]);
    }
    expect(decide(s, { type: 'moveDeadlines', phase: 'implementation', shiftBy: 'P9Y', reason: '复核推迟', force: '上级通知' }, office, START + 1000, { calendar: weekends, replan: true, deadlineLanguage: true }).ok).toBe(true);
  });
});

describe('taken over in progress (接管): the steps ticked as done keep the plan', () => {
  const DONE = ['work-plan-issued', 'leadership-group', 'plan-started'];
  /** Lixia planned from START and taken over two months later with mobilization done: its steps' dates are long past. */
  function takenOver(takeoverOnTime: boolean): { s: CampaignState; now: number; planned: Map<string, number> } {
    // As the API starts it: the plan's own dates from the start (only dates set by hand are fixed).
    const plan = planSchedule(lixia, { startAt: START }, calendar);
    const schedule = Object.fromEntries(plan.milestones.map((m) => [m.key, m.dueAt]));
    const fixed = plan.milestones.filter((m) => m.fixed).map((m) => m.key);
    const now = START + 60 * 24 * 3600_000;
    const s = createCampaign(lixia, { campaignId: 'tk', startAt: START, schedule, fixedMilestones: fixed, takeOver: { done: DONE }, planRules: { takeoverOnTime } }, now);
    return { s, now, planned: new Map(s.phases.flatMap((p) => p.milestones).map((m) => [m.key, m.dueAt])) };
  }

  it('the first re-plan moves nothing: the ticked steps were done before, on their plan', () => {
    const { s, now, planned } = takenOver(true);
    const events: EngineEvent[] = [];
    replanAfterCompletions(s, now, calendar, events);
    expect(events.filter((e) => e.action === 'replanned')).toEqual([]);
    for (const m of s.phases.flatMap((p) => p.milestones)) expect([m.key, m.dueAt]).toEqual([m.key, planned.get(m.key)]);
    expect(s.tasks.filter((t) => t.deadlineChanges.length)).toEqual([]);
  });

  it('campaigns started before (no takeoverOnTime) replay as they were: the take-over counted as a late completion', () => {
    const { s, now } = takenOver(false);
    const events: EngineEvent[] = [];
    replanAfterCompletions(s, now, calendar, events);
    expect(events.filter((e) => e.action === 'replanned').length).toBeGreaterThan(0);
    expect(String(events.find((e) => e.action === 'replanned')!.reason)).toMatch(/推迟\d+个工作日/);
  });
});

describe('a re-plan is told to the people of the moved tasks', () => {
  /** plan-draft completed two working days early; the state before and after, and the tasks that changed. */
  function earlyDraft() {
    const before = campaign();
    const after = structuredClone(before);
    const early = calendar.shiftInstantByWorkingDays(ms(after, 'plan-draft').dueAt, -2);
    completeAt(after, 'plan-draft', early);
    const changed = after.tasks.filter((t, i) => JSON.stringify(t) !== JSON.stringify(before.tasks[i])).map((t) => t.id);
    return { before, after, early, changed };
  }

  it('a live task whose date moved is told its old and new date and why (【期限调整】), not left to find it', () => {
    const { before, after, early, changed } = earlyDraft();
    const notices = taskNotices(before, after, changed, early);
    const comments = after.tasks.filter((t) => t.milestoneKey === 'plan-comments' && t.unitId);
    expect(comments.length).toBeGreaterThan(0);
    for (const t of comments) {
      const n = notices.find((x) => x.taskId === t.id)!;
      expect(n.message).toBe(
        `【期限调整】「${t.title}」的截止日期由${dateLabel(localDate(t.deadlineChanges[0].from))}调整为${dateLabel(localDate(t.dueAt))}（原因：${t.deadlineChanges[0].reason}），请于${dateLabel(localDate(t.dueAt))}前报送。`,
      );
      expect(n.message).toContain('提前2个工作日');
    }
  });

  it('a task held back until now (待前序环节) is told it can be done, with the date the plan gave it first (【可办理】)', () => {
    const { before, after, early, changed } = earlyDraft();
    const notices = taskNotices(before, after, changed, early, { stageOrder: true });
    const t = after.tasks.find((x) => x.milestoneKey === 'plan-comments' && x.unitId)!;
    const n = notices.find((x) => x.taskId === t.id)!;
    expect(n.message).toBe(`【可办理】「${t.title}」的前序环节「${ms(after, 'plan-draft').name}」已完成，请于${dateLabel(localDate(t.dueAt))}前报送（原定${dateLabel(localDate(t.deadlineChanges[0].from))}，期限已调整）。`);
  });
});

describe('a cancelled step is not a completion: 结束阶段 pulls nothing earlier (runs since cancel-not-completion)', () => {
  // Sishui planned from START (2026-12-03): 结束阶段 of 动员部署 cancels 启动《规划》编制工作 weeks before its date.
  let sishui: CampaignTemplate;
  beforeAll(async () => {
    sishui = (await loadBuiltInTemplates()).find((t) => t.id === 'sishui-2023')!;
  });
  const sishuiCampaign = (): CampaignState => {
    const plan = planSchedule(sishui, { startAt: START }, calendar);
    const schedule = Object.fromEntries(plan.milestones.map((m) => [m.key, m.dueAt]));
    return createCampaign(sishui, { campaignId: 'rp-close', startAt: START, schedule, fixedMilestones: plan.milestones.filter((m) => m.fixed).map((m) => m.key) }, START);
  };
  const dues = (s: CampaignState) => new Map(s.phases.flatMap((p) => p.milestones).map((m) => [m.key, m.dueAt]));
  const closeAt = (s: CampaignState, at: number, replanCancelNotCompletion: boolean) => {
    const r = decide(s, { type: 'closePhase', phase: 'mobilization', reason: '按市局要求提前进入创建实施阶段' }, office, at, { calendar, replan: true, replanCancelNotCompletion });
    if (!r.ok) throw new Error(r.reason);
    return r;
  };
  const SUNDAY = Date.parse('2026-12-06T10:00:00+08:00');

  it('cancelled before its date: its dependants keep their planned dates and nothing says 完成 or 提前', () => {
    const s = sishuiCampaign();
    expect(ms(s, 'plan-draft').plan?.after).toContain('plan-started');
    expect(wd(SUNDAY, ms(s, 'plan-started').dueAt)).toBeGreaterThan(5); // well before its date
    const planned = dues(s);
    const r = closeAt(s, SUNDAY, true);
    expect(r.state.tasks.find((t) => t.milestoneKey === 'plan-started')?.status).toBe('cancelled');
    for (const key of ['plan-draft', 'plan-comments', 'plan-expert-review', 'application']) expect([key, ms(r.state, key).dueAt]).toEqual([key, planned.get(key)]);
    const replanned = r.events.filter((e) => e.action === 'replanned');
    expect(replanned.filter((e) => /plan-/.test(String(e.detail?.milestone)))).toEqual([]);
    for (const e of replanned) expect(String(e.reason)).not.toMatch(/提前\d+个工作日/);
    for (const t of r.state.tasks) for (const c of t.deadlineChanges) expect(c.reason).not.toContain('启动《规划》编制工作」于');
  });

  it('runs recorded before still count the cancellation as an early completion (as they were recorded)', () => {
    const s = sishuiCampaign();
    const planned = dues(s);
    const r = closeAt(s, SUNDAY, false);
    expect(ms(r.state, 'plan-draft').dueAt).toBeLessThan(planned.get('plan-draft')!);
    expect(r.events.some((e) => e.action === 'replanned' && /「启动《规划》编制工作」于.*完成（提前\d+个工作日）/.test(String(e.reason)))).toBe(true);
  });

  it('cancelled after its date: its dependants move later by the days it was late (stage order held them), said 取消', () => {
    const s = sishuiCampaign();
    const planned = dues(s);
    const late = calendar.shiftInstantByWorkingDays(ms(s, 'plan-started').dueAt, 3);
    const r = closeAt(s, late, true);
    expect(wd(planned.get('plan-draft')!, ms(r.state, 'plan-draft').dueAt)).toBe(3);
    const e = r.events.find((x) => x.action === 'replanned' && x.detail?.milestone === 'plan-draft')!;
    expect(String(e.reason)).toMatch(/^「启动《规划》编制工作」逾期3个工作日后于.+取消：「形成规划研究报告、规划文本和图集」期限由/);
    expect(String(e.reason)).not.toContain('完成');
  });
});

describe('a phase moved later holds the later phases\' steps after its new end (runs since later-phases-after-moved-phase)', () => {
  // Sishui planned from Monday 2026-12-07 (walkthrough): 动员部署 ends 12-23 with 启动《规划》编制工作; 各责任单位确定1名分管
  // 责任人及1名联络员 (创建实施) is due the same 12-23, 12 working days after 制定印发创建工作方案 — already done.
  const MONDAY = Date.parse('2026-12-07T09:00:00+08:00');
  let sishui: CampaignTemplate;
  beforeAll(async () => {
    sishui = (await loadBuiltInTemplates()).find((t) => t.id === 'sishui-2023')!;
  });
  const issued = (): CampaignState => {
    const plan = planSchedule(sishui, { startAt: MONDAY }, calendar);
    const s = createCampaign(sishui, { campaignId: 'rp-order', startAt: MONDAY, schedule: Object.fromEntries(plan.milestones.map((m) => [m.key, m.dueAt])), fixedMilestones: [] }, MONDAY);
    completeAt(s, 'work-plan-issued', MONDAY + 3600_000); // the office issued the plan on its day
    return s;
  };
  const move = (s: CampaignState, laterPhasesAfterMoved: boolean, c: Record<string, unknown> = { phase: 'mobilization', shiftByWorkingDays: 3 }) => {
    const r = decide(s, { type: 'moveDeadlines', reason: '市局调整动员部署时间', ...c } as never, office, MONDAY + 2 * 3600_000, { calendar, replan: true, deadlineLanguage: true, laterPhasesAfterMoved });
    if (!r.ok) throw new Error(r.reason);
    return r;
  };

  it('调整期限 of 动员部署 by +3 working days (12-23 → 12-28): 各责任单位确定…联络员 moves to 12-28 too, told why; before, it stayed on 12-23', () => {
    const s = issued();
    expect([localDate(ms(s, 'plan-started').dueAt), localDate(ms(s, 'unit-contacts').dueAt)]).toEqual(['2026-12-23', '2026-12-23']);
    // runs recorded before: the walkthrough's defect (what it follows was done, so nothing it follows moved)
    const old = move(s, false);
    expect(localDate(old.state.phases[0].dueAt)).toBe('2026-12-28');
    expect(localDate(ms(old.state, 'unit-contacts').dueAt)).toBe('2026-12-23');

    const r = move(s, true);
    const end = r.state.phases[0].dueAt;
    expect(localDate(end)).toBe('2026-12-28');
    expect(ms(r.state, 'unit-contacts').dueAt).toBe(end);
    for (const m of r.state.phases.slice(1).flatMap((p) => p.milestones)) expect([m.key, m.dueAt >= end]).toEqual([m.key, true]);
    const e = r.events.find((x) => x.action === 'replanned' && x.detail?.milestone === 'unit-contacts')!;
    expect(e.reason).toBe('办公室调整期限（市局调整动员部署时间）：「各责任单位确定1名分管责任人及1名联络员」期限由2026年12月23日（周三）调整为2026年12月28日（周一）（不早于「动员部署阶段」调整后的结束日期：后续阶段在其结束后开始）');
    // the answer counts it among the steps that followed the move (walkthrough: 12); nothing else changed from before
    const warned = (x: typeof r) => (x.events.find((e) => e.action === 'moveDeadlines')!.detail!.warnings as string[]).join();
    expect(warned(old)).toMatch(/^后续12个节点的期限随之调整/);
    expect(warned(r)).toMatch(/^后续13个节点的期限随之调整/);
    const others = (st: CampaignState) => st.phases.flatMap((p) => p.milestones).filter((m) => m.key !== 'unit-contacts').map((m) => [m.key, m.dueAt]);
    expect(others(r.state)).toEqual(others(old.state));
  });

  it('a move that ends no phase later, or a step already due after the new end, moves nothing more; a date fixed by hand stays and is reported', () => {
    const s = issued();
    const earlier = move(s, true, { phase: 'mobilization', shiftByWorkingDays: -1 });
    expect(earlier.events.filter((e) => e.action === 'replanned' && e.detail?.milestone === 'unit-contacts')).toEqual([]);
    const fixed = issued();
    ms(fixed, 'unit-contacts').plan!.fixed = true; // e.g. a date the office set when starting
    const r = move(fixed, true);
    expect(localDate(ms(r.state, 'unit-contacts').dueAt)).toBe('2026-12-23');
    expect(r.events.find((x) => x.action === 'moveDeadlines')!.detail!.warnings).toContain('「各责任单位确定1名分管责任人及1名联络员」为固定期限，早于「动员部署阶段」调整后的结束日期2026年12月28日（周一），未随之调整，请核实');
  });

  it('moving the task that ends the phase (启动《规划》编制工作, one task) holds the later phase too', () => {
    const s = issued();
    const task = s.tasks.find((t) => t.milestoneKey === 'plan-started')!;
    const r = move(s, true, { taskIds: [task.id], shiftByWorkingDays: 2 });
    expect(localDate(r.state.phases[0].dueAt)).toBe('2026-12-25');
    expect(localDate(ms(r.state, 'unit-contacts').dueAt)).toBe('2026-12-25');
  });
});
