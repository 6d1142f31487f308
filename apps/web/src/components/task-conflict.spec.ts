import { ApiError } from '../api/client';
import { conflictRefusal, isConflict, STALE_TASK_TEXT, stillOffered, taskVersion } from './task-conflict';

const returned = {
  status: 'returned',
  engineStatus: 'returned',
  statusLabel: '已退回',
  round: 2,
  dueAt: '2027-03-05T15:59:59.000Z',
  waitingFor: ['unit:sx-tjj'],
  actions: ['submit'],
  rounds: [{ outcome: 'returned', steps: [{ status: 'done', decisions: [{}] }] }],
};
// the same task re-submitted in another tab: in review, nothing for the liaison to do
const resubmitted = { ...returned, status: 'submitted', engineStatus: 'submitted', statusLabel: '审批中', waitingFor: ['role:office'], actions: [], rounds: [...returned.rounds, { outcome: null, steps: [{ status: 'active', decisions: [] }] }] };
const refused = '任务当前为「审批中」，不能提交';

describe('an action on a task that changed in another tab or by someone else (409)', () => {
  it('only a 409 from the API is a conflict worth reading the task again', () => {
    expect(isConflict(new ApiError(409, refused))).toBe(true);
    expect(isConflict(new ApiError(400, '提交的内容有误'))).toBe(false);
    expect(isConflict(new Error('x'))).toBe(false);
  });

  it('a task re-submitted elsewhere: the page says it was updated and reloaded, its status now, and the server’s reason', () => {
    const r = conflictRefusal(refused, returned, resubmitted);
    expect(r).toEqual({ title: STALE_TASK_TEXT, text: '任务当前为「审批中」，本次操作未执行。请查看最新状态后再办理。', stale: true });
    expect(conflictRefusal('该审批步骤已由他人签署', { ...resubmitted, actions: ['approve'] }, { ...resubmitted, status: 'approved', engineStatus: 'approved', statusLabel: '已通过' }).text).toBe('任务当前为「已通过」，本次操作未执行（该审批步骤已由他人签署）。请查看最新状态后再办理。');
    expect(STALE_TASK_TEXT).toBe('任务状态已在其他页面或由他人更新，已刷新');
  });

  it('a step signed by another clerk (same status, one more decision) is a change too', () => {
    const inReview = { ...resubmitted, actions: ['approve', 'return'] };
    const signed = { ...inReview, rounds: [returned.rounds[0], { outcome: null, steps: [{ status: 'active', decisions: [{}] }] }] };
    expect(taskVersion(inReview)).not.toBe(taskVersion(signed));
    expect(conflictRefusal('已签署', inReview, signed).stale).toBe(true);
  });

  it('a campaign paused meanwhile says so', () => {
    expect(conflictRefusal('活动已暂停', returned, returned, { before: false, after: true }).text).toMatch(/^活动已暂停，本次操作未执行/);
  });

  it('a 409 of a task that did not change (or could not be read again) reads as the server’s refusal', () => {
    expect(conflictRefusal('协办单位材料尚未全部确认', returned, { ...returned })).toEqual({ title: '操作未成功', text: '协办单位材料尚未全部确认' });
    expect(conflictRefusal(refused, returned, undefined)).toEqual({ title: '操作未成功', text: refused });
  });

  it('a dialog stays open only while its action is still offered (提出异议 is 确认’s other answer)', () => {
    expect(stillOffered('approve', ['approve', 'return'])).toBe(true);
    expect(stillOffered('approve', [])).toBe(false);
    expect(stillOffered('object', ['confirmJoint'])).toBe(true);
    expect(stillOffered('submit', undefined)).toBe(false);
  });
});
