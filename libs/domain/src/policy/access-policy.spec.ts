import type { Actor, DirectoryUser, StepState } from '../engine/campaign-state';
import { CommandSchema, type Command, type CommandType } from '../engine/command.schema';
import type { TaskView } from '../engine/views';
import { authorize, authorizeTarget, escalationRecipients, inboxPrincipalsOf, leadReadsContribution, principalsOf, reminderRecipients, whoMayAct, type AccessContext } from './access-policy';
import { taskFactsFromView, type TaskFacts } from './facts';

/**
 * The access policy as a table: every command × every relation an actor can have to a task of unit u-a, submitted
 * by its liaison, waiting on the office step (或签, signers office-1 and office-2) with zhou added as a co-signer.
 */
const actors = {
  submitter: { id: 'liaison-a', name: '甲局联络员', roles: ['unit'], unitId: 'u-a' },
  ownUnit: { id: 'deputy-a', name: '甲局副局长', roles: ['unit'], unitId: 'u-a' },
  otherUnit: { id: 'liaison-b', name: '乙局联络员', roles: ['unit'], unitId: 'u-b' },
  office: { id: 'office-1', name: '办公室科员', roles: ['office'] },
  leader: { id: 'leader-1', name: '组长', roles: ['leader'] },
  addedApprover: { id: 'zhou', name: '周专家', roles: ['expert'] },
  /** The higher authority's inspection team (上级核查组): records external results, nothing else. */
  supervisor: { id: 'city-1', name: '市生态环境局核查组', roles: ['inspector'] },
  admin: { id: 'admin-1', name: '管理员', roles: ['admin'] },
} satisfies Record<string, Actor>;
type Relation = keyof typeof actors;
const RELATIONS = Object.keys(actors) as Relation[];

const step: StepState = {
  index: 0,
  name: '领导小组办公室审核',
  mode: 'any',
  assignees: ['role:office'],
  signers: ['user:office-1', 'user:office-2', 'user:zhou'],
  added: [{ userId: 'zhou', mode: 'co-sign', by: 'office-1', reason: '请专家把关', at: 1 }],
  transfers: [],
  decisions: [],
  status: 'active',
};
const submitted: TaskFacts = { id: 'materials:u-a', kind: 'materials', owner: 'unit', unitId: 'u-a', external: false, status: 'submitted', submission: { by: 'liaison-a', unitId: 'u-a' }, step };
const open: TaskFacts = { id: 'materials:u-a', kind: 'materials', owner: 'unit', unitId: 'u-a', external: false, status: 'open' };

const commands: Record<CommandType, Command> = {
  submit: { type: 'submit', taskId: open.id },
  approve: { type: 'approve', taskId: submitted.id },
  return: { type: 'return', taskId: submitted.id, reason: '材料不全' },
  transfer: { type: 'transfer', taskId: submitted.id, toUserId: 'office-2', reason: '出差' },
  addApprover: { type: 'addApprover', taskId: submitted.id, userId: 'li', reason: '加签' },
  moveDeadlines: { type: 'moveDeadlines', taskIds: [submitted.id], shiftBy: 'P7D', reason: '省厅调整' },
  pause: { type: 'pause', reason: '疫情' },
  resume: { type: 'resume' },
  closePhase: { type: 'closePhase', phase: 'mobilization', reason: '提前结束' },
  recordExternalResult: { type: 'recordExternalResult', stage: 'pre-review', outcome: 'passed' },
  openRectification: { type: 'openRectification', unitId: 'u-b', title: '整改' },
  cancel: { type: 'cancel', reason: '终止' },
  confirmJoint: { type: 'confirmJoint', taskId: 'indicator:2' },
  recordVetoFinding: { type: 'recordVetoFinding', vetoCode: '23.1', finding: '2023年发生一起较大生态破坏事件' },
  liftVetoBlock: { type: 'liftVetoBlock', vetoCode: '23.1', reason: '经核实不在近3年内' },
  urge: { type: 'urge', taskId: submitted.id, comment: '请尽快审批' },
};

type Answer = 'ok' | 'forbidden' | 'conflict';
const only = (answers: Partial<Record<Relation, Answer>>): Record<Relation, Answer> =>
  Object.fromEntries(RELATIONS.map((r) => [r, answers[r] ?? 'forbidden'])) as Record<Relation, Answer>;

/** Expected answers. Anything not listed as ok is forbidden. */
const TABLE: Record<CommandType, Record<Relation, Answer>> = {
  submit: only({ submitter: 'ok', ownUnit: 'ok' }),
  approve: only({ office: 'ok', addedApprover: 'ok' }),
  return: only({ office: 'ok', addedApprover: 'ok' }),
  transfer: only({ office: 'ok', addedApprover: 'ok' }),
  addApprover: only({ office: 'ok', leader: 'ok', addedApprover: 'ok' }),
  moveDeadlines: only({ office: 'ok', leader: 'ok' }),
  pause: only({ office: 'ok', leader: 'ok', admin: 'ok' }),
  resume: only({ office: 'ok', leader: 'ok', admin: 'ok' }),
  closePhase: only({ office: 'ok' }),
  recordExternalResult: only({ office: 'ok', supervisor: 'ok' }),
  openRectification: only({ office: 'ok' }),
  cancel: only({ office: 'ok', admin: 'ok' }),
  confirmJoint: only({ otherUnit: 'ok' }),
  recordVetoFinding: only({ office: 'ok' }),
  liftVetoBlock: only({ office: 'ok', leader: 'ok' }),
  urge: only({ office: 'ok', leader: 'ok' }),
};

