import type { Actor, StepState } from '../engine/campaign-state';
import type { TaskFacts } from './facts';
import { authorize } from './access-policy';
import { inboxNeed, taskActions } from './task-actions';

const liaisonA: Actor = { id: 'liaison-a', name: '甲局联络员', roles: ['unit'], unitId: 'u-a' };
const liaisonB: Actor = { id: 'liaison-b', name: '乙局联络员', roles: ['unit'], unitId: 'u-b' };
const office: Actor = { id: 'office-1', name: '办公室科员', roles: ['office'] };
const expert: Actor = { id: 'e1', name: '赵教授', roles: ['expert'] };
const leader: Actor = { id: 'leader-1', name: '组长', roles: ['leader'] };
const units = [{ id: 'u-a', name: '甲局' }, { id: 'u-b', name: '乙局' }] as never;
const ctx = (task: TaskFacts) => ({ units, separationOfDuties: true, task });

const step = (mode: StepState['mode'], signers: string[], name = '专家会签'): StepState => ({ index: 0, name, mode, assignees: signers, signers, added: [], transfers: [], decisions: [], status: 'active' });
const base = { id: 'indicator:2', kind: 'indicator', owner: 'unit', external: false } as const;
const joint: TaskFacts = { ...base, jointUnitIds: ['u-a', 'u-b'], status: 'open' };
const awaiting: TaskFacts = { ...joint, status: 'submitted', submission: { by: 'liaison-a', unitId: 'u-a' }, awaitingConfirmation: ['u-b'] };
const countersign: TaskFacts = { ...base, unitId: 'u-a', status: 'submitted', submission: { by: 'liaison-a', unitId: 'u-a' }, step: step('all', ['user:e1', 'user:e2']) };

