/**
 * Loads campaign templates (创建工作方案模板) from JSON files, validates them against
 * `CampaignTemplateSchema` and checks the references between their parts (unit ids, indicator
 * codes, milestone keys, phase order, dates inside phases).
 */
import { existsSync, promises as fs } from 'fs';
import * as path from 'path';
import type { ZodIssue } from 'zod';
import { CampaignTemplate, CampaignTemplateSchema, PHASE_KEYS, Person, zodIssueReason } from '@eco/domain';

export interface TemplateIssue {
  /** Field path, e.g. `indicators[3].leadUnitIds[0]` (empty for the whole document). */
  path: string;
  reason: string;
}

/** Thrown when a template file cannot be read, is not JSON, or is not a valid template. Lists every problem. */
export class TemplateValidationError extends Error {
  constructor(
    readonly file: string,
    readonly issues: TemplateIssue[],
  ) {
    super(
      `模板无效 / invalid template ${file} (${issues.length} problem${issues.length === 1 ? '' : 's'}):\n` +
        issues.map((i) => `  - ${file}: ${i.path || '(root)'}: ${i.reason}`).join('\n'),
    );
    this.name = 'TemplateValidationError';
  }
}

/** `['indicators', 3, 'leadUnitIds', 0]` → `indicators[3].leadUnitIds[0]`. */
export function formatPath(parts: ReadonlyArray<string | number>): string {
  let out = '';
  for (const p of parts) {
    if (typeof p === 'number') out += `[${p}]`;
    else out += out ? `.${p}` : p;
  }
  return out;
}

function zodIssues(issues: ZodIssue[]): TemplateIssue[] {
  const out: TemplateIssue[] = [];
  for (const issue of issues) {
    if (issue.code === 'invalid_union') {
      // Report the branch errors instead of a bare "Invalid input".
      for (const branch of issue.unionErrors) out.push(...zodIssues(branch.issues));
      continue;
    }
    const at = formatPath(issue.path);
    // zod's own words are English ("String must contain at least 1 character(s)"): said in Chinese first, as in the API's
    // other 400s (zodIssueReason keeps the schema's own Chinese words)
    const reason = issue.code === 'unrecognized_keys' ? `未知字段：${issue.keys.join('、')} (unknown field(s): ${issue.keys.join(', ')})` : zodIssueReason({ ...issue, path: [] }, at || '模板');
    out.push({ path: at, reason });
  }
  return out;
}

function isRealDate(iso: string): boolean {
  const [y, m, d] = iso.split('-').map(Number);
  const dt = new Date(Date.UTC(y, m - 1, d));
  return dt.getUTCFullYear() === y && dt.getUTCMonth() === m - 1 && dt.getUTCDate() === d;
}

