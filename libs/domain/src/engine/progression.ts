/**
 * Phase progression (阶段推进), campaign completion and the application gate (申报条件).
 * Helpers here mutate the state they are given: callers pass a fresh clone.
 */
import { checkApplicationGate, type GateMissing as RulesGateMissing, type IndicatorStatus } from '../rules/application-gate';
import type { PhaseKey, TaskKind } from '../template/template.schema';
import type { CampaignState, EngineEvent, PhaseState, TaskState } from './campaign-state';
import { SYSTEM_ACTOR, findTask, isLive, isSettled, unitName } from './campaign-state';
import { buildPhaseTasks, certificateTaskIds, indicatorTaskIds } from './task-factory';

export function currentPhaseState(state: CampaignState): PhaseState | undefined {
  return state.phases.find((p) => p.key === state.currentPhase && p.status === 'active');
}

/** Activates a phase: creates its tasks from its (shifted) milestones. */
export function activatePhase(state: CampaignState, phase: PhaseState, now: number, events: EngineEvent[]): void {
  phase.status = 'active';
  phase.activatedAt = now;
  state.currentPhase = phase.key;
  const tasks = buildPhaseTasks(state, phase, now);
  state.tasks.push(...tasks);
  const done = state.takeOver?.done ?? [];
  for (const t of tasks) {
    if (t.milestoneKey && done.includes(t.milestoneKey)) {
      t.status = 'approved';
      t.completedAt = now;
      t.resolution = 'taken-over';
    }
  }
  const byKind: Record<string, number> = {};
  for (const t of tasks) byKind[t.kind] = (byKind[t.kind] ?? 0) + 1;
  events.push({ action: 'tasks-created', actorId: SYSTEM_ACTOR, at: now, detail: { phase: phase.key, count: tasks.length, byKind } });
}

export function phaseTasks(state: CampaignState, phase: PhaseKey): TaskState[] {
  return state.tasks.filter((t) => t.phase === phase);
}

/** Required tasks of the phase not yet approved (or cancelled). */
export function pendingRequired(state: CampaignState, phase: PhaseKey): TaskState[] {
  return phaseTasks(state, phase).filter((t) => t.required && !isSettled(t));
}

export function finishCampaign(
  state: CampaignState,
  status: 'completed' | 'failed' | 'cancelled',
  now: number,
  by: string,
  events: EngineEvent[],
  reason?: string,
): void {
  state.status = status;
  state.finished = { status, at: now, by };
  if (reason) state.finished.reason = reason;
  if (status === 'completed') state.currentPhase = 'completed';
  events.push({ action: `campaign-${status}`, actorId: by, at: now, ...(reason ? { reason } : {}) });
}

/** Completes the active phase when its required tasks are settled, activating the next ones (possibly several). */
export function advance(state: CampaignState, now: number, events: EngineEvent[]): void {
  for (let guard = 0; guard < state.phases.length + 1; guard++) {
    if (state.status !== 'active') return;
    const phase = currentPhaseState(state);
    if (!phase || pendingRequired(state, phase.key).length) return;
    phase.status = 'completed';
    phase.completedAt = now;
    events.push({ action: 'phase-completed', actorId: SYSTEM_ACTOR, at: now, detail: { phase: phase.key } });
    moveToNextPhase(state, phase, now, events);
  }
}

/** After `phase` completed or was closed: activate the next pending phase, or complete the campaign. */
export function moveToNextPhase(state: CampaignState, phase: PhaseState, now: number, events: EngineEvent[]): void {
  const idx = state.phases.indexOf(phase);
  const next = state.phases.slice(idx + 1).find((p) => p.status === 'pending');
  if (next) activatePhase(state, next, now, events);
  else finishCampaign(state, 'completed', now, SYSTEM_ACTOR, events);
}

