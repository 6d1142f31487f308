/**
 * Sign-off rules in the workflow (campaigns started with a directory): role places resolve to people when a step
 * opens, a step with nobody to sign waits visibly until the directory is refreshed (refreshDirectory Update), 会签
 * needs every resolved expert, 前加签, and segregation of duties / unknown targets refused as typed failures.
 */
import { TestWorkflowEnvironment } from '@temporalio/testing';
import { WorkflowUpdateFailedError } from '@temporalio/client';
import { ApplicationFailure } from '@temporalio/common';
import type { Actor, DirectoryUser } from '@eco/domain';
import { campaignWorkflowId, refreshDirectoryUpdate, taskQuery } from '@eco/contracts';
import { campaignWorkflow } from '../../workflows/campaign/campaign.workflow';
import { CampaignDriver, CountingActivities, expectOneAuditRecordPerAction, expert, futureSchedule, leader, leader2, patchesAfterLocalWrites, recordHistories, runHistories, unitUser } from './campaign-driver';
import { loadTemplate, useTestWorker } from './workflow-env';

const office1: Actor = { id: 'so-office-1', name: '办公室科员甲', roles: ['office'], unitId: null };
const office2: Actor = { id: 'so-office-2', name: '办公室科员乙', roles: ['office'], unitId: null };
const person = (a: Actor, active = true): DirectoryUser => ({ id: a.id, name: a.name, roles: a.roles, unitId: a.unitId ?? null, active });

