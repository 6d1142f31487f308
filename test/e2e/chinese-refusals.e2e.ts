/**
 * Refusals as people read them (walkthrough: the audit an office and an inspector read on screen and export showed raw
 * task ids, API field names and English), on the real stack: a refused 调整期限 answered and audited naming the task by
 * its title and no field by its API name; a read-only inspector's 审批通过 / 退回 refused 403 无权限 whatever the task's
 * state (not 409 「不在审批中」 while it is returned); role and sign-in refusals in Chinese only; one reason per query
 * field; an unknown audit action refused 400 with the actions in Chinese.
 */
import { chineseReason } from '@eco/domain';
import { startCampaign, useCampaignStack, type TestActor } from './campaign-stack';

const office: TestActor = { id: 'cr-office', name: '办公室主任', roles: ['office'] };
const tjj: TestActor = { id: 'cr-tjj', name: '统计局联络员', roles: ['unit'], unitId: 'sx-tjj' };
const inspector: TestActor = { id: 'cr-inspector', name: '省厅核查组', roles: ['inspector'] };

describe('refusals in Chinese, naming things as people know them (real stack)', () => {
  const stack = useCampaignStack({ taskQueue: 'e2e-chinese-refusals', people: [office, tjj, inspector] });
  let id: string;
  const ZFB = 'materials:sx-zfb';

  beforeAll(async () => {
    const iso = new Date(Date.now() + 86400000).toISOString();
    id = await startCampaign(stack, office, { templateId: 'sishui-2023', schedule: { materials: iso, 'key-projects': iso, 'work-plan-issued': iso, 'leadership-group': iso, 'plan-started': iso } });
  }, 60000);

  afterAll(async () => {
    // nothing left waiting for anyone
    if (id) await stack.post(office, `/api/campaigns/${id}/cancel`, { reason: '测试结束' });
  });

  /** The newest refused 调整期限 of the trail, as the audit screen and the export read its reason. */
  const lastRefusedMove = async () => {
    const audit = (await stack.get(office, `/api/campaigns/${id}/audit?action=moveDeadlines&outcome=refused&order=desc&limit=1`)).body as { reason: string; taskId: string | null }[];
    return chineseReason(audit[0].reason);
  };

  it('调整期限 beyond ten years names the task by its title — answered 400 and audited so (screen and CSV)', async () => {
    const title = (await stack.get(office, `/api/campaigns/${id}/tasks/${ZFB}`)).body.title as string;
    expect(title).toBeTruthy();
    const res = await stack.post(office, `/api/campaigns/${id}/deadlines`, { taskIds: [ZFB], shiftBy: 'P11Y', force: '确需顺延', reason: '顺延' });
    expect(res.status).toBe(400);
    const expected = `任务「${title}」调整后的截止日期超过十年，不予调整`;
    expect(res.body.message.map(chineseReason)).toEqual([expected]);
    expect(await lastRefusedMove()).toBe(expected);
    const csv = (await stack.get(office, `/api/campaigns/${id}/audit.csv?action=moveDeadlines&outcome=refused`)).text;
    expect(csv).toContain(expected);
    expect(csv).not.toContain(`任务${ZFB}`);
  });

  it('调整期限 without a date or a shift, and with no task chosen: no API field name in what people read', async () => {
    const none = await stack.post(office, `/api/campaigns/${id}/deadlines`, { taskIds: [ZFB], reason: '顺延' });
    expect([none.status, none.body.message.map(chineseReason)]).toEqual([400, ['须指定新的截止日期或顺延时长（二者选一）']]);
    expect(await lastRefusedMove()).toBe('须指定新的截止日期或顺延时长（二者选一）');
    const empty = await stack.post(office, `/api/campaigns/${id}/deadlines`, { taskIds: [], shiftBy: 'P7D', reason: '顺延' });
    expect([empty.status, empty.body.message.map(chineseReason)]).toEqual([400, ['指令格式错误：须至少选择1项任务']]);
    expect(await lastRefusedMove()).toBe('指令格式错误：须至少选择1项任务');
    // a body the API refuses itself names the field in Chinese too
    const bad = await stack.post(office, `/api/campaigns/${id}/deadlines`, { taskIds: [ZFB], shiftBy: '7 days', reason: '顺延' });
    expect([bad.status, bad.body.message.map(chineseReason)]).toEqual([400, ['顺延时长格式不正确，应如 P7D（7天）、P1M（1个月）、P1Y（1年）']]);
  });

  it('an inspector’s 审批通过 / 退回 is 403 无权限 while the task is returned, as once it is in approval — audited 无权限', async () => {
    const task = `/api/campaigns/${id}/tasks/materials:sx-tjj`;
    expect((await stack.post(tjj, `${task}/submit`, { comment: '已报送' })).status).toBe(200);
    const inApproval = await stack.post(inspector, `${task}/approve`, { comment: '同意' });
    expect([inApproval.status, chineseReason(inApproval.body.message)]).toEqual([403, '您无权审批此任务（无审批权限）']);
    expect((await stack.post(office, `${task}/return`, { reason: '请补充分管领导' })).status).toBe(200);
    for (const action of ['approve', 'return']) {
      const r = await stack.post(inspector, `${task}/${action}`, action === 'return' ? { reason: '不符合' } : { comment: '同意' });
      expect([action, r.status, chineseReason(r.body.message)]).toEqual([action, 403, '您无权审批此任务（无审批权限）']);
    }
    const audit = (await stack.get(office, `/api/campaigns/${id}/audit?taskId=materials:sx-tjj&actor=${inspector.id}`)).body as { action: string; outcome: string }[];
    expect(audit.map((e) => [e.action, e.outcome])).toEqual([['approve', 'denied'], ['approve', 'denied'], ['return', 'denied']]);
  });

  it('role and sign-in refusals in Chinese only, the roles by their Chinese names', async () => {
    const users = await stack.get(inspector, '/api/users');
    expect([users.status, users.body.message]).toEqual([403, '无权限：仅限系统管理员、领导小组办公室或领导小组领导']);
    const anonymous = await stack.http().get('/api/users');
    expect([anonymous.status, anonymous.body.message]).toEqual([401, '未登录或登录已过期，请重新登录']);
  });

  it('audit queries: one reason per field, an unknown action refused with the actions in Chinese', async () => {
    const seq = await stack.get(office, `/api/campaigns/${id}/audit?afterSeq=abc`);
    expect([seq.status, seq.body.message.map(chineseReason)]).toEqual([400, ['起始序号须为整数']]);
    const action = await stack.get(office, `/api/campaigns/${id}/audit?action=foo`);
    expect(action.status).toBe(400);
    expect(action.body.message).toHaveLength(1);
    const words = chineseReason(action.body.message[0]);
    expect(words).toMatch(/^操作取值无效，可选：/);
    expect(words).toContain('调整期限');
    expect(words).not.toMatch(/moveDeadlines/);
    const kind = await stack.get(office, `/api/campaigns/${id}/tasks?kind=foo`);
    expect([kind.status, chineseReason(kind.body.message[0])]).toEqual([400, expect.stringMatching(/^任务类型取值无效，可选：/)]);
  });
});
