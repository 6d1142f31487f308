/**
 * What the access policy needs to know about a task, from either side of the system: the engine's TaskState (the
 * workflow's validators, the inbox, reminders) or the read model's TaskView (the API, which holds projected rows).
 */
import { activeStep, earlierDeciders, type StepFacts } from '../engine/approval-chain';
import type { TaskOwner, TaskState, TaskStatus } from '../engine/campaign-state';
import type { TaskView } from '../engine/views';
import type { SubmitterFacts } from './separation';

export interface TaskFacts {
  id: string;
  kind: string;
  owner: TaskOwner;
  unitId?: string;
  external: boolean;
  status: TaskStatus;
  /** The submission of the current round (when one was made). */
  submission?: SubmitterFacts;
  /** The active approval step (only while the task is submitted). */
  step?: StepFacts;
  /**
   * The places (`user:`, `role:`, `unit:` …) the task's approval chain plans for a round — who could decide on it
   * once it is in approval, whatever its state now (decisionAccess: whoever it never names is refused first).
   */
  plannedPlaces?: string[];
  /** Who signed an earlier step of the round under decision (none of them may take a place in a later one). */
  earlierSigners?: string[];
  /** The steps of the round under decision after the active one, as planned (planRules.distinctLevels: who can sign them). */
  laterSteps?: { name: string; assignees: string[] }[];
  /** Joint responsibility (共同负责): every listed unit (any may submit). */
  jointUnitIds?: string[];
  /** Joint task submitted: the listed units still to confirm the submission (the chain waits for them). */
  awaitingConfirmation?: string[];
  /**
   * 待前序环节: the milestone this task follows that is not done yet (stage order) — nobody may act on it until then.
   * Known where the whole campaign is (the read model's projection, `stageBlocks`); the validators check stage order
   * themselves and name the blocking step.
   */
  waitsFor?: string;
  /** The task this one feeds or follows from (a contribution's indicator task, a 整改's stage). */
  parentTaskId?: string;
  /**
   * The people named on the task's steps in any round, and on the chain a new round starts from: holding a place as
   * `user:<id>` (planned, or resolved as a signer when the step opened), added (加签), handed a place (转交) or having
   * decided. They read the task, after deciding too. Given by
   * the read model's facts (taskFactsFromView) only: reads are decided there (the API), never in the engine, whose
   * facts are built on every reminder, view and command and need not walk every round's steps.
   */
  namedOnSteps?: string[];
  /**
   * Every place the steps of the task's submitted rounds named, as principals (`user:`, `role:`, `unit:` …): the places
   * planned and resolved (signers), the places handed over (转交 targets) and who decided (`user:<id>`). Whoever the
   * actor counts as among them (principalsOf) still reads the task's files once the step is done (task-files.ts). Given
   * by taskFactsFromView only, like namedOnSteps.
   */
  stepPlaces?: string[];
}

/** The steps' parts that name people (the read model's StepView fits). */
interface NamingStep {
  assignees?: readonly string[];
  /** The places resolved when the step opened (`user:<id>`, `unit:<id>`). */
  signers?: readonly string[] | null;
  added?: readonly { userId: string }[];
  transfers?: readonly { to: string }[];
  decisions?: readonly { by: string }[];
}

function peopleNamed(steps: readonly NamingStep[]): string[] | undefined {
  const user = (a: string) => (a.startsWith('user:') ? [a.slice(5)] : []);
  const ids = steps.flatMap((s) => [
    ...(s.assignees ?? []).flatMap(user),
    ...(s.signers ?? []).flatMap(user), // a resolved signer is named, whether or not they decided
    ...(s.added ?? []).map((a) => a.userId),
    ...(s.transfers ?? []).flatMap((t) => user(t.to)),
    ...(s.decisions ?? []).map((d) => d.by),
  ]);
  return ids.length ? [...new Set(ids)] : undefined;
}

/** The places of these steps as principals (TaskFacts.stepPlaces). */
function placesNamed(steps: readonly NamingStep[]): string[] | undefined {
  const places = steps.flatMap((s) => [...(s.assignees ?? []), ...(s.signers ?? []), ...(s.transfers ?? []).map((t) => t.to), ...(s.decisions ?? []).map((d) => `user:${d.by}`)]);
  return places.length ? [...new Set(places)] : undefined;
}

