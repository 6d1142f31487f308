import { expiredLogFiles, MIN_LOG_RETENTION_DAYS } from './log-files';

describe('log file retention', () => {
  const now = new Date('2027-07-01T12:00:00Z');
  const names = ['eco-2026-12-31.log', 'eco-2027-01-01.log', 'eco-2027-01-02.log', 'eco-2027-06-30.log', 'notes.txt', 'eco-2020-01-01.log.gz'];

  it('keeps at least six months (180 days) even when configured shorter', () => {
    expect(MIN_LOG_RETENTION_DAYS).toBe(180);
    expect(expiredLogFiles(names, 30, now)).toEqual(['eco-2026-12-31.log', 'eco-2027-01-01.log']);
  });

  it('keeps longer when configured longer, and never touches other files', () => {
    expect(expiredLogFiles(names, 365, now)).toEqual([]);
    expect(expiredLogFiles(names, 181, now)).toEqual(['eco-2026-12-31.log']);
  });
});
