/**
 * A lost workflow task's writes (issue 14 item 2, exactly once). The one-transaction write is a local activity: it
 * commits inside a workflow task, and that task can still be lost afterwards — the worker or Temporal killed before it
 * completed ("Workflow task not found"). Temporal retries from the last completed task, and the retried task may take
 * the Updates in another order. The chaos suite saw it once: an acknowledged action with no audit record.
 * Here the three writes of that story go to the real activity and PostgreSQL, in order:
 *   1. the lost task: action X at audit position n, projection version v (X's task moved);
 *   2. the retried task: action Y at the same position n, projection version v (Y's task moved);
 *   3. X retried by its caller and applied again: position n+1, version v+1.
 * Every action is audited exactly once, and the read model shows both moves.
 */
import { INestApplication } from '@nestjs/common';
import { randomBytes } from 'crypto';
import { DataSource } from 'typeorm';
import { CampaignActivitiesService } from '../../activities/campaign.activities';
import { AuditRepository, CampaignRepository, NotificationRepository } from '@eco/persistence';
import { auditDedupeKey, type AuditEntry, type CampaignProjection, type TaskProjection } from '@eco/contracts';
import { startApi, testConfig } from './helpers';

describe('a workflow task lost after its write: the retried task writes what the history keeps', () => {
  let app: INestApplication;
  let acts: CampaignActivitiesService;
  const campaignId = `lost-${randomBytes(4).toString('hex')}`;
  const workflowId = `campaign-${campaignId}`;
  const DUE = Date.parse('2027-03-19T15:59:59.999Z');
  const MOVED = new Date(DUE + 60_000).toISOString();

  const task = (id: string, dueAt: string): TaskProjection =>
    ({ id, kind: 'materials', phase: 'mobilization', title: id, unitId: id.split(':')[1], indicatorCode: null, status: 'open', dueAt, overdue: false, assessmentFlag: false, waitingFor: [`unit:${id.split(':')[1]}`], view: {} }) as unknown as TaskProjection;
  const projection = (version: number, tasks: TaskProjection[]): CampaignProjection =>
    ({
      campaignId, workflowId, templateId: 'sishui-2023', name: '泗水县（丢失的工作流任务）', kind: 'creation', region: '泗水县', phase: 'mobilization', status: 'active',
      paused: false, progress: {}, version, createdBy: null, snapshot: {}, tasks,
    }) as unknown as CampaignProjection;
  const moved = (updateId: string, taskId: string, position: number): AuditEntry => ({
    at: new Date().toISOString(), actor: { id: 'p-office', name: '办公室', roles: ['office'] }, action: 'moveDeadlines', outcome: 'accepted', taskId, updateId,
    comment: '演练调整', dedupeKey: auditDedupeKey(workflowId, position, updateId, 0),
  });
  const write = (audit: AuditEntry[], p: CampaignProjection) => acts.persistChanges({ campaignId, workflowId, reminders: [], audit, projection: p });

  beforeAll(async () => {
    app = await startApi(testConfig());
    acts = new CampaignActivitiesService(app.get(CampaignRepository), app.get(AuditRepository), app.get(NotificationRepository));
    await write([], projection(1, [task('materials:sx-gxj', new Date(DUE).toISOString()), task('materials:sx-tjj', new Date(DUE).toISOString())]));
  }, 60_000);

  afterAll(async () => {
    await app?.close();
  });

  it('each action has one audit record, and both moves are in the read model', async () => {
    await write([moved('upd-x', 'materials:sx-gxj', 5)], projection(2, [task('materials:sx-gxj', MOVED)])); // the lost task
    await write([moved('upd-y', 'materials:sx-tjj', 5)], projection(2, [task('materials:sx-tjj', MOVED)])); // the retried task
    await write([moved('upd-x', 'materials:sx-gxj', 6)], projection(3, [task('materials:sx-gxj', MOVED)])); // X retried

    const ds = app.get(DataSource);
    const rows: { update_id: string; n: string }[] = await ds.query(
      `SELECT update_id, count(*) AS n FROM audit_records WHERE campaign_id = $1 AND action = 'moveDeadlines' GROUP BY update_id ORDER BY update_id`,
      [campaignId],
    );
    expect(rows.map((r) => [r.update_id, Number(r.n)])).toEqual([['upd-x', 1], ['upd-y', 1]]);
    const tasks: { task_id: string; due_at: Date }[] = await ds.query(`SELECT task_id, due_at FROM campaign_tasks WHERE campaign_id = $1 ORDER BY task_id`, [campaignId]);
    expect(tasks.map((t) => [t.task_id, t.due_at.toISOString()])).toEqual([['materials:sx-gxj', MOVED], ['materials:sx-tjj', MOVED]]);
  });

  it('a system record keeps its positional key (a reminder or a phase move has no update id)', () => {
    expect(auditDedupeKey(workflowId, 7, null, 0)).toBe(`${workflowId}#7`);
    expect(auditDedupeKey(workflowId, 7, 'upd-x', 1)).toBe(`${workflowId}#upd-x#1`);
  });
});
