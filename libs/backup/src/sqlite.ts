/**
 * Consistent copy of a live SQLite database (the Temporal dev server's state) with SQLite's online backup API,
 * through Python's standard sqlite3 module (Python is already required by scripts/setup.sh): the copy is a
 * point-in-time snapshot even while the server keeps writing.
 */
import { spawnSync } from 'child_process';

const SCRIPT = `
import sqlite3, sys
src = sqlite3.connect(sys.argv[1], timeout=30)
dst = sqlite3.connect(sys.argv[2])
with dst:
    src.backup(dst, pages=0)
ok = dst.execute("PRAGMA integrity_check").fetchone()[0]
dst.close(); src.close()
if ok != "ok":
    sys.exit("integrity check of the copy failed: " + ok)
`;

function python(): string {
  for (const p of [process.env.PYTHON, 'python3', 'python']) {
    if (p && spawnSync(p, ['-c', 'import sqlite3'], { stdio: 'ignore' }).status === 0) return p;
  }
  throw new Error('backing up the Temporal SQLite state needs python3 with its standard sqlite3 module (set PYTHON to its path)');
}

export function sqliteOnlineBackup(source: string, target: string): void {
  const r = spawnSync(python(), ['-c', SCRIPT, source, target], { encoding: 'utf8', timeout: 10 * 60_000 });
  if (r.status !== 0) throw new Error(`SQLite backup of ${source} failed: ${(r.stderr || r.error?.message || '').trim()}`);
}
