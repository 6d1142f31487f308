/**
 * The 报送 draft across devices in a real Chromium against the real stack (S3 store): a liaison uploads a scan and a
 * photo on the desktop and does not send; on a 390 px phone (another browser context, another sign-in) the task page
 * lists both, ready for the next 报送 (walkthrough: 暂无附件 and an empty list). Before sending she previews the photo —
 * fitted to the phone (not laid out 980 px wide and drawn 80 px) — and the scan, whose tab opens the file's own
 * address ending with its name (the PDF viewer's title and 另存为; a blob: address read 5c775f24-…), inline; then
 * 移除 on the phone deletes the photo, and the desktop, reloaded, no longer lists it.
 */
import { deflateSync } from 'zlib';
import type { Browser } from 'playwright-core';
import { createUser, signToken, TestUser, uniqueName } from '../e2e/helpers';
import { callApi, DESKTOP, eventuallyExpect, launchChromium, login, MINIMAL_PDF, PHONE, shot, startWebStack, useSessions, WebStack } from './driver';

jest.setTimeout(180000);
const step = (msg: string) => process.stderr.write(`[browser] ${new Date().toISOString().slice(11, 19)} ${msg}\n`);

/** A real PNG picture, `w`×`h`, one colour. */
function png(w: number, h: number): Buffer {
  const crcTable = Array.from({ length: 256 }, (_, n) => {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    return c >>> 0;
  });
  const crc = (b: Buffer) => {
    let c = 0xffffffff;
    for (const x of b) c = crcTable[(c ^ x) & 0xff] ^ (c >>> 8);
    return (c ^ 0xffffffff) >>> 0;
  };
  const chunk = (type: string, data: Buffer) => {
    const len = Buffer.alloc(4);
    len.writeUInt32BE(data.length);
    const td = Buffer.concat([Buffer.from(type, 'ascii'), data]);
    const c = Buffer.alloc(4);
    c.writeUInt32BE(crc(td));
    return Buffer.concat([len, td, c]);
  };
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(w, 0);
  ihdr.writeUInt32BE(h, 4);
  ihdr[8] = 8; // bit depth
  ihdr[9] = 2; // RGB
  const row = Buffer.concat([Buffer.from([0]), Buffer.alloc(w * 3, 0x4a)]);
  const raw = Buffer.concat(Array.from({ length: h }, () => row));
  return Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), chunk('IHDR', ihdr), chunk('IDAT', deflateSync(raw)), chunk('IEND', Buffer.alloc(0))]);
}

