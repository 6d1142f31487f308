/**
 * Role → people follows account changes without a manual refresh (issue 9 item 1): the administrator adds an expert
 * and deactivates another after the campaign started, the office sets a unit's liaison — the running campaign of
 * that organization receives the new directory by itself (refreshDirectory by `system`, audited), so the 会签 step
 * opened afterwards needs the new expert and does not wait for the deactivated one. A change made outside the API
 * (no kick) is caught by the sweep. Runs in an organization of its own, so other suites' accounts do not interfere.
 */
import { DataSource } from 'typeorm';
import { DirectorySyncRepository, OrganizationRepository } from '@eco/persistence';
import { CampaignDirectoryService, directoryHash } from '../../apps/api/src/users/campaign-directory.service';
import { DirectorySyncService } from '../../apps/api/src/users/directory-sync.service';
import { eventually, useCampaignStack } from './campaign-stack';
import { createUser, tokenFor, uniqueName } from './helpers';

describe('directory sync: running campaigns follow account changes', () => {
  // kicks on, the periodic sweep out of this test's way (it would also touch other suites' campaigns)
  const stack = useCampaignStack({ taskQueue: 'e2e-dirsync', config: { DIRECTORY_SYNC_INTERVAL_MS: '3600000' } });
  const { http, as, post } = stack;
  const org = uniqueName('dsync');
  const user = async (roles: ('office' | 'expert' | 'unit' | 'admin' | 'leader')[], name: string, unitId?: string) => {
    const u = await createUser(stack.app, { roles, name, organizationId: roles.includes('admin') ? null : org, ...(unitId ? { unitId } : {}) });
    stack.setToken(u.id, await tokenFor(stack.app, u.username));
    return u.id;
  };
  /** The campaign holds its organization's current directory (the sync state's hash is the accounts' hash now). */
  const inSync = async (campaignId: string) => {
    const now = directoryHash(await stack.app.get(CampaignDirectoryService).forOrganization(org));
    await eventually(() => stack.app.get(DirectorySyncRepository).state(campaignId), (s) => s?.directoryHash === now, 30000);
  };
  const systemRefreshes = async (office: string, id: string) =>
    (await http().get(`/api/campaigns/${id}/audit?action=refreshDirectory`).set(as(office))).body.filter((e: { actor: { id: string } }) => e.actor.id === 'system');

  let admin: string;
  let office1: string;
  let expertA: string;
  let expertB: string;

  beforeAll(async () => {
    await stack.app.get(OrganizationRepository).upsert({ id: org, name: '名录同步测试县', level: 'county', parentId: null, regionName: null });
    await stack.app.get(OrganizationRepository).upsertUnits(org, [{ unitId: 'sx-tjj', name: '县统计局' }]);
    admin = await user(['admin'], '系统管理员');
    office1 = await user(['office'], '办公室科员');
    await user(['office'], '办公室副主任');
    await user(['leader'], '分管副县长');
    expertA = await user(['expert'], '评审专家甲');
    expertB = await user(['expert'], '评审专家乙（将停用）');
  }, 120000);

  it('an expert created after the start signs the 会签 opened later; a deactivated one is not waited for; both refreshes audited as system', async () => {
    const day = new Date(Date.now() + 5 * 86400000).toISOString();
    const started = await post(office1, '/api/campaigns', {
      templateId: 'sishui-2023', schedule: { materials: day, 'key-projects': day, 'work-plan-issued': day, 'leadership-group': day, 'plan-started': day },
      takeOver: true, done: ['plan-draft', 'plan-comments', 'plan-review-draft'],
    });
    expect(started.status).toBe(201);
    const id = started.body.id as string;
    await inSync(id); // remembered at start: nothing to send yet
    expect(await systemRefreshes(office1, id)).toEqual([]);

    // the administrator adds an expert and deactivates another, through the API, nobody refreshes by hand
    const newExpert = uniqueName('dsync-expert');
    const created = await http().post('/api/users').set(as(admin)).send({ username: newExpert, password: 'Ecology-2027-pass', name: '新聘评审专家', roles: ['expert'], organizationId: org });
    expect(created.status).toBe(201);
    stack.setToken(newExpert, await tokenFor(stack.app, newExpert));
    expect((await post(admin, `/api/users/${expertB}/deactivate`)).status).toBe(200);
    await inSync(id);
    const refreshes = await systemRefreshes(office1, id);
    expect(refreshes.length).toBeGreaterThanOrEqual(1);
    expect(refreshes[0]).toMatchObject({ actor: { id: 'system' }, outcome: 'accepted', organizationId: org });

    // the 专家评审 step opens now: every active expert of the county, the new one included, the deactivated one not
    expect((await post(office1, `/api/campaigns/${id}/close-phase`, { phase: 'mobilization', reason: '进入创建实施' })).status).toBe(200);
    const list = await http().get(`/api/campaigns/${id}/tasks?kind=plan-expert-review`).set(as(office1));
    const path = `/api/campaigns/${id}/tasks/${list.body[0].id}`;
    const sub = await post(office1, `${path}/submit`, { comment: '评审稿已送专家', files: [await stack.uploadPdf(office1, path, '规划评审稿.pdf')] });
    expect(sub.status).toBe(200);
    expect([...sub.body.task.steps[0].signers].sort()).toEqual([`user:${expertA}`, `user:${newExpert}`].sort());
    const one = await post(expertA, `${path}/approve`, { comment: '同意' });
    expect(one.body.task).toMatchObject({ status: 'submitted', waitingFor: [`user:${newExpert}`] });
    const two = await post(newExpert, `${path}/approve`, { comment: '同意' });
    expect(two.body.task.status).toBe('approved');
  });

  it("a unit's new liaison reaches the campaign; a change made outside the API is caught by the sweep", async () => {
    const day = new Date(Date.now() + 5 * 86400000).toISOString();
    const id = (await post(office1, '/api/campaigns', { templateId: 'sishui-2023', schedule: { materials: day } })).body.id as string;
    await inSync(id);
    const before = (await systemRefreshes(office1, id)).length;

    const liaison = await user(['unit'], '统计局联络员', 'sx-tjj'); // created in the database: no kick
    const duties = await http().put('/api/organization/units/sx-tjj/duties').set(as(office1)).send({ liaisons: [liaison] });
    expect(duties.status).toBe(200);
    await inSync(id);
    expect((await systemRefreshes(office1, id)).length).toBe(before + 1);

    // an expert written straight into the database (seeding, a restore…): only the sweep notices
    await user(['expert'], '导入的专家');
    const report = await stack.app.get(DirectorySyncService).sync(org);
    expect(report.sent).toContain(id);
    await inSync(id);
    expect((await systemRefreshes(office1, id)).length).toBe(before + 2);
    // nothing changed since: the next sweep sends nothing
    expect((await stack.app.get(DirectorySyncService).sync(org)).sent).toEqual([]);
  });

  it("the office names a unit's new liaison: the new account's 提醒 holds one 【新任务】 listing the unit's open tasks; the replaced one gets nothing new", async () => {
    // walkthrough: 新建用户 王晓红 → 县统计局 指定人员 in place of the old liaison; her 我的待办 showed the unit's tasks, her
    // 提醒 only later messages — the start's 【新任务】 had gone to the replaced account
    const notices = async (who: string, id: string) => ((await http().get('/api/me/notifications').query({ campaignId: id, limit: 200 }).set(as(who))).body.items as { message: string; taskId: string }[]).filter((i) => i.message.startsWith('【新任务】'));
    const old = await user(['unit'], '统计局原联络员', 'sx-tjj');
    expect((await http().put('/api/organization/units/sx-tjj/duties').set(as(office1)).send({ liaisons: [old] })).status).toBe(200);
    const day = new Date(Date.now() + 5 * 86400000).toISOString();
    const id = (await post(office1, '/api/campaigns', { templateId: 'sishui-2023', schedule: { materials: day } })).body.id as string;
    await inSync(id);
    const toOld = await eventually(() => notices(old, id), (items) => items.length > 0, 60000);

    const wxh = await user(['unit'], '王晓红', 'sx-tjj');
    expect((await http().put('/api/organization/units/sx-tjj/duties').set(as(office1)).send({ liaisons: [wxh] })).status).toBe(200);
    await inSync(id);
    const told = await eventually(() => notices(wxh, id), (items) => items.length > 0, 60000);
    // her 我的待办: the unit's open tasks, each named by the one message (「A」等N项任务已下达（您已被指定为县统计局联络员）…)
    const open = ((await http().get('/api/me/inbox').query({ campaignId: id, limit: 200 }).set(as(wxh))).body.items as { id: string; title: string; need: string }[]).filter((t) => t.need === 'submit');
    expect(open.length).toBeGreaterThan(1);
    expect(told).toHaveLength(1);
    expect(told[0].message).toMatch(new RegExp(`^【新任务】「.+」等${open.length}项任务已下达（您已被指定为县统计局联络员）`));
    expect(open.map((t) => t.id)).toContain(told[0].taskId);
    // the replaced liaison: nothing new
    await new Promise((r) => setTimeout(r, 1500));
    expect((await notices(old, id)).length).toBe(toOld.length);
  });
  it("the only 分管负责人 whose signature is awaited is deactivated: the step goes to nobody and the office is told 【无人签批】 at once; naming a new one hands it to her", async () => {
    // walkthrough: 县应急局's 分管负责人 was deactivated while her 签字 on the unit's sealed statement was awaited; the task
    // kept showing 待处理：郭霞, nobody was told, and naming a new 分管负责人 changed nothing — only a 转交 freed it
    const liaison = await user(['unit'], '统计局联络员（签字用）', 'sx-tjj');
    const fzr = await user(['unit'], '郭霞', 'sx-tjj');
    expect((await http().put('/api/organization/units/sx-tjj/duties').set(as(office1)).send({ liaisons: [liaison], responsibleLeaders: [fzr] })).status).toBe(200);
    const day = new Date(Date.now() + 5 * 86400000).toISOString();
    const id = (await post(office1, '/api/campaigns', { templateId: 'sishui-2023', schedule: { materials: day, 'key-projects': day } })).body.id as string;
    await inSync(id);
    const task = `/api/campaigns/${id}/tasks/key-projects:sx-tjj`;
    const statement = await stack.uploadPdf(liaison, task);
    const sent = await post(liaison, `${task}/submit`, { comment: '无重点工程项目', files: [statement], formalities: { outcome: 'none', seal: true, principalSignature: '统计局局长' } });
    expect(sent.status).toBe(200);
    expect(sent.body.task.waitingFor).toEqual([`user:${fzr}`]);

    expect((await post(office1, `/api/users/${fzr}/deactivate`)).status).toBe(200);
    await inSync(id);
    const stuck = await eventually(() => http().get(task).set(as(office1)), (r) => !r.body.waitingFor?.includes(`user:${fzr}`), 30000);
    expect(stuck.body.waitingFor).toEqual([expect.stringMatching(/^nobody:/)]);
    const told = await eventually(
      async () => ((await http().get('/api/me/notifications').query({ campaignId: id, limit: 200 }).set(as(office1))).body.items as { message: string; taskId: string }[]).filter((n) => n.taskId === 'key-projects:sx-tjj' && n.message.startsWith('【无人签批】')),
      (items) => items.length > 0,
      30000,
    );
    expect(told[0].message).toMatch(/「分管负责人签字」环节暂无可签批人员（该单位未设置在岗的分管负责人）/);

    const next = await user(['unit'], '林晓燕', 'sx-tjj');
    expect((await http().put('/api/organization/units/sx-tjj/duties').set(as(office1)).send({ responsibleLeaders: [next] })).status).toBe(200);
    await inSync(id);
    const handed = await eventually(() => http().get(task).set(as(office1)), (r) => r.body.waitingFor?.includes(`user:${next}`), 30000);
    expect(handed.body.waitingFor).toEqual([`user:${next}`]);
    const signed = await post(next, `${task}/approve`, { comment: '情况属实' });
    expect(signed.status).toBe(200);
    expect(signed.body.task.waitingFor).not.toContain(`user:${next}`);
  });

  it("a 分管负责人 handed the 签字 (转交) is deactivated: the step cannot be re-resolved, the office's 提醒 says so once (【签批人已停用】)", async () => {
    // review: the transferee's place is the office's choice, so a refresh leaves it — and the step waited on her silently
    const liaison = await user(['unit'], '统计局联络员（转交用）', 'sx-tjj');
    const fzr = await user(['unit'], '分管负责人（休假）', 'sx-tjj');
    expect((await http().put('/api/organization/units/sx-tjj/duties').set(as(office1)).send({ liaisons: [liaison], responsibleLeaders: [fzr] })).status).toBe(200);
    const day = new Date(Date.now() + 5 * 86400000).toISOString();
    const id = (await post(office1, '/api/campaigns', { templateId: 'sishui-2023', schedule: { materials: day, 'key-projects': day } })).body.id as string;
    await inSync(id);
    const task = `/api/campaigns/${id}/tasks/key-projects:sx-tjj`;
    const sent = await post(liaison, `${task}/submit`, { comment: '无重点工程项目', files: [await stack.uploadPdf(liaison, task)], formalities: { outcome: 'none', seal: true, principalSignature: '统计局局长' } });
    expect(sent.body.task.waitingFor).toEqual([`user:${fzr}`]);
    // a second 分管负责人 named since; the office hands her the 签字
    const gxa = await user(['unit'], '顾小安', 'sx-tjj');
    expect((await http().put('/api/organization/units/sx-tjj/duties').set(as(office1)).send({ responsibleLeaders: [fzr, gxa] })).status).toBe(200);
    await inSync(id);
    const handed = await post(office1, `${task}/transfer`, { from: `user:${fzr}`, toUserId: gxa, reason: '分管负责人休假' });
    expect([handed.status, handed.body.task?.waitingFor]).toEqual([200, [`user:${gxa}`]]);

    expect((await post(office1, `/api/users/${gxa}/deactivate`)).status).toBe(200);
    await inSync(id);
    const stuck = async () => ((await http().get('/api/me/notifications').query({ campaignId: id, limit: 200 }).set(as(office1))).body.items as { message: string; taskId: string }[]).filter((n) => n.message.startsWith('【签批人已停用】'));
    const told = await eventually(stuck, (items) => items.length > 0, 30000);
    expect(told).toEqual([expect.objectContaining({ taskId: 'key-projects:sx-tjj', message: expect.stringMatching(/^【签批人已停用】「.+」「分管负责人签字」环节仍在等待已停用的顾小安签批，该环节无法完成。请在任务页将其签批转交他人/) })]);
    expect((await http().get(task).set(as(office1))).body.waitingFor).toEqual([`user:${gxa}`]);
    // the next change of the county's accounts: not again
    await user(['expert'], '新聘专家（转交用）');
    await stack.app.get(DirectorySyncService).sync(org);
    await inSync(id);
    // the outbox is written with the refresh's own write (before inSync sees the new directory): read there, not after a wait
    const outbox = async () =>
      ((await stack.app.get(DataSource).query(`SELECT dedupe_key FROM notification_outbox WHERE campaign_id = $1 AND dedupe_key LIKE '%|notice|stuck:%'`, [id])) as unknown[]).length;
    expect(await outbox()).toBe(1);
    expect(await stuck()).toHaveLength(1);
    expect((await http().post(`/api/campaigns/${id}/cancel`).set(as(office1)).send({ reason: '测试结束，终止创建活动' })).status).toBe(200);
  });

  it('等待其签批的事项: GET /api/users/:id/awaited names the task waiting for the 分管负责人 (office only, this county only); empty for others and once her step has gone to nobody', async () => {
    const liaison = await user(['unit'], '统计局联络员（待签查询）', 'sx-tjj');
    const fzr = await user(['unit'], '分管负责人（待签查询）', 'sx-tjj');
    expect((await http().put('/api/organization/units/sx-tjj/duties').set(as(office1)).send({ liaisons: [liaison], responsibleLeaders: [fzr] })).status).toBe(200);
    const day = new Date(Date.now() + 5 * 86400000).toISOString();
    const id = (await post(office1, '/api/campaigns', { templateId: 'sishui-2023', schedule: { materials: day, 'key-projects': day } })).body.id as string;
    await inSync(id);
    const task = `/api/campaigns/${id}/tasks/key-projects:sx-tjj`;
    const sent = await post(liaison, `${task}/submit`, { comment: '无重点工程项目', files: [await stack.uploadPdf(liaison, task)], formalities: { outcome: 'none', seal: true, principalSignature: '统计局局长' } });
    expect(sent.body.task.waitingFor).toEqual([`user:${fzr}`]);
    const campaignName = (await http().get(`/api/campaigns/${id}`).set(as(office1))).body.name as string;

    const awaited = async (who: string, of: string) => http().get(`/api/users/${of}/awaited`).set(as(who));
    const hers = await eventually(() => awaited(office1, fzr), (r) => r.body.items?.some((t: { campaignId: string }) => t.campaignId === id), 30000);
    expect(hers.status).toBe(200);
    const mine = hers.body.items.filter((t: { campaignId: string }) => t.campaignId === id);
    expect(mine).toEqual([{ campaignId: id, campaignName, taskId: 'key-projects:sx-tjj', title: sent.body.task.title, stepName: '分管负责人签字', dueAt: new Date(sent.body.task.dueAt).toISOString() }]);
    expect(hers.body.total).toBe(hers.body.items.length);
    // the liaison's own signature is awaited nowhere; the administrator reads it too
    expect((await awaited(office1, liaison)).body).toEqual({ total: 0, items: [] });
    expect((await awaited(admin, fzr)).body.items).toEqual(hers.body.items);
    // a unit user may not ask (403); another county's office finds no such account (404), as for 停用
    expect((await awaited(liaison, fzr)).status).toBe(403);
    const other = await createUser(stack.app, { roles: ['office'], name: '他县办公室' });
    stack.setToken(other.id, await tokenFor(stack.app, other.username));
    const foreign = await awaited(other.id, fzr);
    expect([foreign.status, foreign.body.message]).toEqual([404, `用户不存在 (user ${fzr} not found)`]);

    // stopped: her step goes to nobody (【无人签批】 to the office), so nothing waits on her any more
    expect((await post(office1, `/api/users/${fzr}/deactivate`)).status).toBe(200);
    await inSync(id);
    await eventually(() => awaited(office1, fzr), (r) => r.status === 200 && !r.body.items.some((t: { campaignId: string }) => t.campaignId === id), 30000);
  });
});
