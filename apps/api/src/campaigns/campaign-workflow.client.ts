import { Inject, Injectable } from '@nestjs/common';
import { randomUUID } from 'crypto';
import { Client, WorkflowExecutionAlreadyStartedError } from '@temporalio/client';
import { APP_CONFIG, AppConfig } from '@eco/config';
import { currentRequestId } from '@eco/observability';
import type { Actor, DirectoryUser, CommandType, TaskView } from '@eco/domain';
import { ActionResult, CAMPAIGN_WORKFLOW_TYPE, CampaignWorkflowInput, campaignWorkflowId, refreshDirectoryUpdate, auditHeadQuery, taskQuery, updates, type AuditHead } from '@eco/contracts';
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
      throw e;
    }
  }

  /** Sends one human action as an Update; the workflow's refusal becomes a CampaignRefusal (see refusals.ts). */
  async act(campaignId: string, type: CommandType, actor: Actor, command: Record<string, unknown>, updateId?: string): Promise<ActionResult> {
    const handle = this.client.workflow.getHandle(campaignWorkflowId(campaignId));
    // The request id travels in the Update's argument (into the audit detail) and prefixes a fresh Update id, so the
    // action can be found in Temporal's UI too. An Idempotency-Key's deterministic Update id is kept as is.
    const requestId = currentRequestId();
    const id = updateId ?? (requestId ? `${requestId}~${randomUUID().slice(0, 8)}` : undefined);
    try {
      return await handle.executeUpdate(updates[type] as any, { args: [{ actor, command, ...(requestId ? { requestId } : {}) }], updateId: id });
    } catch (e) {
      throw refusalOf(e);
    }
  }

  /** Replaces the campaign's directory snapshot (refusals as for actions). */
  async refreshDirectory(campaignId: string, actor: Actor, users: DirectoryUser[], opts: { onlyWithDirectory?: boolean } = {}): Promise<{ revision: number; resolved: number }> {
    const handle = this.client.workflow.getHandle(campaignWorkflowId(campaignId));
    try {
      return await handle.executeUpdate(refreshDirectoryUpdate, { args: [{ actor, users, ...(opts.onlyWithDirectory ? { onlyWithDirectory: true } : {}) }] });
    } catch (e) {
      throw refusalOf(e);
    }
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

  async task(campaignId: string, taskId: string): Promise<TaskView | null> {
    try {
      return await this.client.workflow.getHandle(campaignWorkflowId(campaignId)).query(taskQuery, taskId);
    } catch (e) {
      throw refusalOf(e);
    }
  }
}
