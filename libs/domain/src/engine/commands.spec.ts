import type { CampaignState } from './campaign-state';
import type { Command } from './command.schema';
import { applyCommand, commandTraits, decide } from './commands';
import { createCampaign } from './create-campaign';
import { validateCommand } from './command-validation';
import { at, complete, completePhase, leader, office, office2, run, smallTemplate, task, unitUser, user, expert } from '../../../../test/fixtures/engine-fixtures';
import { availableActions, inbox, taskView } from './views';
import { applicationGate } from './progression';

const T0 = at('2024-03-01T09:00:00');
const T1 = at('2024-03-04T10:00:00');
const T2 = at('2024-03-05T10:00:00');
const T3 = at('2024-03-06T10:00:00');

function start(patch?: Parameters<typeof smallTemplate>[0]): CampaignState {
  return createCampaign(smallTemplate(patch), { campaignId: 'c1' }, T0);
}

function deepFreeze<T>(o: T): T {
  if (o && typeof o === 'object') {
    Object.freeze(o);
    for (const v of Object.values(o)) deepFreeze(v);
  }
  return o;
}

describe('submit and approve through the default chains', () => {
  it('office → leader chain: submit, office approves, leader signs → approved', () => {
    let s = start();
    s = run(s, { type: 'submit', taskId: 'work-plan-issued:plan-issued', comment: '方案已印发', evidence: [{ name: '历下政字〔2021〕21号.pdf', ref: 'file-1' }] }, office, T1);
    expect(task(s, 'work-plan-issued:plan-issued').status).toBe('submitted');
    s = run(s, { type: 'approve', taskId: 'work-plan-issued:plan-issued', comment: '同意' }, office2, T2);
    let t = task(s, 'work-plan-issued:plan-issued');
    expect(t.status).toBe('submitted');
    expect(t.rounds[0].steps.map((x) => x.status)).toEqual(['done', 'active']);
    const r = decide(s, { type: 'approve', taskId: t.id }, leader, T3);
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    t = task(r.state, t.id);
    expect(t.status).toBe('approved');
    expect(t.rounds[0].outcome).toBe('approved');
    expect(t.rounds[0].submission).toMatchObject({ by: 'office-1', comment: '方案已印发', evidence: [{ name: '历下政字〔2021〕21号.pdf', ref: 'file-1' }] });
    expect(r.events[0]).toMatchObject({ action: 'approve', taskId: t.id, step: 1, actorId: 'leader-1', at: T3, detail: { decision: 'approve', stepDone: true } });
  });

  it('a unit submits its own task; the office approves', () => {
    let s = start();
    s = run(s, { type: 'submit', taskId: 'unit-contacts:u-a', value: '分管：李副局长；联络员：赵科员' }, unitUser('u-a'), T1);
    s = run(s, { type: 'approve', taskId: 'unit-contacts:u-a' }, office, T2);
    expect(task(s, 'unit-contacts:u-a').status).toBe('approved');
    expect(task(s, 'unit-contacts:u-a').rounds[0].submission.value).toBe('分管：李副局长；联络员：赵科员');
  });

  it('the first phase completes when all its required tasks are approved, and the next is created', () => {
    let s = start();
    const events: unknown[] = [];
    s = complete(s, ['work-plan-issued:plan-issued', 'unit-contacts:u-a', 'unit-contacts:u-b'], T1);
    expect(s.currentPhase).toBe('mobilization');
    s = run(s, { type: 'submit', taskId: 'unit-contacts:u-c' }, unitUser('u-c'), T2);
    s = run(s, { type: 'approve', taskId: 'unit-contacts:u-c' }, office, T2, events as never);
    expect(s.currentPhase).toBe('implementation');
    expect(s.phases.map((p) => p.status)).toEqual(['completed', 'active', 'pending']);
    expect((events as { action: string }[]).map((e) => e.action)).toEqual(['approve', 'phase-completed', 'tasks-created']);
    expect(s.tasks.filter((t) => t.phase === 'implementation')).toHaveLength(10);
  });
});

