import type { CampaignTaskEntity } from '@eco/persistence';
import { readableInboxRows } from './campaigns.service';

const row = (taskId: string, view: unknown) => ({ campaignId: 'c1', taskId, view, overdue: false }) as unknown as CampaignTaskEntity & { campaignId: string };

describe('readableInboxRows: a 待办 row whose view cannot be read is left out and reported', () => {
  it('keeps readable rows with their need and waiting time, reports the others by id', () => {
    const open = row('a', { id: 'a', kind: 'materials', owner: 'unit', unitId: 'u', status: 'open', external: false, rounds: [] });
    const returned = row('b', {
      id: 'b', kind: 'materials', owner: 'unit', unitId: 'u', status: 'returned', external: false,
      rounds: [{ submission: { by: 'x', at: '2026-12-01T02:00:00.000Z' }, closedAt: '2026-12-02T03:00:00.000Z', steps: [] }],
    });
    const cut = row('c', { id: 'c', kind: 'materials', owner: 'unit', unitId: 'u', status: 'submitted', external: false });
    const skipped: string[] = [];
    const out = readableInboxRows([open, cut, returned], (r, reason) => skipped.push(`${r.taskId}: ${reason}`));
    expect(out.map((x) => [x.r.taskId, x.need, x.since?.toISOString() ?? null])).toEqual([
      ['a', 'submit', null],
      ['b', 'correct', '2026-12-02T03:00:00.000Z'],
    ]);
    expect(skipped).toHaveLength(1);
    expect(skipped[0]).toMatch(/^c: /);
  });
});
