/**
 * 逾期 from the due instant in a real Chromium against the real stack (walkthrough: the office moved a task's deadline to
 * minutes ahead; the 【逾期催办】 came at the instant, but for minutes the liaison's task page read 待报送 + yellow 今日到期
 * and 活动总览 逾期 0). With the workflow's wake-up spread an hour (it writes nothing in between), pages opened before the
 * instant and left open turn at it: the liaison's due badge red 已逾期, the office's 活动总览 逾期未报 1.
 * Screenshots: .data/browser-screenshots/overdue-at-instant/<test>/.
 */
import type { Browser } from 'playwright-core';
import { DataSource } from 'typeorm';
import { OrganizationRepository } from '@eco/persistence';
import { eventually } from '../e2e/campaign-stack';
import { createUser, signToken, TestUser, uniqueName } from '../e2e/helpers';
import { callApi, DESKTOP, eventuallyExpect, launchChromium, login, shot, startWebStack, useSessions, WebStack } from './driver';

jest.setTimeout(180000);
const step = (msg: string) => process.stderr.write(`[browser] ${new Date().toISOString().slice(11, 19)} ${msg}\n`);
/** A Beijing calendar date `days` from today. */
const beijingDay = (days: number) => new Date(Date.now() + 8 * 3600_000 + days * 86400_000).toISOString().slice(0, 10);

describe('逾期 from the due instant, on pages left open — in the browser', () => {
  let stack: WebStack;
  let browser: Browser;
  let office: TestUser;
  let liaison: TestUser;
  const api = (method: 'GET' | 'POST', path: string, token: string, body?: unknown) => callApi(stack, method, path, token, body, step);
  const tokenOf = (u: TestUser) => `Bearer ${signToken(stack.config, { id: u.id, name: u.name, roles: u.roles, unitId: u.unitId, organizationId: u.organizationId } as never)}`;
  const { session } = useSessions(() => browser);

  beforeAll(async () => {
    step('starting worker + API');
    stack = await startWebStack('browser-overdue-at-instant', { NOTIFY_WAKE_SPREAD_MS: '3600000' });
    browser = await launchChromium();
    const org = uniqueName('brw-overdue');
    await stack.app.get(OrganizationRepository).upsert({ id: org, name: '逾期测试县', level: 'county', parentId: null, regionName: null });
    office = await createUser(stack.app, { roles: ['office'], name: '吴敏（创建办）', username: uniqueName('od-office'), organizationId: org });
    liaison = await createUser(stack.app, { roles: ['unit'], unitId: 'sx-tjj', name: '冯涛（县统计局联络员）', username: uniqueName('od-tjj'), organizationId: org });
  });

  afterAll(async () => {
    await browser?.close();
    await stack?.stop();
  });

  it("the liaison's due badge turns red 已逾期 and 活动总览's 逾期未报 counts it at the due instant, without a reload or a workflow write", async () => {
    const day = beijingDay(10);
    const c = await api('POST', '/api/campaigns', tokenOf(office), { templateId: 'sishui-2023', name: '泗水县创建（逾期）', takeOver: true, done: ['leadership-group'], schedule: { materials: day, 'key-projects': day, 'work-plan-issued': day, 'leadership-group': day, 'plan-started': day } });
    expect(c.status).toBe(201);
    const id = c.body.id as string;
    const mine = (await eventually(() => api('GET', `/api/campaigns/${id}/tasks?kind=materials`, tokenOf(liaison)), (r) => r.status === 200 && r.body.length === 1, 60000)).body as { id: string }[];
    const taskId = mine[0].id;
    const due = new Date(Math.ceil((Date.now() + 40_000) / 1000) * 1000);
    const moved = await api('POST', `/api/campaigns/${id}/deadlines`, tokenOf(office), { taskIds: [taskId], dueAt: due.toISOString(), reason: '测试逾期：期限提前' });
    expect(moved.status).toBe(200);

    const unit = await session(DESKTOP);
    await login(unit.page, stack.baseUrl, liaison.username, liaison.password, `/campaigns/${id}/tasks/${encodeURIComponent(taskId)}`);
    const badge = unit.page.locator('[data-level]').first();
    await eventuallyExpect(() => badge.textContent(), (v) => expect(v).toBe('今日到期'));
    await expect(badge.getAttribute('data-level')).resolves.toBe('yellow');

    const desk = await session(DESKTOP);
    await login(desk.page, stack.baseUrl, office.username, office.password, `/campaigns/${id}`);
    const unsent = desk.page.locator('.ant-statistic').filter({ hasText: '逾期未报' }).locator('.ant-statistic-content-value');
    await eventuallyExpect(() => unsent.textContent(), (v) => expect(v).toBe('0'));
    expect(Date.now()).toBeLessThan(due.getTime()); // both pages were read before the instant
    await shot(unit.page, 'liaison-before-due');

    // past the instant: the same pages, not reloaded by hand
    await new Promise((r) => setTimeout(r, Math.max(0, due.getTime() - Date.now())));
    await eventuallyExpect(() => badge.getAttribute('data-level'), (v) => expect(v).toBe('red'), 5000);
    await expect(badge.textContent()).resolves.toBe('已逾期');
    await shot(unit.page, 'liaison-at-due');
    await eventuallyExpect(() => unsent.textContent(), (v) => expect(v).toBe('1'), 10000);
    await shot(desk.page, 'office-overview-at-due');
    // the API says so at read time, while the workflow wrote nothing meanwhile: its stored row still says not overdue
    const read = (await api('GET', `/api/campaigns/${id}/tasks/${encodeURIComponent(taskId)}`, tokenOf(office))).body as { overdue: boolean; overdueSince: string | null };
    expect([read.overdue, read.overdueSince]).toEqual([true, due.toISOString()]);
    const [stored] = (await stack.app.get(DataSource).query('SELECT overdue FROM campaign_tasks WHERE campaign_id = $1 AND task_id = $2', [id, taskId])) as { overdue: boolean }[];
    expect(stored.overdue).toBe(false);

    expect((await api('POST', `/api/campaigns/${id}/cancel`, tokenOf(office), { reason: '测试结束' })).status).toBe(200);
  });
});