describe('refusals', () => {
  const s = start();

  it('wrong unit → forbidden', () => {
    const r = validateCommand(s, { type: 'submit', taskId: 'unit-contacts:u-a' }, unitUser('u-b'), T1);
    expect(r).toEqual({ code: 'forbidden', reason: expect.stringContaining('任务不属于您的单位') });
    expect(r?.reason).toContain('u-a');
  });

  it('unknown task → not-found; bad payload → invalid', () => {
    expect(validateCommand(s, { type: 'submit', taskId: 'nope' }, office, T1)?.code).toBe('not-found');
    expect(validateCommand(s, { type: 'return', taskId: 'unit-contacts:u-a', reason: '  ' }, office, T1)?.code).toBe('invalid');
    expect(validateCommand(s, { type: 'fly' }, office, T1)?.code).toBe('invalid');
  });

  it('approve when not submitted → conflict; a unit user cannot approve', () => {
    expect(validateCommand(s, { type: 'approve', taskId: 'unit-contacts:u-a' }, office, T1)?.code).toBe('conflict');
    const s1 = run(s, { type: 'submit', taskId: 'unit-contacts:u-a' }, unitUser('u-a'), T1);
    expect(validateCommand(s1, { type: 'approve', taskId: 'unit-contacts:u-a' }, unitUser('u-a'), T1)?.code).toBe('forbidden');
    expect(validateCommand(s1, { type: 'submit', taskId: 'unit-contacts:u-a' }, unitUser('u-a'), T1)?.code).toBe('conflict');
  });

  it('paused campaign refuses work but accepts resume, cancel and deadline moves', () => {
    const p = run(s, { type: 'pause', reason: '疫情防控，暂停创建工作' }, office, T1);
    const r = validateCommand(p, { type: 'submit', taskId: 'unit-contacts:u-a' }, unitUser('u-a'), T2);
    expect(r).toEqual({ code: 'conflict', reason: expect.stringContaining('活动已暂停') });
    expect(validateCommand(p, { type: 'moveDeadlines', phase: 'implementation', shiftBy: 'P7D', reason: '省厅调整' }, office, T2)).toBeNull();
    expect(validateCommand(p, { type: 'resume' }, unitUser('u-a'), T2)?.code).toBe('forbidden');
    expect(validateCommand(p, { type: 'resume' }, leader, T2)).toBeNull();
    expect(validateCommand(s, { type: 'resume' }, leader, T2)?.code).toBe('conflict');
  });

  it('validateCommand never mutates the state', () => {
    const frozen = deepFreeze(run(s, { type: 'submit', taskId: 'unit-contacts:u-a' }, unitUser('u-a'), T1));
    const before = JSON.stringify(frozen);
    const cmds: Command[] = [
      { type: 'approve', taskId: 'unit-contacts:u-a' },
      { type: 'transfer', taskId: 'unit-contacts:u-a', toUserId: 'x', reason: '出差' },
      { type: 'moveDeadlines', phase: 'mobilization', shiftBy: 'P1D', reason: 'r' },
      { type: 'closePhase', phase: 'mobilization', reason: 'r' },
    ];
    for (const c of cmds) expect(validateCommand(frozen, c, office, T2)).toBeNull();
    expect(JSON.stringify(frozen)).toBe(before);
    // applyCommand returns a new state and leaves the frozen input alone
    const out = applyCommand(frozen, cmds[0], office, T2);
    expect(task(out.state, 'unit-contacts:u-a').status).toBe('approved');
    expect(JSON.stringify(frozen)).toBe(before);
  });

  it('finished campaigns refuse everything', () => {
    const c = run(s, { type: 'cancel', reason: '上级取消' }, office, T1);
    expect(c.status).toBe('cancelled');
    expect(validateCommand(c, { type: 'pause', reason: 'x' }, office, T2)?.code).toBe('conflict');
  });
});

