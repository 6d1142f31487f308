/**
 * Segregation of duties (职责分离): nobody approves a submission they made, nor one made by their own unit. Used when
 * signers are resolved (the submitter and the submitting unit's people are left out), when a decision is checked, and
 * for transfer / add-approver targets. No runtime imports: the engine's approval chains import it.
 *
 * One exception, by what the step is: the unit's own sign-off of its statement (分管负责人签字, a step whose places are
 * `unit-leader:<unit>`) is the unit attesting its own word before anyone reviews it — its leader signs for the unit,
 * so only the submitter themselves is barred there.
 */

/** Who submitted the round under decision. `unitId` only for a unit-owned task (the unit that owes the work). */
export interface SubmitterFacts {
  by: string;
  unitId?: string | null;
}

/** The place prefix of a unit's responsible leaders (分管负责人): `unit-leader:<unitId>`. */
export const UNIT_LEADER_PLACE = 'unit-leader:';

/** Is the step the unit's own sign-off (分管负责人签字): every place it was planned with is a unit's leaders? */
export function isUnitSignOff(step: { assignees: readonly string[] } | undefined): boolean {
  return !!step && step.assignees.length > 0 && step.assignees.every((a) => a.startsWith(UNIT_LEADER_PLACE));
}

/** Is this person barred from deciding on that submission (on `step`, when the step is known)? */
export function isConflicted(person: { id: string; unitId?: string | null }, submission: SubmitterFacts | undefined, step?: { assignees: readonly string[] }): boolean {
  if (!submission) return false;
  if (person.id === submission.by) return true;
  if (isUnitSignOff(step)) return false;
  return !!submission.unitId && !!person.unitId && person.unitId === submission.unitId;
}

export const SELF_APPROVAL_REASON = '不能审批本人或本单位提交的事项 (segregation of duties: you or your unit made this submission)';
