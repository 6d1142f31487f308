/**
 * The five seed templates, each run through every phase by the people who act in it, through the workflow's Updates:
 * unit users of the task's unit submit unit tasks (contacts, materials, indicators, contributions, comments …), the
 * office reviews, the leader signs, experts review the plan, inspectors record the external stages. Creation
 * campaigns end when the application phase completes; Jiyang (consolidation) ends when the ministry's review passes.
 */
import { TestWorkflowEnvironment } from '@temporalio/testing';
import { campaignViewQuery, campaignWorkflowId } from '@eco/contracts';
import { campaignWorkflow } from '../../workflows/campaign/campaign.workflow';
import { CampaignDriver, CountingActivities, expectOneAuditRecordPerAction, futureSchedule, officeOf, recordHistories, runHistories } from './campaign-driver';
import { loadTemplate, useTestWorker } from './workflow-env';

/**
 * How far a run may go past its bound: the check runs between loop iterations, and the run first lets the Updates in
 * flight finish (the driver sends up to 16 at once; each adds its accepted/completed events and a flush).
 */
const OVERSHOOT = 100;

/**
 * Sishui runs with a small history bound: its ~300 Updates (sent 16 at a time) then cross several continue-as-new
 * hand-overs, and each run's history stays small enough to be committed for the replay test. The others run with the
 * default bound (4000).
 */
const SEEDS: { id: string; kind: string; phases: string[]; last: string; maxHistoryEvents?: number }[] = [
  { id: 'lixia-2021', kind: 'creation', phases: ['mobilization', 'implementation', 'application'], last: 'inspection' },
  { id: 'sishui-2023', kind: 'creation', phases: ['mobilization', 'implementation', 'application'], last: 'inspection', maxHistoryEvents: 100 },
  { id: 'yanzhou-2023', kind: 'creation', phases: ['mobilization', 'implementation', 'application'], last: 'inspection' },
  { id: 'jiyang-2021', kind: 'consolidation', phases: ['monitoring', 'review'], last: 'review' },
  { id: 'shinan-2024', kind: 'creation', phases: ['mobilization', 'implementation', 'application'], last: 'inspection' },
];

