import { SessionCacheCore, type SessionRow } from './session-cache';

const row = (over: Partial<SessionRow> = {}): SessionRow => ({ id: 'u1', name: '张三', roles: ['unit'], unitId: 'sx-tjj', organizationId: 'sishui', active: true, tokensValidAfter: null, ...over });

/** A database stand-in for the pure cache: counts reads, answers the current row, can hold a read open. */
function store(initial: SessionRow | null) {
  let current = initial;
  let reads = 0;
  let hold: Promise<void> | null = null;
  return {
    load: async () => {
      reads++;
      const answer = current;
      if (hold) await hold;
      return answer;
    },
    set: (r: SessionRow | null) => (current = r),
    holdNext: () => {
      let release!: () => void;
      hold = new Promise<void>((r) => (release = r));
      return () => {
        hold = null;
        release();
      };
    },
    get reads() {
      return reads;
    },
  };
}

describe('session cache', () => {
  let t = 0;
  const now = () => t;
  beforeEach(() => (t = 1_000));

  it('answers from memory within the TTL once enabled, and reads again after it', async () => {
    const db = store(row());
    const c = new SessionCacheCore(db.load, { ttlMs: 5000, maxEntries: 10, now });
    c.setEnabled(true);
    await c.get('u1');
    await c.get('u1');
    expect(db.reads).toBe(1);
    t += 5000;
    await c.get('u1');
    expect(db.reads).toBe(2);
  });

  it('reads the database on every call while not enabled (changes may not be heard) or with TTL 0', async () => {
    const db = store(row());
    const off = new SessionCacheCore(db.load, { ttlMs: 5000, maxEntries: 10, now });
    await off.get('u1');
    await off.get('u1');
    expect(db.reads).toBe(2);
    const zero = new SessionCacheCore(db.load, { ttlMs: 0, maxEntries: 10, now });
    zero.setEnabled(true);
    await zero.get('u1');
    await zero.get('u1');
    expect(db.reads).toBe(4);
  });

  it('a deactivation dropped by invalidate is seen by the very next call', async () => {
    const db = store(row());
    const c = new SessionCacheCore(db.load, { ttlMs: 60_000, maxEntries: 10, now });
    c.setEnabled(true);
    expect((await c.get('u1'))?.active).toBe(true);
    db.set(row({ active: false }));
    c.invalidate('u1');
    expect((await c.get('u1'))?.active).toBe(false);
  });

  it('does not store a row read before an invalidation that arrived while the read was under way', async () => {
    const db = store(row());
    const c = new SessionCacheCore(db.load, { ttlMs: 60_000, maxEntries: 10, now });
    c.setEnabled(true);
    const release = db.holdNext();
    const stale = c.get('u1'); // reads the active row, then waits
    db.set(row({ active: false }));
    c.invalidate('u1');
    release();
    expect((await stale)?.active).toBe(true); // that request began before the change
    expect((await c.get('u1'))?.active).toBe(false); // but it was not kept
  });

  it('disabling drops everything (a lost notification connection) and keeps at most maxEntries', async () => {
    const db = store(row());
    const c = new SessionCacheCore(async (id) => ({ ...row(), id }), { ttlMs: 60_000, maxEntries: 2, now });
    c.setEnabled(true);
    await c.get('a');
    await c.get('b');
    await c.get('c');
    expect(c.size).toBe(2);
    c.setEnabled(false);
    expect(c.size).toBe(0);
    expect(c.active).toBe(false);
    void db;
  });
});
