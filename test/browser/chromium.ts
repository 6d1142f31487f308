import { existsSync } from 'fs';

/** Debian's Chromium (installed by scripts/setup.sh), or CHROMIUM_PATH. Throws with the reason when absent. */
export function chromiumPath(): string {
  const candidates = [process.env.CHROMIUM_PATH, '/usr/bin/chromium', '/usr/bin/chromium-browser'].filter((p): p is string => !!p);
  const found = candidates.find((p) => existsSync(p));
  if (!found) {
    throw new Error(`Chromium not found (looked at ${candidates.join(', ')}): run scripts/setup.sh (installs Debian's chromium and fonts-noto-cjk) or set CHROMIUM_PATH. Browser tests are never skipped.`);
  }
  return found;
}