describe('return and rework', () => {
  it('keeps both rounds; the second round starts with fresh steps', () => {
    let s = start();
    s = run(s, { type: 'submit', taskId: 'unit-contacts:u-b', value: '联络员：钱' }, unitUser('u-b'), T1);
    expect(validateCommand(s, { type: 'return', taskId: 'unit-contacts:u-b' } as never, office, T2)?.code).toBe('invalid');
    s = run(s, { type: 'return', taskId: 'unit-contacts:u-b', reason: '缺少分管领导' }, office, T2);
    let t = task(s, 'unit-contacts:u-b');
    expect(t.status).toBe('returned');
    expect(taskView(t, T2).round).toBe(2);
    s = run(s, { type: 'submit', taskId: 'unit-contacts:u-b', value: '分管：孙；联络员：钱' }, unitUser('u-b', 2), T3);
    s = run(s, { type: 'approve', taskId: 'unit-contacts:u-b' }, office, T3);
    t = task(s, 'unit-contacts:u-b');
    expect(t.status).toBe('approved');
    expect(t.rounds.map((r) => [r.round, r.outcome, r.submission.value])).toEqual([
      [1, 'returned', '联络员：钱'],
      [2, 'approved', '分管：孙；联络员：钱'],
    ]);
    expect(t.rounds[0].steps[0].decisions[0]).toMatchObject({ by: 'office-1', decision: 'return', comment: '缺少分管领导' });
    expect(t.rounds[1].steps[0].decisions).toHaveLength(1);
    expect(taskView(t, T3).rounds).toHaveLength(2);
  });
});

describe('or-sign, countersign and n-of-m', () => {
  const chains = (mode: 'any' | 'all' | 'n-of-m', n?: number) =>
    start((x) => {
      x.approvalChains = { 'unit-contacts': [{ name: '联审', users: ['li', 'wang', 'zhao'], mode, ...(n ? { n } : {}) }] };
    });
  const submitted = (s: CampaignState) => run(s, { type: 'submit', taskId: 'unit-contacts:u-a' }, unitUser('u-a'), T1);

  it('any: one approval completes the step', () => {
    const s = run(submitted(chains('any')), { type: 'approve', taskId: 'unit-contacts:u-a' }, user('wang'), T2);
    expect(task(s, 'unit-contacts:u-a').status).toBe('approved');
  });

  it('all: every listed user must approve; the same user cannot decide twice', () => {
    let s = submitted(chains('all'));
    s = run(s, { type: 'approve', taskId: 'unit-contacts:u-a' }, user('li'), T2);
    expect(validateCommand(s, { type: 'approve', taskId: 'unit-contacts:u-a' }, user('li'), T2)?.code).toBe('conflict');
    s = run(s, { type: 'approve', taskId: 'unit-contacts:u-a' }, user('wang'), T2);
    expect(task(s, 'unit-contacts:u-a').status).toBe('submitted');
    expect(validateCommand(s, { type: 'approve', taskId: 'unit-contacts:u-a' }, user('sun'), T2)?.code).toBe('forbidden');
    s = run(s, { type: 'approve', taskId: 'unit-contacts:u-a' }, user('zhao'), T3);
    expect(task(s, 'unit-contacts:u-a').status).toBe('approved');
  });

  it('n-of-m: n distinct approvals', () => {
    let s = submitted(chains('n-of-m', 2));
    s = run(s, { type: 'approve', taskId: 'unit-contacts:u-a' }, user('zhao'), T2);
    expect(task(s, 'unit-contacts:u-a').status).toBe('submitted');
    s = run(s, { type: 'approve', taskId: 'unit-contacts:u-a' }, user('li'), T2);
    expect(task(s, 'unit-contacts:u-a').status).toBe('approved');
  });

  it('role step with mode all needs n distinct holders of the role (experts)', () => {
    let s = start((x) => {
      x.approvalChains = { 'plan-expert-review': [{ name: '专家评审', role: 'expert', mode: 'all', n: 2 }] };
    });
    s = completePhase(s, T1);
    s = run(s, { type: 'submit', taskId: 'plan-expert-review:expert-review' }, office, T2);
    s = run(s, { type: 'approve', taskId: 'plan-expert-review:expert-review', comment: '同意通过论证' }, expert(1), T2);
    expect(task(s, 'plan-expert-review:expert-review').status).toBe('submitted');
    s = run(s, { type: 'approve', taskId: 'plan-expert-review:expert-review', comment: '建议补充水环境章节' }, expert(2), T3);
    expect(task(s, 'plan-expert-review:expert-review').status).toBe('approved');
    expect(task(s, 'plan-expert-review:expert-review').rounds[0].steps[0].decisions.map((d) => d.comment)).toEqual(['同意通过论证', '建议补充水环境章节']);
  });
});

