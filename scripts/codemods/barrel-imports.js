#!/usr/bin/env node
/**
 * Codemod (re-runnable, idempotent): module boundaries through `@eco/<lib>` barrels.
 *
 *   node scripts/codemods/barrel-imports.js          # rewrite in place, print what changed
 *   node scripts/codemods/barrel-imports.js --check  # exit 1 when something would change (nothing written)
 *
 * 1. MOVES: files that changed home (the workflow contract and activity ports into libs/contracts, the directory
 *    types into libs/domain/src/directory, the engine's test fixtures into test/fixtures, storage's barrel into src/).
 *    A file still at its old path is `git mv`ed; imports of an old path anywhere are pointed at the new one.
 * 2. Every relative import that leaves its own lib and lands in `libs/<x>/src/…` becomes `@eco/<x>` (a lib's barrel:
 *    `libs/<x>/src/index.ts`, aliased in tsconfig.json `paths`); imports inside one lib stay relative.
 * 3. Each barrel re-exports (`export * from './…'`) every module that is imported through it; a missing line is
 *    appended, so a module someone else adds and imports from outside its lib joins its barrel on the next run.
 * 4. Several named imports of one `@eco/<x>` in a file are merged into one statement.
 *
 * After rebasing over someone's work, run it again instead of hand-merging import lines, then `npx tsc --noEmit`.
 * Plain Node (no build step); TypeScript/TSX files only (the .js helpers only get moved paths fixed).
 */
/* eslint-disable @typescript-eslint/no-require-imports */
const fs = require('fs');
const path = require('path');
const { execFileSync } = require('child_process');

const ROOT = path.join(__dirname, '..', '..');
const CHECK = process.argv.includes('--check');
const SCAN = ['apps', 'activities', 'workflows', 'libs', 'test', 'scripts', 'bench'];
const SKIP_DIRS = new Set(['node_modules', 'dist', '.data', 'tools', 'histories', 'data']);

/** old path → new path (repository-relative). */
const MOVES = {
  'workflows/campaign/campaign.contract.ts': 'libs/contracts/src/campaign.contract.ts',
  'libs/domain/src/ports/campaign-activities.port.ts': 'libs/contracts/src/campaign-activities.port.ts',
  'libs/domain/src/ports/directory.port.ts': 'libs/domain/src/directory/organization-directory.ts',
  'libs/domain/src/engine/engine-fixtures.ts': 'test/fixtures/engine-fixtures.ts',
  'libs/storage/index.ts': 'libs/storage/src/index.ts',
};

const abs = (rel) => path.join(ROOT, rel);
const rel = (p) => path.relative(ROOT, p).split(path.sep).join('/');
const MOVED_FROM = Object.fromEntries(Object.entries(MOVES).map(([a, b]) => [abs(a), abs(b)]));
const MOVED_TO = Object.fromEntries(Object.entries(MOVES).map(([a, b]) => [abs(b), abs(a)]));

const changed = [];
/** Files moved by this run: their relative specifiers were written from the old place. */
const movedNow = new Set();
function write(file, text) {
  changed.push(rel(file));
  if (!CHECK) fs.writeFileSync(file, text);
}

// ---- 1. moves -------------------------------------------------------------------------------------------------
for (const [from, to] of Object.entries(MOVES)) {
  if (!fs.existsSync(abs(from))) continue;
  if (fs.existsSync(abs(to))) throw new Error(`${from} and ${to} both exist: merge them by hand`);
  changed.push(`${from} → ${to}`);
  movedNow.add(abs(to));
  if (CHECK) continue;
  fs.mkdirSync(path.dirname(abs(to)), { recursive: true });
  try {
    execFileSync('git', ['mv', from, to], { cwd: ROOT, stdio: 'ignore' });
  } catch {
    fs.renameSync(abs(from), abs(to));
  }
  let dir = path.dirname(abs(from));
  while (dir !== ROOT && fs.existsSync(dir) && fs.readdirSync(dir).length === 0) {
    fs.rmdirSync(dir);
    dir = path.dirname(dir);
  }
}

// ---- helpers --------------------------------------------------------------------------------------------------
function walk(dir, out) {
  if (!fs.existsSync(dir)) return out;
  for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
    if (SKIP_DIRS.has(e.name)) continue;
    const p = path.join(dir, e.name);
    if (e.isDirectory()) walk(p, out);
    else if (/\.(ts|tsx|js)$/.test(e.name) && !e.name.endsWith('.d.ts')) out.push(p);
  }
  return out;
}

/** Where the file lives "now" for resolution (a file the move step would relocate counts at its new place). */
const exists = (p) => (fs.existsSync(p) && fs.statSync(p).isFile()) || p in MOVED_FROM || p in MOVED_TO;

/** Resolves a relative specifier from `dir` to a file (following MOVES), or null. */
function resolveSpec(dir, spec) {
  const r = resolveSpecMoved(dir, spec);
  return r && r.file;
}
function resolveSpecMoved(dir, spec) {
  const base = path.resolve(dir, spec);
  for (const c of [base, `${base}.ts`, `${base}.tsx`, path.join(base, 'index.ts'), `${base}.js`, path.join(base, 'index.js')]) {
    if (exists(c)) return { file: MOVED_FROM[c] ?? c, moved: c in MOVED_FROM };
  }
  return null;
}