/** Checks that zod cannot express: references between parts of a template and date consistency. */
export function checkReferences(t: CampaignTemplate): TemplateIssue[] {
  const issues: TemplateIssue[] = [];
  const add = (p: string, reason: string) => issues.push({ path: p, reason });

  const unitIds = new Set<string>();
  t.units.forEach((u, i) => {
    if (unitIds.has(u.id)) add(`units[${i}].id`, `duplicate unit id / 单位 id 重复: "${u.id}"`);
    unitIds.add(u.id);
  });
  const ref = (p: string, unitId: string | undefined) => {
    if (unitId !== undefined && !unitIds.has(unitId)) add(p, `unknown unit id / 未定义的单位: "${unitId}"`);
  };
  const refs = (p: string, ids: readonly string[] | undefined) => ids?.forEach((id, i) => ref(`${p}[${i}]`, id));

  t.units.forEach((u, i) => {
    if (u.members && u.kind !== 'collective') add(`units[${i}].members`, 'only collective units may list members / 只有集合单位可列成员');
    refs(`units[${i}].members`, u.members);
  });

  // Leadership group
  const lg = t.leadershipGroup;
  const people = (p: string, list: readonly Person[]) => list.forEach((person, i) => ref(`${p}[${i}].unitId`, person.unitId));
  people('leadershipGroup.leaders', lg.leaders);
  people('leadershipGroup.deputyLeaders', lg.deputyLeaders);
  people('leadershipGroup.members', lg.members);
  people('leadershipGroup.officeDirectors', lg.officeDirectors);
  people('leadershipGroup.officeDeputies', lg.officeDeputies);
  people('leadershipGroup.liaisons', lg.liaisons);
  ref('leadershipGroup.officeUnitId', lg.officeUnitId);
  if (lg.taskForce) {
    people('leadershipGroup.taskForce.leaders', lg.taskForce.leaders);
    people('leadershipGroup.taskForce.deputyLeaders', lg.taskForce.deputyLeaders);
    people('leadershipGroup.taskForce.members', lg.taskForce.members);
    people('leadershipGroup.taskForce.liaisons', lg.taskForce.liaisons);
  }

  // Indicators
  const codes = new Set<string>();
  t.indicators.forEach((ind, i) => {
    const p = `indicators[${i}]`;
    if (codes.has(ind.code)) add(`${p}.code`, `duplicate indicator code / 指标编号重复: "${ind.code}"`);
    codes.add(ind.code);
    refs(`${p}.leadUnitIds`, ind.leadUnitIds);
    refs(`${p}.coUnitIds`, ind.coUnitIds);
    ind.coUnitIds.forEach((id, j) => {
      if (ind.leadUnitIds.includes(id)) add(`${p}.coUnitIds[${j}]`, `unit is both lead and co-unit / 单位同时为牵头和协办: "${id}"`);
    });
    const labels = new Set<string>();
    ind.subItems.forEach((s, j) => {
      if (labels.has(s.label)) add(`${p}.subItems[${j}].label`, `duplicate sub-item label / 分项编号重复: "${s.label}"`);
      labels.add(s.label);
      refs(`${p}.subItems[${j}].leadUnitIds`, s.leadUnitIds);
      refs(`${p}.subItems[${j}].coUnitIds`, s.coUnitIds);
    });
    if (ind.derived && !ind.derivedNote) add(`${p}.derivedNote`, 'derived indicators need a derivedNote / 推导指标须说明来源');
  });

  // Veto conditions
  const vetoCodes = new Set<string>();
  t.vetoConditions.forEach((v, i) => {
    if (vetoCodes.has(v.code)) add(`vetoConditions[${i}].code`, `duplicate veto condition code / 否决情形编号重复: "${v.code}"`);
    vetoCodes.add(v.code);
    refs(`vetoConditions[${i}].leadUnitIds`, v.leadUnitIds);
    refs(`vetoConditions[${i}].coUnitIds`, v.coUnitIds);
  });

  // Key tasks
  const taskNumbers = new Set<number>();
  t.keyTasks.forEach((k, i) => {
    if (taskNumbers.has(k.number)) add(`keyTasks[${i}].number`, `duplicate key task number / 重点任务编号重复: ${k.number}`);
    taskNumbers.add(k.number);
    refs(`keyTasks[${i}].unitIds`, k.unitIds);
    if (k.indicatorCode !== undefined && !codes.has(k.indicatorCode)) {
      add(`keyTasks[${i}].indicatorCode`, `unknown indicator code / 未定义的指标: "${k.indicatorCode}"`);
    }
  });

  // Phases and milestones
  const milestoneKeys = new Set<string>();
  let prev: { index: number; order: number; start?: string; end?: string } | undefined;
  t.phases.forEach((ph, i) => {
    const p = `phases[${i}]`;
    const order = PHASE_KEYS.indexOf(ph.key);
    for (const f of ['start', 'end'] as const) {
      const v = ph[f];
      if (v && !isRealDate(v)) add(`${p}.${f}`, `not a calendar date / 日期不存在: ${v}`);
    }
    if (ph.start && ph.end && ph.start > ph.end) add(`${p}.end`, `phase ends (${ph.end}) before it starts (${ph.start}) / 阶段结束早于开始`);
    if (prev) {
      if (order <= prev.order) {
        add(`${p}.key`, `phase "${ph.key}" out of order or repeated after "${PHASE_KEYS[prev.order]}" (order: ${PHASE_KEYS.join(' → ')}) / 阶段顺序错误`);
      }
      if (ph.start && prev.start && ph.start < prev.start) {
        add(`${p}.start`, `phase starts (${ph.start}) before the previous phase starts (${prev.start}) / 阶段开始早于上一阶段`);
      }
      if (ph.end && prev.end && ph.end < prev.end) {
        add(`${p}.end`, `phase ends (${ph.end}) before the previous phase ends (${prev.end}) / 阶段结束早于上一阶段`);
      }
    }
    prev = { index: i, order, start: ph.start, end: ph.end };

    ph.milestones.forEach((m, j) => {
      const mp = `${p}.milestones[${j}]`;
      if (milestoneKeys.has(m.key)) add(`${mp}.key`, `duplicate milestone key / 里程碑 key 重复: "${m.key}"`);
      milestoneKeys.add(m.key);
      refs(`${mp}.units`, m.units);
      // Provenance (templates transcribing a plan, i.e. with a source file): a due date the plan does not print (an
      // offset from the start, a day resolved from 中旬/上旬) is derived.
      if (t.source && (m.due.offset || m.due.approximate) && !m.provenance?.due) {
        add(`${mp}.provenance.due`, `due ${m.due.offset ? `offset ${m.due.offset}` : `${m.due.date} (approximate)`} is not printed in the plan: mark it derived with a reason / 方案未写明的日期须标注推定依据`);
      }
      // A step the plan never mentions (derived entry) cannot hold the campaign up: it is optional.
      if (m.provenance?.entry && m.required) {
        add(`${mp}.required`, 'a milestone the plan does not mention (provenance.entry derived) must be optional (required: false) / 方案未载明的推定节点须为非必需');
      }
      const d = m.due.date;
      if (d) {
        if (!isRealDate(d)) add(`${mp}.due.date`, `not a calendar date / 日期不存在: ${d}`);
        if (ph.start && d < ph.start) add(`${mp}.due.date`, `${d} is before its phase starts (${ph.start}) / 早于所在阶段开始`);
        // Naming (命名) is the ministry's act on its own schedule: a plan's goal date for it may lie past the phase.
        const ministrySchedule = m.taskKind === 'naming' && m.followsHigherAuthority;
        if (ph.end && d > ph.end && !ministrySchedule) add(`${mp}.due.date`, `${d} is after its phase ends (${ph.end}) / 晚于所在阶段结束`);
      }
    });
  });
  if (!isRealDate(t.issueDate)) add('issueDate', `not a calendar date / 日期不存在: ${t.issueDate}`);

  // Keys that point at milestones
  const milestoneRef = (p: string, key: string | undefined) => {
    if (key !== undefined && !milestoneKeys.has(key)) add(p, `unknown milestone key / 未定义的里程碑: "${key}"`);
  };
  // Relative plans: the steps a milestone follows exist, and following them never loops back.
  const after = new Map<string, string[]>();
  t.phases.forEach((ph, i) =>
    ph.milestones.forEach((m, j) => {
      if (!m.plan) return;
      after.set(m.key, m.plan.after.filter((a) => a !== 'start'));
      m.plan.after.forEach((a, k) => {
        if (a === m.key) add(`phases[${i}].milestones[${j}].plan.after[${k}]`, `a milestone cannot follow itself / 节点不能依赖自身: "${a}"`);
        else if (a !== 'start') milestoneRef(`phases[${i}].milestones[${j}].plan.after[${k}]`, a);
      });
    }),
  );
  const visiting = new Set<string>();
  const done = new Set<string>();
  const cycle = (key: string, trail: string[]): string[] | null => {
    if (done.has(key)) return null;
    if (visiting.has(key)) return [...trail, key];
    visiting.add(key);
    for (const d of after.get(key) ?? []) {
      const c = cycle(d, [...trail, key]);
      if (c) return c;
    }
    visiting.delete(key);
    done.add(key);
    return null;
  };
  for (const key of after.keys()) {
    const c = cycle(key, []);
    if (c) {
      add('phases', `plan dependencies form a cycle / 节点依赖成环: ${c.join(' → ')}`);
      break;
    }
  }
  milestoneRef('materialsList.milestoneKey', t.materialsList?.milestoneKey);
  milestoneRef('keyProjects.milestoneKey', t.keyProjects?.milestoneKey);
  milestoneRef('supplements.milestoneKey', t.supplements?.milestoneKey);
  const stageKeys = new Set<string>();
  t.planCompilation?.stages.forEach((s, i) => {
    if (stageKeys.has(s.key)) add(`planCompilation.stages[${i}].key`, `duplicate stage key / 规划编制环节 key 重复: "${s.key}"`);
    stageKeys.add(s.key);
    milestoneRef(`planCompilation.stages[${i}].milestoneKey`, s.milestoneKey);
  });
  const prepKeys = new Set<string>();
  t.inspectionPreparation.forEach((s, i) => {
    if (prepKeys.has(s.key)) add(`inspectionPreparation[${i}].key`, `duplicate key / key 重复: "${s.key}"`);
    prepKeys.add(s.key);
  });
  if (t.keyProjects && t.keyProjects.periodFrom > t.keyProjects.periodTo) {
    add('keyProjects.periodTo', `period ends (${t.keyProjects.periodTo}) before it starts (${t.keyProjects.periodFrom}) / 项目期间起止颠倒`);
  }
  return issues;
}

