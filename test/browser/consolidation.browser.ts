/**
 * A consolidation campaign (巩固提升 → 复核: 济阳区 jiyang-2021, a won title) in a real Chromium against the real stack:
 * its 活动总览 does not talk about creation — no 申报条件 card and no request for it (GET …/gate answered 404: the
 * campaign has no gate), no 导出申报材料包, 指标 × 单位 not waiting for a 创建实施 it has not got, 终止活动 rather
 * than 终止创建活动 — and 我的待办's card reads 活动概况; its list, 我的待办's filter, 结束阶段 of its last phase, 复核's
 * 未通过 and its audit trail read 活动 / 巩固提升, not 创建. Screenshots: .data/browser-screenshots/consolidation/<test>/.
 */
import type { Browser } from 'playwright-core';
import { OrganizationRepository } from '@eco/persistence';
import { eventually } from '../e2e/campaign-stack';
import { createUser, signToken, TestUser, uniqueName } from '../e2e/helpers';
import { callApi, clickInDialog, DESKTOP, launchChromium, login, shot, startWebStack, useSessions, WebStack } from './driver';

jest.setTimeout(180000);
const step = (msg: string) => process.stderr.write(`[browser] ${new Date().toISOString().slice(11, 19)} ${msg}\n`);

describe('a consolidation campaign’s 活动总览 — in the browser', () => {
  let stack: WebStack;
  let browser: Browser;
  let office: TestUser;
  let campaign: string;
  /** A second one, in its last phase (复核): its 复核 task open for a result. */
  let second: string;
  let reviewTask: string;
  const api = (method: 'GET' | 'POST', path: string, token: string, body?: unknown) => callApi(stack, method, path, token, body, step);
  const tokenOf = (u: TestUser) => `Bearer ${signToken(stack.config, { id: u.id, name: u.name, roles: u.roles, unitId: u.unitId, organizationId: u.organizationId } as never)}`;
  const { session } = useSessions(() => browser);

  beforeAll(async () => {
    step('starting worker + API');
    stack = await startWebStack('browser-consolidation');
    browser = await launchChromium();
    // an organization of its own: 我的待办's card lists a few running campaigns, and the shared database's 济阳 ones
    // (other files') would crowd this one out (review)
    const org = uniqueName('brw-consol');
    await stack.app.get(OrganizationRepository).upsert({ id: org, name: '巩固测试区', level: 'county', parentId: null, regionName: null });
    office = await createUser(stack.app, { roles: ['office'], name: '李敏（巩固测试区办公室）', username: uniqueName('jy-office'), organizationId: org });
    const c = await api('POST', '/api/campaigns', tokenOf(office), { templateId: 'jiyang-2021', name: '济阳区巩固提升（总览）' });
    expect(c.status).toBe(201);
    campaign = c.body.id;
    const view = await eventually(() => api('GET', `/api/campaigns/${campaign}`, tokenOf(office)), (r) => r.status === 200 && r.body.phases?.length > 0, 60000);
    // the API's own word: a consolidation campaign has no 申报条件 to read
    expect(view.body).toMatchObject({ kind: 'consolidation' });
    expect(view.body.reads).toContain('audit');
    expect(view.body.reads).not.toContain('gate');
    step(`campaign ${campaign} in ${view.body.phase}`);
    const c2 = await api('POST', '/api/campaigns', tokenOf(office), { templateId: 'jiyang-2021', name: '济阳区巩固提升（复核）' });
    expect(c2.status).toBe(201);
    second = c2.body.id;
    await eventually(() => api('GET', `/api/campaigns/${second}`, tokenOf(office)), (r) => r.status === 200 && r.body.phases?.length > 0, 60000);
    expect((await api('POST', `/api/campaigns/${second}/close-phase`, tokenOf(office), { phase: 'monitoring', reason: '巩固提升阶段工作已完成' })).status).toBe(200);
    const review = await eventually(() => api('GET', `/api/campaigns/${second}/tasks?kind=review`, tokenOf(office)), (r) => r.status === 200 && r.body[0]?.status === 'open', 60000);
    reviewTask = review.body[0].id;
    step(`campaign ${second} in 复核, task ${reviewTask}`);
  });

  afterAll(async () => {
    // nothing of them left waiting in the shared database
    for (const id of [campaign, second]) if (id && stack) await api('POST', `/api/campaigns/${id}/cancel`, tokenOf(office), { reason: '测试结束' });
    await browser?.close();
    await stack?.stop();
  });

  it('the office’s 活动总览 asks for no gate and words nothing of 申报 or 创建实施; 我的待办 reads 活动概况', async () => {
    const { page } = await session(DESKTOP);
    const gateAnswers: number[] = [];
    page.on('response', (r) => {
      if (new URL(r.url()).pathname.endsWith('/gate')) gateAnswers.push(r.status());
    });
    await login(page, stack.baseUrl, office.username, office.password, `/campaigns/${campaign}`);
    const overview = page.getByTestId('overview');
    await overview.waitFor();
    await page.getByTestId('phase').first().waitFor();
    await page.getByTestId('unit-ranking').waitFor();
    const matrix = page.getByTestId('indicator-matrix');
    await matrix.waitFor();
    await page.waitForLoadState('networkidle');
    await shot(page, 'overview');
    const text = (await overview.textContent()) ?? '';
    expect(gateAnswers).toEqual([]);
    expect(text).not.toContain('申报条件');
    expect(text).not.toContain('此活动无申报条件检查');
    await expect(page.getByTestId('export-dossier').count()).resolves.toBe(0);
    expect(text).not.toContain('导出申报材料包');
    await expect(matrix.textContent()).resolves.not.toContain('创建实施');
    // its other records stay: 审计, 考核汇总表
    await expect(page.getByTestId('export-assessment').count()).resolves.toBe(1);

    // 终止 names the campaign neutrally
    await page.getByTestId('cancel-campaign').click();
    const dialog = page.locator('.ant-modal').filter({ has: page.getByTestId('cancel-campaign-reason') });
    await expect(dialog.locator('.ant-modal-title').textContent()).resolves.toBe('终止活动');
    await shot(page, 'cancel-dialog');
    await clickInDialog(page, dialog.getByRole('button', { name: /取\s*消/ }));

    // 我的待办: the card over running campaigns (this county's are consolidation campaigns) reads 活动概况
    await page.goto(`${stack.baseUrl}/`);
    const glance = page.getByTestId('campaigns-glance');
    await glance.locator(`[data-testid=glance-campaign][data-campaign="${campaign}"]`).waitFor();
    await expect(glance.locator('.ant-card-head-title').textContent()).resolves.toBe('活动概况');
    await shot(page, 'inbox');
    expect(gateAnswers).toEqual([]);
  });

  it('its list, 我的待办’s filter, 结束阶段 of its last phase, 复核’s 未通过 and its audit trail read 活动 / 巩固提升, not 创建', async () => {
    const { page } = await session(DESKTOP);
    // the campaign list (this organization's are consolidation campaigns): 活动, 发起活动, each card 巩固提升
    await login(page, stack.baseUrl, office.username, office.password, '/campaigns');
    await page.locator('[data-testid=campaign-card]').first().waitFor();
    await expect(page.getByTestId('campaigns-title').textContent()).resolves.toBe('活动');
    await expect(page.locator('a[href="/campaigns/new"] button').textContent()).resolves.toBe('发起活动');
    for (const card of await page.locator('[data-testid=campaign-card]').all()) await expect(card.textContent()).resolves.toContain(' · 巩固提升 · 发起于');
    await shot(page, 'campaign-list');

    // 我的待办: the campaign filter (two campaigns) reads 全部活动
    await page.goto(`${stack.baseUrl}/inbox`);
    await expect(page.getByTestId('inbox-campaign').locator('.ant-select-selection-placeholder').textContent()).resolves.toBe('全部活动');
    await shot(page, 'inbox-filter');

    // 结束阶段 of 复核, its last phase: 本次活动 ends
    await page.goto(`${stack.baseUrl}/campaigns/${encodeURIComponent(second)}`);
    const review = page.locator('[data-testid=phase][data-phase=review]');
    await review.getByTestId('phase-close').click();
    await expect(page.getByTestId('phase-close-last').textContent()).resolves.toBe('这是最后一个阶段：结束后本次活动即告完成，未完成的任务取消，不能撤销。');
    await shot(page, 'close-last-phase');
    await clickInDialog(page, page.locator('.ant-modal').filter({ has: page.getByTestId('phase-close-reason') }).getByRole('button', { name: /取\s*消/ }));

    // 复核 未通过 ends 本次活动 (said before, and asked again on 登记结果) — not recorded here
    await page.goto(`${stack.baseUrl}/campaigns/${encodeURIComponent(second)}/tasks/${encodeURIComponent(reviewTask)}`);
    await page.getByTestId('external-form').waitFor();
    await page.getByTestId('external-result').getByText('未通过', { exact: true }).click();
    await expect(page.getByTestId('external-failed-warning').textContent()).resolves.toBe('登记未通过将结束本次活动');
    await page.getByTestId('external-submit').click();
    await expect(page.locator('.ant-modal-confirm').textContent()).resolves.toContain('登记未通过后，本次活动将结束，且不能撤销。确定吗？');
    await shot(page, 'review-failed-confirm');
    await clickInDialog(page, page.locator('.ant-modal-confirm').getByRole('button', { name: /取\s*消/ }));
    expect((await api('GET', `/api/campaigns/${second}`, tokenOf(office))).body.status).toBe('active');

    // the audit trail: the campaign was started as 发起巩固提升活动, in the list and in the 操作 filter
    await page.goto(`${stack.baseUrl}/campaigns/${encodeURIComponent(second)}/audit?action=campaign-created`);
    const table = page.getByTestId('audit-table');
    await table.getByText('发起巩固提升活动').waitFor();
    await expect(table.textContent()).resolves.not.toContain('创建');
    await expect(page.getByTestId('filter-action').textContent()).resolves.toBe('发起巩固提升活动');
    await shot(page, 'audit');
  });
});
