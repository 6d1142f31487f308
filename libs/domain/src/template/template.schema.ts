/**
 * Campaign template format (创建工作方案模板).
 *
 * A template is the machine-readable form of one work plan (工作方案). Templates are JSON data
 * files validated by `CampaignTemplateSchema` at load time. This module is pure (zod only), so
 * workflows may import the inferred types.
 */
import { z } from 'zod';
import { DOMAIN_LABEL, PHASE_LABEL } from '../labels';

export const DOMAIN_KEYS = ['institution', 'security', 'space', 'economy', 'living', 'culture'] as const;
export type DomainKey = (typeof DOMAIN_KEYS)[number];
/** The six domains (领域) of the national indicator system, in order. */
export const DOMAIN_NAMES: Record<DomainKey, string> = DOMAIN_LABEL;

/** The ten tasks (任务) of the county-level indicator system, numbered (一)…(十). */
export const TASK_NAMES: Record<number, { domain: DomainKey; name: string }> = {
  1: { domain: 'institution', name: '目标责任体系与制度建设' },
  2: { domain: 'security', name: '生态环境质量改善' },
  3: { domain: 'security', name: '生态系统保护' },
  4: { domain: 'security', name: '生态环境风险防范' },
  5: { domain: 'space', name: '空间格局优化' },
  6: { domain: 'economy', name: '资源节约与利用' },
  7: { domain: 'economy', name: '产业循环发展' },
  8: { domain: 'living', name: '人居环境改善' },
  9: { domain: 'living', name: '生活方式绿色化' },
  10: { domain: 'culture', name: '观念意识普及' },
};

export const PHASE_KEYS = ['mobilization', 'implementation', 'application', 'monitoring', 'review'] as const;
export type PhaseKey = (typeof PHASE_KEYS)[number];
export const PHASE_NAMES: Record<PhaseKey, string> = PHASE_LABEL;

/** Roles a person can hold in the system (also JWT roles). */
export const ROLES = ['admin', 'office', 'leader', 'unit', 'expert', 'inspector'] as const;
export type Role = (typeof ROLES)[number];

/**
 * Kinds of task the engine creates. Milestones of a template name the kind of task they create;
 * the engine adds per-unit and per-indicator tasks for the kinds marked "per unit"/"per indicator".
 */
export const TASK_KINDS = [
  // mobilization
  'work-plan-issued', // 印发工作方案 (leader signs)
  'leadership-group', // 成立领导小组
  'unit-contacts', // per unit: 分管责任人 + 联络员
  'plan-started', // 启动《规划》编制
  // implementation
  'indicator-contribution', // per indicator × co-unit: evidence/status for the lead unit
  'indicator', // per indicator: the lead unit consolidates and submits
  'materials', // per unit: 资料清单 materials
  'key-projects', // per unit: 重点工程项目提报 or sealed "no key project" statement
  'plan-draft', // 《规划》征求意见稿
  'plan-comments', // per consulted unit: comments (silence = no comment)
  'plan-review-draft', // 论证稿/评审稿
  'plan-expert-review', // 专家论证/评审
  'plan-approval-draft', // 报批稿
  'plan-government-approval', // 区/县政府审议通过
  'plan-promulgation', // 颁布实施
  'self-check', // 自查 + 档案整理装订 (Shinan)
  'rectification', // 整改 opened by the office or from a finding
  'certificate', // per not-applicable indicator: 不涉及证明
  'veto-attestation', // per veto condition: attested absent by its unit
  // application / inspection
  'application', // 申报
  'pre-review', // 预审 (external result)
  'public-notice', // 公示 (external result)
  'platform-fill', // 国家平台填报
  'inspection-prep', // 现场核查准备 items
  'inspection', // 现场核查 (external result)
  'supplement', // 完备材料/补充材料
  'naming', // 命名
  // consolidation (巩固提升 → 复核)
  'key-task', // per key task × unit (Jiyang)
  'review', // 复核
  // supervision cadence (督促检查): one task per period, opened when the period starts
  'progress-report', // per unit × period: 调度 progress report to the office
  'supervision-bulletin', // per period: the office's 督查 / 通报
] as const;
export type TaskKind = (typeof TASK_KINDS)[number];

const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'expected a date YYYY-MM-DD');
const isoDuration = z
  .string()
  .regex(/^-?P(?!$)(\d+Y)?(\d+M)?(\d+W)?(\d+D)?(T(?=\d)(\d+H)?(\d+M)?(\d+(\.\d+)?S)?)?$/, 'expected an ISO-8601 duration such as P3D or PT5S');