/**
 * Validates parsed JSON as a campaign template. `sourceName` (usually the file path) names the
 * source in error messages. Throws `TemplateValidationError` listing every problem.
 */
export function parseTemplate(json: unknown, sourceName: string): CampaignTemplate {
  const result = CampaignTemplateSchema.safeParse(json);
  if (!result.success) throw new TemplateValidationError(sourceName, zodIssues(result.error.issues));
  const issues = checkReferences(result.data);
  if (issues.length) throw new TemplateValidationError(sourceName, issues);
  return result.data;
}

/** Reads, parses and validates one template file. */
export async function loadTemplateFile(filePath: string): Promise<CampaignTemplate> {
  let text: string;
  try {
    text = await fs.readFile(filePath, 'utf8');
  } catch (err) {
    throw new TemplateValidationError(filePath, [{ path: '', reason: `cannot read file / 无法读取文件: ${(err as Error).message}` }]);
  }
  let json: unknown;
  try {
    json = JSON.parse(text.charCodeAt(0) === 0xfeff ? text.slice(1) : text);
  } catch (err) {
    throw new TemplateValidationError(filePath, [{ path: '', reason: `invalid JSON / JSON 格式错误: ${(err as Error).message}` }]);
  }
  return parseTemplate(json, filePath);
}

