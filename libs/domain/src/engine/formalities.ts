/**
 * Submission formalities (办理要求) as data: a task kind may require the unit's seal (加盖单位公章), its principal's
 * signature (主要负责人签字) and a choice between outcomes (提报项目 with a project list vs a "无重点工程项目" statement;
 * a veto condition 未发生 vs 已发生). Submit validates them; a missing one is refused as 'invalid' (HTTP 400) naming the
 * field. Pure: workflows import it.
 */
import type { Formalities } from '../template/template.schema';
import type { CampaignState, SubmissionFormalities, TaskState } from './campaign-state';

export interface FormalityError {
  /** The command field at fault (`formalities.seal`, `formalities.outcome` …). */
  field: string;
  /** Chinese, then English in parentheses. */
  reason: string;
}

/** The formalities a task requires in this campaign, or undefined. */
export function formalitiesFor(state: CampaignState, task: Pick<TaskState, 'kind'>): Formalities | undefined {
  return state.catalog.formalities?.[task.kind];
}

/** The first formality a submission misses, or null when it carries all the task's kind requires. */
export function checkFormalities(rule: Formalities | undefined, given: SubmissionFormalities | undefined): FormalityError | null {
  if (!rule) return null;
  const f = given ?? {};
  let seal = rule.seal;
  let signature = rule.principalSignature;
  let projects = false;
  if (rule.outcomes?.length) {
    const keys = rule.outcomes.map((o) => o.key);
    const labels = rule.outcomes.map((o) => `「${o.label}」`).join('或'); // the choices by their words (keys in the English note)
    if (!f.outcome) return { field: 'formalities.outcome', reason: `须选择办理结果：${labels} (formalities.outcome required: one of ${keys.join(', ')})` };
    const chosen = rule.outcomes.find((o) => o.key === f.outcome);
    if (!chosen) return { field: 'formalities.outcome', reason: `办理结果「${f.outcome}」无效，应为：${labels} (formalities.outcome must be one of ${keys.join(', ')})` };
    seal = seal || chosen.seal;
    signature = signature || chosen.principalSignature;
    projects = chosen.projects;
    if (!projects && f.projects?.length) {
      return { field: 'formalities.projects', reason: `选择「${chosen.label}」时不应填报项目清单 (formalities.projects not allowed with outcome ${chosen.key})` };
    }
  }
  if (projects && !f.projects?.length) return { field: 'formalities.projects', reason: '须填报项目清单（至少一项） (formalities.projects required)' };
  if (seal && f.seal !== true) return { field: 'formalities.seal', reason: '须加盖单位公章并确认 (formalities.seal required)' };
  if (signature && !f.principalSignature?.trim()) {
    return { field: 'formalities.principalSignature', reason: '须由主要负责人签字并填写其姓名 (formalities.principalSignature required)' };
  }
  return null;
}

/**
 * Is the submission a sealed statement — does what it chose require the unit's seal or its principal's signature
 * (无重点工程项目提报, the sealed project table)? Then, under planRules.unitLeaderSigns, the unit's 分管负责人 signs it
 * first (分管负责人签字). Asked after checkFormalities let the submission through.
 */
export function isSealedStatement(
  rule: (Pick<Formalities, 'seal' | 'principalSignature'> & { outcomes?: readonly { key: string; seal?: boolean; principalSignature?: boolean }[] }) | null | undefined,
  given: Pick<SubmissionFormalities, 'outcome'> | undefined,
): boolean {
  if (!rule) return false;
  const chosen = rule.outcomes?.find((o) => o.key === given?.outcome);
  return !!(rule.seal || rule.principalSignature || chosen?.seal || chosen?.principalSignature);
}