/** The shape of a template's, a unit's or a milestone's id: lower-case letters, digits and hyphens (my-county-2027). */
export const ID_PATTERN = /^[a-z0-9][a-z0-9-]*$/;
/** Ids and keys: they become database keys (a template's, a unit's, a task's), so they stay short. */
const id = z.string().max(100, 'at most 100 characters / 最多 100 个字符').regex(ID_PATTERN, 'expected a lower-case id (a-z, 0-9, -)');

/**
 * Provenance (出处). A value the plan does not print — a unit it never names, a lead chosen by a convention, a date
 * resolved from 中旬 or inferred from a goal, a binding flag the plan does not mark, a milestone it never mentions —
 * is marked `derived: true` with the reason it was chosen (the convention followed, the text it was inferred from).
 * A derived mark without a reason does not validate. Provenance is reference data: the engine does not act on it.
 */
export const DerivationSchema = z.object({ derived: z.literal(true), reason: z.string().min(1) }).strict();
/** Per-field provenance of one entry: the field names of that entry (or `entry` for the entry itself) → derivation. */
const provenanceOf = <K extends string>(fields: readonly [K, ...K[]]) => z.record(z.enum(fields), DerivationSchema).optional();
export const UNIT_PROVENANCE_FIELDS = ['entry', 'name', 'shortName', 'kind', 'members'] as const;
export const SUB_ITEM_PROVENANCE_FIELDS = ['unit', 'target', 'leadUnitIds', 'coUnitIds'] as const;
export const INDICATOR_PROVENANCE_FIELDS = ['domain', 'task', 'name', 'unit', 'target', 'attribute', 'leadUnitIds', 'leadMode', 'coUnitIds', 'applicability'] as const;
export const MILESTONE_PROVENANCE_FIELDS = ['entry', 'name', 'due', 'owner', 'units', 'required', 'followsHigherAuthority'] as const;
export const PHASE_PROVENANCE_FIELDS = ['start', 'end'] as const;
export const VETO_PROVENANCE_FIELDS = ['leadUnitIds', 'coUnitIds', 'lookBackYears'] as const;
export const KEY_TASK_PROVENANCE_FIELDS = ['unitIds', 'indicatorCode'] as const;
export const CADENCE_PROVENANCE_FIELDS = ['every', 'owner', 'units', 'phases', 'workingDaysBeforePeriodEnd'] as const;
export const ASSESSMENT_PROVENANCE_FIELDS = ['appliesTo'] as const;

export const UnitSchema = z
  .object({
    id,
    name: z.string().min(1), // full Chinese name as the plan writes it
    shortName: z.string().min(1),
    /** collective = "各街道办事处", "各牵头单位" …: stands for a set of units. */
    kind: z.enum(['department', 'subdistrict', 'town', 'enterprise-zone', 'party', 'collective', 'other']).default('department'),
    /** For collective units: the ids of the units it stands for (may be empty when the plan does not list them). */
    members: z.array(id).optional(),
    /** Provenance: the unit (`entry`) or its name, kind, members when the plan does not print them. */
    provenance: provenanceOf(UNIT_PROVENANCE_FIELDS),
  })
  .strict();

export const PersonSchema = z
  .object({
    name: z.string().min(1),
    title: z.string().min(1), // 职务 as written
    unitId: id.optional(),
  })
  .strict();

export const LeadershipGroupSchema = z
  .object({
    name: z.string().min(1),
    leaders: z.array(PersonSchema), // 组长 (Sishui has two)
    deputyLeaders: z.array(PersonSchema),
    members: z.array(PersonSchema),
    officeUnitId: id.optional(), // 办公室设在
    officeDirectors: z.array(PersonSchema).default([]),
    officeDeputies: z.array(PersonSchema).default([]),
    liaisons: z.array(PersonSchema).default([]),
    /** 工作专班 (Sishui): a task force with its own composition. */
    taskForce: z
      .object({ leaders: z.array(PersonSchema), deputyLeaders: z.array(PersonSchema), members: z.array(PersonSchema), liaisons: z.array(PersonSchema) })
      .strict()
      .optional(),
    /** What the plan says when it gives no names (e.g. "由区长任组长，分管区长任副组长"). */
    description: z.string().optional(),
  })
  .strict();

