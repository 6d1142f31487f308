/**
 * Sign-off rules of campaigns with a directory: role places resolve to people when a step opens (会签 / 或签 / n-of-m
 * over people), a step resolving to nobody waits visibly, 加签 modes, segregation of duties.
 */
import type { ApprovalStepDef } from '../template/template.schema';
import type { Actor, CampaignState, DirectoryUser, EngineEvent, PlanRules } from './campaign-state';
import { validateCommand } from './command-validation';
import { createCampaign } from './create-campaign';
import { newlyStuck, refreshDirectory, withDirectory } from './directory';
import { at, expert, leader, office, office2, run, smallTemplate, task, unitUser } from '../../../../test/fixtures/engine-fixtures';
import { tick } from './reminders';
import { callsToAct, stuckSignerNotices, taskNotices } from './notices';
import { WeekendCalendar } from './weekend-calendar';
import { availableActions, taskView } from './views';

const T0 = at('2024-03-01T09:00:00');
const T1 = at('2024-03-04T10:00:00');
const T2 = at('2024-03-05T10:00:00');
const TASK = 'unit-contacts:u-a';

const dir = (a: Actor, active = true): DirectoryUser => ({ id: a.id, name: a.name, roles: a.roles, unitId: a.unitId ?? null, active });
const people: DirectoryUser[] = [office, office2, leader, expert(1), expert(2), expert(3), unitUser('u-a'), unitUser('u-a', 2), unitUser('u-b')].map((a) => dir(a));

function start(chain?: ApprovalStepDef[], directory: DirectoryUser[] = people, planRules?: PlanRules): CampaignState {
  const s = createCampaign(smallTemplate(chain ? (x) => (x.approvalChains = { 'unit-contacts': chain }) : undefined), { campaignId: 'c1', ...(planRules ? { planRules } : {}) }, T0);
  return withDirectory(s, directory);
}
const submitted = (s: CampaignState, events?: EngineEvent[]) => run(s, { type: 'submit', taskId: TASK, comment: '联络员名单' }, unitUser('u-a'), T1, events);
const approve = (s: CampaignState, a: Actor) => run(s, { type: 'approve', taskId: TASK }, a, T2);
const code = (s: CampaignState, c: Record<string, unknown>, a: Actor) => validateCommand(s, c, a, T2)?.code ?? 'ok';
const step0 = (s: CampaignState) => task(s, TASK).rounds.at(-1)!.steps[0];

describe('会签 (all) over people: a role place resolves to every active holder', () => {
  it('two of three experts approving is not enough; the third completes it; the signers are stored and audited', () => {
    const events: EngineEvent[] = [];
    let s = submitted(start([{ name: '专家评审', role: 'expert', mode: 'all' }]), events);
    expect(step0(s).signers).toEqual(['user:expert-1', 'user:expert-2', 'user:expert-3']);
    expect(events.find((e) => e.action === 'submit')?.detail).toMatchObject({ stepName: '专家评审', signers: [{ id: 'expert-1', name: '专家1' }, { id: 'expert-2', name: '专家2' }, { id: 'expert-3', name: '专家3' }] });
    s = approve(approve(s, expert(1)), expert(2));
    expect(task(s, TASK).status).toBe('submitted');
    expect(taskView(task(s, TASK), T2).waitingFor).toEqual(['user:expert-3']);
    expect(code(s, { type: 'approve', taskId: TASK }, expert(1))).toBe('conflict');
    s = approve(s, expert(3));
    expect(task(s, TASK).status).toBe('approved');
  });

  it('an inactive account is not a signer', () => {
    const s = submitted(start([{ name: '专家评审', role: 'expert', mode: 'all' }], [...people.filter((p) => p.id !== 'expert-3'), { ...dir(expert(3)), active: false }]));
    expect(step0(s).signers).toEqual(['user:expert-1', 'user:expert-2']);
  });
});

describe('n-of-m and 或签 over people', () => {
  it('n-of-m counts distinct people', () => {
    let s = submitted(start([{ name: '三选二', role: 'expert', mode: 'n-of-m', n: 2 }]));
    s = approve(s, expert(2));
    expect(task(s, TASK).status).toBe('submitted');
    s = approve(s, expert(3));
    expect(task(s, TASK).status).toBe('approved');
  });

  it('或签 (any) passes on the first signer', () => {
    const s = approve(submitted(start([{ name: '任一专家', role: 'expert', mode: 'any' }])), expert(2));
    expect(task(s, TASK).status).toBe('approved');
  });
});