/** A jointly-owned task (共同负责: u-a, u-b) that u-a's liaison submitted: u-b still has to confirm it. */
const jointSubmitted: TaskFacts = { id: 'indicator:2', kind: 'indicator', owner: 'unit', unitId: 'u-a', jointUnitIds: ['u-a', 'u-b'], external: false, status: 'submitted', submission: { by: 'liaison-a', unitId: 'u-a' }, awaitingConfirmation: ['u-b'] };

const ctxFor = (c: Command): AccessContext => ({ units: [], separationOfDuties: true, task: c.type === 'submit' ? open : c.type === 'confirmJoint' ? jointSubmitted : submitted });
const answer = (c: Command, a: Actor): Answer => {
  const d = authorize(ctxFor(c), a, { kind: 'command', command: c });
  return d.allowed ? 'ok' : (d.code as Answer);
};

describe('access policy: every command × relation', () => {
  it('the table covers every command the engine accepts', () => {
    const types = CommandSchema.options.map((o) => o.shape.type.value).sort();
    expect(Object.keys(TABLE).sort()).toEqual(types);
    expect(Object.keys(commands).sort()).toEqual(types);
  });

  for (const type of Object.keys(TABLE) as CommandType[]) {
    it(`${type}`, () => {
      const got = Object.fromEntries(RELATIONS.map((r) => [r, answer(commands[type], actors[r])]));
      expect(got).toEqual(TABLE[type]);
    });
  }

  it('refusals carry a code and a Chinese reason', () => {
    const d = authorize(ctxFor(commands.approve), actors.ownUnit, { kind: 'command', command: commands.approve });
    expect(d).toEqual({ allowed: false, code: 'forbidden', reason: expect.stringContaining('不能审批本人或本单位提交的事项') });
  });

  it('a submitter is refused even when holding a place (segregation of duties beats assignment)', () => {
    const held: TaskFacts = { ...submitted, step: { ...step, transfers: [{ from: 'user:office-1', to: 'user:deputy-a' }] } };
    const d = authorize({ units: [], separationOfDuties: true, task: held }, actors.ownUnit, { kind: 'command', command: commands.approve });
    expect(d).toMatchObject({ allowed: false, code: 'forbidden' });
    // under the earlier rules (campaigns without a directory) the holder may act, as before
    expect(authorize({ units: [], separationOfDuties: false, task: held }, actors.ownUnit, { kind: 'command', command: commands.approve })).toEqual({ allowed: true });
  });

  it('submitting an external stage is a conflict for everyone (results are recorded, not submitted)', () => {
    const ext: TaskFacts = { ...open, external: true, owner: 'inspector', kind: 'pre-review' };
    for (const r of RELATIONS) expect(authorize({ units: [], separationOfDuties: true, task: ext }, actors[r], { kind: 'command', command: commands.submit })).toMatchObject({ code: 'conflict' });
  });

  it('refreshing the directory: office, admin and the system', () => {
    const got = RELATIONS.filter((r) => authorize({ units: [], separationOfDuties: true }, actors[r], { kind: 'refresh-directory' }).allowed);
    expect(got).toEqual(['office', 'admin']);
    expect(authorize({ units: [], separationOfDuties: true }, { id: 'system', name: '系统', roles: [] }, { kind: 'refresh-directory' }).allowed).toBe(true);
  });

  it('reads: a unit-only user reads its own unit\'s tasks (or ones it must sign), the audit is for office, leaders, admin and inspectors', () => {
    const read = (r: Relation, resource: 'campaign' | 'task' | 'audit') => authorize({ units: [], separationOfDuties: true, task: submitted }, actors[r], { kind: 'read', resource }).allowed;
    expect(RELATIONS.filter((r) => read(r, 'campaign'))).toEqual(RELATIONS);
    expect(RELATIONS.filter((r) => read(r, 'task'))).toEqual(RELATIONS.filter((r) => r !== 'otherUnit'));
    expect(RELATIONS.filter((r) => read(r, 'audit'))).toEqual(['office', 'leader', 'supervisor', 'admin']);
  });

  it('joint responsibility (共同负责): any listed unit submits; the units still to confirm are who the task waits for', () => {
    const jointOpen: TaskFacts = { ...open, id: 'indicator:2', kind: 'indicator', jointUnitIds: ['u-a', 'u-b'] };
    const submit = { type: 'submit', taskId: 'indicator:2' } as Command;
    const may = RELATIONS.filter((r) => authorize({ units: [], separationOfDuties: true, task: jointOpen }, actors[r], { kind: 'command', command: submit }).allowed);
    expect(may).toEqual(['submitter', 'ownUnit', 'otherUnit']);
    expect(whoMayAct(jointOpen)).toEqual(['unit:u-a', 'unit:u-b']);
    expect(whoMayAct(jointSubmitted)).toEqual(['unit:u-b']);
    expect(reminderRecipients(jointSubmitted)).toEqual(['unit:u-b']);
    expect(authorize({ units: [], separationOfDuties: true, task: jointSubmitted }, actors.otherUnit, { kind: 'read', resource: 'task' }).allowed).toBe(true);
  });

  it('reads: the per-unit assessment summary and the 调度 summary are for office, leaders, admin and inspectors — no unit reads them', () => {
    for (const resource of ['assessment', 'supervision'] as const) {
      const got = RELATIONS.map((r) => [r, authorize({ units: [], separationOfDuties: true }, actors[r], { kind: 'read', resource })]);
      expect(got.filter(([, a]) => (a as { allowed: boolean }).allowed).map(([r]) => r)).toEqual(['office', 'leader', 'supervisor', 'admin']);
      expect(authorize({ units: [], separationOfDuties: true }, actors.submitter, { kind: 'read', resource })).toMatchObject({ allowed: false, code: 'forbidden' });
    }
  });

  it('an actor without id or roles is invalid', () => {
    expect(authorize({ units: [], separationOfDuties: true }, { id: '', name: '', roles: [] }, { kind: 'command', command: commands.pause })).toMatchObject({ code: 'invalid' });
  });
});

