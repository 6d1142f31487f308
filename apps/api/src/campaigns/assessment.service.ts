import { Injectable } from '@nestjs/common';
import { cadenceSummary, unitAssessment, type AssessedTask, type Actor, type ReadResource } from '@eco/domain';
import { AuditRepository, CampaignRepository } from '@eco/persistence';
import { TemplateCatalogService } from '../templates/template-catalog.service';
import type { AssessmentSummary, SupervisionSummary } from './assessment-export';
import { overdueFacts } from './campaign.mapper';
import { CampaignsService } from './campaigns.service';

/**
 * The office's summaries of a campaign, read from the projection (tasks as the workflow projected them) and the audit
 * trail (escalations): per-unit assessment (考核汇总) and per-period supervision reports (调度汇总). Who may read them is
 * the access policy's answer (office, leaders, admin, inspectors and supervising organizations; units 403).
 */
@Injectable()
export class AssessmentService {
  constructor(
    private readonly campaigns: CampaignsService,
    private readonly repo: CampaignRepository,
    private readonly audit: AuditRepository,
    private readonly templates: TemplateCatalogService,
  ) {}

  private async read(actor: Actor, id: string, resource: ReadResource) {
    const { row } = await this.campaigns.readable(actor, id, resource); // 404 when the actor does not see the campaign, 403 when the policy refuses the read
    const template = await this.templates.get(row.templateId).catch(() => null);
    const tasks = (await this.repo.tasks(id)).map((t) => t.view as unknown as AssessedTask);
    const units = (template?.units ?? []).map((u) => ({ id: u.id, name: u.name, kind: u.kind }));
    // what the record reads of the campaign (engine/overdue: recordClock): paused, the clock stopped at its pause — as
    // every other read of the tasks (the overview's 单位排名 among them) counts 逾期 —; ended, stopped at its end (or at
    // the pause it ended in): what was overdue by then stays 逾期未报
    const campaign = overdueFacts(row);
    return { row, template, tasks, units, campaign };
  }

  /**
   * 考核汇总: per unit, on time / late / overdue / not yet due / cancelled by 结束阶段 while still due (not done),
   * returns, escalations, assessment flags. Every unit of the template by name; a collective one (各镇(街道)) only where
   * it has tasks (unitAssessment's rule; left out of the names here, its row read its id).
   */
  async assessment(actor: Actor, id: string, now = Date.now()): Promise<AssessmentSummary> {
    const { row, template, tasks, units, campaign } = await this.read(actor, id, 'assessment');
    const escalations = (await this.audit.list(id, { action: 'escalated' }))
      .filter((a) => a.taskId)
      .map((a) => ({ taskId: a.taskId as string, level: Number((a.detail as { level?: unknown } | null)?.level ?? 0) }));
    // 结束阶段: the tasks each closed phase cancelled (the projected phases), read here — the workflow is not changed
    const phases = (await this.repo.get(id))?.snapshot?.phases ?? [];
    const closedPhaseTaskIds = phases.flatMap((p) => p.closed?.cancelledTaskIds ?? []);
    return {
      campaignId: id,
      name: row.name,
      generatedAt: new Date(now).toISOString(),
      consequences: (template?.assessment ?? []).map((a) => ({ appliesTo: a.appliesTo, label: a.label, text: a.text, ...(a.matter ? { matter: a.matter } : {}), source: a.source })),
      units: unitAssessment(tasks, escalations, units, now, campaign, { closedPhaseTaskIds }),
    };
  }

  /** 调度汇总: per cadence period, who was to report, who reported on time or late, who did not. */
  async supervision(actor: Actor, id: string, now = Date.now()): Promise<SupervisionSummary> {
    const { row, template, tasks, units, campaign } = await this.read(actor, id, 'supervision');
    const cadences = template?.supervision ?? [];
    return {
      campaignId: id,
      name: row.name,
      generatedAt: new Date(now).toISOString(),
      cadences: cadences.map((c) => ({
        key: c.key, name: c.name, every: c.every, owner: c.owner, source: c.source,
        derived: Object.fromEntries(Object.entries(c.provenance ?? {}).map(([field, d]) => [field, d.reason])),
      })),
      periods: cadenceSummary(tasks, Object.fromEntries(cadences.map((c) => [c.key, c.name])), units, now, campaign),
    };
  }
}
