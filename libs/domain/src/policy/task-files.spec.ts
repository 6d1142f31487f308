import type { Actor, StepState } from '../engine/campaign-state';
import type { TaskView } from '../engine/views';
import { authorize, type AccessContext } from './access-policy';
import { taskFactsFromView, type TaskFacts } from './facts';
import { FILES_READ_ONLY_REASON, filesAccess } from './task-files';

/**
 * A task's evidence files: who uploads (write), who only reads, who sees nothing — `{ kind: 'write' | 'read', resource:
 * 'task-files' }` of the access policy, rule by rule.
 */
const person = (id: string, roles: Actor['roles'], unitId?: string): Actor => ({ id, name: id, roles, ...(unitId ? { unitId } : {}) });
const office = person('office-1', ['office']);
const liaison = person('liaison-a', ['unit'], 'u-a');
const otherUnit = person('liaison-b', ['unit'], 'u-b');
const leader = person('leader-1', ['leader']);
const inspector = person('inspector-1', ['inspector']);
const expert = person('expert-1', ['expert']);

const reviewStep: StepState = {
  index: 0, name: '领导小组办公室审核', mode: 'any', assignees: ['role:office'], signers: ['user:office-1', 'user:reviewer-1'],
  added: [], transfers: [], decisions: [], status: 'active',
};
const open: TaskFacts = { id: 'materials:u-a', kind: 'materials', owner: 'unit', unitId: 'u-a', external: false, status: 'open' };
const submitted: TaskFacts = { ...open, status: 'submitted', submission: { by: 'liaison-a', unitId: 'u-a' }, step: reviewStep };
const ctx = (task: TaskFacts, more: Partial<AccessContext> = {}): AccessContext => ({ units: [], separationOfDuties: false, task, ...more });
const write = (c: AccessContext, a: Actor) => authorize(c, a, { kind: 'write', resource: 'task-files' });
const read = (c: AccessContext, a: Actor) => authorize(c, a, { kind: 'read', resource: 'task-files' });

