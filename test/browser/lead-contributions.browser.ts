/**
 * 协办单位材料 in a real Chromium against the real stack: on its phone, the lead unit's liaison (泗水 indicator 18,
 * 单位地区生产总值用水量: 县水利事业发展中心 leads, 县统计局 contributes) opens its 汇总报送 task and sees the co-unit's
 * contribution — its status, due date and files — before and after the co-unit submits it, and follows the link to
 * the contribution's page, where it reads the file and (now that it waits for the lead) may approve it.
 * The lead's liaison account is named by its unit's id (sx-slzx, as the demo's are): the office and a leader, who list
 * accounts, read the unit as 责任单位 all the same (walkthrough: 责任单位：徐杰, the liaison of sx-gxj).
 * Screenshots: .data/browser-screenshots/lead-contributions/<test>/.
 */
import type { Browser } from 'playwright-core';
import { eventually } from '../e2e/campaign-stack';
import { createUser, signToken, TestUser, uniqueName } from '../e2e/helpers';
import { callApi, DESKTOP, eventuallyExpect, launchChromium, login, MINIMAL_PDF, PHONE, shot, startWebStack, useSessions, WebStack } from './driver';

jest.setTimeout(180000);
const step = (msg: string) => process.stderr.write(`[browser] ${new Date().toISOString().slice(11, 19)} ${msg}\n`);

