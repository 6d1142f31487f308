/**
 * Builds a custom campaign template from an imported indicator table (指标任务分解表) plus the
 * parts a table does not carry (region, dates, leadership group, phases). Missing phases are
 * filled with a default three-phase schedule relative to the campaign start.
 */
import { z } from 'zod';
import {
  IndicatorSchema,
  LeadershipGroupSchema,
  PHASE_NAMES,
  PhaseSchema,
  UnitSchema,
  type CampaignTemplate,
  type CampaignTemplateInput,
} from '@eco/domain';
import { parseTemplate } from '../template-loader';

export type IndicatorInput = z.input<typeof IndicatorSchema>;
export type UnitInput = z.input<typeof UnitSchema>;
export type PhaseInput = z.input<typeof PhaseSchema>;
export type LeadershipGroupInput = z.input<typeof LeadershipGroupSchema>;

/** What the caller supplies besides the table. */
export interface CustomTemplateMeta {
  id: string;
  name: string;
  region: { name: string; province: string; city: string; county: string };
  issueDate: string;
  /** Default: `${region.name}人民政府`. */
  issuingAuthority?: string;
  documentNumber?: string;
  kind?: 'creation' | 'consolidation';
  targetLevel?: 'national' | 'provincial';
  /** Default: "创建国家生态文明建设示范区" (or 省级). */
  goal?: string;
  statedIndicatorCount?: number;
  /** Default: a group named after the region with no members yet (to be completed by the office). */
  leadershipGroup?: LeadershipGroupInput;
  /** Default: `defaultPhases(...)`. */
  phases?: PhaseInput[];
  schedule?: CampaignTemplateInput['schedule'];
  vetoConditions?: CampaignTemplateInput['vetoConditions'];
  keyTasks?: CampaignTemplateInput['keyTasks'];
  source?: CampaignTemplateInput['source'];
}

/**
 * Default schedule: 动员部署 due 14 days after the start, 创建实施 60 days, 申报迎查 120 days
 * (offsets are relative to the campaign start). A certificate milestone is added when some
 * indicators only need a certificate (不涉及证明).
 */
export function defaultPhases(opts: { hasCertificates?: boolean } = {}): PhaseInput[] {
  const due = (offset: string, days: number) => ({ offset, text: `创建启动后${days}日内（默认安排）` });
  return [
    {
      key: 'mobilization',
      name: PHASE_NAMES.mobilization,
      text: '创建启动后14日内（默认安排）',
      milestones: [
        { key: 'work-plan-issued', name: '印发创建工作方案', taskKind: 'work-plan-issued', owner: 'leader', due: due('P14D', 14) },
        { key: 'leadership-group', name: '成立创建工作领导小组', taskKind: 'leadership-group', owner: 'office', due: due('P14D', 14) },
        { key: 'unit-contacts', name: '各责任单位确定分管责任人和联络员', taskKind: 'unit-contacts', owner: 'units', due: due('P14D', 14) },
      ],
    },
    {
      key: 'implementation',
      name: PHASE_NAMES.implementation,
      text: '创建启动后60日内（默认安排）',
      milestones: [
        { key: 'indicators', name: '指标任务达标并报送支撑材料', taskKind: 'indicator', owner: 'units', due: due('P60D', 60) },
        ...(opts.hasCertificates
          ? [{ key: 'certificates', name: '出具不涉及指标证明', taskKind: 'certificate' as const, owner: 'units' as const, due: due('P60D', 60) }]
          : []),
      ],
    },
    {
      key: 'application',
      name: PHASE_NAMES.application,
      text: '创建启动后120日内（默认安排）',
      milestones: [{ key: 'application', name: '提出创建申请', taskKind: 'application', owner: 'office', due: due('P120D', 120) }],
    },
  ];
}

/**
 * Assembles and validates a custom template (schema + cross references, as the template loader
 * does). Throws the loader's `TemplateValidationError` listing every problem.
 */
export function buildCustomTemplate(meta: CustomTemplateMeta, indicators: IndicatorInput[], units: UnitInput[]): CampaignTemplate {
  const national = (meta.targetLevel ?? 'national') === 'national';
  const input: CampaignTemplateInput = {
    id: meta.id,
    name: meta.name,
    region: meta.region,
    issuingAuthority: meta.issuingAuthority ?? `${meta.region.name}人民政府`,
    ...(meta.documentNumber !== undefined ? { documentNumber: meta.documentNumber } : {}),
    issueDate: meta.issueDate,
    kind: meta.kind ?? 'creation',
    targetLevel: meta.targetLevel ?? 'national',
    ...(meta.statedIndicatorCount !== undefined ? { statedIndicatorCount: meta.statedIndicatorCount } : {}),
    goal: meta.goal ?? `创建${national ? '国家' : '省级'}生态文明建设示范区`,
    units,
    leadershipGroup: meta.leadershipGroup ?? {
      name: `${meta.region.name}创建${national ? '国家' : '省级'}生态文明建设示范区工作领导小组`,
      leaders: [],
      deputyLeaders: [],
      members: [],
      description: '由导入的指标任务分解表生成，领导小组组成待补充',
    },
    indicators,
    ...(meta.keyTasks ? { keyTasks: meta.keyTasks } : {}),
    ...(meta.vetoConditions ? { vetoConditions: meta.vetoConditions } : {}),
    phases: meta.phases ?? defaultPhases({ hasCertificates: indicators.some((i) => i.applicability === 'certificate-only') }),
    schedule: meta.schedule ?? { followsHigherAuthority: true, postponableForEmergency: true },
    ...(meta.source ? { source: meta.source } : {}),
  };
  return parseTemplate(input, `custom template "${meta.id}"`);
}
