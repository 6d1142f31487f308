import { spawnSync } from 'child_process';

/** tar.gz of a directory's contents (the system tar: present on every Linux the product runs on). */
export function tarCreate(dir: string, archive: string): void {
  const r = spawnSync('tar', ['-czf', archive, '-C', dir, '.'], { encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`tar failed: ${r.stderr || r.error?.message}`);
}

export function tarExtract(archive: string, dir: string): void {
  const r = spawnSync('tar', ['-xzf', archive, '-C', dir], { encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`cannot read ${archive}: ${r.stderr || r.error?.message}`);
}
