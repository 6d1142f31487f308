/**
 * Shared driver for the browser tests: the real worker + the API (serving the built web application) on a free
 * loopback port, Chromium through playwright-core, sign-in, and screenshots under .data/browser-screenshots.
 */
import { INestApplication } from '@nestjs/common';
import { mkdirSync } from 'fs';
import { AddressInfo } from 'net';
import { join } from 'path';
import { Browser, BrowserContext, chromium, Page } from 'playwright-core';
import type { AppConfig } from '@eco/config';
import { startWorker } from '../e2e/campaign-stack';
import { startApi, testConfig } from '../e2e/helpers';
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

export async function startWebStack(taskQueue: string): Promise<WebStack> {
  // Like the start script: the holiday data ends with 2026, so dates after it use the provisional 2027 calendar.
  const config = testConfig({ TEMPORAL_TASK_QUEUE: taskQueue, CALENDAR_OVERRIDE_FILE: join(__dirname, '../../deploy/calendar/provisional-2027.json') });
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
/** Full-page screenshot, numbered in the order of the flow. */
export async function shot(page: Page, name: string): Promise<string> {
  mkdirSync(SCREENSHOT_DIR, { recursive: true });
  const file = join(SCREENSHOT_DIR, `${String(++shotNo).padStart(2, '0')}-${name}.png`);
  await page.waitForLoadState('networkidle').catch(() => undefined);
  // Let closing dialogs and messages finish their animation so the picture shows the settled screen.
  await page.waitForFunction(`[...document.querySelectorAll('.ant-modal-wrap')].every((e) => getComputedStyle(e).display === 'none')`, undefined, { timeout: 5000 }).catch(() => undefined);
  await page.waitForTimeout(250);
  await page.screenshot({ path: file, fullPage: true });
  return file;
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
