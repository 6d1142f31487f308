/**
 * Browser project global setup: the real PostgreSQL + Temporal of the e2e setup (shared when the e2e project runs
 * in the same jest run), the web application built (vite build when dist/web is missing or older than its sources),
 * and Debian's Chromium present. Anything missing fails the run with the reason — nothing is skipped.
 */
import '../setup/aliases'; // first: @eco/* for global setup code (outside jest's moduleNameMapper)
import { execFileSync } from 'child_process';
import { existsSync, readdirSync, statSync } from 'fs';
import { join } from 'path';
import e2eSetup from '../setup/e2e-global-setup';
import { chromiumPath } from './chromium';

const ROOT = join(__dirname, '../..');

function newestMtime(dir: string): number {
  let t = 0;
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const p = join(dir, e.name);
    t = Math.max(t, e.isDirectory() ? newestMtime(p) : statSync(p).mtimeMs);
  }
  return t;
}

export function ensureWebBuilt(): void {
  const index = join(ROOT, 'dist/web/index.html');
  const src = Math.max(newestMtime(join(ROOT, 'apps/web/src')), statSync(join(ROOT, 'apps/web/index.html')).mtimeMs);
  if (existsSync(index) && statSync(index).mtimeMs >= src) return;
  process.stdout.write('\n[browser] building the web application (vite build)…\n');
  execFileSync(process.execPath, [join(ROOT, 'node_modules/vite/bin/vite.js'), 'build', '--config', join(ROOT, 'apps/web/vite.config.ts'), '--logLevel', 'warn'], { cwd: ROOT, stdio: 'inherit' });
}

export default async function setup(): Promise<void> {
  chromiumPath(); // fails with the reason when Chromium is absent
  ensureWebBuilt();
  const g = globalThis as any;
  if (!g.__ECO_STACK__) {
    await e2eSetup();
    g.__ECO_BROWSER_OWNS_STACK__ = true;
  }
}