describe('a step resolving to nobody waits visibly until the office fixes it', () => {
  it('shows nobody:<place>, reminds the office, and resolves again after the directory is refreshed', () => {
    const noExperts = people.filter((p) => !p.roles.includes('expert'));
    let s = submitted(start([{ name: '专家评审', role: 'expert', mode: 'all' }], noExperts));
    expect(step0(s).signers).toEqual([]);
    expect(taskView(task(s, TASK), T2).waitingFor).toEqual(['nobody:role:expert']);
    // the office is told what is missing (【无人签批】, an item that stays unread), not 「待您审批」
    const told = taskNotices(start([{ name: '专家评审', role: 'expert', mode: 'all' }], noExperts), s, [TASK], T1);
    expect(told.map((n) => [n.recipients, n.message])).toEqual([[['role:office'], expect.stringMatching(/^【无人签批】「.+」已由.+报送，「专家评审」环节暂无可签批人员（名录中没有可签批的在岗人员）/)]]);
    expect(callsToAct('notice', told[0].key)).toBe(false);
    const reminders = tick(s, at('2024-03-09T10:00:00'), new WeekendCalendar()).reminders.filter((r) => r.taskId === TASK);
    expect(reminders.length).toBeGreaterThan(0);
    for (const r of reminders) expect(r.recipients).toEqual(['role:office']);
    expect(code(s, { type: 'approve', taskId: TASK }, expert(1))).toBe('forbidden');
    expect(code(s, { type: 'refreshDirectory' }, expert(1))).toBe('invalid'); // not a command: an Update of its own
    const r = refreshDirectory(s, people, office, T2);
    s = r.state;
    expect(r.events[0]).toMatchObject({ action: 'refreshDirectory', actorId: 'office-1', detail: { resolved: [{ taskId: TASK, signers: ['user:expert-1', 'user:expert-2', 'user:expert-3'] }] } });
    expect(taskView(task(s, TASK), T2).waitingFor).toEqual(['user:expert-1', 'user:expert-2', 'user:expert-3']);
  });

  it('or the office transfers the empty role place to a named person, who then signs it', () => {
    let s = submitted(start([{ name: '专家评审', role: 'expert', mode: 'all' }], people.filter((p) => !p.roles.includes('expert'))));
    expect(code(s, { type: 'transfer', taskId: TASK, toUserId: 'leader-1', reason: '无专家账号' }, unitUser('u-b'))).toBe('forbidden');
    expect(code(s, { type: 'transfer', taskId: TASK, toUserId: 'u-li', reason: '无专家账号' }, office)).toBe('invalid');
    s = run(s, { type: 'transfer', taskId: TASK, toUserId: 'leader-1', reason: '无专家账号，请领导代为评审' }, office, T2);
    expect(taskView(task(s, TASK), T2).waitingFor).toEqual(['user:leader-1']);
    s = approve(s, leader);
    expect(task(s, TASK).status).toBe('approved');
    expect(step0(s).decisions[0]).toMatchObject({ by: 'leader-1', as: 'role:expert' });
  });

  it('a resolved place is transferred like any other', () => {
    let s = submitted(start([{ name: '专家评审', role: 'expert', mode: 'any' }]));
    s = run(s, { type: 'transfer', taskId: TASK, from: 'user:expert-1', toUserId: 'leader-1', reason: '专家请假' }, office, T2);
    s = approve(s, leader);
    expect(task(s, TASK).status).toBe('approved');
  });
});

