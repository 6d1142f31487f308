/**
 * 调整期限 on 活动总览 in a real Chromium against the real stack: the office moves one node (各单位提供…材料) for all
 * 16 units in one dialog (节点期限 → 调整本节点全部单位期限), sees before confirming what it takes and each date it
 * changes (the node, the step after it) with the warnings the move will answer, and after it the same warnings; a
 * phase not started says its nodes move with the phase and offers no node move; the phase's own 调整期限 previews
 * each node old → new before anything is sent. Screenshots: .data/browser-screenshots/milestone-move/<test>/.
 */
import type { Browser } from 'playwright-core';
import { OrganizationRepository } from '@eco/persistence';
import { eventually } from '../e2e/campaign-stack';
import { createUser, signToken, TestUser, uniqueName } from '../e2e/helpers';
import { callApi, clickInDialog, DESKTOP, eventuallyExpect, launchChromium, login, shot, startWebStack, useSessions, WebStack } from './driver';

jest.setTimeout(180000);
const step = (msg: string) => process.stderr.write(`[browser] ${new Date().toISOString().slice(11, 19)} ${msg}\n`);
/** A Beijing calendar date `days` from today, and an instant's Beijing date. */
const beijingDay = (days: number) => new Date(Date.now() + 8 * 3600_000 + days * 86400_000).toISOString().slice(0, 10);
const dayOf = (iso: string) => new Date(Date.parse(iso) + 8 * 3600_000).toISOString().slice(0, 10);

