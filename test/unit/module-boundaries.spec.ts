/**
 * The module boundaries are lint rules (eslint.config.js, `eco/boundaries`): these probes — code that does not exist
 * in the repository — must be refused at the named places and accepted where the boundaries allow them. The import
 * graph itself is checked by `npx eslint .` over the real code; the codemod must find nothing left to rewrite.
 */
import { execFileSync } from 'child_process';
import { join } from 'path';

const ROOT = join(__dirname, '../..');

/** Lints every probe in one ESLint run (a child process: ESLint loads its flat config with a dynamic import). */
function lintProbes(probes: [file: string, code: string][]): string[][] {
  const script = `
    const { ESLint } = require('eslint');
    const path = require('path');
    (async () => {
      const eslint = new ESLint({ cwd: process.cwd() });
      const out = [];
      for (const [file, code] of JSON.parse(process.env.PROBES)) {
        const [r] = await eslint.lintText(code, { filePath: path.join(process.cwd(), file) });
        out.push(r.messages.filter((m) => m.ruleId === 'eco/boundaries').map((m) => m.message));
      }
      process.stdout.write(JSON.stringify(out));
    })().catch((e) => { console.error(e); process.exit(1); });`;
  return JSON.parse(execFileSync(process.execPath, ['-e', script], { cwd: ROOT, encoding: 'utf8', env: { ...process.env, PROBES: JSON.stringify(probes) } }));
}

const REFUSED: [string, string, string][] = [
  ['apps/api/src/probe.ts', "import { x } from '../../../libs/persistence/src/data-source';", 'not a path into libs/persistence'],
  ['apps/api/src/probe.ts', "import { x } from '@eco/persistence/src/data-source';", 'not a path inside it'],
  ['apps/worker/src/probe.ts', "import { x } from '@eco/devstack';", 'never for app code'],
  ['activities/probe.ts', "import { x } from '@eco/devstack';", 'never for app code'],
  ['apps/api/src/probe.ts', "import { x } from '../../../workflows/campaign/campaign.workflow';", 'apps import activities/ and @eco/* barrels only'],
  ['workflows/campaign/probe.ts', "import { x } from '@eco/persistence';", 'workflows/ import only @eco/domain and @eco/contracts'],
  ['workflows/campaign/probe.ts', "import { x } from '../../activities/campaign.activities';", 'workflows/ import only'],
  ['libs/domain/src/probe.ts', "import { x } from '@eco/templates';", 'libs/domain may import no other library'],
  ['libs/domain/src/probe.ts', "import { x } from '@eco/domain';", 'never its own barrel'],
  ['libs/contracts/src/probe.ts', "import { x } from '@eco/persistence';", 'libs/contracts may import @eco/domain'],
  ['libs/persistence/src/probe.ts', "import { x } from '../../../activities/campaign.activities';", 'libraries never import apps, activities or workflows'],
  ['activities/probe.ts', "import { x } from '../apps/api/src/main';", 'activities never import apps or workflows'],
  ['apps/web/src/probe.ts', "import { x } from '@eco/persistence';", 'the browser imports only the pure @eco/domain'],
];
const ALLOWED: [string, string][] = [
  ['apps/api/src/probe.ts', "import { x } from '@eco/persistence';"],
  ['apps/worker/src/probe.ts', "import { x } from '../../../activities/campaign.activities';"],
  ['workflows/campaign/probe.ts', "import { x } from '@eco/domain';"],
  ['workflows/campaign/probe.ts', "import { x } from '@eco/contracts';"],
  ['libs/persistence/src/probe.ts', "import { x } from '@eco/contracts';"],
  ['libs/domain/src/engine/probe.ts', "import { x } from '../rules/working-calendar';"],
  ['scripts/start-stack.ts', "import { x } from '@eco/devstack';"],
  ['test/e2e/probe.ts', "import { x } from '@eco/devstack';"],
];

describe('module boundaries (eco/boundaries)', () => {
  let results: string[][];
  beforeAll(() => {
    results = lintProbes([...REFUSED, ...ALLOWED].map(([file, code]) => [file, `${code}\nexport const y = x;\n`]));
  });

  it.each(REFUSED.map((r, i) => [...r, i] as const))('%s: %s is refused', (_file, _code, reason, i) => {
    expect(results[i]).toEqual([expect.stringContaining(reason)]);
  });

  it.each(ALLOWED.map((a, i) => [...a, REFUSED.length + i] as const))('%s: %s is allowed', (_file, _code, i) => {
    expect(results[i]).toEqual([]);
  });

  it('leaves nothing for the barrel-imports codemod to rewrite', () => {
    // exits 1 and names the files when an import still climbs into another lib or a moved file is referenced
    expect(execFileSync(process.execPath, [join(ROOT, 'scripts/codemods/barrel-imports.js'), '--check'], { encoding: 'utf8' })).toContain('nothing to change');
  });
});