/** Marks a task approved outside a chain or after its last step, and settles what depends on it. */
export function completeTask(state: CampaignState, task: TaskState, now: number, events: EngineEvent[], resolution?: TaskState['resolution']): void {
  task.status = 'approved';
  task.completedAt = now;
  if (resolution) task.resolution = resolution;
  settleParents(state, task, now, events);
}

/** A settled rectification may complete the external stage it answers (the stage then counts as passed). */
export function settleParents(state: CampaignState, task: TaskState, now: number, events: EngineEvent[]): void {
  if (task.kind !== 'rectification' || !task.parentTaskId) return;
  const parent = findTask(state, task.parentTaskId);
  if (!parent || parent.status !== 'rectifying' || !parent.externalResult) return;
  const open = parent.externalResult.rectificationTaskIds.map((id) => findTask(state, id)).filter((t) => t && !isSettled(t));
  if (open.length) return;
  parent.status = 'approved';
  parent.completedAt = now;
  parent.resolution = 'rectified';
  events.push({ action: 'external-passed', taskId: parent.id, actorId: SYSTEM_ACTOR, at: now, detail: { stage: parent.kind, afterRectification: true } });
}

export function cancelTask(task: TaskState, by: string, reason: string, now: number): void {
  const round = task.rounds[task.rounds.length - 1];
  if (task.status === 'submitted' && round) {
    round.outcome = 'cancelled';
    round.closedAt = now;
  }
  task.status = 'cancelled';
  task.cancelled = { by, reason, at: now };
}

// ---------------------------------------------------------------------------------------------
// Application gate (rules in ../rules/application-gate)

export interface GateMissing extends RulesGateMissing {
  /** The task that must be approved to lift this item. */
  taskId: string;
  /** Its responsible unit. */
  unitId?: string;
  /** False while that task does not exist yet (its phase has not started): nothing to open. */
  opened?: boolean;
  /** The reason alone, in Chinese, for screens that show the item's code and name beside it (`reason` names them too). */
  why?: string;
}

export interface GateResult {
  allowed: boolean;
  missing: GateMissing[];
  /**
   * What blocks the application on veto conditions until a recorded decision lifts it (campaigns with
   * planRules.vetoFindings): 'occurred' attestations and office findings, each with the condition's text. Absent when
   * nothing blocks.
   */
  vetoBlockers?: VetoBlocker[];
  /**
   * Indicators and certificates the gate counts as met only because the office marked their step done when it took the
   * campaign over (接管): approved with nothing sent through the system, so the application dossier (申报材料包) holds
   * no file of theirs. Not a blocker (the office stated the work was done before) but said wherever the application
   * is prepared and signed, so nobody signs an empty dossier unaware. Absent when there are none.
   */
  takenOver?: GateTakenOver[];
}

/** An indicator (or not-applicable indicator's certificate) met by take-over, without material in the system. */
export interface GateTakenOver {
  kind: 'indicator' | 'certificate';
  code: string;
  name: string;
  attribute: 'binding' | 'reference';
  /** The task marked done at the take-over (the first part of a split-led indicator). */
  taskId: string;
  unitId?: string;
}

export interface VetoBlocker {
  id: string;
  vetoCode: string;
  /** The condition's text (一票否决情形). */
  condition: string;
  source: 'attestation' | 'finding';
  /** 单位申报已发生 / 办公室核查发现. */
  sourceLabel: string;
  unitId: string | null;
  unitName: string | null;
  text: string | null;
  taskId: string | null;
  by: string;
  byName: string;
  at: number;
}

/** Open (not lifted) veto blockers of the campaign, with their conditions' text. */
export function vetoBlockers(state: CampaignState): VetoBlocker[] {
  return (state.vetoBlocks ?? [])
    .filter((b) => !b.lifted)
    .map((b) => ({
      id: b.id,
      vetoCode: b.vetoCode,
      condition: state.catalog.vetoes.find((v) => v.code === b.vetoCode)?.text ?? b.vetoCode,
      source: b.source,
      sourceLabel: b.source === 'attestation' ? '单位申报已发生' : '办公室核查发现',
      unitId: b.unitId ?? null,
      unitName: b.unitId ? unitName(state, b.unitId) : null,
      text: b.text ?? null,
      taskId: b.taskId ?? null,
      by: b.by,
      byName: b.byName,
      at: b.at,
    }));
}

