/**
 * The plans' own rules through the API with real logins, a real worker and PostgreSQL (issue 10 items 1–3, the Shinan
 * and Sishui cases of "How it will be checked"): split lead units get their own tasks, one unit's 'occurred' veto
 * attestation blocks the application naming the condition, a key-project submit without the seal is 400 and the
 * signed and sealed "无重点工程项目" statement is accepted as the alternative (and audited).
 */
import { INestApplication } from '@nestjs/common';
import request from 'supertest';
import type { AppConfig } from '../../libs/config/src/app-config';
import { ensureUsers, eventually, startWorker, TestActor } from './campaign-stack';
import { startApi, testConfig, uniqueName } from './helpers';

const person = (role: string, name: string, unitId?: string): TestActor => ({ id: uniqueName(`pr-${role}`), name, roles: [role], ...(unitId ? { unitId } : {}) });
const office = person('office', '办公室科员');
const cgj = person('unit', '城市管理局联络员', 'sn-cgj');
const gxj = person('unit', '工信局联络员', 'sx-gxj');

describe('the plans own rules through the API (issue 10)', () => {
  let config: AppConfig;
  let app: INestApplication;
  let worker: { stop(): Promise<void> };
  const tokens = new Map<string, string>();
  const http = () => request(app.getHttpServer());
  const as = (a: TestActor) => ({ Authorization: `Bearer ${tokens.get(a.id)}` });
  const post = (a: TestActor, path: string, body: Record<string, unknown> = {}) => http().post(path).set(as(a)).send(body);

  beforeAll(async () => {
    config = testConfig({ TEMPORAL_TASK_QUEUE: 'e2e-plan-rules' });
    worker = await startWorker(config);
    app = await startApi(config);
    const all = [office, cgj, gxj];
    const password = await ensureUsers(app, all);
    for (const u of all) {
      const res = await http().post('/api/auth/login').send({ username: u.id, password });
      expect(res.status).toBe(200);
      tokens.set(u.id, res.body.accessToken);
    }
  }, 120000);

  afterAll(async () => {
    await app?.close();
    await worker?.stop();
  });

  describe('Shinan (市南区): split leads and veto co-units', () => {
    let id: string;
    beforeAll(async () => {
      const res = await post(office, '/api/campaigns', { templateId: 'shinan-2024', takeOver: true, done: ['unit-contacts'] });
      expect(res.status).toBe(201);
      id = res.body.id;
      await eventually(() => http().get(`/api/campaigns/${id}`).set(as(office)), (r) => r.body.currentPhase === 'implementation' || r.body.phase === 'implementation');
    }, 60000);

    it('gives 区城市管理局 and 市自然资源和规划局市南分局 their own tasks for 5(2), 6(2), 6(3), and both C7 leads their certificate tasks', async () => {
      const indicators = (await http().get(`/api/campaigns/${id}/tasks?kind=indicator`).set(as(office))).body as { id: string; unitId: string }[];
      const units = (code: string) => indicators.filter((t) => t.id.startsWith(`indicator:${code}:`)).map((t) => t.unitId);
      expect(units('5').sort()).toEqual(['sn-cgj', 'sn-sthj']);
      expect(units('6').sort()).toEqual(['sn-cgj', 'sn-sthj', 'sn-zrzy']);
      const certificates = (await http().get(`/api/campaigns/${id}/tasks?kind=certificate`).set(as(office))).body as { id: string; unitId: string }[];
      expect(certificates.filter((t) => t.id.startsWith('certificate:C7')).map((t) => t.unitId).sort()).toEqual(['sn-sthj', 'sn-zrzy']);
      // The unit's own part is its own to submit.
      const read = await http().get(`/api/campaigns/${id}/tasks/indicator:5:sn-cgj`).set(as(cgj));
      expect(read.status).toBe(200);
    });

    it("one unit's 'occurred' attestation blocks the application with that condition named", async () => {
      const task = `/api/campaigns/${id}/tasks/veto-attestation:23.1:sn-cgj`;
      const pdf = Buffer.from('%PDF-1.7\n% 一票否决事项情况说明\n%%EOF\n');
      const up = await http().post(`${task}/files`).set(as(cgj)).attach('files', pdf, { filename: '一票否决事项情况说明.pdf', contentType: 'application/pdf' });
      expect(up.status).toBe(201);
      const files = [up.body[0].id];
      const missing = await post(cgj, `${task}/submit`, { comment: '情况说明', files });
      expect(missing.status).toBe(400);
      expect(JSON.stringify(missing.body.message)).toContain('formalities.outcome');
      const occurred = await post(cgj, `${task}/submit`, { comment: '2023年发生一起较大生态破坏事件', files, formalities: { outcome: 'occurred' } });
      expect(occurred.status).toBe(200);
      const view = await http().get(`/api/campaigns/${id}`).set(as(office));
      const veto = view.body.gate.missing.find((m: { code: string; kind: string }) => m.kind === 'veto-condition' && m.code === '23.1');
      expect(veto.reason).toContain('发生重、特大突发环境事件或生态破坏事件的');
      expect(veto.reason).toContain('区城市管理局');
      expect(veto.reason).toContain('已发生');
      expect(view.body.gate.allowed).toBe(false);
    });
  });

  describe('Sishui (泗水县): key-project formalities', () => {
    let id: string;
    beforeAll(async () => {
      const day = new Date(Date.now() + 5 * 86400000).toISOString();
      const res = await post(office, '/api/campaigns', { templateId: 'sishui-2023', schedule: { materials: day, 'key-projects': day, 'work-plan-issued': day, 'leadership-group': day, 'plan-started': day } });
      expect(res.status).toBe(201);
      id = res.body.id;
    }, 60000);

    it('a key-project submit without the seal is 400 naming the field; the signed and sealed 无重点工程项目 statement is accepted and audited', async () => {
      const task = `/api/campaigns/${id}/tasks/key-projects:sx-gxj`;
      const unsealed = await post(gxj, `${task}/submit`, { formalities: { outcome: 'projects', projects: [{ name: '泗河生态修复工程', investment: '1.2亿元' }] } });
      expect(unsealed.status).toBe(400);
      expect(JSON.stringify(unsealed.body.message)).toContain('formalities.seal');
      const unsigned = await post(gxj, `${task}/submit`, { formalities: { outcome: 'none', seal: true } });
      expect(unsigned.status).toBe(400);
      expect(JSON.stringify(unsigned.body.message)).toContain('formalities.principalSignature');
      const statement = await post(gxj, `${task}/submit`, { comment: '无重点工程项目提报', formalities: { outcome: 'none', seal: true, principalSignature: '工信局局长' } });
      expect(statement.status).toBe(200);
      expect(statement.body.task.rounds[0].submission.formalities).toEqual({ outcome: 'none', seal: true, principalSignature: '工信局局长' });
      const audit = await http().get(`/api/campaigns/${id}/audit?taskId=key-projects:sx-gxj`).set(as(office));
      const submit = audit.body.find((e: { action: string; outcome: string }) => e.action === 'submit' && e.outcome === 'accepted');
      expect(submit.detail.formalities).toEqual({ outcome: 'none', seal: true, principalSignature: '工信局局长' });
    });
  });
});