/**
 * The folder holding the built-in templates. From source (ts-jest) this is `../data`; compiled
 * code lives in `dist/libs/templates/src/` while the data stays in `libs/templates/data/`.
 */
export function builtInTemplateDir(): string {
  const candidates = [path.resolve(__dirname, '../data'), path.resolve(__dirname, '../../../../libs/templates/data')];
  const found = candidates.find((c) => existsSync(c));
  if (!found) throw new Error(`built-in template folder not found / 未找到模板目录; looked in: ${candidates.join(', ')}`);
  return found;
}

/** Loads every `*.json` in the built-in data folder (or `dir`), sorted by file name. Fails on the first invalid file. */
export async function loadBuiltInTemplates(dir: string = builtInTemplateDir()): Promise<CampaignTemplate[]> {
  const files = (await fs.readdir(dir)).filter((f) => f.endsWith('.json')).sort();
  const templates: CampaignTemplate[] = [];
  for (const f of files) templates.push(await loadTemplateFile(path.join(dir, f)));
  const seen = new Map<string, string>();
  for (const [i, t] of templates.entries()) {
    const other = seen.get(t.id);
    if (other) throw new TemplateValidationError(path.join(dir, files[i]), [{ path: 'id', reason: `template id "${t.id}" already used by ${other} / 模板 id 重复` }]);
    seen.set(t.id, files[i]);
  }
  return templates;
}

/** Loaded templates by id. */
export class TemplateRegistry {
  private readonly byId = new Map<string, CampaignTemplate>();

  constructor(templates: Iterable<CampaignTemplate> = []) {
    for (const t of templates) this.add(t);
  }

  /** Adds a template; a second template with the same id is an error. */
  add(template: CampaignTemplate): void {
    if (this.byId.has(template.id)) throw new Error(`template "${template.id}" is already registered / 模板已存在`);
    this.byId.set(template.id, template);
  }

  get(id: string): CampaignTemplate | undefined {
    return this.byId.get(id);
  }

  has(id: string): boolean {
    return this.byId.has(id);
  }

  /** All templates, sorted by id. */
  list(): CampaignTemplate[] {
    return [...this.byId.values()].sort((a, b) => a.id.localeCompare(b.id));
  }

  static async loadBuiltIn(dir?: string): Promise<TemplateRegistry> {
    return new TemplateRegistry(await loadBuiltInTemplates(dir));
  }
}
