/**
 * Poison input (issue 14 items 1 and 4): NUL and unpaired surrogates in text fields and path parameters, a
 * 5,000-level nested body, over-long strings — each answered 400 with a reason (never a 500, never a hang), and
 * the campaign keeps answering afterwards. The activities sanitise what they store and turn a data error into a
 * non-retryable failure.
 */
import { INestApplication } from '@nestjs/common';
import request from 'supertest';
import { CampaignActivitiesService, DATA_ERROR } from '../../activities/campaign.activities';
import type { AppConfig } from '@eco/config';
import { AuditRepository, CampaignRepository, NotificationRepository } from '@eco/persistence';
import type { CampaignProjection } from '@eco/contracts';
import { chineseReason } from '@eco/domain';
import { bearer, ensureUsers, startWorker, TestActor } from './campaign-stack';
import { startApi, testConfig } from './helpers';

const office: TestActor = { id: 'p-office', name: '办公室主任', roles: ['office'] };
const gxj: TestActor = { id: 'p-gxj', name: '工信局联络员', roles: ['unit'], unitId: 'sx-gxj' };
const tjj: TestActor = { id: 'p-tjj', name: '统计局联络员', roles: ['unit'], unitId: 'sx-tjj' };

describe('poison input is refused at the edge and never wedges a campaign', () => {
  let config: AppConfig;
  let app: INestApplication;
  let worker: { stop(): Promise<void> };
  let id: string;
  const http = () => request(app.getHttpServer());
  const as = (a: TestActor) => ({ Authorization: bearer(config, a) });
  const rawJson = (path: string, who: TestActor | null, body: string) => {
    const r = http().post(path).set('Content-Type', 'application/json');
    if (who) r.set(as(who));
    return r.send(body);
  };
  const stillAnswers = async () => {
    const r = await http().get(`/api/campaigns/${id}`).set(as(office)).timeout(15000);
    expect(r.status).toBe(200);
  };

  beforeAll(async () => {
    config = testConfig({ TEMPORAL_TASK_QUEUE: 'e2e-poison' });
    worker = await startWorker(config);
    app = await startApi(config);
    await ensureUsers(app, [office, gxj, tjj]);
    const iso = new Date(Date.now() + 86400000).toISOString();
    const res = await http()
      .post('/api/campaigns')
      .set(as(office))
      .send({ templateId: 'sishui-2023', schedule: { materials: iso, 'key-projects': iso, 'work-plan-issued': iso, 'leadership-group': iso, 'plan-started': iso } });
    expect(res.status).toBe(201);
    id = res.body.id;
  }, 120000);

  afterAll(async () => {
    await app?.close();
    await worker?.stop();
  });

  it.each([
    ['a NUL in a submit comment', 'tasks/materials:sx-gxj/submit', '{"comment":"a\\u0000b"}', gxj],
    ['an unpaired surrogate in a submit comment', 'tasks/materials:sx-gxj/submit', '{"comment":"x\\ud800y"}', gxj],
    ['a NUL in a pause reason', 'pause', '{"reason":"疫情\\u0000"}', office],
    ['a lone low surrogate in a resume reason', 'resume', '{"reason":"\\udc00"}', office],
    ['a NUL in a close-phase reason', 'close-phase', '{"phase":"mobilization","reason":"a\\u0000"}', office],
    ['a NUL in a DENIED action (another unit)', 'tasks/materials:sx-gxj/submit', '{"comment":"a\\u0000b"}', tjj],
    ['a NUL in a JSON key', 'tasks/materials:sx-gxj/submit', '{"comm\\u0000ent":"x"}', gxj],
  ])('%s → 400 with a reason, and the campaign keeps answering', async (_what, path, body, who) => {
    const r = await rawJson(`/api/campaigns/${id}/${path}`, who, body).timeout(15000);
    expect(r.status).toBe(400);
    expect(JSON.stringify(r.body.message)).toMatch(/NUL|surrogate/);
    await stillAnswers();
  });

  // walkthrough: a liaison on a phone read 「操作未成功 body.comment: 含有空字符 NUL」; the 催办 dialog the same
  it.each([
    ['the 报送说明', 'tasks/materials:sx-gxj/submit', gxj, '报送说明'],
    ['the 催办留言', 'tasks/materials:sx-gxj/urge', office, '催办留言'],
  ])('a NUL in %s is refused naming the field in Chinese, the path kept in the brackets', async (_what, path, who, field) => {
    const r = await rawJson(`/api/campaigns/${id}/${path}`, who, '{"comment":"已完成\\u0000"}').timeout(15000);
    expect(r.status).toBe(400);
    expect(r.body.message).toEqual([`${field}含有无法识别的空字符（NUL），请删除后重试 (body.comment: contains a NUL character)`]);
    expect(chineseReason(r.body.message[0])).toBe(`${field}含有无法识别的空字符（NUL），请删除后重试`);
  });

  it('a NUL or a bad escape in a path parameter → 400', async () => {
    expect((await http().get('/api/campaigns/a%00b').set(as(office))).status).toBe(400);
    expect((await http().get(`/api/campaigns/${id}/tasks/x%00y`).set(as(office))).status).toBe(400);
    expect((await http().get('/api/campaigns/%ED%A0%80').set(as(office))).status).toBe(400); // UTF-8 of a lone surrogate
    expect((await http().get(`/api/campaigns/${id}/tasks?unitId=a%00b`).set(as(office))).status).toBe(400);
    await stillAnswers();
  });

  it('login with a NUL in the username (unauthenticated) → 400', async () => {
    const r = await rawJson('/api/auth/login', null, '{"username":"a\\u0000b","password":"whatever-123"}');
    expect(r.status).toBe(400);
  });

  it('a 5,000-level nested body (unauthenticated) → 400, not a stack overflow', async () => {
    const deep = `${'['.repeat(5000)}${']'.repeat(5000)}`;
    const r = await rawJson('/api/auth/login', null, `{"username":${deep},"password":"x"}`);
    expect(r.status).toBe(400);
    expect(r.body.message).toEqual([expect.stringMatching(/^第1项用户名嵌套过深，最多32层 \(body\.username\[0\].*: nested deeper than 32 levels\)$/)]);
    const r2 = await rawJson(`/api/campaigns/${id}/pause`, office, `{"reason":${deep}}`);
    expect(r2.status).toBe(400);
  });

  it('an over-long string → 400 (bounded before validation)', async () => {
    const r = await rawJson(`/api/campaigns/${id}/pause`, office, JSON.stringify({ reason: 'x'.repeat(100_001) }));
    expect(r.status).toBe(400);
    expect(r.body.message).toEqual(['原因过长，最多100000个字符，当前100001个 (body.reason: string longer than 100000 characters)']);
  });

  it('after every poison input the unit can still submit and the office still pause and resume', async () => {
    const s = await http().post(`/api/campaigns/${id}/tasks/materials:sx-gxj/submit`).set(as(gxj)).send({ comment: '已报送 ✅' });
    expect(s.status).toBe(200);
    expect(s.body.task.status).toBe('submitted');
    expect((await http().post(`/api/campaigns/${id}/pause`).set(as(office)).send({ reason: '演练暂停' })).status).toBe(200);
    expect((await http().post(`/api/campaigns/${id}/resume`).set(as(office)).send({ reason: '恢复' })).status).toBe(200);
    const tasks = await http().get(`/api/campaigns/${id}/tasks?unitId=sx-gxj`).set(as(office));
    expect(tasks.body.find((t: { id: string }) => t.id === 'materials:sx-gxj').status).toBe('submitted'); // workflow == projection
    expect((await http().get(`/api/campaigns/${id}/audit/verify`).set(as(office))).body.valid).toBe(true);
  });

  it('the activities store sanitised text, and a data error is non-retryable (DataError), not an endless retry', async () => {
    const acts = new CampaignActivitiesService(app.get(CampaignRepository), app.get(AuditRepository), app.get(NotificationRepository));
    await acts.appendAudit(id, `campaign-${id}`, [
      { at: new Date().toISOString(), actor: { id: 'x', name: 'a\u0000b', roles: [] }, action: 'submit', outcome: 'accepted', comment: 'x\ud800y', dedupeKey: `poison-${Date.now()}` },
    ]);
    const trail = await http().get(`/api/campaigns/${id}/audit`).set(as(office));
    expect(trail.body.at(-1)).toMatchObject({ comment: 'x\uFFFDy', actor: expect.objectContaining({ name: 'a\uFFFDb' }) });
    await expect(
      acts.projectCampaign({
        campaignId: `${id}-x`, workflowId: `campaign-${id}-x`, templateId: 't', name: 'n', kind: 'creation', region: 'r', phase: 'mobilization', status: 'active',
        paused: false, progress: {}, version: 1_000_000, createdBy: null, snapshot: {},
        tasks: [{ id: 'bad', kind: 'unit', phase: 'mobilization', title: 't', unitId: null, indicatorCode: null, status: 'open', dueAt: 'not a date', overdue: false, assessmentFlag: false, waitingFor: [], view: {} }],
      } as unknown as CampaignProjection), // a poisoned row: not even a read model's shape
    ).rejects.toMatchObject({ type: DATA_ERROR, nonRetryable: true });
  });

  it('the one-transaction flush: a batch refused because of one part is written part by part, the refused part reported', async () => {
    const acts = new CampaignActivitiesService(app.get(CampaignRepository), app.get(AuditRepository), app.get(NotificationRepository));
    const stamp = Date.now();
    const entry = { at: new Date().toISOString(), actor: { id: 'x', name: '测试', roles: [] }, action: 'submit', outcome: 'accepted' as const, comment: '一次写入', dedupeKey: `batch-${stamp}` };
    const bad = {
      campaignId: `${id}-y`, workflowId: `campaign-${id}-y`, templateId: 't', name: 'n', kind: 'creation', region: 'r', phase: 'mobilization', status: 'active',
      paused: false, progress: {}, version: 1_000_000, createdBy: null, snapshot: {},
      tasks: [{ id: 'bad', kind: 'unit', phase: 'mobilization', title: 't', unitId: null, indicatorCode: null, status: 'open', dueAt: 'not a date', overdue: false, assessmentFlag: false, waitingFor: [], view: {} }],
    } as unknown as CampaignProjection;
    const r = await acts.persistChanges({ campaignId: id, workflowId: `campaign-${id}`, reminders: [], audit: [entry], projection: bad });
    expect(r.failures).toEqual([expect.objectContaining({ activity: 'projectCampaign', items: ['bad'] })]);
    expect(r.auditHead?.seq).toBeGreaterThan(0);
    const trail = await http().get(`/api/campaigns/${id}/audit`).set(as(office));
    expect(trail.body.at(-1)).toMatchObject({ comment: '一次写入' });
    // Retried (a local activity runs at least once): nothing added twice, the same head.
    const again = await acts.persistChanges({ campaignId: id, workflowId: `campaign-${id}`, reminders: [], audit: [entry], projection: null });
    expect(again).toEqual({ remindersAdded: 0, auditHead: r.auditHead, failures: [] });
  });
});
