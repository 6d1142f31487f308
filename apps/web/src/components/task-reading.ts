import { awaitsConfirmation, taskStatusText, type TaskStatus } from '@eco/domain';
import { campaignEndedText, STATUS_LABEL } from '../labels';
import type { ApiTaskStatus } from '../api/types';

/** A task's page as it reads in its words: status, the 待前序环节 promise, what its empty result and record cards say. */
export interface TaskReading {
  status: string;
  /** 待前序环节 (the alert with its promise 「前序环节完成后，本任务即可办理」, and the tag): only while it can still come true. */
  blocked: boolean;
  /** An external stage's result card before a result is recorded. */
  unrecorded: string;
  /** 报送与审批记录 with no round yet. */
  unsent: string;
}

/**
 * What a task's page says. A task its campaign ended with still to do (the server's `endedUndone`: 终止, 未通过,
 * completed) is not worked on any more (the page's 「…：本任务不再办理」): its status is the server's words (不再办理,
 * not 待登记结果 / 待报送); it promises nothing (no 待前序环节 「…完成后，本任务即可办理，并会通知责任人」) and names nobody
 * as still to act (登记结果, 报送). `kind`: its campaign's (a consolidation campaign's end is no 创建未通过: campaignEndedText).
 */
export function taskReading(t: {
  status: ApiTaskStatus;
  engineStatus: TaskStatus;
  statusLabel?: string;
  endedUndone?: string | null;
  external?: boolean;
  externalResult?: { outcome?: string } | null;
  blockedBy?: unknown;
  rounds?: readonly { awaitingConfirmation?: readonly string[] }[];
}, kind?: string | null): TaskReading {
  if (t.endedUndone) {
    const why = campaignEndedText(t.endedUndone, kind);
    return { status: t.statusLabel ?? '', blocked: false, unrecorded: `未登记结果（${why}）`, unsent: t.external ? `外部审查环节无需报送；${why}，未登记结果` : `未报送（${why}）` };
  }
  // the domain's words for an external stage and for a joint task awaiting its units' 确认; else the public status
  const domainWords = t.external || awaitsConfirmation({ status: t.engineStatus, rounds: t.rounds });
  return {
    status: domainWords ? taskStatusText({ status: t.engineStatus, external: t.external, externalResult: t.externalResult, rounds: t.rounds }) : STATUS_LABEL[t.status],
    blocked: !!t.blockedBy,
    unrecorded: '尚未登记结果（由领导小组办公室或核查组登记）',
    unsent: t.external ? '外部审查环节无需报送，待登记结果' : '尚未报送',
  };
}
