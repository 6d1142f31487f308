import { BadRequestException, ConflictException, Injectable, PayloadTooLargeException } from '@nestjs/common';
import { plainToInstance } from 'class-transformer';
import { validate } from 'class-validator';
import { type CampaignTemplate, DEFAULT_JSON_LIMITS, jsonProblem, localDate } from '@eco/domain';
import { TemplateValidationError, parseTemplate, type CustomTemplateMeta, exportIndicatorTable, importIndicatorTable, XlsxImportError } from '@eco/templates';
import type { Actor } from '../auth/actor';
import { validationReasons } from '../common/validation';
import { ImportTemplateFieldsDto } from './dto/import-template.dto';
import { IndicatorUnitDto, TemplateCreatedDto, TemplateDetailDto } from './dto/template.dto';
import { TemplateCatalogService, TemplateSummary } from './template-catalog.service';

/** Extra template parts a multipart upload may carry as JSON in the `meta` field. */
const META_KEYS = ['leadershipGroup', 'phases', 'schedule', 'vetoConditions', 'keyTasks', 'source'] as const;

/**
 * The largest template stored (its JSON): a campaign carries its template into its workflow's input, which Temporal
 * caps at 2 MB; the built-in plans are 40–70 KB.
 */
export const MAX_TEMPLATE_BYTES = 512 * 1024;

/** Today in China (YYYY-MM-DD), the default issue date of an uploaded plan. */
function todayInChina(): string {
  return localDate(Date.now());
}

/** "山东省济宁市兖州区" → province/city/county (any part may be missing). */
export function splitRegionName(name: string): { province: string; city: string; county: string } {
  // dotAll: a line break must not make the match fail (the template schema refuses it with a reason; this never throws)
  const m = /^(.*?省|.*?自治区)?(.*?(?:市|自治州|地区|盟))?(.*)$/s.exec(name.trim());
  return { province: m?.[1] ?? '', city: m?.[2] ?? '', county: m?.[3] ?? '' };
}

/** A table or template problem becomes a 400 listing every issue (row/column, or field path); anything else is rethrown. */
function invalidTemplate(e: unknown): unknown {
  const bad = (message: string[], reasons: object[]) => new BadRequestException({ statusCode: 400, error: 'Bad Request', message, reasons });
  if (e instanceof XlsxImportError) {
    return bad(
      e.issues.map((i) => `${i.sheet || '文件'}${i.row ? ` 第${i.row}行` : ''}${i.column ? `「${i.column}」` : ''}: ${i.reason}`),
      e.issues,
    );
  }
  if (e instanceof TemplateValidationError) return bad(e.issues.map((i) => `${i.path || '(root)'}: ${i.reason}`), e.issues);
  return e;
}

@Injectable()
export class TemplatesService {
  constructor(private readonly catalog: TemplateCatalogService) {}

  list(viewer?: Actor): Promise<TemplateSummary[]> {
    return this.catalog.list(viewer);
  }

  async detail(id: string, viewer?: Actor): Promise<TemplateDetailDto> {
    const t = await this.catalog.get(id, viewer);
    const units = new Map(t.units.map((u) => [u.id, u]));
    const ref = (unitId: string, role: 'lead' | 'co'): IndicatorUnitDto => {
      const u = units.get(unitId);
      return { id: unitId, name: u?.name ?? unitId, shortName: u?.shortName ?? unitId, role };
    };
    return {
      ...t,
      builtIn: this.catalog.isBuiltIn(t.id),
      indicators: t.indicators.map((ind) => ({
        ...ind,
        leadUnitId: ind.leadUnitIds[0],
        units: [...ind.leadUnitIds.map((u) => ref(u, 'lead')), ...ind.coUnitIds.map((u) => ref(u, 'co'))],
      })),
    };
  }