function createsKind(state: CampaignState, kind: TaskKind): boolean {
  return state.phases.some((p) => p.milestones.some((m) => m.taskKind === kind));
}

function gateStatus(t: TaskState | undefined): IndicatorStatus {
  if (!t) return 'open';
  if (t.status === 'approved' || t.status === 'submitted' || t.status === 'returned' || t.status === 'cancelled') return t.status;
  return 'open';
}

/**
 * 申报条件 via checkApplicationGate: every binding applicable indicator task approved, every
 * veto-attestation approved (no disqualifying condition in the look-back window), every certificate
 * approved. Items whose tasks the template never creates (no indicator / veto / certificate
 * milestone) are not checked.
 */
export function applicationGate(state: CampaignState): GateResult {
  const hasIndicator = createsKind(state, 'indicator');
  const checkVetoes = hasIndicator || createsKind(state, 'veto-attestation');
  const checkCertificates = hasIndicator || createsKind(state, 'certificate');
  const approved = (id: string) => findTask(state, id)?.status === 'approved';
  // Split-led indicators/certificates have one task per lead: met when every part is approved; the first part that
  // is not stands for the indicator (its status, task and unit are reported).
  const blockingPart = (ids: string[]) => ids.find((id) => !approved(id)) ?? ids[0];
  const vetoTask = new Map<string, string>();
  const indicatorTask = new Map<string, string>();
  const certificateTask = new Map<string, string>();
  for (const i of state.catalog.indicators) {
    if (i.applicability === 'applicable') indicatorTask.set(i.code, blockingPart(indicatorTaskIds(state, i)));
    else certificateTask.set(i.code, blockingPart(certificateTaskIds(state, i)));
  }
  const indicators = state.catalog.indicators.filter((i) => (i.applicability === 'applicable' ? hasIndicator : checkCertificates));
  const result = checkApplicationGate({
    indicators: indicators.map((i) => ({
      code: i.code,
      name: i.name,
      attribute: i.attribute,
      applicability: i.applicability,
      status: gateStatus(findTask(state, indicatorTask.get(i.code) ?? `indicator:${i.code}`)),
    })),
    vetoes: checkVetoes ? state.catalog.vetoes.map((v) => vetoGate(state, v, vetoTask)) : [],
    certificates: indicators.filter((i) => i.applicability === 'certificate-only').map((i) => ({ indicatorCode: i.code, present: approved(certificateTask.get(i.code) ?? `certificate:${i.code}`) })),
  });
  const missing = result.missing.map((m): GateMissing => {
    const taskId =
      m.kind === 'binding-indicator'
        ? (indicatorTask.get(m.code) ?? `indicator:${m.code}`)
        : m.kind === 'veto-condition'
          ? (vetoTask.get(m.code) ?? `veto-attestation:${m.code}`)
          : (certificateTask.get(m.code) ?? `certificate:${m.code}`);
    const t = findTask(state, taskId);
    const label = m.kind === 'veto-condition' ? `否决情形${m.code}「${m.name}」` : `指标${m.code}「${m.name}」`;
    const unitId = t?.unitId;
    const english = m.kind === 'binding-indicator' ? `binding indicator ${m.code} not approved` : m.kind === 'veto-condition' ? `veto condition ${m.code} not attested` : `certificate for ${m.code} missing`;
    const why = `${m.reason}${unitId ? `（${unitName(state, unitId)}）` : ''}`;
    const out: GateMissing = { ...m, taskId, opened: !!t, reason: `${label}：${why} (${english})`, why };
    if (unitId) out.unitId = unitId;
    return out;
  });
  const blockers = state.planRules?.vetoFindings ? vetoBlockers(state) : [];
  const takenOver = takenOverItems(state, indicators);
  return { allowed: result.allowed, missing, ...(blockers.length ? { vetoBlockers: blockers } : {}), ...(takenOver.length ? { takenOver } : {}) };
}