describe('task actions: the access policy (who) over the task state (when)', () => {
  it('a joint task: either listed unit submits; after one submits, only the other confirms — nobody decides yet', () => {
    expect(taskActions(ctx(joint), liaisonA)).toEqual(['submit']);
    expect(taskActions(ctx(joint), liaisonB)).toEqual(['submit']);
    expect(taskActions(ctx(awaiting), liaisonB)).toEqual(['confirmJoint']);
    expect(taskActions(ctx(awaiting), liaisonA)).toEqual([]);
    expect(taskActions(ctx(awaiting), office)).toEqual(['moveDeadlines', 'urge']); // nobody decides yet; the office may move its date or chase the unit
  });

  it('a submitted step: its signers decide; the office may hand places over and add approvers; the submitter nothing', () => {
    expect(taskActions(ctx(countersign), expert)).toEqual(['approve', 'return', 'transfer', 'addApprover']);
    expect(taskActions(ctx(countersign), office)).toEqual(['transfer', 'addApprover', 'moveDeadlines', 'urge']);
    expect(taskActions(ctx(countersign), leader)).toEqual(['addApprover', 'moveDeadlines', 'urge']);
    expect(taskActions(ctx(countersign), liaisonA)).toEqual([]);
  });

  it('会签: a signer who has signed has nothing left to decide or hand over while the others sign; the office still may', () => {
    const signed: TaskFacts = { ...countersign, step: { ...countersign.step!, decisions: [{ by: 'e1', as: 'user:e1', decision: 'approve' }] } };
    const e2: Actor = { id: 'e2', name: '钱教授', roles: ['expert'] };
    expect(taskActions(ctx(signed), expert)).toEqual(['addApprover']);
    expect(taskActions(ctx(signed), e2)).toEqual(['approve', 'return', 'transfer', 'addApprover']);
    expect(taskActions(ctx(signed), office)).toEqual(['transfer', 'addApprover', 'moveDeadlines', 'urge']);
  });

  it('signers sign (planRules.signersSignOnly): an expert only 同意 / 退回; once signed, nothing; the office keeps 转交 and 加签, a leader 加签', () => {
    const only = (task: TaskFacts) => ({ ...ctx(task), signersSignOnly: true });
    const signed: TaskFacts = { ...countersign, step: { ...countersign.step!, decisions: [{ by: 'e1', as: 'user:e1', decision: 'approve' }] } };
    expect(taskActions(only(countersign), expert)).toEqual(['approve', 'return']);
    expect(taskActions(only(signed), expert)).toEqual([]);
    expect(taskActions(only(countersign), office)).toEqual(['transfer', 'addApprover', 'moveDeadlines', 'urge']);
    expect(taskActions(only(countersign), leader)).toEqual(['addApprover', 'moveDeadlines', 'urge']);
    // an expert who is also a leader is not "only an expert"
    expect(taskActions(only(countersign), { ...expert, roles: ['expert', 'leader'] })).toEqual(['approve', 'return', 'transfer', 'addApprover', 'moveDeadlines', 'urge']);
    const refused = authorize(only(countersign), expert, { kind: 'command', command: { type: 'addApprover', taskId: countersign.id, userId: 'e3', reason: '加一位' } });
    expect(refused).toEqual({ allowed: false, code: 'forbidden', reason: expect.stringMatching(/^评审专家只签批.*\(experts sign; the office transfers and adds approvers\)$/) });
  });

  it('signers sign: the inspector on 核查组确认整改 only 确认 / 退回 (the office hands the place over); a campaign before the rule: as before', () => {
    const inspector: Actor = { id: 'insp', name: '核查组', roles: ['inspector'] };
    const confirm: TaskFacts = { ...base, kind: 'rectification', unitId: 'u-a', status: 'submitted', submission: { by: 'liaison-a', unitId: 'u-a' }, step: step('any', ['user:insp'], '核查组确认整改') };
    expect(taskActions({ ...ctx(confirm), signersSignOnly: true }, inspector)).toEqual(['approve', 'return']);
    expect(taskActions(ctx(confirm), inspector)).toEqual(['approve', 'return', 'transfer', 'addApprover']);
    const refused = authorize({ ...ctx(confirm), signersSignOnly: true }, inspector, { kind: 'command', command: { type: 'transfer', taskId: confirm.id, toUserId: 'insp-2', reason: '出差' } });
    expect(refused).toMatchObject({ allowed: false, code: 'forbidden', reason: expect.stringContaining('核查人员只签批（确认整改）') });
  });

  it('signers sign: a unit signer of a 会签 keeps 转交 and 加签 until they decide; then neither (a leader who decided keeps 加签)', () => {
    const only = (task: TaskFacts) => ({ ...ctx(task), signersSignOnly: true });
    const panel: TaskFacts = { ...countersign, step: step('all', ['user:liaison-b', 'user:leader-1']) };
    const decided = (by: string): TaskFacts => ({ ...panel, step: { ...panel.step!, decisions: [{ by, as: `user:${by}`, decision: 'approve' }] } });
    expect(taskActions(only(panel), liaisonB)).toEqual(['approve', 'return', 'transfer', 'addApprover']);
    expect(taskActions(only(decided('liaison-b')), liaisonB)).toEqual([]);
    expect(taskActions(ctx(decided('liaison-b')), liaisonB)).toEqual(['addApprover']); // a campaign started before the rule: as before
    expect(taskActions(only(decided('leader-1')), leader)).toEqual(['addApprover', 'moveDeadlines', 'urge']);
    const refused = authorize(only(decided('liaison-b')), liaisonB, { kind: 'command', command: { type: 'addApprover', taskId: panel.id, userId: 'e3', reason: '加一位' } });
    expect(refused).toMatchObject({ allowed: false, code: 'forbidden', reason: expect.stringContaining('您已在本环节签批，不能再加签') });
  });

  it('external stages are recorded (登记结果) by the office or an inspector, not submitted; once recorded, nothing is left', () => {
    const pre: TaskFacts = { ...base, kind: 'pre-review', owner: 'office', external: true, status: 'open' };
    const inspector: Actor = { id: 'insp', name: '核查组', roles: ['inspector'] };
    expect(taskActions(ctx(pre), office)).toEqual(['recordExternalResult', 'moveDeadlines']);
    expect(taskActions(ctx(pre), inspector)).toEqual(['recordExternalResult']);
    expect(taskActions(ctx(pre), liaisonA)).toEqual([]);
    expect(taskActions(ctx({ ...pre, status: 'approved' }), office)).toEqual([]);
    expect(inboxNeed(pre)).toBe('record');
  });

  it('调整期限: the office and leaders on a task still to be done; not units, not on a finished task', () => {
    const open: TaskFacts = { ...base, unitId: 'u-a', status: 'open' };
    expect(taskActions(ctx(open), leader)).toEqual(['moveDeadlines', 'urge']);
    expect(taskActions(ctx(open), liaisonA)).toEqual(['submit']);
    expect(taskActions(ctx({ ...open, status: 'approved' }), office)).toEqual([]);
  });

  it('催办: the office and leaders on a task someone must act on now; not units, not a held-back, external or finished task', () => {
    const open: TaskFacts = { ...base, unitId: 'u-a', status: 'open' };
    expect(taskActions(ctx(open), office)).toContain('urge');
    expect(taskActions(ctx({ ...open, status: 'returned' }), leader)).toContain('urge');
    expect(taskActions(ctx(open), liaisonA)).not.toContain('urge');
    expect(taskActions(ctx(open), expert)).not.toContain('urge');
    expect(taskActions(ctx({ ...open, waitsFor: 'draft' }), office)).not.toContain('urge');
    expect(taskActions(ctx({ ...open, status: 'approved' }), office)).not.toContain('urge');
    // the office's own work: not offered to the office (nobody else to chase), offered to a leader
    const officeWork: TaskFacts = { ...base, kind: 'work-plan-issued', owner: 'office', status: 'open' };
    expect(taskActions(ctx(officeWork), office)).not.toContain('urge');
    expect(taskActions(ctx(officeWork), leader)).toContain('urge');
  });
});

