import { BadRequestException, ForbiddenException, HttpException, Inject, Injectable, Logger, NotFoundException } from '@nestjs/common';
import { createHash, randomUUID } from 'crypto';
import { APP_CONFIG, AppConfig, calendarOverrideOf } from '@eco/config';
import { actionsTotal, currentRequestId } from '@eco/observability';
import { type Actor, type DirectoryUser, type Command, type CommandType, type AnyCommandModule, COMMANDS, CampaignCalendar, deadlineTarget, previewDeadlineMove, type TaskView, type StepView, authorize, authorizeTarget, handOverPlace, inboxNeed, type InboxNeed, principalsOf, waitingSince, taskActions, taskFactsFromView, reminderRecipients, type AccessContext, type AccessDecision, type TaskFacts, type OrganizationRelation, type ReadResource, auditOutcomeOf, campaignGoesOn, campaignActions, campaignReads, type CampaignAction, type CampaignRead, CampaignInputError, readsEveryTask, catalogFormalities, createCampaign, CalendarOverride, type CampaignTemplate, evidenceRequirement, type TaskKind, RESPONSIBILITY_LABELS, resolveResponsibility, ownerLabel, overdueWait, campaignKindRefusal, isOverdueAt, nextOverdueInstant } from '@eco/domain';
import { UserRepository, OrganizationRepository, AuditRepository, CampaignRepository, NotificationDeliveryRepository, NotificationRepository, type CampaignEntity, type CampaignHead, type CampaignTaskEntity } from '@eco/persistence';
import { resolveRecipients, toRecipientDirectory } from '@eco/notifications';
import type { ReminderQueryDto } from '../notifications/notifications.dto';
import { campaignNotFound, TenancyService } from '../auth/tenancy.service';
import { inboxPrincipals } from '../auth/inbox-principals';
import { answerOf, queryKey, type CachedAnswer, ReadSnapshotCache } from '../common/read-snapshot-cache';
import { type CampaignAccess } from '../auth/tenancy';
import { TemplateCatalogService } from '../templates/template-catalog.service';
import { AuditTrail } from '../audit/audit-trail.service';
import { CampaignDirectoryService } from '../users/campaign-directory.service';
import { DirectorySyncService } from '../users/directory-sync.service';
import { checkReminderInterval, computePlan, planView, refusePast } from './campaign-plan';
import { CampaignWorkflowClient } from './campaign-workflow.client';
import { CampaignRefusal, refusalToHttp } from './refusals';
import { CampaignReadCache, OFFICE_DETAIL, withHeaders, type CachedBody } from './campaign-read-cache';

import type { InboxPageDto, InboxQueryDto, StartCampaignDto, TaskQueryDto } from './dto';
import type { CampaignDetailDto, CampaignSummaryDto, CampaignUnitDetailDto, TaskDto, WaitingPlaceDto } from './dto/campaign-responses.dto';
import {
  type CallerFields,
  type CampaignFacts,
  type OverdueNow,
  mapActionResult,
  mapCampaignDetail,
  mapCampaignForReader,
  mapCampaignListItem,
  mapCampaignSummary,
  mapContribution,
  mapInboxItem,
  mapRectificationOrigin,
  mapRectifications,
  mapReminder,
  reminderUserIds,
  mapTaskRow,
  readerProgress,
  withRoutedUnits,
} from './campaign.mapper';

/** Who an actor is, as assignee strings: `user:<id>`, `role:<role>`… and `unit:<unitId>` when asked for. */
export const OFFICE_ROLES = ['office', 'admin'] as const;

/** Since when a task (its stored view) waits for its readers now: the inbox shows only the reminders after it. */
function sinceOf(view: TaskView): Date | null {
  const at = waitingSince(view);
  return at ? new Date(at) : null;
}

/**
 * The 待办's rows with what the page needs of each view (its need, since when it waits): a row whose view
 * cannot be read (a projection cut short, a hand-edited row) is left out and reported through `skipped` — one bad row
 * must not answer the whole 待办 with a 500.
 */
export function readableInboxRows<R extends CampaignTaskEntity & { campaignId: string }>(rows: readonly R[], skipped: (r: R, reason: string) => void) {
  const out: { r: R; need: InboxNeed; since: Date | null }[] = [];
  for (const r of rows) {
    try {
      const need = inboxNeed(taskFactsFromView(r.view));
      const since = sinceOf(r.view);
      out.push({ r, need, since });
    } catch (e) {
      skipped(r, e instanceof Error ? e.message : String(e));
    }
  }
  return out;
}

/**
 * The plan rules the access policy applies to this campaign, from its row (the projection writes the rules its workflow
 * started with): the API decides as the workflow's validators will, and a campaign started before a rule keeps its way.
 */
function campaignRules(campaign: Pick<CampaignHead, 'planRules'>): Pick<AccessContext, 'signersSignOnly' | 'strictHandOver' | 'strictAddApprover' | 'distinctLevels'> {
  const r = campaign.planRules;
  return {
    ...(r?.signersSignOnly ? { signersSignOnly: true } : {}), ...(r?.strictHandOver ? { strictHandOver: true } : {}), ...(r?.strictAddApprover ? { strictAddApprover: true } : {}),
    ...(r?.distinctLevels ? { distinctLevels: true } : {}),
  };
}

/** The place a 转交 hands over (the one named, else the policy's default for the caller); none for 加签. */
function handedOver(ctx: AccessContext, actor: Actor, type: string, from: unknown): string | undefined {
  if (type !== 'transfer') return undefined;
  if (typeof from === 'string') return from;
  return ctx.task?.step ? handOverPlace(ctx, ctx.task.step, actor) : undefined;
}

/** The campaign's head and a task's row as one request read them (handed on so the action does not read them again). */
export interface ActingRows {
  campaign: CampaignHead | null;
  task: CampaignTaskEntity | null;
}

/** At most `max` denied (403) / refused (409) attempts per user and campaign are audited within `seconds`; more → 429. */
export const DENIAL_LIMITS = { denied: { max: 10, seconds: 600 }, refused: { max: 60, seconds: 600 } } as const;

@Injectable()
export class CampaignsService {
  private readonly calendarOverride?: CalendarOverride;
  /** Reminder burst: campaigns wake for their state work at an offset after each instant (see NOTIFY_WAKE_SPREAD_MS). */
  private readonly wakeSpreadMs: number;
  private readonly minReminderInterval: string;
  private readonly log = new Logger('Inbox');

  constructor(
    private readonly campaigns: CampaignRepository,
    private readonly audit: AuditRepository,
    private readonly notifications: NotificationRepository,
    private readonly deliveries: NotificationDeliveryRepository,
    private readonly templates: TemplateCatalogService,
    private readonly workflows: CampaignWorkflowClient,
    private readonly users: UserRepository,
    private readonly organizations: OrganizationRepository,
    private readonly tenancy: TenancyService,
    @Inject(APP_CONFIG) config: AppConfig,
    private readonly directories: CampaignDirectoryService,
    private readonly directorySync: DirectorySyncService,
    private readonly trail: AuditTrail,
    private readonly reads: CampaignReadCache,
    private readonly snapshots: ReadSnapshotCache,
  ) {
    this.minReminderInterval = config.MIN_REMINDER_INTERVAL;
    this.wakeSpreadMs = config.NOTIFY_WAKE_SPREAD_MS;
    this.calendarOverride = calendarOverrideOf(config); // CALENDAR_OVERRIDE_FILE, validated (@eco/config)
  }

