import type { AuditRepository, CampaignRepository, NotificationRepository } from '@eco/persistence';
import type { PersistBatch, ReminderEntry } from '@eco/contracts';
import { CampaignActivitiesService, ROUTE_COALESCE_MS } from './campaign.activities';
import type { NotificationDeliveryService } from './notification-delivery.service';
import type { NotificationRouter } from './notification-router.service';

/** The write's repositories answer at once; the router counts its passes. */
function service() {
  const campaigns = { transaction: async <T>(f: (m: unknown) => Promise<T>) => f({}), applyProjection: async () => undefined } as unknown as CampaignRepository;
  const notifications = { enqueue: async (rows: unknown[]) => rows.length, withdrawAhead: async () => 0, enqueueAhead: async () => 0 } as unknown as NotificationRepository;
  const audit = { appendWithHead: async () => ({ head: null }) } as unknown as AuditRepository;
  const passes: number[] = [];
  const router = { routePending: async () => (passes.push(Date.now()), 1) } as unknown as NotificationRouter;
  let kicks = 0;
  const delivery = { kick: () => void kicks++ } as unknown as NotificationDeliveryService;
  return { acts: new CampaignActivitiesService(campaigns, audit, notifications, router, delivery), passes, kicks: () => kicks };
}

const notice = (i: number): ReminderEntry => ({ key: `t${i}|notice|1`, taskId: `t${i}`, unitId: 'u1', level: 'notice', recipients: ['unit:u1'], message: '新任务', at: new Date(0).toISOString() }) as ReminderEntry;
const batch = (reminders: ReminderEntry[]): PersistBatch => ({ campaignId: 'c1', workflowId: 'campaign-c1', reminders, audit: [], projection: null }) as PersistBatch;

describe('routing the reminders a write enqueued: one pass for what arrives within ROUTE_COALESCE_MS', () => {
  beforeEach(() => jest.useFakeTimers({ doNotFake: ['nextTick', 'queueMicrotask'] }));
  afterEach(() => jest.useRealTimers());

  it('routes five writes in quick succession in one pass, after the delay, and nudges delivery once', async () => {
    const s = service();
    for (let i = 0; i < 5; i++) {
      await s.acts.persistChanges(batch([notice(i)]));
      await jest.advanceTimersByTimeAsync(ROUTE_COALESCE_MS / 10);
    }
    expect(s.passes).toHaveLength(0); // still inside the window opened by the first write
    await jest.advanceTimersByTimeAsync(ROUTE_COALESCE_MS);
    expect(s.passes).toHaveLength(1);
    expect(s.kicks()).toBe(1);
  });

  it('a write after the pass opens a new window; a write without reminders routes nothing', async () => {
    const s = service();
    await s.acts.persistChanges(batch([notice(1)]));
    await jest.advanceTimersByTimeAsync(ROUTE_COALESCE_MS + 1);
    await s.acts.persistChanges(batch([]));
    await jest.advanceTimersByTimeAsync(ROUTE_COALESCE_MS * 4);
    expect(s.passes).toHaveLength(1);
    await s.acts.persistChanges(batch([notice(2)]));
    await jest.advanceTimersByTimeAsync(ROUTE_COALESCE_MS + 1);
    expect(s.passes).toHaveLength(2);
  });

  it('a shutdown drops a pass not started yet and starts none for writes while the worker drains (the rows stay in the outbox for the catch-up)', async () => {
    const s = service();
    await s.acts.persistChanges(batch([notice(1)]));
    await s.acts.onModuleDestroy();
    await s.acts.persistChanges(batch([notice(2)]));
    await jest.advanceTimersByTimeAsync(ROUTE_COALESCE_MS * 4);
    expect(s.passes).toHaveLength(0);
  });
});