export const SubItemSchema = z
  .object({
    label: z.string().min(1), // ① ② ③ or (1) (2)
    name: z.string().min(1),
    unit: z.string().optional(),
    target: z.string().optional(),
    /** Sub-items with their own responsible units (Shinan 5(1), 5(2)…). */
    leadUnitIds: z.array(id).optional(),
    coUnitIds: z.array(id).optional(),
    provenance: provenanceOf(SUB_ITEM_PROVENANCE_FIELDS),
  })
  .strict();

export const IndicatorSchema = z
  .object({
    /** Stable code within the template: the plan's number ("1" … "35"), "C1"… for certificate-only items. */
    code: z.string().min(1),
    domain: z.enum(DOMAIN_KEYS),
    /** Task number 1–10 of the county-level system (when the plan's grouping maps to it). */
    task: z.number().int().min(1).max(10).optional(),
    /** The plan's own heading when it differs from the national task list (Shinan "（一）目标责任"). */
    section: z.string().optional(),
    name: z.string().min(1),
    description: z.string().optional(),
    subItems: z.array(SubItemSchema).default([]),
    unit: z.string().default('-'), // 单位: %, 吨标准煤/万元, -
    target: z.string().min(1), // 指标值 as written
    attribute: z.enum(['binding', 'reference']), // 约束性 / 参考性
    /** Lead units (牵头单位). Usually one; "依据职责分别牵头" gives several. */
    leadUnitIds: z.array(id).min(1),
    /**
     * How several lead units share the indicator. `split` (依据职责分别牵头, or a certificate several departments each
     * issue): every lead unit gets its own task for its part, and the indicator is met when every part is approved.
     * Absent/`single`: the first lead consolidates, the others contribute like co-units.
     */
    leadMode: z.enum(['single', 'split']).optional(),
    /**
     * How the listed units answer for the indicator (共同负责). `joint`: no lead — every listed unit (lead and co) shares
     * ONE task, any of them may submit, and every other listed unit confirms the submission before it goes to the
     * approval chain. Absent: as `leadMode` says (the first lead consolidates, or each lead its part when split).
     */
    responsibility: z.enum(['lead', 'split', 'joint']).optional(),
    coUnitIds: z.array(id).default([]), // 协办单位
    remarks: z.string().optional(), // 备注
    /** "not applicable here, certificate required" (Shinan §4): the lead unit issues a certificate. */
    applicability: z.enum(['applicable', 'certificate-only']).default('applicable'),
    /** True when the plan lacks this entry and it was built from the national county-level system. */
    derived: z.boolean().default(false),
    derivedNote: z.string().optional(),
    /** Provenance of single fields the plan does not print (a lead chosen by convention, an unmarked binding flag …). */
    provenance: provenanceOf(INDICATOR_PROVENANCE_FIELDS),
  })
  .strict();

/** When a milestone falls due. Exactly one of date / offset must be given. */
export const DueSchema = z
  .object({
    /** The date the plan states (end of day, local time). */
    date: isoDate.optional(),
    /** Relative to the campaign start when the plan states no date. */
    offset: isoDuration.optional(),
    /** The plan's own words ("5月底前", "6月中旬", "按照省生态环境厅安排部署"). */
    text: z.string().min(1),
    /** True when the plan states only an approximate date (中旬, 上旬) that was resolved to a day. */
    approximate: z.boolean().default(false),
  })
  .strict()
  .refine((d) => (d.date ? 1 : 0) + (d.offset ? 1 : 0) === 1, '日期（date）与偏移（offset）须填且只填一项 (give exactly one of date or offset)');

/** A calendar duration as offices write it: years, months, weeks, days (P1Y, P1M, P2W, P10D, P1Y6M). No time part. */
export const CALENDAR_DURATION_RE = /^P(?!$)(\d+Y)?(\d+M)?(\d+W)?(\d+D)?$/;

/**
 * The relative plan of a milestone (计划): it falls due a gap after the latest of the steps it follows
 * (`'start'` = the campaign start, or other milestones' keys), the gap counted in working days (工作日,
 * statutory holidays and 调休 from the calendar) or as a calendar duration (P1M, P1Y with calendar
 * semantics). A due date on a non-working day moves to the end of the next working day. The steps it
 * follows are also its stage order: it becomes actionable only when they are done.
 */