  /**
   * A due date given as a date alone (a rectification's 整改期限): the end of that day in Beijing time, or of the next
   * working day when it is not one — as 调整期限 reads a date alone.
   */
  endOfWorkingDate(date: string): number {
    return deadlineTarget(0, { dueDate: date }, new CampaignCalendar(this.calendarOverride)).to;
  }

  /** The holiday data added to the built-in calendar (CALENDAR_OVERRIDE_FILE), for the screens' working-day counts. */
  calendarData(): CalendarOverride {
    return this.calendarOverride ?? { years: [], holidays: [], workdays: [] };
  }

  // ---- start ----------------------------------------------------------------------------------------------------

  /** Starts a campaign; `requestKey` (from Idempotency-Key) makes a retried start return the same campaign. */
  async start(actor: Actor, dto: StartCampaignDto, requestKey?: string) {
    const template = await this.templates.get(dto.templateId, actor); // 404 when unknown or another organization's
    checkReminderInterval({ ...template.reminderPolicy, ...dto.reminderPolicy }, this.minReminderInterval);
    const planned = computePlan(template, dto, this.calendarOverride, Date.now());
    refusePast(planned);
    const { startAt, schedule } = planned;
    this.dryRun(template, { startAt, schedule, reminderPolicy: dto.reminderPolicy, responsibility: dto.responsibility });

    const id = requestKey ? `c${hashId(`${actor.id}:${requestKey}`)}` : `c${randomUUID().replace(/-/g, '').slice(0, 16)}`;
    const existing = await this.campaigns.get(id);
    // A retried start returns the campaign the first one started — once its workflow runs (projected). A first
    // attempt that died before starting it (Temporal down: 503) is completed by the retry: insert and start are both
    // idempotent.
    if (existing && requestKey && existing.version > 0) return this.summary(existing);
    const firstPhase = template.phases[0].key;
    await this.campaigns.insertIfAbsent({
      id, workflowId: `campaign-${id}`, templateId: template.id, name: dto.name ?? template.name, kind: template.kind,
      region: template.region.name, phase: firstPhase, status: 'active', createdBy: actor.id, organizationId: actor.organizationId ?? null,
      unitIds: template.units.map((u) => u.id),
    });
    await this.templates.adoptUnits(actor.organizationId, template, 'started'); // its plan's units become the county's
    const directory = await this.directory(actor.organizationId);
    await this.workflows.start({
      campaignId: id, template, name: dto.name, startAt, schedule, fixedMilestones: planned.fixed, takeOver: planned.takeOver,
      ...(dto.responsibility && Object.keys(dto.responsibility).length ? { responsibility: dto.responsibility } : {}),
      reminderPolicy: dto.reminderPolicy, createdBy: actor, calendarOverride: this.calendarOverride, directory,
      ...(this.wakeSpreadMs ? { wakeSpreadMs: this.wakeSpreadMs } : {}),
    });
    await this.directorySync.remember(id, directory); // the automatic sync sends it again only when accounts change
    const row = await this.waitForProjection(id, 15000);
    return this.summary(row);
  }

  /** The schedule a start with this body would run on (POST /campaigns/plan): starts nothing. */
  async preview(actor: Actor, dto: StartCampaignDto) {
    const template = await this.templates.get(dto.templateId, actor); // 404 when unknown or another organization's
    checkReminderInterval({ ...template.reminderPolicy, ...dto.reminderPolicy }, this.minReminderInterval);
    const planned = computePlan(template, dto, this.calendarOverride, Date.now());
    this.dryRun(template, { startAt: planned.startAt, schedule: planned.schedule, reminderPolicy: dto.reminderPolicy, responsibility: dto.responsibility });
    return { ...planView(template, planned), responsibility: responsibilityPlan(template, dto.responsibility) };
  }

  /** Builds the campaign in memory first, so bad schedules, durations or responsibility choices are a 400, not a stuck workflow. */
  private dryRun(template: CampaignTemplate, opts: { startAt?: number; schedule: Record<string, number>; reminderPolicy?: StartCampaignDto['reminderPolicy']; responsibility?: StartCampaignDto['responsibility'] }) {
    try {
      createCampaign(template, { campaignId: 'dry-run', startAt: opts.startAt, schedule: opts.schedule, reminderPolicy: opts.reminderPolicy, responsibility: opts.responsibility }, Date.now());
    } catch (e) {
      if (e instanceof CampaignInputError) throw new BadRequestException({ message: e.issues, error: 'Bad Request' });
      throw e;
    }
  }

  /**
   * The people approval steps resolve to (id, name, roles, unit, active): the organization's directory; a campaign
   * without an organization (started by an account outside any tenant) sees every account.
   */
  private directory(organizationId: string | null | undefined): Promise<DirectoryUser[]> {
    return this.directories.forOrganization(organizationId);
  }

  /** 更新人员名录: sends the current accounts to the campaign (office/admin; refusals audited like actions). */
  async refreshDirectory(actor: Actor, campaignId: string) {
    const campaign = await this.getRow(campaignId);
    // another tenant's (or a campaign the caller does not see): 404 as unknown, and nothing written to its audit trail
    await this.tenancy.require(actor, campaign);
    const access = authorize({ units: [], separationOfDuties: true, organization: await this.organizationRelation(actor, campaign) }, actor, { kind: 'refresh-directory' });
    if (!access.allowed) {
      await this.record(campaign, actor, 'refreshDirectory', null, auditOutcomeOf(access.code), access.reason, {});
      throw refusalToHttp(new CampaignRefusal(access.code, access.reason));
    }
    try {
      const users = await this.directory(campaign.organizationId);
      const r = await this.workflows.refreshDirectory(campaignId, actor, users);
      await this.directorySync.remember(campaignId, users);
      return r;
    } catch (e) {
      if (!(e instanceof CampaignRefusal)) throw e;
      await this.record(campaign, actor, 'refreshDirectory', null, auditOutcomeOf(e.code), e.message, {});
      throw refusalToHttp(e);
    }
  }