describe('evidence files uploaded and not yet sent, on another device', () => {
  let stack: WebStack;
  let browser: Browser;
  let liaison: TestUser;
  let office: TestUser;
  let campaignId: string;
  const TASK = 'indicator:4';
  const SCAN = '河长制工作台账（盖章）.pdf';
  const PHOTO = '河道巡查现场照片.png';
  const { session } = useSessions(() => browser);
  const tokenOf = (u: TestUser) => `Bearer ${signToken(stack.config, { id: u.id, name: u.name, roles: u.roles, unitId: u.unitId } as never)}`;
  const api = (method: 'GET' | 'POST', path: string, token: string, body?: unknown) => callApi(stack, method, path, token, body, step);
  const taskUrl = () => `/campaigns/${campaignId}/tasks/${encodeURIComponent(TASK)}`;

  beforeAll(async () => {
    stack = await startWebStack('browser-evidence-draft');
    browser = await launchChromium();
    liaison = await createUser(stack.app, { roles: ['unit'], unitId: 'sx-slzx', name: '孙丽（县水利中心联络员）', username: uniqueName('slzx') });
    office = await createUser(stack.app, { roles: ['office'], name: '李娜（创建办）', username: uniqueName('office') });
    const iso = new Date(Date.now() + 86400000).toISOString();
    const started = await api('POST', '/api/campaigns', tokenOf(office), { templateId: 'sishui-2023', name: uniqueName('报送草稿'), schedule: { materials: iso, 'key-projects': iso, 'work-plan-issued': iso, 'leadership-group': iso, 'plan-started': iso } });
    campaignId = started.body.id;
    await api('POST', `/api/campaigns/${campaignId}/close-phase`, tokenOf(office), { phase: 'mobilization', reason: '动员部署已完成，进入创建实施' });
  });

  afterAll(async () => {
    await browser?.close();
    await stack?.stop();
  });

  it('uploaded on the desktop, listed on a 390 px phone, previewed there before sending, removed there for both', async () => {
    const desktop = await session(DESKTOP);
    await login(desktop.page, stack.baseUrl, liaison.username, liaison.password, taskUrl());
    await desktop.page.getByTestId('file-input').setInputFiles([
      { name: SCAN, mimeType: 'application/pdf', buffer: Buffer.from(MINIMAL_PDF) },
      { name: PHOTO, mimeType: 'image/png', buffer: png(200, 120) },
    ]);
    await desktop.page.locator('[data-testid="upload-item"][data-done="true"]').nth(1).waitFor();
    await shot(desktop.page, 'desktop-uploaded');

    // the phone: another browser, another sign-in — the draft is there, ready to be sent
    const phone = await session(PHONE);
    await login(phone.page, stack.baseUrl, liaison.username, liaison.password, taskUrl());
    const items = phone.page.locator('[data-testid="upload-item"][data-done="true"]');
    await items.nth(1).waitFor();
    expect((await items.allTextContents()).map((t) => t.includes(SCAN) || t.includes(PHOTO))).toEqual([true, true]);
    // 支撑材料 (what was sent) does not read 暂无附件 beside them
    await eventuallyExpect(() => phone.page.getByTestId('files').textContent(), (v) => expect(v).toContain('暂无已报送的附件（有 2 个待报送文件，见上方「办理」）'));
    await shot(phone.page, 'phone-draft');

    // 预览 of the photo: fitted to the phone's width (a page laid out at device width), at its own size when narrower
    const photoItem = items.filter({ hasText: PHOTO });
    const [picture] = await Promise.all([phone.context.waitForEvent('page'), photoItem.getByTestId('preview-upload').click()]);
    await picture.locator('img').waitFor();
    await picture.waitForFunction('document.querySelector("img").complete && document.querySelector("img").naturalWidth > 0');
    const drawn = (await picture.evaluate('({ innerWidth: window.innerWidth, width: document.querySelector("img").getBoundingClientRect().width, title: document.title })')) as { innerWidth: number; width: number; title: string };
    expect(drawn).toEqual({ innerWidth: PHONE.width, width: 200, title: PHOTO });
    await shot(picture, 'phone-photo-preview');
    await picture.close();

    // 预览 of the scan: the tab opens the file's own address, which ends with its name, answered inline under that name
    const scanItem = items.filter({ hasText: SCAN });
    const opened = phone.context.waitForEvent('response', (r) => r.url().includes('/api/file-links/'));
    await scanItem.getByTestId('preview-upload').click();
    const response = await opened;
    expect(response.url().endsWith(`/${encodeURIComponent(SCAN)}`)).toBe(true);
    expect(response.status()).toBe(200);
    expect(response.headers()['content-disposition']).toMatch(new RegExp(`^inline; .*filename\\*=UTF-8''${encodeURIComponent(SCAN).replace(/[()]/g, '\\$&')}$`));
    for (const p of phone.context.pages()) if (p !== phone.page) await p.close();
    await shot(phone.page, 'phone-after-preview');

    // 移除 on the phone deletes the photo: the desktop, reloaded, lists the scan alone
    await photoItem.getByTestId('remove-file').click();
    await phone.page.locator('[data-testid="upload-item"]').filter({ hasText: PHOTO }).waitFor({ state: 'detached' });
    await desktop.page.reload();
    const left = desktop.page.locator('[data-testid="upload-item"][data-done="true"]');
    await left.first().waitFor();
    await desktop.page.waitForTimeout(500);
    expect(await left.allTextContents()).toEqual([expect.stringContaining(SCAN)]);
    await shot(desktop.page, 'desktop-after-phone-removed');
  });
});
