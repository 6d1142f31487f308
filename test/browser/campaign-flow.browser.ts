/**
 * The campaign flow in a real Chromium against the real stack (PostgreSQL, Temporal, worker, API serving the built
 * web application): a unit liaison on a phone signs in, finds the task in 我的待办 and submits it; the office
 * returns it with a reason; the liaison reads the reason and resubmits; the office approves; the rest of the
 * mobilization phase is done through the API; two experts 会签 the expert review; the leader's 活动总览 shows
 * the phase advancing; the audit page lists the actions with people's names. Screenshots: .data/browser-screenshots.
 * One describe per step, each on a campaign of its own brought to that step through the API in its beforeAll
 * (`useCampaign`), so every test passes alone (`-t '<name>'`) and in any order; each test signs in itself.
 */
import { HeadObjectCommand } from '@aws-sdk/client-s3';
import { createHash } from 'crypto';
import { readFileSync } from 'fs';
import { join } from 'path';
import type { Browser, Page } from 'playwright-core';
import { ensureUsers, eventually } from '../e2e/campaign-stack';
import { createUser, DEFAULT_TEST_ORG, signToken, TestUser, uniqueName } from '../e2e/helpers';
import { TEXT_MAX } from '@eco/domain';
import { OrganizationRepository } from '@eco/persistence';
import { S3BlobStore } from '@eco/storage';
import { callApi, clickInDialog, DESKTOP, eventuallyExpect, launchChromium, login, MINIMAL_PDF, PHONE, shot, startWebStack, typeAndPick, useSessions, WebStack } from './driver';

jest.setTimeout(180000);
const step = (msg: string) => process.stderr.write(`[browser] ${new Date().toISOString().slice(11, 19)} ${msg}\n`);