  private async waitForProjection(id: string, timeoutMs: number): Promise<CampaignEntity> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const row = await this.campaigns.get(id);
      if (row && (row.version > 0 || Date.now() > deadline)) return row;
      await new Promise((r) => setTimeout(r, 100));
    }
  }

  // ---- read -----------------------------------------------------------------------------------------------------

  /** Campaigns the actor may see (tenancy: own organization, own unit's, supervised organizations'). */
  async list(actor: Actor) {
    return (await this.listAt(actor, Date.now())).items;
  }

  /**
   * The campaigns the actor may see at `now`, their overdue figures counted then by the domain's rule (overdueFigures
   * over each campaign's overdue candidates: one read for all), and until when that holds (the next due instant).
   */
  private async listAt(actor: Actor, now: number) {
    const rows = await this.campaigns.listScoped(await this.tenancy.listScope(actor));
    const ids = rows.map((c) => c.id);
    const [candidates, next] = await Promise.all([this.campaigns.overdueCandidates(ids, new Date(now)), this.campaigns.nextDueAt(ids, new Date(now))]);
    // each campaign's candidates, grouped once (not one filter over all of them per campaign listed)
    const byCampaign = new Map<string, typeof candidates>();
    for (const t of candidates) {
      const list = byCampaign.get(t.campaignId);
      if (list) list.push(t);
      else byCampaign.set(t.campaignId, [t]);
    }
    const overdueOf = (id: string): OverdueNow => ({ now, candidates: byCampaign.get(id) ?? [] });
    const goodUntil = next ? next.getTime() : undefined;
    if (readsEveryTask(actor)) return { items: rows.map((c) => mapCampaignListItem(c, overdueOf(c.id))), goodUntil };
    // A liaison or an expert reads the counts over the tasks they read, as on the campaign's page (walkthrough: a
    // liaison's list said 逾期 12 of the county's work, the campaign's page 逾期 1); a supervising organization, all.
    const items = await Promise.all(
      rows.map(async (c) => {
        const access = await this.tenancy.require(actor, c);
        if (this.tenancy.seesEveryTask(actor, access)) return mapCampaignListItem(c, overdueOf(c.id));
        return { ...mapCampaignListItem(c), progress: readerProgress(await this.readableTasks(actor, c, access), c, now) };
      }),
    );
    return { items, goodUntil };
  }

  /**
   * GET /campaigns as JSON text: built once per database snapshot and reader (ReadSnapshotCache; the scope is the
   * reader's), good until the next instant one of their live tasks comes due (it then reads overdue).
   */
  listCached(actor: Actor): Promise<CachedAnswer> {
    return this.snapshots.get(`list|${readerKey(actor)}`, async () => {
      const { items, goodUntil } = await this.listAt(actor, Date.now());
      return answerOf(items, undefined, goodUntil);
    });
  }

  /** The campaign's overdue candidates at `now` (its live rows due by then): its figures are counted over them at read time. */
  private async overdueNow(id: string, now: number = Date.now()): Promise<OverdueNow> {
    return { now, candidates: await this.campaigns.overdueCandidates([id], new Date(now)) };
  }

  async getRow(id: string): Promise<CampaignEntity> {
    const row = await this.campaigns.get(id);
    if (!row) throw new NotFoundException({ message: `活动不存在 (campaign ${id} not found)` });
    return row;
  }

  /**
   * The campaign's head — its row without the snapshot (current: CampaignReadCache checks its stamp on every call;
   * shared, not to be mutated) — and how the actor may see it, decided now; 404 when not at all (as for an unknown id).
   */
  async visible(actor: Actor, id: string): Promise<{ row: CampaignHead; access: CampaignAccess }> {
    const row = await this.reads.head(id);
    if (!row) throw campaignNotFound(id);
    return { row, access: await this.tenancy.require(actor, row) };
  }

  /**
   * As `visible`, with the whole row: its parsed snapshot (kept per projection by CampaignReadCache), read for the head
   * `seen` already returned (no second stamp read). A row newer than that head (a projection in between) has its access
   * decided again when its organization moved.
   */
  private async visibleRow(actor: Actor, id: string, seen?: { row: CampaignHead; access: CampaignAccess }): Promise<{ row: CampaignEntity; access: CampaignAccess }> {
    const v = seen ?? (await this.visible(actor, id));
    const row = await this.reads.row(v.row);
    if (!row) throw campaignNotFound(id);
    return { row, access: row.organizationId === v.row.organizationId ? v.access : await this.tenancy.require(actor, row) };
  }

  /**
   * A cached answer built from the whole row: served from the cache when the current state's `variant` is there, else
   * built from the row and kept under that row's own state (it may be newer than the head: an ETag never labels a
   * newer body). `variant` and `build` depend on how the actor sees the campaign.
   */
  private async fromRow(actor: Actor, id: string, variant: (a: CampaignAccess) => string, build: (row: CampaignEntity, a: CampaignAccess) => unknown, seenAlready?: { row: CampaignHead; access: CampaignAccess }): Promise<CachedBody> {
    const seen = seenAlready ?? (await this.visible(actor, id));
    const hit = this.reads.cached(seen.row, variant(seen.access));
    if (hit) return hit;
    const { row, access } = await this.visibleRow(actor, id, seen);
    return this.reads.body(row, variant(access), () => build(row, access));
  }

  /**
   * What the caller may do on the campaign as a whole now and which of its records they may read — the detail's
   * `actions` and `reads`: the access policy over the campaign-level commands while the campaign goes on
   * (campaignActions), and over its records (campaignReads). The screens offer exactly these.
   */
  private async permissions(actor: Actor, head: CampaignHead, access: CampaignAccess): Promise<{ actions: CampaignAction[]; reads: CampaignRead[] }> {
    const ctx: AccessContext = { units: [], separationOfDuties: true, ...campaignRules(head), organization: await this.tenancy.relation(actor, head, access) };
    return { actions: campaignActions(ctx, actor, head.status, head.kind), reads: campaignReads(ctx, actor, head.kind) };
  }

  /**
   * 申报条件 (application gate): whether the campaign may apply, what is missing (binding indicators, veto conditions,
   * certificates, each with its reason) and what blocks it on veto conditions until a recorded decision lifts it
   * ('occurred' attestations and office findings, each with the condition's text). Who reads it is the access policy's
   * `gate` read (403 with its reason: the plan's experts).
   */
  async gate(actor: Actor, id: string) {
    const seen = await this.visible(actor, id);
    await this.tenancy.checkRead(actor, seen.row, 'gate', seen.access);
    return gateOf((await this.visibleRow(actor, id, seen)).row);
  }

  /** GET /campaigns/:id/gate as JSON text with its ETag, serialised once per campaign state (access decided per request). */
  async gateCached(actor: Actor, id: string): Promise<CachedBody> {
    const seen = await this.visible(actor, id);
    await this.tenancy.checkRead(actor, seen.row, 'gate', seen.access);
    return this.fromRow(actor, id, () => 'gate', gateOf, seen);
  }

  /**
   * 活动详情 and the caller's `actions` and `reads`: the office's detail for whoever reads the campaign over every task
   * (the access policy's `all-tasks`, among the `reads`: office, leaders, inspectors, admin, a supervising organization),
   * else the reader's (mapCampaignForReader: no gate, no overdue or flagged lists, counts over the tasks they read).
   */
  async get(actor: Actor, id: string): Promise<CampaignDetailDto | CampaignUnitDetailDto> {
    const seen = await this.visible(actor, id);
    const { row, access } = await this.visibleRow(actor, id, seen);
    const perms = await this.permissions(actor, seen.row, seen.access);
    return { ...(perms.reads.includes('all-tasks') ? mapCampaignDetail(row, await this.overdueNow(id)) : await this.readerView(actor, row, access)), ...perms };
  }

  /**
   * GET /campaigns/:id as JSON text with its ETag: serialised once per campaign state, view (the office's, or a reader's
   * own: see `get`) and the caller's `actions` and `reads`. The office's is built from the text the projection stored
   * when the campaign is not cached (CampaignReadCache.head): no snapshot parsed.
   */
  async getCached(actor: Actor, id: string): Promise<CachedBody> {
    const seen = await this.visible(actor, id);
    const perms = await this.permissions(actor, seen.row, seen.access);
    const whole = perms.reads.includes('all-tasks');
    // a reader's view counts the tasks they read: their own, as their task list is (tasksCached)
    const view = whole ? OFFICE_DETAIL : `view:reader:${actor.unitId ?? ''}:${actor.id}`;
    const variant = `${view}|${perms.actions.join(',')}|${perms.reads.join(',')}`;
    const hit = this.reads.cached(seen.row, variant);
    if (hit) return hit;
    if (!whole) return this.fromRow(actor, id, () => variant, async (row, a) => ({ ...(await this.readerView(actor, row, a)), ...perms }), seen);
    // the view of this very state, cached (the office's as the projection stored it): no row to read
    const plain = this.reads.cached(seen.row, OFFICE_DETAIL);
    if (plain) return this.reads.body(seen.row, variant, () => ({ ...(JSON.parse(plain.json) as object), ...perms }));
    return this.fromRow(actor, id, () => variant, async (row) => ({ ...mapCampaignDetail(row, await this.overdueNow(id)), ...perms }), seen);
  }

  /** 活动详情 as a reader who does not read every task sees it: the campaign, with counts over the tasks they read (taskReader). */
  private async readerView(actor: Actor, row: CampaignEntity, access: CampaignAccess): Promise<Omit<CampaignUnitDetailDto, CallerFields>> {
    return mapCampaignForReader(row, await this.readableTasks(actor, row, access));
  }

  /** The campaign's task rows the reader reads (taskReader): a liaison's and an expert's counts are over these. */
  private async readableTasks(actor: Actor, c: Pick<CampaignEntity, 'id' | 'templateId'>, access: CampaignAccess): Promise<CampaignTaskEntity[]> {
    const rows = await this.campaigns.tasks(c.id, {});
    const template = await this.templates.get(c.templateId).catch(() => null);
    const reads = await this.tenancy.taskReader(c.id, actor, access, template?.units ?? [], rows);
    return rows.filter(reads);
  }

  summary(c: CampaignEntity): CampaignSummaryDto {
    return mapCampaignSummary(c);
  }

  async tasks(actor: Actor, id: string, q: TaskQueryDto) {
    const { row, access } = await this.visible(actor, id);
    return this.taskList(actor, id, access, q, row);
  }

  /**
   * GET /campaigns/:id/tasks as JSON text with its ETag, serialised once per campaign state, filter and reader: the
   * office's and supervisors' lists are the same for all of them; a unit user's or an expert's is their own (the
   * policy's reading depends on the unit and the person).
   */
  async tasksCached(actor: Actor, id: string, q: TaskQueryDto): Promise<CachedBody> {
    const { row, access } = await this.visible(actor, id);
    const reader = this.tenancy.seesEveryTask(actor, access) ? 'all' : `reader:${actor.unitId ?? ''}:${actor.id}`;
    // every query field (the DTO is whitelisted), whatever fields it gains later
    const filter = Object.entries(q).filter(([, v]) => v !== undefined).sort(([a], [b]) => (a < b ? -1 : 1));
    const variant = `tasks:${reader}:${JSON.stringify(filter)}`;
    return this.reads.body(row, variant, async () => {
      const all = await this.taskList(actor, id, access, q, row);
      if (q.limit === undefined) return all;
      // One page, due date first (the most urgent on top); X-Total-Count counts every match.
      const due = (t: { dueAt?: string }) => t.dueAt ?? '';
      const sorted = [...all].sort((a, b) => (due(a) < due(b) ? -1 : due(a) > due(b) ? 1 : a.id < b.id ? -1 : 1));
      const offset = q.offset ?? 0;
      return withHeaders(sorted.slice(offset, offset + q.limit), { 'X-Total-Count': String(all.length) });
    });
  }

  private async taskList(actor: Actor, id: string, access: CampaignAccess, q: TaskQueryDto, campaign: Pick<CampaignHead, 'templateId' | 'status' | 'pausedSince'>) {
    const { templateId } = campaign;
    const rows = await this.campaigns.tasks(id, { unitId: q.unitId, phase: q.phase, kind: q.kind });
    // 按名称查找: the title, the indicator code or the unit's name (from the campaign's template)
    const text = q.q?.trim().toLowerCase();
    // the template's units: for the search, and for a unit user's or expert's reading rule (collective units match their members)
    const template = (text || !this.tenancy.seesEveryTask(actor, access)) && templateId ? await this.templates.get(templateId).catch(() => null) : null;
    const units = new Map((template?.units ?? []).map((u) => [u.id, u.name]));
    const reads = await this.tenancy.taskReader(id, actor, access, template?.units ?? [], rows);
    // mapped with the campaign's status: the 逾期 filter reads what each task says now (the domain's rule: from its due
    // instant, none once the campaign has ended, frozen while paused)
    const now = Date.now();
    return rows
      .filter(reads)
      .filter((r) => !text || searchable(r, units, template?.region).some((s) => s.toLowerCase().includes(text)))
      .map((r) => mapTaskRow(r, campaign, now))
      .filter((t) => q.overdue === undefined || t.overdue === (q.overdue === 'true'))
      .filter((t) => !q.awaiting || overdueWait({ ...t, status: t.engineStatus }, !!t.overdue) === q.awaiting)
      .filter((t) => !q.status || t.status === q.status);
  }

  /** A task the actor may read, with the policy's context over it and what the actor may do on it now (404 when not readable). */
  private async readableTask(actor: Actor, id: string, taskId: string) {
    const { row: campaign, access } = await this.visible(actor, id);
    const row = await this.campaigns.task(id, taskId);
    const template = await this.templates.get(campaign.templateId).catch(() => null);
    if (!row || !(await this.tenancy.taskReader(id, actor, access, template?.units ?? [], [row]))(row)) throw new NotFoundException({ message: `任务不存在 (task ${taskId} not found in campaign ${id})` });
    // What the caller may do now: the access policy over the task's state (the screens offer exactly these).
    const ctx: AccessContext & { task: TaskFacts } = { units: template?.units ?? [], separationOfDuties: true, ...campaignRules(campaign), organization: await this.organizationRelation(actor, campaign), task: taskFactsFromView(row.view) };
    const actions = campaignGoesOn(campaign.status) ? taskActions(ctx, actor) : [];
    return { campaign, access, row, template, ctx, actions };
  }

  /**
   * 转交 / 加签 candidates: the people of the campaign's organization the caller may hand their place to or add on the
   * task's active step — each asked of the policy (authorizeTarget), as the action itself will be; the caller must be
   * offered the action (403 otherwise). Names and units only: a unit user, who may not list accounts, picks by name.
   */
  async candidates(actor: Actor, id: string, taskId: string, purpose: 'transfer' | 'addApprover', from?: string) {
    const { campaign, template, ctx, actions } = await this.readableTask(actor, id, taskId);
    if (!actions.includes(purpose)) throw new ForbiddenException({ message: `您不能在此任务上${purpose === 'transfer' ? '转交' : '加签'} (you may not ${purpose === 'transfer' ? 'transfer' : 'add an approver'} on this task now)` });
    const directory = await this.directories.forOrganization(campaign.organizationId);
    const units = await this.unitNames(template?.units ?? [], campaign.organizationId);
    const targets = { ...ctx, directory };
    return directory
      .filter((u) => u.id !== actor.id && authorizeTarget(targets, u.id, purpose, handedOver(ctx, actor, purpose, from)).allowed)
      .map((u) => ({ id: u.id, name: u.name, unitId: u.unitId ?? null, unitName: u.unitId ? (units.get(u.unitId) ?? u.unitId) : null, roles: [...u.roles] }))
      .sort((a, b) => candidateRank(a.roles) - candidateRank(b.roles) || (a.unitName ?? '').localeCompare(b.unitName ?? '', 'zh') || a.name.localeCompare(b.name, 'zh'));
  }

  async task(actor: Actor, id: string, taskId: string) {
    const { campaign, access, row, template, actions } = await this.readableTask(actor, id, taskId);
    const contributions = row.kind === 'indicator' ? await this.contributions(actor, id, access, row, template, campaign) : undefined;
    const task = mapTaskRow(row, campaign);
    const related = await this.relatedRectification(id, row, campaign);
    // each finding with the unit its 整改 went to (a finding recorded without a unit: the indicator's lead unit)
    if (task.externalResult && related.rectifications) task.externalResult = withRoutedUnits(task.externalResult as { findings?: object[]; rectificationTaskIds?: string[] }, related.rectifications);
    const waitingPeople = actions.includes('urge') ? await this.waitingPeople(campaign.organizationId, row) : undefined;
    return {
      ...task, ...related, actions, ...(waitingPeople ? { waitingPeople } : {}), names: await this.principalNames(row.view, template), requiredFormalities: requiredFormalities(template, row.view.kind, !!campaign.planRules?.unitLeaderSigns && row.view.owner === 'unit'), requiredEvidence: template ? evidenceRequirement(template, row.view.kind) : null,
      ...(contributions ? { contributions } : {}),
    };
  }

  /**
   * 待处理人员 (for a caller offered 催办): each place the task waits for now and the active people a 催办 would reach
   * there — the notification router's resolveRecipients over the organization's directory — or why nobody would (a
   * unit whose only liaison was 停用: the dialog says so before sending, not the 提醒 page's 无人接收 afterwards).
   */
  private async waitingPeople(organizationId: string | null | undefined, row: CampaignTaskEntity): Promise<WaitingPlaceDto[]> {
    const directory = toRecipientDirectory(organizationId ? await this.organizations.directory(organizationId) : null);
    return reminderRecipients(taskFactsFromView(row.view)).map((key) => {
      const r = resolveRecipients({ level: 'urge', recipients: [key] }, directory);
      return { key, people: r.people.map((p) => p.person.name), ...(r.unresolved.length ? { unresolved: r.unresolved[0].reason } : {}) };
    });
  }

  /**
   * What a single task read adds about 整改: for a 整改 task, the finding that opened it (问题来源: the stage, who
   * recorded it and when — the unit cannot read the stage's own task); for an external stage that found problems, its
   * 整改 tasks' status.
   */
  private async relatedRectification(campaignId: string, row: CampaignTaskEntity, campaignStatus: CampaignFacts): Promise<Pick<TaskDto, 'origin' | 'rectifications'>> {
    const v = row.view;
    if (v.kind === 'rectification' && v.parentTaskId) {
      const stage = await this.campaigns.task(campaignId, v.parentTaskId);
      const origin = stage ? mapRectificationOrigin(v.id, stage.view) : null;
      return origin ? { origin } : {};
    }
    const ids = v.externalResult?.rectificationTaskIds ?? [];
    return ids.length ? { rectifications: mapRectifications(ids, await this.campaigns.tasksByIds(campaignId, ids), campaignStatus) } : {};
  }

  /** 协办单位材料 of an indicator task: its co-units' contributions, those the reader may see (tenancy decides). */
  private async contributions(actor: Actor, id: string, access: CampaignAccess, parent: CampaignTaskEntity, template: CampaignTemplate | null, campaignStatus: CampaignFacts) {
    const rows = await this.campaigns.contributionsTo(id, parent.taskId);
    const reads = await this.tenancy.taskReader(id, actor, access, template?.units ?? [], rows, [parent]); // the parent is known: no query
    const names = new Map((template?.units ?? []).map((u) => [u.id, u.name]));
    return rows.filter(reads).map((r) => mapContribution(r, (u) => names.get(u) ?? u, campaignStatus));
  }

  /**
   * Names of the people and units a task view refers to (assignees, resolved signers, unit holders, who may act),
   * keyed as the view writes them (`user:<id>`, `unit:<id>`): every reader sees who is to sign, not only those
   * allowed to list accounts. Resolved at read time from the accounts and the campaign's template.
   */
  private async principalNames(view: TaskView, template: CampaignTemplate | null): Promise<Record<string, string>> {
    const refs = new Set<string>();
    // `?? []`: rows projected by older runs may lack a field
    const steps: Partial<StepView>[] = [...(view.steps ?? []), ...(view.rounds ?? []).flatMap((r) => r.steps ?? [])];
    for (const s of steps) {
      for (const p of [...(s.assignees ?? []), ...(s.signers ?? [])]) refs.add(p);
      for (const [unitId, holders] of Object.entries(s.unitHolders ?? {})) {
        refs.add(`unit:${unitId}`);
        for (const h of holders) refs.add(h.includes(':') ? h : `user:${h}`);
      }
    }
    for (const p of view.waitingFor ?? []) refs.add(p);
    if (view.unitId) refs.add(`unit:${view.unitId}`);
    // 共同负责: every listed unit, also after its part is done (who submitted, who confirmed)
    for (const u of view.jointUnitIds ?? []) refs.add(`unit:${u}`);
    for (const r of view.rounds ?? []) {
      if (r.submission?.unitId) refs.add(`unit:${r.submission.unitId}`);
      for (const u of r.awaitingConfirmation ?? []) refs.add(`unit:${u}`);
      for (const x of r.confirmations ?? []) refs.add(`unit:${x.unitId}`);
    }
    const names: Record<string, string> = {};
    const userIds = [...refs].filter((p) => p.startsWith('user:')).map((p) => p.slice(5));
    for (const u of await this.users.findByIds(userIds)) names[`user:${u.id}`] = u.name;
    const units = new Map((template?.units ?? []).map((u) => [u.id, u.name]));
    for (const p of refs) if (p.startsWith('unit:') && units.has(p.slice(5))) names[p] = units.get(p.slice(5))!;
    return names;
  }

  /**
   * Reminders of a campaign, filtered (unit, task, level, period) and paginated; who each one resolved to. A unit user
   * sees only their own unit's reminders (asking for another unit is a 403).
   */
  async reminders(id: string, actor: Actor, q: ReminderQueryDto) {
    const { row, access } = await this.visible(actor, id);
    // the whole log (the access policy's `reminders`), else the reader's own unit's (`unit-reminders`: 403 without a unit)
    const officeLike = await this.tenancy.mayRead(actor, row, 'reminders', access);
    let unitId = q.unitId;
    if (!officeLike) {
      await this.tenancy.checkRead(actor, row, 'unit-reminders', access);
      if (unitId && unitId !== actor.unitId) throw new ForbiddenException({ message: `只能查看本单位的催办记录 (you may see only unit ${actor.unitId}'s reminders)` });
      unitId = actor.unitId ?? undefined;
    }
    const limit = q.limit ?? 200;
    const offset = q.offset ?? 0;
    // A unit reads what was sent to it, not the office's 【待审批】 of its tasks (read as a job for the liaison).
    const addressedTo = officeLike ? undefined : principalsOf(actor);
    const r = await this.notifications.search(id, { unitId, addressedTo, taskId: q.taskId, level: q.level, from: q.from ? new Date(q.from) : undefined, to: q.to ? new Date(q.to) : undefined, limit, offset, order: q.order });
    // the people the entries name by account (a 催办 to a signer: user:<id>), by name and whether still active
    const accounts = new Map((await this.users.findByIds(reminderUserIds(r.rows))).map((u) => [u.id, u]));
    return { total: r.total, items: r.rows.map((n) => mapReminder(n, accounts)) };
  }

  /**
   * GET /me/inbox as JSON text with its ETag: built once per database snapshot, reader (id, unit, organization, roles:
   * everything the inbox depends on of the caller) and query (ReadSnapshotCache).
   */
  inboxCached(actor: Actor, q: InboxQueryDto = {}): Promise<CachedAnswer> {
    return this.snapshots.get(`inbox|${readerKey(actor)}|${queryKey(q)}`, async () => {
      const { page, goodUntil } = await this.inboxPage(actor, q);
      return answerOf(page, undefined, goodUntil);
    });
  }

  /**
   * 待办: the work waiting for the caller, filtered by campaign in SQL, then by need (one rule: inboxNeed over the
   * task's facts) and overdue; counts per need for the segments; names and latest reminders only for the page.
   */
  async inbox(actor: Actor, q: InboxQueryDto = {}): Promise<InboxPageDto> {
    return (await this.inboxPage(actor, q)).page;
  }

  /** The inbox page, and until when (Date.now()) it holds without a commit: the next reminder of its items that comes due. */
  private async inboxPage(actor: Actor, q: InboxQueryDto): Promise<{ page: InboxPageDto; goodUntil?: number }> {
    const limit = q.limit ?? 50;
    const offset = q.offset ?? 0;
    const org = actor.roles.includes('admin') ? undefined : (actor.organizationId ?? null);
    // a unit's 分管负责人 who is not its liaison is asked only for what is theirs (inboxPrincipalsOf)
    const rows = await this.campaigns.inbox(await inboxPrincipals(actor, this.organizations), org, q.campaignId || undefined);
    const all = readableInboxRows(rows, (r, e) => this.unreadable(r, e));
    // overdue now by the domain's rule (from the due instant; frozen while its campaign is paused), not the row's flag
    const now = Date.now();
    const overdue = (r: (typeof rows)[number]) => isOverdueAt(r.view, now, r.campaign);
    const counts: InboxPageDto['counts'] = { all: all.length, submit: 0, correct: 0, confirm: 0, countersign: 0, approve: 0, record: 0, overdue: 0 };
    for (const x of all) {
      counts[x.need]++;
      if (overdue(x.r)) counts.overdue++;
    }
    const matching = all.filter((x) => (!q.need || x.need === q.need) && (q.overdue === undefined || overdue(x.r) === (q.overdue === 'true')));
    // the page and its counts hold until one of these tasks comes due (then it reads overdue)
    const due = all.map((x) => nextOverdueInstant([x.r.view], now, x.r.campaign)).filter((t): t is number => t !== null);
    const nextDue = due.length ? Math.min(...due) : null;
    const page = matching.slice(offset, offset + limit);
    const names = await this.campaigns.names([...new Set(page.map((x) => x.r.campaignId))]);
    const asked = Date.now(); // not after the database's now(): the horizon below errs early, never late
    const { latest, nextInMs } = await this.deliveries.latestRemindersUntilNext(page.map((x) => ({ campaignId: x.r.campaignId, taskId: x.r.taskId, since: x.since })));
    const items = page.flatMap(({ r, need }) => {
      try {
        return [mapInboxItem(r, need, names.get(r.campaignId) ?? null, latest.get(`${r.campaignId}|${r.taskId}`), r.campaign, now)];
      } catch (e) {
        this.unreadable(r, e instanceof Error ? e.message : String(e));
        return [];
      }
    });
    const reminderDue = nextInMs === null ? null : asked + nextInMs;
    const goodUntil = [reminderDue, nextDue].filter((t): t is number => t !== null);
    return { page: { total: matching.length, limit, offset, counts, items }, goodUntil: goodUntil.length ? Math.min(...goodUntil) : undefined };
  }

  /** A 待办 row left out because its view cannot be read: logged as an error with its ids (the projection's row is to be repaired). */
  private unreadable(r: { campaignId: string; taskId: string }, reason: string): void {
    this.log.error(`待办：任务 ${r.taskId}（活动 ${r.campaignId}）的视图无法读取，已略过：${reason}`);
  }

  // ---- preview --------------------------------------------------------------------------------------------------

  /**
   * 调整期限的预览: what `command` (the move's body, its dates as the move reads them) would change now — the engine's
   * own move run on the campaign's live state (previewDeadlineMove), nothing changed and nothing recorded. Who may not
   * see the campaign: 404; who may not move its deadlines: 403 (the same policy as the move, not audited: nothing was
   * attempted); the move's own refusals with their code (an unknown task 404, a task done 409, a date past 400).
   */
  async previewDeadlines(actor: Actor, campaignId: string, command: Record<string, unknown>) {
    const campaign = await this.campaigns.head(campaignId);
    if (!campaign) throw campaignNotFound(campaignId);
    await this.tenancy.require(actor, campaign);
    const access = await this.authorize(actor, campaign, 'moveDeadlines', null, command);
    if (!access.allowed) throw refusalToHttp(new CampaignRefusal(access.code, access.reason));
    if (!campaignGoesOn(campaign.status)) throw refusalToHttp(new CampaignRefusal('conflict', '活动已结束，不能再调整期限 (the campaign has ended)'));
    let state: Awaited<ReturnType<CampaignWorkflowClient['state']>>;
    try {
      state = await this.workflows.state(campaignId);
    } catch (e) {
      throw e instanceof CampaignRefusal ? refusalToHttp(e) : e;
    }
    const r = previewDeadlineMove(state, command as Parameters<typeof previewDeadlineMove>[1], actor, Date.now(), new CampaignCalendar(this.calendarOverride));
    if (!r.ok) throw refusalToHttp(new CampaignRefusal(r.code, r.reason));
    const iso = (at: number) => new Date(at).toISOString();
    const p = r.preview;
    return {
      milestones: p.milestones.map((m) => ({ ...m, from: iso(m.from), to: iso(m.to) })),
      phases: p.phases.map((x) => ({ ...x, from: iso(x.from), to: iso(x.to) })),
      tasks: p.tasks.map((t) => ({ ...t, from: iso(t.from), to: iso(t.to) })),
      warnings: p.warnings,
    };
  }

  // ---- act ------------------------------------------------------------------------------------------------------

  /**
   * One human action. Access is checked here per object (a unit acts on its own unit's tasks, an approver on the
   * step assigned to them); the workflow's validator then checks state. Every outcome is audited: denials and
   * refusals here, accepted actions by the workflow.
   */
  async act(actor: Actor, campaignId: string, type: CommandType, command: Record<string, unknown>, updateId?: string, read?: ActingRows) {
    const { campaign, task } = await this.admit(actor, campaignId, type, command, updateId, read);
    try {
      const result = await this.workflows.act(campaignId, type, actor, command, updateId);
      actionsTotal.inc({ command: type, outcome: 'accepted' });
      // The answer carries the task's id and status (of the task acted on, or the one it created: 整改 opened); its
      // full row is in the read model, durable before the answer.
      const row = result.task ? await this.campaigns.task(campaignId, result.task.id) : null;
      return mapActionResult(campaignId, result, row);
    } catch (e) {
      if (!(e instanceof CampaignRefusal)) throw e;
      await this.record(campaign, actor, type, task, auditOutcomeOf(e.code), e.message, command, updateId);
      actionsTotal.inc({ command: type, outcome: auditOutcomeOf(e.code) });
      throw refusalToHttp(e);
    }
  }

  /**
   * An action the API refuses itself before the workflow sees it — a submission or external result naming a file not
   * uploaded to its task, or without the files its kind requires (FilesService.evidenceFor): answered (400 with the
   * reason) and audited as a refused attempt like the workflow's refusals, within the same limit. Access is decided
   * first, as for any action: whoever may not act is answered and audited as such (404 / 403), not told about files.
   */
  async refuse(actor: Actor, campaignId: string, type: CommandType, command: Record<string, unknown>, refusal: CampaignRefusal, updateId?: string, read?: ActingRows): Promise<never> {
    const { campaign, task } = await this.admit(actor, campaignId, type, command, updateId, read);
    await this.record(campaign, actor, type, task, auditOutcomeOf(refusal.code), refusal.message, command, updateId);
    actionsTotal.inc({ command: type, outcome: auditOutcomeOf(refusal.code) });
    throw refusalToHttp(refusal);
  }

  /**
   * The campaign and task an action is on, once the caller may act there and the campaign's kind has the command (else
   * answered and audited: 404 / 403 / 400; 409 for a command its kind has not got — campaignKindRefusal).
   */
  private async admit(actor: Actor, campaignId: string, type: CommandType, command: Record<string, unknown>, updateId?: string, read?: ActingRows) {
    // Not visible → 404 (as unknown); visible → the access policy decides (a supervisor's action is refused there, audited).
    // The campaign's row without its snapshot (nothing here needs it) and the task's row, read side by side — or taken
    // from `read` when this request already read them (a submission's evidence check): one round trip less per action.
    const taskId = typeof command.taskId === 'string' ? command.taskId : undefined;
    const reuse = read && (!taskId || read.task === null || read.task.taskId === taskId);
    const [campaign, taskRow] = reuse ? [read.campaign, taskId ? read.task : null] : await Promise.all([this.campaigns.head(campaignId), taskId ? this.campaigns.task(campaignId, taskId) : null]);
    if (!campaign) throw campaignNotFound(campaignId);
    await this.tenancy.require(actor, campaign);
    const task: CampaignTaskEntity | null = taskRow;
    if (taskId && !task) throw new NotFoundException({ message: `任务不存在 (task ${taskId} not found in campaign ${campaignId})` });
    const access = await this.authorize(actor, campaign, type, task, command);
    if (!access.allowed) {
      await this.record(campaign, actor, type, task, auditOutcomeOf(access.code), access.reason, command, updateId);
      actionsTotal.inc({ command: type, outcome: auditOutcomeOf(access.code) });
      throw refusalToHttp(new CampaignRefusal(access.code, access.reason));
    }
    // a command the campaign's kind has not got (否决情形 on a consolidation campaign): 409 with why, audited as refused
    const notHere = campaignKindRefusal(campaign.kind, type);
    if (notHere) {
      await this.record(campaign, actor, type, task, auditOutcomeOf('conflict'), notHere, command, updateId);
      actionsTotal.inc({ command: type, outcome: auditOutcomeOf('conflict') });
      throw refusalToHttp(new CampaignRefusal('conflict', notHere));
    }
    return { campaign, task };
  }

  /**
   * Object-level access: the domain's access policy over the projected task (the workflow's validator asks the same
   * policy over the live state). Transfer / add-approver targets are checked against the users table: unknown → 400,
   * deactivated, barred (segregation of duties) or without an approver role → 403.
   */
  private async authorize(actor: Actor, campaign: CampaignHead, type: CommandType, task: CampaignTaskEntity | null, command: Record<string, unknown>): Promise<AccessDecision> {
    const units = await this.templates.get(campaign.templateId).then((t) => t.units, () => []);
    const ctx: AccessContext = {
      units,
      separationOfDuties: true,
      ...campaignRules(campaign),
      organization: await this.organizationRelation(actor, campaign),
      ...(task ? { task: taskFactsFromView(task.view) } : {}),
    };
    const access = authorize(ctx, actor, { kind: 'command', command: { ...command, type } as Command });
    if (!access.allowed) return access;
    const target = (COMMANDS[type] as AnyCommandModule).placeTarget?.(command); // 转交 / 加签: the user receiving a place
    if (typeof target === 'string' && task) {
      // The campaign's organization's people (another tenant's account is unknown here: no existence leak across
      // organizations); the whole directory, as the workflow's validator has it, since a hand-over's target is compared
      // with the people the step names (planRules.strictHandOver).
      const directory = await this.directories.forOrganization(campaign.organizationId);
      return authorizeTarget({ ...ctx, directory }, target, type as 'transfer' | 'addApprover', handedOver(ctx, actor, type, command.from));
    }
    return access;
  }

  /** The actor's standing towards the campaign's organization, for the policy. */
  organizationRelation(actor: Actor, campaign: Pick<CampaignHead, 'organizationId'>): Promise<OrganizationRelation> {
    return this.tenancy.relation(actor, campaign);
  }

  private async record(campaign: CampaignHead, actor: Actor, action: CommandType | 'refreshDirectory', task: CampaignTaskEntity | null, outcome: 'denied' | 'refused', reason: string, command: Record<string, unknown>, updateId?: string) {
    // Denied / refused attempts are audited, but one user cannot flood a campaign's trail: past the limit the
    // attempt is answered 429 and not recorded.
    const limit = DENIAL_LIMITS[outcome];
    if ((await this.audit.countRecent(campaign.id, actor.id, outcome, limit.seconds)) >= limit.max) {
      throw new HttpException(
        { statusCode: 429, error: 'Too Many Requests', message: `操作被拒绝次数过多，请${Math.round(limit.seconds / 60)}分钟后再试 (too many ${outcome} attempts on this campaign; retry later)` },
        429,
      );
    }
    await this.trail.append([
      {
        campaignId: campaign.id, at: new Date().toISOString(), actor: { id: actor.id, name: actor.name, roles: [...actor.roles], unitId: actor.unitId ?? null },
        action, taskId: task?.taskId ?? null, indicatorCode: task?.indicatorCode ?? null, outcome, reason,
        comment: typeof command.comment === 'string' ? command.comment : null, workflowId: campaign.workflowId, updateId: updateId ?? null,
        detail: { command, ...(currentRequestId() ? { requestId: currentRequestId() } : {}) }, organizationId: campaign.organizationId ?? null, dedupeKey: `api|${randomUUID()}`,
      },
    ]);
  }

  // ---- what the campaign's other readers share (summaries, audit trail) -------------------------------------------

  /** Unit names by id: the template's, then the organization's units the template does not name. */
  async unitNames(templateUnits: readonly { id: string; name: string }[], organizationId: string | null | undefined): Promise<Map<string, string>> {
    const names = new Map<string, string>(templateUnits.map((u) => [u.id, u.name]));
    if (organizationId) for (const u of await this.organizations.units(organizationId)) if (!names.has(u.unitId)) names.set(u.unitId, u.name);
    return names;
  }

  /** The campaign's head when the actor may read `resource` of it: 404 when they do not see it, else the access policy's read (403 with its reason). */
  async readable(actor: Actor, id: string, resource: ReadResource): Promise<{ row: CampaignHead; access: CampaignAccess }> {
    const row = await this.reads.head(id);
    if (!row) throw campaignNotFound(id);
    return { row, access: await this.tenancy.requireRead(actor, row, resource) };
  }

}