describe('sign-off rules with a directory (time-skipping server)', () => {
  let env: TestWorkflowEnvironment;
  const taskQueue = 'signoff';
  const acts = new CountingActivities();

  useTestWorker(taskQueue, acts, (e) => (env = e));

  it('resolves signers when a step opens, waits visibly for nobody until refreshed, and enforces 会签 and segregation of duties', async () => {
    const template = loadTemplate('sishui-2023');
    const units = template.units.map((u) => person(unitUser(u.id)));
    const withoutExperts = [person(office1), person(office2), person(leader), ...units, person(unitUser('sx-tjj', 2))];
    const now = await env.currentTimeMs();
    const handle = await env.client.workflow.start(campaignWorkflow, {
      taskQueue,
      workflowId: campaignWorkflowId('signoff-1'),
      // Stage order: the expert review follows the review draft — the drafting steps are taken over as done.
      args: [{ campaignId: 'signoff-1', template, schedule: futureSchedule(template, now), createdBy: office1, searchAttributes: false, directory: withoutExperts, takeOver: { done: ['plan-draft', 'plan-comments', 'plan-review-draft'] } }],
    });
    const d = new CampaignDriver(handle, 'signoff');
    const task = async (id: string) => (await handle.query(taskQuery, id))!;
    const refresh = (actor: Actor, users: DirectoryUser[]) => handle.executeUpdate(refreshDirectoryUpdate, { args: [{ actor, users }] });

    // Segregation of duties on a unit task: the unit's own colleague cannot approve, nor receive it by transfer.
    await d.act('submit', unitUser('sx-tjj'), { taskId: 'materials:sx-tjj', comment: '已报送' });
    expect((await task('materials:sx-tjj')).steps[0].signers).toEqual(['user:so-office-1', 'user:so-office-2']);
    expect((await d.refused('approve', unitUser('sx-tjj', 2), { taskId: 'materials:sx-tjj' })).type).toBe('forbidden');
    expect((await d.refused('transfer', office1, { taskId: 'materials:sx-tjj', toUserId: unitUser('sx-tjj', 2).id, reason: '转本单位' })).type).toBe('forbidden');
    expect((await d.refused('transfer', office1, { taskId: 'materials:sx-tjj', toUserId: 'u-li', reason: '转不存在的人' })).type).toBe('invalid');
    // 前加签: the leader signs first, then the step returns to the office.
    await d.act('addApprover', office1, { taskId: 'materials:sx-tjj', userId: leader.id, reason: '请领导先阅', mode: 'before' });
    expect((await task('materials:sx-tjj')).waitingFor).toEqual([`user:${leader.id}`]);
    await d.act('approve', leader, { taskId: 'materials:sx-tjj' });
    expect((await task('materials:sx-tjj')).waitingFor).toEqual(['user:so-office-1', 'user:so-office-2']);
    await d.act('approve', office2, { taskId: 'materials:sx-tjj' });
    expect((await task('materials:sx-tjj')).status).toBe('approved');

    // Into implementation: the expert review resolves to nobody (no expert accounts yet) and says so.
    await d.act('closePhase', office1, { phase: 'mobilization', reason: '进入创建实施' });
    const review = (await d.state()).tasks.find((t) => t.kind === 'plan-expert-review')!.id;
    await d.act('submit', office1, { taskId: review, comment: '评审稿已送审' });
    expect((await task(review)).waitingFor).toEqual(['nobody:role:expert']);
    // Only office/admin/system may refresh; the refresh resolves the waiting step.
    await expect(refresh(unitUser('sx-tjj'), withoutExperts)).rejects.toBeInstanceOf(WorkflowUpdateFailedError);
    const r = await refresh(office1, [...withoutExperts, person(expert(1)), person(expert(2)), person(expert(3), false)]);
    expect(r.resolved).toBe(1);
    const t = await task(review);
    expect(t.steps[0].signers).toEqual(['user:expert-1', 'user:expert-2']);

    // Experts sign (planRules.signersSignOnly, campaigns started since): no 转交, no 加签 — the office organises the panel.
    expect((await d.state()).planRules?.signersSignOnly).toBe(true);
    const handOver = await d.refused('transfer', expert(1), { taskId: review, toUserId: leader.id, reason: '请领导代签' });
    expect(handOver).toMatchObject({ type: 'forbidden', message: expect.stringContaining('评审专家只签批') });
    expect((await d.refused('addApprover', expert(2), { taskId: review, userId: leader.id, reason: '请领导一并把关' })).type).toBe('forbidden');

    // 会签: both experts; one is not enough.
    await d.act('approve', expert(1), { taskId: review, comment: '同意' });
    expect((await task(review))).toMatchObject({ status: 'submitted', waitingFor: ['user:expert-2'] });
    const twice = await d.refused('approve', expert(1), { taskId: review });
    expect(twice).toBeInstanceOf(ApplicationFailure);
    expect(twice.type).toBe('conflict');
    expect((await d.refused('approve', expert(3), { taskId: review })).type).toBe('forbidden'); // deactivated: not a signer
    await d.act('approve', expert(2), { taskId: review, comment: '同意' });
    expect((await task(review)).status).toBe('approved');

    // The resolved signers are on the audit trail.
    expect(acts.audit.find((a) => a.action === 'refreshDirectory')).toMatchObject({ actor: expect.objectContaining({ id: office1.id }), detail: expect.objectContaining({ resolved: [expect.objectContaining({ taskId: review })] }) });
    expect(acts.audit.find((a) => a.action === 'submit' && a.taskId === 'materials:sx-tjj')?.detail).toMatchObject({ signers: [{ id: 'so-office-1', name: '办公室科员甲' }, { id: 'so-office-2', name: '办公室科员乙' }] });

    await d.act('cancel', office1, { reason: '测试结束，终止创建活动' });
    await expect(handle.result()).resolves.toMatchObject({ status: 'cancelled' });
    expectOneAuditRecordPerAction(acts.audit.filter((a) => a.action !== 'refreshDirectory'), d.accepted);
    recordHistories('signoff-directory', await runHistories(env, handle.workflowId, handle.firstExecutionRunId));
  });

  it('分管负责人签字 (planRules.unitLeaderSigns): a sealed statement waits for the unit\'s responsible leader, then the office', async () => {
    const template = loadTemplate('sishui-2023');
    const units = template.units.map((u) => person(unitUser(u.id)));
    const fzr: Actor = { id: 'sx-gxj-fzr', name: '工信局分管负责人', roles: ['unit'], unitId: 'sx-gxj' };
    const now = await env.currentTimeMs();
    const handle = await env.client.workflow.start(campaignWorkflow, {
      taskQueue,
      workflowId: campaignWorkflowId('signoff-fzr'),
      args: [{ campaignId: 'signoff-fzr', template, schedule: futureSchedule(template, now), createdBy: office1, searchAttributes: false, directory: [person(office1), person(office2), ...units, { ...person(fzr), leaderOf: ['sx-gxj'] }] }],
    });
    const d = new CampaignDriver(handle, 'signoff');
    const task = async (id: string) => (await handle.query(taskQuery, id))!;
    const statement = { taskId: 'key-projects:sx-gxj', comment: '本单位无重点工程项目', formalities: { outcome: 'none', seal: true, principalSignature: '工信局局长' } };
    await d.act('submit', unitUser('sx-gxj'), statement);
    expect((await task('key-projects:sx-gxj')).steps.map((st) => [st.name, st.signers])).toEqual([['分管负责人签字', ['user:sx-gxj-fzr']], ['领导小组办公室审核', null]]);
    expect((await d.refused('approve', unitUser('sx-gxj'), { taskId: 'key-projects:sx-gxj' })).type).toBe('forbidden');
    expect((await d.refused('approve', office2, { taskId: 'key-projects:sx-gxj' })).type).toBe('forbidden');
    await d.act('approve', fzr, { taskId: 'key-projects:sx-gxj', comment: '情况属实' });
    expect((await task('key-projects:sx-gxj')).waitingFor).toEqual(['user:so-office-1', 'user:so-office-2']);
    await d.act('approve', office2, { taskId: 'key-projects:sx-gxj' });
    expect((await task('key-projects:sx-gxj')).status).toBe('approved');
    await d.act('cancel', office1, { reason: '测试结束，终止创建活动' });
    await expect(handle.result()).resolves.toMatchObject({ status: 'cancelled' });
    recordHistories('unit-leader-sign-off', await runHistories(env, handle.workflowId, handle.firstExecutionRunId));
  });

  // Walkthrough: the 县应急局's only 分管负责人 was deactivated while her signature was awaited; the step waited for her,
  // silently, and naming a new one changed nothing.
  it('a signer deactivated while awaited: the step goes to nobody (【无人签批】 to the office), then to the newly named 分管负责人', async () => {
    const template = loadTemplate('sishui-2023');
    const units = template.units.map((u) => person(unitUser(u.id)));
    const fzr: Actor = { id: 'sx-gxj-fzr', name: '郭霞', roles: ['unit'], unitId: 'sx-gxj' };
    const next: Actor = { id: 'sx-gxj-fzr2', name: '林晓燕', roles: ['unit'], unitId: 'sx-gxj' };
    const directory = [person(office1), person(office2), ...units];
    const now = await env.currentTimeMs();
    const handle = await env.client.workflow.start(campaignWorkflow, {
      taskQueue,
      workflowId: campaignWorkflowId('signoff-gone'),
      args: [{ campaignId: 'signoff-gone', template, schedule: futureSchedule(template, now), createdBy: office1, searchAttributes: false, directory: [...directory, { ...person(fzr), leaderOf: ['sx-gxj'] }] }],
    });
    const d = new CampaignDriver(handle, 'signoff');
    const task = async (id: string) => (await handle.query(taskQuery, id))!;
    const refresh = (users: DirectoryUser[]) => handle.executeUpdate(refreshDirectoryUpdate, { args: [{ actor: office1, users }] });
    const kp = 'key-projects:sx-gxj';
    await d.act('submit', unitUser('sx-gxj'), { taskId: kp, comment: '本单位无重点工程项目', formalities: { outcome: 'none', seal: true, principalSignature: '工信局局长' } });
    expect((await task(kp)).waitingFor).toEqual(['user:sx-gxj-fzr']);
    const gone = await refresh([...directory, { ...person(fzr, false), leaderOf: ['sx-gxj'] }]);
    expect(gone.resolved).toBe(1);
    expect((await task(kp)).waitingFor).toEqual([expect.stringMatching(/^nobody:unit-leader:sx-gxj/)]);
    const told = acts.notices.filter((n) => n.campaignId === 'signoff-gone' && n.taskId === kp && n.message?.startsWith('【无人签批】'));
    expect(told.map((n) => n.message)).toEqual([expect.stringContaining('「分管负责人签字」环节暂无可签批人员（该单位未设置在岗的分管负责人）')]);
    expect((await d.refused('approve', fzr, { taskId: kp, comment: '情况属实' })).type).toBe('forbidden');
    await refresh([...directory, { ...person(fzr, false), leaderOf: ['sx-gxj'] }, { ...person(next), leaderOf: ['sx-gxj'] }]);
    expect((await task(kp)).waitingFor).toEqual(['user:sx-gxj-fzr2']);
    await d.act('approve', next, { taskId: kp, comment: '情况属实' });
    expect((await task(kp)).waitingFor).toEqual(['user:so-office-1', 'user:so-office-2']);
    await d.act('cancel', office1, { reason: '测试结束，终止创建活动' });
    await expect(handle.result()).resolves.toMatchObject({ status: 'cancelled' });
    recordHistories('unreachable-signer', await runHistories(env, handle.workflowId, handle.firstExecutionRunId));
  });

  // Review: a 会签 whose two other experts had signed, and a 转交 whose transferee was then deactivated, waited silently
  // on someone who could never act (the refresh cannot re-resolve them without losing approvals).
  it('a step left waiting on someone deactivated (会签 others signed; a transferee): the office is told 【签批人已停用】 once', async () => {
    const template = loadTemplate('sishui-2023');
    const units = template.units.map((u) => person(unitUser(u.id)));
    const fzr: Actor = { id: 'sx-gxj-fzr', name: '郭霞', roles: ['unit'], unitId: 'sx-gxj' };
    const fzr2: Actor = { id: 'sx-gxj-fzr2', name: '林晓燕', roles: ['unit'], unitId: 'sx-gxj' };
    const directory = [person(office1), person(office2), person(leader), ...units, { ...person(fzr), leaderOf: ['sx-gxj'] }, person(expert(1)), person(expert(2)), person(expert(3))];
    const now = await env.currentTimeMs();
    const handle = await env.client.workflow.start(campaignWorkflow, {
      taskQueue,
      workflowId: campaignWorkflowId('signoff-stuck'),
      // Stage order: the expert review follows the review draft — the drafting steps are taken over as done.
      args: [{ campaignId: 'signoff-stuck', template, schedule: futureSchedule(template, now), createdBy: office1, searchAttributes: false, directory, takeOver: { done: ['plan-draft', 'plan-comments', 'plan-review-draft'] } }],
    });
    const d = new CampaignDriver(handle, 'signoff');
    const task = async (id: string) => (await handle.query(taskQuery, id))!;
    const refresh = (users: DirectoryUser[]) => handle.executeUpdate(refreshDirectoryUpdate, { args: [{ actor: office1, users }] });
    const stuck = (taskId: string) => acts.notices.filter((n) => n.campaignId === 'signoff-stuck' && n.taskId === taskId && n.message?.startsWith('【签批人已停用】'));
    const kp = 'key-projects:sx-gxj';

    // 转交: the 分管负责人's place handed over to a second leader of the unit (named since), who is then deactivated
    await d.act('submit', unitUser('sx-gxj'), { taskId: kp, comment: '本单位无重点工程项目', formalities: { outcome: 'none', seal: true, principalSignature: '工信局局长' } });
    let users = [...directory, { ...person(fzr2), leaderOf: ['sx-gxj'] }];
    await refresh(users);
    await d.act('transfer', office1, { taskId: kp, from: 'user:sx-gxj-fzr', toUserId: fzr2.id, reason: '郭霞休假，请林晓燕签字' });
    expect((await task(kp)).waitingFor).toEqual(['user:sx-gxj-fzr2']);
    users = [...directory, { ...person(fzr2, false), leaderOf: ['sx-gxj'] }];
    expect((await refresh(users)).resolved).toBe(0);
    expect((await task(kp)).waitingFor).toEqual(['user:sx-gxj-fzr2']);
    expect(stuck(kp).map((n) => [n.recipients, n.message])).toEqual([[['role:office'], expect.stringMatching(/^【签批人已停用】「.+」「分管负责人签字」环节仍在等待已停用的林晓燕签批，该环节无法完成。请在任务页将其签批转交他人/)]]);

    // 会签: the expert review, two of three experts signed, the third deactivated — left as it was, the office told
    await d.act('closePhase', office1, { phase: 'mobilization', reason: '进入创建实施' });
    const review = (await d.state()).tasks.find((t) => t.kind === 'plan-expert-review')!.id;
    await d.act('submit', office1, { taskId: review, comment: '评审稿已送审' });
    await d.act('approve', expert(1), { taskId: review, comment: '同意' });
    await d.act('approve', expert(2), { taskId: review, comment: '同意' });
    users = users.map((u) => (u.id === expert(3).id ? { ...u, active: false } : u));
    expect((await refresh(users)).resolved).toBe(0);
    expect((await task(review)).waitingFor).toEqual(['user:expert-3']);
    expect(stuck(review).map((n) => [n.recipients, n.message])).toEqual([[['role:office'], expect.stringMatching(/「专家评审」环节仍在等待已停用的专家3签批/)]]);
    // later refreshes, the steps unchanged: exactly one each still
    await refresh(users);
    await refresh([...users, person(expert(4))]);
    expect([stuck(kp).length, stuck(review).length]).toEqual([1, 1]);

    await d.act('cancel', office1, { reason: '测试结束，终止创建活动' });
    await expect(handle.result()).resolves.toMatchObject({ status: 'cancelled' });
    const runs = await runHistories(env, handle.workflowId, handle.firstExecutionRunId);
    // the new patch is asked before the handler's first await (never after a local write)
    for (const { history } of runs) expect(patchesAfterLocalWrites(history)).toEqual([]);
    recordHistories('notify-stuck-signers', runs);
  });

  it('加签 adds only someone the step could have named (planRules.strictAddApprover): experts to the 专家评审, not a liaison', async () => {
    const template = loadTemplate('sishui-2023');
    const units = template.units.map((u) => person(unitUser(u.id)));
    const now = await env.currentTimeMs();
    const handle = await env.client.workflow.start(campaignWorkflow, {
      taskQueue,
      workflowId: campaignWorkflowId('signoff-add'),
      args: [{ campaignId: 'signoff-add', template, schedule: futureSchedule(template, now), createdBy: office1, searchAttributes: false, directory: [person(office1), person(office2), person(leader), ...units, person(expert(1)), person(expert(2)), person(expert(3))], takeOver: { done: ['plan-draft', 'plan-comments', 'plan-review-draft'] } }],
    });
    const d = new CampaignDriver(handle, 'signoff');
    const task = async (id: string) => (await handle.query(taskQuery, id))!;
    expect((await d.state()).planRules?.strictAddApprover).toBe(true);
    // the office's review of a unit's submission may consult an expert; not another unit's liaison
    await d.act('submit', unitUser('sx-tjj'), { taskId: 'materials:sx-tjj', comment: '已报送' });
    const liaisonOnReview = await d.refused('addApprover', office1, { taskId: 'materials:sx-tjj', userId: unitUser('sx-gxj').id, reason: '请工信局一并审核' });
    expect(liaisonOnReview).toMatchObject({ type: 'forbidden', message: expect.stringContaining('只能加签与本环节审批人同类的人员') });
    await d.act('addApprover', office1, { taskId: 'materials:sx-tjj', userId: expert(3).id, reason: '请专家把关' });
    expect((await task('materials:sx-tjj')).steps[0].signers).toContain(`user:${expert(3).id}`);

    // the experts' 会签: another expert, never a liaison nor a leader (walkthrough: a liaison added, then signed it)
    await d.act('closePhase', office1, { phase: 'mobilization', reason: '进入创建实施' });
    const review = (await d.state()).tasks.find((t) => t.kind === 'plan-expert-review')!.id;
    await d.act('submit', office1, { taskId: review, comment: '评审稿已送审' });
    for (const who of [unitUser('sx-tjj'), leader]) {
      expect(await d.refused('addApprover', office2, { taskId: review, userId: who.id, reason: '请一并会签' })).toMatchObject({ type: 'forbidden' });
    }
    // (every active expert already holds a place here: role:expert resolved to all of them)
    expect((await task(review)).waitingFor).toEqual(['user:expert-1', 'user:expert-2', 'user:expert-3']);
    await d.act('cancel', office1, { reason: '测试结束，终止创建活动' });
    await expect(handle.result()).resolves.toMatchObject({ status: 'cancelled' });
    recordHistories('strict-add-approver', await runHistories(env, handle.workflowId, handle.firstExecutionRunId));
  });

  // Walkthrough: the office's review of the 工作方案 handed to the 组长 (转交), who then signed the 县政府印发 step as well.
  it('one person does not sign two levels (planRules.distinctLevels): a later step leaves out who signed an earlier one, waits for nobody, and is refused to them', async () => {
    const template = loadTemplate('sishui-2023');
    const units = template.units.map((u) => person(unitUser(u.id)));
    const directory = [person(office1), person(office2), person(leader), ...units];
    const now = await env.currentTimeMs();
    const handle = await env.client.workflow.start(campaignWorkflow, {
      taskQueue,
      workflowId: campaignWorkflowId('signoff-levels'),
      args: [{ campaignId: 'signoff-levels', template, schedule: futureSchedule(template, now), createdBy: office1, searchAttributes: false, directory }],
    });
    const d = new CampaignDriver(handle, 'signoff');
    const task = async (id: string) => (await handle.query(taskQuery, id))!;
    const refresh = (actor: Actor, users: DirectoryUser[]) => handle.executeUpdate(refreshDirectoryUpdate, { args: [{ actor, users }] });
    expect((await d.state()).planRules?.distinctLevels).toBe(true);
    const plan = 'work-plan-issued:work-plan-issued';
    await d.act('submit', office1, { taskId: plan, comment: '方案送审' });
    expect((await task(plan)).waitingFor).toEqual([`user:${office2.id}`]);
    // the office's review is not handed to the only leader, who alone can sign 泗水县人民政府印发 after it
    const toSole = await d.refused('transfer', office2, { taskId: plan, toUserId: leader.id, reason: '出差' });
    expect(toSole).toMatchObject({ type: 'forbidden', message: expect.stringContaining('唯一的审批人') });
    expect(await d.refused('addApprover', office2, { taskId: plan, userId: leader.id, reason: '请组长把关', mode: 'co-sign' })).toMatchObject({ type: 'forbidden' });
    // with a second leader it is; that leader is then away (deactivated) when the 印发 step opens
    await refresh(office1, [...directory, person(leader2)]);
    await d.act('transfer', office2, { taskId: plan, toUserId: leader.id, reason: '出差' });
    await refresh(office1, [...directory, person(leader2, false)]);
    await d.act('approve', leader, { taskId: plan, comment: '同意' });
    // the 印发 step leaves out who signed the review: nobody is left to sign it, and the office is told
    expect(await task(plan)).toMatchObject({ status: 'submitted', waitingFor: ['nobody:role:leader'] });
    expect((await task(plan)).steps[1].signers).toEqual([]);
    const twice = await d.refused('approve', leader, { taskId: plan, comment: '同意印发' });
    expect(twice).toMatchObject({ type: 'forbidden', message: expect.stringContaining('同一事项的各环节须由不同人员签批') });
    // nor may the office hand it back to them (转交: an earlier signer)
    expect(await d.refused('transfer', office2, { taskId: plan, toUserId: leader.id, reason: '请组长印发' })).toMatchObject({ type: 'forbidden' });
    // the second leader back: the step resolves to them only, and they sign it
    const r = await refresh(office1, [...directory, person(leader2)]);
    expect(r.resolved).toBe(1);
    expect((await task(plan)).steps[1].signers).toEqual([`user:${leader2.id}`]);
    await d.act('approve', leader2, { taskId: plan, comment: '同意印发' });
    expect((await task(plan)).status).toBe('approved');
    await d.act('cancel', office1, { reason: '测试结束，终止创建活动' });
    await expect(handle.result()).resolves.toMatchObject({ status: 'cancelled' });
    recordHistories('distinct-levels', await runHistories(env, handle.workflowId, handle.firstExecutionRunId));
  });
});
