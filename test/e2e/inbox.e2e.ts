/**
 * 我的待办 filtered and paged by the server (GET /api/me/inbox): a 兖州区 campaign per describe (indicator 3 jointly owned
 * by 区政府办 and 生态环境分局, so no test depends on another's submits) with real logins, a real worker and PostgreSQL. Each item says what it needs (报送 / 补正 /
 * 确认 / 审批 / 会签); the need, campaign and overdue filters and the pages are the server's; the single task read says
 * which actions the caller may take (a joint submission: only the other unit may confirm it).
 */
import { INestApplication } from '@nestjs/common';
import request from 'supertest';
import { DataSource } from 'typeorm';
import { ensureUsers, eventually, startWorker, TestActor } from './campaign-stack';
import { startApi, testConfig, uniqueName } from './helpers';

const person = (role: string, name: string, unitId?: string): TestActor => ({ id: uniqueName(`ib-${role}`), name, roles: [role], ...(unitId ? { unitId } : {}) });
const office = person('office', '办公室科员');
const zfb = person('unit', '区政府办联络员', 'yz-zfb');
const sthj = person('unit', '生态环境分局联络员', 'yz-sthj');
const leader = person('leader', '分管副区长');

describe('我的待办: filters and pages on the server', () => {
  let app: INestApplication;
  let worker: { stop(): Promise<void> };
  const tokens = new Map<string, string>();
  const http = () => request(app.getHttpServer());
  const as = (a: TestActor) => ({ Authorization: `Bearer ${tokens.get(a.id)}` });
  const post = (a: TestActor, path: string, body: Record<string, unknown> = {}) => http().post(path).set(as(a)).send(body);
  const inbox = async (id: string, a: TestActor, query: Record<string, string | number> = {}) => {
    const res = await http().get('/api/me/inbox').query({ campaignId: id, ...query }).set(as(a));
    expect([res.status, res.body.message]).toEqual([200, undefined]);
    return res.body as { total: number; limit: number; offset: number; counts: Record<string, number>; items: { id: string; campaignId: string; need: string; dueAt: string; overdue: boolean }[] };
  };
  const task = (id: string, taskId: string) => `/api/campaigns/${id}/tasks/${encodeURIComponent(taskId)}`;
  /** The 兖州区 campaign of one describe: taken over after its first milestones, indicator 3 jointly owned. */
  const startYanzhou = async () => {
    const res = await post(office, '/api/campaigns', { templateId: 'yanzhou-2023', takeOver: true, done: ['work-plan-issued', 'leadership-group'], responsibility: { '3': { mode: 'joint' } } });
    expect(res.status).toBe(201);
    const id = res.body.id as string;
    await eventually(() => http().get(task(id, 'indicator:3')).set(as(office)), (r) => r.status === 200, 60000);
    return id;
  };

  beforeAll(async () => {
    const config = testConfig({ TEMPORAL_TASK_QUEUE: 'e2e-inbox' });
    worker = await startWorker(config);
    app = await startApi(config);
    const all = [office, zfb, sthj, leader];
    const password = await ensureUsers(app, all);
    for (const u of all) {
      const res = await http().post('/api/auth/login').send({ username: u.id, password });
      expect(res.status).toBe(200);
      tokens.set(u.id, res.body.accessToken);
    }
  }, 180000);

  afterAll(async () => {
    await app?.close();
    await worker?.stop();
  });

  describe('paging an untouched campaign', () => {
    let id: string;
    beforeAll(async () => {
      id = await startYanzhou();
    }, 120000);

    it('pages a unit’s inbox in due-date order: every item once, counts per need, only the named campaign', async () => {
      const whole = await inbox(id, sthj, { limit: 200 });
      expect(whole.total).toBeGreaterThan(3);
      expect(whole.counts.all).toBe(whole.total);
      expect(whole.counts.submit).toBe(whole.total); // nothing submitted yet: everything needs 报送
      expect(whole.items.every((t) => t.campaignId === id && t.need === 'submit')).toBe(true);
      const dues = whole.items.map((t) => Date.parse(t.dueAt));
      expect(dues).toEqual([...dues].sort((a, b) => a - b));

      const seen: string[] = [];
      for (let offset = 0; offset < whole.total; offset += 2) {
        const page = await inbox(id, sthj, { limit: 2, offset });
        expect(page).toMatchObject({ total: whole.total, limit: 2, offset });
        expect(page.items.length).toBe(Math.min(2, whole.total - offset));
        seen.push(...page.items.map((t) => t.id));
      }
      expect(seen).toEqual(whole.items.map((t) => t.id));
      expect((await inbox(id, sthj, { limit: 2, offset: whole.total })).items).toEqual([]);

      const overdue = await inbox(id, sthj, { overdue: 'true', limit: 200 });
      const onTime = await inbox(id, sthj, { overdue: 'false', limit: 200 });
      expect(overdue.total + onTime.total).toBe(whole.total);
      expect(overdue.total).toBe(whole.counts.overdue);
      expect(overdue.items.every((t) => t.overdue)).toBe(true);

      // Another campaign id: nothing of this one.
      expect((await http().get('/api/me/inbox').query({ campaignId: 'no-such-campaign' }).set(as(sthj))).body).toMatchObject({ total: 0, items: [] });
    });

    it('a leader\'s 我的待办 holds what waits for their signature, not the office\'s work to send (the office\'s does)', async () => {
      // A Sishui campaign just started: 成立领导小组, 印发工作方案 (the government's) and 启动规划编制 are the office's to send.
      const res = await post(office, '/api/campaigns', { templateId: 'sishui-2023' });
      expect(res.status).toBe(201);
      const sishui = res.body.id as string;
      await eventually(() => http().get(task(sishui, 'work-plan-issued:work-plan-issued')).set(as(office)), (r) => r.status === 200, 60000);
      const offices = await inbox(sishui, office, { limit: 200 });
      expect(offices.items.map((i) => i.id)).toEqual(expect.arrayContaining(['work-plan-issued:work-plan-issued', 'leadership-group:leadership-group']));
      const mine = await inbox(sishui, leader, { limit: 200 });
      expect(mine.items).toEqual([]);

      // Rows projected under the earlier rule (role:leader beside role:office) are brought to it by a migration.
      const ds = app.get(DataSource);
      const row = `campaign_id = $1 AND task_id = 'work-plan-issued:work-plan-issued'`;
      await ds.query(`UPDATE campaign_tasks SET waiting_for = '{role:office,role:leader}', view = jsonb_set(view, '{waitingFor}', '["role:office","role:leader"]') WHERE ${row}`, [sishui]);
      expect((await inbox(sishui, leader, { limit: 200 })).items.map((i) => i.id)).toEqual(['work-plan-issued:work-plan-issued']);
      const stamp = async () => ((await ds.query('SELECT updated_at FROM campaigns WHERE id = $1', [sishui])) as { updated_at: Date }[])[0].updated_at.getTime();
      const stampBefore = await stamp();
      const migration = ds.migrations.find((m) => m.name === 'OfficeWorkWaitsForOffice1796380000000')!;
      const runner = ds.createQueryRunner();
      try {
        await migration.up(runner);
      } finally {
        await runner.release();
      }
      expect((await inbox(sishui, leader, { limit: 200 })).items).toEqual([]);
      expect(await stamp()).toBeGreaterThan(stampBefore); // cached answers of the campaign's old state are not served
      const [fixed] = await ds.query(`SELECT waiting_for, view->'waitingFor' AS view_waiting FROM campaign_tasks WHERE ${row}`, [sishui]);
      expect(fixed).toEqual({ waiting_for: ['role:office'], view_waiting: ['role:office'] });
      expect((await inbox(sishui, office, { limit: 200 })).items.map((i) => i.id)).toContain('work-plan-issued:work-plan-issued');
    });
  });

  describe('a joint submission through 确认, 审批 and 补正', () => {
    let id: string;
    beforeAll(async () => {
      id = await startYanzhou();
    }, 120000);

    it('a joint submission needs 确认 from the other unit only; then 审批 for the office; a return needs 补正 from the submitter', async () => {
      const pdf = Buffer.from('%PDF-1.7\n% 党委政府部署情况\n%%EOF\n');
      const up = await http().post(`${task(id, 'indicator:3')}/files`).set(as(sthj)).attach('files', pdf, { filename: '部署情况说明.pdf', contentType: 'application/pdf' });
      expect(up.status).toBe(201);
      expect((await http().get(task(id, 'indicator:3')).set(as(sthj))).body.actions).toEqual(['submit']);
      expect((await post(sthj, `${task(id, 'indicator:3')}/submit`, { comment: '两单位联合报送', files: [up.body[0].id] })).status).toBe(200);

      const confirm = await inbox(id, zfb, { need: 'confirm' });
      expect(confirm.items.map((t) => [t.id, t.need])).toEqual([['indicator:3', 'confirm']]);
      expect(confirm.counts.confirm).toBe(1);
      expect((await inbox(id, sthj, { need: 'confirm' })).total).toBe(0);
      expect((await inbox(id, zfb, { need: 'submit' })).items.map((t) => t.id)).not.toContain('indicator:3');
      // The task read names the one action each may take now.
      expect((await http().get(task(id, 'indicator:3')).set(as(zfb))).body.actions).toEqual(['confirmJoint']);
      expect((await http().get(task(id, 'indicator:3')).set(as(sthj))).body.actions).toEqual([]);
      const awaiting = (await http().get(task(id, 'indicator:3')).set(as(office))).body;
      expect(awaiting.actions).toEqual(['moveDeadlines', 'urge']); // nothing to decide yet: only 调整期限 and 催办
      expect([awaiting.status, awaiting.statusLabel]).toEqual(['submitted', '待共同负责单位确认']); // not 审批中: nobody reviews it yet

      expect((await post(zfb, `${task(id, 'indicator:3')}/confirm`, { comment: '已核对，同意' })).status).toBe(200);
      const approvals = await eventually(() => inbox(id, office, { need: 'approve', limit: 200 }), (b) => b.items.some((t) => t.id === 'indicator:3'));
      expect(approvals.items.every((t) => t.need === 'approve')).toBe(true);
      expect((await inbox(id, office, { need: 'countersign', limit: 200 })).items.map((t) => t.id)).not.toContain('indicator:3');
      const read = (await http().get(task(id, 'indicator:3')).set(as(office))).body;
      expect(read.actions).toEqual(expect.arrayContaining(['approve', 'return']));
      expect(read.statusLabel).toBe('审批中');
      // Both units of the joint task are named, also once neither is waited for (not their raw ids on the screen).
      expect(read.jointUnitIds).toEqual(expect.arrayContaining(['yz-zfb', 'yz-sthj']));
      for (const u of read.jointUnitIds as string[]) expect(read.names[`unit:${u}`]).toMatch(/[\u4e00-\u9fa5]/);

      expect((await post(office, `${task(id, 'indicator:3')}/return`, { reason: '请补充部署文件的印发稿' })).status).toBe(200);
      const correct = await inbox(id, sthj, { need: 'correct' });
      expect(correct.items.map((t) => [t.id, t.need])).toEqual([['indicator:3', 'correct']]);
      expect((await inbox(id, zfb, { need: 'correct' })).items.map((t) => t.id)).toEqual(['indicator:3']); // either listed unit resubmits
    });
  });

  describe('a campaign paused, then ended (终止)', () => {
    it('a paused campaign\'s work stays in 我的待办; once it is ended, nobody\'s 待办 lists it (its rows keep their status)', async () => {
      const id = await startYanzhou();
      const before = await inbox(id, sthj, { limit: 200 });
      expect(before.total).toBeGreaterThan(3);
      // What the unit is told, as the office's 催办与督办记录 lists it (this file's accounts belong to no organization, so
      // nobody receives them in-app: the outbox is what the campaign said, and to whom)
      const told = async () =>
        ((await http().get(`/api/campaigns/${id}/reminders`).query({ unitId: 'yz-sthj', level: 'notice', limit: 1000 }).set(as(office))).body.items as { recipients: string[]; message: string }[])
          .filter((n) => n.recipients.includes('unit:yz-sthj'))
          .map((n) => n.message);
      expect((await eventually(told, (m) => m.some((x) => x.startsWith('【新任务】')))).some((x) => x.startsWith('【新任务】'))).toBe(true);
      expect((await post(office, `/api/campaigns/${id}/pause`, { reason: '上级调整，暂停创建' })).status).toBe(200);
      await eventually(() => http().get(`/api/campaigns/${id}`).set(as(office)), (r) => r.body.status === 'paused');
      expect((await inbox(id, sthj, { limit: 200 })).total).toBe(before.total);
      // the unit is told of the pause, once, with the reason (【活动暂停】: one message for all its tasks)
      const paused = (await eventually(told, (m) => m.some((x) => x.startsWith('【活动暂停】')))).filter((x) => x.startsWith('【活动暂停】'));
      expect(paused).toEqual([expect.stringMatching(/^【活动暂停】「.+」自.+起暂停（原因：上级调整，暂停创建）。暂停期间「.+」等\d+项任务不能报送或审批，期限暂停计算；恢复后期限按暂停期间的工作日数顺延，届时另行通知。$/)]);
      expect((await post(office, `/api/campaigns/${id}/cancel`, { reason: '上级调整创建计划' })).status).toBe(200);
      await eventually(() => http().get(`/api/campaigns/${id}`).set(as(office)), (r) => r.body.status === 'cancelled');
      for (const who of [sthj, zfb, office]) expect([who.name, (await inbox(id, who, { limit: 200 })).total]).toEqual([who.name, 0]);
      // …and of the end, once, while paused too (【活动终止】)
      const ended = (await eventually(told, (m) => m.some((x) => x.startsWith('【活动终止】')))).filter((x) => x.startsWith('【活动终止】'));
      expect(ended).toEqual([expect.stringMatching(/^【活动终止】「.+」已于.+终止（原因：上级调整创建计划）。「.+」等\d+项任务无需继续办理，系统不再发送提醒。$/)]);
      // (what the unit reads in-app — the news unread, the ended campaign's 【新任务】 done — is notice-done.e2e's: there
      // the accounts belong to the campaign's organization)
      const all = (await http().get('/api/me/inbox').query({ limit: 200 }).set(as(sthj))).body as { items: { campaignId: string }[] };
      expect(all.items.filter((t) => t.campaignId === id)).toEqual([]);
      // the task itself still reads as it stood (待报送), now in a campaign that has ended
      const t = (await http().get(task(id, before.items[0].id)).set(as(sthj))).body;
      expect([t.status, t.actions]).toEqual([expect.stringMatching(/open|returned/), []]);
    }, 120000);
  });

  describe('bad filters', () => {
    it('refuses bad filters with 400 and documents the page in OpenAPI', async () => {
      for (const bad of [{ need: 'sign' }, { limit: 0 }, { limit: 201 }, { offset: -1 }, { overdue: 'yes' }] as Record<string, string | number>[]) {
        const res = await http().get('/api/me/inbox').query(bad).set(as(sthj));
        expect([bad, res.status]).toEqual([bad, 400]);
      }
      const doc = (await http().get('/api/openapi.json')).body;
      const op = doc.paths['/api/me/inbox'].get;
      expect(op.responses['200'].content['application/json'].schema.$ref).toMatch(/InboxPageDto$/);
      expect(op.parameters.map((p: { name: string }) => p.name)).toEqual(expect.arrayContaining(['need', 'campaignId', 'overdue', 'limit', 'offset']));
    });
  });
});
