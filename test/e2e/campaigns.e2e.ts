/**
 * Campaigns through the HTTP API against the real stack: real PostgreSQL, real Temporal dev server, the real worker
 * app (workflow + activity providers). Covers the start → read-back path, actions with their access rules, error
 * classes, Idempotency-Key retries, reminders, the audit trail (hash chain, append-only table, exports) and pausing.
 * One describe per behaviour, each on its own Sishui campaign started in its beforeAll (or by the test itself), so
 * every test passes alone (`-t '<name>'`) and in any order.
 */
import { Client as TemporalClient, Connection } from '@temporalio/client';
import { Client as PgClient } from 'pg';
import { eventually, startCampaign, TestActor, useCampaignStack } from './campaign-stack';
import { binary } from './helpers';

const office: TestActor = { id: 'e2e-office', name: '办公室张主任', roles: ['office'] };
const leader: TestActor = { id: 'e2e-leader', name: '单组长', roles: ['leader'] };
const tjj: TestActor = { id: 'e2e-tjj', name: '统计局联络员', roles: ['unit'], unitId: 'sx-tjj' };
const gxj: TestActor = { id: 'e2e-gxj', name: '工信局联络员', roles: ['unit'], unitId: 'sx-gxj' };
/** A name in Latin letters: the audit's 人员 filter matches names case-insensitively. */
const lisi: TestActor = { id: 'e2e-lisi', name: 'Li Si（工信局）', roles: ['unit'], unitId: 'sx-gxj' };

const iso = (ms: number) => new Date(ms).toISOString();
/** Every mobilization milestone a day ahead, materials at `materialsAt` (default: also a day ahead). */
const sishuiSchedule = (materialsAt = Date.now() + 86400000) => {
  const day = iso(Date.now() + 86400000);
  return { materials: iso(materialsAt), 'key-projects': day, 'work-plan-issued': day, 'leadership-group': day, 'plan-started': day };
};
/** Second-scale reminder policy: nothing fires for a task due tomorrow; a task due in seconds is reminded, red, escalated. */
const fastReminders = { before: ['PT1S'], overdueEvery: 'PT2S', escalateAfter: 'PT4S' };

