/** .env.example lists every variable the product reads: the validated configuration and every process.env use. */
import { readdirSync, readFileSync, statSync } from 'fs';
import { join, relative } from 'path';
import { AppConfigSchema } from '@eco/config';

const ROOT = join(__dirname, '../..');
const listed = new Set(
  readFileSync(join(ROOT, '.env.example'), 'utf8')
    .split('\n')
    .map((l) => /^([A-Z_][A-Z0-9_]*)=/.exec(l)?.[1])
    .filter((k): k is string => !!k),
);
/** Set by the shell or npm, not by operators. */
const SYSTEM = new Set(['PATH', 'HOME', 'INIT_CWD', 'CI', 'JEST_WORKER_ID']);

function sources(dir: string): string[] {
  const out: string[] = [];
  for (const name of readdirSync(dir)) {
    const p = join(dir, name);
    if (name === 'node_modules' || name === 'dist') continue;
    if (statSync(p).isDirectory()) out.push(...sources(p));
    else if (name.endsWith('.ts') && !name.endsWith('.spec.ts')) out.push(p);
  }
  return out;
}

describe('.env.example', () => {
  it('lists every configuration variable the apps validate', () => {
    const missing = Object.keys(AppConfigSchema.shape).filter((k) => !listed.has(k));
    expect(missing).toEqual([]);
  });

  it('lists every variable read from process.env by the apps, libraries and scripts', () => {
    const used = new Map<string, string>();
    for (const dir of ['apps', 'libs', 'activities', 'scripts', 'bench']) {
      let files: string[] = [];
      try {
        files = sources(join(ROOT, dir));
      } catch {
        continue;
      }
      for (const f of files) {
        for (const m of readFileSync(f, 'utf8').matchAll(/process\.env\.([A-Z_][A-Z0-9_]*)|process\.env\[['"]([A-Z_][A-Z0-9_]*)['"]\]/g)) {
          const k = m[1] ?? m[2];
          if (!SYSTEM.has(k)) used.set(k, relative(ROOT, f));
        }
      }
    }
    expect(used.size).toBeGreaterThan(10);
    const missing = [...used].filter(([k]) => !listed.has(k)).map(([k, f]) => `${k} (${f})`);
    expect(missing).toEqual([]);
  });
});