describe('access policy: organizations (tenancy)', () => {
  const county = (actorOrg: string | null, supervises = false): AccessContext => ({ units: [], separationOfDuties: true, task: submitted, organization: { campaign: 'sishui', actor: actorOrg, supervises } });
  const cityOffice: Actor = { id: 'jining-office', name: '市生态环境局', roles: ['office'] };

  it('a supervising organization (a city over its county) reads everything and may issue no command', () => {
    for (const type of Object.keys(commands) as CommandType[]) {
      expect([type, authorize(county('jining', true), cityOffice, { kind: 'command', command: commands[type] })]).toEqual([type, expect.objectContaining({ allowed: false, code: 'forbidden' })]);
    }
    expect(authorize(county('jining', true), cityOffice, { kind: 'refresh-directory' })).toMatchObject({ code: 'forbidden' });
    for (const resource of ['campaign', 'task', 'audit', 'assessment', 'supervision'] as const) expect(authorize(county('jining', true), cityOffice, { kind: 'read', resource }).allowed).toBe(true);
  });

  it('another county sees nothing: every request is not-found', () => {
    for (const type of Object.keys(commands) as CommandType[]) expect(authorize(county('yanzhou'), actors.office, { kind: 'command', command: commands[type] })).toMatchObject({ code: 'not-found' });
    expect(authorize(county('yanzhou'), actors.office, { kind: 'read', resource: 'campaign' })).toMatchObject({ code: 'not-found' });
  });

  it('same organization: the relation table applies; a system administrator (no organization) is not a tenant', () => {
    expect(authorize(county('sishui'), actors.office, { kind: 'command', command: commands.approve }).allowed).toBe(true);
    expect(authorize(county(null), actors.admin, { kind: 'command', command: commands.pause }).allowed).toBe(true);
    expect(authorize(county(null), actors.office, { kind: 'command', command: commands.pause })).toMatchObject({ code: 'not-found' });
  });
});

describe('access policy: transfer and add-approver targets', () => {
  const directory: DirectoryUser[] = [
    { id: 'office-2', name: '科员乙', roles: ['office'], unitId: null, active: true },
    { id: 'gone', name: '已调离', roles: ['office'], unitId: null, active: false },
    { id: 'liaison-a', name: '甲局联络员', roles: ['unit'], unitId: 'u-a', active: true },
    { id: 'deputy-a', name: '甲局副局长', roles: ['unit'], unitId: 'u-a', active: true },
    { id: 'city-1', name: '市局', roles: ['inspector'], unitId: null, active: true },
    { id: 'zhou', name: '周专家', roles: ['expert'], unitId: null, active: true },
    { id: 'leader-2', name: '副组长', roles: ['leader'], unitId: null, active: true },
  ];
  const target = (userId: string) => {
    const d = authorizeTarget({ units: [], separationOfDuties: true, task: submitted, directory }, userId, 'transfer');
    return d.allowed ? 'ok' : d.code;
  };
  it.each([
    ['unknown user', 'u-li', 'invalid'],
    ['deactivated account', 'gone', 'forbidden'],
    ['the submitter', 'liaison-a', 'forbidden'],
    ['a colleague of the submitting unit', 'deputy-a', 'forbidden'],
    ['a user without an approver role', 'city-1', 'forbidden'],
    ['someone already holding a place', 'zhou', 'conflict'],
    ['an active leader', 'leader-2', 'ok'],
  ])('%s → %s', (_what, userId, expected) => {
    expect(target(userId)).toBe(expected);
  });

  it('someone who signed an earlier step of the same submission → forbidden (one person does not sign two levels)', () => {
    const d = authorizeTarget({ units: [], separationOfDuties: true, task: { ...submitted, earlierSigners: ['leader-2'] }, directory }, 'leader-2', 'transfer');
    expect(d).toMatchObject({ allowed: false, code: 'forbidden', reason: expect.stringContaining('前序环节') });
    expect(authorizeTarget({ units: [], separationOfDuties: true, task: { ...submitted, earlierSigners: ['leader-2'] }, directory }, 'leader-2', 'addApprover')).toMatchObject({ code: 'forbidden' });
  });
});

