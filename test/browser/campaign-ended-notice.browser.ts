/**
 * The leaders' 【活动终止】 in 我的提醒, in a real Chromium against the real stack: the office ends (终止) a campaign no task
 * of which waited for the leader — the 组长's item is about the campaign, titled by its name (not a unit's task: the
 * walkthrough's 「各单位联络员确定（县统计局）」), without the campaign's tag said twice, and its link 查看活动 opens the
 * campaign's 活动总览, not a task page. Screenshots: .data/browser-screenshots/campaign-ended-notice/<test>/.
 */
import type { Browser } from 'playwright-core';
import { OrganizationRepository } from '@eco/persistence';
import { eventually } from '../e2e/campaign-stack';
import { createUser, signToken, TestUser, uniqueName } from '../e2e/helpers';
import { callApi, launchChromium, login, PHONE, shot, startWebStack, useSessions, WebStack } from './driver';

jest.setTimeout(180000);
const step = (msg: string) => process.stderr.write(`[browser] ${new Date().toISOString().slice(11, 19)} ${msg}\n`);

describe('the leaders\' 【活动终止】 in 我的提醒 — in the browser', () => {
  let stack: WebStack;
  let browser: Browser;
  let office: TestUser;
  let leader: TestUser;
  let campaign: string;
  const name = '巩固测试区巩固提升（终止通知）';
  const api = (method: 'GET' | 'POST', path: string, token: string, body?: unknown) => callApi(stack, method, path, token, body, step);
  const tokenOf = (u: TestUser) => `Bearer ${signToken(stack.config, { id: u.id, name: u.name, roles: u.roles, unitId: u.unitId, organizationId: u.organizationId } as never)}`;
  const { session } = useSessions(() => browser);

  beforeAll(async () => {
    step('starting worker + API');
    stack = await startWebStack('browser-campaign-ended-notice');
    browser = await launchChromium();
    // an organization of its own: its leaders are this file's leader only
    const org = uniqueName('brw-ended');
    await stack.app.get(OrganizationRepository).upsert({ id: org, name: '巩固测试区', level: 'county', parentId: null, regionName: null });
    office = await createUser(stack.app, { roles: ['office'], name: '李敏（巩固测试区办公室）', username: uniqueName('ce-office'), organizationId: org });
    leader = await createUser(stack.app, { roles: ['leader'], name: '王组长', username: uniqueName('ce-leader'), organizationId: org });
    const c = await api('POST', '/api/campaigns', tokenOf(office), { templateId: 'jiyang-2021', name });
    expect(c.status).toBe(201);
    campaign = c.body.id;
    await eventually(() => api('GET', `/api/campaigns/${campaign}`, tokenOf(office)), (r) => r.status === 200 && r.body.phases?.length > 0, 60000);
    expect((await api('POST', `/api/campaigns/${campaign}/cancel`, tokenOf(office), { reason: '并入区级统一安排' })).status).toBe(200);
    const told = await eventually(
      () => api('GET', `/api/me/notifications?campaignId=${encodeURIComponent(campaign)}`, tokenOf(leader)),
      (r) => r.status === 200 && r.body.items.some((i: { message: string }) => i.message.startsWith('【活动终止】')),
      60000,
    );
    expect(told.body.items.filter((i: { message: string }) => i.message.startsWith('【活动终止】'))).toHaveLength(1);
    step(`campaign ${campaign} ended; the leader was told`);
  });

  afterAll(async () => {
    await browser?.close();
    await stack?.stop();
  });

  it('the 组长 reads it titled by the campaign, and 查看活动 opens the campaign\'s 活动总览 (phone)', async () => {
    const { page } = await session(PHONE);
    await login(page, stack.baseUrl, leader.username, leader.password, '/reminders');
    const item = page.locator('[data-testid=notification]').filter({ hasText: '【活动终止】' });
    await item.waitFor();
    await expect(item.count()).resolves.toBe(1);
    await expect(item.locator('.ant-typography strong').first().textContent()).resolves.toBe(name);
    // the campaign's name once: the title is the campaign, no tag repeating it
    await expect(item.getByTestId('notification-campaign').count()).resolves.toBe(0);
    await expect(item.getByTestId('notification-level').textContent()).resolves.toBe('活动终止');
    const link = item.getByTestId('notification-link');
    await expect(link.textContent()).resolves.toBe('查看活动');
    await expect(link.getAttribute('href')).resolves.toBe(`/campaigns/${encodeURIComponent(campaign)}`);
    await shot(page, 'reminders');
    await link.click();
    await page.waitForURL(`${stack.baseUrl}/campaigns/${encodeURIComponent(campaign)}`);
    await page.getByTestId('overview').waitFor();
    // ended: nothing counts as in progress — its undone tasks are 不再办理, said under 总任务
    const detail = (await api('GET', `/api/campaigns/${campaign}`, tokenOf(leader))).body as { progress: { total: number; approved: number } };
    expect(detail.progress.total - detail.progress.approved).toBeGreaterThan(0);
    await expect(page.locator('[data-testid=stat][data-stat=总任务] [data-testid=stat-total-note]').textContent()).resolves.toContain(`不再办理 ${detail.progress.total - detail.progress.approved} 项`);
    for (const t of ['审批中', '已退回', '逾期未报', '逾期待审核']) await expect(page.locator(`[data-testid=stat][data-stat=${t}] .ant-statistic-content-value`).textContent()).resolves.toBe('0');
    await shot(page, 'overview');
  });
});