describe('a refresh that deactivates a signer still awaited resolves the step again (opts.unreachable)', () => {
  const without = (id: string) => people.map((p) => (p.id === id ? { ...p, active: false } : p));
  const refreshed = (s: CampaignState, users: DirectoryUser[], unreachable = true) => refreshDirectory(s, users, office, T2, { unreachable });

  it('或签 of one named person: to nobody (【无人签批】 to the office); without the option the step waits for them as before', () => {
    const s = submitted(start([{ name: '领导审定', role: 'leader', mode: 'any' }]));
    expect(step0(s).signers).toEqual(['user:leader-1']);
    expect(taskView(task(refreshed(s, without('leader-1'), false).state, TASK), T2).waitingFor).toEqual(['user:leader-1']);
    const r = refreshed(s, without('leader-1'));
    expect(taskView(task(r.state, TASK), T2).waitingFor).toEqual(['nobody:role:leader']);
    expect(r.events[0].detail).toMatchObject({ resolved: [{ taskId: TASK, signers: [] }] });
    expect(r.changedTaskIds).toEqual([TASK]);
    const told = taskNotices(s, r.state, r.changedTaskIds, T2);
    expect(told.map((n) => [n.recipients, n.message])).toEqual([[['role:office'], expect.stringMatching(/^【无人签批】/)]]);
    // a new leader and a refresh: the step goes to her
    const next = refreshDirectory(r.state, [...without('leader-1'), { id: 'leader-2', name: '新任领导', roles: ['leader'], unitId: null, active: true }], office, T2, { unreachable: true });
    expect(taskView(task(next.state, TASK), T2).waitingFor).toEqual(['user:leader-2']);
  });

  it('会签: the decided signer and the reachable ones are kept, the deactivated one is dropped, a new holder of the role joins', () => {
    let s = submitted(start([{ name: '专家评审', role: 'expert', mode: 'all' }]));
    s = approve(s, expert(1));
    const users = [...without('expert-2'), { id: 'expert-4', name: '专家4', roles: ['expert' as const], unitId: null, active: true }];
    const r = refreshed(s, users);
    expect(step0(r.state).signers).toEqual(['user:expert-1', 'user:expert-3', 'user:expert-4']);
    expect(taskView(task(r.state, TASK), T2).waitingFor).toEqual(['user:expert-3', 'user:expert-4']);
    // the people still there, nobody unreachable: nothing changes (people already asked stay asked, nobody is added)
    expect(refreshed(s, [...people, { id: 'expert-5', name: '专家5', roles: ['expert'], unitId: null, active: true }]).changedTaskIds).toEqual([]);
    // a signer who already decided and then left: nothing to re-resolve either
    expect(refreshed(s, without('expert-1')).changedTaskIds).toEqual([]);
  });

  it('a step the people left could not finish is left as it was, its place still handed over by the office (转交)', () => {
    // 会签: two of three signed, the third leaves — dropping her would leave a complete step nothing moves on
    let s = approve(approve(submitted(start([{ name: '专家评审', role: 'expert', mode: 'all' }])), expert(1)), expert(2));
    let r = refreshed(s, without('expert-3'));
    expect(r.changedTaskIds).toEqual([]);
    expect(code(r.state, { type: 'transfer', taskId: TASK, from: 'user:expert-3', toUserId: 'leader-1', reason: '专家已离任' }, office)).toBe('ok');
    // n-of-m, two needed: one signed, the two others leave — one person cannot make the quorum
    s = approve(submitted(start([{ name: '三选二', role: 'expert', mode: 'n-of-m', n: 2 }])), expert(1));
    r = refreshed(s, without('expert-2').map((p) => (p.id === 'expert-3' ? { ...p, active: false } : p)));
    expect(r.changedTaskIds).toEqual([]);
    expect(taskView(task(r.state, TASK), T2).waitingFor).toEqual(['user:expert-2', 'user:expert-3']);
    // …while one leaving of the three still leaves a quorum within reach: re-resolved
    r = refreshed(s, without('expert-2'));
    expect(taskView(task(r.state, TASK), T2).waitingFor).toEqual(['user:expert-3']);
  });

  it('a place handed over (转交) and a co-signer (并加签) are left as the office set them', () => {
    let s = submitted(start([{ name: '专家评审', role: 'expert', mode: 'all' }]));
    s = run(s, { type: 'transfer', taskId: TASK, from: 'user:expert-1', toUserId: 'leader-1', reason: '专家请假' }, office, T2);
    s = run(s, { type: 'addApprover', taskId: TASK, userId: 'office-2', reason: '请办公室把关', mode: 'co-sign' }, office, T2);
    const before = step0(s).signers;
    const r = refreshed(s, without('expert-2'));
    expect(step0(r.state).signers).toEqual(before!.filter((p) => p !== 'user:expert-2'));
    expect(step0(r.state).transfers).toEqual(step0(s).transfers);
    expect(taskView(task(r.state, TASK), T2).waitingFor).toEqual(expect.arrayContaining(['user:leader-1', 'user:expert-3', 'user:office-2']));
  });
});