describe('access policy: one person does not sign two levels (planRules.distinctLevels)', () => {
  // office-2 decided the round's first step and holds a place on this one (its signers resolved before the rule)
  const later: TaskFacts = { ...submitted, step: { ...step, index: 1 }, earlierSigners: ['office-2'] };
  const office2: Actor = { id: 'office-2', name: '科员乙', roles: ['office'] };
  it('a 转交 / 加签 target who alone can sign a later step is refused (it would wait for nobody), one of several is not', () => {
    const people: DirectoryUser[] = [
      { id: 'office-2', name: '科员乙', roles: ['office'], unitId: null, active: true },
      { id: 'leader-1', name: '组长', roles: ['leader'], unitId: null, active: true },
      { id: 'leader-2', name: '副组长', roles: ['leader'], unitId: null, active: false },
    ];
    const onReview: TaskFacts = { ...submitted, laterSteps: [{ name: '县人民政府印发', assignees: ['role:leader'] }] };
    const to = (directory: DirectoryUser[], rules: { distinctLevels?: boolean }, purpose: 'transfer' | 'addApprover' = 'transfer') => authorizeTarget({ units: [], separationOfDuties: true, ...rules, task: onReview, directory }, 'leader-1', purpose);
    expect(to(people, { distinctLevels: true })).toMatchObject({ allowed: false, code: 'forbidden', reason: expect.stringContaining('不能转交给后续环节「县人民政府印发」唯一的审批人') });
    expect(to(people, { distinctLevels: true }, 'addApprover')).toMatchObject({ allowed: false, code: 'forbidden' });
    expect(to(people, {}).allowed).toBe(true); // campaigns started before the rule
    expect(to(people.map((u) => ({ ...u, active: true })), { distinctLevels: true }).allowed).toBe(true); // another leader signs it then
  });

  it('refuses the decision (approve, return) to whoever decided an earlier step, under the rule only', () => {
    for (const command of [commands.approve, commands.return]) {
      expect(authorize({ units: [], separationOfDuties: true, distinctLevels: true, task: later }, office2, { kind: 'command', command })).toMatchObject({ allowed: false, code: 'forbidden', reason: expect.stringContaining('同一事项的各环节须由不同人员签批') });
      expect(authorize({ units: [], separationOfDuties: true, task: later }, office2, { kind: 'command', command }).allowed).toBe(true);
    }
    // another signer of the step is not affected
    expect(authorize({ units: [], separationOfDuties: true, distinctLevels: true, task: later }, actors.office, { kind: 'command', command: commands.approve }).allowed).toBe(true);
  });
});

