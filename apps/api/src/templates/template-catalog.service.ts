import { Inject, Injectable, Logger, NotFoundException, OnApplicationBootstrap } from '@nestjs/common';
import type { CampaignTemplate } from '@eco/domain';
import { OrganizationRepository, CustomTemplateSummary, TemplateRepository } from '@eco/persistence';
import type { Actor } from '../auth/actor';
import { parseTemplate, TemplateRegistry } from '@eco/templates';

/** The built-in templates (libs/templates/data), loaded and validated once at startup. */
export const BUILT_IN_TEMPLATES = Symbol('BUILT_IN_TEMPLATES');

export type TemplateSummary = Pick<CustomTemplateSummary, 'id' | 'name' | 'region' | 'kind' | 'indicatorCount' | 'unitCount'> & {
  builtIn: boolean;
  /** The plan is the viewer's own: of their organization's region, or imported by their organization. */
  ownRegion: boolean;
};

/**
 * Every template the system knows: the built-in ones and those created through the API
 * (custom_templates). Used by the templates API and by campaigns (`get(id)` to start one).
 * Tenancy: built-in templates (published work plans) are shared by every organization; a custom template belongs to
 * the organization that created it and is invisible (404) to other organizations' users (admins see all).
 */
@Injectable()
export class TemplateCatalogService implements OnApplicationBootstrap {
  /** Parsed custom templates; they never change once stored, so caching them is safe across instances. */
  private readonly customCache = new Map<string, { template: CampaignTemplate; organizationId: string | null }>();
  private readonly log = new Logger('TemplateCatalog');

  constructor(
    @Inject(BUILT_IN_TEMPLATES) private readonly builtIn: TemplateRegistry,
    private readonly repo: TemplateRepository,
    private readonly orgs: OrganizationRepository,
  ) {}

  /**
   * One rule: a plan's units are its organization's units — 用户与单位 offers them for liaisons and 分管负责人, and a
   * notice nobody can receive names the unit (单位「县畜牧业发展中心」未设置在岗的联络员), not its id. A plan the county
   * imports is its own: its names win (`imported`). A plan a campaign is started from adds the units the county lacks;
   * a unit it has keeps the county's name (`started`).
   */
  async adoptUnits(organizationId: string | null | undefined, template: CampaignTemplate, how: 'imported' | 'started'): Promise<void> {
    if (!organizationId) return;
    if (how === 'imported') await this.orgs.upsertUnits(organizationId, planUnits(template));
    else await this.orgs.addMissingUnits(organizationId, planUnits(template));
  }

  /**
   * Campaigns started before a start adopted its plan's units (`started`) get them when an API process starts: in the
   * background (the API answers meanwhile), only for templates whose campaigns' counties still lack a unit — after the
   * first pass the check finds none and nothing is written —, one statement per such template. Idempotent (every API
   * process may run it). `planUnitsAdded` settles with the number of units added (tests).
   */
  planUnitsAdded: Promise<number> = Promise.resolve(0);

  onApplicationBootstrap(): void {
    this.planUnitsAdded = this.addMissingPlanUnits().catch((e) => {
      // PostgreSQL down at startup: the API still starts (health says so); the next start adds them
      this.log.warn(`campaign plan units not added to their organizations: ${e instanceof Error ? e.message : String(e)}`);
      return 0;
    });
  }

  /** The pass itself (at startup): how many units it added. */
  async addMissingPlanUnits(): Promise<number> {
    let total = 0;
    for (const id of await this.orgs.templatesLackingUnits()) {
      const t = await this.find(id).catch(() => undefined);
      const added = t ? await this.orgs.addPlanUnits(id, planUnits(t)) : 0;
      if (added) this.log.log(`${added} unit(s) of plan ${id} added to the organizations running campaigns of it`);
      total += added;
    }
    return total;
  }

  /** A custom template owned by `organizationId` is visible to `viewer` (no viewer: internal use, all visible). */
  private visibleTo(viewer: Actor | undefined, organizationId: string | null): boolean {
    if (!viewer || viewer.roles.includes('admin') || organizationId === null) return true;
    return viewer.organizationId === organizationId;
  }

  isBuiltIn(id: string): boolean {
    return this.builtIn.has(id);
  }

  /**
   * Built-in and custom templates: the viewer's own first — of their region, or imported by their organization (a county
   * starts its campaign from its own plan: its units are that county's bureaus) —, then the others (published plans of
   * other regions, for reference), each by id.
   */
  async list(viewer?: Actor): Promise<TemplateSummary[]> {
    const region = viewer?.organizationId ? ((await this.orgs.get(viewer.organizationId))?.regionName ?? null) : null;
    const builtIn = this.builtIn.list().map((t) => ({
      id: t.id,
      name: t.name,
      region: t.region.name,
      kind: t.kind,
      indicatorCount: t.indicators.length,
      unitCount: t.units.length,
      builtIn: true,
    }));
    const custom = (await this.repo.summaries())
      .filter((c) => !this.builtIn.has(c.id) && this.visibleTo(viewer, c.organizationId))
      .map(({ id, name, region: r, kind, indicatorCount, unitCount, organizationId }) => ({ id, name, region: r, kind, indicatorCount, unitCount, builtIn: false, mine: !!viewer?.organizationId && organizationId === viewer.organizationId }));
    return [...builtIn.map((t) => ({ ...t, mine: false })), ...custom]
      .map(({ mine, ...t }) => ({ ...t, ownRegion: mine || (region !== null && t.region === region) }))
      .sort((a, b) => Number(b.ownRegion) - Number(a.ownRegion) || a.id.localeCompare(b.id));
  }

  /** The template, or undefined when no template has this id. */
  async find(id: string, viewer?: Actor): Promise<CampaignTemplate | undefined> {
    const builtIn = this.builtIn.get(id);
    if (builtIn) return builtIn;
    let entry = this.customCache.get(id);
    if (!entry) {
      const row = await this.repo.get(id);
      if (!row) return undefined;
      entry = { template: parseTemplate(row.body, `custom template "${id}"`), organizationId: row.organizationId ?? null };
      this.customCache.set(id, entry);
    }
    return this.visibleTo(viewer, entry.organizationId) ? entry.template : undefined;
  }

  /** The template; 404 when unknown or another organization's. */
  async get(id: string, viewer?: Actor): Promise<CampaignTemplate> {
    const t = await this.find(id, viewer);
    if (!t) throw new NotFoundException(`template "${id}" not found / 模板不存在`);
    return t;
  }

  /** Store a validated custom template; false when the id is taken (built-in or custom). */
  async add(template: CampaignTemplate, createdBy: string | null, organizationId: string | null = null): Promise<boolean> {
    if (this.builtIn.has(template.id)) return false;
    const stored = await this.repo.insert(template.id, template as unknown as Record<string, unknown>, createdBy, organizationId);
    if (stored) {
      this.customCache.set(template.id, { template, organizationId });
      await this.adoptUnits(organizationId, template, 'imported');
    }
    return stored;
  }
}

/** A plan's units as an organization's unit rows. */
function planUnits(template: CampaignTemplate): { unitId: string; name: string }[] {
  return template.units.map((u) => ({ unitId: u.id, name: u.name }));
}
