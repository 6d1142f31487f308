#!/usr/bin/env node
/**
 * Web budget, part 1 (printed, not asserted): the JavaScript a first visit loads — the entry script and the chunks
 * index.html preloads — gzipped, against the 500 kB goal; then every other chunk (loaded when a screen needs it).
 * Builds the web application first when dist/web is missing or older than its sources (so the sizes are current).
 */
const { execFileSync } = require('child_process');
const { existsSync, readFileSync, readdirSync, statSync } = require('fs');
const { join } = require('path');
const { gzipSync } = require('zlib');

const root = join(__dirname, '..');
const dist = join(root, 'dist/web');
/** Newest modification time under a folder (the web sources). */
function newestMtime(dir) {
  let t = 0;
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const p = join(dir, e.name);
    t = Math.max(t, e.isDirectory() ? newestMtime(p) : statSync(p).mtimeMs);
  }
  return t;
}
// The sizes printed are those of the current sources: rebuild first when dist/web is missing or older than them
// (the same rule as the browser setup, which would otherwise rebuild only after these sizes were printed).
const sources = Math.max(newestMtime(join(root, 'apps/web/src')), statSync(join(root, 'apps/web/index.html')).mtimeMs, statSync(join(root, 'apps/web/vite.config.ts')).mtimeMs);
if (!existsSync(join(dist, 'index.html')) || statSync(join(dist, 'index.html')).mtimeMs < sources) {
  console.log('web budget: building the web application first (dist/web is missing or older than apps/web)…');
  execFileSync(process.execPath, [join(root, 'node_modules/vite/bin/vite.js'), 'build', '--config', join(root, 'apps/web/vite.config.ts'), '--logLevel', 'warn'], { cwd: root, stdio: 'inherit' });
}
const html = readFileSync(join(dist, 'index.html'), 'utf8');
const first = new Set([...html.matchAll(/<script[^>]+src="\/([^"]+\.js)"/g), ...html.matchAll(/<link[^>]+rel="modulepreload"[^>]+href="\/([^"]+\.js)"/g)].map((m) => m[1]));
const kb = (n) => `${(n / 1024).toFixed(1)} kB`;
const size = (f) => {
  const buf = readFileSync(join(dist, f));
  return { raw: buf.length, gz: gzipSync(buf, { level: 9 }).length };
};
let total = 0;
console.log('web budget — first-load JavaScript (gzipped):');
for (const f of first) {
  const s = size(f);
  total += s.gz;
  console.log(`  ${f.padEnd(44)} ${kb(s.raw).padStart(10)}  gz ${kb(s.gz).padStart(9)}`);
}
const css = [...html.matchAll(/<link[^>]+rel="stylesheet"[^>]+href="\/([^"]+)"/g)].map((m) => m[1]);
console.log(`  first-load JS total: ${kb(total)} gzipped (goal < 500 kB: ${total < 500 * 1024 ? 'within' : 'OVER'})${css.length ? `; css ${css.length} file(s)` : ''}`);
console.log('lazily loaded chunks (gzipped):');
const lazy = readdirSync(join(dist, 'assets')).filter((f) => f.endsWith('.js') && !first.has(`assets/${f}`));
const rows = lazy.map((f) => ({ f, ...size(`assets/${f}`) })).sort((a, b) => b.gz - a.gz);
for (const r of rows.slice(0, 12)) console.log(`  ${r.f.padEnd(44)} gz ${kb(r.gz).padStart(9)}`);
if (rows.length > 12) console.log(`  … and ${rows.length - 12} smaller chunks`);
void statSync;
