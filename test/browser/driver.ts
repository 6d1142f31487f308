/**
 * Shared driver for the browser tests: the real worker + the API (serving the built web application) on a free
 * loopback port (evidence files in the real S3 server of the e2e setup), Chromium through playwright-core, sign-in,
 * and screenshots under .data/browser-screenshots/<file>/<test>/.
 */
import { INestApplication } from '@nestjs/common';
import { randomBytes } from 'crypto';
import { mkdirSync, readdirSync } from 'fs';
import { AddressInfo } from 'net';
import { basename, join } from 'path';
import { Browser, BrowserContext, chromium, Locator, Page } from 'playwright-core';
import type { AppConfig } from '@eco/config';
import { startWorker } from '../e2e/campaign-stack';
import { startApi, testConfig, testStack } from '../e2e/helpers';
import { chromiumPath } from './chromium';

export const SCREENSHOT_DIR = join(__dirname, '../../.data/browser-screenshots');
export const PHONE = { width: 390, height: 844 };
export const DESKTOP = { width: 1440, height: 900 };

export interface WebStack {
  config: AppConfig;
  app: INestApplication;
  baseUrl: string;
  stop(): Promise<void>;
}

/** `overrides`: configuration of this stack beyond the shared test configuration (e.g. smaller upload limits). */
export async function startWebStack(taskQueue: string, overrides: Record<string, string> = {}): Promise<WebStack> {
  // Like the start script: the holiday data ends with 2026, so dates after it use the provisional 2027 calendar.
  // Evidence files go to the real S3-compatible server of the e2e setup (Versity S3 Gateway), a bucket per run.
  const s3 = testStack().s3;
  const config = testConfig({
    TEMPORAL_TASK_QUEUE: taskQueue,
    CALENDAR_OVERRIDE_FILE: join(__dirname, '../../deploy/calendar/provisional-2027.json'),
    STORAGE_DRIVER: 's3',
    S3_ENDPOINT: s3.endpoint,
    S3_REGION: s3.region,
    S3_ACCESS_KEY_ID: s3.accessKeyId,
    S3_SECRET_ACCESS_KEY: s3.secretAccessKey,
    S3_BUCKET: `browser-${taskQueue.replace(/[^a-z0-9-]/g, '')}-${randomBytes(4).toString('hex')}`,
    ...overrides,
  });
  const worker = await startWorker(config);
  const app = await startApi(config);
  await app.listen(0, '127.0.0.1');
  const { port } = app.getHttpServer().address() as AddressInfo;
  return {
    config,
    app,
    baseUrl: `http://127.0.0.1:${port}`,
    stop: async () => {
      await app.close();
      // A worker still bundling its workflows when a setup step failed must not hang the run.
      await Promise.race([worker.stop(), new Promise((r) => setTimeout(r, 30000).unref())]);
    },
  };
}

export async function launchChromium(): Promise<Browser> {
  return chromium.launch({ executablePath: chromiumPath(), headless: true, args: ['--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage', '--lang=zh-CN'] });
}

export interface Session {
  context: BrowserContext;
  page: Page;
  /** Uncaught page errors (a broken screen fails the test). */
  errors: string[];
}

export async function newSession(browser: Browser, viewport: { width: number; height: number }): Promise<Session> {
  const context = await browser.newContext({ acceptDownloads: true, viewport, locale: 'zh-CN', timezoneId: 'Asia/Shanghai', deviceScaleFactor: 1, isMobile: viewport.width < 500, hasTouch: viewport.width < 500 });
  const page = await context.newPage();
  page.setDefaultTimeout(20000);
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  // Every refused or failed API answer the page got, on stderr (many are the test's point): when a step waits in vain
  // for a success message, the log says what the server answered (two flaky steps failed without leaving a trace).
  page.on('response', (r) => {
    const url = new URL(r.url());
    if (r.status() < 400 || !url.pathname.startsWith('/api/')) return;
    // an answer with no server address was made up by the test itself (page.route, e.g. a 500 to show 加载失败)
    void Promise.all([r.text(), r.serverAddr().catch(() => null)]).then(
      ([body, server]) => process.stderr.write(`[browser] ${new Date().toISOString().slice(11, 19)} page ← ${r.status()} ${r.request().method()} ${url.pathname}${server ? '' : ' (answered by the test)'}: ${body.slice(0, 300)}\n`),
      () => undefined,
    );
  });
  return { context, page, errors };
}

export async function login(page: Page, baseUrl: string, username: string, password: string, path = '/'): Promise<void> {
  await page.goto(baseUrl + path);
  await page.getByLabel('用户名').fill(username);
  await page.getByLabel('密码').fill(password);
  await page.getByRole('button', { name: /登\s*录/ }).click();
  await page.getByTestId('whoami').waitFor();
}