describe('access policy: a hand-over (转交) keeps the step\'s sign-off (planRules.strictHandOver)', () => {
  const directory: DirectoryUser[] = [
    { id: 'office-1', name: '办公室科员', roles: ['office'], unitId: null, active: true },
    { id: 'office-2', name: '办公室副主任', roles: ['office'], unitId: null, active: true },
    { id: 'office-3', name: '办公室科员丙', roles: ['office'], unitId: null, active: true },
    { id: 'expert-1', name: '甲专家', roles: ['expert'], unitId: null, active: true },
    { id: 'expert-2', name: '乙专家', roles: ['expert'], unitId: null, active: true },
    { id: 'expert-3', name: '丙专家', roles: ['expert'], unitId: null, active: true },
    { id: 'liaison-b', name: '乙局联络员', roles: ['unit'], unitId: 'u-b', active: true },
    { id: 'deputy-b', name: '乙局副局长', roles: ['unit'], unitId: 'u-b', active: true },
    { id: 'liaison-c', name: '丙局联络员', roles: ['unit'], unitId: 'u-c', active: true },
    { id: 'leader-1', name: '组长', roles: ['leader'], unitId: null, active: true },
  ];
  const stepOf = (over: Partial<StepState>): StepState => ({ index: 0, name: '审核', mode: 'any', assignees: [], signers: [], added: [], transfers: [], decisions: [], status: 'active', ...over });
  /** The office's own task (成立领导小组…): submitted by office-1, approved by the other clerks. */
  const ownOffice: TaskFacts = { id: 'leading-group', kind: 'leading-group', owner: 'office', external: false, status: 'submitted', submission: { by: 'office-1' }, step: stepOf({ name: '领导小组办公室审核', assignees: ['role:office'], signers: ['user:office-2', 'user:office-3'] }) };
  /** 《规划》专家评审 (会签 of every expert), submitted by the office. */
  const review: TaskFacts = { id: 'plan-expert-review', kind: 'plan-expert-review', owner: 'office', external: false, status: 'submitted', submission: { by: 'office-1' }, step: stepOf({ name: '专家评审', mode: 'all', assignees: ['role:expert'], signers: ['user:expert-1', 'user:expert-2'] }) };
  /** A unit's opinion place (unit:u-b) with a liaison of u-c added as a co-signer. */
  const opinions: TaskFacts = { id: 'plan-comments', kind: 'plan-comments', owner: 'office', external: false, status: 'submitted', submission: { by: 'office-1' }, step: stepOf({ name: '征求意见', mode: 'all', assignees: ['unit:u-b'], signers: ['unit:u-b', 'user:liaison-c'], added: [{ userId: 'liaison-c', mode: 'co-sign', by: 'office-2', reason: '', at: 1 }] }) };
  const ctx = (task: TaskFacts, strictHandOver = true): AccessContext => ({ units: [], separationOfDuties: true, task, ...(strictHandOver ? { strictHandOver } : {}) });
  const target = (task: TaskFacts, userId: string, strict = true) => {
    const d = authorizeTarget({ ...ctx(task, strict), directory }, userId, 'transfer');
    return d.allowed ? 'ok' : d.code;
  };
  const transfer = (task: TaskFacts, by: Actor, toUserId: string, strict = true) => authorize(ctx(task, strict), by, { kind: 'command', command: { type: 'transfer', taskId: task.id, toUserId, reason: '出差' } });

  it('the submitter hands no place of their own submission over, not even as the office (another clerk may)', () => {
    const office1: Actor = { id: 'office-1', name: '办公室科员', roles: ['office'] };
    const office2: Actor = { id: 'office-2', name: '办公室副主任', roles: ['office'] };
    expect(transfer(ownOffice, office1, 'office-3')).toMatchObject({ allowed: false, code: 'forbidden', reason: expect.stringContaining('不能转交本人提交事项') });
    expect(transfer(review, office1, 'expert-3')).toMatchObject({ allowed: false, code: 'forbidden' });
    expect(transfer(ownOffice, office2, 'office-3')).toEqual({ allowed: true });
    // campaigns started before the rule: as they ran
    expect(transfer(ownOffice, office1, 'office-3', false)).toEqual({ allowed: true });
  });

  it('the office\'s review goes to a clerk or a leader (above it), not to a unit\'s liaison nor an expert', () => {
    expect(target(ownOffice, 'office-1')).toBe('forbidden'); // the submitter (segregation of duties)
    expect(target(ownOffice, 'liaison-b')).toBe('forbidden');
    expect(target(ownOffice, 'expert-3')).toBe('forbidden');
    expect(target({ ...ownOffice, step: { ...(ownOffice.step as StepState), signers: ['user:office-2'] } }, 'office-3')).toBe('ok');
    expect(target(ownOffice, 'leader-1')).toBe('ok');
    expect(authorizeTarget({ ...ctx(ownOffice), directory }, 'liaison-b', 'transfer')).toMatchObject({ reason: expect.stringContaining('同一角色或同一单位') });
    expect([target(ownOffice, 'liaison-b', false), target(ownOffice, 'expert-3', false)]).toEqual(['ok', 'ok']);
  });

  it('an expert\'s place on the 会签 goes to another expert only', () => {
    expect(target(review, 'expert-3')).toBe('ok');
    expect(target(review, 'office-2')).toBe('forbidden');
    expect(target(review, 'leader-1')).toBe('forbidden');
    expect(target(review, 'office-2', false)).toBe('ok');
  });

  it('a unit\'s place stays in the unit; an added signer\'s place goes to someone like them', () => {
    expect(target(opinions, 'deputy-b')).toBe('ok');
    expect(target(opinions, 'office-3')).toBe('forbidden');
    expect(target({ ...opinions, step: { ...(opinions.step as StepState), signers: ['unit:u-b', 'user:liaison-c'] } }, 'expert-1')).toBe('forbidden');
  });

  it('judged by the place handed over, not by whoever else is on the step (review: 加签 a clerk, then an expert\'s place to another clerk)', () => {
    const place = (task: TaskFacts, from: string, userId: string) => {
      const d = authorizeTarget({ ...ctx(task), directory }, userId, 'transfer', from);
      return d.allowed ? 'ok' : d.code;
    };
    const withClerk: TaskFacts = { ...review, step: { ...(review.step as StepState), signers: ['user:expert-1', 'user:expert-2', 'user:office-3'], added: [{ userId: 'office-3', mode: 'co-sign' }] } };
    expect(place(withClerk, 'user:expert-2', 'office-2')).toBe('forbidden'); // an expert's place: experts only
    expect(place(withClerk, 'user:expert-2', 'expert-3')).toBe('ok');
    expect(place(withClerk, 'user:office-3', 'office-2')).toBe('ok'); // the added clerk's own place: a clerk
    // unit:u-b stays with u-b even with u-c's liaison added; the liaison's added place goes within u-c
    expect(place(opinions, 'unit:u-b', 'liaison-c')).toBe('conflict'); // already on the step
    expect(place({ ...opinions, step: { ...(opinions.step as StepState), signers: ['unit:u-b'], added: [] } }, 'unit:u-b', 'liaison-c')).toBe('forbidden');
    expect(place(opinions, 'user:liaison-c', 'deputy-b')).toBe('forbidden');
    // a step that resolved to nobody: the office names someone for its role place
    const nobody: TaskFacts = { ...review, step: { ...(review.step as StepState), signers: [] } };
    expect([place(nobody, 'role:expert', 'expert-3'), place(nobody, 'role:expert', 'office-2')]).toEqual(['ok', 'forbidden']);
  });

  it('加签 is not a hand-over: it adds a signer of any approver role, as before', () => {
    expect(authorizeTarget({ ...ctx(review), directory }, 'leader-1', 'addApprover')).toEqual({ allowed: true });
  });

  describe('加签 of someone the step could have named only (planRules.strictAddApprover)', () => {
    const add = (task: TaskFacts, userId: string, strict = true) => {
      const d = authorizeTarget({ ...ctx(task), ...(strict ? { strictAddApprover: true } : {}), directory }, userId, 'addApprover');
      return d.allowed ? 'ok' : d.code;
    };

    it('the experts\' 会签 takes another expert, never a liaison, a clerk or a leader (walkthrough: a liaison added, then signed it)', () => {
      expect(add(review, 'expert-3')).toBe('ok');
      expect([add(review, 'liaison-b'), add(review, 'office-2'), add(review, 'leader-1')]).toEqual(['forbidden', 'forbidden', 'forbidden']);
      expect(authorizeTarget({ ...ctx(review), strictAddApprover: true, directory }, 'liaison-b', 'addApprover')).toMatchObject({ reason: expect.stringContaining('专家评审加签专家；办公室审核加签办公室人员、领导或专家') });
      // campaigns started before the rule: any approver role, as they ran
      expect([add(review, 'liaison-b', false), add(review, 'leader-1', false)]).toEqual(['ok', 'ok']);
    });

    it('the office\'s review takes a clerk, a leader or an expert it consults, not a unit\'s liaison; a unit\'s step a member of the unit', () => {
      expect([add({ ...ownOffice, step: { ...(ownOffice.step as StepState), signers: ['user:office-2'] } }, 'office-3'), add(ownOffice, 'leader-1'), add(ownOffice, 'expert-3')]).toEqual(['ok', 'ok', 'ok']);
      expect(add(ownOffice, 'liaison-b')).toBe('forbidden');
      const unitStep: TaskFacts = { ...opinions, step: { ...(opinions.step as StepState), signers: ['unit:u-b'], added: [] } };
      expect([add(unitStep, 'deputy-b'), add(unitStep, 'liaison-c'), add(unitStep, 'office-3')]).toEqual(['ok', 'forbidden', 'forbidden']);
    });

    it('judged by the planned places, not by those added before: one liaison added does not open the 会签 to liaisons', () => {
      const withLiaison: TaskFacts = { ...review, step: { ...(review.step as StepState), signers: ['user:expert-1', 'user:expert-2', 'user:liaison-c'], added: [{ userId: 'liaison-c', mode: 'co-sign' }] } };
      expect([add(withLiaison, 'liaison-b'), add(withLiaison, 'expert-3')]).toEqual(['forbidden', 'ok']);
      // a 前加签 step (only its added person): someone like them
      const inserted: TaskFacts = { ...review, step: stepOf({ name: '前加签：乙专家', assignees: ['user:expert-2'], signers: ['user:expert-2'], added: [{ userId: 'expert-2', mode: 'before', by: 'office-2', reason: '', at: 1 }] }) };
      expect([add(inserted, 'expert-3'), add(inserted, 'office-2')]).toEqual(['ok', 'forbidden']);
    });
  });
});

