import { Inject, Injectable, ServiceUnavailableException } from '@nestjs/common';
import { randomUUID } from 'crypto';
import { Client, ServiceError, WorkflowExecutionAlreadyStartedError, WorkflowUpdateRPCTimeoutOrCancelledError } from '@temporalio/client';
import { APP_CONFIG, AppConfig } from '@eco/config';
import { currentRequestId } from '@eco/observability';
import type { Actor, CampaignState, DirectoryUser, CommandType, TaskView } from '@eco/domain';
import { ActionResult, CAMPAIGN_WORKFLOW_TYPE, CampaignWorkflowInput, campaignWorkflowId, refreshDirectoryUpdate, auditHeadQuery, stateQuery, taskQuery, updates, type AuditHead } from '@eco/contracts';
import { CampaignRefusal, refusalOf } from './refusals';

export { CampaignRefusal };

/** Thin wrapper over the Temporal client for campaign workflows (start, act, read). */
@Injectable()
export class CampaignWorkflowClient {
  constructor(
    private readonly client: Client,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /** Starts the campaign's workflow; returns false when it already exists (a retried start). */
  async start(input: CampaignWorkflowInput): Promise<{ workflowId: string; started: boolean }> {
    const workflowId = campaignWorkflowId(input.campaignId);
    try {
      await this.client.workflow.start(CAMPAIGN_WORKFLOW_TYPE, {
        taskQueue: this.config.TEMPORAL_TASK_QUEUE,
        workflowId,
        args: [input],
        workflowIdReusePolicy: 'REJECT_DUPLICATE',
      });
      return { workflowId, started: true };
    } catch (e) {
      if (e instanceof WorkflowExecutionAlreadyStartedError) return { workflowId, started: false };
      throw unavailable(e) ?? e;
    }
  }

  /** Sends one human action as an Update; the workflow's refusal becomes a CampaignRefusal (see refusals.ts). */
  async act(campaignId: string, type: CommandType, actor: Actor, command: Record<string, unknown>, updateId?: string): Promise<ActionResult> {
    const handle = this.client.workflow.getHandle(campaignWorkflowId(campaignId));
    // The request id travels in the Update's argument (into the audit detail) and prefixes a fresh Update id, so the
    // action can be found in Temporal's UI too. An Idempotency-Key's deterministic Update id is kept as is.
    const requestId = currentRequestId();
    const id = updateId ?? (requestId ? `${requestId}~${randomUUID().slice(0, 8)}` : randomUUID());
    const send = (): Promise<ActionResult> => handle.executeUpdate(updates[type] as any, { args: [{ actor, command, ...(requestId ? { requestId } : {}) }], updateId: id });
    // A workflow task that failed while the Update was in flight (the campaign completing as a signal arrives; a
    // task that ran out of time on a starved machine: Temporal retries that task) is transient: ask again with the
    // SAME update id — applied at most once — a few times over ~5 s (one retry after 0.5 s answered 503 in a loaded CI
    // run), before answering 409 (the campaign has finished meanwhile) or 503.
    for (const wait of [...UPDATE_RETRY_WAITS_MS, null]) {
      try {
        return await send();
      } catch (e) {
        if (wait === null || !(e instanceof ServiceError) || unavailable(e)) throw await this.updateFailure(e, handle);
        await new Promise((r) => setTimeout(r, wait));
      }
    }
    throw new Error('unreachable');
  }

  /** Replaces the campaign's directory snapshot (refusals as for actions). */
  async refreshDirectory(campaignId: string, actor: Actor, users: DirectoryUser[], opts: { onlyWithDirectory?: boolean } = {}): Promise<{ revision: number; resolved: number }> {
    const handle = this.client.workflow.getHandle(campaignWorkflowId(campaignId));
    try {
      return await handle.executeUpdate(refreshDirectoryUpdate, { args: [{ actor, users, ...(opts.onlyWithDirectory ? { onlyWithDirectory: true } : {}) }] });
    } catch (e) {
      throw await this.updateFailure(e, handle);
    }
  }

  /**
   * What a failed Update means for the caller: the workflow's refusal, Temporal down (503), or — for any other server
   * error, e.g. an Update admitted while the campaign finished (two 终止 at once) — 409 when the campaign's workflow
   * has closed meanwhile, else 503 (a transient server failure: the Idempotency-Key is released and a retry runs again).
   */
  private async updateFailure(e: unknown, handle: ReturnType<Client['workflow']['getHandle']>): Promise<unknown> {
    const down = unavailable(e);
    if (down) return down;
    const mapped = refusalOf(e);
    if (mapped !== e || !(e instanceof ServiceError)) return mapped;
    const status = await handle.describe().then((d) => d.status.name, () => null);
    if (status && status !== 'RUNNING') return new CampaignRefusal('conflict', '活动已结束，不能再操作 (the campaign has finished)');
    return new ServiceUnavailableException({ message: `工作流服务暂时无法完成该操作，请稍后重试 (Temporal could not complete the update: ${(e.cause as Error | undefined)?.message ?? e.message})` });
  }

  /**
   * The audit checkpoint the workflow keeps (count + head hash), or `unavailable` with the reason when the workflow
   * cannot answer within 5 s (no worker running, Temporal down).
   */
  async auditHead(campaignId: string): Promise<{ head: AuditHead | null } | { unavailable: string }> {
    try {
      const q = this.client.workflow.getHandle(campaignWorkflowId(campaignId)).query(auditHeadQuery);
      const head = await Promise.race([q, new Promise<never>((_, rej) => setTimeout(() => rej(new Error('no answer within 5 s')), 5000).unref())]);
      return { head };
    } catch (e) {
      return { unavailable: e instanceof Error ? e.message : String(e) };
    }
  }

  /**
   * The campaign's live state (a read: nothing changes) — for a preview the engine computes as the action would; a
   * workflow gone answers 409, Temporal down 503.
   */
  async state(campaignId: string): Promise<CampaignState> {
    try {
      return await this.client.workflow.getHandle(campaignWorkflowId(campaignId)).query(stateQuery);
    } catch (e) {
      throw unavailable(e) ?? refusalOf(e);
    }
  }

  async task(campaignId: string, taskId: string): Promise<TaskView | null> {
    try {
      return await this.client.workflow.getHandle(campaignWorkflowId(campaignId)).query(taskQuery, taskId);
    } catch (e) {
      throw refusalOf(e);
    }
  }
}

/** Waits between asking again for an Update whose workflow task failed (transient: Temporal retries the task). */
const UPDATE_RETRY_WAITS_MS = [500, 1500, 3000];

/** gRPC status codes meaning the server could not be reached or did not answer in time (retry later). */
const UNREACHABLE = new Set([4 /* DEADLINE_EXCEEDED */, 14 /* UNAVAILABLE */]);

/**
 * Temporal down or unreachable → 503 (documented on every endpoint that calls it: starting a campaign, every action,
 * 更新人员名录). The caller retries, with the same Idempotency-Key, once /api/health says Temporal is up again.
 */
export function unavailable(e: unknown): ServiceUnavailableException | null {
  // The Update was not answered in time (no worker polling, a worker far behind): the action may still be applied —
  // a retry with the same Idempotency-Key (the same Update id) returns its outcome, never applies it twice.
  if (e instanceof WorkflowUpdateRPCTimeoutOrCancelledError) {
    return new ServiceUnavailableException({ message: `工作流服务未能及时完成该操作，请稍后重试 (the workflow did not answer the update in time: ${e.message})` });
  }
  if (!(e instanceof ServiceError)) return null;
  const code = (e.cause as { code?: unknown } | undefined)?.code;
  if (!(typeof code === 'number' && UNREACHABLE.has(code)) && !/failed to connect/i.test(e.message)) return null;
  return new ServiceUnavailableException({ message: `工作流服务暂不可用，请稍后重试 (Temporal is unavailable: ${(e.cause as Error | undefined)?.message ?? e.message})` });
}