/** 'libs/<x>' for a file inside a lib's src/, the lib for other lib files, 'apps/<a>', or the top folder. */
function ownerOf(file) {
  const parts = rel(file).split('/');
  if (parts[0] === 'libs' || parts[0] === 'apps') return `${parts[0]}/${parts[1]}`;
  return parts[0];
}
const libSrcOf = (file) => {
  const m = /^libs\/([^/]+)\/src\//.exec(rel(file));
  return m ? m[1] : null;
};

function relSpec(fromFile, target, originalSpec) {
  let r = path.relative(path.dirname(fromFile), target).split(path.sep).join('/');
  if (!/\.(json|js)$/.test(originalSpec)) r = r.replace(/\.(ts|tsx)$/, '');
  if (/\/index$/.test(r) && !/\/index$/.test(originalSpec) && !/^index$/.test(originalSpec)) r = r.replace(/\/index$/, '');
  if (!r.startsWith('.')) r = `./${r}`;
  return r;
}

const SPEC_RE = /(\bfrom\s*|\bimport\s*\(\s*|\brequire\s*\(\s*|^\s*import\s+|jest\.(?:mock|requireActual|doMock)\(\s*)(['"])([^'"\n]+)\2/gm;

// ---- 2. imports ------------------------------------------------------------------------------------------------
const barrelNeeds = new Map(); // lib → Set(abs module file)
const files = SCAN.flatMap((d) => walk(abs(d), []));
for (const file of files) {
  // where relative specifiers in this file were written from (a file moved by this run: its old place)
  const original = movedNow.has(file) && !CHECK ? MOVED_TO[file] : file;
  const isTs = /\.tsx?$/.test(file);
  const src = fs.readFileSync(file, 'utf8');
  const mine = ownerOf(file);
  let out = src.replace(SPEC_RE, (all, lead, q, spec) => {
    if (!spec.startsWith('.')) return all;
    const resolved = resolveSpecMoved(path.dirname(original), spec);
    if (!resolved) return all;
    const target = resolved.file;
    const lib = libSrcOf(target);
    if (isTs && lib && ownerOf(target) !== mine && !/\.(json)$/.test(target)) {
      if (!barrelNeeds.has(lib)) barrelNeeds.set(lib, new Set());
      barrelNeeds.get(lib).add(target);
      return `${lead}${q}@eco/${lib}${q}`;
    }
    const moved = original !== file || resolved.moved;
    if (!moved) return all;
    const next = relSpec(file, target, spec);
    return next === spec ? all : `${lead}${q}${next}${q}`;
  });
  if (isTs) out = mergeEcoImports(out);
  if (out !== src) write(file, out);
}

/** Merges `import { … } from '@eco/x'` / `import type { … } from '@eco/x'` statements of one module into one. */
function mergeEcoImports(text) {
  const re = /^import (type )?\{([^}]*)\} from '(@eco\/[a-z-]+)';[ \t]*\n/gm;
  const groups = new Map();
  for (const m of text.matchAll(re)) {
    if (!groups.has(m[3])) groups.set(m[3], []);
    groups.get(m[3]).push(m);
  }
  for (const [mod, ms] of groups) {
    if (ms.length < 2) continue;
    const allType = ms.every((m) => m[1]);
    const names = [];
    for (const m of ms) {
      for (let n of m[2].split(',').map((s) => s.trim()).filter(Boolean)) {
        if (m[1] && !allType) n = `type ${n}`;
        if (allType) n = n.replace(/^type\s+/, '');
        if (!names.includes(n)) names.push(n);
      }
    }
    // drop `type X` when X is also imported as a value
    const values = new Set(names.filter((n) => !n.startsWith('type ')));
    const merged = names.filter((n) => !(n.startsWith('type ') && values.has(n.slice(5))));
    const stmt = `import ${allType ? 'type ' : ''}{ ${merged.join(', ')} } from '${mod}';\n`;
    let first = true;
    text = text.replace(re, (all, _t, _n, m) => {
      if (m !== mod) return all;
      if (first) {
        first = false;
        return stmt;
      }
      return '';
    });
  }
  return text;
}

// ---- 3. barrels ------------------------------------------------------------------------------------------------
/** Files re-exported wholesale (`export * from`) by `indexFile`, following nested barrels. */
function starCovered(indexFile, seen = new Set()) {
  if (seen.has(indexFile) || !fs.existsSync(indexFile)) return seen;
  seen.add(indexFile);
  const text = fs.readFileSync(indexFile, 'utf8');
  for (const m of text.matchAll(/^export \* from '(\.[^']+)';/gm)) {
    const t = resolveSpec(path.dirname(indexFile), m[1]);
    if (t) starCovered(t, seen);
  }
  return seen;
}

for (const [lib, targets] of barrelNeeds) {
  const index = abs(`libs/${lib}/src/index.ts`);
  let text = fs.existsSync(index) ? fs.readFileSync(index, 'utf8') : `/** @eco/${lib}: the library's public surface (other libs and apps import only this). */\n`;
  const before = text;
  const covered = starCovered(index);
  for (const t of [...targets].sort()) {
    if (t === index || covered.has(t)) continue;
    const line = `export * from '${relSpec(index, t, '')}';\n`;
    if (!text.includes(line)) text += line;
    starCovered(t, covered);
  }
  if (text !== before) write(index, text);
}

for (const c of changed) console.log(`${CHECK ? 'would change' : 'changed'}: ${c}`);
if (!changed.length) console.log('barrel-imports: nothing to change');
if (CHECK && changed.length) process.exit(1);
