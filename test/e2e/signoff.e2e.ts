/**
 * Sign-off rules through the API with real logins (issue 9 items 1–3): 会签 over people, a required co-signer (并加签),
 * segregation of duties by every route (approve, transfer, add-approver), transfer targets that must exist, and an
 * office-owned task approved by a different person.
 */
import { eventually, TestActor, useCampaignStack } from './campaign-stack';
import { createUser, tokenFor, uniqueName, type TestUser } from './helpers';

const person = (role: string, name: string, unitId?: string): TestActor => ({ id: uniqueName(`so-${role}`), name, roles: [role], ...(unitId ? { unitId } : {}) });
const office1 = person('office', '办公室科员甲');
const office2 = person('office', '办公室科员乙');
const leader = person('leader', '分管副县长');
const expertA = person('expert', '评审专家甲');
const expertB = person('expert', '评审专家乙');
const tjjA = person('unit', '统计局联络员', 'sx-tjj');
const tjjB = person('unit', '统计局副局长', 'sx-tjj');
const gxj = person('unit', '工信局联络员', 'sx-gxj');
const gxjLeader = person('unit', '工信局分管负责人', 'sx-gxj');
const wlj = person('unit', '文旅局联络员', 'sx-wlj');
const wljLeader = person('unit', '文旅局分管负责人', 'sx-wlj');