/** 转交 / 加签 candidates in the order people look for them: the office, leaders, experts, inspectors, then units. */
const CANDIDATE_ORDER = ['office', 'leader', 'expert', 'inspector', 'unit'];
function candidateRank(roles: readonly string[]): number {
  return Math.min(...roles.map((r) => (CANDIDATE_ORDER.includes(r) ? CANDIDATE_ORDER.indexOf(r) : CANDIDATE_ORDER.length)), CANDIDATE_ORDER.length);
}

/**
 * What a submission of this task kind must carry (seal, principal's signature, a choice of outcomes), as the
 * campaign's plan states it: the template's formalities under the current plan rules (campaigns started before the
 * rules carried none and accept a submission either way). `leaderSigns`: a unit's task under planRules.unitLeaderSigns — a
 * statement sent with the seal or the principal's signature goes to the unit's 分管负责人 first (submit.command).
 */
function requiredFormalities(template: CampaignTemplate | null, kind: string, leaderSigns: boolean) {
  if (!template) return null;
  const rule = catalogFormalities(template, { formalities: true, vetoUnits: true })?.[kind as TaskKind];
  if (!rule) return null;
  return {
    // the form says it before sending (walkthrough: the chain showed 分管负责人签字 only once the statement was sent)
    leaderSigns,
    seal: rule.seal,
    principalSignature: rule.principalSignature,
    outcomes: (rule.outcomes ?? []).map((o) => ({ key: o.key, label: o.label, seal: o.seal, principalSignature: o.principalSignature, projects: o.projects })),
    source: rule.source ?? null,
  };
}