export const MilestonePlanSchema = z
  .object({
    after: z.array(z.union([z.literal('start'), id])).min(1),
    workingDays: z.number().int().min(0).max(2000).optional(),
    duration: z.string().regex(CALENDAR_DURATION_RE, 'expected a calendar duration such as P10D, P2W, P1M, P1Y').optional(),
    /** How the gap was derived from the plan's text and published dates. */
    basis: z.string().optional(),
  })
  .strict()
  .refine((p) => (p.workingDays !== undefined ? 1 : 0) + (p.duration !== undefined ? 1 : 0) === 1, '工作日数（workingDays）与时长（duration）须填且只填一项 (give exactly one of workingDays or duration)');

export const MilestoneSchema = z
  .object({
    key: id,
    name: z.string().min(1), // Chinese label shown to users
    taskKind: z.enum(TASK_KINDS),
    /** The plan's published date (reference data, used as is only when a campaign runs on the published schedule). */
    due: DueSchema,
    /** The relative plan a campaign lays on its own calendar (see MilestonePlanSchema). */
    plan: MilestonePlanSchema.optional(),
    /** Who does the work. Per-unit kinds fan out over `units` (all units unless listed). */
    owner: z.enum(['office', 'leader', 'units', 'technical-unit', 'experts', 'government', 'higher-authority']),
    units: z.array(id).optional(),
    required: z.boolean().default(true),
    /** The plan says this date follows the ministry's / province's schedule. */
    followsHigherAuthority: z.boolean().default(false),
    /** Quote of the plan text this milestone comes from. */
    source: z.string().optional(),
    /** Provenance: the milestone itself (`entry`, a step the plan never mentions) or its due date, owner … when not printed. */
    provenance: provenanceOf(MILESTONE_PROVENANCE_FIELDS),
  })
  .strict();

export const PhaseSchema = z
  .object({
    key: z.enum(PHASE_KEYS),
    name: z.string().min(1),
    start: isoDate.optional(),
    end: isoDate.optional(),
    /** The plan's own words for the period ("2021年4月22日—2021年5月18日"). */
    text: z.string().min(1),
    milestones: z.array(MilestoneSchema).min(1),
    provenance: provenanceOf(PHASE_PROVENANCE_FIELDS),
  })
  .strict();

export const ApprovalStepSchema = z
  .object({
    name: z.string().min(1),
    /** A role (any holder of it may act), or named users. */
    role: z.enum(ROLES).optional(),
    users: z.array(z.string().min(1)).optional(),
    /** all = 会签, any = 或签, n-of-m = at least n. */
    mode: z.enum(['all', 'any', 'n-of-m']),
    n: z.number().int().min(1).optional(),
  })
  .strict()
  .refine((s) => !!s.role !== !!(s.users && s.users.length), '须指定角色（role）或人员（users）之一 (give either role or users)')
  .refine((s) => s.mode !== 'n-of-m' || (s.n !== undefined && s.n >= 1), 'n-of-m 签批须指定 n（至少 1）(n-of-m needs n)');

export const ReminderPolicySchema = z
  .object({
    /** Reminders before the due date (working days when given in days). */
    before: z.array(isoDuration).default(['P3D', 'P1D']),
    overdueEvery: isoDuration.default('P1D'),
    escalateAfter: isoDuration.default('P3D'),
  })
  .strict();

export const KeyProjectRulesSchema = z
  .object({
    required: z.boolean(),
    periodFrom: z.number().int(),
    periodTo: z.number().int(),
    categories: z.array(z.string()),
    requirements: z.array(z.string()), // 规模、内容、投资概算、盖章…
    noProjectStatement: z.string(), // "无重点工程项目提报"说明，主要负责人签字并加盖单位公章
    milestoneKey: id.optional(),
    /** What the plan says about key projects beyond the rules (purpose, or that its annex is missing from the copy). */
    description: z.string().optional(),
  })
  .strict();

export const VetoConditionSchema = z
  .object({
    code: z.string().min(1), // "23.1" …
    text: z.string().min(1),
    leadUnitIds: z.array(id).min(1),
    coUnitIds: z.array(id).default([]),
    /** Look-back window: "近3年". */
    lookBackYears: z.number().int().min(1).default(3),
    provenance: provenanceOf(VETO_PROVENANCE_FIELDS),
  })
  .strict();

/** One outcome a unit chooses between (提报项目 vs 无重点工程项目; 未发生 vs 已发生), with what it requires. */
export const FormalityOutcomeSchema = z
  .object({
    key: id,
    label: z.string().min(1),
    /** 加盖单位公章 required for this outcome. */
    seal: z.boolean().default(false),
    /** 主要负责人签字 required for this outcome. */
    principalSignature: z.boolean().default(false),
    /** A non-empty project list (重点工程项目: 名称、规模、内容、投资概算) required; other outcomes carry none. */
    projects: z.boolean().default(false),
  })
  .strict();