let shotNo = 0;

/** The running test's screenshot folder: .data/browser-screenshots/<test file>/<test name>/. */
function currentShotDir(): string {
  const state = expect.getState();
  return join(SCREENSHOT_DIR, folderOf(basename(state.testPath ?? 'browser', '.browser.ts')), folderOf(state.currentTestName ?? 'setup'));
}

/**
 * A suite's browser sessions (`sessions`, in the order opened): `session(viewport)` opens one in the suite's Chromium; after each test no session may
 * have had an uncaught page error and the test must have left a screenshot; after the file every session is closed.
 */
export function useSessions(browser: () => Browser): { session: (viewport: { width: number; height: number }) => Promise<Session>; sessions: readonly Session[] } {
  const sessions: Session[] = [];
  // On a failure (test/browser/environment.ts): what each open page showed, on stderr, and its picture.
  (globalThis as { __browserFailureDump?: (what: string) => Promise<void> }).__browserFailureDump = async (what) => {
    for (const [i, s] of sessions.entries()) if (!s.page.isClosed()) process.stderr.write(`${await describePage(s.page, `${what} — session ${i + 1}`)}\n`);
  };
  afterEach(() => {
    for (const s of sessions) expect(s.errors).toEqual([]);
    expect(readdirSync(currentShotDir()).filter((f) => f.endsWith('.png')).length).toBeGreaterThan(0);
  });
  afterAll(async () => {
    for (const s of sessions) await s.context.close().catch(() => undefined);
  });
  const session = async (viewport: { width: number; height: number }) => {
    const s = await newSession(browser(), viewport);
    sessions.push(s);
    return s;
  };
  return { session, sessions };
}

/**
 * What a page shows, in a few lines (for a failed test): its address, the dialogs open (title, buttons, errors under
 * fields), messages on screen and the start of its text; and a screenshot (NN-failure-….png in the test's folder).
 */
async function describePage(page: Page, what: string): Promise<string> {
  // (a script as text: the tests are compiled without the DOM's types)
  const seen = await page
    .evaluate(`(() => {
      const shown = (e) => e.offsetParent !== null || getComputedStyle(e).position === 'fixed';
      const text = (e) => ((e && e.textContent) || '').replace(/\\s+/g, ' ').trim().slice(0, 200);
      const dialogs = [...document.querySelectorAll('.ant-modal-wrap')].map((w) => ({
        shown: getComputedStyle(w).display !== 'none',
        title: text(w.querySelector('.ant-modal-title, .ant-modal-confirm-title')),
        buttons: [...w.querySelectorAll('button')].map(text).filter(Boolean),
        errors: [...w.querySelectorAll('.ant-form-item-explain-error')].map(text),
      }));
      const messages = [...document.querySelectorAll('.ant-message-notice, .ant-notification-notice, .ant-alert')].filter(shown).map(text);
      return { dialogs, messages, body: text(document.body).slice(0, 300), visibility: document.visibilityState };
    })()`)
    .catch((e: unknown) => ({ error: String(e) }));
  // as it is now (shot() would first wait for the network and for dialogs to close)
  const picture = join(currentShotDir(), `${String(++shotNo).padStart(2, '0')}-failure.png`);
  await page.screenshot({ path: picture, fullPage: true, timeout: 10000 }).catch(() => undefined);
  return `[browser] FAILED ${what}: ${page.url()}\n  ${JSON.stringify(seen)}\n  screenshot: ${picture}`;
}

