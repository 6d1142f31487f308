/**
 * Task fan-out (任务分解): the tasks a phase's milestones create when the phase activates.
 * Ids are deterministic and readable: `indicator:17`, `indicator-contribution:17:qu-tjj`,
 * `materials:qu-swj`, `veto-attestation:23.1`, `key-task:4:qu-swj`, `application:<milestoneKey>`.
 */
import type { TaskKind } from '../template/template.schema';
import { chainFor } from './approval-chain';
import type { CampaignState, IndicatorRef, MilestoneState, PhaseState, TaskOwner, TaskState } from './campaign-state';
import { unitName } from './campaign-state';

export const EXTERNAL_KINDS: readonly TaskKind[] = ['pre-review', 'public-notice', 'inspection', 'review'];
/** Kinds that always fan out one task per unit. */
export const PER_UNIT_KINDS: readonly TaskKind[] = ['unit-contacts', 'materials', 'key-projects', 'plan-comments'];
/** Kinds the `indicator` milestone creates unless the template has a milestone of its own for them. */
const INDICATOR_FAMILY: readonly TaskKind[] = ['indicator-contribution', 'certificate', 'veto-attestation'];

/** What a task is made from: its identity fields (as in TaskState), plus the lead unit for chain placeholders. */
export type TaskSeed = Pick<TaskState, 'id' | 'kind' | 'title' | 'owner' | 'unitId' | 'indicatorCode' | 'vetoCode' | 'keyTaskNumber' | 'parentTaskId' | 'required' | 'dueAt' | 'milestoneKey' | 'jointUnitIds'> & {
  /** Lead unit for `unit:@lead` chain placeholders. */
  leadUnitId?: string;
};

/** Builds a task from a seed (status open, no rounds, chain resolved). */
export function makeTask(state: CampaignState, phase: PhaseState['key'], seed: TaskSeed, now: number): TaskState {
  const task: TaskState = {
    id: seed.id,
    kind: seed.kind,
    phase,
    title: seed.title,
    owner: seed.owner,
    required: seed.required,
    external: EXTERNAL_KINDS.includes(seed.kind),
    createdAt: now,
    dueAt: seed.dueAt,
    status: 'open',
    chain: EXTERNAL_KINDS.includes(seed.kind) ? [] : chainFor(state.catalog, seed.kind, { unitId: seed.unitId, leadUnitId: seed.leadUnitId }),
    rounds: [],
    assessmentFlag: false,
    reminders: { from: now, before: 0, overdue: 0, escalation: 0 },
    deadlineChanges: [],
  };
  if (seed.milestoneKey !== undefined) task.milestoneKey = seed.milestoneKey;
  if (seed.unitId !== undefined) task.unitId = seed.unitId;
  if (seed.indicatorCode !== undefined) task.indicatorCode = seed.indicatorCode;
  if (seed.vetoCode !== undefined) task.vetoCode = seed.vetoCode;
  if (seed.keyTaskNumber !== undefined) task.keyTaskNumber = seed.keyTaskNumber;
  if (seed.parentTaskId !== undefined) task.parentTaskId = seed.parentTaskId;
  if (seed.jointUnitIds !== undefined) task.jointUnitIds = [...seed.jointUnitIds];
  return task;
}

function hasMilestoneOfKind(state: CampaignState, kind: TaskKind): boolean {
  return state.phases.some((p) => p.milestones.some((m) => m.taskKind === kind));
}

function allUnits(state: CampaignState, m: MilestoneState): string[] {
  return m.units && m.units.length ? [...m.units] : state.catalog.units.filter((u) => u.kind !== 'collective').map((u) => u.id);
}

const indicatorLabel = (i: IndicatorRef) => `指标${i.code} ${i.name}`;

/** Split-led (依据职责分别牵头) in this campaign: each lead unit has its own part task. */
export function isSplitLed(state: CampaignState, ind: IndicatorRef): boolean {
  return !!state.planRules?.splitLeads && ind.leadMode === 'split' && ind.leadUnitIds.length > 1;
}