describe('修改后通过: an approval on condition of the changes its comment names', () => {
  it('counts as an approval and is recorded as such (decision, view, audit event); without the changes named it is refused', () => {
    let s = start((x) => {
      x.approvalChains = { 'plan-expert-review': [{ name: '专家评审', role: 'expert', mode: 'all', n: 2 }] };
    });
    s = completePhase(s, T1);
    s = run(s, { type: 'submit', taskId: 'plan-expert-review:expert-review' }, office, T2);
    const bare = validateCommand(s, { type: 'approve', taskId: 'plan-expert-review:expert-review', withChanges: true }, expert(1), T2);
    expect(bare).toMatchObject({ code: 'invalid', reason: expect.stringContaining('修改后通过须填写修改意见') });
    expect(validateCommand(s, { type: 'approve', taskId: 'plan-expert-review:expert-review', withChanges: true, comment: '  ' }, expert(1), T2)?.code).toBe('invalid');
    const r = applyCommand(s, { type: 'approve', taskId: 'plan-expert-review:expert-review', withChanges: true, comment: '补充水环境章节' }, expert(1), T2);
    expect(r.events.find((e) => e.action === 'approve')?.detail).toMatchObject({ decision: 'approve', withChanges: true });
    s = run(r.state, { type: 'approve', taskId: 'plan-expert-review:expert-review', comment: '同意' }, expert(2), T3);
    const t = task(s, 'plan-expert-review:expert-review');
    expect(t.status).toBe('approved');
    expect(t.rounds[0].steps[0].decisions.map((d) => [d.decision, d.withChanges ?? false])).toEqual([['approve', true], ['approve', false]]);
    expect(taskView(t, T3).rounds[0].steps[0].decisions.map((d) => d.withChanges)).toEqual([true, undefined]);
  });

  it('campaigns started since withChangesOnReviewsOnly: refused on any step but an expert review (退回 instead); earlier ones accept it anywhere', () => {
    const submitted = (rules: CampaignState['planRules']) => {
      const s = { ...start(), planRules: rules };
      return run(s, { type: 'submit', taskId: 'unit-contacts:u-a', value: '联络员：赵科员' }, unitUser('u-a'), T1);
    };
    const withChanges = { type: 'approve', taskId: 'unit-contacts:u-a', withChanges: true, comment: '请补充分管负责人电话' } as const;
    expect(validateCommand(submitted({ withChangesOnReviewsOnly: true }), withChanges, office, T2)).toMatchObject({ code: 'invalid', reason: expect.stringContaining('修改后通过仅用于专家评审；如需修改，请退回补正') });
    // a plain approval is as before; a campaign started before accepts 修改后通过 here
    expect(validateCommand(submitted({ withChangesOnReviewsOnly: true }), { type: 'approve', taskId: 'unit-contacts:u-a' }, office, T2)).toBeNull();
    expect(validateCommand(submitted({}), withChanges, office, T2)).toBeNull();
    // the expert review keeps it
    let r: CampaignState = { ...start((x) => { x.approvalChains = { 'plan-expert-review': [{ name: '专家评审', role: 'expert', mode: 'all', n: 2 }] }; }), planRules: { withChangesOnReviewsOnly: true } };
    r = run(completePhase(r, T1), { type: 'submit', taskId: 'plan-expert-review:expert-review' }, office, T2);
    expect(validateCommand(r, { type: 'approve', taskId: 'plan-expert-review:expert-review', withChanges: true, comment: '补充水环境章节' }, expert(1), T2)).toBeNull();
  });
});