describe('seed templates run to completion through Updates (time-skipping server)', () => {
  let env: TestWorkflowEnvironment;
  const taskQueue = 'seed-templates';
  const acts = new CountingActivities();

  useTestWorker(taskQueue, acts, (e) => (env = e));

  it.each(SEEDS)('$id: every phase completes, each action audited once', async (seed) => {
    const template = loadTemplate(seed.id);
    const office = officeOf(template);
    const campaignId = `seed-${seed.id}`;
    const now = await env.currentTimeMs();
    const handle = await env.client.workflow.start(campaignWorkflow, {
      taskQueue,
      workflowId: campaignWorkflowId(campaignId),
      args: [{ campaignId, template, schedule: futureSchedule(template, now), createdBy: office, searchAttributes: false, maxHistoryEvents: seed.maxHistoryEvents }],
    });
    const driver = new CampaignDriver(handle, seed.id);

    const initial = await driver.state();
    expect(initial.kind).toBe(seed.kind);
    expect(initial.phases.map((p) => p.key)).toEqual(seed.phases);
    expect(initial.phases.map((p) => p.status)).toEqual(['active', ...seed.phases.slice(1).map(() => 'pending')]);

    const final = await driver.playToEnd();
    expect(final.status).toBe('completed');
    expect(final.currentPhase).toBe('completed');
    expect(final.phases.map((p) => p.status)).toEqual(seed.phases.map(() => 'completed'));
    expect(final.tasks.filter((t) => t.required && t.status !== 'approved').map((t) => t.id)).toEqual([]);
    // Creation campaigns end with the ministry's naming (命名), recorded by the office and signed by a leader — where the
    // plan has it: Sishui's plan ends with the province's inspection and its supplements, and has no naming step.
    const namingStep = template.phases.some((p) => p.milestones.some((m) => m.taskKind === 'naming'));
    expect([seed.id, namingStep]).toEqual([seed.id, seed.kind === 'creation' && seed.id !== 'sishui-2023']);
    if (!namingStep) expect(final.tasks.filter((t) => t.kind === 'naming')).toEqual([]);
    if (namingStep) {
      const naming = final.tasks.find((t) => t.kind === 'naming');
      expect(naming).toMatchObject({ status: 'approved', phase: 'application' });
      expect(naming!.rounds.at(-1)!.steps.flatMap((st) => st.decisions.map((d) => d.as))).toEqual(expect.arrayContaining(['role:leader']));
    }
    // The last external stage passed, recorded by the inspector.
    const last = final.tasks.filter((t) => t.kind === seed.last);
    expect(last.length).toBeGreaterThan(0);
    for (const t of last) expect(t).toMatchObject({ status: 'approved', resolution: 'external-passed', externalResult: { outcome: 'passed', by: 'insp-1' } });
    const result = await handle.result();
    expect(result).toEqual({ campaignId, status: 'completed', phase: 'completed', runs: expect.any(Number) });
    const view = await handle.query(campaignViewQuery);
    expect(view.progress.approved).toBe(view.progress.total);

    // Audit trail: exactly one accepted record per accepted action, and none sent twice.
    const audit = acts.audit.filter((a) => a.campaignId === campaignId);
    expect(driver.accepted.length).toBeGreaterThan(final.tasks.length); // submit + approve(s) for most tasks
    expectOneAuditRecordPerAction(audit, driver.accepted);
    // Every key the workflow sent is stored once. The flush is a local activity, run at least once: a workflow task
    // that timed out on a loaded machine runs it again, and the audit's dedupe keys make the second write a no-op.
    const sent = acts.sentAuditKeys.filter((k) => k.startsWith(`${campaignWorkflowId(campaignId)}#`));
    expect(new Set(sent).size).toBe(audit.length);
    expect(audit.filter((a) => a.action === 'phase-completed').map((a) => a.detail?.phase)).toEqual(seed.phases);
    expect(audit.at(-1)?.action).toBe('campaign-completed');

    // The right people acted: unit tasks by users of that unit, approvals by holders of the step's place.
    const byId = new Map(final.tasks.map((t) => [t.id, t]));
    for (const a of audit.filter((x) => x.action === 'submit')) {
      const t = byId.get(a.taskId as string)!;
      if (t.owner === 'unit') expect([a.taskId, a.actor.unitId]).toEqual([a.taskId, t.unitId]);
      else expect(a.actor.roles.some((r) => r === 'office' || r === 'leader')).toBe(true);
    }
    for (const a of audit.filter((x) => x.action === 'approve')) {
      const as = String(a.detail?.as);
      if (as.startsWith('role:')) expect(a.actor.roles).toContain(as.slice(5));
      if (as.startsWith('unit:')) expect(a.actor.unitId).toBe(as.slice(5));
    }
    for (const a of audit.filter((x) => x.action === 'recordExternalResult')) expect(a.actor.roles).toEqual(['inspector']);
    // Every kind of approver the tasks' chains name (office, leader, experts, lead units …) actually signed.
    const placeKind = (place: string) => (place.startsWith('role:') ? place : `${place.split(':')[0]}:*`); // role:leader, unit:*, user:*
    const chainPlaces = new Set(final.tasks.flatMap((t) => t.chain.flatMap((st) => st.assignees.map(placeKind))));
    const signedPlaces = new Set(audit.filter((x) => x.action === 'approve').map((x) => placeKind(String(x.detail?.as))));
    expect([...signedPlaces].sort()).toEqual([...chainPlaces].sort());
    if (seed.kind === 'creation') expect(signedPlaces).toContain('role:leader');

    // The read model followed: the last projection is the completed campaign.
    const projections = acts.projections.filter((p) => p.campaignId === campaignId);
    expect(projections.at(-1)).toMatchObject({ status: 'completed', phase: 'completed' });
    const versions = projections.map((p) => p.version);
    expect(versions).toEqual([...versions].sort((a, b) => a - b));

    // History: every run under Temporal's 10,240-event warning and its bound (+ OVERSHOOT). Sishui crossed
    // several continue-as-new hand-overs with Updates in flight, and its state survived them (it completed above).
    const runs = await runHistories(env, handle.workflowId, handle.firstExecutionRunId);
    expect(result.runs).toBe(runs.length);
    for (const r of runs) expect(r.history.events!.length).toBeLessThanOrEqual(Math.min((seed.maxHistoryEvents ?? 4000) + OVERSHOOT, 10_240));
    if (seed.maxHistoryEvents) {
      expect(runs.length).toBeGreaterThan(3);
      recordHistories('sishui-full-run', runs);
    }
  });
});
