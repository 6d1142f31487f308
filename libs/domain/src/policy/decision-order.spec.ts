import { createCampaign } from '../engine/create-campaign';
import { validateCommand } from '../engine/command-validation';
import { taskView } from '../engine/views';
import { findTask, type CampaignState, type TaskState } from '../engine/campaign-state';
import { admin, at, inspector, office, office2, run, smallTemplate, unitUser } from '../../../../test/fixtures/engine-fixtures';
import { authorize } from './access-policy';
import { taskFactsFromView } from './facts';
import { chineseReason } from '../text/chinese-reason';

const T0 = at('2024-03-01T09:00:00');
const T1 = at('2024-03-04T10:00:00');
const T2 = at('2024-03-05T10:00:00');
const ID = 'unit-contacts:u-a';

/** A campaign with one unit task in each state a decision can meet: open, in approval, returned. */
function states(): Record<'open' | 'submitted' | 'returned', CampaignState> {
  const open = createCampaign(smallTemplate(), { campaignId: 'c1' }, T0);
  const submitted = run(open, { type: 'submit', taskId: ID, value: '联络员：赵科员' }, unitUser('u-a'), T1);
  const returned = run(submitted, { type: 'return', taskId: ID, reason: '缺少分管领导' }, office, T2);
  return { open, submitted, returned };
}

describe('who may decide is answered before when (the policy first, whatever the task’s state)', () => {
  it('an inspector (no role that approves) is refused 403 on 审批通过 and 退回 in every state of the task — never 409 「不在审批中」', () => {
    for (const [state, s] of Object.entries(states())) {
      for (const c of [{ type: 'approve', taskId: ID }, { type: 'return', taskId: ID, reason: '不符合要求' }] as const) {
        const r = validateCommand(s, c, inspector, T2);
        expect({ state, type: c.type, code: r?.code }).toEqual({ state, type: c.type, code: 'forbidden' });
        expect(chineseReason(r!.reason)).toBe('您无权审批此任务（无审批权限）');
      }
    }
    // an administrator holds no approver role either
    expect(validateCommand(states().returned, { type: 'approve', taskId: ID }, admin, T2)?.code).toBe('forbidden');
  });

  it('someone who could decide keeps the state’s answer: 409 「不在审批中」 on a returned task, allowed in approval', () => {
    const { submitted, returned } = states();
    const r = validateCommand(returned, { type: 'approve', taskId: ID }, office2, T2);
    expect(r?.code).toBe('conflict');
    expect(chineseReason(r!.reason)).toBe('任务当前为「已退回」，不在审批中');
    expect(validateCommand(submitted, { type: 'approve', taskId: ID }, office2, T2)).toBeNull();
    // a unit user out of the step's places: 403 in approval, the state's 409 otherwise (unchanged)
    expect(validateCommand(submitted, { type: 'approve', taskId: ID }, unitUser('u-b'), T2)?.code).toBe('forbidden');
    expect(validateCommand(returned, { type: 'approve', taskId: ID }, unitUser('u-b'), T2)?.code).toBe('conflict');
  });

  it('the API asks the same policy over the read model’s task: 403 for the inspector on the returned task', () => {
    const { returned } = states();
    const facts = taskFactsFromView(taskView(findTask(returned, ID) as TaskState, T2));
    const ctx = { units: returned.catalog.units, separationOfDuties: true, task: facts };
    expect(authorize(ctx, inspector, { kind: 'command', command: { type: 'approve', taskId: ID } })).toMatchObject({ allowed: false, code: 'forbidden' });
    expect(authorize(ctx, office2, { kind: 'command', command: { type: 'approve', taskId: ID } })).toEqual({ allowed: true });
  });

  it('an inspector named on the task’s chain (核查组确认整改) may still decide: the state answers', () => {
    const s = states().returned;
    const named = { ...s, tasks: s.tasks.map((t) => (t.id === ID ? { ...t, chain: [...t.chain, { name: '核查组确认整改', mode: 'any' as const, assignees: [`user:${inspector.id}`] }] } : t)) };
    expect(validateCommand(named, { type: 'approve', taskId: ID }, inspector, T2)?.code).toBe('conflict');
  });

  it('a person of no unit never confirms a joint submission: 403 whatever the state (not 409 「不是共同负责任务」)', () => {
    const r = validateCommand(states().open, { type: 'confirmJoint', taskId: ID }, inspector, T2);
    expect(r?.code).toBe('forbidden');
    expect(validateCommand(states().open, { type: 'confirmJoint', taskId: ID }, unitUser('u-a'), T2)?.code).toBe('conflict');
  });
});
