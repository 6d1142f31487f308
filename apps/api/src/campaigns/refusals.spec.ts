/** Refusal codes → HTTP statuses, in one table; the workflow's failures read by their type, never by their text. */
import { HttpException } from '@nestjs/common';
import { WorkflowNotFoundError, WorkflowUpdateFailedError } from '@temporalio/client';
import { ApplicationFailure } from '@temporalio/common';
import { REFUSAL_CODES } from '@eco/domain';
import { CampaignRefusal, REFUSAL_HTTP, refusalOf, refusalToHttp } from './refusals';

describe('refusal → HTTP table', () => {
  it('maps each refusal code to its status', () => {
    expect(Object.fromEntries(REFUSAL_CODES.map((c) => [c, refusalToHttp({ code: c, message: 'x' }).getStatus()]))).toEqual({
      invalid: 400, 'not-found': 404, forbidden: 403, conflict: 409,
    });
    for (const c of REFUSAL_CODES) expect(refusalToHttp({ code: c, message: 'x' }).getStatus()).toBe(REFUSAL_HTTP[c].status);
  });

  it('carries the reason: a 400 lists it, the others answer it as the message', () => {
    expect(refusalToHttp({ code: 'invalid', message: '必须填写理由' }).getResponse()).toEqual({ message: ['必须填写理由'], error: 'Bad Request' });
    expect(refusalToHttp({ code: 'forbidden', message: '任务不属于您的单位' }).getResponse()).toEqual({ message: '任务不属于您的单位' });
  });
});

describe("refusalOf: the workflow's failure read by its type", () => {
  const failed = (type: string, message: string) => new WorkflowUpdateFailedError('Workflow Update failed', ApplicationFailure.create({ type, message, nonRetryable: true }));

  it.each(REFUSAL_CODES)('an ApplicationFailure of type %s is that refusal', (code) => {
    const r = refusalOf(failed(code, '原因'));
    expect(r).toBeInstanceOf(CampaignRefusal);
    expect(r).toMatchObject({ code, message: '原因' });
  });

  it('whatever the message says, only the type counts', () => {
    expect(refusalOf(failed('conflict', '任务不存在 (forbidden, not-found, invalid)'))).toMatchObject({ code: 'conflict' });
    expect(refusalOf(failed('SomethingElse', '无权操作 (forbidden)'))).toMatchObject({ code: 'conflict' });
  });

  it('a finished or unknown workflow is a conflict; other errors are not refusals', () => {
    expect(refusalOf(new WorkflowNotFoundError('workflow execution already completed', 'campaign-x', undefined))).toMatchObject({ code: 'conflict' });
    const down = new Error('14 UNAVAILABLE: connection refused');
    expect(refusalOf(down)).toBe(down);
    expect(refusalToHttp(refusalOf(failed('forbidden', 'x')) as CampaignRefusal)).toBeInstanceOf(HttpException);
  });
});