/** The steps after the active one (same round), as planned. */
function stepsAfter(steps: readonly StepFacts[], active: StepFacts | undefined): { name: string; assignees: string[] }[] | undefined {
  if (!active) return undefined;
  const later = steps.filter((s) => s.index > active.index).map((s) => ({ name: s.name, assignees: [...s.assignees] }));
  return later.length ? later : undefined;
}

/** The people who decided in the steps before the active one (same round). */
function signersBefore(steps: readonly StepFacts[], active: StepFacts | undefined): string[] | undefined {
  if (!active) return undefined;
  const ids = earlierDeciders(steps, active);
  return ids.length ? ids : undefined;
}

function submitter(owner: TaskOwner, taskUnitId: string | undefined, s: { by: string; unitId?: string | null } | undefined): SubmitterFacts | undefined {
  if (!s) return undefined;
  // Rounds recorded before the submitter's unit was kept: a unit-owned task is submitted by its own unit.
  const unitId = s.unitId ?? (owner === 'unit' ? taskUnitId : undefined);
  return unitId ? { by: s.by, unitId } : { by: s.by };
}

/** TaskFacts.plannedPlaces of a chain (the engine's, or the read model's steps). */
function planned(chain: readonly { assignees?: readonly string[] }[]): { plannedPlaces?: string[] } {
  const places = [...new Set(chain.flatMap((s) => s.assignees ?? []))];
  return places.length ? { plannedPlaces: places } : {};
}

export function taskFacts(task: TaskState): TaskFacts {
  const last = task.rounds[task.rounds.length - 1];
  const step = activeStep(task);
  const earlierSigners = signersBefore(last?.steps ?? [], step);
  const laterSteps = stepsAfter(last?.steps ?? [], step);
  return {
    id: task.id,
    kind: task.kind,
    owner: task.owner,
    ...(task.unitId !== undefined ? { unitId: task.unitId } : {}),
    external: task.external,
    status: task.status,
    submission: submitter(task.owner, task.unitId, last?.submission),
    step,
    ...planned(task.chain),
    ...(earlierSigners ? { earlierSigners } : {}),
    ...(laterSteps ? { laterSteps } : {}),
    ...(task.jointUnitIds ? { jointUnitIds: [...task.jointUnitIds] } : {}),
    ...(task.status === 'submitted' && last?.awaitingConfirmation?.length ? { awaitingConfirmation: [...last.awaitingConfirmation] } : {}),
    ...(task.parentTaskId !== undefined ? { parentTaskId: task.parentTaskId } : {}),
  };
}

export function taskFactsFromView(view: TaskView): TaskFacts {
  // a row projected without rounds (a projection cut short; test fixtures write `view: {}`) reads as never submitted
  const rounds = view.rounds ?? [];
  const last = rounds[rounds.length - 1];
  const step = view.status === 'submitted' ? last?.steps.find((s) => s.status === 'active') : undefined;
  const earlierSigners = signersBefore(last?.steps ?? [], step);
  const laterSteps = stepsAfter(last?.steps ?? [], step);
  const namedOnSteps = peopleNamed([...(view.steps ?? []), ...rounds.flatMap((r) => r.steps ?? [])]);
  const stepPlaces = placesNamed(rounds.flatMap((r) => r.steps ?? []));
  return {
    id: view.id,
    kind: view.kind,
    owner: view.owner,
    ...(view.unitId !== undefined ? { unitId: view.unitId } : {}),
    external: view.external,
    status: view.status,
    submission: submitter(view.owner, view.unitId, last?.submission),
    step,
    ...planned(view.steps ?? []),
    ...(earlierSigners ? { earlierSigners } : {}),
    ...(laterSteps ? { laterSteps } : {}),
    ...(view.jointUnitIds ? { jointUnitIds: [...view.jointUnitIds] } : {}),
    ...(view.status === 'submitted' && last?.awaitingConfirmation?.length ? { awaitingConfirmation: [...last.awaitingConfirmation] } : {}),
    ...(view.blockedBy ? { waitsFor: view.blockedBy.milestoneKey } : {}),
    ...(view.parentTaskId !== undefined ? { parentTaskId: view.parentTaskId } : {}),
    ...(namedOnSteps ? { namedOnSteps } : {}),
    ...(stepPlaces ? { stepPlaces } : {}),
  };
}