describe('活动总览: one node moved for all its units, with a preview — in the browser', () => {
  let stack: WebStack;
  let browser: Browser;
  let office: TestUser;
  const api = (method: 'GET' | 'POST', path: string, token: string, body?: unknown) => callApi(stack, method, path, token, body, step);
  const tokenOf = (u: TestUser) => `Bearer ${signToken(stack.config, { id: u.id, name: u.name, roles: u.roles, unitId: u.unitId, organizationId: u.organizationId } as never)}`;
  const { session } = useSessions(() => browser);

  beforeAll(async () => {
    step('starting worker + API');
    stack = await startWebStack('browser-milestone-move');
    browser = await launchChromium();
    const org = uniqueName('brw-move');
    await stack.app.get(OrganizationRepository).upsert({ id: org, name: '期限调整测试县', level: 'county', parentId: null, regionName: null });
    office = await createUser(stack.app, { roles: ['office'], name: '吴敏（创建办）', username: uniqueName('mv-office'), organizationId: org });
  });

  afterAll(async () => {
    await browser?.close();
    await stack?.stop();
  });

  it('节点期限: 调整本节点全部单位期限 moves the 16 units’ tasks in one dialog after its preview; a phase not started explains; the phase move previews each node', async () => {
    const day = beijingDay(10);
    const c = await api('POST', '/api/campaigns', tokenOf(office), { templateId: 'sishui-2023', name: '泗水县创建（节点期限）', schedule: { materials: day, 'key-projects': day, 'work-plan-issued': day, 'leadership-group': day, 'plan-started': day } });
    expect(c.status).toBe(201);
    const id = c.body.id as string;
    const materials = (await eventually(() => api('GET', `/api/campaigns/${id}/tasks?kind=materials`, tokenOf(office)), (r) => r.status === 200 && r.body.length === 16, 60000)).body as { id: string }[];
    const target = beijingDay(30);
    // the API's preview of the same move: the oracle of what the dialog shows
    const expected = (await api('POST', `/api/campaigns/${id}/deadlines/preview`, tokenOf(office), { taskIds: materials.map((t) => t.id), dueAt: target })).body as { milestones: { key: string; from: string; to: string }[]; warnings: string[] };
    expect(expected.milestones[0].key).toBe('materials');

    const { page } = await session(DESKTOP);
    await login(page, stack.baseUrl, office.username, office.password, `/campaigns/${id}`);
    const mob = page.locator('[data-testid=phase][data-phase=mobilization]');
    await mob.getByTestId('phase-milestones').click();
    const row = page.locator('[data-testid=milestone-row][data-milestone=materials]');
    await eventuallyExpect(() => row.textContent(), (v) => expect(v).toContain('未完成 16 项'));
    await shot(page, 'office-node-list-desktop');
    await row.getByTestId('milestone-move').click();
    await expect(page.getByTestId('milestone-move-scope').textContent()).resolves.toBe('将调整本节点 16 项未完成任务的期限（16 个单位）。');
    const picker = page.getByTestId('milestone-move-date');
    await picker.click();
    await picker.fill(target);
    await picker.press('Enter');
    // Enter takes the date and submits nothing: 调整原因, not reached yet, is not red
    await page.waitForTimeout(600); // a validation would show by now
    await expect(page.locator('.ant-modal:visible .ant-form-item-explain-error').count()).resolves.toBe(0);
    // before confirming: each date it changes, old → new, and what the move will warn of
    const preview = page.getByTestId('milestone-move-preview');
    await eventuallyExpect(() => preview.getAttribute('data-state'), (v) => expect(v).toBe('ready'));
    await expect(preview.locator('[data-testid=preview-milestone]').evaluateAll((rows) => rows.map((r) => r.getAttribute('data-key')))).resolves.toEqual(expected.milestones.map((m) => m.key));
    const dates = await preview.getByTestId('preview-dates').allTextContents();
    expected.milestones.forEach((m, i) => expect(dates[i]).toMatch(new RegExp(`^${dayOf(m.from)} 周. → ${dayOf(m.to)} 周.$`)));
    // before anything is recorded: the move's warnings without 「（详见审计记录）」
    await expect(preview.getByTestId('preview-warning').allTextContents()).resolves.toEqual(expected.warnings.map((w) => w.replace('（详见审计记录）', '')));
    expect(expected.warnings.some((w) => w.startsWith('后续'))).toBe(true); // the step after it moves too, and is said
    await shot(page, 'office-node-move-preview-desktop');
    await page.getByTestId('milestone-move-reason').fill('省厅调整材料报送时间');
    await clickInDialog(page, page.getByTestId('milestone-move-ok'));
    // the move's own warnings, said after it
    await page.getByText(`16 项任务的期限已调整。${expected.warnings.join('；')}`).or(page.getByTestId('milestone-move-error')).first().waitFor();
    await expect(page.getByTestId('milestone-move-error').count()).resolves.toBe(0);
    await shot(page, 'office-node-moved-desktop');
    const after = (await api('GET', `/api/campaigns/${id}/tasks?kind=materials`, tokenOf(office))).body as { dueAt: string }[];
    expect(new Set(after.map((t) => t.dueAt))).toEqual(new Set([expected.milestones[0].to]));
    const audit = (await api('GET', `/api/campaigns/${id}/audit?action=moveDeadlines`, tokenOf(office))).body as { detail: { taskIds: string[] } }[];
    expect(audit.map((e) => e.detail.taskIds.length)).toEqual([16]); // one move, not sixteen

    // a phase not started: no tasks yet, its nodes move with the phase — said, not offered
    await page.locator('[data-testid=phase][data-phase=implementation]').getByTestId('phase-milestones').click();
    await expect(page.getByTestId('milestone-not-started').getByText('该阶段尚未开始，本节点尚无任务，可调整阶段期限').count()).resolves.toBe(1);
    await expect(page.locator('[data-testid=milestone-list]:visible [data-testid=milestone-move]').count()).resolves.toBe(0);
    await shot(page, 'office-node-list-not-started-desktop');
    await clickInDialog(page, page.getByRole('button', { name: /关\s*闭/ }).last());

    // the phase's own move: each node old → new before confirming
    await mob.getByTestId('phase-move').click();
    const days = page.locator('input[data-testid=phase-move-days], [data-testid=phase-move-days] input').first();
    await days.fill('3');
    const phasePreview = page.getByTestId('phase-move-preview');
    const expectedPhase = (await api('POST', `/api/campaigns/${id}/deadlines/preview`, tokenOf(office), { phase: 'mobilization', shiftByWorkingDays: 3 })).body as { milestones: { key: string; from: string; to: string }[]; phases: { key: string; from: string; to: string }[] };
    await eventuallyExpect(() => phasePreview.getAttribute('data-state'), (v) => expect(v).toBe('ready'));
    await eventuallyExpect(() => phasePreview.locator('[data-testid=preview-milestone]').evaluateAll((rows) => rows.map((r) => r.getAttribute('data-key'))), (v) => expect(v).toEqual(expectedPhase.milestones.map((m) => m.key)));
    const phaseDates = await phasePreview.getByTestId('preview-dates').allTextContents();
    expectedPhase.milestones.forEach((m, i) => expect(phaseDates[i]).toMatch(new RegExp(`^${dayOf(m.from)} 周. → ${dayOf(m.to)} 周.$`)));
    expect(expectedPhase.milestones.map((m) => m.key)).toEqual(expect.arrayContaining(['materials', 'key-projects', 'work-plan-issued']));
    // the phase's own new end, said as such (walkthrough: only its nodes were listed)
    expect(expectedPhase.phases.map((p) => p.key)).toContain('mobilization');
    const phaseLines = await phasePreview.getByTestId('preview-phase').allTextContents();
    expectedPhase.phases.forEach((p, i) => expect(phaseLines[i]).toMatch(new RegExp(`^.+阶段截止：${dayOf(p.from)} 周. → ${dayOf(p.to)} 周.$`)));
    expect(phaseLines[0]).toMatch(/^动员部署阶段截止：/);
    await shot(page, 'office-phase-move-preview-desktop');
    expect((await api('POST', `/api/campaigns/${id}/cancel`, tokenOf(office), { reason: '测试结束' })).status).toBe(200); // nothing left waiting for the office
  });
});
