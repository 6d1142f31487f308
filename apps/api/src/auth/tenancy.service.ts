import { Injectable, NotFoundException } from '@nestjs/common';
import { authorize, readsEveryTask, taskFactsFromView, type AccessDecision, type OrganizationRelation, type ReadResource, type UnitOfTask, type UnitRef } from '@eco/domain';
import { type CampaignEntity, type CampaignTaskEntity, CampaignRepository, OrganizationRepository } from '@eco/persistence';
import type { Actor } from './actor';
import { CampaignRefusal, refusalToHttp } from '../campaigns/refusals';
import { CampaignAccess, campaignAccess, CampaignListScope } from './tenancy';

/** The same answer as for a campaign that does not exist: no existence leak across organizations. */
export function campaignNotFound(id: string): NotFoundException {
  return new NotFoundException({ message: `活动不存在 (campaign ${id} not found)` });
}

/** Tenancy decisions that need the database (organization tree, participating units). Rules: ./tenancy.ts. */
@Injectable()
export class TenancyService {
  constructor(
    private readonly orgs: OrganizationRepository,
    private readonly campaigns: CampaignRepository,
  ) {}

  /** How the actor may see this campaign, or null (→ 404). */
  async access(actor: Actor, c: Pick<CampaignEntity, 'id' | 'organizationId'> & { unitIds?: string[] | null }): Promise<CampaignAccess | null> {
    return (await this.standing(actor, c)).access;
  }

  /**
   * `access`, and the organizations' relation as the access policy takes it (AccessContext.organization: the campaign's
   * organization, the actor's, whether the actor's supervises it) — from the same one look at the organization tree.
   */
  async standing(actor: Actor, c: Pick<CampaignEntity, 'id' | 'organizationId'> & { unitIds?: string[] | null }): Promise<{ access: CampaignAccess | null; organization: OrganizationRelation }> {
    const sameOrg = !!actor.organizationId && actor.organizationId === c.organizationId;
    const organization = await this.relation(actor, c);
    // one of the campaign's units (the row says so: no query); otherwise it may still hold a task of the campaign
    const unit = sameOrg && actor.roles.includes('unit') && !!actor.unitId ? actor.unitId : null;
    const actorUnitTakesPart = !!unit && (!!c.unitIds?.includes(unit) || (await this.campaigns.unitTakesPart(c.id, unit)));
    return {
      access: campaignAccess(actor, { organizationId: c.organizationId, supervisedByActor: organization.supervises, actorUnitTakesPart }),
      organization,
    };
  }

  /**
   * Whether the reader sees every task of a campaign they see as `access`. Unlike the access policy's readsEveryTask
   * (the actor's roles alone: office, leaders, inspectors, admin), this also reads the reader's relation to the
   * campaign: a supervising organization (`access` 'supervisor') sees every task whatever its roles, and the staff who
   * read every task do so with 'full' access (their own organization's campaign; an administrator's any) — not unit
   * users nor the plan's experts, whose tasks taskReader picks.
   */
  seesEveryTask(actor: Actor, access: CampaignAccess): boolean {
    return access === 'supervisor' || (access === 'full' && readsEveryTask(actor));
  }

  /**
   * Which of these task rows the reader sees: a unit user (`access` 'unit') or an expert the tasks the access policy
   * lets them read (its `read` of a task, fed who leads each contribution: parentUnits); anyone else who sees the
   * campaign (seesEveryTask), all of them. `loaded`: rows already read (see parentUnits).
   */
  async taskReader(campaignId: string, actor: Actor, access: CampaignAccess, units: readonly UnitRef[], rows: readonly CampaignTaskEntity[], loaded: readonly CampaignTaskEntity[] = rows): Promise<(row: CampaignTaskEntity) => boolean> {
    if (this.seesEveryTask(actor, access)) return () => true;
    // who leads a contribution matters only to a reader with a unit (leadReadsContribution)
    const unitOfTask = actor.unitId ? await this.parentUnits(campaignId, actor, rows, loaded) : undefined;
    // a row whose view is no task (a projection cut short; fixtures write bare views) is read by nobody but the staff
    return (row) => !!row.view?.kind && authorize({ units, separationOfDuties: true, unitOfTask, task: taskFactsFromView(row.view) }, actor, { kind: 'read', resource: 'task' }).allowed;
  }