/** Joint responsibility (共同负责) in this campaign: one task shared by every responsible unit. */
export function isJoint(ind: IndicatorRef): boolean {
  return ind.leadMode === 'joint' && ind.responsibleUnitIds.length > 1;
}

const jointLabel = (state: CampaignState, ind: IndicatorRef) => ind.responsibleUnitIds.map((u) => unitName(state, u)).join('、');

/** The id of the indicator task a unit submits: `indicator:<code>`, or `indicator:<code>:<unit>` for a lead's part. */
export function indicatorTaskId(state: CampaignState, ind: IndicatorRef, leadUnitId?: string): string {
  return isSplitLed(state, ind) ? `indicator:${ind.code}:${leadUnitId ?? ind.leadUnitIds[0]}` : `indicator:${ind.code}`;
}

/** The ids of the tasks that together meet an indicator (one, or one part per lead when split-led). */
export function indicatorTaskIds(state: CampaignState, ind: IndicatorRef): string[] {
  return isSplitLed(state, ind) ? ind.leadUnitIds.map((u) => indicatorTaskId(state, ind, u)) : [`indicator:${ind.code}`];
}

/** The ids of the certificate tasks of a certificate-only indicator (one per lead when split-led). */
export function certificateTaskIds(state: CampaignState, ind: IndicatorRef): string[] {
  return isSplitLed(state, ind) ? ind.leadUnitIds.map((u) => `certificate:${ind.code}:${u}`) : [`certificate:${ind.code}`];
}

function contributionSeeds(state: CampaignState, m: MilestoneState): Omit<TaskSeed, 'dueAt' | 'milestoneKey'>[] {
  const out: Omit<TaskSeed, 'dueAt' | 'milestoneKey'>[] = [];
  for (const ind of state.catalog.indicators) {
    if (ind.applicability !== 'applicable' || isJoint(ind)) continue; // joint: one shared task, no contributions
    const lead = ind.leadUnitIds[0];
    // Split-led: every lead submits its own part; only co-units contribute (to the first lead's part).
    const contributors = isSplitLed(state, ind) ? ind.responsibleUnitIds.filter((u) => !ind.leadUnitIds.includes(u)) : ind.responsibleUnitIds.filter((u) => u !== lead);
    for (const unitId of contributors) {
      out.push({
        id: `indicator-contribution:${ind.code}:${unitId}`,
        kind: 'indicator-contribution',
        title: `${indicatorLabel(ind)} — 协办材料（${unitName(state, unitId)}）`,
        owner: 'unit',
        unitId,
        indicatorCode: ind.code,
        parentTaskId: indicatorTaskId(state, ind),
        leadUnitId: lead,
        required: m.required && ind.attribute === 'binding',
      });
    }
  }
  return out;
}

function certificateSeeds(state: CampaignState, m: MilestoneState): Omit<TaskSeed, 'dueAt' | 'milestoneKey'>[] {
  return state.catalog.indicators
    .filter((i) => i.applicability === 'certificate-only')
    .flatMap((ind) => {
      if (isJoint(ind)) {
        return [{ id: `certificate:${ind.code}`, kind: 'certificate' as const, title: `${indicatorLabel(ind)} — 不涉及证明（共同负责：${jointLabel(state, ind)}）`, owner: 'unit' as const, unitId: ind.responsibleUnitIds[0], jointUnitIds: [...ind.responsibleUnitIds], indicatorCode: ind.code, required: m.required }];
      }
      const ids = certificateTaskIds(state, ind);
      return ids.map((id, n) => {
        const unitId = ids.length > 1 ? ind.leadUnitIds[n] : ind.leadUnitIds[0];
        return {
          id,
          kind: 'certificate' as const,
          title: `${indicatorLabel(ind)} — 不涉及证明（${unitName(state, unitId)}）`,
          owner: 'unit' as const,
          unitId,
          indicatorCode: ind.code,
          required: m.required,
        };
      });
    });
}