describe('access policy: who may act and who is reminded', () => {
  it('waiting: the signers not yet decided; with the 或签 quorum met, only the co-signer', () => {
    expect(whoMayAct(submitted)).toEqual(['user:office-1', 'user:office-2', 'user:zhou']);
    const afterOffice: TaskFacts = { ...submitted, step: { ...step, decisions: [{ by: 'office-2', byName: '', as: 'user:office-2', decision: 'approve', at: 2 }] } as StepState };
    expect(whoMayAct(afterOffice)).toEqual(['user:zhou']);
    expect(reminderRecipients(afterOffice)).toEqual(['user:zhou']);
  });

  it('a step that resolved to nobody shows "nobody:<place>" and reminds the office', () => {
    const empty: TaskFacts = { ...submitted, step: { ...step, assignees: ['role:expert'], signers: [], added: [] } };
    expect(whoMayAct(empty)).toEqual(['nobody:role:expert']);
    expect(reminderRecipients(empty)).toEqual(['role:office']);
  });

  it('open tasks wait for their owner: the unit; the office for the office\'s, the government\'s and the experts\' review; the leaders for theirs', () => {
    expect(whoMayAct(open)).toEqual(['unit:u-a']);
    for (const owner of ['office', 'government', 'technical-unit', 'experts'] as const) expect(whoMayAct({ ...open, owner, unitId: undefined })).toEqual(['role:office']);
    expect(whoMayAct({ ...open, owner: 'leader', unitId: undefined })).toEqual(['role:leader']);
    expect(reminderRecipients({ ...open, owner: 'leader', unitId: undefined })).toEqual(['role:leader']);
  });
});

describe('escalation (督办) goes to the 分管负责人 of every unit that still owes the task', () => {
  it("a unit's own task: its 分管负责人 first, then the leaders and the office", () => {
    expect(escalationRecipients(open, 1)).toEqual(['unit-leader:u-a']);
    expect(escalationRecipients(open, 2)).toEqual(['role:leader', 'role:office']);
  });

  it('a jointly-owned task nobody submitted: every listed unit\'s 分管负责人, not only the first unit\'s', () => {
    expect(escalationRecipients({ ...open, id: 'indicator:2', kind: 'indicator', jointUnitIds: ['u-a', 'u-b'] }, 1)).toEqual(['unit-leader:u-a', 'unit-leader:u-b']);
  });

  it('a jointly-owned task submitted by one unit: the 分管负责人 of the units still to confirm', () => {
    expect(escalationRecipients(jointSubmitted, 1)).toEqual(['unit-leader:u-b']);
  });

  it('a task waiting for a signer, or an office task: the leaders', () => {
    expect(escalationRecipients(submitted, 1)).toEqual(['role:leader']);
    expect(escalationRecipients({ ...open, owner: 'office', unitId: undefined }, 1)).toEqual(['role:leader']);
  });
});