  /**
   * For a unit user's reading of contributions (the access policy's leadReadsContribution): the units of the parent
   * indicator tasks of these rows' contributions that are not the reader's own unit's — who leads them. `loaded`: rows
   * already read (a whole task list holds the parents); only parents not among them are read, by id.
   */
  async parentUnits(campaignId: string, actor: Actor, rows: readonly CampaignTaskEntity[], loaded: readonly CampaignTaskEntity[] = rows): Promise<UnitOfTask> {
    const known = new Map(loaded.map((r) => [r.taskId, r.unitId]));
    const missing = new Set<string>();
    for (const r of rows) {
      const parent = r.kind === 'indicator-contribution' && r.unitId !== actor.unitId ? r.view.parentTaskId : undefined;
      if (parent && !known.has(parent)) missing.add(parent);
    }
    if (missing.size) for (const [id, unit] of await this.campaigns.taskUnits(campaignId, [...missing])) known.set(id, unit);
    return (taskId) => known.get(taskId);
  }

  /** Like access, throwing 404 when the actor may not see the campaign. */
  async require(actor: Actor, c: Pick<CampaignEntity, 'id' | 'organizationId'> & { unitIds?: string[] | null }): Promise<CampaignAccess> {
    const a = await this.access(actor, c);
    if (!a) throw campaignNotFound(c.id);
    return a;
  }

  /**
   * Reading `resource` of a campaign: 404 when the actor does not see the campaign at all (require), else the access
   * policy's `read` (403 with its reason: a unit user asking for the audit trail, an expert for the reminder log…).
   * One check per route; returns how the actor sees the campaign.
   */
  async requireRead(actor: Actor, c: Pick<CampaignEntity, 'id' | 'organizationId'> & { unitIds?: string[] | null }, resource: ReadResource): Promise<CampaignAccess> {
    const access = await this.require(actor, c);
    await this.checkRead(actor, c, resource, access);
    return access;
  }

  /** The access policy's read of `resource` of a campaign the actor sees (`access`: require's answer): 403 with its reason. */
  async checkRead(actor: Actor, c: Pick<CampaignEntity, 'organizationId'>, resource: ReadResource, access: CampaignAccess): Promise<void> {
    const decision = await this.readDecision(actor, c, resource, access);
    if (!decision.allowed) throw refusalToHttp(new CampaignRefusal(decision.code, decision.reason));
  }

  /** Whether the access policy lets the actor read `resource` of a campaign they see (`access`: require's answer). */
  async mayRead(actor: Actor, c: Pick<CampaignEntity, 'organizationId'>, resource: ReadResource, access: CampaignAccess): Promise<boolean> {
    return (await this.readDecision(actor, c, resource, access)).allowed;
  }

  private async readDecision(actor: Actor, c: Pick<CampaignEntity, 'organizationId'>, resource: ReadResource, access: CampaignAccess): Promise<AccessDecision> {
    return authorize({ units: [], separationOfDuties: true, organization: await this.relation(actor, c, access) }, actor, { kind: 'read', resource });
  }

  /**
   * The actor's standing towards the campaign's organization, for the access policy. `access` (require's answer, when
   * known): a supervisor's standing needs no second look at the organization tree.
   */
  async relation(actor: Actor, campaign: Pick<CampaignEntity, 'organizationId'>, access?: CampaignAccess): Promise<OrganizationRelation> {
    const mine = actor.organizationId ?? null;
    const theirs = campaign.organizationId ?? null;
    const supervises = access === 'supervisor' || (!!mine && !!theirs && mine !== theirs && (await this.orgs.supervises(mine, theirs)));
    return { campaign: theirs, actor: mine, supervises };
  }

  async listScope(actor: Actor): Promise<CampaignListScope> {
    if (actor.roles.includes('admin')) return { all: true, organizationIds: [], supervisedOrganizationIds: [] };
    const org = actor.organizationId;
    if (!org) return { organizationIds: [], supervisedOrganizationIds: [] };
    const staff = actor.roles.some((r) => r !== 'unit');
    return {
      organizationIds: staff ? [org] : [],
      unit: !staff && actor.unitId ? { organizationId: org, unitId: actor.unitId } : undefined,
      supervisedOrganizationIds: await this.orgs.descendants(org),
    };
  }
}