describe('transfer (转交) and add approver (加签)', () => {
  const base = () =>
    run(
      start((x) => {
        x.approvalChains = { 'unit-contacts': [{ name: '会签', users: ['li', 'wang'], mode: 'all' }] };
      }),
      { type: 'submit', taskId: 'unit-contacts:u-a' },
      unitUser('u-a'),
      T1,
    );

  it('the transferee acts on behalf of the original, who stays on the record and can no longer act', () => {
    let s = base();
    s = run(s, { type: 'transfer', taskId: 'unit-contacts:u-a', toUserId: 'chen', toUserName: '陈科长', reason: '李局长出差' }, user('li'), T2);
    expect(validateCommand(s, { type: 'approve', taskId: 'unit-contacts:u-a' }, user('li'), T2)?.code).toBe('forbidden');
    const events: never[] = [];
    s = run(s, { type: 'approve', taskId: 'unit-contacts:u-a' }, user('chen'), T2, events);
    expect(events[0]).toMatchObject({ action: 'approve', onBehalfOf: 'user:li', actorId: 'chen' });
    const step = task(s, 'unit-contacts:u-a').rounds[0].steps[0];
    expect(step.assignees).toEqual(['user:li', 'user:wang']);
    expect(step.transfers).toEqual([{ from: 'user:li', fromHolder: 'user:li', to: 'user:chen', toName: '陈科长', by: 'li', reason: '李局长出差', at: T2 }]);
    expect(step.decisions[0]).toMatchObject({ by: 'chen', as: 'user:li', onBehalfOf: 'user:li' });
    expect(task(s, 'unit-contacts:u-a').status).toBe('submitted');
    s = run(s, { type: 'approve', taskId: 'unit-contacts:u-a' }, user('wang'), T3);
    expect(task(s, 'unit-contacts:u-a').status).toBe('approved');
  });

  it('only an assignee or the office may transfer; a reason is required', () => {
    const s = base();
    expect(validateCommand(s, { type: 'transfer', taskId: 'unit-contacts:u-a', toUserId: 'x', reason: 'r' }, unitUser('u-b'), T2)?.code).toBe('forbidden');
    expect(validateCommand(s, { type: 'transfer', taskId: 'unit-contacts:u-a', toUserId: 'x', reason: '' }, user('li'), T2)?.code).toBe('invalid');
    expect(validateCommand(s, { type: 'transfer', taskId: 'unit-contacts:u-a', toUserId: 'x', reason: 'r', from: 'user:wang' }, office, T2)).toBeNull();
    expect(validateCommand(s, { type: 'transfer', taskId: 'unit-contacts:u-a', toUserId: 'x', reason: 'r' }, office, T2)?.code).toBe('invalid');
  });

  it('an added approver is required in a countersign step', () => {
    let s = base();
    expect(validateCommand(s, { type: 'addApprover', taskId: 'unit-contacts:u-a', userId: 'zhou', reason: '涉及财政资金' }, unitUser('u-a'), T2)?.code).toBe('forbidden');
    s = run(s, { type: 'addApprover', taskId: 'unit-contacts:u-a', userId: 'zhou', userName: '周局长', reason: '涉及财政资金' }, leader, T2);
    s = run(s, { type: 'approve', taskId: 'unit-contacts:u-a' }, user('li'), T2);
    s = run(s, { type: 'approve', taskId: 'unit-contacts:u-a' }, user('wang'), T2);
    expect(task(s, 'unit-contacts:u-a').status).toBe('submitted');
    expect(inbox(s, user('zhou'), T2).map((t) => t.id)).toEqual(['unit-contacts:u-a']);
    expect(availableActions(s, 'unit-contacts:u-a', user('zhou'), T2)).toEqual(['approve', 'return', 'transfer', 'addApprover']);
    s = run(s, { type: 'approve', taskId: 'unit-contacts:u-a' }, user('zhou'), T3);
    expect(task(s, 'unit-contacts:u-a').status).toBe('approved');
    expect(task(s, 'unit-contacts:u-a').rounds[0].steps[0].added).toEqual([{ userId: 'zhou', userName: '周局长', by: 'leader-1', byName: '王区长', reason: '涉及财政资金', at: T2 }]);
  });
});

