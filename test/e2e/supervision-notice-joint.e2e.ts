/**
 * 督办通知单 of a jointly-owned task (共同负责): addressed to every unit that still owes it — both units while nobody has
 * submitted, then only the unit still to confirm the submission — the same addressees the escalation itself goes to
 * (the access policy's escalationRecipients). Real worker, API, PostgreSQL and object store; the escalation is written
 * to the outbox. Units the directory knows only by id carry the plan's names.
 */
import { INestApplication } from '@nestjs/common';
import ExcelJS from 'exceljs';
import request from 'supertest';
import { ensureUsers, eventually, startWorker, TestActor } from './campaign-stack';
import { binary, startApi, testConfig, uniqueName } from './helpers';
import { NotificationRepository } from '@eco/persistence';

const person = (role: string, name: string, unitId?: string): TestActor => ({ id: uniqueName(`sn-${role}`), name, roles: [role], ...(unitId ? { unitId } : {}) });
const office = person('office', '办公室科员');
const zfb = person('unit', '区政府办联络员', 'yz-zfb');
const ZFB = '区政府办公室';
const STHJ = '市生态环境局兖州区分局';

describe('督办通知单 of a jointly-owned task', () => {
  let app: INestApplication;
  let worker: { stop(): Promise<void> };
  const tokens = new Map<string, string>();
  const http = () => request(app.getHttpServer());
  const as = (a: TestActor) => ({ Authorization: `Bearer ${tokens.get(a.id)}` });
  const task = (id: string, taskId: string) => `/api/campaigns/${id}/tasks/${encodeURIComponent(taskId)}`;
  /** A Yanzhou campaign with indicator 3 jointly owned by 区政府办 and 生态环境分局, its task escalated. */
  const jointCampaign = async (): Promise<string> => {
    const res = await http()
      .post('/api/campaigns')
      .set(as(office))
      .send({ templateId: 'yanzhou-2023', takeOver: true, done: ['work-plan-issued', 'leadership-group'], responsibility: { '3': { mode: 'joint' } } });
    expect(res.status).toBe(201);
    const id: string = res.body.id;
    await eventually(() => http().get(task(id, 'indicator:3')).set(as(office)), (r) => r.status === 200, 60000);
    // the escalation as the tick writes it once the task is past due (a key of its own: the reminders written ahead of
    // their instant hold the task's coming escalation under the regular key, and a submit withdraws those)
    const written = await app.get(NotificationRepository).enqueue([
      { campaignId: id, taskId: 'indicator:3', unitId: 'yz-zfb', level: 'escalation', recipients: ['unit-leader:yz-zfb', 'unit-leader:yz-sthj'], scheduledAt: new Date(Date.now() - 60000).toISOString(), message: '【督办】「indicator:3」逾期未办结，请单位分管负责人督促办理。', dedupeKey: `${id}|indicator:3|overdue|escalation|1` },
    ]);
    expect(written).toBe(1);
    return id;
  };
  /** The notice's cells: 被督办单位 and 督办要求. */
  const notice = async (id: string): Promise<{ units: string; requirement: string }> => {
    const res = await http()
      .get(`${task(id, 'indicator:3')}/supervision-notice.xlsx`)
      .set(as(office))
      .buffer(true)
      .parse(binary);
    expect(res.status).toBe(200);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(res.body as Buffer);
    const ws = wb.getWorksheet('督办通知单')!;
    const value = (label: string) => {
      let found = '';
      ws.eachRow((row) => {
        if (String(row.getCell(1).value ?? '') === label) found = String(row.getCell(2).value ?? '');
      });
      return found;
    };
    return { units: value('被督办单位'), requirement: value('督办要求') };
  };

  beforeAll(async () => {
    const config = testConfig({ TEMPORAL_TASK_QUEUE: 'e2e-notice-joint' });
    worker = await startWorker(config);
    app = await startApi(config);
    const all = [office, zfb];
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

  it('is addressed to both units while neither has submitted, and asks each of them', async () => {
    const n = await notice(await jointCampaign());
    expect(n.units.split('、').sort()).toEqual([STHJ, ZFB].sort());
    expect(n.requirement).toContain('各单位分管负责人');
    expect(n.requirement).toContain('督促各单位共同');
  });

  it('once one unit has submitted, is addressed only to the unit still to confirm', async () => {
    const id = await jointCampaign();
    const pdf = Buffer.from('%PDF-1.7\n% 党委政府部署情况\n%%EOF\n');
    const up = await http().post(`${task(id, 'indicator:3')}/files`).set(as(zfb)).attach('files', pdf, { filename: '部署情况说明.pdf', contentType: 'application/pdf' });
    expect(up.status).toBe(201);
    expect((await http().post(`${task(id, 'indicator:3')}/submit`).set(as(zfb)).send({ comment: '共同报送材料', files: [up.body[0].id] })).status).toBe(200);
    await eventually(() => http().get(task(id, 'indicator:3')).set(as(office)), (r) => r.body.status === 'submitted');
    const n = await notice(id);
    expect(n.units).toBe(STHJ);
    expect(n.requirement).toContain(`请${STHJ}分管负责人`);
    expect(n.requirement).toContain('督促本单位');
  });
});