describe('access policy: a task’s files (task-files)', () => {
  it('the office writes (uploads and reads) any task’s files', () => {
    expect(filesAccess(ctx(open), office)).toBe('write');
    expect(filesAccess(ctx({ ...open, owner: 'leader', unitId: undefined }), office)).toBe('write');
    expect(filesAccess(ctx({ ...open, status: 'approved' }), person('admin-1', ['admin']))).toBe('write');
  });

  it('the unit that may submit the task writes; another unit sees nothing (not-found, as for a task that does not exist)', () => {
    expect(write(ctx(open), liaison)).toEqual({ allowed: true });
    expect(filesAccess(ctx({ ...open, unitId: 'u-x', jointUnitIds: ['u-x', 'u-a'] }), liaison)).toBe('write');
    expect(write(ctx(open), otherUnit)).toEqual({ allowed: false, code: 'not-found', reason: '任务不存在或无权查看 (task materials:u-a not found)' });
    expect(read(ctx(open), otherUnit)).toMatchObject({ code: 'not-found' });
  });

  it('the unit uploads while it could send the task (open, returned, a 整改), not once it is sent or done: 409 naming why; it still reads', () => {
    expect(write(ctx({ ...open, status: 'returned' }), liaison)).toEqual({ allowed: true });
    expect(write(ctx({ ...open, id: 'rectification:1', kind: 'rectification', parentTaskId: 'pre-review' }), liaison)).toEqual({ allowed: true });
    const signOff: StepState = { ...reviewStep, name: '分管负责人签字', assignees: ['unit-leader:u-a'], signers: ['user:u-a-leader'] };
    expect(write(ctx({ ...submitted, step: signOff }), liaison)).toEqual({ allowed: false, code: 'conflict', reason: '任务已报送，审批期间不能再上传材料 (the task is under approval: no uploads until it is returned)' });
    expect(write(ctx(submitted), liaison)).toMatchObject({ code: 'conflict', reason: expect.stringContaining('任务已报送，审批期间不能再上传材料') });
    const joint: TaskFacts = { ...open, status: 'submitted', jointUnitIds: ['u-a', 'u-b'], awaitingConfirmation: ['u-b'] };
    expect(write(ctx(joint), otherUnit)).toMatchObject({ code: 'conflict', reason: expect.stringContaining('任务已报送，待共同负责单位确认期间不能再上传材料') });
    expect(write(ctx({ ...open, status: 'approved' }), liaison)).toMatchObject({ code: 'conflict', reason: expect.stringContaining('任务当前为「已通过」，不能再上传材料') });
    expect(write(ctx({ ...open, waitsFor: 'plan-approved' }), liaison)).toMatchObject({ code: 'conflict', reason: expect.stringContaining('任务须待前序环节完成后才能报送') });
    for (const t of [submitted, joint, { ...open, status: 'approved' as const }]) expect(read(ctx(t), t === joint ? otherUnit : liaison)).toEqual({ allowed: true });
    // the office still uploads to a sent task (it reviews it); another unit still sees nothing
    expect(write(ctx(submitted), office)).toEqual({ allowed: true });
    expect(write(ctx(submitted), otherUnit)).toMatchObject({ code: 'not-found' });
  });

  it('the active step’s approver writes (a person holding a place, also a unit user named on it)', () => {
    expect(filesAccess(ctx(submitted), person('reviewer-1', ['leader']))).toBe('write');
    const unitApprover = person('u-b-head', ['unit'], 'u-b');
    expect(filesAccess(ctx({ ...submitted, step: { ...reviewStep, signers: ['user:u-b-head'] } }), unitApprover)).toBe('write');
  });

  it('the recorder of an open external stage writes (预审意见 …); once recorded the inspector only reads', () => {
    const stage: TaskFacts = { id: 'pre-review', kind: 'pre-review', owner: 'office', external: true, status: 'open' };
    expect(filesAccess(ctx(stage), inspector)).toBe('write');
    expect(filesAccess(ctx({ ...stage, status: 'approved' }), inspector)).toBe('read');
    expect(filesAccess(ctx(stage), expert)).toBe('none');
  });

  it('a past approver reads (named on a step of a submitted round: a place, a resolved signer, a hand-over, a decision)', () => {
    const past: TaskFacts = { ...open, status: 'approved', stepPlaces: ['role:office', 'user:reviewer-1', 'user:moved-1', 'user:decider-1', 'role:expert'] };
    for (const id of ['reviewer-1', 'moved-1', 'decider-1']) expect([id, filesAccess(ctx(past), person(id, ['expert']))]).toEqual([id, 'read']);
    expect(filesAccess(ctx({ ...past, stepPlaces: ['role:expert'] }), expert)).toBe('read'); // a role named on a step
    expect(filesAccess(ctx({ ...past, stepPlaces: ['role:office'] }), expert)).toBe('none');
    expect(filesAccess(ctx({ ...past, stepPlaces: [] }), person('reviewer-1', ['expert']))).toBe('none');
  });

  it('the facts hold the places of the submitted rounds’ steps (not of the preview chain)', () => {
    const s = (over: object) => ({ assignees: ['role:office'], signers: null, added: [], transfers: [], decisions: [], ...over });
    const view = {
      id: 'materials:u-a', kind: 'materials', owner: 'unit', unitId: 'u-a', external: false, status: 'returned',
      steps: [s({ assignees: ['user:preview-1'] })],
      rounds: [{ round: 1, submission: { by: 'liaison-a', unitId: 'u-a' }, steps: [s({ signers: ['user:signer-1', 'unit:u-c'], transfers: [{ from: 'user:signer-1', to: 'user:moved-1' }], decisions: [{ by: 'moved-1' }] })] }],
    } as unknown as TaskView;
    expect(taskFactsFromView(view).stepPlaces).toEqual(['role:office', 'user:signer-1', 'unit:u-c', 'user:moved-1']);
  });

  it('leaders and inspectors read every task’s files, and upload none (403 with the reason)', () => {
    for (const a of [leader, inspector]) {
      expect(filesAccess(ctx(open), a)).toBe('read');
      expect(write(ctx(open), a)).toEqual({ allowed: false, code: 'forbidden', reason: FILES_READ_ONLY_REASON });
    }
    expect(FILES_READ_ONLY_REASON).toContain('只有任务的责任单位、审核人或领导小组办公室可以上传材料');
  });

  it('the lead unit (牵头单位) reads a co-unit’s contribution, and does not upload into it', () => {
    const contribution: TaskFacts = { id: 'indicator-contribution:18:u-b', kind: 'indicator-contribution', owner: 'unit', unitId: 'u-b', external: false, status: 'open', parentTaskId: 'indicator:18' };
    const withLead = ctx(contribution, { unitOfTask: (id) => (id === 'indicator:18' ? 'u-a' : undefined) });
    expect(filesAccess(withLead, liaison)).toBe('read');
    expect(write(withLead, liaison)).toMatchObject({ code: 'forbidden' });
    expect(filesAccess(ctx(contribution), liaison)).toBe('none'); // who leads it unknown: the rule does not apply
  });

  it('experts read the plan tasks’ files (plan-*), not the others', () => {
    expect(filesAccess(ctx({ ...open, id: 'plan-draft', kind: 'plan-draft', owner: 'office', unitId: undefined }), expert)).toBe('read');
    expect(filesAccess(ctx(open), expert)).toBe('none');
  });

  it('an expert’s files follow the task-read rule: files of exactly the tasks they read (the plan’s, those they are named on)', () => {
    const taskRead = (c: AccessContext) => authorize(c, expert, { kind: 'read', resource: 'task' }).allowed;
    const cases: TaskFacts[] = [
      { ...open, id: 'plan-draft', kind: 'plan-draft', owner: 'office', unitId: undefined },
      { ...open, id: 'key-projects:u-a', kind: 'key-projects' },
      { ...open, id: 'rectification:1', kind: 'rectification', parentTaskId: 'pre-review' },
      { ...open, status: 'approved', namedOnSteps: ['expert-1'] }, // a resolved signer, 加签 or a decision of a past round
      { ...open, status: 'approved', stepPlaces: ['role:expert'] },
      { ...open, status: 'approved', namedOnSteps: ['expert-2'], stepPlaces: ['user:expert-2'] },
      { ...submitted, step: { ...reviewStep, signers: ['user:expert-1'] } },
    ];
    for (const t of cases) expect([t.id, t.kind, filesAccess(ctx(t), expert) !== 'none']).toEqual([t.id, t.kind, taskRead(ctx(t))]);
    expect(cases.map((t) => taskRead(ctx(t)))).toEqual([true, false, false, true, true, false, true]);
  });

  it('a supervising organization reads what a member would read and never writes (READ_ONLY); a stranger of it sees nothing', () => {
    const city = { organization: { campaign: 'sishui', actor: 'jining', supervises: true } };
    const cityOffice = person('jining-office', ['office']);
    expect(read(ctx(open, city), cityOffice)).toEqual({ allowed: true });
    expect(write(ctx(open, city), cityOffice)).toEqual({ allowed: false, code: 'forbidden', reason: expect.stringContaining('上级主管单位只能查看，不能操作') });
    expect(filesAccess(ctx(open, city), cityOffice)).toBe('read');
    expect(filesAccess(ctx(open, city), person('jining-expert', ['expert']))).toBe('none');
    expect(write(ctx(open, city), person('jining-expert', ['expert']))).toMatchObject({ code: 'not-found' });
    expect(filesAccess(ctx(open, { organization: { campaign: 'sishui', actor: 'yanzhou', supervises: false } }), office)).toBe('none');
  });

  it('a stranger sees nothing: another unit, an expert on a non-plan task, no task at all', () => {
    expect(filesAccess(ctx(submitted), otherUnit)).toBe('none');
    expect(filesAccess(ctx(submitted), expert)).toBe('none');
    expect(filesAccess({ units: [], separationOfDuties: false }, office)).toBe('none');
  });

  it('a user with a unitId but without the unit role gets no unit rights: neither the unit’s nor its places on past steps', () => {
    const expertOfA = person('expert-a', ['expert'], 'u-a');
    expect(filesAccess(ctx(open), expertOfA)).toBe('none');
    const reviewedByUnitC: TaskFacts = { ...open, status: 'approved', stepPlaces: ['unit:u-c'] };
    expect(filesAccess(ctx(reviewedByUnitC), person('expert-c', ['expert'], 'u-c'))).toBe('none');
    // with the unit role its unit's place counts (principalsOf)
    expect(filesAccess(ctx(reviewedByUnitC), person('expert-liaison-c', ['unit', 'expert'], 'u-c'))).toBe('read');
  });
});
