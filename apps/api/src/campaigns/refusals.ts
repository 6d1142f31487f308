/**
 * Refusals at the API's edge, in one place. The codes are the domain's (policy REFUSAL_CODES): the access policy and
 * validation answer with them, the workflow's validators throw them as `ApplicationFailure.type`, and this table maps
 * each to its HTTP status. Nothing here reads a message's text: a failure without a refusal code is a conflict.
 */
import { BadRequestException, ConflictException, ForbiddenException, HttpException, NotFoundException } from '@nestjs/common';
import { WorkflowNotFoundError, WorkflowUpdateFailedError } from '@temporalio/client';
import { ApplicationFailure } from '@temporalio/common';
import { isRefusalCode, type RefusalCode } from '@eco/domain';

/** A refusal from the access policy or the workflow (validator or handler): `code` is the domain's refusal code. */
export class CampaignRefusal extends Error {
  constructor(
    readonly code: RefusalCode,
    message: string,
  ) {
    super(message);
  }
}

/** Refusal code → HTTP answer (400 lists its reasons, as the request validation's answers do). */
export const REFUSAL_HTTP: { readonly [C in RefusalCode]: { status: 400 | 403 | 404 | 409; exception: (message: string) => HttpException } } = {
  invalid: { status: 400, exception: (message) => new BadRequestException({ message: [message], error: 'Bad Request' }) },
  forbidden: { status: 403, exception: (message) => new ForbiddenException({ message }) },
  'not-found': { status: 404, exception: (message) => new NotFoundException({ message }) },
  conflict: { status: 409, exception: (message) => new ConflictException({ message }) },
};

export function refusalToHttp(e: { code: RefusalCode; message: string }): HttpException {
  return REFUSAL_HTTP[e.code].exception(e.message);
}

export const WORKFLOW_GONE = '活动流程已结束或不存在 (the campaign workflow is not running)';

/**
 * What a failed Update or Query means for the caller: the workflow's refusal (its ApplicationFailure's type), a
 * conflict for any other failure of the Update or a campaign whose workflow has finished (Temporal answers an Update
 * to a closed workflow with not-found); anything else (the server unreachable…) is not a refusal and propagates.
 */
export function refusalOf(e: unknown): unknown {
  if (e instanceof WorkflowUpdateFailedError) {
    const cause = e.cause;
    if (cause instanceof ApplicationFailure && isRefusalCode(cause.type)) return new CampaignRefusal(cause.type, cause.message);
    return new CampaignRefusal('conflict', cause?.message ?? e.message);
  }
  if (e instanceof WorkflowNotFoundError) return new CampaignRefusal('conflict', WORKFLOW_GONE);
  return e;
}
