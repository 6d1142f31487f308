/**
 * Segregation of duties (职责分离): nobody approves a submission they made, nor one made by their own unit. Used when
 * signers are resolved (the submitter and the submitting unit's people are left out), when a decision is checked, and
 * for transfer / add-approver targets. No runtime imports: the engine's approval chains import it.
 */

/** Who submitted the round under decision. `unitId` only for a unit-owned task (the unit that owes the work). */
export interface SubmitterFacts {
  by: string;
  unitId?: string | null;
}

/** Is this person barred from deciding on that submission? */
export function isConflicted(person: { id: string; unitId?: string | null }, submission: SubmitterFacts | undefined): boolean {
  if (!submission) return false;
  if (person.id === submission.by) return true;
  return !!submission.unitId && !!person.unitId && person.unitId === submission.unitId;
}

export const SELF_APPROVAL_REASON = '不能审批本人或本单位提交的事项 (segregation of duties: you or your unit made this submission)';