describe('协办单位材料 on the lead unit’s indicator task — in the browser', () => {
  let stack: WebStack;
  let browser: Browser;
  let office: TestUser;
  let leader: TestUser;
  let lead: TestUser;
  let coUnit: TestUser;
  let campaign: string;
  const INDICATOR = 'indicator:18';
  const CONTRIBUTION = 'indicator-contribution:18:sx-tjj';
  const api = (method: 'GET' | 'POST', path: string, token: string, body?: unknown) => callApi(stack, method, path, token, body, step);
  const tokenOf = (u: TestUser) => `Bearer ${signToken(stack.config, { id: u.id, name: u.name, roles: u.roles, unitId: u.unitId, organizationId: u.organizationId } as never)}`;
  const taskUrl = (taskId: string) => `/api/campaigns/${campaign}/tasks/${encodeURIComponent(taskId)}`;
  const { session } = useSessions(() => browser);

  beforeAll(async () => {
    step('starting worker + API');
    stack = await startWebStack('browser-lead-contributions');
    browser = await launchChromium();
    office = await createUser(stack.app, { roles: ['office'], name: '孙丽（创建办）', username: uniqueName('office') });
    leader = await createUser(stack.app, { roles: ['leader'], name: '周县长', username: uniqueName('leader') });
    // named by its unit's id, as the demo's liaisons are: user sx-slzx of unit sx-slzx
    lead = await createUser(stack.app, { roles: ['unit'], unitId: 'sx-slzx', name: '张伟（县水利中心联络员）', username: 'sx-slzx' });
    coUnit = await createUser(stack.app, { roles: ['unit'], unitId: 'sx-tjj', name: '王强（县统计局联络员）', username: uniqueName('tjj') });
    const later = new Date(Date.now() + 86400000).toISOString();
    const c = await api('POST', '/api/campaigns', tokenOf(office), {
      templateId: 'sishui-2023', name: '泗水县创建（协办材料）',
      schedule: { materials: later, 'key-projects': later, 'work-plan-issued': later, 'leadership-group': later, 'plan-started': later },
    });
    expect(c.status).toBe(201);
    campaign = c.body.id;
    expect((await api('POST', `/api/campaigns/${campaign}/close-phase`, tokenOf(office), { phase: 'mobilization', reason: '动员部署已完成，进入创建实施' })).status).toBe(200);
    await eventually(() => api('GET', taskUrl(CONTRIBUTION), tokenOf(office)), (r) => r.status === 200, 60000);
    step(`campaign ${campaign} in 创建实施`);
  });

  afterAll(async () => {
    await browser?.close();
    await stack?.stop();
  });

  it('the lead’s liaison sees its co-unit’s contribution with its status on its phone and follows the link to it', async () => {
    const { page } = await session(PHONE);
    await login(page, stack.baseUrl, lead.username, lead.password, `/campaigns/${campaign}/tasks/${encodeURIComponent(INDICATOR)}`);
    const card = page.getByTestId('contributions');
    const row = card.locator(`[data-testid=contribution][data-task-id="${CONTRIBUTION}"]`);
    await row.waitFor();
    // before the co-unit submits: 待报送, its due date, no material yet
    await expect(row.getAttribute('data-status')).resolves.toBe('open');
    await expect(row.getByTestId('contribution-link').textContent()).resolves.toBe('县统计局');
    await expect(row.getByTestId('contribution-status').textContent()).resolves.toBe('待报送');
    await expect(row.getByTestId('contribution-due').textContent()).resolves.toMatch(/^截止 \d{4}-\d{2}-\d{2} 周[一二三四五六日]$/);
    await expect(row.textContent()).resolves.toContain('尚未报送');
    // above 报送, the lead is told first that the indicator waits for its co-unit's material
    await expect(page.getByTestId('contributions-pending').textContent()).resolves.toContain('协办单位材料尚未全部确认（已确认 0/1）待确认：县统计局（待报送）');
    // …and 报送 is not offered to press meanwhile (walkthrough: it was, and answered 409 操作未成功)
    await expect(page.getByTestId('submit').isDisabled()).resolves.toBe(true);
    await shot(page, 'lead-indicator-task-contribution-open-phone');
    // the page fits the phone: no sideways scrolling
    await expect(page.evaluate<number>('document.documentElement.scrollWidth')).resolves.toBeLessThanOrEqual(PHONE.width);

    // 县统计局 uploads and submits its material
    const form = new FormData();
    form.append('files', new Blob([Buffer.from(MINIMAL_PDF)], { type: 'application/pdf' }), '用水量统计表.pdf');
    const up = await api('POST', `${taskUrl(CONTRIBUTION)}/files`, tokenOf(coUnit), form);
    expect(up.status).toBe(201);
    expect((await api('POST', `${taskUrl(CONTRIBUTION)}/submit`, tokenOf(coUnit), { comment: '用水量统计数据', files: [up.body[0].id] })).status).toBe(200);

    await page.reload();
    await eventuallyExpect(() => row.getByTestId('contribution-status').textContent(), (v) => expect(v).toBe('审批中'));
    await expect(row.getByTestId('contribution-files').textContent()).resolves.toContain('材料 1 个');
    await expect(row.textContent()).resolves.toMatch(/报送于 \d{4}-\d{2}-\d{2} 周./);
    await shot(page, 'lead-indicator-task-contribution-submitted-phone');

    // the link opens the contribution: its file, and 审批通过 now that it waits for the lead
    await row.getByTestId('contribution-link').click();
    await page.waitForURL(new RegExp(`/tasks/${encodeURIComponent(CONTRIBUTION)}$`));
    await eventuallyExpect(() => page.getByTestId('task-title').textContent(), (v) => expect(v).toContain('协办材料（县统计局）'));
    await expect(page.getByTestId('task-status').textContent()).resolves.toBe('审批中');
    await expect(page.getByTestId('evidence').first().textContent()).resolves.toContain('用水量统计表.pdf');
    await expect(page.getByTestId('evidence').first().getByRole('button', { name: /下\s*载/ }).count()).resolves.toBe(1);
    await expect(page.getByTestId('approve').count()).resolves.toBe(1);
    await expect(page.getByTestId('parent-task').textContent()).resolves.toContain('指标 18');
    await shot(page, 'lead-opens-contribution-phone');

    // confirmed by the lead: its indicator page no longer warns, the list says 1/1
    expect((await api('POST', `${taskUrl(CONTRIBUTION)}/approve`, tokenOf(lead), { comment: '数据已核对' })).status).toBe(200);
    await page.goBack();
    await eventuallyExpect(() => page.getByTestId('contributions').textContent(), (v) => expect(v).toContain('1/1 已确认'));
    await expect(page.getByTestId('contributions-pending').count()).resolves.toBe(0);
    await expect(page.getByTestId('submit').isDisabled()).resolves.toBe(false);
    await shot(page, 'lead-indicator-task-contributions-confirmed-phone');
  });

  it('the office and a leader read the unit as 责任单位, not the liaison whose username is the unit’s id', async () => {
    for (const [who, label] of [[office, 'office'], [leader, 'leader']] as const) {
      const { page } = await session(DESKTOP);
      // they list accounts (转交, 加签): the account sx-slzx is among them once the list has come
      const accounts = page.waitForResponse((r) => new URL(r.url()).pathname === '/api/users' && r.request().method() === 'GET');
      await login(page, stack.baseUrl, who.username, who.password, `/campaigns/${campaign}/tasks/${encodeURIComponent(INDICATOR)}`);
      expect((await accounts).status()).toBe(200);
      await page.getByTestId('task-title').waitFor();
      await page.waitForLoadState('networkidle');
      await expect(page.getByTestId('responsible').textContent()).resolves.toBe('县水利事业发展中心');
      await expect(page.getByTestId('waiting-for').textContent()).resolves.not.toContain('张伟');
      await shot(page, `indicator-task-responsible-unit-${label}`);
    }
  });

  it('发起创建活动: the template select is found by its label (工作方案模板)', async () => {
    const { page } = await session(DESKTOP);
    await login(page, stack.baseUrl, office.username, office.password, '/campaigns/new');
    // the page is loaded lazily: wait for it (count() alone does not wait), then exactly one control bears the label —
    // the select's own input (label for=templateId), which opens its list
    const select = page.getByLabel('工作方案模板');
    await select.waitFor({ state: 'attached' });
    await expect(select.count()).resolves.toBe(1);
    await expect(select.getAttribute('role')).resolves.toBe('combobox');
    await select.click();
    await page.locator('.ant-select-item-option').filter({ hasText: '泗水' }).first().click();
    await expect(page.getByTestId('template-select').textContent()).resolves.toContain('泗水');
    await shot(page, 'new-campaign-template-by-label');
  });
});