/** Formalities (办理要求) a submission of a task kind must carry, as the plan states them. */
export const FormalitiesSchema = z
  .object({
    /** 加盖单位公章 required on every submission. */
    seal: z.boolean().default(false),
    /** 主要负责人签字 required on every submission. */
    principalSignature: z.boolean().default(false),
    /** A choice between outcomes (exactly one must be chosen). */
    outcomes: z.array(FormalityOutcomeSchema).min(2).optional(),
    /** Quote of the plan text the formalities come from. */
    source: z.string().optional(),
  })
  .strict();

export const KeyTaskSchema = z
  .object({
    number: z.number().int().min(1),
    title: z.string().min(1),
    section: z.string().min(1), // (一)深入完善生态文明制度 …
    content: z.string().min(1),
    unitIds: z.array(id).min(1), // 责任单位 in the order written
    indicatorCode: z.string().optional(),
    provenance: provenanceOf(KEY_TASK_PROVENANCE_FIELDS),
  })
  .strict();

/**
 * Supervision cadence (督促检查 / 调度): recurring reports that run as tasks for the life of the phases named, one task per
 * period (per unit when `owner` is `units`), each opened when its period starts — never pre-created. A period is a
 * calendar month or quarter (Beijing time); its task falls due at the end of the period's last working day, moved
 * `workingDaysBeforePeriodEnd` working days earlier. A period whose due date is fewer than `minLeadWorkingDays` working
 * days away when it would open (a phase starting late in the month, a campaign resumed late) is skipped.
 */
export const SupervisionCadenceSchema = z
  .object({
    key: id,
    /** 月度调度, 月度督查, 季度通报 … */
    name: z.string().min(1),
    taskKind: z.enum(['progress-report', 'supervision-bulletin']),
    every: z.enum(['month', 'quarter']),
    /** `units`: each responsible unit reports (all units holding an indicator unless `units` lists them); `office`: the office. */
    owner: z.enum(['units', 'office']),
    units: z.array(id).optional(),
    /** The phases whose life the cadence runs for. */
    phases: z.array(z.enum(PHASE_KEYS)).min(1),
    workingDaysBeforePeriodEnd: z.number().int().min(0).max(15).default(0),
    minLeadWorkingDays: z.number().int().min(0).max(15).default(3),
    /** The plan's words the cadence comes from (verbatim). */
    source: z.string().min(1),
    /** Provenance: the frequency, who reports, the phases or the due day when the plan does not print them. */
    provenance: provenanceOf(CADENCE_PROVENANCE_FIELDS),
  })
  .strict();

/**
 * An assessment consequence (考核/问责) as the plan states it. `escalation`: it applies to a task still owed at the second
 * escalation (督办 to the leadership group) — the escalation carries the assessment flag and these words; `matter`: it
 * applies to a matter the plan names (Jiyang's 负面清单: 破坏生态环境重大事件), never to an escalation.
 */
export const AssessmentConsequenceSchema = z
  .object({
    appliesTo: z.enum(['escalation', 'matter']),
    /** The assessment it feeds, in the plan's words (纳入全县高质量发展综合绩效考核). */
    label: z.string().min(1),
    /** The consequence in the plan's words (严格考核评分 … 实施问责; 单项最高可扣20分). */
    text: z.string().min(1),
    /** For `matter`: the matter named (破坏生态环境重大事件). */
    matter: z.string().optional(),
    /** Verbatim quote of the plan. */
    source: z.string().min(1),
    /** Provenance: what it applies to, when the plan does not say it in so many words. */
    provenance: provenanceOf(ASSESSMENT_PROVENANCE_FIELDS),
  })
  .strict();

/** 创建 (a new title) or 巩固提升 → 复核 (a won title). */
export const CAMPAIGN_KINDS = ['creation', 'consolidation'] as const;
export type CampaignKind = (typeof CAMPAIGN_KINDS)[number];

/** A name, a region, a document number: one line, no line breaks or other control characters. */
const oneLine = z.string().regex(/^[^\u0000-\u001f\u007f]*$/, '不能含换行或控制字符 (must be one line of text)');