  /** The indicator table as .xlsx, with the file name to offer. */
  async indicatorTable(id: string, viewer?: Actor): Promise<{ data: Buffer; fileName: string; asciiFileName: string }> {
    const t = await this.catalog.get(id, viewer);
    let data: Buffer;
    try {
      data = await exportIndicatorTable(t);
    } catch (e) {
      throw new ConflictException(`this template's indicator table cannot be written as Excel: ${(e as Error).message}`);
    }
    const safe = (s: string) => s.replace(/[\\/:*?"<>|\r\n]+/g, ' ').trim();
    return { data, fileName: `${safe(t.name)}-指标任务分解表.xlsx`, asciiFileName: `${t.id}-indicators.xlsx` };
  }

  /** POST /api/templates with a JSON template. */
  async createFromJson(body: unknown, actor: Actor): Promise<TemplateCreatedDto> {
    if (!body || typeof body !== 'object' || Array.isArray(body) || Object.keys(body).length === 0) {
      throw new BadRequestException(
        'send a template as an application/json object, or an indicator table as multipart/form-data (field "file") / 请提交模板 JSON 或 Excel 指标表',
      );
    }
    let template: CampaignTemplate;
    try {
      template = parseTemplate(body, 'template');
    } catch (e) {
      throw invalidTemplate(e);
    }
    return this.store(template, actor);
  }

  /** POST /api/templates with an .xlsx indicator table and form fields. */
  async createFromXlsx(file: { buffer: Buffer } | undefined, fields: unknown, actor: Actor): Promise<TemplateCreatedDto> {
    if (!file) throw new BadRequestException('the indicator table (.xlsx) must be sent in the multipart field "file" / 缺少 Excel 文件');
    const meta = await this.importMeta(fields);
    let template: CampaignTemplate;
    try {
      template = await importIndicatorTable(file.buffer, meta);
    } catch (e) {
      throw invalidTemplate(e);
    }
    return this.store(template, actor);
  }

  private async store(template: CampaignTemplate, actor: Actor): Promise<TemplateCreatedDto> {
    // Text from the form's JSON or from inside the workbook (ExcelJS reads _x0000_ as NUL) that PostgreSQL cannot store
    const problem = jsonProblem(template, { ...DEFAULT_JSON_LIMITS, maxDepth: 64 }, 'template');
    if (problem) throw new BadRequestException([problem]);
    const bytes = Buffer.byteLength(JSON.stringify(template));
    if (bytes > MAX_TEMPLATE_BYTES) {
      throw new PayloadTooLargeException(`模板过大：${Math.ceil(bytes / 1024)} KB，最多 ${MAX_TEMPLATE_BYTES / 1024} KB (the template is ${bytes} bytes as JSON; at most ${MAX_TEMPLATE_BYTES})`);
    }
    if (!(await this.catalog.add(template, actor.id, actor.organizationId ?? null))) {
      throw new ConflictException(`template id "${template.id}" is already used${this.catalog.isBuiltIn(template.id) ? ' by a built-in template' : ''} / 模板 id 已存在`);
    }
    return { id: template.id };
  }

  private async importMeta(fields: unknown): Promise<CustomTemplateMeta> {
    // multer's fields did not pass the request hygiene (it runs after it): names and values must be storable text
    const unstorable = jsonProblem(fields ?? {}, DEFAULT_JSON_LIMITS, 'form');
    if (unstorable) throw new BadRequestException([unstorable]);
    const dto = plainToInstance(ImportTemplateFieldsDto, fields ?? {});
    const errors = await validate(dto, { whitelist: true, forbidNonWhitelisted: true });
    const problems = validationReasons(errors); // worded as the ValidationPipe's 400s
    const parseJson = (field: string, text: string): Record<string, unknown> => {
      try {
        const v = JSON.parse(text);
        if (v && typeof v === 'object' && !Array.isArray(v)) return v as Record<string, unknown>;
      } catch {
        /* reported below */
      }
      problems.push(`${field} must be a JSON object / ${field} 须为 JSON 对象`);
      return {};
    };
    let region = { name: '', province: '', city: '', county: '' };
    if (typeof dto.region === 'string') {
      if (dto.region.trim().startsWith('{')) {
        const r = parseJson('region', dto.region);
        for (const [k, v] of Object.entries(r)) if (typeof v !== 'string') problems.push(`region.${k} must be text / 地区的「${k}」须为文本`);
        region = { ...region, ...(r as Partial<typeof region>) };
      } else region = { name: dto.region.trim(), ...splitRegionName(dto.region) };
    }
    for (const k of ['province', 'city', 'county'] as const) if (dto[k] !== undefined) region[k] = dto[k];
    const extra = dto.meta !== undefined ? parseJson('meta', dto.meta) : {};
    const unknown = Object.keys(extra).filter((k) => !(META_KEYS as readonly string[]).includes(k));
    if (unknown.length) problems.push(`meta 中不允许的部分：${unknown.join('、')}，可选：${META_KEYS.join('、')} (meta: unknown parts ${unknown.join(', ')}; allowed: ${META_KEYS.join(', ')})`);
    if (problems.length) throw new BadRequestException(problems);
    return {
      ...(extra as Partial<CustomTemplateMeta>),
      id: dto.id,
      name: dto.name,
      region,
      issueDate: dto.issueDate ?? todayInChina(),
      ...(dto.kind ? { kind: dto.kind } : {}),
      ...(dto.targetLevel ? { targetLevel: dto.targetLevel } : {}),
      ...(dto.issuingAuthority ? { issuingAuthority: dto.issuingAuthority } : {}),
      ...(dto.documentNumber ? { documentNumber: dto.documentNumber } : {}),
      ...(dto.goal ? { goal: dto.goal } : {}),
      ...(dto.statedIndicatorCount !== undefined ? { statedIndicatorCount: dto.statedIndicatorCount } : {}),
    };
  }
}
