import { answerOf, Coalescer, type Snapshot, SnapshotCacheCore } from './read-snapshot-cache';

describe('Coalescer: callers that arrive before the query is sent share it, later callers get a later query', () => {
  it('one query for a batch, a new one for a caller after it was sent, separate per key', async () => {
    const sent: string[] = [];
    let n = 0;
    const c = new Coalescer<string, string>(async (k) => {
      sent.push(k);
      return `${k}${++n}`;
    });
    const first = [c.get('a'), c.get('a'), c.get('b')];
    expect(sent).toEqual([]); // not sent yet: joining is still possible
    const answers = await Promise.all(first);
    expect(answers).toEqual(['a1', 'a1', 'b2']);
    expect(await c.get('a')).toBe('a3');
    expect(sent).toEqual(['a', 'b', 'a']);
  });

  it('a caller arriving while the query is in flight gets the next one (it may hold commits the first did not see)', async () => {
    let release!: () => void;
    let calls = 0;
    const c = new Coalescer<0, number>(async () => {
      const k = ++calls;
      if (k === 1) await new Promise<void>((r) => (release = r));
      return k;
    });
    const early = c.get(0);
    await new Promise((r) => setImmediate(r)); // the first query is sent now
    const late = c.get(0);
    release();
    expect([await early, await late]).toEqual([1, 2]);
  });

  it('a run that throws instead of rejecting fails its callers (they do not wait forever)', async () => {
    const c = new Coalescer<0, number>(() => {
      throw new Error('not a function');
    });
    await expect(Promise.all([c.get(0), c.get(0)])).rejects.toThrow('not a function');
  });

  it('a failed query fails its batch only', async () => {
    let k = 0;
    const c = new Coalescer<0, number>(async () => {
      if (++k === 1) throw new Error('database down');
      return k;
    });
    await expect(Promise.all([c.get(0), c.get(0)])).rejects.toThrow('database down');
    expect(await c.get(0)).toBe(2);
  });
});

describe('SnapshotCacheCore: answers kept for one database snapshot', () => {
  function setup() {
    let seq = 0;
    const db = { snapshot: '10:12:11' };
    const builds: string[] = [];
    const core = new SnapshotCacheCore(async (): Promise<Snapshot> => ({ text: db.snapshot, seq: ++seq }), { entries: 3, maxChars: 1000 });
    const get = (key: string, value: unknown = `${key}@${db.snapshot}`) =>
      core.get(key, async () => {
        builds.push(key);
        return answerOf(value);
      });
    return { db, builds, core, get };
  }

  it('answers from memory while the snapshot is unchanged, per key; a commit (new snapshot) drops everything', async () => {
    const { db, builds, core, get } = setup();
    expect(JSON.parse((await get('inbox|u1')).json)).toBe('inbox|u1@10:12:11');
    expect(JSON.parse((await get('inbox|u1')).json)).toBe('inbox|u1@10:12:11');
    expect(JSON.parse((await get('inbox|u2')).json)).toBe('inbox|u2@10:12:11');
    expect(builds).toEqual(['inbox|u1', 'inbox|u2']);
    db.snapshot = '10:13:'; // transaction 11 and 12 completed
    expect(JSON.parse((await get('inbox|u1')).json)).toBe('inbox|u1@10:13:');
    expect(builds).toEqual(['inbox|u1', 'inbox|u2', 'inbox|u1']);
    expect(core.size.entries).toBe(1);
  });

  it('an answer whose snapshot is no longer the newest is not kept, and an older snapshot does not replace a newer one', async () => {
    let seq = 0;
    const snaps: Snapshot[] = [];
    const stamp = async (): Promise<Snapshot> => snaps.shift() ?? { text: 'x', seq: ++seq };
    const core = new SnapshotCacheCore(stamp);
    snaps.push({ text: 'new', seq: 2 });
    await core.get('k', async () => answerOf('built at new'));
    // a request whose stamp query was sent earlier (seq 1, older state) resolves later: it builds, and keeps nothing
    snaps.push({ text: 'old', seq: 1 });
    expect(JSON.parse((await core.get('k', async () => answerOf('built at old'))).json)).toBe('built at old');
    snaps.push({ text: 'new', seq: 3 });
    expect(JSON.parse((await core.get('k', async () => answerOf('not built'))).json)).toBe('built at new');
  });

  it('keeps at most the configured entries and characters; a failed build is not cached', async () => {
    const { get, core, builds } = setup();
    for (const k of ['a', 'b', 'c', 'd']) await get(k);
    expect(core.size.entries).toBe(3);
    await get('d');
    expect(builds.filter((b) => b === 'd')).toHaveLength(2);
    await get('big', 'x'.repeat(2000));
    expect(core.size.entries).toBe(3);
    await expect(core.get('e', async () => Promise.reject(new Error('boom')))).rejects.toThrow('boom');
    expect(core.size.entries).toBe(3);
  });

  it('an answer that depends on the clock (expiresAt) is rebuilt from its expiry on, with nothing committed', async () => {
    let clock = 1000;
    let built = 0;
    const core = new SnapshotCacheCore(async () => ({ text: 'same', seq: 1 }), undefined, () => clock);
    const get = () => core.get('inbox', async () => answerOf(`build ${++built}`, undefined, clock + 500));
    expect(JSON.parse((await get()).json)).toBe('build 1');
    clock = 1499;
    expect(JSON.parse((await get()).json)).toBe('build 1');
    clock = 1500; // a reminder written ahead reached its instant
    expect(JSON.parse((await get()).json)).toBe('build 2');
    expect(JSON.parse((await get()).json)).toBe('build 2');
    expect(core.size.entries).toBe(1);
  });

  it('ETags are the content: equal answers share one, different answers differ', () => {
    expect(answerOf({ a: 1 }).etag).toBe(answerOf({ a: 1 }).etag);
    expect(answerOf({ a: 1 }).etag).not.toBe(answerOf({ a: 2 }).etag);
    expect(answerOf([]).etag).toMatch(/^"[A-Za-z0-9_-]{22}"$/);
  });
});
