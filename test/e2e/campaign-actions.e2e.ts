/**
 * The office's and approvers' actions through the API on the real stack: add-approver (加签), transfer (转交),
 * deadline shift of a phase, rectification (整改), an external result in the wrong phase (409), and cancel.
 */
import { INestApplication } from '@nestjs/common';
import request from 'supertest';
import type { AppConfig } from '@eco/config';
import { beijingDateZh } from '@eco/domain';
import { bearer, ensureUsers, shutDownStack, startWorker, TestActor } from './campaign-stack';
import { binary, startApi, testConfig } from './helpers';

const office: TestActor = { id: 'a-office', name: '办公室主任', roles: ['office'] };
const deputy: TestActor = { id: 'a-deputy', name: '办公室副主任', roles: ['leader'] };
const tjj: TestActor = { id: 'a-tjj', name: '统计局联络员', roles: ['unit'], unitId: 'sx-tjj' };
const gxj: TestActor = { id: 'a-gxj', name: '工信局联络员', roles: ['unit'], unitId: 'sx-gxj' };
const inspector: TestActor = { id: 'a-inspector', name: '省厅核查组', roles: ['inspector'] };

describe('campaign actions through the API (real stack)', () => {
  let config: AppConfig;
  let app: INestApplication;
  let worker: { stop(): Promise<void> };
  const templateMilestones: Record<string, string[]> = {};
  const http = () => request(app.getHttpServer());
  const as = (a: TestActor) => ({ Authorization: bearer(config, a) });

  beforeAll(async () => {
    config = testConfig({ TEMPORAL_TASK_QUEUE: 'e2e-actions' });
    worker = await startWorker(config);
    app = await startApi(config);
    await ensureUsers(app, [office, deputy, tjj, gxj, inspector]);
    const template = (await http().get('/api/templates/sishui-2023').set(as(office))).body;
    for (const p of template.phases) templateMilestones[p.key] = p.milestones.map((m: { key: string }) => m.key);
  }, 120000);

  afterAll(async () => {
    await shutDownStack(config, app, worker);
  });

  /** A Sishui campaign of one describe, its mobilization milestones due tomorrow (no test sees another's actions). */
  const startSishui = async () => {
    const iso = new Date(Date.now() + 86400000).toISOString();
    const res = await http()
      .post('/api/campaigns')
      .set(as(office))
      .send({ templateId: 'sishui-2023', schedule: { materials: iso, 'key-projects': iso, 'work-plan-issued': iso, 'leadership-group': iso, 'plan-started': iso } });
    expect(res.status).toBe(201);
    return res.body.id as string;
  };

  describe('adding an approver (加签)', () => {
    let id: string;
    beforeAll(async () => {
      id = await startSishui();
    }, 60000);

    it('adds an approver to the waiting step (加签)', async () => {
      expect((await http().post(`/api/campaigns/${id}/tasks/materials:sx-tjj/submit`).set(as(tjj)).send({ comment: '已报送' })).status).toBe(200);
      const denied = await http().post(`/api/campaigns/${id}/tasks/materials:sx-tjj/add-approver`).set(as(tjj)).send({ userId: 'a-deputy', reason: '自己加签' });
      expect(denied.status).toBe(403);
      const r = await http().post(`/api/campaigns/${id}/tasks/materials:sx-tjj/add-approver`).set(as(office)).send({ userId: 'a-deputy', reason: '请副主任会签' });
      expect(r.status).toBe(200);
      expect(r.body.task.steps[0].signers).toContain('user:a-deputy'); // 并加签: a required place of this step
      expect(r.body.task.steps[0].added[0]).toMatchObject({ userId: 'a-deputy', userName: '办公室副主任', by: 'a-office', reason: '请副主任会签' });
    });
  });

  describe('transferring an approval place (转交)', () => {
    let id: string;
    beforeAll(async () => {
      id = await startSishui();
    }, 60000);

    it('transfers an approval place (转交); the transferee decides on behalf of the original', async () => {
      expect((await http().post(`/api/campaigns/${id}/tasks/materials:sx-gxj/submit`).set(as(gxj)).send({ comment: '已报送' })).status).toBe(200);
      const t = await http().post(`/api/campaigns/${id}/tasks/materials:sx-gxj/transfer`).set(as(office)).send({ toUserId: 'a-deputy', reason: '主任出差' });
      expect(t.status).toBe(200);
      expect(t.body.task.steps[0].transfers[0]).toMatchObject({ to: 'user:a-deputy', by: 'a-office', reason: '主任出差' });
      const ok = await http().post(`/api/campaigns/${id}/tasks/materials:sx-gxj/approve`).set(as(deputy)).send({ comment: '代为审核同意' });
      expect(ok.status).toBe(200);
      expect(ok.body.task.status).toBe('approved');
      expect(ok.body.task.steps[0].decisions[0]).toMatchObject({ by: 'a-deputy', onBehalfOf: expect.any(String) });
      const audit = await http().get(`/api/campaigns/${id}/audit?taskId=materials:sx-gxj&action=approve`).set(as(office));
      expect(audit.body).toEqual([expect.objectContaining({ outcome: 'accepted', actor: expect.objectContaining({ id: 'a-deputy' }), onBehalfOf: expect.any(String) })]);
    });
  });

  describe('shifting a phase', () => {
    let id: string;
    beforeAll(async () => {
      id = await startSishui();
    }, 60000);

    it('shifts a whole phase by seven days, with a reason', async () => {
      const before = (await http().get(`/api/campaigns/${id}/tasks/key-projects:sx-tjj`).set(as(office))).body;
      const phaseEnd = async () => Date.parse(((await http().get(`/api/campaigns/${id}`).set(as(office))).body.phases as { key: string; dueAt: string }[]).find((p) => p.key === 'mobilization')!.dueAt);
      const endBefore = await phaseEnd();
      const noReason = await http().post(`/api/campaigns/${id}/deadlines`).set(as(office)).send({ phase: 'mobilization', shiftBy: 'P7D' });
      expect(noReason.status).toBe(400);
      const r = await http().post(`/api/campaigns/${id}/deadlines`).set(as(office)).send({ phase: 'mobilization', shiftBy: 'P7D', reason: '按省厅调整后的时间节点' });
      expect(r.status).toBe(200);
      const after = (await http().get(`/api/campaigns/${id}/tasks/key-projects:sx-tjj`).set(as(office))).body;
      expect(Date.parse(after.dueAt) - Date.parse(before.dueAt)).toBe(7 * 86400000);
      // the audit names each moved task with its old and new due date and the cause
      const entry = (await http().get(`/api/campaigns/${id}/audit?action=moveDeadlines`).set(as(office))).body.at(-1);
      expect(entry).toMatchObject({ reason: '按省厅调整后的时间节点', organizationId: expect.any(String), detail: { phase: 'mobilization', cause: 'phase-move' } });
      expect(entry.detail.moved).toEqual(expect.arrayContaining([{ id: 'key-projects:sx-tjj', from: Date.parse(before.dueAt), to: Date.parse(after.dueAt) }]));
      expect(entry.detail.moved).toHaveLength(entry.detail.tasksMoved);
      const csv = (await http().get(`/api/campaigns/${id}/audit.csv?action=moveDeadlines`).set(as(office))).text;
      expect(csv).toContain('原因类别：阶段顺延');
      // …which phase moved, its old and new end (Beijing dates) and how many tasks — the row named only the new end
      const endAfter = await phaseEnd();
      expect(endAfter - endBefore).toBe(7 * 86400000);
      expect(csv).toContain(`阶段：动员部署；期限：${beijingDateZh(endBefore)}→ ${beijingDateZh(endAfter)}；调整任务：${entry.detail.tasksMoved}项`);
      // Filtered by one of the moved tasks, the trail shows the phase move (it has no task of its own): who moved it, why
      const byTask = (await http().get(`/api/campaigns/${id}/audit`).query({ taskId: 'key-projects:sx-tjj' }).set(as(office))).body as any[];
      expect(byTask.filter((e) => e.action === 'moveDeadlines')).toEqual([expect.objectContaining({ seq: entry.seq, reason: '按省厅调整后的时间节点' })]);
      // …and not by a task it did not move (a task id prefixed by a moved one's: no partial match)
      const byOther = (await http().get(`/api/campaigns/${id}/audit`).query({ taskId: 'key-projects:sx-tj' }).set(as(office))).body as any[];
      expect(byOther.filter((e) => e.action === 'moveDeadlines')).toEqual([]);
      // by the unit of a moved task too (the unit filter: its people's entries and its tasks')
      const byUnit = (await http().get(`/api/campaigns/${id}/audit`).query({ unitId: 'sx-tjj', action: 'moveDeadlines' }).set(as(office))).body as any[];
      expect(byUnit.map((e) => e.seq)).toEqual([entry.seq]);
      expect((await http().get(`/api/campaigns/${id}/audit`).query({ unitId: 'sx-nobody', action: 'moveDeadlines' }).set(as(office))).body).toEqual([]);
      const csvByTask = (await http().get(`/api/campaigns/${id}/audit.csv`).query({ taskId: 'key-projects:sx-tjj', action: 'moveDeadlines' }).set(as(office))).text;
      expect(csvByTask).toContain('按省厅调整后的时间节点');
    });
  });

  describe('rectification items (整改)', () => {
    let id: string;
    beforeAll(async () => {
      id = await startSishui();
    }, 60000);

    it('opens a rectification item against a unit (整改)', async () => {
      const r = await http().post(`/api/campaigns/${id}/rectifications`).set(as(office)).send({ unitId: 'sx-tjj', title: '统计数据口径不一致，限期整改' });
      expect(r.status).toBe(200);
      const tasks = await http().get(`/api/campaigns/${id}/tasks?kind=rectification`).set(as(tjj));
      expect(tasks.body).toEqual([expect.objectContaining({ unitId: 'sx-tjj', status: 'open', title: expect.stringContaining('统计数据口径不一致') })]);
    });
  });

  describe('external results before their stage exists', () => {
    it('refuses an external result for a stage whose task does not exist yet (404, the application phase has not started), and a unit recording one (403)', async () => {
      // a campaign of its own, still in mobilization
      const fresh = await http().post('/api/campaigns').set(as(office)).send({ templateId: 'sishui-2023' });
      expect(fresh.status).toBe(201);
      expect((await http().post(`/api/campaigns/${fresh.body.id}/external-results`).set(as(tjj)).send({ stage: 'inspection', outcome: 'passed' })).status).toBe(403);
      const r = await http().post(`/api/campaigns/${fresh.body.id}/external-results`).set(as(inspector)).send({ stage: 'inspection', outcome: 'passed' });
      expect([r.status, r.body.message]).toEqual([404, expect.stringContaining('尚无「现场核查」环节任务')]);
    });
  });

  describe('closing phases early', () => {
    let id: string;
    beforeAll(async () => {
      id = await startSishui();
    }, 60000);

    it('closes phases early with a reason, then records a passed pre-review (外部结果)', async () => {
      const noReason = await http().post(`/api/campaigns/${id}/close-phase`).set(as(office)).send({ phase: 'mobilization' });
      expect(noReason.status).toBe(400);
      expect((await http().post(`/api/campaigns/${id}/close-phase`).set(as(office)).send({ phase: 'mobilization', reason: '动员部署已完成，提前结束' })).status).toBe(200);
      expect((await http().post(`/api/campaigns/${id}/close-phase`).set(as(office)).send({ phase: 'implementation', reason: '按省厅要求提前进入申报' })).status).toBe(200);
      const c = await http().get(`/api/campaigns/${id}`).set(as(office));
      expect(c.body.phase).toBe('application');
      expect(c.body.phases.slice(0, 2).map((p: any) => p.closed?.reason)).toEqual(['动员部署已完成，提前结束', '按省厅要求提前进入申报']);
      // the audit export's 详情 says which phase closed and what it cancelled (walkthrough: the cell was empty)
      const cancelled = (await http().get(`/api/campaigns/${id}/tasks?phase=mobilization&status=cancelled`).set(as(office))).body.length;
      const csv = await http().get(`/api/campaigns/${id}/audit.csv?action=closePhase`).set(as(office)).buffer(true).parse(binary);
      expect((csv.body as Buffer).toString('utf8')).toContain(`阶段：动员部署阶段；取消未完成任务 ${cancelled} 项`);
      // Stage order: no pre-review result before the application (申报) is done — 409 naming the blocking step.
      const early = await http().post(`/api/campaigns/${id}/external-results`).set(as(inspector)).send({ stage: 'pre-review', outcome: 'passed', comment: '省厅预审通过' });
      expect(early.status).toBe(409);
      expect(early.body.message).toContain('须先完成「提报申报材料」');
    });
  });

  describe('external results after the application', () => {
    it('records a passed pre-review once the application is done (campaign taken over after its application)', async () => {
      const done = ['mobilization', 'implementation'].flatMap((k) => (templateMilestones[k] ?? []));
      const started = await http().post('/api/campaigns').set(as(office)).send({ templateId: 'sishui-2023', takeOver: true, done: [...done, 'application'] });
      expect(started.status).toBe(201);
      const other = started.body.id;
      const passedFrom = Date.now(); // the window counts from the pass (recorded after this instant)
      const r = await http().post(`/api/campaigns/${other}/external-results`).set(as(inspector)).send({ stage: 'pre-review', outcome: 'passed', comment: '省厅预审通过' });
      expect(r.status).toBe(200);
      const pre = await http().get(`/api/campaigns/${other}/tasks?kind=pre-review`).set(as(office));
      expect(pre.body[0]).toMatchObject({ status: 'approved', externalResult: expect.objectContaining({ outcome: 'passed' }) });
      // 公示: the public notice now runs for 5 working days from the pre-review's pass.
      const notice = (await http().get(`/api/campaigns/${other}/tasks?kind=public-notice`).set(as(office))).body[0];
      expect(notice.status).toBe('open');
      expect(notice.deadlineChanges.at(-1).reason).toContain('公示期5个工作日');
      // from the pass, not from the read after it: passed on a non-working day (a Sunday in Beijing), 5 working days end
      // exactly 5 days after it, and the time since the pass made it read 4.99999 days (a CI run failed so)
      const days = (Date.parse(notice.dueAt) - passedFrom) / 86400000;
      expect(days).toBeGreaterThanOrEqual(5);
      expect(days).toBeLessThan(14);
      // …at the close of that day, as every deadline (it ended at the pass's own minute: 09:51:41)
      expect(new Date(Date.parse(notice.dueAt) + 8 * 3600_000).toISOString().slice(11)).toBe('23:59:59.999Z');
    });

    it('a rectification due date given as a date alone ends that working day in Beijing (a Saturday: the Monday), not at UTC midnight', async () => {
      const done = ['mobilization', 'implementation'].flatMap((k) => (templateMilestones[k] ?? []));
      const started = await http().post('/api/campaigns').set(as(office)).send({ templateId: 'sishui-2023', takeOver: true, done: [...done, 'application'] });
      expect(started.status).toBe(201);
      const r = await http().post(`/api/campaigns/${started.body.id}/external-results`).set(as(inspector)).send({ stage: 'pre-review', outcome: 'issues', findings: [{ title: '统计口径不一致', unitId: 'sx-tjj' }], dueAt: '2027-03-06' });
      expect(r.status).toBe(200);
      const rect = (await http().get(`/api/campaigns/${started.body.id}/tasks?kind=rectification`).set(as(office))).body;
      expect(rect.map((t: any) => [t.unitId, t.dueAt])).toEqual([['sx-tjj', '2027-03-08T15:59:59.999Z']]);
    });
  });

  describe("a 整改 names the finding that opened it; the stage lists its 整改 with their status", () => {
    let id: string;
    let stageId: string;
    beforeAll(async () => {
      const done = ['mobilization', 'implementation'].flatMap((k) => (templateMilestones[k] ?? []));
      const started = await http().post('/api/campaigns').set(as(office)).send({ templateId: 'sishui-2023', takeOver: true, done: [...done, 'application'] });
      expect(started.status).toBe(201);
      id = started.body.id;
      const r = await http()
        .post(`/api/campaigns/${id}/external-results`)
        .set(as(inspector))
        .send({ stage: 'pre-review', outcome: 'issues', comment: '11月20日省厅预审意见', findings: [{ title: '统计口径不一致', unitId: 'sx-tjj' }, { title: '工业固废台账不全', unitId: 'sx-gxj' }, { title: '能耗数据未分解到季度', indicatorCode: '17' }] });
      expect(r.status).toBe(200);
      stageId = (await http().get(`/api/campaigns/${id}/tasks?kind=pre-review`).set(as(office))).body[0].id;
    }, 60000);

    it("the unit's 整改 says which stage found what, who recorded it and when — the stage's own task stays unreadable to the unit", async () => {
      const mine = (await http().get(`/api/campaigns/${id}/tasks?kind=rectification`).set(as(tjj))).body;
      expect(mine).toHaveLength(1);
      const t = await http().get(`/api/campaigns/${id}/tasks/${encodeURIComponent(mine[0].id)}`).set(as(tjj));
      expect(t.status).toBe(200);
      expect(t.body.origin).toEqual({ stageTaskId: stageId, stage: 'pre-review', stageName: '预审', finding: '统计口径不一致', recordedBy: '省厅核查组', recordedAt: expect.any(String), comment: '11月20日省厅预审意见', opinion: [] });
      expect(Math.abs(Date.parse(t.body.origin.recordedAt) - Date.now())).toBeLessThan(120000);
      const other = (await http().get(`/api/campaigns/${id}/tasks?kind=rectification`).set(as(gxj))).body[0];
      expect((await http().get(`/api/campaigns/${id}/tasks/${encodeURIComponent(other.id)}`).set(as(gxj))).body.origin.finding).toBe('工业固废台账不全');
      expect((await http().get(`/api/campaigns/${id}/tasks/${encodeURIComponent(stageId)}`).set(as(tjj))).status).toBe(404);
    });

    it("the stage's page lists each finding's 整改 in the findings' order, with its status as it changes", async () => {
      const before = (await http().get(`/api/campaigns/${id}/tasks/${encodeURIComponent(stageId)}`).set(as(inspector))).body;
      expect(before.rectifications.map((r: any) => [r.unitId, r.status])).toEqual([['sx-tjj', 'open'], ['sx-gxj', 'open'], ['sx-xjj', 'open']]);
      expect(before.rectifications.map((r: any) => r.taskId)).toEqual(before.externalResult.rectificationTaskIds);
      // each finding names the unit it went to — one recorded without a unit (指标17) its indicator's lead unit, 县新经济中心
      expect(before.externalResult.findings).toEqual([
        { title: '统计口径不一致', unitId: 'sx-tjj', routedUnitId: 'sx-tjj' },
        { title: '工业固废台账不全', unitId: 'sx-gxj', routedUnitId: 'sx-gxj' },
        { title: '能耗数据未分解到季度', indicatorCode: '17', routedUnitId: 'sx-xjj' },
      ]);
      // the audit export says it too: the finding recorded without a unit, with the unit its 整改 went to
      const csv = await http().get(`/api/campaigns/${id}/audit.csv?action=recordExternalResult`).set(as(inspector)).buffer(true).parse(binary);
      expect(csv.status).toBe(200);
      expect((csv.body as Buffer).toString('utf8')).toContain('问题：统计口径不一致（县统计局）；工业固废台账不全（县工业和信息化局）；能耗数据未分解到季度（整改单位：县新经济发展促进中心）');
      const tjjRect = before.rectifications[0].taskId;
      const sent = await http().post(`/api/campaigns/${id}/tasks/${encodeURIComponent(tjjRect)}/submit`).set(as(tjj)).send({ comment: '已统一统计口径' });
      expect(sent.status).toBe(200);
      const after = (await http().get(`/api/campaigns/${id}/tasks/${encodeURIComponent(stageId)}`).set(as(office))).body;
      expect(after.rectifications.map((r: any) => [r.unitId, r.status, r.statusLabel])).toEqual([['sx-tjj', 'submitted', expect.any(String)], ['sx-gxj', 'open', expect.any(String)], ['sx-xjj', 'open', expect.any(String)]]);
      expect(after.rectifications[0].statusLabel).not.toBe(after.rectifications[1].statusLabel);
    });

    it("核查组确认整改: after the office's review the 整改 waits for the inspector who found it; only then is it done", async () => {
      const rect = (await http().get(`/api/campaigns/${id}/tasks/${encodeURIComponent(stageId)}`).set(as(office))).body.rectifications[0].taskId;
      const path = `/api/campaigns/${id}/tasks/${encodeURIComponent(rect)}`;
      expect((await http().post(`${path}/approve`).set(as(office)).send({ comment: '材料齐全' })).status).toBe(200);
      const waiting = (await http().get(path).set(as(office))).body;
      expect(waiting.status).toBe('submitted');
      expect(waiting.waitingFor).toEqual(['user:a-inspector']);
      expect(waiting.steps.map((st: any) => st.name)).toEqual(['领导小组办公室审核', '核查组确认整改']);
      // the inspector finds it in 待办 and confirms it
      const inbox = (await http().get('/api/me/inbox').set(as(inspector))).body;
      expect((inbox.items ?? inbox).map((i: any) => i.id)).toContain(rect);
      // they confirm or return; handing the place over or adding someone is the office's (planRules.signersSignOnly)
      expect((await http().get(path).set(as(inspector))).body.actions).toEqual(['approve', 'return']);
      expect((await http().post(`${path}/transfer`).set(as(inspector)).send({ toUserId: 'a-office', reason: '出差' })).status).toBe(403);
      expect((await http().post(`${path}/approve`).set(as(inspector)).send({ comment: '经核实已整改' })).status).toBe(200);
      expect((await http().get(path).set(as(office))).body.status).toBe('approved');
    });

    it('a task of another kind carries neither', async () => {
      const t = (await http().get(`/api/campaigns/${id}/tasks/${encodeURIComponent('materials:sx-tjj')}`).set(as(office))).body;
      expect(t).not.toHaveProperty('origin');
      expect(t).not.toHaveProperty('rectifications');
    });
  });

  describe('修改后通过 through the API', () => {
    let id: string;
    beforeAll(async () => {
      id = await startSishui();
    }, 60000);

    it('an approval with changes needs them named (400); on a unit\'s materials it is refused (400: 退回 for 补正 instead), audited, and nothing recorded', async () => {
      expect((await http().post(`/api/campaigns/${id}/tasks/materials:sx-tjj/submit`).set(as(tjj)).send({ comment: '已报送' })).status).toBe(200);
      const bare = await http().post(`/api/campaigns/${id}/tasks/materials:sx-tjj/approve`).set(as(office)).send({ withChanges: true });
      expect(bare.status).toBe(400);
      expect(JSON.stringify(bare.body)).toContain('修改后通过须填写修改意见');
      expect((await http().post(`/api/campaigns/${id}/tasks/materials:sx-tjj/approve`).set(as(office)).send({ withChanges: 'yes' })).status).toBe(400);
      // 修改后通过 is an expert review's verdict (the browser's expert review records one): here the changes would go nowhere
      const here = await http().post(`/api/campaigns/${id}/tasks/materials:sx-tjj/approve`).set(as(office)).send({ withChanges: true, comment: '补充盖章页后归档' });
      expect([here.status, JSON.stringify(here.body.message)]).toEqual([400, expect.stringContaining('修改后通过仅用于专家评审；如需修改，请退回补正')]);
      const t = (await http().get(`/api/campaigns/${id}/tasks/materials:sx-tjj`).set(as(office))).body;
      expect([t.status, t.rounds.flatMap((r: any) => r.steps.flatMap((st: any) => st.decisions))]).toEqual(['submitted', []]);
      const audit = (await http().get(`/api/campaigns/${id}/audit?action=approve`).set(as(office))).body;
      expect(audit.at(-1)).toMatchObject({ outcome: 'refused', reason: expect.stringContaining('修改后通过仅用于专家评审') });
      // the office returns it for 补正, or approves it as it is
      expect((await http().post(`/api/campaigns/${id}/tasks/materials:sx-tjj/approve`).set(as(office)).send({ comment: '同意' })).status).toBe(200);
    });
  });

  describe('a consolidation campaign (巩固提升 → 复核): no 否决情形 commands', () => {
    let id: string;
    beforeAll(async () => {
      const res = await http().post('/api/campaigns').set(as(office)).send({ templateId: 'jiyang-2021', name: '济阳区巩固提升（否决情形）' });
      expect(res.status).toBe(201);
      id = res.body.id;
    }, 60000);

    afterAll(async () => {
      // nothing of it left waiting for anyone in the shared database
      if (id) await http().post(`/api/campaigns/${id}/cancel`).set(as(office)).send({ reason: '测试结束' });
    });

    it("its detail's actions list neither 记录否决情形核查发现 nor 解除否决阻断; the API refuses both with why (409), audited", async () => {
      const view = (await http().get(`/api/campaigns/${id}`).set(as(office))).body;
      expect(view.kind).toBe('consolidation');
      expect(view.actions).toEqual(['pause', 'cancel', 'closePhase', 'moveDeadlines', 'openRectification', 'urge']);
      expect((await http().get(`/api/campaigns/${id}`).set(as(deputy))).body.actions).toEqual(['pause', 'moveDeadlines', 'urge']);

      const finding = await http().post(`/api/campaigns/${id}/vetoes/23.4/findings`).set(as(office)).send({ finding: '督察通报问题未整改' });
      expect([finding.status, finding.body.message]).toEqual([409, expect.stringMatching(/^巩固提升活动不申报、没有申报条件，不能记录否决情形核查发现（仅创建活动可以）/)]);
      const lift = await http().post(`/api/campaigns/${id}/vetoes/23.4/lift`).set(as(deputy)).send({ reason: '已整改' });
      expect([lift.status, lift.body.message]).toEqual([409, expect.stringMatching(/^巩固提升活动不申报、没有申报条件，不能解除否决阻断（仅创建活动可以）/)]);
      // who may not act at all is told that first (the access policy), as on any campaign
      expect((await http().post(`/api/campaigns/${id}/vetoes/23.4/findings`).set(as(inspector)).send({ finding: '督察通报问题未整改' })).status).toBe(403);

      const audit = (await http().get(`/api/campaigns/${id}/audit?action=recordVetoFinding`).set(as(office))).body;
      expect(audit.map((e: any) => [e.outcome, e.actor.id])).toEqual([['refused', 'a-office'], ['denied', 'a-inspector']]);
      expect(audit[0].reason).toMatch(/^巩固提升活动不申报/);
      // and it still goes on: nothing of it was touched
      expect((await http().get(`/api/campaigns/${id}`).set(as(office))).body.status).toBe('active');
    });
  });

  describe('cancelling a campaign', () => {
    let id: string;
    beforeAll(async () => {
      id = await startSishui();
    }, 60000);

    it('cancels the campaign; later actions are refused', async () => {
      const r = await http().post(`/api/campaigns/${id}/cancel`).set(as(office)).send({ reason: '上级调整创建计划' });
      expect(r.status).toBe(200);
      const c = await http().get(`/api/campaigns/${id}`).set(as(office));
      expect(c.body).toMatchObject({ phase: 'cancelled', status: 'cancelled' });
      const after = await http().post(`/api/campaigns/${id}/tasks/materials:sx-gxj/submit`).set(as(gxj)).send({ comment: '资料已整理' });
      expect(after.status).toBe(409);
    });
  });
});
