import { Inject, Injectable, NotFoundException } from '@nestjs/common';
import type { CampaignTemplate } from '../../../../libs/domain/src/template/template.schema';
import { CustomTemplateSummary, TemplateRepository } from '../../../../libs/persistence/src/repositories/template.repository';
import { parseTemplate, TemplateRegistry } from '../../../../libs/templates/src/template-loader';

/** The built-in templates (libs/templates/data), loaded and validated once at startup. */
export const BUILT_IN_TEMPLATES = Symbol('BUILT_IN_TEMPLATES');

export type TemplateSummary = Pick<CustomTemplateSummary, 'id' | 'name' | 'region' | 'kind' | 'indicatorCount' | 'unitCount'> & { builtIn: boolean };

/**
 * Every template the system knows: the built-in ones and those created through the API
 * (custom_templates). Used by the templates API and by campaigns (`get(id)` to start one).
 */
@Injectable()
export class TemplateCatalogService {
  /** Parsed custom templates; they never change once stored, so caching them is safe across instances. */
  private readonly customCache = new Map<string, CampaignTemplate>();

  constructor(
    @Inject(BUILT_IN_TEMPLATES) private readonly builtIn: TemplateRegistry,
    private readonly repo: TemplateRepository,
  ) {}

  isBuiltIn(id: string): boolean {
    return this.builtIn.has(id);
  }

  /** Built-in and custom templates, sorted by id. */
  async list(): Promise<TemplateSummary[]> {
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
      .filter((c) => !this.builtIn.has(c.id))
      .map(({ id, name, region, kind, indicatorCount, unitCount }) => ({ id, name, region, kind, indicatorCount, unitCount, builtIn: false }));
    return [...builtIn, ...custom].sort((a, b) => a.id.localeCompare(b.id));
  }

  /** The template, or undefined when no template has this id. */
  async find(id: string): Promise<CampaignTemplate | undefined> {
    const builtIn = this.builtIn.get(id);
    if (builtIn) return builtIn;
    const cached = this.customCache.get(id);
    if (cached) return cached;
    const row = await this.repo.get(id);
    if (!row) return undefined;
    const template = parseTemplate(row.body, `custom template "${id}"`);
    this.customCache.set(id, template);
    return template;
  }

  /** The template; 404 when unknown. */
  async get(id: string): Promise<CampaignTemplate> {
    const t = await this.find(id);
    if (!t) throw new NotFoundException(`template "${id}" not found / 模板不存在`);
    return t;
  }

  /** Store a validated custom template; false when the id is taken (built-in or custom). */
  async add(template: CampaignTemplate, createdBy: string | null): Promise<boolean> {
    if (this.builtIn.has(template.id)) return false;
    const stored = await this.repo.insert(template.id, template as unknown as Record<string, unknown>, createdBy);
    if (stored) this.customCache.set(template.id, template);
    return stored;
  }
}