describe('indicators and the application gate', () => {
  it('an indicator can be submitted only after its contributions are approved (by the lead unit)', () => {
    let s = completePhase(start(), T1);
    const r = validateCommand(s, { type: 'submit', taskId: 'indicator:2' }, unitUser('u-b'), T2);
    expect(r?.code).toBe('conflict');
    expect(r?.reason).toContain('各街道');
    // a member of the collective "各街道" submits the collective's contribution; the lead unit confirms it
    s = run(s, { type: 'submit', taskId: 'indicator-contribution:2:jd', value: 87.5 }, unitUser('u-c'), T2);
    expect(validateCommand(s, { type: 'approve', taskId: 'indicator-contribution:2:jd' }, office, T2)?.code).toBe('forbidden');
    s = run(s, { type: 'approve', taskId: 'indicator-contribution:2:jd' }, unitUser('u-b'), T2);
    expect(validateCommand(s, { type: 'submit', taskId: 'indicator:2' }, unitUser('u-b'), T2)).toBeNull();
  });

  it('refuses the application while a binding indicator, a veto attestation or a certificate is missing', () => {
    let s = completePhase(start(), T1);
    s = complete(s, ['indicator:2', 'indicator-contribution:2:jd', 'certificate:C1', 'plan-comments:u-a', 'plan-comments:u-b', 'plan-expert-review:expert-review'], T1);
    s = run(s, { type: 'closePhase', phase: 'implementation', reason: '按省厅要求提前进入申报阶段' }, office, T2);
    expect(s.currentPhase).toBe('application');
    expect([...(s.phases[1].closed?.carriedTaskIds ?? [])].sort()).toEqual(['indicator-contribution:1:u-b', 'indicator:1', 'indicator:3', 'veto-attestation:23.1']);
    const r = decide(s, { type: 'submit', taskId: 'application:apply' }, office, T2);
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.code).toBe('conflict');
    expect(r.reason).toContain('指标1');
    expect(r.reason).toContain('否决情形23.1');
    expect(r.reason).not.toContain('指标3'); // reference indicator does not block
    s = complete(s, ['indicator:1', 'indicator-contribution:1:u-b'], T2);
    expect(validateCommand(s, { type: 'submit', taskId: 'application:apply' }, office, T2)?.reason).toContain('23.1');
    s = complete(s, ['veto-attestation:23.1'], T2);
    expect(validateCommand(s, { type: 'submit', taskId: 'application:apply' }, office, T2)).toBeNull();
  });

  it("each missing item's reason alone (why) for screens that show its code and name beside it; the whole reason names them", () => {
    const s = completePhase(start(), T1);
    const ind = applicationGate(s).missing.find((m) => m.kind === 'binding-indicator' && m.code === '1')!;
    expect(ind.reason).toMatch(/^指标1「[^」]+」：约束性指标尚未提交达标材料/);
    expect(ind.why).toMatch(/^约束性指标尚未提交达标材料（[^）]+）$/); // the unit, once; not 指标1 nor its name again
    expect(ind.reason).toContain(ind.why);
    const veto = applicationGate(s).missing.find((m) => m.kind === 'veto-condition')!;
    expect(veto.why).not.toContain(`否决情形${veto.code}`);
    expect(veto.reason).toContain(`否决情形${veto.code}`);
  });

  it('the gate also names a missing certificate', () => {
    let s = completePhase(start(), T1);
    s = run(s, { type: 'closePhase', phase: 'implementation', reason: '提前申报' }, office, T2);
    expect(validateCommand(s, { type: 'submit', taskId: 'application:apply' }, office, T2)?.reason).toContain('指标C1');
  });
});