function vetoSeeds(state: CampaignState, m: MilestoneState): Omit<TaskSeed, 'dueAt' | 'milestoneKey'>[] {
  if (state.planRules?.vetoUnits) {
    // Every unit the plan names (牵头 and 协办, e.g. Shinan 23 "各牵头单位") attests each condition on its own task.
    return state.catalog.vetoes.flatMap((v) =>
      (v.attestingUnitIds ?? v.leadUnitIds).map((unitId) => ({
        id: `veto-attestation:${v.code}:${unitId}`,
        kind: 'veto-attestation' as const,
        title: `否决情形${v.code} 近${v.lookBackYears}年是否发生 — ${v.text.length > 40 ? v.text.slice(0, 40) + '…' : v.text}（${unitName(state, unitId)}）`,
        owner: 'unit' as const,
        unitId,
        vetoCode: v.code,
        required: m.required,
      })),
    );
  }
  return state.catalog.vetoes.map((v) => ({
    id: `veto-attestation:${v.code}`,
    kind: 'veto-attestation' as const,
    title: `否决情形${v.code} 近${v.lookBackYears}年未发生核查 — ${v.text.length > 40 ? v.text.slice(0, 40) + '…' : v.text}`,
    owner: 'unit' as const,
    unitId: v.leadUnitIds[0],
    vetoCode: v.code,
    required: m.required,
  }));
}

function singleOwner(state: CampaignState, m: MilestoneState): { owner: TaskOwner; unitId?: string } {
  if (EXTERNAL_KINDS.includes(m.taskKind)) return { owner: 'inspector' };
  switch (m.owner) {
    case 'leader':
    case 'technical-unit':
    case 'government':
    case 'experts':
      return { owner: m.owner };
    case 'units':
      if (m.units && m.units.length === 1) return { owner: 'unit', unitId: m.units[0] };
      return { owner: 'office', unitId: state.catalog.officeUnitId };
    default:
      return { owner: 'office', unitId: state.catalog.officeUnitId };
  }
}

/** The seeds (without due date) a milestone creates. */
function milestoneSeeds(state: CampaignState, m: MilestoneState): Omit<TaskSeed, 'dueAt' | 'milestoneKey'>[] {
  const perUnit = (kind: TaskKind) =>
    allUnits(state, m).map((unitId) => ({
      id: `${kind}:${unitId}`,
      kind,
      title: `${m.name}（${unitName(state, unitId)}）`,
      owner: 'unit' as const,
      unitId,
      required: m.required,
    }));
  const kind = m.taskKind;
  if (PER_UNIT_KINDS.includes(kind)) return perUnit(kind);
  switch (kind) {
    case 'indicator': {
      const out: Omit<TaskSeed, 'dueAt' | 'milestoneKey'>[] = [];
      for (const ind of state.catalog.indicators) {
        if (ind.applicability !== 'applicable') continue;
        if (isSplitLed(state, ind)) {
          // 依据职责分别牵头: each lead unit submits its own part; the indicator is met when every part is approved.
          for (const unitId of ind.leadUnitIds) {
            out.push({
              id: indicatorTaskId(state, ind, unitId),
              kind: 'indicator',
              title: `${indicatorLabel(ind)} — 分别牵头报送（${unitName(state, unitId)}）`,
              owner: 'unit',
              unitId,
              indicatorCode: ind.code,
              required: m.required && ind.attribute === 'binding',
            });
          }
          continue;
        }
        if (isJoint(ind)) {
          // 共同负责: every listed unit shares this one task; any may submit, the others confirm before approval.
          out.push({
            id: `indicator:${ind.code}`,
            kind: 'indicator',
            title: `${indicatorLabel(ind)} — 共同负责报送（${jointLabel(state, ind)}）`,
            owner: 'unit',
            unitId: ind.responsibleUnitIds[0],
            jointUnitIds: [...ind.responsibleUnitIds],
            indicatorCode: ind.code,
            required: m.required && ind.attribute === 'binding',
          });
          continue;
        }
        out.push({
          id: `indicator:${ind.code}`,
          kind: 'indicator',
          title: `${indicatorLabel(ind)} — 汇总报送`,
          owner: 'unit',
          unitId: ind.leadUnitIds[0],
          indicatorCode: ind.code,
          required: m.required && ind.attribute === 'binding',
        });
      }
      const family = INDICATOR_FAMILY.filter((k) => !hasMilestoneOfKind(state, k));
      if (family.includes('indicator-contribution')) out.push(...contributionSeeds(state, m));
      if (family.includes('certificate')) out.push(...certificateSeeds(state, m));
      if (family.includes('veto-attestation')) out.push(...vetoSeeds(state, m));
      return out;
    }
    case 'indicator-contribution':
      return contributionSeeds(state, m);
    case 'certificate':
      return certificateSeeds(state, m);
    case 'veto-attestation':
      return vetoSeeds(state, m);
    case 'key-task':
      return state.catalog.keyTasks.flatMap((k) =>
        k.unitIds.map((unitId) => ({
          id: `key-task:${k.number}:${unitId}`,
          kind: 'key-task' as const,
          title: `重点任务${k.number} ${k.title}（${unitName(state, unitId)}）`,
          owner: 'unit' as const,
          unitId,
          keyTaskNumber: k.number,
          required: m.required,
        })),
      );
    case 'inspection-prep': {
      const items = state.catalog.inspectionPreparation;
      if (!items.length) break;
      return items.map((item) => ({
        id: `inspection-prep:${item.key}`,
        kind: 'inspection-prep' as const,
        title: `${m.name} — ${item.name}`,
        owner: 'office' as const,
        unitId: state.catalog.officeUnitId,
        required: m.required,
      }));
    }
    default:
      if (m.owner === 'units' && !EXTERNAL_KINDS.includes(kind) && !(m.units && m.units.length === 1)) return perUnit(kind);
  }
  const who = singleOwner(state, m);
  return [{ id: `${kind}:${m.key}`, kind, title: m.name, owner: who.owner, unitId: who.unitId, required: m.required }];
}

