/**
 * A unit's newly named liaison is told the unit's live tasks (runs since 'new-liaison-notices'), on the time-skipping
 * server: walkthrough — the office replaced 县统计局's liaison (用户与单位 → 指定人员), the new one's 提醒 held no 【新任务】,
 * the start's had gone to the replaced account. The refreshDirectory Update that carries the change tells the new
 * liaison once (【新任务】 naming the unit's tasks, with their dates); the replaced one and those who stay get nothing
 * new; the same directory again tells nobody. The run ends (cancelled) so its history can be committed for the replay
 * test (RECORD_HISTORIES=1).
 */
import { TestWorkflowEnvironment } from '@temporalio/testing';
import { assignedTaskIds, dateLabel, localDate, recipientsNow, stageBlocks, type Actor, type DirectoryUser } from '@eco/domain';
import { campaignWorkflowId, refreshDirectoryUpdate } from '@eco/contracts';
import { campaignWorkflow } from '../../workflows/campaign/campaign.workflow';
import { CampaignDriver, CountingActivities, futureSchedule, leader, officeOf, recordHistories, runHistories, unitUser } from './campaign-driver';
import { loadTemplate, useTestWorker } from './workflow-env';

const UNIT = 'sx-tjj';

describe('a newly named liaison is told the unit\'s live tasks (time-skipping server)', () => {
  let env: TestWorkflowEnvironment;
  const taskQueue = 'new-liaison-notices';
  const acts = new CountingActivities();

  useTestWorker(taskQueue, acts, (e) => (env = e));

  it('replacing a unit\'s liaison: one 【新任务】 to the new one naming the unit\'s tasks; the old one and the others nothing', async () => {
    const template = loadTemplate('sishui-2023');
    const office = officeOf(template);
    const person = (a: Actor, liaisonOf?: string): DirectoryUser => ({ id: a.id, name: a.name, roles: a.roles, unitId: a.unitId ?? null, active: true, ...(liaisonOf ? { liaisonOf: [liaisonOf] } : {}) });
    const [old, fresh] = [unitUser(UNIT, 1), unitUser(UNIT, 2)];
    const others = template.units.filter((u) => u.id !== UNIT).map((u) => person(unitUser(u.id), u.id));
    const directory = (liaison: Actor) => [person(office), person(leader), ...others, person(old, liaison === old ? UNIT : undefined), person(fresh, liaison === fresh ? UNIT : undefined)];
    const campaignId = 'new-liaison-1';
    const now = await env.currentTimeMs();
    const handle = await env.client.workflow.start(campaignWorkflow, {
      taskQueue,
      workflowId: campaignWorkflowId(campaignId),
      args: [{ campaignId, template, schedule: futureSchedule(template, now), createdBy: office, searchAttributes: false, directory: directory(old), reminderPolicy: { before: [], overdueEvery: 'P30D', escalateAfter: 'P30D' } }],
    });
    const d = new CampaignDriver(handle, campaignId);
    const refresh = (users: DirectoryUser[]) => handle.executeUpdate(refreshDirectoryUpdate, { args: [{ actor: office, users }] });
    const notices = () => acts.notices.filter((n) => n.campaignId === campaignId);

    const s0 = await d.state();
    const held = stageBlocks(s0);
    const owed = s0.tasks.filter((t) => !held.has(t.id) && recipientsNow(t).includes(`unit:${UNIT}`)).sort((a, b) => a.dueAt - b.dueAt);
    expect(owed.length).toBeGreaterThan(1);
    // the start told the unit (its liaison then: the old account), not the account named later
    expect(notices().some((n) => n.message.startsWith('【新任务】') && n.recipients.includes(`unit:${UNIT}`))).toBe(true);

    const before = notices().length;
    await refresh(directory(fresh));
    const told = notices().slice(before);
    expect(told.map((n) => n.recipients)).toEqual([[`user:${fresh.id}`]]);
    const [n] = told;
    expect(assignedTaskIds(`${campaignId}|${n.key}`)?.sort()).toEqual(owed.map((t) => t.id).sort());
    expect(n.message).toMatch(new RegExp(`^【新任务】「${owed[0].title}」等${owed.length}项任务已下达（您已被指定为县统计局联络员）`));
    expect(n.message).toContain(dateLabel(localDate(owed[0].dueAt)));

    // the same directory again (the sweep), or only someone else changing: nobody is told anything new
    const after = notices().length;
    await refresh(directory(fresh));
    await refresh([...directory(fresh), { id: 'someone-new', name: '新科员', roles: ['office'], unitId: null, active: true }]);
    expect(notices().length).toBe(after);

    await d.act('cancel', office, { reason: '测试结束' });
    await expect(handle.result()).resolves.toMatchObject({ status: 'cancelled' });
    recordHistories('new-liaison-notices', await runHistories(env, handle.workflowId, handle.firstExecutionRunId));
  });
});