describe('a step left waiting on someone who can never act: the office is told once (【签批人已停用】)', () => {
  const without = (...ids: string[]) => people.map((p) => (ids.includes(p.id) ? { ...p, active: false } : p));
  const refreshed = (s: CampaignState, users: DirectoryUser[]) => refreshDirectory(s, users, office, T2, { unreachable: true });
  /** The office's 【签批人已停用】 of a refresh: [recipients, message] each. */
  const told = (s: CampaignState, users: DirectoryUser[]) => {
    const r = refreshed(s, users);
    return { state: r.state, told: stuckSignerNotices(s, r.state, T2).map((n) => [n.recipients, n.message]) };
  };
  const allExperts = () => submitted(start([{ name: '专家评审', role: 'expert', mode: 'all' }]));

  it('会签 whose others all signed, the last deactivated: the step is left as it was and the office is told, once', () => {
    const s = approve(approve(allExperts(), expert(1)), expert(2));
    const r = told(s, without('expert-3'));
    expect(step0(r.state).signers).toEqual(step0(s).signers);
    expect(r.told).toEqual([[['role:office'], '【签批人已停用】「确定分管责任人和联络员（发改局）」「专家评审」环节仍在等待已停用的专家3签批，该环节无法完成。请在任务页将其签批转交他人，或在「用户与单位」中恢复其账号。']]);
    const [notice] = stuckSignerNotices(s, r.state, T2);
    expect(notice).toMatchObject({ taskId: TASK, level: 'notice', key: expect.stringMatching(/\|notice\|stuck:0\.\d+@/) });
    // news to the office, like 【无人签批】: the task never waits for it, so the item stays unread until read
    expect(callsToAct(notice.level, notice.key)).toBe(false);
    // a later refresh, the step unchanged: not again
    expect(told(r.state, without('expert-3')).told).toEqual([]);
    expect(told(r.state, [...without('expert-3'), { id: 'expert-9', name: '专家9', roles: ['expert'], unitId: null, active: true }]).told).toEqual([]);
  });

  it('two refreshes at the same instant, each leaving another person stuck on the step: two notices, keys apart (the outbox keeps both)', () => {
    const s = run(run(allExperts(), { type: 'transfer', taskId: TASK, from: 'user:expert-1', toUserId: 'leader-1', reason: '专家请假' }, office, T2), { type: 'addApprover', taskId: TASK, userId: 'office-2', reason: '请办公室把关', mode: 'co-sign' }, office, T2);
    const first = refreshed(s, without('leader-1'));
    const second = refreshed(first.state, without('leader-1', 'office-2'));
    const [a] = stuckSignerNotices(s, first.state, T2);
    const [b] = stuckSignerNotices(first.state, second.state, T2);
    expect([a?.message, b?.message]).toEqual([expect.stringContaining('王区长'), expect.not.stringContaining('王区长')]);
    expect(a.key).not.toBe(b.key);
  });

  it('a transferee (转交) deactivated: told by name; an account removed from the directory is said to be gone', () => {
    const s = run(allExperts(), { type: 'transfer', taskId: TASK, from: 'user:expert-1', toUserId: 'leader-1', reason: '专家请假' }, office, T2);
    expect(told(s, without('leader-1')).told).toEqual([[['role:office'], expect.stringMatching(/^【签批人已停用】「确定分管责任人和联络员（发改局）」「专家评审」环节仍在等待已停用的王区长签批，/)]]);
    expect(told(s, people.filter((p) => p.id !== 'leader-1')).told).toEqual([[['role:office'], expect.stringContaining('仍在等待已不在人员名录中的王区长签批')]]);
    expect(newlyStuck(s, refreshed(s, without('leader-1')).state)).toEqual([{ taskId: TASK, round: 1, step: 0, place: 'user:expert-1', holder: 'user:leader-1' }]);
  });

  it('a co-signer (并加签, a required place) deactivated, even beside signers who can still act', () => {
    const s = run(submitted(start([{ name: '办公室审核', role: 'office', mode: 'any' }])), { type: 'addApprover', taskId: TASK, userId: 'leader-1', reason: '请领导把关', mode: 'co-sign' }, office, T2);
    expect(told(s, without('leader-1')).told).toEqual([[['role:office'], expect.stringContaining('「办公室审核」环节仍在等待已停用的王区长签批')]]);
  });

  it('an n-of-m quorum out of reach: one message for the step, naming everyone gone', () => {
    const s = approve(submitted(start([{ name: '三选二', role: 'expert', mode: 'n-of-m', n: 2 }])), expert(1));
    expect(told(s, without('expert-2', 'expert-3')).told).toEqual([[['role:office'], expect.stringContaining('「三选二」环节仍在等待已停用的专家2、已停用的专家3签批')]]);
  });

  it('not for a step the refresh re-resolved, one gone to nobody (【无人签批】), a place already decided, nor an 或签 someone left can finish', () => {
    // re-resolved: the 会签 goes on with the experts left
    expect(told(approve(allExperts(), expert(1)), without('expert-2')).told).toEqual([]);
    // to nobody: 【无人签批】 tells the office instead
    expect(told(submitted(start([{ name: '领导审定', role: 'leader', mode: 'any' }])), without('leader-1')).told).toEqual([]);
    // decided, then deactivated: nothing waits on her
    expect(told(approve(allExperts(), expert(1)), without('expert-1')).told).toEqual([]);
    // 或签: the transferee gone, the other clerk can still sign it
    const either = run(submitted(start([{ name: '办公室审核', role: 'office', mode: 'any' }])), { type: 'transfer', taskId: TASK, from: 'user:office-1', toUserId: 'leader-1', reason: '请领导代审' }, office2, T2);
    expect(told(either, without('leader-1')).told).toEqual([]);
    // nobody deactivated
    expect(told(approve(approve(allExperts(), expert(1)), expert(2)), people).told).toEqual([]);
  });
});