export const CampaignTemplateSchema = z
  .object({
    id,
    name: oneLine.min(1), // 方案名称
    region: z.object({ name: oneLine, province: oneLine, city: oneLine, county: oneLine }).strict(),
    issuingAuthority: oneLine.min(1), // 发文机关
    documentNumber: oneLine.optional(), // 发文字号 (Jiyang's copy has none)
    issueDate: isoDate,
    kind: z.enum(CAMPAIGN_KINDS),
    targetLevel: z.enum(['national', 'provincial']),
    /** Indicator count the plan itself states (Lixia "30 项", Sishui "36 项", Yanzhou 35). */
    statedIndicatorCount: z.number().int().optional(),
    goal: z.string().min(1), // 总体目标 summary in the plan's words
    units: z.array(UnitSchema).min(1),
    leadershipGroup: LeadershipGroupSchema,
    indicators: z.array(IndicatorSchema),
    keyTasks: z.array(KeyTaskSchema).default([]),
    phases: z.array(PhaseSchema).min(1),
    schedule: z
      .object({
        followsHigherAuthority: z.boolean(), // 以生态环境部和省生态环境厅工作计划时间节点为准
        postponableForEmergency: z.boolean(), // 因疫情或其他突发事件…视情延后
        note: z.string().optional(),
      })
      .strict(),
    materialsList: z.object({ required: z.boolean(), description: z.string(), milestoneKey: id.optional() }).strict().optional(),
    keyProjects: KeyProjectRulesSchema.optional(),
    planCompilation: z
      .object({ stages: z.array(z.object({ key: id, name: z.string(), milestoneKey: id.optional() }).strict()) })
      .strict()
      .optional(),
    vetoConditions: z.array(VetoConditionSchema).default([]),
    publicNotice: z.object({ workingDays: z.number().int().min(1), derived: z.boolean().default(false) }).strict().optional(),
    inspectionPreparation: z.array(z.object({ key: id, name: z.string() }).strict()).default([]),
    supplements: z.object({ description: z.string(), milestoneKey: id.optional() }).strict().optional(),
    accountability: z.array(z.string()).default([]), // 考核/问责 rules in the plan's words
    /** Recurring progress reports / 督查 the plan asks for (see SupervisionCadenceSchema). */
    supervision: z.array(SupervisionCadenceSchema).optional(),
    /** Assessment consequences the plan states; none → escalations carry no assessment flag. */
    assessment: z.array(AssessmentConsequenceSchema).optional(),
    approvalChains: z.record(z.enum(TASK_KINDS), z.array(ApprovalStepSchema).min(1)).default({}),
    /** Formalities a submission of a task kind must carry (seal, principal's signature, a choice of outcomes). */
    formalities: z.record(z.enum(TASK_KINDS), FormalitiesSchema).optional(),
    /** Files a submission of a task kind must carry (支撑材料); when absent, rules/evidence DEFAULT_REQUIRED_EVIDENCE applies. */
    requiredEvidence: z.record(z.enum(TASK_KINDS), z.object({ minFiles: z.number().int().min(0), label: z.string().min(1) }).strict()).optional(),
    reminderPolicy: ReminderPolicySchema.default({}),
    /** Which seed file the template transcribes. */
    source: z.object({ file: z.string(), note: z.string().optional() }).strict().optional(),
  })
  .strict();

export type Unit = z.infer<typeof UnitSchema>;
export type Person = z.infer<typeof PersonSchema>;
export type LeadershipGroup = z.infer<typeof LeadershipGroupSchema>;
export type SubItem = z.infer<typeof SubItemSchema>;
export type Indicator = z.infer<typeof IndicatorSchema>;
export type Milestone = z.infer<typeof MilestoneSchema>;
export type MilestonePlan = z.infer<typeof MilestonePlanSchema>;
export type Phase = z.infer<typeof PhaseSchema>;
export type ApprovalStepDef = z.infer<typeof ApprovalStepSchema>;
export type ReminderPolicy = z.infer<typeof ReminderPolicySchema>;
export type VetoCondition = z.infer<typeof VetoConditionSchema>;
export type KeyTask = z.infer<typeof KeyTaskSchema>;
export type Formalities = z.infer<typeof FormalitiesSchema>;
export type FormalityOutcome = z.infer<typeof FormalityOutcomeSchema>;
export type SupervisionCadence = z.infer<typeof SupervisionCadenceSchema>;
export type AssessmentConsequence = z.infer<typeof AssessmentConsequenceSchema>;
export type CampaignTemplate = z.infer<typeof CampaignTemplateSchema>;
export type Derivation = z.infer<typeof DerivationSchema>;
/** The JSON as written in a file, before defaults are applied. */
export type CampaignTemplateInput = z.input<typeof CampaignTemplateSchema>;