describe('inbox need', () => {
  it('报送, 补正, 确认, 会签 (every signer of a multi-signer step), 审批 (one signer or any of several)', () => {
    expect(inboxNeed(joint)).toBe('submit');
    expect(inboxNeed({ ...joint, status: 'returned' })).toBe('correct');
    expect(inboxNeed(awaiting)).toBe('confirm');
    expect(inboxNeed(countersign)).toBe('countersign');
    expect(inboxNeed({ ...countersign, step: step('any', ['user:e1', 'user:e2']) })).toBe('approve');
    expect(inboxNeed({ ...countersign, step: step('all', ['role:office']) })).toBe('approve');
    // a co-signer added (并加签) to an 或签 step is required: 会签 (walkthrough: the 组长 added found it under 审批)
    const withCoSigner = { ...step('any', ['user:o1', 'user:o2', 'user:l1'], '领导小组办公室审核'), added: [{ userId: 'l1', by: 'o1', reason: '约束性指标，请组长会签。', at: 0 }] };
    expect(inboxNeed({ ...countersign, step: withCoSigner })).toBe('countersign');
    expect(inboxNeed({ ...countersign, step: { ...withCoSigner, added: [{ ...withCoSigner.added[0], mode: 'co-sign' as const }] } })).toBe('countersign');
    // …not a step of their own (前加签), nor the earlier rules (no signers: any one of the places approves)
    expect(inboxNeed({ ...countersign, step: { ...step('any', ['user:l1']), added: [{ ...withCoSigner.added[0], mode: 'before' as const }] } })).toBe('approve');
    expect(inboxNeed({ ...countersign, step: { ...withCoSigner, signers: undefined } })).toBe('approve');
  });
});