describe('加签 modes: the added person is always required', () => {
  it('并加签 (co-sign) onto an 或签 step: the office approving alone does not close it', () => {
    let s = submitted(start());
    s = run(s, { type: 'addApprover', taskId: TASK, userId: 'expert-1', reason: '请专家把关', mode: 'co-sign' }, office, T2);
    s = approve(s, office2);
    expect(task(s, TASK).status).toBe('submitted');
    expect(taskView(task(s, TASK), T2).waitingFor).toEqual(['user:expert-1']);
    s = approve(s, expert(1));
    expect(task(s, TASK).status).toBe('approved');
  });

  it('并加签 is the default mode, and the co-signer signing first still leaves the 或签 open', () => {
    let s = submitted(start());
    s = run(s, { type: 'addApprover', taskId: TASK, userId: 'expert-1', reason: '请专家把关' }, office, T2);
    s = approve(s, expert(1));
    expect(task(s, TASK).status).toBe('submitted');
    s = approve(s, office2);
    expect(task(s, TASK).status).toBe('approved');
  });

  it('the office, its place signed, hands over the one place still open (the co-signer\'s) without naming it; a signer who decided may not', () => {
    let s = submitted(start());
    s = run(s, { type: 'addApprover', taskId: TASK, userId: 'expert-1', reason: '请专家把关' }, office, T2);
    s = approve(s, office2);
    expect(taskView(task(s, TASK), T2).waitingFor).toEqual(['user:expert-1']);
    expect(availableActions(s, TASK, office2, T2)).toContain('transfer');
    expect(code(s, { type: 'transfer', taskId: TASK, toUserId: 'expert-2', reason: '专家出差' }, expert(2))).toBe('forbidden');
    s = run(s, { type: 'transfer', taskId: TASK, toUserId: 'expert-2', reason: '专家出差' }, office2, T2);
    expect(step0(s).transfers.at(-1)).toMatchObject({ from: 'user:expert-1', to: 'user:expert-2', by: 'office-2' });
    expect(taskView(task(s, TASK), T2).waitingFor).toEqual(['user:expert-2']);
    // the new holder signed: nothing is open; the office's own place is decided (409), and so is the expert's
    s = approve(s, expert(2));
    expect(task(s, TASK).status).toBe('approved');
  });

  it('with two places still open the office must name one; with one left it need not', () => {
    let s = submitted(start([{ name: '专家会签', role: 'expert', mode: 'all' }]));
    s = approve(s, expert(1));
    expect(code(s, { type: 'transfer', taskId: TASK, toUserId: 'leader-1', reason: '-' }, office)).toBe('invalid');
    expect(code(s, { type: 'transfer', taskId: TASK, toUserId: 'leader-1', reason: '-' }, expert(1))).toBe('conflict');
    s = approve(s, expert(2));
    s = run(s, { type: 'transfer', taskId: TASK, toUserId: 'leader-1', reason: '专家3请假' }, office, T2);
    expect(step0(s).transfers.at(-1)).toMatchObject({ from: 'user:expert-3', to: 'user:leader-1' });
  });

  it('前加签 (before): the added person signs first, then the step returns to its approvers', () => {
    let s = submitted(start());
    s = run(s, { type: 'addApprover', taskId: TASK, userId: 'leader-1', reason: '先请领导把关', mode: 'before' }, office, T2);
    const steps = task(s, TASK).rounds[0].steps;
    expect(steps.map((x) => [x.index, x.name, x.status])).toEqual([
      [0, '前加签：王区长', 'active'],
      [1, '领导小组办公室审核', 'waiting'],
    ]);
    expect(code(s, { type: 'approve', taskId: TASK }, office)).toBe('forbidden');
    s = approve(s, leader);
    expect(task(s, TASK).rounds[0].steps.map((x) => x.status)).toEqual(['done', 'active']);
    s = approve(s, office);
    expect(task(s, TASK).status).toBe('approved');
  });

  it('后加签 (after): a new step after this one', () => {
    let s = submitted(start());
    s = run(s, { type: 'addApprover', taskId: TASK, userId: 'leader-1', reason: '报领导签批', mode: 'after' }, office, T2);
    s = approve(s, office);
    expect(task(s, TASK).status).toBe('submitted');
    expect(task(s, TASK).rounds[0].steps.map((x) => [x.name, x.status])).toEqual([
      ['领导小组办公室审核', 'done'],
      ['后加签：王区长', 'active'],
    ]);
    s = approve(s, leader);
    expect(task(s, TASK).status).toBe('approved');
  });

  it('an approver of the step may add (前加签 before me); the submitter may not', () => {
    const s = submitted(start());
    expect(code(s, { type: 'addApprover', taskId: TASK, userId: 'leader-1', reason: '-', mode: 'before' }, office2)).toBe('ok');
    expect(code(s, { type: 'addApprover', taskId: TASK, userId: 'leader-1', reason: '-' }, unitUser('u-a'))).toBe('forbidden');
  });
});