describe('sign-off rules through the API (real logins)', () => {
  const stack = useCampaignStack({ taskQueue: 'e2e-signoff', people: [office1, office2, leader, expertA, expertB, tjjA, tjjB, gxj, gxjLeader, wlj, wljLeader] });
  const { http, as, post } = stack;

  const startCampaign = async (extra: Record<string, unknown> = {}) => {
    const day = new Date(Date.now() + 5 * 86400000).toISOString();
    const res = await post(office1, '/api/campaigns', { templateId: 'sishui-2023', schedule: { materials: day, 'key-projects': day, 'work-plan-issued': day, 'leadership-group': day, 'plan-started': day }, ...extra });
    expect(res.status).toBe(201);
    return res.body.id as string;
  };

  // Duties are the shared test county's: the unit's 分管负责人 named here is taken away again for the files after this one.
  const noLeader = async () => {
    await http().put('/api/organization/units/sx-gxj/duties').set(as(office1)).send({ responsibleLeaders: [] });
  };
  /** A campaign started once 工信局's 分管负责人 is named (统计局 has none: its statements wait for the office). */
  const startWithGxjLeader = async () => {
    expect((await http().put('/api/organization/units/sx-gxj/duties').set(as(office1)).send({ responsibleLeaders: [gxjLeader.id] })).status).toBe(200);
    return startCampaign();
  };

  describe('on mobilization tasks', () => {
    let id: string;
    beforeAll(async () => {
      id = await startWithGxjLeader();
    }, 60000);
    afterAll(noLeader);

    it('a co-signer added to an 或签 step (并加签) is required: the office approving alone does not close it', async () => {
      const task = `/api/campaigns/${id}/tasks/materials:sx-gxj`;
      expect((await post(gxj, `${task}/submit`, { comment: '已报送' })).status).toBe(200);
      const add = await post(office1, `${task}/add-approver`, { userId: expertA.id, reason: '请专家把关', mode: 'co-sign' });
      expect(add.status).toBe(200);
      expect(add.body.task.steps[0].signers).toEqual(expect.arrayContaining([`user:${office1.id}`, `user:${office2.id}`, `user:${expertA.id}`]));
      // the co-signer's 待办 says 会签, not 审批 (walkthrough: the 组长 added to the office's review found it under 审批)
      const need = async () => ((await http().get('/api/me/inbox').query({ campaignId: id, limit: 200 }).set(as(expertA))).body.items as { id: string; need: string }[]).filter((i) => i.id === 'materials:sx-gxj').map((i) => i.need);
      expect(await eventually(need, (n) => n.length > 0)).toEqual(['countersign']);
      const first = await post(office2, `${task}/approve`, { comment: '同意' });
      expect(first.status).toBe(200);
      expect(first.body.task.status).toBe('submitted');
      expect(first.body.task.waitingFor).toEqual([`user:${expertA.id}`]);
      const second = await post(expertA, `${task}/approve`, { comment: '专家同意' });
      expect(second.status).toBe(200);
      expect(second.body.task.status).toBe('approved');
    });

    it('an expert reads the plan’s tasks and those they are named on (here: added and decided), nothing else — as their files (walkthrough: an expert listed every unit’s sealed statement)', async () => {
      const base = `/api/campaigns/${id}`;
      const all = (await http().get(`${base}/tasks`).set(as(office1))).body as { id: string; kind: string }[];
      expect(all.map((t) => t.id)).toEqual(expect.arrayContaining(['key-projects:sx-tjj', 'materials:sx-tjj', 'materials:sx-gxj']));
      const mine = await http().get(`${base}/tasks`).set(as(expertA));
      expect(mine.status).toBe(200);
      const ids = (mine.body as { id: string; kind: string }[]).map((t) => t.id);
      expect(ids).toContain('materials:sx-gxj'); // 加签 on it, and decided
      expect((mine.body as { id: string; kind: string }[]).filter((t) => !t.kind.startsWith('plan-')).map((t) => t.id)).toEqual(['materials:sx-gxj']);
      expect(ids.length).toBeGreaterThan(1); // the plan's tasks
      expect(ids.length).toBeLessThan(all.length);
      // a page counts only what the expert reads; another expert, never named, has only the plan's
      const page = await http().get(`${base}/tasks?limit=5`).set(as(expertA));
      expect(page.headers['x-total-count']).toBe(String(ids.length));
      expect(((await http().get(`${base}/tasks`).set(as(expertB))).body as { kind: string }[]).every((t) => t.kind.startsWith('plan-'))).toBe(true);
      // a task they were named on: 200; a unit's sealed statement: 404, as its files answer
      expect((await http().get(`${base}/tasks/materials:sx-gxj`).set(as(expertA))).status).toBe(200);
      expect((await http().get(`${base}/tasks/materials:sx-gxj`).set(as(expertB))).status).toBe(404);
      for (const t of ['key-projects:sx-tjj', 'materials:sx-tjj']) {
        const task = await http().get(`${base}/tasks/${t}`).set(as(expertA));
        expect([t, task.status, task.body.message]).toEqual([t, 404, expect.stringContaining('任务不存在')]);
        expect([t, (await http().get(`${base}/tasks/${t}/files`).set(as(expertA))).status]).toEqual([t, 404]);
      }
      const plan = (mine.body as { id: string; kind: string }[]).find((t) => t.kind.startsWith('plan-'))!;
      expect((await http().get(`${base}/tasks/${plan.id}`).set(as(expertA))).status).toBe(200);
      expect((await http().get(`${base}/tasks/${plan.id}/files`).set(as(expertA))).status).toBe(200);
      // the campaign itself stays open to them; its audit trail does not (the access policy's audit read)
      expect((await http().get(base).set(as(expertA))).status).toBe(200);
      expect((await http().get(`${base}/audit`).set(as(expertA))).status).toBe(403);
    });

    it("an expert's campaign detail is the reader's: no 申报条件, no unit's overdue or flagged tasks, counts over the tasks they read; the office's is unchanged (walkthrough: an expert read the office's whole detail)", async () => {
      const base = `/api/campaigns/${id}`;
      const all = (await http().get(`${base}/tasks`).set(as(office1))).body as { id: string; status: string }[];
      const office = await http().get(base).set(as(office1));
      expect(office.status).toBe(200);
      expect(office.body).toMatchObject({ gate: expect.any(Object), overdueTaskIds: expect.any(Array), flaggedTaskIds: expect.any(Array), reads: expect.arrayContaining(['all-tasks', 'gate']) });
      expect(office.body.progress.total).toBe(all.filter((t) => t.status !== 'cancelled').length);
      for (const [expert, label] of [[expertA, 'named on materials:sx-gxj'], [expertB, 'never named']] as const) {
        const mine = (await http().get(`${base}/tasks`).set(as(expert))).body as { id: string; status: string }[];
        for (const detail of [await http().get(base).set(as(expert)), await http().get(base).set(as(expert)).set('If-None-Match', office.headers.etag as string)]) {
          expect([label, detail.status]).toEqual([label, 200]);
          expect(detail.body).toMatchObject({ id, name: office.body.name, status: office.body.status, phase: office.body.phase, phaseName: office.body.phaseName, startAt: office.body.startAt, actions: [], reads: [] });
          for (const k of ['gate', 'overdueTaskIds', 'flaggedTaskIds', 'reminderPolicy', 'dataFailures', 'revision']) expect([label, k, detail.body[k]]).toEqual([label, k, undefined]);
          expect(detail.body.phases.map((p: { key: string; dueAt: string }) => [p.key, p.dueAt])).toEqual(office.body.phases.map((p: { key: string; dueAt: string }) => [p.key, p.dueAt]));
          // counted over what they read: the plan's tasks (and, for the one named, that unit's statement)
          expect([label, detail.body.progress.total]).toEqual([label, mine.filter((t) => t.status !== 'cancelled').length]);
          expect(detail.body.progress.total).toBeLessThan(office.body.progress.total);
          expect(JSON.stringify(detail.body)).not.toMatch(/sx-tjj|sx-wlj/);
        }
        // the gate itself: 403 with the policy's reason
        const gate = await http().get(`${base}/gate`).set(as(expert));
        expect([label, gate.status, gate.body.message]).toEqual([label, 403, expect.stringMatching(/^申报条件由领导小组办公室、领导、核查方和各责任单位查阅/)]);
      }
      // a unit reads the gate (its own items linked, the others named) and its own counts, as before; the office its gate
      expect((await http().get(`${base}/gate`).set(as(gxj))).status).toBe(200);
      expect((await http().get(`${base}/gate`).set(as(office1))).status).toBe(200);
      const unit = await http().get(base).set(as(gxj));
      expect(unit.body).toMatchObject({ reads: ['unit-reminders', 'gate'] });
      expect(unit.body.gate).toBeUndefined();
      const own = (await http().get(`${base}/tasks`).set(as(gxj))).body as { status: string }[];
      expect(unit.body.progress.total).toBe(own.filter((t) => t.status !== 'cancelled').length);
      // the campaign list says the same counts as each reader's campaign page (a liaison's list once counted the county's)
      const listed = async (who: TestActor) => {
        const r = await http().get('/api/campaigns').set(as(who));
        expect([r.status, Array.isArray(r.body)]).toEqual([200, true]);
        return (r.body as { id: string; progress: object }[]).find((c) => c.id === id)?.progress;
      };
      expect(await listed(gxj)).toEqual(unit.body.progress);
      expect(await listed(expertA)).toEqual((await http().get(base).set(as(expertA))).body.progress);
      expect(await listed(office1)).toEqual(office.body.progress);
    });

    it('a unit cannot approve its own submission by any route (approve, transfer, add-approver); each refusal is audited', async () => {
      const task = `/api/campaigns/${id}/tasks/materials:sx-tjj`;
      expect((await post(tjjA, `${task}/submit`, { comment: '已报送' })).status).toBe(200);
      expect((await post(tjjA, `${task}/approve`)).status).toBe(403);
      expect((await post(tjjB, `${task}/approve`)).status).toBe(403);
      const toColleague = await post(office1, `${task}/transfer`, { toUserId: tjjB.id, reason: '请统计局自己审' });
      expect(toColleague.status).toBe(403);
      expect(toColleague.body.message).toContain('不能转交给提交人或提交单位的人员');
      expect((await post(office1, `${task}/transfer`, { toUserId: tjjA.id, reason: '转给提交人' })).status).toBe(403);
      expect((await post(office1, `${task}/add-approver`, { userId: tjjB.id, reason: '加签本单位' })).status).toBe(403);
      // the 转交 / 加签 dialogs offer exactly whom the policy accepts: nobody of the submitting unit, people by name and unit
      for (const purpose of ['transfer', 'addApprover']) {
        const offered = await http().get(`${task}/candidates`).query({ purpose }).set(as(office1));
        expect(offered.status).toBe(200);
        const ids = (offered.body as any[]).map((c) => c.id);
        // 转交 keeps the office's review with the office (or a leader above it); 加签 adds a leader or an expert the
        // office consults, not another unit's liaison (planRules.strictAddApprover)
        if (purpose === 'transfer') {
          expect(ids).toContain(leader.id);
          expect(ids.filter((x) => x === expertA.id || x === gxj.id)).toEqual([]);
        } else {
          expect(ids).toEqual(expect.arrayContaining([leader.id, expertA.id]));
          expect(ids).not.toContain(gxj.id);
          expect((offered.body as any[]).find((c) => c.id === expertA.id)).toEqual({ id: expertA.id, name: expertA.name, unitId: null, unitName: null, roles: ['expert'] });
        }
        // not the submitter's unit, not the caller, not the office's other clerk (already a signer of this 或签 step)
        expect(ids.filter((x) => x === tjjA.id || x === tjjB.id || x === office1.id || x === office2.id)).toEqual([]);
      }
      // a place not on the step is 400 (the leader may receive the office's review: the target passes)
      const wrong = await post(office1, `${task}/transfer`, { toUserId: leader.id, reason: '出差', from: 'user:nobody-on-this-step' });
      expect([wrong.status, String(wrong.body.message)]).toEqual([400, expect.stringContaining('不是当前环节的审批人')]);
      // the office's review is not handed to another unit's liaison (planRules.strictHandOver)
      const toOtherUnit = await post(office1, `${task}/transfer`, { toUserId: gxj.id, reason: '请工信局代审' });
      expect([toOtherUnit.status, toOtherUnit.body.message]).toEqual([403, expect.stringContaining('只能转交给与本环节审批人同类的人员')]);
      // the unit, which may neither hand over nor add here, is offered nobody (403); a purpose that is not one is a 400
      expect((await http().get(`${task}/candidates`).query({ purpose: 'transfer' }).set(as(tjjB))).status).toBe(403);
      expect((await http().get(`${task}/candidates`).query({ purpose: 'approve' }).set(as(office1))).status).toBe(400);
      // still waiting for the office, and nobody of the unit became an approver
      const read = await http().get(task).set(as(office1));
      expect(read.body.status).toBe('submitted');
      expect(read.body.waitingFor.some((w: string) => w.includes('sx-tjj') || w === `user:${tjjA.id}` || w === `user:${tjjB.id}`)).toBe(false);
      const audit = await http().get(`/api/campaigns/${id}/audit?taskId=materials:sx-tjj`).set(as(office1));
      const denied = audit.body.filter((e: any) => e.outcome === 'denied').map((e: any) => `${e.action}:${e.actor.id}`);
      expect(denied).toEqual(expect.arrayContaining([`approve:${tjjA.id}`, `approve:${tjjB.id}`, `transfer:${office1.id}`, `addApprover:${office1.id}`]));
    });

    it('transfer to a user who does not exist is a 400 (audited), and the step keeps its approver', async () => {
      const task = `/api/campaigns/${id}/tasks/key-projects:sx-gxj`;
      const statement = await stack.uploadPdf(gxj, task);
      expect((await post(gxj, `${task}/submit`, { comment: '无重点工程项目', files: [statement], formalities: { outcome: 'none', seal: true, principalSignature: '工信局局长' } })).status).toBe(200);
      expect((await post(gxjLeader, `${task}/approve`, { comment: '情况属实' })).status).toBe(200); // 分管负责人签字
      const r = await post(office1, `${task}/transfer`, { toUserId: 'u-li-does-not-exist', reason: '出差' });
      expect(r.status).toBe(400);
      const added = await post(office1, `${task}/add-approver`, { userId: 'nobody-here', reason: '加签' });
      expect(added.status).toBe(400);
      const audit = await http().get(`/api/campaigns/${id}/audit?taskId=key-projects:sx-gxj&outcome=refused`).set(as(office1));
      expect(audit.body.map((e: any) => e.action)).toEqual(expect.arrayContaining(['transfer', 'addApprover']));
      const ok = await post(office2, `${task}/approve`, { comment: '同意' });
      expect(ok.body.task.status).toBe('approved');
    });

    it('an office-owned task is approved by a different person: the submitter is not among the signers and is refused', async () => {
      const tasks = await http().get(`/api/campaigns/${id}/tasks?kind=work-plan-issued`).set(as(office1));
      const path = `/api/campaigns/${id}/tasks/${tasks.body[0]?.id ?? 'work-plan-issued'}`;
      const sub = await post(office1, `${path}/submit`, { comment: '工作方案已印发' });
      expect(sub.status).toBe(200);
      expect(sub.body.task.steps[0].signers).not.toContain(`user:${office1.id}`);
      expect(sub.body.task.steps[0].signers).toContain(`user:${office2.id}`);
      expect((await post(office1, `${path}/approve`)).status).toBe(403);
      const officeOk = await post(office2, `${path}/approve`, { comment: '同意' });
      expect(officeOk.status).toBe(200);
      expect(officeOk.body.task.steps[1]).toMatchObject({ status: 'active' });
      expect(officeOk.body.task.steps[1].signers).toContain(`user:${leader.id}`);
      // The submitter chooses nobody who signs their submission: no 转交 on it (walkthrough: the office handed its
      // deputy's place on its own task to an unrelated unit's liaison, who approved it).
      expect((await http().get(path).set(as(office1))).body.actions).not.toContain('transfer');
      const own = await post(office1, `${path}/transfer`, { toUserId: gxj.id, reason: '请工信局代审' });
      expect([own.status, own.body.message]).toEqual([403, expect.stringContaining('不能转交本人提交事项的审批位')]);
      // 转交 cannot give the next level to the one who signed the review: one person does not sign two levels.
      for (const body of [{ toUserId: office2.id, reason: '领导出差' }, { toUserId: office2.id, from: 'role:leader', reason: '领导出差' }]) {
        const twice = await post(leader, `${path}/transfer`, body);
        expect([twice.status, twice.body.message]).toEqual([403, expect.stringContaining('已在前序环节签批')]);
      }
      expect((await post(leader, `${path}/add-approver`, { userId: office2.id, mode: 'before', reason: '请办公室再看' })).status).toBe(403);
      const done = await post(leader, `${path}/approve`, { comment: '同意印发' });
      expect(done.body.task.status).toBe('approved');
    });
  });

  describe('分管负责人签字 (a unit\'s sealed statement: 无重点工程项目提报)', () => {
    let id: string;
    beforeAll(async () => {
      id = await startWithGxjLeader();
    }, 60000);
    afterAll(noLeader);
    const sealed = { comment: '本单位无重点工程项目', formalities: { outcome: 'none', seal: true, principalSignature: '工信局局长' } };

    it('waits for the unit\'s responsible leader (in their 待办, offered 审批/退回), not the liaison nor the office; then the office reviews', async () => {
      const task = `/api/campaigns/${id}/tasks/key-projects:sx-gxj`;
      // the form can say it before sending: a sealed statement of this campaign goes to the 分管负责人 first
      expect((await http().get(task).set(as(gxj))).body.requiredFormalities).toMatchObject({ leaderSigns: true, outcomes: expect.arrayContaining([expect.objectContaining({ key: 'none' })]) });
      const sub = await post(gxj, `${task}/submit`, { ...sealed, files: [await stack.uploadPdf(gxj, task)] });
      expect(sub.status).toBe(200);
      expect(sub.body.task.steps.map((x: any) => x.name)).toEqual(['分管负责人签字', '领导小组办公室审核']);
      expect(sub.body.task.waitingFor).toEqual([`user:${gxjLeader.id}`]);
      const inbox = (await http().get('/api/me/inbox').query({ campaignId: id, limit: 200 }).set(as(gxjLeader))).body;
      expect((inbox.items ?? inbox).filter((i: any) => i.id === 'key-projects:sx-gxj').map((i: any) => i.need)).toEqual(['approve']);
      // they sign or return it; handing it over or adding someone is the office's (walkthrough: handed to another unit's leader)
      expect((await http().get(task).set(as(gxjLeader))).body.actions).toEqual(['approve', 'return']);
      const handOver = await post(gxjLeader, `${task}/transfer`, { toUserId: leader.id, reason: '出差' });
      expect([handOver.status, handOver.body.message]).toEqual([403, expect.stringContaining('分管负责人签字须由本单位分管负责人签署')]);
      expect((await http().get(task).set(as(gxj))).body.actions).not.toContain('approve');
      expect((await post(gxj, `${task}/approve`)).status).toBe(403);
      expect((await post(office2, `${task}/approve`)).status).toBe(403);
      const signed = await post(gxjLeader, `${task}/approve`, { comment: '情况属实，同意报送' });
      expect(signed.status).toBe(200);
      expect(signed.body.task.steps[1]).toMatchObject({ name: '领导小组办公室审核', status: 'active' });
      expect((await post(gxjLeader, `${task}/approve`)).status).toBe(403); // the unit's leader does not review the unit's work
      expect((await post(office2, `${task}/approve`, { comment: '同意' })).body.task.status).toBe('approved');
      const audit = (await http().get(`/api/campaigns/${id}/audit?taskId=key-projects:sx-gxj&action=approve`).set(as(office1))).body;
      expect(audit.map((e: any) => [e.actor.id, e.step])).toEqual(expect.arrayContaining([[gxjLeader.id, 0], [office2.id, 1]]));
      // the record says what each did: 签字确认 for the leader's signature, 审批通过 for the office's review
      const csv = (await http().get(`/api/campaigns/${id}/audit.csv`).query({ taskId: 'key-projects:sx-gxj', action: 'approve' }).set(as(office1))).text;
      // (操作 then 操作人: the label right before the actor's name)
      // (their later refused try in the office's step reads 尝试审批通过: that step is an 审批)
      expect(csv).toMatch(new RegExp(`,"?签字确认"?,"?${gxjLeader.name}"?,`));
      expect(csv).toMatch(new RegExp(`,"?审批通过"?,"?${office2.name}"?,`));
      expect(csv).not.toMatch(new RegExp(`,"?审批通过"?,"?${gxjLeader.name}"?,`));
    });

    it('a unit without a 分管负责人 waits visibly for the office, which hands the place to the unit\'s deputy head (not to the submitter)', async () => {
      const task = `/api/campaigns/${id}/tasks/key-projects:sx-tjj`;
      const sub = await post(tjjA, `${task}/submit`, { ...sealed, files: [await stack.uploadPdf(tjjA, task)] });
      expect(sub.status).toBe(200);
      expect(sub.body.task.waitingFor).toEqual(['nobody:unit-leader:sx-tjj']);
      // the office is told, in words it can act on, and the item stays unread (not 已处理)
      const told = await eventually(
        async () => ((await http().get('/api/me/notifications').query({ limit: 50 }).set(as(office1))).body.items as any[]).find((n) => n.taskId === 'key-projects:sx-tjj' && n.campaignId === id),
        (n) => !!n,
      );
      expect([told.message, told.done, told.read]).toEqual([expect.stringMatching(/^【无人签批】.*该单位未设置在岗的分管负责人/), false, false]);
      expect((await post(office1, `${task}/transfer`, { toUserId: tjjA.id, reason: '请局领导签字' })).status).toBe(403);
      const moved = await post(office1, `${task}/transfer`, { toUserId: tjjB.id, reason: '统计局未设分管负责人，由副局长签字' });
      expect(moved.status).toBe(200);
      expect(moved.body.task.waitingFor).toEqual([`user:${tjjB.id}`]);
      expect((await post(tjjB, `${task}/approve`, { comment: '同意' })).body.task.steps[1].status).toBe('active');
    });
  });

  describe("the 分管负责人's 待办 (a unit with a liaison): what they sign, not the liaison's 报送", () => {
    // 文旅局: a unit no other file names duties for
    const duties = (body: Record<string, string[]>) => http().put('/api/organization/units/sx-wlj/duties').set(as(office1)).send(body);
    afterAll(async () => {
      await duties({ liaisons: [], responsibleLeaders: [] });
    });

    it("lists the unit's 报送 for its liaison, not for its 分管负责人 — until the unit has no liaison; the leader may still send one", async () => {
      expect((await duties({ liaisons: [wlj.id], responsibleLeaders: [wljLeader.id] })).status).toBe(200);
      const id = await startCampaign();
      const inbox = async (who: TestActor) => ((await http().get('/api/me/inbox').query({ campaignId: id, limit: 200 }).set(as(who))).body.items as any[]).filter((i) => i.unitId === 'sx-wlj');
      const liaisonItems = await inbox(wlj);
      expect(liaisonItems.length).toBeGreaterThan(0);
      expect(liaisonItems.every((i) => i.need === 'submit')).toBe(true);
      expect(await inbox(wljLeader)).toEqual([]);
      // who may act is unchanged: the leader is still offered 报送 on the task's page
      expect((await http().get(`/api/campaigns/${id}/tasks/${liaisonItems[0].id}`).set(as(wljLeader))).body.actions).toContain('submit');
      // a unit without a liaison: its work is every unit user's again, its leader's too
      expect((await duties({ liaisons: [] })).status).toBe(200);
      expect((await inbox(wljLeader)).map((i) => i.id).sort()).toEqual(liaisonItems.map((i) => i.id).sort());
    });
  });

  /**
   * A campaign in 创建实施 whose expert review the office has sent to the experts (stage order: it follows the review
   * draft — taken over with the drafting steps done).
   */
  const expertReviewSubmitted = async () => {
    const id = await startCampaign({ takeOver: true, done: ['plan-draft', 'plan-comments', 'plan-review-draft'] });
    expect((await post(office1, `/api/campaigns/${id}/close-phase`, { phase: 'mobilization', reason: '进入创建实施' })).status).toBe(200);
    const list = await http().get(`/api/campaigns/${id}/tasks?kind=plan-expert-review`).set(as(office1));
    const taskId: string = list.body[0].id;
    const path = `/api/campaigns/${id}/tasks/${taskId}`;
    // the experts sign on the text sent to them: the office attaches the 评审稿 (no file: 400 naming it)
    const bare = await post(office1, `${path}/submit`, { comment: '评审稿已送专家' });
    expect(bare.status).toBe(400);
    expect(JSON.stringify(bare.body.message)).toContain('报送时须上传《规划》评审稿（送专家评审的文本）');
    const refused = await http().get(`/api/campaigns/${id}/audit?taskId=${encodeURIComponent(taskId)}&outcome=refused`).set(as(office1));
    expect(refused.body.map((e: any) => [e.action, e.reason])).toEqual([['submit', expect.stringContaining('《规划》评审稿')]]); // audited as refused
    const draft = await stack.uploadPdf(office1, path, '生态文明建设示范区规划（评审稿）.pdf');
    const sub = await post(office1, `${path}/submit`, { comment: '评审稿已送专家', files: [draft] });
    expect(sub.status).toBe(200);
    return { id, path, taskId, sub };
  };

  describe('专家评审 (会签, mode all over role:expert)', () => {
    it('needs every resolved expert: one approval leaves it waiting for the others, the second one cannot sign twice', async () => {
      const { id, path, taskId, sub } = await expertReviewSubmitted();
      const signers: string[] = sub.body.task.steps[0].signers;
      expect(signers).toEqual(expect.arrayContaining([`user:${expertA.id}`, `user:${expertB.id}`]));
      expect(signers.every((s) => s.startsWith('user:'))).toBe(true);
      const one = await post(expertA, `${path}/approve`, { comment: '同意' });
      expect(one.status).toBe(200);
      expect(one.body.task.status).toBe('submitted');
      expect(one.body.task.waitingFor).toContain(`user:${expertB.id}`);
      expect(one.body.task.waitingFor).not.toContain(`user:${expertA.id}`);
      expect((await post(expertA, `${path}/approve`)).status).toBe(409);
      // Signed, expert A is offered nothing more to decide (the task read's actions follow the validator).
      const own = await http().get(path).set(as(expertA));
      expect(own.status).toBe(200); // their own expert review
      expect(own.body.actions).not.toEqual(expect.arrayContaining(['approve']));
      expect((await http().get(path).set(as(expertB))).body.actions).toEqual(expect.arrayContaining(['approve', 'return']));
      // The experts sign; the audit trail is for the office, leaders, admin and inspectors (the access policy's rule).
      for (const p of [`/api/campaigns/${id}/audit`, `/api/campaigns/${id}/audit/verify`, `/api/campaigns/${id}/audit.csv`]) {
        expect([p, (await http().get(p).set(as(expertA))).status]).toEqual([p, 403]);
      }
      // every other resolved expert signs (other suites may have created experts too); expert B last
      for (const s of signers.map((x) => x.slice(5)).filter((u) => u !== expertA.id && u !== expertB.id)) {
        if (!stack.hasToken(s)) stack.setToken(s, await tokenFor(stack.app, s));
        expect((await post(s, `${path}/approve`)).status).toBe(200);
      }
      const last = await post(expertB, `${path}/approve`, { comment: '同意' });
      expect(last.body.task.status).toBe('approved');
      const audit = await http().get(`/api/campaigns/${id}/audit?taskId=${encodeURIComponent(taskId)}&action=submit&outcome=accepted`).set(as(office1));
      expect(audit.body[0].detail.signers.map((x: any) => x.id)).toEqual(expect.arrayContaining([expertA.id, expertB.id]));
    });
  });

  describe('专家评审: the office hands over one expert\'s place (转交 with from)', () => {
    it('an expert away: the place stays with experts — not the leader, not the office (403); the submitter hands nothing over', async () => {
      const { path } = await expertReviewSubmitted(); // submitted by office1
      const moved = await post(office2, `${path}/transfer`, { toUserId: leader.id, reason: '专家乙出差，由分管副县长代为评审', from: `user:${expertB.id}` });
      expect([moved.status, moved.body.message]).toEqual([403, expect.stringContaining('只能转交给与本环节审批人同类的人员')]);
      const own = await post(office1, `${path}/transfer`, { toUserId: leader.id, reason: '专家乙出差', from: `user:${expertB.id}` });
      expect([own.status, own.body.message]).toEqual([403, expect.stringContaining('不能转交本人提交事项的审批位')]);
      // the 会签 still waits for both experts
      const read = await http().get(path).set(as(office2));
      expect(read.body.waitingFor).toEqual(expect.arrayContaining([`user:${expertA.id}`, `user:${expertB.id}`]));
      expect((await post(expertA, `${path}/approve`)).body.task.status).toBe('submitted');
    });
  });

  describe('专家评审: experts sign, the office organises the panel (campaigns started under planRules.signersSignOnly)', () => {
    it("an expert is offered only 同意 / 退回 and is refused 转交 and 加签 (403, audited); a co-signer who signed may not 加签; the office still does both", async () => {
      const { id, path, taskId } = await expertReviewSubmitted();
      const actionsOf = async (who: TestActor) => (await http().get(path).set(as(who))).body.actions as string[];
      expect(await actionsOf(expertA)).toEqual(['approve', 'return']);
      const handOver = await post(expertA, `${path}/transfer`, { toUserId: leader.id, reason: '本人出差，请领导代为评审' });
      expect([handOver.status, handOver.body.message]).toEqual([403, expect.stringContaining('评审专家只签批，转交和加签由领导小组办公室办理')]);
      expect((await post(expertA, `${path}/add-approver`, { userId: leader.id, reason: '请领导一并把关' })).status).toBe(403);
      const denied = await http().get(`/api/campaigns/${id}/audit?taskId=${encodeURIComponent(taskId)}&outcome=denied`).set(as(office1));
      expect(denied.body.map((e: any) => `${e.action}:${e.actor.id}`)).toEqual(expect.arrayContaining([`transfer:${expertA.id}`, `addApprover:${expertA.id}`]));

      // The office still organises the panel: the submitter may 加签 (no 转交), another clerk both.
      expect(await actionsOf(office1)).toEqual(expect.arrayContaining(['addApprover'])); // the submitter: 加签, no 转交
      expect(await actionsOf(office1)).not.toContain('transfer');
      expect(await actionsOf(office2)).toEqual(expect.arrayContaining(['transfer', 'addApprover']));
      // (a signer who has decided may not 加签: unit tests, libs/domain signoff.spec and task-actions.spec — on this step
      // only experts sign now, and experts add nobody)
    });
  });

  describe('专家评审: 加签 adds experts only (campaigns started under planRules.strictAddApprover)', () => {
    it('a unit\'s liaison, a clerk or a leader added to the experts\' 会签 is refused (403, audited) and not offered; the 会签 still waits for the experts', async () => {
      const { id, path, taskId } = await expertReviewSubmitted(); // submitted by office1
      // walkthrough: the office added 统计局's liaison, who then signed 专家评审
      for (const who of [gxj, office2, leader]) {
        const added = await post(office1, `${path}/add-approver`, { userId: who.id, reason: '请一并会签' });
        expect([who.name, added.status, added.body.message]).toEqual([who.name, 403, expect.stringContaining('只能加签与本环节审批人同类的人员')]);
      }
      const offered = await http().get(`${path}/candidates`).query({ purpose: 'addApprover' }).set(as(office2));
      expect(offered.status).toBe(200);
      const ids = (offered.body as { id: string }[]).map((c) => c.id);
      expect(ids.filter((x) => [gxj.id, office2.id, office1.id, leader.id, tjjA.id].includes(x))).toEqual([]);
      const denied = await http().get(`/api/campaigns/${id}/audit?taskId=${encodeURIComponent(taskId)}&outcome=denied`).set(as(office2));
      expect(denied.body.filter((e: any) => e.action === 'addApprover').length).toBeGreaterThanOrEqual(3);
      const read = await http().get(path).set(as(office2));
      // the experts (other tests of this file may have added more experts to the county), none of those refused
      const waiting = read.body.waitingFor as string[];
      expect(waiting).toEqual(expect.arrayContaining([`user:${expertA.id}`, `user:${expertB.id}`]));
      expect(waiting.filter((w) => [gxj, office2, office1, leader].some((p) => w === `user:${p.id}`))).toEqual([]);
    });
  });

  describe('within an organization (历下区 under 济南市, apart from the default test county)', () => {
    const login = async (u: TestUser) => {
      const res = await http().post('/api/auth/login').send({ username: u.username, password: u.password });
      expect(res.status).toBe(200);
      stack.setToken(u.id, res.body.accessToken);
      return u.id;
    };

    it('signers come from the campaign\'s county only; another county gets 404, the supervising city 403, on acting and refreshing', async () => {
      const officeS = await login(await createUser(stack.app, { roles: ['office'], organizationId: 'lixia', name: '泗水县创建办' }));
      const expertS1 = await login(await createUser(stack.app, { roles: ['expert'], organizationId: 'lixia', name: '泗水专家一' }));
      const expertS2 = await login(await createUser(stack.app, { roles: ['expert'], organizationId: 'lixia', name: '泗水专家二' }));
      const expertY = await login(await createUser(stack.app, { roles: ['expert'], organizationId: 'jiyang', name: '兖州专家' }));
      const officeY = await login(await createUser(stack.app, { roles: ['office'], organizationId: 'jiyang', name: '兖州区创建办' }));
      const cityOffice = await login(await createUser(stack.app, { roles: ['office'], organizationId: 'jinan', name: '济宁市生态环境局' }));

      const day = new Date(Date.now() + 5 * 86400000).toISOString();
      // Stage order: the expert review follows the review draft — taken over with the drafting steps done.
      const started = await post(officeS, '/api/campaigns', {
        templateId: 'sishui-2023', schedule: { materials: day, 'key-projects': day, 'work-plan-issued': day, 'leadership-group': day, 'plan-started': day },
        takeOver: true, done: ['plan-draft', 'plan-comments', 'plan-review-draft'],
      });
      expect(started.status).toBe(201);
      const id = started.body.id as string;
      expect((await post(officeS, `/api/campaigns/${id}/close-phase`, { phase: 'mobilization', reason: '进入创建实施' })).status).toBe(200);
      const list = await http().get(`/api/campaigns/${id}/tasks?kind=plan-expert-review`).set(as(officeS));
      const path = `/api/campaigns/${id}/tasks/${list.body[0].id}`;
      const sub = await post(officeS, `${path}/submit`, { comment: '评审稿已送专家', files: [await stack.uploadPdf(officeS, path, '规划评审稿.pdf')] });
      expect(sub.status).toBe(200);
      // exactly this county's active experts: not Yanzhou's, not accounts of other tenants
      expect([...sub.body.task.steps[0].signers].sort()).toEqual([`user:${expertS1}`, `user:${expertS2}`].sort());

      expect((await post(expertY, `${path}/approve`)).status).toBe(404);
      expect((await post(officeY, `${path}/transfer`, { toUserId: expertY, reason: '越界转交' })).status).toBe(404);
      const city = await post(cityOffice, `${path}/approve`);
      expect(city.status).toBe(403);
      expect(city.body.message).toContain('上级主管单位只能查看');
      expect((await post(officeS, `${path}/add-approver`, { userId: expertY, reason: '请外县专家加签' })).status).toBe(400); // unknown here
      expect((await post(cityOffice, `/api/campaigns/${id}/directory/refresh`)).status).toBe(403);
      // another county: 404 as unknown, and nothing of its attempt on this campaign's audit trail
      expect((await post(officeY, `/api/campaigns/${id}/directory/refresh`)).status).toBe(404);
      expect((await post(officeS, `/api/campaigns/${id}/directory/refresh`)).status).toBe(200);
      const trail = (await http().get(`/api/campaigns/${id}/audit`).query({ limit: 1000 }).set(as(officeS))).body as { actor: { id: string } }[];
      expect(trail.filter((e) => e.actor.id === officeY || e.actor.id === expertY)).toEqual([]);

      expect((await post(expertS1, `${path}/approve`, { comment: '同意' })).body.task.status).toBe('submitted');
      expect((await post(expertS2, `${path}/approve`, { comment: '同意' })).body.task.status).toBe('approved');
    });
  });
});
