/**
 * OpenAPI description of the template format (libs/domain/src/template/template.schema.ts, which
 * is what actually validates it) and of the template API's answers.
 */
import { ApiProperty, ApiPropertyOptional, OmitType, type ApiPropertyOptions } from '@nestjs/swagger';
import {
  CAMPAIGN_KINDS,
  DOMAIN_KEYS,
  ID_PATTERN,
  INDICATOR_PROVENANCE_FIELDS,
  MILESTONE_PROVENANCE_FIELDS,
  PHASE_PROVENANCE_FIELDS,
  PHASE_KEYS,
  SUB_ITEM_PROVENANCE_FIELDS,
  TASK_KINDS,
  UNIT_PROVENANCE_FIELDS,
} from '@eco/domain';

const obj = (description: string) => ({ type: 'object', additionalProperties: true, description }) as const;
/** Provenance (出处): field name (or `entry`) → { derived: true, reason } for values the plan does not print. */
const provenance = (fields: readonly string[]): ApiPropertyOptions => ({
  type: 'object',
  description: `推定标注：${fields.join(' / ')} → { derived: true, reason }（方案未载明的值及其依据）`,
  additionalProperties: { type: 'object', required: ['derived', 'reason'], properties: { derived: { type: 'boolean', enum: [true] }, reason: { type: 'string', minLength: 1 } } },
});

export class TemplateSummaryDto {
  @ApiProperty({ example: 'yanzhou-2023' })
  id: string;

  @ApiProperty({ example: '济宁市兖州区创建国家生态文明建设示范区工作方案' })
  name: string;

  @ApiProperty({ example: '济宁市兖州区', description: 'region.name' })
  region: string;

  @ApiProperty({ enum: CAMPAIGN_KINDS })
  kind: string;

  @ApiProperty({ example: 35 })
  indicatorCount: number;

  @ApiProperty({ example: 15 })
  unitCount: number;

  @ApiProperty({ description: 'shipped with the system (true) or created through the API (false)' })
  builtIn: boolean;

  @ApiProperty({ description: "the plan is of the caller's own region (their organization's); own-region plans come first" })
  ownRegion: boolean;
}

export class RegionDto {
  @ApiProperty({ example: '济宁市兖州区' }) name: string;
  @ApiProperty({ example: '山东省' }) province: string;
  @ApiProperty({ example: '济宁市' }) city: string;
  @ApiProperty({ example: '兖州区' }) county: string;
}

export class UnitDto {
  @ApiProperty({ example: 'yz-sthj' }) id: string;
  @ApiProperty({ example: '市生态环境局兖州区分局' }) name: string;
  @ApiProperty({ example: '生态环境分局' }) shortName: string;
  @ApiProperty({ enum: ['department', 'subdistrict', 'town', 'enterprise-zone', 'party', 'collective', 'other'] }) kind: string;
  @ApiPropertyOptional({ type: [String], description: 'collective units: the units it stands for' }) members?: string[];
  @ApiPropertyOptional(provenance(UNIT_PROVENANCE_FIELDS)) provenance?: Record<string, unknown>;
}

export class SubItemDto {
  @ApiProperty({ example: '①' }) label: string;
  @ApiProperty() name: string;
  @ApiPropertyOptional() unit?: string;
  @ApiPropertyOptional() target?: string;
  @ApiPropertyOptional({ type: [String] }) leadUnitIds?: string[];
  @ApiPropertyOptional({ type: [String] }) coUnitIds?: string[];
  @ApiPropertyOptional(provenance(SUB_ITEM_PROVENANCE_FIELDS)) provenance?: Record<string, unknown>;
}

export class IndicatorDto {
  @ApiProperty({ example: '1', description: "the plan's number; C1… for certificate-only items" }) code: string;
  @ApiProperty({ enum: DOMAIN_KEYS }) domain: string;
  @ApiPropertyOptional({ minimum: 1, maximum: 10 }) task?: number;
  @ApiPropertyOptional() section?: string;
  @ApiProperty({ example: '生态文明建设规划' }) name: string;
  @ApiPropertyOptional() description?: string;
  @ApiProperty({ type: [SubItemDto] }) subItems: SubItemDto[];
  @ApiProperty({ example: '-' }) unit: string;
  @ApiProperty({ example: '制定实施' }) target: string;
  @ApiProperty({ enum: ['binding', 'reference'], description: 'binding 约束性 / reference 参考性' }) attribute: string;
  @ApiProperty({ type: [String], description: '牵头单位' }) leadUnitIds: string[];
  @ApiProperty({ type: [String], description: '协办单位' }) coUnitIds: string[];
  @ApiPropertyOptional() remarks?: string;
  @ApiProperty({ enum: ['applicable', 'certificate-only'] }) applicability: string;
  @ApiProperty() derived: boolean;
  @ApiPropertyOptional() derivedNote?: string;
  @ApiPropertyOptional(provenance(INDICATOR_PROVENANCE_FIELDS)) provenance?: Record<string, unknown>;
}

export class IndicatorUnitDto {
  @ApiProperty() id: string;
  @ApiProperty() name: string;
  @ApiProperty() shortName: string;
  @ApiProperty({ enum: ['lead', 'co'] }) role: 'lead' | 'co';
}

export class IndicatorDetailDto extends IndicatorDto {
  @ApiProperty({ description: 'the first lead unit (= leadUnitIds[0])' }) leadUnitId: string;
  @ApiProperty({ type: [IndicatorUnitDto], description: 'the responsible units resolved: lead units first, then co-units' }) units: IndicatorUnitDto[];
}

