import { existsSync, readdirSync, readFileSync } from 'fs';
import * as path from 'path';
import { responsibleUnits } from '../rules/responsibility';
import { WorkingCalendar } from '../rules/working-calendar';
import { CampaignTemplateSchema } from '../template/template.schema';
import { CampaignInputError, createCampaign, createCampaignWithEvents } from './create-campaign';
import { DAY, at, driveToEnd, endOf, smallTemplate, task } from '../../../../test/fixtures/engine-fixtures';
import { campaignView, progress } from './views';

const NOW = at('2024-03-01T09:00:00');

describe('createCampaign: small template', () => {
  const tpl = smallTemplate();

  it('activates only the first phase and creates its tasks', () => {
    const s = createCampaign(tpl, { campaignId: 'c1' }, NOW);
    expect(s.status).toBe('active');
    expect(s.currentPhase).toBe('mobilization');
    expect(s.phases.map((p) => p.status)).toEqual(['active', 'pending', 'pending']);
    expect(s.tasks.map((t) => t.id)).toEqual(['work-plan-issued:plan-issued', 'unit-contacts:u-a', 'unit-contacts:u-b', 'unit-contacts:u-c']);
    expect(s.tasks.every((t) => t.phase === 'mobilization' && t.status === 'open')).toBe(true);
    const issued = task(s, 'work-plan-issued:plan-issued');
    expect(issued.owner).toBe('office');
    expect(issued.unitId).toBe('ob');
    expect(issued.chain.map((c) => c.assignees)).toEqual([['role:office'], ['role:leader']]);
    expect(task(s, 'unit-contacts:u-b').title).toBe('确定分管责任人和联络员（统计局）');
  });

  it('places dated milestones at the end of the local day and phase dueAt at the latest milestone', () => {
    const s = createCampaign(tpl, { campaignId: 'c1' }, NOW);
    expect(task(s, 'unit-contacts:u-a').dueAt).toBe(endOf('2024-03-08'));
    expect(s.phases[1].dueAt).toBe(endOf('2024-03-29'));
    expect(s.phases[2].dueAt).toBe(endOf('2024-04-26'));
  });

  it('computes offsets exactly from startAt and applies schedule overrides', () => {
    const t = smallTemplate((x) => {
      x.phases[0].milestones[1].due = { offset: 'PT5S', text: '5秒内' };
      x.phases[1].milestones[0].due = { offset: 'P2DT1H', text: '两天后' };
    });
    const startAt = NOW + 1000;
    const s = createCampaign(t, { campaignId: 'c2', startAt, schedule: { 'plan-issued': NOW + 60_000 } }, NOW);
    expect(task(s, 'unit-contacts:u-a').dueAt).toBe(startAt + 5000);
    expect(task(s, 'work-plan-issued:plan-issued').dueAt).toBe(NOW + 60_000);
    expect(s.phases[1].milestones[0].dueAt).toBe(startAt + 2 * DAY + 3600_000);
    expect(s.phases[0].dueAt).toBe(NOW + 60_000);
  });

  it('rejects unknown schedule keys and bad reminder durations', () => {
    expect(() => createCampaign(tpl, { campaignId: 'c', schedule: { nope: NOW } }, NOW)).toThrow(CampaignInputError);
    expect(() => createCampaign(tpl, { campaignId: 'c', reminderPolicy: { before: ['P1M'] } }, NOW)).toThrow(/P1M/);
    expect(() => createCampaign(tpl, { campaignId: 'c', reminderPolicy: { overdueEvery: 'PT0S' } }, NOW)).toThrow(/positive/);
  });

  it('fans out the indicator milestone: indicators, contributions, certificates, vetoes', () => {
    const s0 = createCampaign(tpl, { campaignId: 'c1' }, NOW);
    const s = driveToEnd(s0, NOW, 12).state; // finish mobilization only
    expect(s.currentPhase).toBe('implementation');
    const impl = s.tasks.filter((t) => t.phase === 'implementation').map((t) => t.id);
    expect(impl).toEqual([
      'indicator:1',
      'indicator:2',
      'indicator:3',
      'indicator-contribution:1:u-b',
      'indicator-contribution:2:jd',
      'certificate:C1',
      'veto-attestation:23.1',
      'plan-comments:u-a',
      'plan-comments:u-b',
      'plan-expert-review:expert-review',
    ]);
    const contrib = task(s, 'indicator-contribution:1:u-b');
    expect(contrib.parentTaskId).toBe('indicator:1');
    expect(contrib.chain).toEqual([{ name: '牵头单位汇总确认', mode: 'any', assignees: ['unit:u-a'] }]);
    expect(task(s, 'indicator:1').title).toBe('指标1 单位地区生产总值能耗 — 汇总报送');
    expect(task(s, 'indicator:3').required).toBe(false); // reference indicator
    expect(task(s, 'indicator:1').required).toBe(true);
    expect(task(s, 'veto-attestation:23.1').unitId).toBe('ob');
    expect(task(s, 'plan-comments:u-a').chain).toEqual([]);
    expect(task(s, 'plan-expert-review:expert-review').chain).toEqual([{ name: '专家评审', mode: 'all', assignees: ['role:expert'] }]);
  });

  it('returns creation events and a campaign view', () => {
    const { state, events } = createCampaignWithEvents(tpl, { campaignId: 'c1', name: '测试创建' }, NOW);
    expect(events.map((e) => e.action)).toEqual(['campaign-created', 'tasks-created']);
    expect(events[1].detail).toEqual({ phase: 'mobilization', count: 4, byKind: { 'work-plan-issued': 1, 'unit-contacts': 3 } });
    const v = campaignView(state, NOW);
    expect(v.name).toBe('测试创建');
    expect(v.currentPhaseName).toBe('动员部署');
    expect(v.progress).toEqual({ total: 4, approved: 0, submitted: 0, returned: 0, overdue: 0, open: 4, overdueAwaitingUnit: 0, overdueAwaitingReview: 0 });
    expect(progress(state, endOf('2024-03-09')).overdue).toBe(4);
    expect(JSON.parse(JSON.stringify(state))).toEqual(state);
  });
});

