/**
 * Reads `.env` (KEY=value lines, `#` comments, optional quotes) into process.env for the start/backup/restore scripts.
 * Variables already set in the environment win; empty values count as unset (so a copy of .env.example changes nothing).
 */
import { existsSync, readFileSync } from 'fs';

export function parseDotEnv(text: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const raw of text.split(/\r?\n/)) {
    const m = /^\s*(?:export\s+)?([A-Za-z_][A-Za-z0-9_]*)\s*=\s*(.*)$/.exec(raw);
    if (!m) continue;
    let v = m[2].trim();
    const q = /^(['"])(.*)\1(\s+#.*)?$/.exec(v);
    if (q) v = q[2];
    else v = v.replace(/\s+#.*$/, '').replace(/^#.*$/, '').trim();
    if (v !== '') out[m[1]] = v;
  }
  return out;
}

export function loadDotEnv(file: string, env: NodeJS.ProcessEnv = process.env): string[] {
  if (!existsSync(file)) return [];
  const set: string[] = [];
  for (const [k, v] of Object.entries(parseDotEnv(readFileSync(file, 'utf8')))) {
    if (env[k] === undefined || env[k] === '') {
      env[k] = v;
      set.push(k);
    }
  }
  return set;
}