describe('access policy: a unit user reading a task', () => {
  /** Sishui's indicator 18 (单位地区生产总值用水量): led by 县水利事业发展中心 (sx-slzx), 县统计局 (sx-tjj) contributes. */
  const unitUser = (unitId: string, id = `u-${unitId}`): Actor => ({ id, name: id, roles: ['unit'], unitId });
  const lead = unitUser('sx-slzx');
  const coUnit = unitUser('sx-tjj');
  const thirdUnit = unitUser('sx-gxj');
  const contribution: TaskFacts = { id: 'indicator-contribution:18:sx-tjj', kind: 'indicator-contribution', owner: 'unit', unitId: 'sx-tjj', external: false, status: 'open', parentTaskId: 'indicator:18' };
  /** The read model's units of the campaign's tasks (the parent indicator task is the lead's). */
  const units: Record<string, string> = { 'indicator:18': 'sx-slzx', 'indicator:17': 'sx-xjj' };
  const ctx = (task: TaskFacts, unitOfTask: AccessContext['unitOfTask'] | null = (id) => units[id]): AccessContext => ({ units: [], separationOfDuties: true, task, ...(unitOfTask ? { unitOfTask } : {}) });
  const read = (c: AccessContext, actor: Actor) => authorize(c, actor, { kind: 'read', resource: 'task' });

  it('the lead unit (牵头单位) reads a co-unit’s contribution to the indicator it leads, before anything waits for it; a third unit gets not-found', () => {
    expect(read(ctx(contribution), lead)).toEqual({ allowed: true });
    expect(leadReadsContribution(ctx(contribution), lead)).toBe(true);
    expect(read(ctx(contribution), thirdUnit)).toEqual({ allowed: false, code: 'not-found', reason: expect.stringContaining('任务不存在') });
    expect(read(ctx(contribution), unitUser('sx-xjj'))).toMatchObject({ code: 'not-found' }); // the lead of another indicator
  });

  it('reading only: the lead may not submit the contribution it reads', () => {
    expect(authorize(ctx(contribution), lead, { kind: 'command', command: { type: 'submit', taskId: contribution.id } as Command })).toMatchObject({ allowed: false });
  });

  it('without the parent task’s unit the lead’s rule does not apply (the lead reads it only as an approver)', () => {
    expect(read(ctx(contribution, null), lead)).toMatchObject({ code: 'not-found' });
    expect(read(ctx(contribution, () => undefined), lead)).toMatchObject({ code: 'not-found' });
  });

  it('the co-unit reads its own contribution; the lead reads only contributions, not other tasks whose parent it owns', () => {
    expect(read(ctx(contribution), coUnit).allowed).toBe(true);
    expect(read(ctx({ ...contribution, kind: 'rectification' }), lead)).toMatchObject({ code: 'not-found' });
    expect(read(ctx({ ...contribution, parentTaskId: undefined }), lead)).toMatchObject({ code: 'not-found' });
  });

  it('a user without a unit never reads as a lead', () => {
    expect(leadReadsContribution(ctx(contribution, () => null), { unitId: null })).toBe(false);
  });

  it('the other readings: own unit, a joint task’s units, a place on the active step, anyone named on the steps of any round', () => {
    const other: TaskFacts = { ...open, id: 'materials:sx-zfb', unitId: 'sx-zfb' };
    expect(read(ctx({ ...other, unitId: 'sx-gxj' }), thirdUnit).allowed).toBe(true);
    expect(read(ctx({ ...other, jointUnitIds: ['sx-zfb', 'sx-gxj'] }), thirdUnit).allowed).toBe(true);
    expect(read(ctx({ ...other, status: 'submitted', step: { ...step, signers: [`user:${thirdUnit.id}`] } }), thirdUnit).allowed).toBe(true);
    expect(read(ctx({ ...other, namedOnSteps: [thirdUnit.id] }), thirdUnit).allowed).toBe(true);
    expect(read(ctx(other), thirdUnit)).toMatchObject({ code: 'not-found' });
  });

  it('the facts name everyone on the steps of every round, from the read model’s view: places held as people, 加签, 转交, decisions', () => {
    const s = (over: object) => ({ assignees: ['unit:sx-zfb'], added: [], transfers: [], decisions: [], ...over });
    const view = {
      id: 'materials:sx-zfb', kind: 'materials', owner: 'unit', unitId: 'sx-zfb', external: false, status: 'returned', parentTaskId: 'indicator:3',
      steps: [s({ assignees: ['user:chain-1', 'role:office'] })],
      rounds: [{ round: 1, submission: { by: 'l', unitId: 'sx-zfb' }, steps: [s({ added: [{ userId: 'added-1' }], transfers: [{ from: 'role:office', to: 'user:moved-1' }], decisions: [{ by: 'office-1' }] })] }],
    } as unknown as TaskView;
    const facts = taskFactsFromView(view);
    expect(facts.namedOnSteps).toEqual(['chain-1', 'added-1', 'moved-1', 'office-1']);
    expect(facts.parentTaskId).toBe('indicator:3');
  });
});