describe('createCampaign: real templates in libs/templates/data', () => {
  const dir = path.resolve(__dirname, '../../../templates/data');
  const files = existsSync(dir) ? readdirSync(dir).filter((f) => f.endsWith('.json')) : [];
  const calendar = new WorkingCalendar();

  it('finds the five seed templates', () => {
    expect(files.map((f) => f.replace(/\.json$/, '')).sort()).toEqual(expect.arrayContaining(['jiyang-2021', 'lixia-2021', 'shinan-2024', 'sishui-2023', 'yanzhou-2023']));
  });

  it.each(files)('%s: parses, fans out and can be driven to completion', (file) => {
    const parsed = CampaignTemplateSchema.safeParse(JSON.parse(readFileSync(path.join(dir, file), 'utf8')));
    if (!parsed.success) throw new Error(`${file}: ${parsed.error.message}`);
    const tpl = parsed.data;
    const start = Date.parse(`${tpl.issueDate}T09:00:00+08:00`);
    const s = createCampaign(tpl, { campaignId: file, calendar }, start);
    expect(s.tasks.length).toBeGreaterThan(0);
    expect(new Set(s.tasks.map((t) => t.id)).size).toBe(s.tasks.length);

    const done = driveToEnd(s, start + DAY, 20000).state;
    expect(done.status).toBe('completed');
    expect(done.currentPhase).toBe('completed');
    const ids = new Set(done.tasks.map((t) => t.id));
    expect(ids.size).toBe(done.tasks.length);
    // every applicable indicator got its consolidating task and one contribution per other responsible unit
    const hasIndicatorMilestone = tpl.phases.some((p) => p.milestones.some((m) => m.taskKind === 'indicator'));
    if (hasIndicatorMilestone) {
      for (const ind of tpl.indicators) {
        if (ind.applicability === 'certificate-only') {
          expect(ids.has(`certificate:${ind.code}`)).toBe(true);
          continue;
        }
        expect(done.tasks.find((t) => t.id === `indicator:${ind.code}`)?.unitId).toBe(ind.leadUnitIds[0]);
        const others = responsibleUnits(ind).all.filter((u) => u !== ind.leadUnitIds[0]);
        const contribs = done.tasks.filter((t) => t.kind === 'indicator-contribution' && t.indicatorCode === ind.code).map((t) => t.unitId);
        expect(contribs).toEqual(others);
      }
      for (const v of tpl.vetoConditions) expect(ids.has(`veto-attestation:${v.code}`)).toBe(true);
    }
    if (tpl.keyTasks.length && tpl.phases.some((p) => p.milestones.some((m) => m.taskKind === 'key-task'))) {
      const expected = tpl.keyTasks.reduce((n, k) => n + k.unitIds.length, 0);
      expect(done.tasks.filter((t) => t.kind === 'key-task')).toHaveLength(expected);
    }
  });
});