/** The gate's indicators whose every task is approved and one of them by the take-over (no material in the system). */
function takenOverItems(state: CampaignState, indicators: CampaignState['catalog']['indicators']): GateTakenOver[] {
  if (!state.takeOver?.done.length) return [];
  const out: GateTakenOver[] = [];
  for (const i of indicators) {
    const certificate = i.applicability !== 'applicable';
    const tasks = (certificate ? certificateTaskIds(state, i) : indicatorTaskIds(state, i)).map((id) => findTask(state, id));
    if (!tasks.length || tasks.some((t) => t?.status !== 'approved')) continue;
    const taken = tasks.find((t) => t?.resolution === 'taken-over');
    if (!taken) continue;
    out.push({ kind: certificate ? 'certificate' : 'indicator', code: i.code, name: i.name, attribute: i.attribute, taskId: taken.id, ...(taken.unitId ? { unitId: taken.unitId } : {}) });
  }
  return out;
}

/**
 * One veto condition in the gate. Campaigns with planRules.vetoUnits: every attesting unit's task must be approved, and
 * an attestation whose standing round reports 'occurred' (submitted or approved; a return is the office's recorded
 * decision that lifts it) bars the application, naming the units. `vetoTask` receives the task that stands for it.
 */
function vetoGate(state: CampaignState, v: CampaignState['catalog']['vetoes'][number], vetoTask: Map<string, string>) {
  if (!state.planRules?.vetoUnits) {
    return { code: v.code, text: v.text, attestedAbsent: findTask(state, `veto-attestation:${v.code}`)?.status === 'approved' };
  }
  const tasks = state.tasks.filter((t) => t.kind === 'veto-attestation' && t.vetoCode === v.code);
  if (state.planRules.vetoFindings) {
    // Blocks stand until a recorded decision lifts them, whatever happens to the attestation afterwards.
    const open = (state.vetoBlocks ?? []).filter((b) => b.vetoCode === v.code && !b.lifted);
    const attested = open.filter((b) => b.source === 'attestation');
    const standing = attested.find((b) => b.taskId)?.taskId ?? tasks.find((t) => t.status !== 'approved')?.id ?? (open.length ? tasks[0]?.id : undefined);
    if (standing) vetoTask.set(v.code, standing);
    return {
      code: v.code,
      text: v.text,
      lookBackYears: v.lookBackYears,
      attestedAbsent: tasks.length > 0 && tasks.every((t) => t.status === 'approved'),
      occurredBy: [...new Set(attested.map((b) => unitName(state, b.unitId)))],
      findings: open.filter((b) => b.source === 'finding').map((b) => `${b.text ?? ''}${b.unitId ? `（${unitName(state, b.unitId)}）` : ''}`),
    };
  }
  const occurred = tasks.filter((t) => {
    const round = t.rounds[t.rounds.length - 1];
    return round && (round.outcome === 'pending' || round.outcome === 'approved') && round.submission.formalities?.outcome === 'occurred';
  });
  const blocking = occurred[0] ?? tasks.find((t) => t.status !== 'approved');
  if (blocking) vetoTask.set(v.code, blocking.id);
  return {
    code: v.code,
    text: v.text,
    lookBackYears: v.lookBackYears,
    attestedAbsent: tasks.length > 0 && tasks.every((t) => t.status === 'approved'),
    occurredBy: occurred.map((t) => unitName(state, t.unitId)),
  };
}

/** Live tasks (open / returned / submitted). */
export function liveTasks(state: CampaignState): TaskState[] {
  return state.tasks.filter(isLive);
}
