import { ServiceUnavailableException } from '@nestjs/common';
import { ServiceError, WorkflowUpdateRPCTimeoutOrCancelledError } from '@temporalio/client';
import { unavailable } from './campaign-workflow.client';

describe('unavailable: what of a failed Temporal call is a 503', () => {
  it('an Update not answered in time (no worker polling, a worker far behind) is a 503, not a 500', () => {
    const e = unavailable(new WorkflowUpdateRPCTimeoutOrCancelledError('Timed out while waiting for the update', { cause: new Error('deadline') }));
    expect(e).toBeInstanceOf(ServiceUnavailableException);
    expect((e!.getResponse() as { message: string }).message).toMatch(/^工作流服务未能及时完成该操作，请稍后重试/);
  });

  it('Temporal unreachable (gRPC UNAVAILABLE, DEADLINE_EXCEEDED) is a 503; other server errors and bugs are not', () => {
    expect(unavailable(new ServiceError('down', { cause: Object.assign(new Error('14 UNAVAILABLE'), { code: 14 }) }))).toBeInstanceOf(ServiceUnavailableException);
    expect(unavailable(new ServiceError('slow', { cause: Object.assign(new Error('4 DEADLINE_EXCEEDED'), { code: 4 }) }))).toBeInstanceOf(ServiceUnavailableException);
    expect(unavailable(new ServiceError('bad', { cause: Object.assign(new Error('3 INVALID_ARGUMENT'), { code: 3 }) }))).toBeNull();
    expect(unavailable(new TypeError('x is undefined'))).toBeNull();
  });
});