describe('command traits: which later engine rules a command needs (its module says)', () => {
  it('调整期限 moves deadlines and tells the moves; a 退回 moves one only with a 补正期限 and does not announce it', () => {
    expect(commandTraits({ type: 'moveDeadlines', taskIds: ['t'], dueDate: '2027-03-05', reason: 'r' } as Command)).toEqual({ movesDeadlines: true, announcesDeadlineMoves: true, opensPublicNotice: false, opensRectifications: false, endsPause: false, startsPause: false, endsCampaign: false, closesPhase: false });
    expect(commandTraits({ type: 'return', taskId: 't', reason: 'r', dueDate: '2027-03-05' } as Command)).toEqual({ movesDeadlines: true, announcesDeadlineMoves: false, opensPublicNotice: false, opensRectifications: false, endsPause: false, startsPause: false, endsCampaign: false, closesPhase: false });
    expect(commandTraits({ type: 'return', taskId: 't', reason: 'r' } as Command)).toEqual({ movesDeadlines: false, announcesDeadlineMoves: false, opensPublicNotice: false, opensRectifications: false, endsPause: false, startsPause: false, endsCampaign: false, closesPhase: false });
    expect(commandTraits({ type: 'submit', taskId: 't' } as Command)).toEqual({ movesDeadlines: false, announcesDeadlineMoves: false, opensPublicNotice: false, opensRectifications: false, endsPause: false, startsPause: false, endsCampaign: false, closesPhase: false });
  });
  it('only 结束阶段 closes a phase (the people of the tasks it cancels are told, in runs that have that)', () => {
    expect(commandTraits({ type: 'closePhase', phase: 'mobilization', reason: 'r' } as Command).closesPhase).toBe(true);
    expect(commandTraits({ type: 'cancel', reason: 'r' } as Command).closesPhase).toBe(false);
  });
  it('only 恢复 ends a pause (its dates move by the working days the pause covered, in runs that have that)', () => {
    expect(commandTraits({ type: 'resume' } as Command).endsPause).toBe(true);
    expect(commandTraits({ type: 'pause', reason: 'r' } as Command).endsPause).toBe(false);
  });
  it('only 暂停 starts a pause (its live tasks\' people are told, in runs that have that)', () => {
    expect(commandTraits({ type: 'pause', reason: 'r' } as Command).startsPause).toBe(true);
    expect(commandTraits({ type: 'resume' } as Command).startsPause).toBe(false);
  });
  it('终止 and a stage recorded 未通过 end the campaign (its live tasks\' people are told, in runs that have that)', () => {
    expect(commandTraits({ type: 'cancel', reason: 'r' } as Command).endsCampaign).toBe(true);
    expect(commandTraits({ type: 'pause', reason: 'r' } as Command).endsCampaign).toBe(false);
    // …or a stage recorded 未通过
    expect(commandTraits({ type: 'recordExternalResult', stage: 'pre-review', outcome: 'failed' } as Command).endsCampaign).toBe(true);
    expect(commandTraits({ type: 'recordExternalResult', stage: 'pre-review', outcome: 'passed' } as Command).endsCampaign).toBe(false);
  });
  it('only a passed 预审 opens the 公示 window', () => {
    expect(commandTraits({ type: 'recordExternalResult', stage: 'pre-review', outcome: 'passed' } as Command).opensPublicNotice).toBe(true);
    expect(commandTraits({ type: 'recordExternalResult', stage: 'pre-review', outcome: 'issues', findings: [{ title: 'x' }] } as Command).opensPublicNotice).toBe(false);
    expect(commandTraits({ type: 'recordExternalResult', stage: 'pre-review', outcome: 'issues', findings: [{ title: 'x' }] } as Command).opensRectifications).toBe(true); // its 整改 dated before the steps waiting (runs since)
    expect(commandTraits({ type: 'recordExternalResult', stage: 'pre-review', outcome: 'passed' } as Command).opensRectifications).toBe(false);
    expect(commandTraits({ type: 'recordExternalResult', stage: 'inspection', outcome: 'passed' } as Command).opensPublicNotice).toBe(false);
  });
});