describe('access policy: an expert reading a task (outside reviewers of the plan)', () => {
  const expert: Actor = { id: 'expert1', name: '外部专家', roles: ['expert'] };
  const ctx = (task: TaskFacts): AccessContext => ({ units: [], separationOfDuties: true, task });
  const read = (task: TaskFacts, actor: Actor = expert) => authorize(ctx(task), actor, { kind: 'read', resource: 'task' });
  const plan: TaskFacts = { id: 'plan-draft', kind: 'plan-draft', owner: 'office', external: false, status: 'open' };
  const keyProjects: TaskFacts = { id: 'key-projects:sx-tjj', kind: 'key-projects', owner: 'unit', unitId: 'sx-tjj', external: false, status: 'submitted', submission: { by: 'l', unitId: 'sx-tjj' }, step: { ...step, signers: ['user:office-1'], added: [] } };
  const rectification: TaskFacts = { id: 'rectification:1', kind: 'rectification', owner: 'unit', unitId: 'sx-tjj', external: false, status: 'open', parentTaskId: 'pre-review' };
  const review: TaskFacts = { id: 'expert-review', kind: 'expert-review', owner: 'experts', external: false, status: 'open' } as unknown as TaskFacts;

  it('reads the plan’s tasks (plan-*)', () => {
    expect(read(plan)).toEqual({ allowed: true });
  });

  it('not a unit’s key-projects task, a rectification, an external stage or an office task: not-found, as for a task that does not exist', () => {
    for (const t of [keyProjects, rectification, { ...rectification, id: 'pre-review', kind: 'pre-review', owner: 'office', unitId: undefined, external: true, parentTaskId: undefined } as TaskFacts, review]) {
      expect([t.id, read(t)]).toEqual([t.id, { allowed: false, code: 'not-found', reason: expect.stringContaining('任务不存在') }]);
    }
  });

  it('reads a task they are or were named on: a place on its active step, 加签, a resolved signer who never decided, a decision, a role place of a past round', () => {
    expect(read({ ...keyProjects, step: { ...step, signers: ['user:expert1'], added: [] } }).allowed).toBe(true);
    // 加签: the added person takes a place among the signers (as the engine adds them)
    expect(read({ ...keyProjects, step: { ...step, signers: ['user:office-1', 'user:expert1'], added: [{ userId: 'expert1', mode: 'co-sign' }] } }).allowed).toBe(true);
    expect(read({ ...review, namedOnSteps: ['expert1'] }).allowed).toBe(true);
    expect(read({ ...review, status: 'approved', stepPlaces: ['role:expert'] }).allowed).toBe(true);
    expect(read({ ...review, status: 'approved', stepPlaces: ['role:office', 'user:expert2'], namedOnSteps: ['expert2'] })).toMatchObject({ code: 'not-found' });
    // the facts name a resolved signer whether or not they decided (another signer of the 或签 did)
    const s = { assignees: ['role:expert'], signers: ['user:expert1', 'user:expert2'], added: [], transfers: [], decisions: [{ by: 'expert2' }] };
    const view = { id: 'expert-review', kind: 'expert-review', owner: 'experts', external: false, status: 'approved', steps: [], rounds: [{ round: 1, submission: { by: 'office-1' }, steps: [s] }] } as unknown as TaskView;
    expect(taskFactsFromView(view).namedOnSteps).toEqual(['expert1', 'expert2']);
    expect(read(taskFactsFromView(view)).allowed).toBe(true);
  });

  it('a row projected without rounds (cut short; fixtures write `view: {}`) is not read, and does not break the reading of the others', () => {
    const bare = { id: 'materials:u-a', kind: 'materials', owner: 'unit', unitId: 'u-a', external: false, status: 'open', steps: [] } as unknown as TaskView;
    expect(() => taskFactsFromView(bare)).not.toThrow();
    expect(read(taskFactsFromView(bare)).allowed).toBe(false);
    expect(() => taskFactsFromView({} as TaskView)).not.toThrow();
  });

  it('office, leaders, inspectors and admin read every task; an expert who is also a unit user reads what either role reads', () => {
    for (const a of [actors.office, actors.leader, actors.supervisor, actors.admin]) expect(read(keyProjects, a).allowed).toBe(true);
    const both: Actor = { id: 'expert-tjj', name: '统计局专家', roles: ['unit', 'expert'], unitId: 'sx-tjj' };
    expect(read(keyProjects, both).allowed).toBe(true);
    expect(read(plan, both).allowed).toBe(true);
    expect(read({ ...keyProjects, unitId: 'sx-gxj', submission: { by: 'l', unitId: 'sx-gxj' } }, both)).toMatchObject({ code: 'not-found' });
  });
});

describe('inboxPrincipalsOf: whom 我的待办 asks an actor to act as', () => {
  const fzr = { id: 'sx-tjj-fzr', roles: ['unit' as const], unitId: 'sx-tjj' };
  it('a 分管负责人 who is not the liaison of a unit with a liaison: their name and roles, not the unit (its 报送 are the liaison’s)', () => {
    expect(inboxPrincipalsOf(fzr, { liaison: false, responsibleLeader: true, unitHasLiaison: true })).toEqual(['user:sx-tjj-fzr', 'role:unit']);
  });
  it('everyone else as principalsOf: a leader who is also the liaison, a unit without a liaison, a liaison, unknown duties', () => {
    const all = principalsOf(fzr);
    expect(all).toContain('unit:sx-tjj');
    expect(inboxPrincipalsOf(fzr, { liaison: true, responsibleLeader: true, unitHasLiaison: true })).toEqual(all);
    expect(inboxPrincipalsOf(fzr, { liaison: false, responsibleLeader: true, unitHasLiaison: false })).toEqual(all);
    expect(inboxPrincipalsOf(fzr, { liaison: true, responsibleLeader: false, unitHasLiaison: true })).toEqual(all);
    expect(inboxPrincipalsOf(fzr, null)).toEqual(all);
  });
});