describe('campaigns API on the real stack', () => {
  const stack = useCampaignStack({ taskQueue: 'e2e-campaigns', people: [office, leader, tjj, gxj, lisi] });
  const { http, as, post, get } = stack;
  /** A Sishui campaign started by the office (mobilization due tomorrow unless `materialsAt` says otherwise). */
  const sishui = (name: string, materialsAt?: number) =>
    startCampaign(stack, office, { templateId: 'sishui-2023', name, schedule: sishuiSchedule(materialsAt), reminderPolicy: fastReminders });
  /** tjj submits materials:sx-tjj and the office approves it. */
  const submitAndApproveTjj = async (campaignId: string) => {
    const task = `/api/campaigns/${campaignId}/tasks/materials:sx-tjj`;
    expect((await post(tjj, `${task}/submit`, { comment: '基础资料已报送' })).status).toBe(200);
    expect((await post(office, `${task}/approve`, { comment: '同意' })).status).toBe(200);
  };

  describe('starting a campaign', () => {
    it('starts a Sishui campaign through the API: a real workflow runs and its state reads back', async () => {
      const res = await post(office, '/api/campaigns', { templateId: 'sishui-2023', name: '泗水县创建（e2e）', schedule: sishuiSchedule(), reminderPolicy: fastReminders });
      expect(res.status).toBe(201);
      expect(res.body).toMatchObject({ templateId: 'sishui-2023', kind: 'creation', phase: 'mobilization', status: 'active' });
      const campaignId: string = res.body.id;
      expect(res.body.workflowId).toBe(`campaign-${campaignId}`);

      // The workflow really runs on the Temporal server.
      const connection = await Connection.connect({ address: stack.config.TEMPORAL_ADDRESS });
      try {
        const handle = new TemporalClient({ connection, namespace: stack.config.TEMPORAL_NAMESPACE }).workflow.getHandle(res.body.workflowId);
        const desc = await handle.describe();
        expect(desc.status.name).toBe('RUNNING');
        expect(desc.type).toBe('campaignWorkflow');
        // Findable in the Temporal UI by phase, region and template.
        const sa = await eventually(
          async () => (await handle.describe()).typedSearchAttributes,
          (t) => t.getAll().some((p) => p.key.name === 'CampaignPhase'),
          10000,
        );
        const values = Object.fromEntries(sa.getAll().map((p) => [p.key.name, p.value]));
        expect(values).toMatchObject({ CampaignPhase: 'mobilization', CampaignRegion: '济宁市泗水县', CampaignTemplate: 'sishui-2023' });
      } finally {
        await connection.close();
      }

      const detail = await get(leader, `/api/campaigns/${campaignId}`);
      expect(detail.status).toBe(200);
      expect(detail.body.phases.map((p: any) => p.key)).toEqual(['mobilization', 'implementation', 'application']);
      expect(detail.body.phases[0]).toMatchObject({ status: 'active' });
      expect(detail.body.progress.total).toBeGreaterThan(16);

      const list = await get(leader, '/api/campaigns');
      expect(list.body.find((c: any) => c.id === campaignId)).toMatchObject({ templateId: 'sishui-2023', phase: 'mobilization' });
    });
  });

  describe('who may submit', () => {
    let campaignId: string;
    beforeAll(async () => {
      campaignId = await sishui('泗水县创建（e2e 报送权限）');
    }, 60000);

    it('lets a unit submit only its own task; the denial is audited', async () => {
      const tasks = await get(tjj, `/api/campaigns/${campaignId}/tasks?unitId=sx-tjj&phase=mobilization`);
      expect(tasks.status).toBe(200);
      const materials = tasks.body.find((t: any) => t.kind === 'materials');
      expect(materials).toMatchObject({ id: 'materials:sx-tjj', unitId: 'sx-tjj', status: 'open' });

      const denied = await post(gxj, `/api/campaigns/${campaignId}/tasks/materials:sx-tjj/submit`, { comment: '代报' });
      expect(denied.status).toBe(403);
      expect(denied.body.message).toContain('sx-tjj');

      const audit = await get(office, `/api/campaigns/${campaignId}/audit?outcome=denied`);
      expect(audit.body).toEqual([expect.objectContaining({ action: 'submit', taskId: 'materials:sx-tjj', outcome: 'denied', actor: expect.objectContaining({ id: 'e2e-gxj', unitId: 'sx-gxj' }) })]);
    });
  });

  describe('Idempotency-Key on a submit', () => {
    let campaignId: string;
    beforeAll(async () => {
      campaignId = await sishui('泗水县创建（e2e 幂等）');
    }, 60000);

    it('a retried submit with the same Idempotency-Key returns the first answer and changes nothing', async () => {
      const body = { comment: '基础资料已报送', evidence: [{ name: '统计年鉴2025（统计局网站）', url: 'https://tjj.example.gov.cn/nj/2025' }] };
      const submit = () => http().post(`/api/campaigns/${campaignId}/tasks/materials:sx-tjj/submit`).set(as(tjj));
      const first = await submit().set('Idempotency-Key', 'k-submit-1').send(body);
      expect(first.status).toBe(200);
      expect(first.body.task).toMatchObject({ id: 'materials:sx-tjj', status: 'submitted' });
      const retry = await submit().set('Idempotency-Key', 'k-submit-1').send(body);
      expect(retry.status).toBe(200);
      expect(retry.body).toEqual(first.body);
      const again = await submit().send(body);
      expect(again.status).toBe(409); // a fresh submit (no key) of a submitted task is a state conflict
      const audit = await get(office, `/api/campaigns/${campaignId}/audit?action=submit&taskId=materials:sx-tjj`);
      expect(audit.body.filter((r: any) => r.outcome === 'accepted')).toHaveLength(1);
      expect(audit.body.filter((r: any) => r.outcome === 'refused')).toHaveLength(1);
    });
  });

  describe('approving a submitted task', () => {
    let campaignId: string;
    beforeAll(async () => {
      campaignId = await sishui('泗水县创建（e2e 审批）');
      expect((await post(tjj, `/api/campaigns/${campaignId}/tasks/materials:sx-tjj/submit`, { comment: '基础资料已报送' })).status).toBe(200);
    }, 60000);

    it('the office approves; approving again is a 409; a unit cannot approve', async () => {
      const task = `/api/campaigns/${campaignId}/tasks/materials:sx-tjj`;
      const notMine = await post(tjj, `${task}/approve`);
      expect(notMine.status).toBe(403);
      const ok = await post(office, `${task}/approve`, { comment: '同意' });
      expect(ok.status).toBe(200);
      expect(ok.body.task.status).toBe('approved');
      expect(ok.body.task.steps[0].decisions[0]).toMatchObject({ by: 'e2e-office', decision: 'approve', comment: '同意' });
      const twice = await post(office, `${task}/approve`);
      expect(twice.status).toBe(409);
      const read = await get(office, task);
      expect(read.body.status).toBe('approved');
    });
  });

  describe('error classes', () => {
    let campaignId: string;
    beforeAll(async () => {
      campaignId = await sishui('泗水县创建（e2e 错误）');
    }, 60000);

    it('answers 400 / 401 / 404 with reasons, never 500', async () => {
      const unknownField = await post(gxj, `/api/campaigns/${campaignId}/tasks/materials:sx-gxj/submit`, { comment: 'x', bogus: 1 });
      expect(unknownField.status).toBe(400);
      expect(JSON.stringify(unknownField.body.message)).toContain('bogus');
      const noReason = await post(office, `/api/campaigns/${campaignId}/tasks/materials:sx-gxj/return`);
      expect(noReason.status).toBe(400);
      expect(JSON.stringify(noReason.body.message)).toContain('reason');
      expect((await get(office, `/api/campaigns/nope`)).status).toBe(404);
      expect((await get(office, `/api/campaigns/${campaignId}/tasks/nope`)).status).toBe(404);
      expect((await post(gxj, `/api/campaigns/${campaignId}/tasks/nope/submit`)).status).toBe(404);
      expect((await post(office, '/api/campaigns', { templateId: 'no-such-template' })).status).toBe(404);
      const badSchedule = await post(office, '/api/campaigns', { templateId: 'sishui-2023', schedule: { 'no-such-milestone': '2026-12-01T00:00:00Z' } });
      expect(badSchedule.status).toBe(400);
      expect((await post(tjj, '/api/campaigns', { templateId: 'sishui-2023' })).status).toBe(403);
      expect((await http().get(`/api/campaigns/${campaignId}`)).status).toBe(401);
      const malformed = await http().post(`/api/campaigns/${campaignId}/pause`).set(as(office)).set('Content-Type', 'application/json').send('{"reason":');
      expect(malformed.status).toBe(400);
      const huge = await post(gxj, `/api/campaigns/${campaignId}/tasks/materials:sx-gxj/submit`, { comment: 'x'.repeat(2 * 1024 * 1024) });
      expect(huge.status).toBe(413);
      const openapi = await http().get('/api/openapi.json');
      expect(openapi.status).toBe(200);
      expect(Object.keys(openapi.body.paths)).toEqual(expect.arrayContaining(['/api/campaigns', '/api/campaigns/{id}/tasks/{taskId}/submit', '/api/campaigns/{id}/audit/verify', '/api/me/inbox']));
      // nothing of the above reached the campaign: its tasks are as started
      expect((await get(office, `/api/campaigns/${campaignId}/tasks/materials:sx-gxj`)).body.status).toBe('open');
    });
  });

  describe('reminders from the outbox', () => {
    it('reminds overdue units from the outbox: red, then escalation', async () => {
      // materials due in 20 s: time for sx-tjj's submit and approval first even on a loaded machine
      const dueAt = Date.now() + 20000;
      const campaignId = await sishui('泗水县创建（e2e 催办）', dueAt);
      await submitAndApproveTjj(campaignId);
      expect(Date.now()).toBeLessThan(dueAt); // the premise of the last check below: approved before its due date

      const reminders = await eventually(
        async () => (await get(office, `/api/campaigns/${campaignId}/reminders`)).body.items as any[],
        (rs) => rs.some((r) => r.taskId === 'materials:sx-gxj' && r.level === 'escalation'),
        70000,
      );
      const gx = reminders.filter((r) => r.taskId === 'materials:sx-gxj');
      expect(gx.some((r) => r.level === 'red' && r.recipients.includes('unit:sx-gxj'))).toBe(true);
      expect(gx.find((r) => r.level === 'escalation')?.recipients).toEqual(['unit-leader:sx-gxj']);
      // materials:sx-tjj was approved before its due date: never reminded as overdue
      expect(reminders.some((r) => r.taskId === 'materials:sx-tjj' && r.level === 'red')).toBe(false);
      const inbox = await http().get('/api/me/inbox').query({ campaignId }).set(as(gxj));
      expect(inbox.body.items.some((t: any) => t.campaignId === campaignId && t.id === 'materials:sx-gxj')).toBe(true);
    });
  });

  describe('the audit trail', () => {
    let campaignId: string;
    beforeAll(async () => {
      campaignId = await sishui('泗水县创建（e2e 审计）');
      expect((await post(gxj, `/api/campaigns/${campaignId}/tasks/materials:sx-tjj/submit`, { comment: '代报' })).status).toBe(403);
      await submitAndApproveTjj(campaignId);
    }, 60000);

    it('keeps a verifiable, append-only audit trail with CSV and Excel exports', async () => {
      const verify = await get(office, `/api/campaigns/${campaignId}/audit/verify`);
      expect(verify.body).toMatchObject({ valid: true });
      expect(verify.body.count).toBeGreaterThan(3);
      const csv = await get(office, `/api/campaigns/${campaignId}/audit.csv`).buffer(true).parse(binary);
      expect(csv.status).toBe(200);
      expect([...(csv.body as Buffer).subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
      // Named in Chinese after the campaign, like the Excel export.
      expect(decodeURIComponent(/filename\*=UTF-8''([^;]+)/.exec(csv.headers['content-disposition'])?.[1] ?? '')).toMatch(/-审计记录\.csv$/);
      expect((csv.body as Buffer).toString('utf8')).toContain('统计局联络员');
      const xlsx = await get(office, `/api/campaigns/${campaignId}/audit.xlsx`);
      expect(xlsx.status).toBe(200);
      expect(xlsx.headers['content-type']).toContain('spreadsheetml');

      const pg = new PgClient({ connectionString: stack.config.DATABASE_URL });
      await pg.connect();
      try {
        // the app's role has no UPDATE/DELETE on the table; the trigger stops any role that has
        await expect(pg.query(`UPDATE audit_records SET comment = 'tampered' WHERE campaign_id = $1`, [campaignId])).rejects.toThrow(/append-only|permission denied/);
        await expect(pg.query(`DELETE FROM audit_records WHERE campaign_id = $1`, [campaignId])).rejects.toThrow(/append-only|permission denied/);
      } finally {
        await pg.end();
      }
      await expect(get(office, `/api/campaigns/${campaignId}/audit/verify`).then((r) => r.body.valid)).resolves.toBe(true);
    });

    it('人员 finds a person by part of the name (any case) or the exact account, the same in the page and the exports; bad input is a 400', async () => {
      expect((await post(lisi, `/api/campaigns/${campaignId}/tasks/materials:sx-tjj/submit`, { comment: '代报' })).status).toBe(403); // audited as denied
      const audit = (query: string) => get(office, `/api/campaigns/${campaignId}/audit?${query}`);
      const actors = (r: { body: { actor: { id: string } }[] }) => [...new Set(r.body.map((e) => e.actor.id))];

      // Part of the display name: every entry by 统计局联络员 (submit), nobody else's.
      const byName = await audit(`person=${encodeURIComponent('统计局')}`);
      expect(byName.status).toBe(200);
      expect(actors(byName)).toEqual([tjj.id]);
      expect(byName.body.map((e: { action: string }) => e.action)).toContain('submit');
      expect(byName.headers['x-total-count']).toBe(String(byName.body.length));
      // Case-insensitive, and a typed account id works too — exactly: part of an id finds nothing.
      expect(actors(await audit('person=li%20si'))).toEqual([lisi.id]);
      expect(actors(await audit('person=LI%20SI'))).toEqual([lisi.id]);
      expect(actors(await audit(`person=${tjj.id}`))).toEqual([tjj.id]);
      expect((await audit('person=e2e-tj')).body).toEqual([]);
      // Typed text is literal: % and _ are no wildcards.
      expect((await audit('person=%25')).body).toEqual([]);
      expect((await audit('person=_')).body).toEqual([]);
      // With a page size, the cursor and the total follow the same filter.
      const first = await audit(`person=${encodeURIComponent('统计局')}&limit=1`);
      expect(first.body).toHaveLength(1);
      expect(first.headers['x-total-count']).toBe(String(byName.body.length));
      // A clicked name filters by the account exactly (actor), not by name.
      expect(actors(await audit(`actor=${lisi.id}`))).toEqual([lisi.id]);
      expect((await audit('actor=li%20si')).body).toEqual([]);

      // The exports apply the same filter: one CSV line per entry the page lists.
      const csv = await get(office, `/api/campaigns/${campaignId}/audit.csv?person=${encodeURIComponent('统计局')}`).buffer(true).parse(binary);
      expect(csv.status).toBe(200);
      const lines = (csv.body as Buffer).toString('utf8').trim().split('\r\n').slice(1);
      expect(lines).toHaveLength(byName.body.length);
      for (const l of lines) expect(l).toContain(tjj.id);
      const xlsx = await get(office, `/api/campaigns/${campaignId}/audit.xlsx?person=${encodeURIComponent('统计局')}`);
      expect(xlsx.status).toBe(200);

      // Too long or not one text: 400 with the reason, on the page and the exports alike.
      for (const path of ['audit', 'audit.csv', 'audit.xlsx']) {
        const long = await get(office, `/api/campaigns/${campaignId}/${path}?person=${encodeURIComponent('张'.repeat(101))}`);
        expect([path, long.status]).toEqual([path, 400]);
        expect(JSON.stringify(long.body)).toMatch(/person/);
      }
      expect((await audit('person=a&person=b')).status).toBe(400);
      expect((await audit(`actor=${'x'.repeat(201)}`)).status).toBe(400);
    });
  });

  describe('pausing a campaign', () => {
    let campaignId: string;
    beforeAll(async () => {
      campaignId = await sishui('泗水县创建（e2e 暂停）');
    }, 60000);

    it('pauses and resumes: actions are refused while paused; a pause within the day moves no date (working days covered: none)', async () => {
      const task = `/api/campaigns/${campaignId}/tasks/materials:sx-tjj`;
      const before = (await get(office, task)).body;
      const beijingDay = () => new Date(Date.now() + 8 * 3600_000).toISOString().slice(0, 10);
      const pausedOn = beijingDay();
      const p = await post(office, `/api/campaigns/${campaignId}/pause`, { reason: '突发事件' });
      expect(p.status).toBe(200);
      expect((await get(office, `/api/campaigns/${campaignId}`)).body.paused).toBe(true);
      const refused = await post(tjj, `${task}/submit`, { comment: '资料已整理' });
      expect(refused.status).toBe(409);
      await new Promise((r) => setTimeout(r, 1500));
      const r = await post(leader, `/api/campaigns/${campaignId}/resume`, { reason: '恢复' });
      expect(r.status).toBe(200);
      const after = (await get(office, task)).body;
      // 23:59 stays 23:59 (a two-minute pause had moved it to 00:01 of the next day); across Beijing midnight: one day on
      if (beijingDay() === pausedOn) expect(after.dueAt).toBe(before.dueAt);
      else expect(Date.parse(after.dueAt)).toBeGreaterThanOrEqual(Date.parse(before.dueAt));
      const resumed = (await get(office, `/api/campaigns/${campaignId}/audit?action=resume`)).body as { detail: Record<string, unknown> }[];
      expect(resumed.map((e) => e.detail)).toEqual([expect.objectContaining({ workingDays: beijingDay() === pausedOn ? 0 : expect.any(Number) })]);
      // the export says what the resume did (its 详情 was empty)
      if (beijingDay() === pausedOn) expect((await get(office, `/api/campaigns/${campaignId}/audit.csv?action=resume`)).text).toContain('暂停期间工作日：0；顺延任务：0项（期限不变）');
      const unitPause = await post(tjj, `/api/campaigns/${campaignId}/pause`, { reason: 'x' });
      expect(unitPause.status).toBe(403);
    });
  });
});