describe('segregation of duties', () => {
  it('nobody of the submitting unit approves, by any route; targets must exist and be allowed', () => {
    const s = submitted(start([{ name: '单位互审', mode: 'any', users: ['unit:u-a', 'unit:u-b'] }]));
    expect(step0(s).signers).toEqual(['unit:u-b']);
    expect(code(s, { type: 'approve', taskId: TASK }, unitUser('u-a'))).toBe('forbidden');
    expect(code(s, { type: 'approve', taskId: TASK }, unitUser('u-a', 2))).toBe('forbidden');
    expect(code(s, { type: 'transfer', taskId: TASK, toUserId: unitUser('u-a', 2).id, reason: '-' }, office)).toBe('forbidden');
    expect(code(s, { type: 'transfer', taskId: TASK, toUserId: unitUser('u-a').id, reason: '-' }, office)).toBe('forbidden');
    expect(code(s, { type: 'addApprover', taskId: TASK, userId: unitUser('u-a', 2).id, reason: '-' }, office)).toBe('forbidden');
    expect(code(s, { type: 'transfer', taskId: TASK, toUserId: 'u-li', reason: '-' }, office)).toBe('invalid');
    expect(code(s, { type: 'addApprover', taskId: TASK, userId: 'nobody', reason: '-' }, office)).toBe('invalid');
    expect(code(s, { type: 'approve', taskId: TASK }, unitUser('u-b'))).toBe('ok');
  });

  it('an office-owned task: the submitting clerk is not a signer; another clerk approves, then the leader', () => {
    let s = withDirectory(createCampaign(smallTemplate(), { campaignId: 'c1' }, T0), people);
    const id = 'work-plan-issued:plan-issued';
    s = run(s, { type: 'submit', taskId: id }, office, T1);
    expect(task(s, id).rounds[0].steps[0].signers).toEqual(['user:office-2']);
    expect(validateCommand(s, { type: 'approve', taskId: id }, office, T2)?.code).toBe('forbidden');
    expect(availableActions(s, id, office, T2)).not.toContain('approve');
    s = run(s, { type: 'approve', taskId: id }, office2, T2);
    expect(task(s, id).rounds[0].steps[1].signers).toEqual(['user:leader-1']);
    s = run(s, { type: 'approve', taskId: id }, leader, T2);
    expect(task(s, id).status).toBe('approved');
  });
});

