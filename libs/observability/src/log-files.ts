/**
 * Daily JSON log files for the embedded start (DATA_DIR/logs/eco-YYYY-MM-DD.log): every process's JSON lines,
 * kept LOG_RETENTION_DAYS (at least 180 days — six months, Cybersecurity Law art. 21) and then removed, oldest first.
 * In containers the runtime collects stdout instead (README "Retention").
 */
import { createWriteStream, mkdirSync, readdirSync, rmSync, WriteStream } from 'fs';
import { join } from 'path';

export const MIN_LOG_RETENTION_DAYS = 180;
const FILE = /^eco-(\d{4}-\d{2}-\d{2})\.log$/;

const day = (d: Date) => d.toISOString().slice(0, 10);

/** Names of log files older than `retentionDays` (by the date in their name), relative to `now`. */
export function expiredLogFiles(names: string[], retentionDays: number, now: Date): string[] {
  const keep = Math.max(retentionDays, MIN_LOG_RETENTION_DAYS);
  const cutoff = day(new Date(now.getTime() - keep * 86400000));
  return names.filter((n) => {
    const m = FILE.exec(n);
    return m !== null && m[1] < cutoff;
  });
}

export class DailyLogFiles {
  private current?: { day: string; stream: WriteStream };

  constructor(
    private readonly dir: string,
    private readonly retentionDays: number,
  ) {
    mkdirSync(dir, { recursive: true });
    this.prune();
  }

  write(line: string): void {
    const today = day(new Date());
    if (this.current?.day !== today) {
      this.current?.stream.end();
      this.current = { day: today, stream: createWriteStream(join(this.dir, `eco-${today}.log`), { flags: 'a' }) };
      this.prune();
    }
    this.current.stream.write(line.endsWith('\n') ? line : `${line}\n`);
  }

  prune(now = new Date()): string[] {
    const gone = expiredLogFiles(readdirSync(this.dir), this.retentionDays, now);
    for (const n of gone) rmSync(join(this.dir, n), { force: true });
    return gone;
  }

  close(): Promise<void> {
    const s = this.current?.stream;
    this.current = undefined;
    return new Promise((r) => (s ? s.end(r) : r()));
  }
}