/** The API over real HTTP on the server the browser uses (JSON or a multipart form); a failure's body is logged. */
export async function callApi(stack: WebStack, method: 'GET' | 'POST', path: string, token: string, body?: unknown, log: (line: string) => void = () => undefined): Promise<{ status: number; body: any }> {
  const form = body instanceof FormData;
  const res = await fetch(stack.baseUrl + path, { method, headers: { Authorization: token, ...(form ? {} : { 'Content-Type': 'application/json' }) }, body: body === undefined ? undefined : form ? body : JSON.stringify(body), signal: AbortSignal.timeout(60000) });
  const text = await res.text();
  if (res.status >= 300) log(`→ ${res.status} ${text.slice(0, 500)}`);
  return { status: res.status, body: text ? JSON.parse(text) : null };
}
/** A folder name from a test's name (Chinese kept; path separators and the like replaced). */
export function folderOf(testName: string): string {
  return testName.replace(/[\\/:*?"<>|\s]+/g, '-').replace(/-+/g, '-').slice(0, 120);
}

/**
 * Full-page screenshot, numbered in the order of the flow, in the folder of the test that takes it:
 * .data/browser-screenshots/<test file>/<test name>/NN-name.png.
 */
export async function shot(page: Page, name: string): Promise<string> {
  const dir = currentShotDir();
  mkdirSync(dir, { recursive: true });
  const file = join(dir, `${String(++shotNo).padStart(2, '0')}-${name}.png`);
  await page.waitForLoadState('networkidle').catch(() => undefined);
  // Let closing dialogs and messages finish their animation so the picture shows the settled screen.
  await page.waitForFunction(`[...document.querySelectorAll('.ant-modal-wrap')].every((e) => getComputedStyle(e).display === 'none')`, undefined, { timeout: 5000 }).catch(() => undefined);
  await page.waitForTimeout(250);
  await page.screenshot({ path: file, fullPage: true });
  return file;
}

/**
 * Waits until the open dialogs (antd Modal) stand still: none still has its opening motion class (rc-motion's
 * -appear/-enter) and no finite CSS animation runs in it (a spinner's endless one aside). Playwright's `stable` check
 * passes on one pair of equal frames, which a loaded machine gives mid-animation: the click then lands where the
 * zooming button no longer is, and is lost (CI: 确认退回 clicked, 请填写退回原因 never shown). Clicks inside a dialog go
 * through here (clickInDialog).
 */
export async function dialogSettled(page: Page, timeoutMs = 10_000): Promise<void> {
  await page.waitForFunction(
    `[...document.querySelectorAll('.ant-modal')].every((m) => !/-(appear|enter)\\b/.test(m.className) && m.getAnimations({ subtree: true }).every((a) => a.playState !== 'running' || a.effect?.getComputedTiming().iterations === Infinity))`,
    undefined,
    { timeout: timeoutMs, polling: 'raf' },
  );
}

/** Clicks a button of an open dialog once the dialog stands still (dialogSettled). */
export async function clickInDialog(page: Page, target: Locator): Promise<void> {
  await target.waitFor();
  await dialogSettled(page);
  await target.click();
}

/**
 * Types `typed` into a select's search box (`input`, found by its label) in a dialog and picks the option reading
 * `label`; `select` is the Select whose chosen item must then read it. The dialog first stands still; a click on an
 * option that did not take (the dropdown's own motion) is tried again, as pickOption does.
 */
export async function typeAndPick(page: Page, input: Locator, typed: string, label: string, select: Locator): Promise<void> {
  await input.waitFor();
  await dialogSettled(page);
  for (let attempt = 1; ; attempt++) {
    // a closed select's search box is read-only: it is opened first
    if ((await input.getAttribute('readonly')) !== null) await select.click();
    await input.fill(typed);
    const option = page.locator('.ant-select-dropdown:not(.ant-select-dropdown-hidden) .ant-select-item-option', { hasText: label }).first();
    // an option already chosen (a multiple select whose click took late) is not clicked again: that would unchoose it
    if ((await option.getAttribute('aria-selected')) !== 'true') await option.click();
    const took = await select.locator('.ant-select-selection-item', { hasText: label }).waitFor({ timeout: 5000 }).then(() => true, () => false);
    if (took) return;
    if (attempt === 3) throw new Error(`the choice ${label} did not take after ${attempt} tries`);
  }
}

/** Retries `check(await read())` (jest expectations) until it passes or `timeoutMs` runs out; then fails with the last error. */
export async function eventuallyExpect<T>(read: () => Promise<T>, check: (v: T) => void, timeoutMs = 20000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const v = await read();
    try {
      check(v);
      return v;
    } catch (e) {
      if (Date.now() > deadline) throw e;
    }
    await new Promise((r) => setTimeout(r, 200));
  }
}

/** The smallest valid one-page PDF: a scanned, sealed document as far as the app is concerned. */
export const MINIMAL_PDF = '%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj 2 0 obj<</Type/Pages/Kids[3 0 R]/Count 1>>endobj 3 0 obj<</Type/Page/Parent 2 0 R/MediaBox[0 0 200 200]>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n';

/**
 * Chooses an option of an antd Select (by its test id) by typing part of its label, and waits until the field shows
 * it. A choice a busy page dropped (the field still empty, 请选择… under it: a CI run once sent nothing for that) is
 * made again, as a person would; three misses fail with the field named.
 */
export async function pickOption(page: Page, testId: string, typed: string, label: string | RegExp = typed): Promise<void> {
  const select = page.getByTestId(testId);
  for (let attempt = 1; ; attempt++) {
    await select.click();
    if (typed) await page.keyboard.type(typed);
    await page.locator('.ant-select-dropdown:not(.ant-select-dropdown-hidden) .ant-select-item-option', { hasText: label }).first().click();
    const took = await select.locator('.ant-select-selection-item', { hasText: label }).waitFor({ timeout: 5000 }).then(() => true, () => false);
    if (took) return;
    if (attempt === 3) throw new Error(`${testId}: the choice ${String(label)} did not take after ${attempt} tries`);
    await page.keyboard.press('Escape');
  }
}
