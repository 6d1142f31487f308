import { LIVE_STATUSES } from '@eco/domain';
import { LIVE_DUE_INDEX_STATUSES } from './1796465000000-campaign-tasks-live-due';

describe('the live tasks\' due index (campaign_tasks_live_due_idx)', () => {
  it('covers exactly the statuses the reads ask for (LIVE_STATUSES): else PostgreSQL cannot use the partial index', () => {
    expect([...LIVE_DUE_INDEX_STATUSES].sort()).toEqual([...LIVE_STATUSES].sort());
  });
});