describe('a campaign run in the browser: submit, return, resubmit, 会签, overview, audit', () => {
  let stack: WebStack;
  let browser: Browser;
  let templateId: string;
  let liaison: TestUser;
  let office: TestUser;
  let clerk: TestUser;
  let leader: TestUser;
  let expert1: TestUser;
  let expert2: TestUser;
  let tjjLeader: TestUser;
  const TASK = 'materials:sx-tjj';
  const KEY_TASK = 'key-projects:sx-tjj';
  const api = (method: 'GET' | 'POST', path: string, token: string, body?: unknown) => callApi(stack, method, path, token, body, step);
  const tokenOf = (u: TestUser) => `Bearer ${signToken(stack.config, { id: u.id, name: u.name, roles: u.roles, unitId: u.unitId } as never)}`;
  const unitActor = (unitId: string) => `Bearer ${signToken(stack.config, { id: `web-${unitId}`, name: `${unitId} 联络员`, roles: ['unit'], unitId } as never)}`;
  const unitLeaderOf = (unitId: string) => `Bearer ${signToken(stack.config, { id: `web-${unitId}-fzr`, name: `${unitId} 分管负责人`, roles: ['unit'], unitId } as never)}`;

  const { session } = useSessions(() => browser);
  const taskUrl = (campaignId: string, taskId: string) => `${stack.baseUrl}/campaigns/${campaignId}/tasks/${encodeURIComponent(taskId)}`;
  /** The task page's status (and the refusal it shows, if any), with the API's own answer for the same task. */
  async function statusOf(page: Page, campaignId: string, taskId: string): Promise<unknown[]> {
    const api2 = (await api('GET', `/api/campaigns/${campaignId}/tasks/${encodeURIComponent(taskId)}`, tokenOf(office))).body?.status;
    return [await page.getByTestId('task-status').textContent(), await page.getByTestId('refusal').textContent({ timeout: 200 }).catch(() => null), api2];
  }
  async function confirmDialog(page: Page, okText: RegExp) {
    await clickInDialog(page, page.getByRole('button', { name: okText }).last());
  }

  beforeAll(async () => {
    step('starting worker + API');
    stack = await startWebStack('browser-flow');
    step(`API serving the web app at ${stack.baseUrl}; launching Chromium`);
    browser = await launchChromium();
    const app = stack.app;
    liaison = await createUser(app, { roles: ['unit'], unitId: 'sx-tjj', name: '张敏（县统计局联络员）', username: uniqueName('tjj') });
    await app.get(OrganizationRepository).addDuty(DEFAULT_TEST_ORG, 'sx-tjj', 'liaison', liaison.id, null); // 联络员: told of returns
    office = await createUser(app, { roles: ['office'], name: '李娜（创建办）', username: uniqueName('office') });
    clerk = await createUser(app, { roles: ['office'], name: '周磊（创建办科员）', username: uniqueName('clerk') });
    leader = await createUser(app, { roles: ['leader'], name: '王强（副县长）', username: uniqueName('leader') });
    expert1 = await createUser(app, { roles: ['expert'], name: '赵教授', username: uniqueName('expert') });
    expert2 = await createUser(app, { roles: ['expert'], name: '钱研究员', username: uniqueName('expert') });
    // 分管负责人: signs the unit's sealed statements (重点工程项目提报) before the office reviews them
    tjjLeader = await createUser(app, { roles: ['unit'], unitId: 'sx-tjj', name: '刘伟（县统计局分管负责人）', username: uniqueName('tjj-fzr') });
    await app.get(OrganizationRepository).addDuty(DEFAULT_TEST_ORG, 'sx-tjj', 'responsible-leader', tjjLeader.id, null);

    // Real accounts for the other units' liaisons (the rest of the phase is done through the API in their name).
    const units = (JSON.parse(readFileSync(join(__dirname, '../../libs/templates/data/sishui-2023.json'), 'utf8')).units as { id: string; name: string }[]).filter((u) => u.id !== 'sx-tjj');
    await ensureUsers(app, units.flatMap((u) => [{ id: `web-${u.id}`, name: `${u.name}联络员`, roles: ['unit'], unitId: u.id }, { id: `web-${u.id}-fzr`, name: `${u.name}分管负责人`, roles: ['unit'], unitId: u.id }]));
    for (const u of units) await app.get(OrganizationRepository).addDuty(DEFAULT_TEST_ORG, u.id, 'responsible-leader', `web-${u.id}-fzr`, null);

    // The Sishui plan with its expert review signed by both named experts (会签: mode all).
    const tpl = JSON.parse(readFileSync(join(__dirname, '../../libs/templates/data/sishui-2023.json'), 'utf8'));
    tpl.id = uniqueName('sishui-web');
    tpl.approvalChains = { ...(tpl.approvalChains ?? {}), 'plan-expert-review': [{ name: '专家会签', mode: 'all', users: [expert1.id, expert2.id] }] };
    step('creating the template');
    const created = await api('POST', '/api/templates', tokenOf(office), tpl);
    expect(created.status).toBe(201);
    templateId = tpl.id;
  });

  afterAll(async () => {
    await browser?.close();
    await stack?.stop();
  });

  const enc = encodeURIComponent;
  /** The steps a describe's campaign is brought through by the API, in order (each includes those before it). */
  const STAGES = ['materialsSubmitted', 'keyProjectsSubmitted', 'materialsReturned', 'materialsResubmitted', 'materialsApproved', 'mobilizationDone', 'expertsSigned'] as const;
  type Stage = (typeof STAGES)[number];

  /** A scanned, sealed PDF uploaded to a task as `token`'s user: its file id. */
  async function uploadPdf(id: string, taskId: string, token: string, name: string): Promise<string> {
    const form = new FormData();
    form.append('files', new Blob([Buffer.from(MINIMAL_PDF)], { type: 'application/pdf' }), name);
    const up = await api('POST', `/api/campaigns/${id}/tasks/${encodeURIComponent(taskId)}/files`, token, form);
    expect([taskId, up.status]).toEqual([taskId, 201]);
    return up.body[0].id;
  }

  /** The rest of 动员部署 through the API: every open task submitted by its unit (or a clerk), every step approved. */
  async function completeMobilizationThroughApi(id: string) {
    const tasks = (await api('GET', `/api/campaigns/${id}/tasks?phase=mobilization`, tokenOf(office))).body as { id: string; kind: string; status: string; owner: string; unitId?: string }[];
    for (const t of tasks.filter((x) => x.status === 'open')) {
      // Office-run tasks are submitted by a clerk and decided by the director (no one approves their own submission).
      const by = t.owner === 'unit' && t.unitId ? unitActor(t.unitId) : tokenOf(clerk);
      // 重点工程项目: a unit without a key project answers with the signed and sealed 无重点工程项目提报 statement.
      const formalities = t.kind === 'key-projects' ? { formalities: { outcome: 'none', seal: true, principalSignature: '局长' }, files: [await uploadPdf(id, t.id, by, '无重点工程项目提报说明（签字盖章）.pdf')] } : {};
      const s = await api('POST', `/api/campaigns/${id}/tasks/${encodeURIComponent(t.id)}/submit`, by, { comment: '已完成', ...formalities });
      expect([t.id, s.status]).toEqual([t.id, 200]);
    }
    for (let round = 0; round < 3; round++) {
      const open = ((await api('GET', `/api/campaigns/${id}/tasks?phase=mobilization&status=submitted`, tokenOf(office))).body as { id: string; waitingFor: string[] }[]);
      for (const t of open) {
        // a sealed statement waits first for its unit's 分管负责人 (web-<unit>-fzr), then the office
        const unitLeader = t.waitingFor.find((w) => /^user:web-.+-fzr$/.test(w));
        const who = unitLeader ? unitLeaderOf(unitLeader.slice('user:web-'.length, -'-fzr'.length)) : t.waitingFor.includes('role:leader') || t.waitingFor.includes(`user:${leader.id}`) ? tokenOf(leader) : tokenOf(office);
        const a = await api('POST', `/api/campaigns/${id}/tasks/${encodeURIComponent(t.id)}/approve`, who, { comment: '同意' });
        expect([t.id, a.status]).toEqual([t.id, 200]);
      }
    }
    const c = await eventually(
      async () => (await api('GET', `/api/campaigns/${id}`, tokenOf(office))).body,
      (b) => b.phase === 'implementation',
      30000,
    );
    expect(c.phase).toBe('implementation');
  }

  /**
   * A campaign of one describe (the Sishui plan with its expert review signed by both named experts), brought in the
   * describe's beforeAll through the API up to `upTo`: the liaison's materials submitted with a sealed PDF, its key
   * projects with the plan's formalities, the materials returned and resubmitted, both approved, the rest of 动员部署
   * completed, the expert review signed.
   */
  function useCampaign(upTo?: Stage): { id: string } {
    const c = { id: '' };
    beforeAll(async () => {
      // Dates: the planning engine's schedule from today (working days, 调休), as the office would accept it.
      // The plan's drafting steps (征求意见稿, 部门意见, 评审稿) are taken over as done, so the expert review can open
      // once 动员部署 is finished (stage order).
      const res = await api('POST', '/api/campaigns', tokenOf(office), { templateId, name: '泗水县创建国家生态文明建设示范区', takeOver: true, done: ['plan-draft', 'plan-comments', 'plan-review-draft'] });
      expect([res.status, res.body]).toEqual([201, expect.objectContaining({ id: expect.any(String) })]);
      const id: string = res.body.id;
      c.id = id;
      const task = (t: string) => `/api/campaigns/${id}/tasks/${enc(t)}`;
      const ok = async (what: string, r: Promise<{ status: number; body: any }>) => expect([what, (await r).status]).toEqual([what, 200]);
      let fileId = '';
      for (const stage of upTo ? STAGES.slice(0, STAGES.indexOf(upTo) + 1) : []) {
        if (stage === 'materialsSubmitted') {
          const form = new FormData();
          form.append('files', new Blob([Buffer.from(MINIMAL_PDF)], { type: 'application/pdf' }), '统计局资料清单（盖章）.pdf');
          const up = await api('POST', `${task(TASK)}/files`, tokenOf(liaison), form);
          expect(up.status).toBe(201);
          fileId = up.body[0].id;
          await ok(stage, api('POST', `${task(TASK)}/submit`, tokenOf(liaison), { comment: '已按资料清单整理统计数据及盖章说明', files: [fileId] }));
        }
        if (stage === 'keyProjectsSubmitted') {
          const formalities = { outcome: 'projects', seal: true, projects: [{ name: '泗河流域水生态修复工程', scale: '治理河道12公里', investment: '1.2亿元' }] };
          const table = await uploadPdf(id, KEY_TASK, tokenOf(liaison), '重点工程项目提报表（盖章）.pdf');
          await ok(stage, api('POST', `${task(KEY_TASK)}/submit`, tokenOf(liaison), { formalities, files: [table] }));
          await ok(stage, api('POST', `${task(KEY_TASK)}/approve`, tokenOf(tjjLeader), { comment: '情况属实' })); // 分管负责人签字
        }
        if (stage === 'materialsReturned') await ok(stage, api('POST', `${task(TASK)}/return`, tokenOf(office), { reason: '缺少加盖公章的扫描件，请补充后重新报送' }));
        if (stage === 'materialsResubmitted') await ok(stage, api('POST', `${task(TASK)}/submit`, tokenOf(liaison), { comment: '已补充盖章扫描件', files: [fileId] }));
        if (stage === 'materialsApproved') {
          await ok(stage, api('POST', `${task(TASK)}/approve`, tokenOf(office), {}));
          await ok(stage, api('POST', `${task(KEY_TASK)}/approve`, tokenOf(office), {}));
        }
        if (stage === 'mobilizationDone') await completeMobilizationThroughApi(id);
        if (stage === 'expertsSigned') {
          const review = ((await api('GET', `/api/campaigns/${id}/tasks?kind=plan-expert-review`, tokenOf(office))).body as { id: string }[])[0].id;
          const draft = await uploadPdf(id, review, tokenOf(clerk), '《规划》评审稿.pdf');
          await ok(stage, api('POST', `${task(review)}/submit`, tokenOf(clerk), { comment: '《规划》评审稿已提交专家评审', files: [draft] }));
          await ok(stage, api('POST', `${task(review)}/approve`, tokenOf(expert1), { comment: '同意，建议补充水环境容量分析' }));
          await ok(stage, api('POST', `${task(review)}/approve`, tokenOf(expert2), { comment: '同意通过评审' }));
        }
      }
      step(`campaign ${id} started${upTo ? `, brought to ${upTo}` : ''}`);
    });
    return c;
  }

  describe('the leader\'s overview in 动员部署', () => {
    const c = useCampaign();

    it('the leader opens 活动总览 on a phone: 动员部署 is the current phase', async () => {
      const { page } = await session(PHONE);
      await login(page, stack.baseUrl, leader.username, leader.password, `/campaigns/${c.id}`);
      await expect(page.getByTestId('current-phase').textContent()).resolves.toContain('动员部署');
      await page.getByTestId('gantt').locator('canvas').waitFor();
      // the campaign detail's actions for a leader: 暂停 (not 恢复), 调整期限; 终止 is the office's and admin's
      await page.getByTestId('pause').waitFor();
      await expect(page.getByTestId('resume').count()).resolves.toBe(0);
      await expect(page.getByTestId('cancel-campaign').count()).resolves.toBe(0);
      await expect(page.getByTestId('phase-move').count()).resolves.toBeGreaterThan(0);
      await shot(page, 'leader-overview-mobilization-phone');
    });
  });

  describe('a liaison submits from a phone', () => {
    const c = useCampaign();

    it('a liaison on a 390×844 phone signs in, finds the task in 我的待办 and submits it', async () => {
      const { page } = await session(PHONE);
      await page.goto(stack.baseUrl + '/');
      await page.waitForURL(/\/login/);
      await page.getByRole('button', { name: /登\s*录/ }).waitFor();
      await shot(page, 'login-phone');
      await page.getByLabel('用户名').fill(liaison.username);
      await page.getByLabel('密码').fill('wrong-password');
      await page.getByRole('button', { name: /登\s*录/ }).click();
      await expect(page.getByTestId('login-error').textContent()).resolves.toContain('用户名或密码错误');
      await page.getByLabel('密码').fill(liaison.password);
      await page.getByRole('button', { name: /登\s*录/ }).click();
      await page.waitForURL(/\/inbox/);
      await expect(page.getByTestId('whoami').textContent()).resolves.toContain('张敏');
      // 我的待办 of this describe's campaign (the liaison takes part in the other describes' campaigns too)
      await page.goto(`${stack.baseUrl}/inbox?campaign=${c.id}`);
      const item = page.locator(`[data-testid=inbox-item][data-task="${TASK}"]`);
      await item.waitFor();
      await expect(item.textContent()).resolves.toMatch(/报送.*剩余 \d+ 个工作日/);
      await shot(page, 'liaison-inbox-phone');
      await item.click();
      await page.waitForURL(/\/tasks\//);
      await page.getByTestId('submit').waitFor();
      // A scanned, sealed PDF (content-checked by the server), uploaded with progress.
      await page.getByTestId('file-input').setInputFiles({ name: '统计局资料清单（盖章）.pdf', mimeType: 'application/pdf', buffer: Buffer.from(MINIMAL_PDF) });
      await page.locator('[data-testid=upload-item][data-done=true]').waitFor();
      await expect(page.getByTestId('upload-item').textContent()).resolves.toContain('已上传');
      // The bytes are in the real S3-compatible server's bucket, under their sha256.
      const store = new S3BlobStore({ endpoint: stack.config.S3_ENDPOINT, region: stack.config.S3_REGION, bucket: stack.config.S3_BUCKET!, accessKeyId: stack.config.S3_ACCESS_KEY_ID, secretAccessKey: stack.config.S3_SECRET_ACCESS_KEY, forcePathStyle: stack.config.S3_FORCE_PATH_STYLE });
      const head = await store.client.send(new HeadObjectCommand({ Bucket: stack.config.S3_BUCKET, Key: store.keyOf(createHash('sha256').update(MINIMAL_PDF).digest('hex')) }));
      expect(head.ContentLength).toBe(Buffer.byteLength(MINIMAL_PDF));
      // A 报送说明 over the API's limit is kept whole and refused before sending, saying by how much (it was cut at 2000)
      await page.getByLabel('报送说明').fill('说'.repeat(TEXT_MAX.submit.comment + 5));
      await page.getByTestId('submit').click();
      await page.getByText(`报送说明最长${TEXT_MAX.submit.comment}个字符，当前${TEXT_MAX.submit.comment + 5}个，请删减5个字符后再提交`).waitFor();
      await expect(page.getByLabel('报送说明').inputValue()).resolves.toHaveLength(TEXT_MAX.submit.comment + 5);
      await expect(page.getByRole('button', { name: /确认报送/ }).count()).resolves.toBe(0);
      await page.getByLabel('报送说明').fill('已按资料清单整理统计数据及盖章说明');
      await shot(page, 'liaison-task-before-submit-phone');
      await page.getByTestId('submit').click();
      await confirmDialog(page, /确认报送/);
      await eventuallyExpect(() => statusOf(page, c.id, TASK), (v) => expect(v).toEqual(['审批中', null, 'submitted']));
      await eventuallyExpect(() => page.getByTestId('evidence').first().textContent(), (v) => expect(v).toContain('统计局资料清单（盖章）.pdf'));
      await shot(page, 'liaison-task-submitted-phone');
    });

    it("the liaison opens the campaign's 活动总览 by its link: the schedule and progress, no office-only button", async () => {
      const { page } = await session(PHONE);
      await login(page, stack.baseUrl, liaison.username, liaison.password, `/campaigns/${c.id}`);
      await expect(page.getByTestId('current-phase').textContent()).resolves.toContain('动员部署');
      // The unit's view of the campaign carries each phase's dates, milestones and progress (the Gantt and the cards read them).
      await expect(page.locator('[data-testid=phase]').count()).resolves.toBe(3);
      await expect(page.locator('[data-testid=phase][data-phase=mobilization]').textContent()).resolves.toMatch(/截止 \d{4}-\d{2}-\d{2}[^·]* · \d+\/\d+ 项完成/);
      await page.getByTestId('gantt').locator('canvas').waitFor();
      await expect(page.getByTestId('export-assessment').count()).resolves.toBe(0);
      // what the campaign detail's actions do not hold is not offered (a unit: none — no 暂停 / 恢复 / 终止)
      for (const button of ['pause', 'resume', 'cancel-campaign', 'phase-move']) await expect([button, await page.getByTestId(button).count()]).toEqual([button, 0]);
      await shot(page, 'liaison-overview-phone');
    });
  });

  describe('key-project formalities', () => {
    const c = useCampaign();

    it('the liaison answers 重点工程项目提报 with the formalities the plan requires (project list, unit seal)', async () => {
      const { page } = await session(PHONE);
      await login(page, stack.baseUrl, liaison.username, liaison.password, `/inbox?campaign=${c.id}`);
      const item = page.locator(`[data-testid=inbox-item][data-task="${KEY_TASK}"]`);
      await item.click();
      await page.waitForURL(/\/tasks\//);
      const form = page.getByTestId('formalities');
      await form.waitFor();
      // Nothing chosen: the form says what is missing instead of sending a submission the API would refuse.
      await page.getByTestId('submit').click();
      await page.getByText('请选择办理结果').waitFor();
      await form.getByText('提报项目', { exact: true }).click();
      await page.getByTestId('add-project').click();
      await page.getByLabel('项目名称').fill('泗河流域水生态修复工程');
      await page.getByLabel('建设规模').fill('治理河道12公里');
      await page.getByLabel('投资概算').fill('1.2亿元');
      await page.getByTestId('submit').click();
      await page.getByText('须加盖单位公章后报送').waitFor();
      await page.getByTestId('formality-seal').check();
      // before sending, the form says who signs a sealed statement first (the chain adds the step only once it is sent)
      await expect(page.getByTestId('leader-signs-note').textContent()).resolves.toContain('报送后先由本单位分管负责人在系统中签字确认');
      // The sealed project table itself (a scan) goes with the answer: the page says so, and asks for it before sending.
      await expect(page.getByTestId('required-evidence').textContent()).resolves.toContain('盖章的重点工程项目提报表');
      await page.getByTestId('submit').click();
      await page.locator('.ant-message').getByText(/须上传.*后报送/).waitFor();
      await page.getByTestId('file-input').setInputFiles({ name: '重点工程项目提报表（盖章）.pdf', mimeType: 'application/pdf', buffer: Buffer.from(MINIMAL_PDF) });
      await page.locator('[data-testid=upload-item][data-done=true]').waitFor();
      await shot(page, 'liaison-key-projects-formalities-phone');
      await page.getByTestId('submit').click();
      await expect(page.getByTestId('confirm-formalities').textContent()).resolves.toContain('办理结果：提报项目；已加盖单位公章');
      await confirmDialog(page, /确认报送/);
      // A refusal would be shown on the page: the failure then names it.
      await eventuallyExpect(() => statusOf(page, c.id, KEY_TASK), (v) => expect(v).toEqual(['审批中', null, 'submitted']));
      const recorded = await page.getByTestId('recorded-formalities').textContent();
      expect(recorded).toContain('泗河流域水生态修复工程');
      const sent = (await api('GET', `/api/campaigns/${c.id}/tasks/${encodeURIComponent(KEY_TASK)}`, tokenOf(office))).body;
      expect(sent.rounds[0].submission.formalities).toEqual({ outcome: 'projects', seal: true, projects: [{ name: '泗河流域水生态修复工程', scale: '治理河道12公里', investment: '1.2亿元' }] });
      expect(sent.rounds[0].submission.evidence).toEqual([expect.objectContaining({ name: '重点工程项目提报表（盖章）.pdf' })]);
      expect(sent.waitingFor).toEqual([`user:${tjjLeader.id}`]); // 分管负责人签字 first
    });

    it('the unit\'s 分管负责人 signs the sealed table on a phone (签字确认); then it waits for the office', async () => {
      const { page } = await session(PHONE);
      await login(page, stack.baseUrl, tjjLeader.username, tjjLeader.password, `/inbox?campaign=${c.id}`);
      const item = page.locator(`[data-testid=inbox-item][data-task="${KEY_TASK}"]`);
      await item.click();
      await page.waitForURL(/\/tasks\//);
      // what they sign: the unit's answer, its seal, the projects, the liaison who sent it
      await expect(page.getByTestId('recorded-formalities').textContent()).resolves.toMatch(/办理结果：提报项目.*已加盖单位公章.*泗河流域水生态修复工程/);
      await expect(page.getByTestId('approve').textContent()).resolves.toBe('签字确认');
      await shot(page, 'unit-leader-signs-key-projects-phone');
      await page.getByTestId('approve').click();
      await confirmDialog(page, /确认签字/);
      // the page's answer first: the success message, or the refusal it shows (a fresh-clone run once found the step
      // still waiting with nothing to say why)
      const answer = page.getByText('已签字确认，送领导小组办公室审核').or(page.getByTestId('dialog-refusal')).or(page.getByTestId('refusal'));
      await answer.first().waitFor({ timeout: 20000 });
      expect(await answer.first().textContent()).toBe('已签字确认，送领导小组办公室审核');
      await eventuallyExpect(async () => (await api('GET', `/api/campaigns/${c.id}/tasks/${encodeURIComponent(KEY_TASK)}`, tokenOf(office))).body.steps.map((x: { name: string; status: string }) => `${x.name}:${x.status}`), (v) => expect(v).toEqual(['分管负责人签字:done', '领导小组办公室审核:active']));
      await eventuallyExpect(() => page.getByTestId('waiting-for').textContent(), (v) => expect(v).toContain(office.name));
      // the record says what they did: 已签字, not 同意
      await expect(page.getByTestId('chain').getByTestId('decision-verdict').allTextContents()).resolves.toEqual(['已签字']);
      await shot(page, 'unit-leader-signed-key-projects-phone');
    });
  });

  describe('the office returns a submission', () => {
    const c = useCampaign('materialsSubmitted');

    it('the office returns it with a reason (desktop)', async () => {
      const { page } = await session(DESKTOP);
      await login(page, stack.baseUrl, office.username, office.password);
      // 我的待办 filtered by the server: this campaign, then what needs 审批 (the segment counts come from the server).
      await page.goto(`${stack.baseUrl}/inbox?campaign=${c.id}`);
      const all = await api('GET', `/api/me/inbox?campaignId=${c.id}&limit=200`, tokenOf(office));
      await eventuallyExpect(() => page.getByTestId('inbox-segments').textContent(), (v) => expect(v).toContain(`审批 ${all.body.counts.approve}`));
      await page.getByTestId('inbox-segments').getByText(/^审批/).click();
      await page.waitForURL(/[?&]need=approve/);
      const item = page.locator(`[data-testid=inbox-item][data-task="${TASK}"]`);
      await item.waitFor();
      await eventuallyExpect(() => page.locator('[data-testid=inbox-item]').evaluateAll((els) => els.map((e) => e.getAttribute('data-need'))), (needs) => {
        expect(needs.length).toBe(Math.min(20, all.body.counts.approve));
        expect(new Set(needs)).toEqual(new Set(['approve']));
      });
      await expect(page.getByTestId('inbox-total').textContent()).resolves.toContain(`符合条件 ${all.body.counts.approve} 项（共 ${all.body.counts.all} 项）`);
      await shot(page, 'office-inbox-desktop');
      await item.click();
      // The office reads the liaison's file before deciding.
      const dl = page.waitForEvent('download');
      await page.getByTestId('evidence').first().getByRole('button', { name: /下\s*载/ }).click();
      expect((await dl).suggestedFilename()).toBe('统计局资料清单（盖章）.pdf');
      await page.getByTestId('return').click();
      // Sent without a reason, the dialog says what is missing; typing the reason clears the message.
      await confirmDialog(page, /确认退回/);
      const missing = page.getByText('请填写退回原因，单位将据此补正');
      await missing.waitFor();
      await page.getByTestId('return-reason').pressSequentially('缺少加盖公章的扫描件，');
      await missing.waitFor({ state: 'hidden' });
      // A reason longer than the API takes (a long paste) is kept whole — not cut to the box's limit without a word,
      // as it was — and refused here, saying by how much; nothing is sent.
      await page.getByTestId('return-reason').fill(`缺少加盖公章的扫描件，${'详见附件说明。'.repeat(600)}`);
      await clickInDialog(page, page.getByRole('button', { name: /确认退回/ }).last());
      await page.getByText('退回原因最长4000个字符，当前4211个，请删减211个字符后再提交').waitFor();
      await expect(page.getByTestId('return-reason').inputValue()).resolves.toHaveLength(4211);
      await expect(page.getByTestId('task-status').textContent()).resolves.not.toBe('已退回');
      await page.getByTestId('return-reason').fill('缺少加盖公章的扫描件，请补充后重新报送');
      await confirmDialog(page, /确认退回/);
      await eventuallyExpect(() => page.getByTestId('task-status').textContent(), (v) => expect(v).toBe('已退回'));
      await shot(page, 'office-task-returned-desktop');
    });
  });

  describe('the liaison resubmits', () => {
    const c = useCampaign('materialsReturned');

    it('the liaison sees the reason and resubmits', async () => {
      const { page } = await session(PHONE);
      // Told at once (待办通知), not only at the next reminder: 提醒 lists the return with who returned it and why.
      await login(page, stack.baseUrl, liaison.username, liaison.password, '/reminders?level=notice');
      const told = page.locator('[data-testid=notification]').filter({ hasText: '【退回】' });
      const read = async () => {
        await page.reload();
        await page.locator('[data-testid=notification], .ant-empty').first().waitFor();
        return (await told.count()) ? told.first().textContent() : '';
      };
      await eventuallyExpect(read, (v) => expect(v).toMatch(/通知.*退回：缺少加盖公章的扫描件/s), 30000);
      await page.goto(`${stack.baseUrl}/inbox?campaign=${c.id}`);
      // The 补正 segment: the server answers only the returned work.
      await page.getByTestId('inbox-segments').getByText(/^补正/).click();
      await page.waitForURL(/[?&]need=correct/);
      const item = page.locator(`[data-testid=inbox-item][data-task="${TASK}"]`);
      await eventuallyExpect(() => item.textContent(), (v) => expect(v).toContain('退回原因：缺少加盖公章的扫描件'));
      await expect(item.textContent()).resolves.toContain('补正');
      await expect(page.locator('[data-testid=inbox-item]').count()).resolves.toBe(1);
      await shot(page, 'liaison-inbox-returned-phone');
      await item.click();
      await page.getByText('此任务已被退回，请根据退回原因补正后重新报送').waitFor();
      // The same task open in a second tab (walkthrough: re-submitted in the first, the second kept offering 重新报送)
      const other = await page.context().newPage();
      await other.goto(page.url());
      await other.getByTestId('submit').waitFor();
      // The file sent last time is there again (marked 上次报送, removable): nothing to upload twice from a phone.
      const carried = page.locator('[data-testid=upload-item][data-carried=true]');
      await carried.first().waitFor();
      await expect(carried.count()).resolves.toBe(1);
      await expect(carried.textContent()).resolves.toContain('统计局资料清单（盖章）.pdf');
      // The corrected scan under the same name replaces the one sent back (walkthrough: both went, the office could not
      // tell which was new)
      await page.getByTestId('file-input').setInputFiles({ name: '统计局资料清单（盖章）.pdf', mimeType: 'application/pdf', buffer: Buffer.from(`${MINIMAL_PDF}\n% 补正：加盖公章\n`) });
      await page.getByTestId('replaced').waitFor();
      await expect(carried.count()).resolves.toBe(0);
      await expect(page.locator('[data-testid=upload-item]').count()).resolves.toBe(1);
      await page.getByLabel('报送说明').fill('已补充盖章扫描件');
      await page.getByTestId('submit').click();
      await confirmDialog(page, /确认报送/);
      await eventuallyExpect(() => page.getByTestId('task-status').textContent(), (v) => expect(v).toBe('审批中'));
      await expect(page.getByTestId('rounds').textContent()).resolves.toContain('退回原因：缺少加盖公章的扫描件，请补充后重新报送');
      const read2 = await api('GET', `/api/campaigns/${c.id}/tasks/${enc(TASK)}`, tokenOf(liaison));
      const rounds = read2.body.rounds as { submission: { evidence: { name: string; ref: string }[] } }[];
      expect(rounds.map((r) => r.submission.evidence.map((e) => e.name))).toEqual([['统计局资料清单（盖章）.pdf'], ['统计局资料清单（盖章）.pdf']]);
      expect(rounds[1].submission.evidence[0].ref).not.toBe(rounds[0].submission.evidence[0].ref); // the new scan, not the one sent back
      await shot(page, 'liaison-task-resubmitted-phone');
      // The menu's 提醒 count follows the action, no reload: the 【退回】 is 已处理 now (walkthrough: the menu still said 2
      // while 提醒 said 1 未读)
      await page.getByRole('button', { name: '菜单' }).click();
      await eventuallyExpect(async () => {
        const unread = (await api('GET', '/api/me/notifications?unread=true&limit=1', tokenOf(liaison))).body.unread as number;
        const badge = page.getByTestId('drawer-nav').getByTestId('unread-count');
        return { shown: (await badge.count()) ? (await badge.innerText()).trim() : '', unread: unread ? String(unread) : '' };
      }, (v) => expect(v.shown).toBe(v.unread));
      await page.keyboard.press('Escape');
      // The second tab, still showing 已退回: its 重新报送 is refused (409) — the page reads the task again and says so
      await other.getByLabel('报送说明').fill('在另一个页面填写的说明');
      await other.getByTestId('submit').click();
      await confirmDialog(other, /确认报送/);
      await eventuallyExpect(() => other.getByTestId('refusal').textContent(), (v) => expect(v).toBe('任务状态已在其他页面或由他人更新，已刷新任务当前为「审批中」，本次操作未执行。请查看最新状态后再办理。'));
      await eventuallyExpect(() => other.getByTestId('task-status').textContent(), (v) => expect(v).toBe('审批中'));
      await expect(other.getByTestId('submit').count()).resolves.toBe(0);
      await shot(other, 'liaison-second-tab-refreshed-phone');
      await other.close();
      // The 【退回】 asked for a resubmission: done now (已处理, no longer 未读), its link only shows the task.
      await page.goto(`${stack.baseUrl}/reminders?level=notice`);
      // this campaign's (the liaison has the main flow's return too, still to be corrected there)
      const returned = page.locator('[data-testid=notification]').filter({ hasText: '【退回】' }).filter({ has: page.locator(`a[href*="${c.id}"]`) }).first();
      await returned.getByTestId('notification-done').waitFor();
      await expect(returned.textContent()).resolves.not.toContain('未读');
      await expect(returned.getByTestId('notification-link').textContent()).resolves.toBe('查看任务');
      await shot(page, 'liaison-reminders-done-phone');
    });
  });

  describe('the office approves; 动员部署 completes', () => {
    const c = useCampaign('materialsResubmitted');

    it('the office approves the resubmission; the rest of 动员部署 is completed through the API', async () => {
      const { page } = await session(DESKTOP);
      await login(page, stack.baseUrl, office.username, office.password);
      // 提醒 in the menu says how many are unread: the server's own count
      await eventuallyExpect(async () => {
        const unread = (await api('GET', '/api/me/notifications?unread=true&limit=1', tokenOf(office))).body.unread as number;
        await page.reload();
        await page.getByTestId('unread-count').waitFor({ timeout: 5000 }).catch(() => undefined);
        const shown = (await page.getByTestId('unread-count').count()) ? await page.getByTestId('unread-count').innerText() : '';
        return { unread, shown: shown.trim() };
      }, (v) => expect([v.unread > 0, v.shown]).toEqual([true, v.unread > 99 ? '99+' : String(v.unread)]));
      await page.goto(taskUrl(c.id, TASK));
      await page.getByTestId('approve').click();
      await confirmDialog(page, /确认通过/);
      await eventuallyExpect(() => page.getByTestId('task-status').textContent(), (v) => expect(v).toBe('已通过'));

      // The approver reads what the unit attested (outcome, seal, projects) before approving.
      await page.goto(taskUrl(c.id, KEY_TASK));
      await expect(page.getByTestId('recorded-formalities').textContent()).resolves.toMatch(/办理结果：提报项目.*已加盖单位公章.*泗河流域水生态修复工程.*1\.2亿元/);
      await shot(page, 'office-key-projects-formalities-desktop');
      await page.getByTestId('approve').click();
      await confirmDialog(page, /确认通过/);
      await eventuallyExpect(() => page.getByTestId('task-status').textContent(), (v) => expect(v).toBe('已通过'));

      await completeMobilizationThroughApi(c.id);
    });
  });

  describe('the expert review (会签)', () => {
    const c = useCampaign('mobilizationDone');

    it('two experts 会签 the expert review', async () => {
      const review = 'plan-expert-review';
      const tasks = (await api('GET', `/api/campaigns/${c.id}/tasks?kind=${review}`, tokenOf(office))).body as { id: string }[];
      expect(tasks).toHaveLength(1);
      const reviewId = tasks[0].id;
      const draft = await uploadPdf(c.id, reviewId, tokenOf(clerk), '《规划》评审稿.pdf');
      const s = await api('POST', `/api/campaigns/${c.id}/tasks/${encodeURIComponent(reviewId)}/submit`, tokenOf(clerk), { comment: '《规划》评审稿已提交专家评审', files: [draft] });
      expect(s.status).toBe(200);

      for (const [i, expert] of [expert1, expert2].entries()) {
        const { page } = await session(DESKTOP);
        await login(page, stack.baseUrl, expert.username, expert.password);
        await page.goto(`${stack.baseUrl}/inbox?campaign=${c.id}&need=countersign`);
        const item = page.locator(`[data-testid=inbox-item][data-task="${reviewId}"]`);
        await eventuallyExpect(() => item.textContent(), (v) => expect(v).toContain('会签'));
        await expect(item.getAttribute('data-need')).resolves.toBe('countersign');
        if (i === 0) await shot(page, 'expert-inbox-desktop');
        await item.click();
        // The page says what the list said: 会签, not a lone 审批通过.
        await eventuallyExpect(() => page.getByTestId('approve').textContent(), (v) => expect(v?.replace(/\s/g, '')).toBe('会签同意'));
        // An expert signs: no 转交, no 加签 (the office organises the panel; planRules.signersSignOnly).
        await expect(page.locator('[data-testid=transfer], [data-testid=add-approver]').count()).resolves.toBe(0);
        await expect(page.getByTestId('return').count()).resolves.toBe(1);
        await page.getByTestId('approve').click();
        await page.getByText('会签：同意').waitFor();
        if (i === 0) await page.getByLabel('审批意见（可选）').fill('同意，建议补充水环境容量分析');
        else {
          // the second expert's verdict: 修改后通过, which asks for the changes (not sent without them)
          await page.getByTestId('approve-verdict').getByText('修改后通过').click();
          // the dialog now says what is chosen (it read 会签：同意 / 确认同意 whatever the verdict)
          await page.getByText('会签：修改后通过').waitFor();
          await confirmDialog(page, /确认修改后通过/);
          await page.getByText('请写明需修改的内容').waitFor();
          await page.getByLabel('修改意见').fill('补充近三年水环境质量数据');
          await shot(page, 'expert2-with-changes-dialog-desktop');
        }
        await confirmDialog(page, i === 0 ? /确认同意/ : /确认修改后通过/);
        await eventuallyExpect(() => page.getByTestId('task-status').textContent(), (v) => expect(v).toBe(i === 0 ? '审批中' : '已通过'));
        await eventuallyExpect(() => page.getByTestId('chain').textContent(), (v) => expect(v).toContain(expert.name));
        // Experts may not list accounts: the undecided signer is still shown by name (the API names the signers).
        if (i === 0) await expect(page.getByTestId('chain').textContent()).resolves.toContain(`${expert2.name}（待签）`);
        // Signed: nothing left for this expert to decide while the other signs (no 审批通过 / 退回 offered).
        if (i === 0) await eventuallyExpect(() => page.locator('[data-testid=approve], [data-testid=return]').count(), (n) => expect(n).toBe(0));
        // the record says which verdict: 同意, then 修改后通过 with the changes asked for
        if (i === 1) {
          await eventuallyExpect(() => page.getByTestId('chain').getByTestId('decision-verdict').allTextContents(), (v) => expect(v).toEqual(['同意', '修改后通过']));
          await expect(page.getByTestId('chain').textContent()).resolves.toContain('修改意见：补充近三年水环境质量数据');
        }
        await shot(page, `expert${i + 1}-signed-desktop`);
      }

      // An expert's 活动总览: the campaign, its phases and the tasks they read, counted — no 申报条件 (not theirs: the
      // detail's reads), no unit ranking or matrix of the units' work, nothing that fails to load (walkthrough: an
      // expert read the office's whole detail: the gate, every unit's overdue tasks)
      const { page } = await session(DESKTOP);
      const gateReads: number[] = [];
      page.on('response', (r) => (new URL(r.url()).pathname === `/api/campaigns/${c.id}/gate` ? gateReads.push(r.status()) : undefined));
      await login(page, stack.baseUrl, expert1.username, expert1.password, `/campaigns/${c.id}`);
      await page.getByTestId('overview').waitFor();
      await eventuallyExpect(() => page.getByTestId('current-phase').textContent(), (v) => expect(v).toContain('创建实施'));
      await page.waitForLoadState('networkidle');
      await expect(page.getByTestId('stats-scope').textContent()).resolves.toBe('以下统计仅含您可查看的任务');
      const mine = ((await api('GET', `/api/campaigns/${c.id}/tasks`, tokenOf(expert1))).body as { status: string }[]).filter((t) => t.status !== 'cancelled');
      const all = ((await api('GET', `/api/campaigns/${c.id}/tasks`, tokenOf(office))).body as { status: string }[]).filter((t) => t.status !== 'cancelled');
      expect(mine.length).toBeLessThan(all.length);
      await expect(page.locator('[data-testid=stat][data-stat=总任务] .ant-statistic-content-value').textContent()).resolves.toBe(String(mine.length));
      for (const widget of ['gate', 'unit-ranking', 'indicator-matrix', 'recent-audit']) expect([widget, await page.getByTestId(widget).count()]).toEqual([widget, 0]);
      await expect(page.getByText(/加载失败|无法读取|无权/).count()).resolves.toBe(0);
      expect(gateReads).toEqual([]);
      await page.locator('[data-testid=phase]').first().waitFor();
      await shot(page, 'expert-overview-desktop');
    });
  });

  describe('the leader\'s overview in 创建实施', () => {
    const c = useCampaign('mobilizationDone');

    it("the leader's 活动总览 shows the phase advancing", async () => {
      const { page } = await session(PHONE);
      await login(page, stack.baseUrl, leader.username, leader.password, `/campaigns/${c.id}`);
      await eventuallyExpect(() => page.getByTestId('current-phase').textContent(), (v) => expect(v).toContain('创建实施'));
      await expect(page.locator('[data-testid=phase][data-phase=mobilization]').getAttribute('data-status')).resolves.toBe('completed');
      await page.getByTestId('gantt').locator('canvas').waitFor();
      await page.getByTestId('matrix').waitFor();
      await shot(page, 'leader-overview-implementation-phone');
      const desk = await session(DESKTOP);
      await login(desk.page, stack.baseUrl, leader.username, leader.password, `/campaigns/${c.id}`);
      await desk.page.getByTestId('matrix').waitFor();
      await shot(desk.page, 'leader-overview-implementation-desktop');
    });
  });

  describe('the audit page', () => {
    const c = useCampaign('expertsSigned'); // read only: both tests read the same finished steps

    it('the audit page lists these actions with names, and the chain verifies', async () => {
      const { page } = await session(DESKTOP);
      await login(page, stack.baseUrl, office.username, office.password);
      await page.goto(`${stack.baseUrl}/campaigns/${c.id}/audit?taskId=${encodeURIComponent(TASK)}`);
      const table = page.getByTestId('audit-table');
      await table.waitFor();
      await eventuallyExpect(() => page.getByTestId('verify').textContent(), (v) => expect(v).toContain('审计链校验通过'));
      const text = (await table.textContent()) ?? '';
      for (const expected of ['张敏（县统计局联络员）', '李娜（创建办）', '报送', '退回', '审批通过', '缺少加盖公章的扫描件']) expect(text).toContain(expected);
      await shot(page, 'audit-task-desktop');
      await page.goto(`${stack.baseUrl}/campaigns/${c.id}/audit?action=approve&actor=${expert2.id}`);
      await eventuallyExpect(() => page.getByTestId('audit-table').textContent(), (v) => expect(v).toContain('钱研究员'));
      await shot(page, 'audit-expert-desktop');
    });

    it('the audit page pages through the server cursor and filters by unit on the server', async () => {
      const { page } = await session(DESKTOP);
      await login(page, stack.baseUrl, office.username, office.password);
      const all = await fetch(`${stack.baseUrl}/api/campaigns/${c.id}/audit?limit=1`, { headers: { Authorization: tokenOf(office) } });
      const total = Number(all.headers.get('x-total-count'));
      expect(total).toBeGreaterThan(50); // more than one page of 50
      await page.goto(`${stack.baseUrl}/campaigns/${c.id}/audit`);
      await eventuallyExpect(() => page.getByTestId('audit-total').textContent(), (v) => expect(v).toContain(`共 ${total} 条 · 第 1 / ${Math.ceil(total / 50)} 页`));
      const firstSeq = () => page.getByTestId('audit-table').locator('tbody tr.ant-table-row td').first().textContent();
      await expect(firstSeq()).resolves.toBe('1');
      await page.getByTestId('audit-next').click();
      await page.waitForURL(/[?&]after=50/);
      await eventuallyExpect(firstSeq, (v) => expect(v).toBe('51'));
      await expect(page.getByTestId('audit-total').textContent()).resolves.toContain('第 2 /');
      await shot(page, 'audit-page2-desktop');
      await page.getByTestId('audit-prev').click();
      await eventuallyExpect(firstSeq, (v) => expect(v).toBe('1'));
      // 最新在前: the newest entry first, and the next page goes on backwards (the server's beforeSeq cursor); back to
      // 由早到晚 at its first page
      await page.getByTestId('audit-order').getByText('最新在前').click();
      await page.waitForURL(/[?&]order=desc/);
      await eventuallyExpect(firstSeq, (v) => expect(v).toBe(String(total)));
      await page.getByTestId('audit-next').click();
      await page.waitForURL(new RegExp(`[?&]before=${total - 49}(&|$)`));
      await eventuallyExpect(firstSeq, (v) => expect(v).toBe(String(total - 50)));
      await expect(page.getByTestId('audit-total').textContent()).resolves.toContain(`共 ${total} 条 · 第 2 /`);
      await shot(page, 'audit-newest-first-page2-desktop');
      await page.getByTestId('audit-order').getByText('由早到晚').click();
      await eventuallyExpect(firstSeq, (v) => expect(v).toBe('1'));
      expect(new URL(page.url()).searchParams.get('before')).toBeNull();

      // 单位: the server keeps the entries by the unit's people or about its tasks, and counts them.
      const units = await api('GET', `/api/campaigns/${c.id}/audit?unitId=sx-tjj`, tokenOf(office));
      const unitTasks = new Set(((await api('GET', `/api/campaigns/${c.id}/tasks?unitId=sx-tjj`, tokenOf(office))).body as { id: string }[]).map((t) => t.id));
      const entries = units.body as { actor: { unitId: string | null }; taskId?: string; action: string }[];
      expect(entries.length).toBeGreaterThan(0);
      expect(entries.length).toBeLessThan(total);
      for (const e of entries) expect(e.actor.unitId === 'sx-tjj' || (e.taskId !== undefined && unitTasks.has(e.taskId))).toBe(true);
      expect(entries.map((e) => e.action)).toEqual(expect.arrayContaining(['submit', 'return', 'approve']));
      await page.goto(`${stack.baseUrl}/campaigns/${c.id}/audit?unitId=sx-tjj`);
      await eventuallyExpect(() => page.getByTestId('audit-total').textContent(), (v) => expect(v).toContain(`共 ${entries.length} 条`));
      await eventuallyExpect(() => page.getByTestId('filter-unit').textContent(), (v) => expect(v).toContain('县统计局'));
      await shot(page, 'audit-unit-desktop');
    });
  });

  describe('a 375 px phone', () => {
    const c = useCampaign('mobilizationDone'); // in 创建实施: the overview's indicator × unit matrix, the key projects' recorded formalities

    it('every screen fits a 375 px phone without sideways scrolling (office clerk)', async () => {
      const { page } = await session({ width: 375, height: 667 });
      await login(page, stack.baseUrl, office.username, office.password);
      const screens: [string, string, string][] = [
        ['inbox', '/inbox', 'inbox'],
        ['campaigns', '/campaigns', 'campaign-card'],
        ['overview', `/campaigns/${c.id}`, 'matrix'],
        ['task', `/campaigns/${c.id}/tasks/${encodeURIComponent(KEY_TASK)}`, 'recorded-formalities'],
        ['audit', `/campaigns/${c.id}/audit`, 'audit-card'],
        ['reminders', `/reminders?campaign=${c.id}`, 'reminder-entry'],
        ['users', '/users', 'units-table'],
        ['templates', '/templates', 'templates-table'],
        ['new-campaign', '/campaigns/new', 'template-select'],
      ];
      for (const [name, path, testId] of screens) {
        await page.goto(stack.baseUrl + path);
        await page.getByTestId(testId).first().waitFor();
        const widths = await page.evaluate('[document.documentElement.scrollWidth, window.innerWidth]');
        expect([name, widths]).toEqual([name, [375, 375]]);
        if (name === 'audit' || name === 'inbox' || name === 'reminders' || name === 'users') {
          // Nothing inside scrolls sideways either (the audit and 催办 entries are cards on a phone, not wide tables; a
          // unit's 分管负责人 and 指定人员 sat off-screen in the units table's own scroll).
          const sideways = await page.evaluate(`[...document.querySelectorAll('body *')].filter((e) => e.scrollWidth > e.clientWidth + 1 && ['auto', 'scroll'].includes(getComputedStyle(e).overflowX)).map((e) => e.className || e.tagName)`);
          expect([name, sideways]).toEqual([name, []]);
        }
        if (name === 'reminders') await expect(page.locator('body').textContent()).resolves.not.toMatch(/(materials|key-projects):sx-/); // tasks by name, not id
        await shot(page, `office-${name}-375`);
      }
      // 用户与单位: the office designates the liaison of 县统计局 among its active members (none designated before: the
      // one beforeAll designated, for the notices of the earlier steps, is taken off first).
      await stack.app.get(OrganizationRepository).setDuty(DEFAULT_TEST_ORG, 'sx-tjj', 'liaison', [], null);
      await page.goto(`${stack.baseUrl}/users`);
      // The county's units are its plans' units — of every plan its campaigns run (this test county runs them all): 县统计局
      // is found by its name, and is among those without a liaison (只看未指定联络员)
      await page.getByPlaceholder('单位名称').fill('统计');
      await page.getByPlaceholder('单位名称').press('Enter');
      await page.waitForURL(/[?&]uq=/);
      await page.getByText('只看未指定联络员的单位').click();
      await page.waitForURL(/[?&]noLiaison=true/);
      const cards = page.getByTestId('units-table').getByTestId('unit-card');
      await eventuallyExpect(() => cards.allTextContents(), (v) => {
        expect(v.some((t) => t.includes('县统计局'))).toBe(true);
        for (const t of v) expect(t).toMatch(/统计/);
        for (const t of v) expect(t).toContain('联络员：未指定');
      });
      await shot(page, 'office-units-without-liaison-375');
      await page.getByText('只看未指定联络员的单位').click();
      await page.waitForURL((u) => !u.searchParams.has('noLiaison'));
      const row = page.getByTestId('units-table').locator('tr', { hasText: '县统计局' }).first();
      await expect(row.textContent()).resolves.not.toContain(liaison.name);
      await expect(row.textContent()).resolves.toContain('分管负责人');
      const edit = await row.getByTestId('edit-duties').boundingBox();
      expect(edit && edit.x + edit.width <= 375).toBe(true); // on the screen, not in a sideways scroll
      await row.getByTestId('edit-duties').click();
      const dialog = page.locator('.ant-modal-content', { hasText: '联络员与分管负责人' });
      // Typed, then picked from the filtered list (the list is virtual: an option out of view is not in the page).
      await typeAndPick(page, dialog.locator('.ant-select').first().locator('input'), liaison.name, liaison.name, dialog.locator('.ant-select').first());
      await eventuallyExpect(() => dialog.locator('.ant-select').first().textContent(), (v) => expect(v).toContain(liaison.name));
      await dialog.locator('.ant-modal-title').click(); // closes the list (it may cover 保存 on a phone)
      await clickInDialog(page, dialog.getByRole('button', { name: /保\s*存/ }));
      // Saved: the dialog closes (a refusal stays in it, and is shown here).
      const closed = await dialog.waitFor({ state: 'hidden', timeout: 20000 }).then(() => 'closed', async () => `still open: ${await dialog.textContent({ timeout: 1000 }).catch(() => '')}`);
      expect(closed).toBe('closed');
      await eventuallyExpect(() => row.textContent(), (v) => expect(v).toContain(liaison.name));
      await shot(page, 'office-users-liaison-375');
    });
  });

  describe('用户与单位', () => {
    it('用户与单位: accounts filtered and paged by the server (unit, name, role, page)', async () => {
      // More unit accounts than one page of 20 (the liaison, one per Sishui unit, and these).
      await ensureUsers(stack.app, Array.from({ length: 8 }, (_, i) => ({ id: uniqueName(`web-gxj-${i}`), name: `工信局科员${i + 1}`, roles: ['unit'], unitId: 'sx-gxj' })));
      const { page } = await session(DESKTOP);
      await login(page, stack.baseUrl, office.username, office.password, '/users?tab=users&role=unit');
      const expected = (await api('GET', '/api/users?role=unit&limit=20', tokenOf(office))).body;
      expect(expected.total).toBeGreaterThan(20); // more than one page: the unit accounts of every Sishui unit
      const table = page.getByTestId('users-table');
      await eventuallyExpect(() => table.locator('.ant-pagination-total-text').textContent(), (v) => expect(v).toBe(`共 ${expected.total} 人`));
      const firstName = () => table.locator('tbody tr.ant-table-row td').first().textContent();
      await expect(firstName()).resolves.toBe(expected.items[0].name);
      await table.locator('.ant-pagination-item-2').click();
      await page.waitForURL(/[?&]page=2/);
      const second = (await api('GET', '/api/users?role=unit&limit=20&offset=20', tokenOf(office))).body;
      await eventuallyExpect(firstName, (v) => expect(v).toBe(second.items[0].name));
      await shot(page, 'office-users-page2-desktop');

      // 单位 and 姓名: the server narrows to the Sishui statistics bureau's liaison.
      await page.goto(`${stack.baseUrl}/users?tab=users&unitId=sx-tjj`);
      const unitUsers = (await api('GET', '/api/users?unitId=sx-tjj&limit=50', tokenOf(office))).body;
      await eventuallyExpect(() => table.locator('.ant-pagination-total-text').textContent(), (v) => expect(v).toBe(`共 ${unitUsers.total} 人`));
      await page.getByPlaceholder('姓名或用户名').fill('张敏');
      await page.getByPlaceholder('姓名或用户名').press('Enter');
      await page.waitForURL(/[?&]q=/);
      await eventuallyExpect(() => table.locator('tbody tr.ant-table-row').allTextContents(), (rows) => {
        expect(rows).toHaveLength(1);
        expect(rows[0]).toContain(liaison.name);
      });
      await shot(page, 'office-users-filtered-desktop');
    });
  });

  describe('an expired session', () => {
    const c = useCampaign();

    it('an expired session sends the user to 登录 and back to the deep link they opened', async () => {
      const { page } = await session(PHONE);
      await page.goto(`${stack.baseUrl}/login`);
      // Issued like the app's tokens, but expired an hour ago (beyond any clock tolerance).
      const expired = signToken(stack.config, { id: liaison.id, name: liaison.name, roles: liaison.roles, unitId: liaison.unitId } as never, -3600);
      await page.evaluate(`localStorage.setItem('eco.token', ${JSON.stringify(expired)})`);
      await page.goto(taskUrl(c.id, TASK));
      await page.waitForURL(/\/login\?/);
      await page.getByText('登录已过期，请重新登录').waitFor();
      await shot(page, 'session-expired-phone');
      await page.getByLabel('用户名').fill(liaison.username);
      await page.getByLabel('密码').fill(liaison.password);
      await page.getByRole('button', { name: /登\s*录/ }).click();
      await page.waitForURL((u) => u.pathname === `/campaigns/${c.id}/tasks/${encodeURIComponent(TASK)}`);
      await expect(page.getByTestId('task-title').textContent()).resolves.toContain('县统计局');
    });
  });
});
