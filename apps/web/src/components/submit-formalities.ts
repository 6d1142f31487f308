import type { RequiredFormalities, SubmissionFormalities, Task } from '../api/types';

/** What the task page's 报送 form holds (the 办理要求 under `formalities`). */
export interface SubmitValues {
  comment?: string;
  value?: string;
  formalities?: {
    outcome?: string;
    seal?: boolean;
    principalSignature?: string;
    projects?: { name: string; scale?: string; content?: string; investment?: string }[];
  };
}

/** Outcome key → the plan's label (the task's own rule first). */
export function outcomeLabels(rule: RequiredFormalities | null | undefined): Record<string, string> {
  return Object.fromEntries((rule?.outcomes ?? []).map((o) => [o.key, o.label]));
}

/** What the chosen outcome (if any) adds to the kind's own requirements. */
export function needs(rule: RequiredFormalities, outcome: string | undefined) {
  const chosen = rule.outcomes.find((o) => o.key === outcome);
  return { seal: rule.seal || !!chosen?.seal, signature: rule.principalSignature || !!chosen?.principalSignature, projects: !!chosen?.projects, chosen };
}

/** The formalities a submission sends: exactly what the rule and the chosen outcome call for. */
export function formalitiesOf(rule: RequiredFormalities, v: SubmitValues['formalities'] = {}): SubmissionFormalities {
  const n = needs(rule, v.outcome);
  const out: SubmissionFormalities = {};
  if (rule.outcomes.length && v.outcome) out.outcome = v.outcome;
  if (n.seal || v.seal) out.seal = !!v.seal;
  if (n.signature && v.principalSignature?.trim()) out.principalSignature = v.principalSignature.trim();
  if (n.projects) {
    out.projects = (v.projects ?? [])
      .filter((p) => p?.name?.trim())
      .map((p) => ({
        name: p.name.trim(),
        ...(p.scale ? { scale: p.scale } : {}),
        ...(p.content ? { content: p.content } : {}),
        ...(p.investment ? { investment: p.investment } : {}),
      }));
  }
  return out;
}

/** A returned task's form starts from what was sent last time. */
export function lastFormalities(t: Task): SubmitValues['formalities'] {
  const f = t.rounds[t.rounds.length - 1]?.submission.formalities as SubmissionFormalities | undefined;
  return f ? { ...f, projects: f.projects?.map((p) => ({ ...p })) } : undefined;
}