/** Tasks created when `phase` activates, with ids unique against the existing tasks. */
export function buildPhaseTasks(state: CampaignState, phase: PhaseState, now: number): TaskState[] {
  const taken = state.tasks.map((t) => t.id);
  const out: TaskState[] = [];
  for (const m of phase.milestones) {
    for (const seed of milestoneSeeds(state, m)) {
      let id = seed.id;
      if (taken.includes(id)) {
        const [kind, ...rest] = seed.id.split(':');
        id = [kind, m.key, ...rest].join(':');
      }
      for (let n = 2; taken.includes(id); n++) id = `${seed.id}#${n}`;
      taken.push(id);
      const task = makeTask(state, phase.key, { ...seed, id, dueAt: m.dueAt, milestoneKey: m.key }, now);
      out.push(task);
    }
  }
  return out;
}

/** A 整改 task (`rectification:<n>`) against a unit (or the office), in `phase`. Bumps state.seq (caller clones). */
export function makeRectification(
  state: CampaignState,
  p: { phase: PhaseState['key']; unitId?: string; title: string; indicatorCode?: string; parentTaskId?: string; dueAt: number },
  now: number,
): TaskState {
  state.seq.rectification += 1;
  const owner: TaskOwner = p.unitId ? 'unit' : 'office';
  const unitId = p.unitId ?? state.catalog.officeUnitId;
  // the indicator by its name too (walkthrough: a bare 「指标17」 means nothing to the unit reading its 整改): campaigns
  // started since (planRules.rectificationIndicatorNamed); running ones keep their titles on replay
  const indicator = p.indicatorCode && state.planRules?.rectificationIndicatorNamed ? state.catalog.indicators.find((i) => i.code === p.indicatorCode) : undefined;
  const label = indicator ? `（${indicatorLabel(indicator)}）` : p.indicatorCode ? `（指标${p.indicatorCode}）` : '';
  return makeTask(
    state,
    p.phase,
    {
      id: `rectification:${state.seq.rectification}`,
      kind: 'rectification',
      title: `整改：${p.title}${label}${unitId ? `（${unitName(state, unitId)}）` : ''}`,
      owner,
      unitId,
      indicatorCode: p.indicatorCode,
      parentTaskId: p.parentTaskId,
      required: true,
      dueAt: p.dueAt,
    },
    now,
  );
}