export class DueDto {
  @ApiPropertyOptional({ format: 'date', description: 'the date the plan states' }) date?: string;
  @ApiPropertyOptional({ example: 'P14D', description: 'ISO-8601 duration from the campaign start' }) offset?: string;
  @ApiProperty({ example: '5月底前' }) text: string;
  @ApiProperty() approximate: boolean;
}

export class MilestoneDto {
  @ApiProperty({ example: 'work-plan-issued' }) key: string;
  @ApiProperty({ example: '印发创建工作方案' }) name: string;
  @ApiProperty({ enum: TASK_KINDS }) taskKind: string;
  @ApiProperty({ type: DueDto }) due: DueDto;
  @ApiProperty({ enum: ['office', 'leader', 'units', 'technical-unit', 'experts', 'government', 'higher-authority'] }) owner: string;
  @ApiPropertyOptional({ type: [String] }) units?: string[];
  @ApiProperty() required: boolean;
  @ApiProperty() followsHigherAuthority: boolean;
  @ApiPropertyOptional() source?: string;
  @ApiPropertyOptional(provenance(MILESTONE_PROVENANCE_FIELDS)) provenance?: Record<string, unknown>;
}

export class PhaseDto {
  @ApiProperty({ enum: PHASE_KEYS }) key: string;
  @ApiProperty({ example: '动员部署' }) name: string;
  @ApiPropertyOptional({ format: 'date' }) start?: string;
  @ApiPropertyOptional({ format: 'date' }) end?: string;
  @ApiProperty() text: string;
  @ApiProperty({ type: [MilestoneDto] }) milestones: MilestoneDto[];
  @ApiPropertyOptional(provenance(PHASE_PROVENANCE_FIELDS)) provenance?: Record<string, unknown>;
}

/** A campaign template (创建工作方案模板) as stored and as accepted by POST /api/templates (JSON). */
export class CampaignTemplateDto {
  @ApiProperty({ example: 'my-county-2025', pattern: ID_PATTERN.source }) id: string;
  @ApiProperty() name: string;
  @ApiProperty({ type: RegionDto }) region: RegionDto;
  @ApiProperty({ example: '济宁市兖州区人民政府' }) issuingAuthority: string;
  @ApiPropertyOptional() documentNumber?: string;
  @ApiProperty({ format: 'date' }) issueDate: string;
  @ApiProperty({ enum: CAMPAIGN_KINDS }) kind: string;
  @ApiProperty({ enum: ['national', 'provincial'] }) targetLevel: string;
  @ApiPropertyOptional() statedIndicatorCount?: number;
  @ApiProperty() goal: string;
  @ApiProperty({ type: [UnitDto] }) units: UnitDto[];
  @ApiProperty(obj('领导小组: name, leaders, deputyLeaders, members, officeUnitId, officeDirectors, …')) leadershipGroup: Record<string, unknown>;
  @ApiProperty({ type: [IndicatorDto] }) indicators: IndicatorDto[];
  @ApiPropertyOptional({ type: 'array', items: obj('重点任务: number, title, section, content, unitIds, indicatorCode?') }) keyTasks?: Record<string, unknown>[];
  @ApiProperty({ type: [PhaseDto] }) phases: PhaseDto[];
  @ApiProperty(obj('followsHigherAuthority, postponableForEmergency, note?')) schedule: Record<string, unknown>;
  @ApiPropertyOptional(obj('资料清单: required, description, milestoneKey?')) materialsList?: Record<string, unknown>;
  @ApiPropertyOptional(obj('重点工程项目提报 rules')) keyProjects?: Record<string, unknown>;
  @ApiPropertyOptional(obj('规划编制: stages')) planCompilation?: Record<string, unknown>;
  @ApiPropertyOptional({ type: 'array', items: obj('否决情形: code, text, leadUnitIds, coUnitIds, lookBackYears') }) vetoConditions?: Record<string, unknown>[];
  @ApiPropertyOptional(obj('公示: workingDays, derived')) publicNotice?: Record<string, unknown>;
  @ApiPropertyOptional({ type: 'array', items: obj('迎检准备: key, name') }) inspectionPreparation?: Record<string, unknown>[];
  @ApiPropertyOptional(obj('补充材料: description, milestoneKey?')) supplements?: Record<string, unknown>;
  @ApiPropertyOptional({ type: [String] }) accountability?: string[];
  @ApiPropertyOptional({ type: 'array', items: obj('定期调度/督查: key, name, taskKind (progress-report | supervision-bulletin), every (month | quarter), owner (units | office), units?, phases[], workingDaysBeforePeriodEnd, minLeadWorkingDays, source (原文), provenance?') })
  supervision?: Record<string, unknown>[];
  @ApiPropertyOptional({ type: 'array', items: obj('考核后果（原文）: appliesTo (escalation | matter), label, text, matter?, source, provenance?') })
  assessment?: Record<string, unknown>[];
  @ApiPropertyOptional(obj('approval chain per task kind: { <taskKind>: [{ name, role | users, mode, n? }] }')) approvalChains?: Record<string, unknown>;
  @ApiPropertyOptional(obj('reminders: before[], overdueEvery, escalateAfter (ISO durations)')) reminderPolicy?: Record<string, unknown>;
  @ApiPropertyOptional(obj('source: { file, note? }')) source?: Record<string, unknown>;
}

export class TemplateDetailDto extends OmitType(CampaignTemplateDto, ['indicators'] as const) {
  @ApiProperty({ type: [IndicatorDetailDto] }) indicators: IndicatorDetailDto[];
  @ApiProperty() builtIn: boolean;
}

export class TemplateCreatedDto {
  @ApiProperty({ example: 'my-county-2025' }) id: string;
}