/**
 * 责任分工 in the planning preview: every indicator with more than one unit, how it will be answered for (the plan's
 * statement, a template convention marked derived, or the office's choice in this request).
 */
function responsibilityPlan(template: CampaignTemplate, overrides: StartCampaignDto['responsibility']) {
  const name = (id: string) => template.units.find((u) => u.id === id)?.shortName ?? id;
  return template.indicators
    .map((ind) => ({ ind, r: resolveResponsibility(ind, overrides?.[ind.code], { joint: true }) }))
    .filter(({ r }) => r.units.length > 1 || r.source !== 'plan')
    .map(({ ind, r }) => ({
      indicatorCode: ind.code, name: ind.name, mode: r.mode, modeLabel: RESPONSIBILITY_LABELS[r.mode], leadUnitIds: r.mode === 'joint' ? [] : r.leadUnitIds, units: r.units,
      unitNames: r.units.map(name), source: r.source, derived: r.source === 'derived', reason: r.reason ?? null,
    }));
}

function hashId(s: string): string {
  return createHash('sha256').update(s).digest('hex').slice(0, 16);
}

/** Everything a cached answer may depend on of the caller (who, unit, organization, roles). */
function readerKey(actor: Actor): string {
  return JSON.stringify([actor.id, actor.unitId ?? null, actor.organizationId ?? null, [...actor.roles].sort()]);
}

/** 申报条件 of a campaign row; 404 when it has none (a review campaign, or not generated yet). */
function gateOf(row: CampaignEntity) {
  const g = row.snapshot?.gate;
  if (!g) throw new NotFoundException({ message: `本活动没有申报条件（复核活动或尚未生成） (campaign ${row.id} has no application gate)` });
  return { allowed: g.allowed, missing: g.missing, vetoBlockers: g.vetoBlockers ?? [], takenOver: g.takenOver ?? [] };
}

/**
 * What 任务清单's text search looks in: the task's title, its indicator code, the names of its unit and joint units
 * (共同负责), and the owner the list shows for a task without a unit (泗水县人民政府, 领导小组办公室 …).
 */
function searchable(r: CampaignTaskEntity, units: Map<string, string>, region: CampaignTemplate['region'] | undefined): string[] {
  const v = r.view as { jointUnitIds?: string[]; owner?: string };
  const unitIds = [...(r.unitId ? [r.unitId] : []), ...(v.jointUnitIds ?? [])];
  return [r.title, r.indicatorCode ?? '', ...unitIds.map((u) => units.get(u) ?? ''), ...(unitIds.length || !v.owner ? [] : [ownerLabel(v.owner, region)])];
}
