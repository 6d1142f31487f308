/**
 * Replays the committed campaign workflow histories (test/replay/histories, recorded on the time-skipping server by
 * the workflow tests with RECORD_HISTORIES=1) against the current workflow code: any non-deterministic change to
 * workflows/ (a command added, removed or reordered for the same inputs) fails here. Needs no server.
 *
 * Re-record after an intentional, versioned change:
 *   RECORD_HISTORIES=1 npx jest --selectProjects workflow
 */
import { temporal } from '@temporalio/proto';
import { Worker, type WorkflowBundleWithSourceMap } from '@temporalio/worker';
import { bundleCampaignWorkflows } from '../../apps/worker/src/workflow-bundle';
import { readdirSync, readFileSync, statSync } from 'fs';
import { join } from 'path';

const DIR = join(__dirname, 'histories');
const FILES = readdirSync(DIR)
  .filter((f) => f.endsWith('.json'))
  .sort();

const quiet = { log() {}, info() {}, warn() {}, error: console.error, debug() {}, trace() {} };

describe('replay of recorded campaign histories', () => {
  let workflowBundle: WorkflowBundleWithSourceMap;
  beforeAll(async () => {
    workflowBundle = await bundleCampaignWorkflows(quiet as never);
  });

  it('has the recorded scenarios, each file under 2 MB', () => {
    const scenarios = new Set(FILES.map((f) => f.replace(/(\.run\d+)?\.json$/, '')));
    expect([...scenarios].sort()).toEqual(['application-gate', 'audit-anchor', 'batched-new-task-notices', 'close-phase-notices', 'continue-as-new', 'distinct-levels', 'end-notices-leaders', 'handler-persistence', 'keep-wake-timer', 'keep-wake-timer-before-deadline-notices', 'late-tasks-written-ahead', 'later-phases-after-moved-phase', 'lean-flush', 'new-liaison-notices', 'notice-wording', 'notify-stuck-signers', 'patches-before-writes', 'pause-notices', 'pause-resume', 'pause-resume-working-days', 'phase-move-keeps-done-milestones', 'plan-replan', 'plan-replan-working-days', 'plan-rules', 'replan-keeps-higher-authority-dates', 'replan-keeps-preparation-dates', 'return-transfer-add-approver', 'signoff-directory', 'sishui-full-run', 'strict-add-approver', 'supervision-cadence', 'uniform-move-working-days', 'unit-leader-sign-off', 'unreachable-signer']);
    expect(FILES.filter((f) => f.startsWith('sishui-full-run.')).length).toBeGreaterThan(3);
    for (const f of FILES) expect([f, statSync(join(DIR, f)).size < 2 * 1024 * 1024]).toEqual([f, true]);
  });

  it.each(FILES)('%s replays deterministically', async (file) => {
    // protobufjs JSON (see test/workflow/campaign-driver.ts recordHistories); eventIds come back as Longs, so the
    // replayer takes the history as is.
    const history = temporal.api.history.v1.History.fromObject(JSON.parse(readFileSync(join(DIR, file), 'utf8')));
    const events = history.events ?? [];
    const started = events[0]?.workflowExecutionStartedEventAttributes;
    expect(started?.workflowType?.name).toBe('campaignWorkflow');
    // The history is a whole run: it ends with the run closing (completed, or continued as new).
    const last = events[events.length - 1];
    expect(!!(last?.workflowExecutionCompletedEventAttributes || last?.workflowExecutionContinuedAsNewEventAttributes)).toBe(true);
    await expect(Worker.runReplayHistory({ workflowBundle, replayName: file }, history, 'campaign-replay')).resolves.toBeUndefined();
  });
});
