/**
 * The activities a campaign workflow calls (implemented by Nest providers in activities/, mapped explicitly by the
 * worker; the workflow uses proxyActivities<CampaignActivities>). Pure types only.
 */

export interface TaskProjection {
  id: string;
  kind: string;
  phase: string;
  title: string;
  unitId: string | null;
  indicatorCode: string | null;
  status: string;
  dueAt: string | null; // ISO
  overdue: boolean;
  assessmentFlag: boolean;
  /** Who can act now: `unit:<id>`, `role:<role>`, `user:<id>`. */
  waitingFor: string[];
  view: Record<string, unknown>;
}

export interface CampaignProjection {
  campaignId: string;
  workflowId: string;
  templateId: string;
  name: string;
  kind: string;
  region: string;
  phase: string;
  status: string;
  paused: boolean;
  progress: Record<string, number>;
  /** Monotonic per campaign: an older projection never overwrites a newer one. */
  version: number;
  createdBy: string | null;
  /** Campaign view without the task list. */
  snapshot: Record<string, unknown>;
  /** Only tasks that changed since the previous projection. */
  tasks: TaskProjection[];
}

export interface AuditEntry {
  at: string; // ISO UTC
  actor: { id: string; name: string; roles: string[]; unitId?: string | null };
  onBehalfOf?: string | null;
  action: string;
  taskId?: string | null;
  indicatorCode?: string | null;
  step?: number | null;
  outcome: 'accepted' | 'refused' | 'denied';
  reason?: string | null;
  comment?: string | null;
  updateId?: string | null;
  detail?: Record<string, unknown> | null;
  /** Deterministic key (workflow id + update id + index) so a retried activity adds each record once. */
  dedupeKey: string;
}

/** Head of a campaign's audit chain: records 1..seq exist and record seq has this hash. */
export interface AuditHead {
  seq: number;
  hash: string;
}

export interface AuditAppendResult {
  inserted: number;
  head: AuditHead | null;
}

export interface ReminderEntry {
  taskId: string;
  unitId?: string | null;
  level: 'blue' | 'yellow' | 'red' | 'escalation';
  recipients: string[];
  message: string;
  at: string; // ISO: when it was due to be sent
  key: string; // deterministic, unique within the campaign
}

export interface CampaignActivities {
  /** Upsert the campaign's read model (campaigns + changed campaign_tasks rows). */
  projectCampaign(p: CampaignProjection): Promise<void>;
  /**
   * Append audit records to the campaign's keyed hash chain (idempotent per dedupeKey). Returns how many were new
   * and the chain's head afterwards (the checkpoint the workflow keeps); older workers returned only the number.
   */
  appendAudit(campaignId: string, workflowId: string, entries: AuditEntry[]): Promise<number | AuditAppendResult>;
  /** Write reminders to the notification outbox (idempotent per key). Returns how many were new. */
  enqueueReminders(campaignId: string, reminders: ReminderEntry[]): Promise<number>;
  /** Drain the outbox of this campaign through the delivery channel. Returns how many were delivered. */
  deliverNotifications(campaignId: string): Promise<number>;
}