describe('unit places and the unit\'s liaisons (联络员)', () => {
  const chain = [{ name: '乙单位确认', mode: 'any' as const, users: ['unit:u-b'] }];
  it('a unit with designated liaisons signs through them only; the inbox names them', () => {
    const liaison = unitUser('u-b');
    const colleague = unitUser('u-b', 2);
    const directory = [...people, dir(colleague)].map((p) => (p.id === liaison.id ? { ...p, liaisonOf: ['u-b'] } : p));
    let s = submitted(start(chain, directory));
    expect(step0(s)).toMatchObject({ signers: ['unit:u-b'], unitHolders: { 'u-b': [liaison.id] } });
    expect(taskView(task(s, TASK), T2).waitingFor).toEqual([`user:${liaison.id}`]);
    expect(code(s, { type: 'approve', taskId: TASK }, colleague)).toBe('forbidden');
    s = approve(s, liaison);
    expect(task(s, TASK).status).toBe('approved');
  });

  it('without designated liaisons, any active member of the unit signs (once, for the unit)', () => {
    let s = submitted(start(chain, [...people, dir(unitUser('u-b', 2))]));
    expect(step0(s).unitHolders).toBeUndefined();
    expect(taskView(task(s, TASK), T2).waitingFor).toEqual(['unit:u-b']);
    s = approve(s, unitUser('u-b', 2));
    expect(task(s, TASK).status).toBe('approved');
  });
});


describe('signers sign (planRules.signersSignOnly): experts neither hand over nor add; a signer who decided adds no one', () => {
  const panel: ApprovalStepDef[] = [{ name: '专家评审', role: 'expert', mode: 'all' }];
  const transfer = { type: 'transfer', taskId: TASK, toUserId: 'leader-1', reason: '专家请假' };
  const add = { type: 'addApprover', taskId: TASK, userId: 'office-2', reason: '请办公室副主任把关' };
  const review = (signersSignOnly: boolean) => submitted(start(panel, people, signersSignOnly ? { signersSignOnly } : undefined));

  it('an expert holding a place: 转交 and 加签 forbidden, 同意 / 退回 offered; the office still transfers and adds', () => {
    const s = review(true);
    expect(validateCommand(s, transfer, expert(1), T2)).toMatchObject({ code: 'forbidden', reason: expect.stringContaining('评审专家只签批') });
    expect(validateCommand(s, add, expert(1), T2)).toMatchObject({ code: 'forbidden', reason: expect.stringContaining('评审专家只签批') });
    expect(availableActions(s, TASK, expert(1), T2)).toEqual(expect.arrayContaining(['approve', 'return']));
    expect(availableActions(s, TASK, expert(1), T2)).not.toContain('transfer');
    expect(availableActions(s, TASK, expert(1), T2)).not.toContain('addApprover');
    expect(code(s, { ...transfer, from: 'user:expert-1' }, office)).toBe('ok');
    expect(code(s, add, office)).toBe('ok');
    expect(code(s, add, leader)).toBe('ok');
    expect(code(s, add, expert(2))).toBe('forbidden'); // not only before signing: an expert never adds
  });

  it('a unit signer who has decided in a 会签 step may no longer 加签 there; before deciding they may; a leader who decided still may', () => {
    const chain: ApprovalStepDef[] = [{ name: '会签', mode: 'all', users: ['unit:u-b', 'user:leader-1', 'user:expert-1'] }];
    const add = { type: 'addApprover', taskId: TASK, userId: 'expert-2', reason: '请再加一位专家' };
    let s = submitted(start(chain, people, { signersSignOnly: true }));
    expect(code(s, add, unitUser('u-b'))).toBe('ok');
    s = approve(approve(s, unitUser('u-b')), leader);
    expect(validateCommand(s, add, unitUser('u-b'), T2)).toMatchObject({ code: 'forbidden', reason: expect.stringContaining('您已在本环节签批，不能再加签') });
    expect(availableActions(s, TASK, unitUser('u-b'), T2)).not.toContain('addApprover');
    expect(code(s, add, leader)).toBe('ok');
  });

  it('a campaign started before the rule keeps today\'s behaviour: the expert transfers and adds, a signer who decided still adds', () => {
    const s = review(false);
    expect(code(s, transfer, expert(1))).toBe('ok');
    expect(code(s, add, expert(1))).toBe('ok');
    const signed = approve(s, expert(1));
    expect(code(signed, add, expert(1))).toBe('ok');
  });
});
