import type { CampaignEntity, CampaignRepository } from '@eco/persistence';
import { sendCached } from '../common/read-snapshot-cache';
import { CampaignReadCache, OFFICE_DETAIL } from './campaign-read-cache';

/**
 * The read model's stand-in: one mutable row per id (with the detail text its projection stored, when given),
 * counting head reads and full reads (stamps are what every request of a cached campaign pays).
 */
function readModel() {
  const rows = new Map<string, CampaignEntity>();
  let fullReads = 0;
  let headReads = 0;
  const put = (id: string, version: number, over: Partial<CampaignEntity> = {}) =>
    rows.set(id, { id, version, createdAt: new Date(500), updatedAt: new Date(1_000 + version), organizationId: 'sishui', name: `活动 ${id} v${version}`, snapshot: { revision: version }, ...over } as CampaignEntity);
  const repo = {
    stamp: async (id: string) => {
      const r = rows.get(id);
      return r ? { version: r.version, updatedAt: r.updatedAt, organizationId: r.organizationId } : null;
    },
    headWithDetail: async (id: string) => {
      headReads++;
      const r = rows.get(id);
      if (!r) return null;
      const { snapshot: _s, detailJson, ...head } = r;
      return { head, detailJson: detailJson ?? null };
    },
    get: async (id: string) => {
      fullReads++;
      const r = rows.get(id);
      return r ? { ...r } : null;
    },
  } as unknown as CampaignRepository;
  return { repo, put, rows, get fullReads() { return fullReads; }, get headReads() { return headReads; } };
}

/** The whole row as the service asks for it: the head first, then the row of that head. */
async function rowOf(cache: CampaignReadCache, id: string) {
  const head = await cache.head(id);
  return head && cache.row(head);
}

/** Campaigns a and b (version 1) behind a cache that keeps one parsed row. */
function twoCampaignsOneRow() {
  const db = readModel();
  const cache = new CampaignReadCache(db.repo);
  Object.assign(cache.limits, { rows: 1 });
  db.put('a', 1);
  db.put('b', 1);
  return { db, cache };
}

describe("campaign read cache: a campaign not cached is read in one query, the office's detail from its stored text", () => {
  it('answers the office detail from the text stored with the projection, the row\'s times appended, without reading the snapshot', async () => {
    const db = readModel();
    db.put('c1', 1, { detailJson: '{"id":"c1","revision":1}' });
    const cache = new CampaignReadCache(db.repo);
    const head = (await cache.head('c1'))!;
    expect(head).not.toHaveProperty('snapshot');
    const a = await cache.body(head, OFFICE_DETAIL, () => {
      throw new Error('not built: stored');
    });
    expect(JSON.parse(a.json)).toEqual({ id: 'c1', revision: 1, createdAt: new Date(500).toISOString(), updatedAt: new Date(1_001).toISOString() });
    expect([db.headReads, db.fullReads]).toEqual([1, 0]);
    // the next read of the same state: a stamp only, the same answer
    expect(await cache.body((await cache.head('c1'))!, OFFICE_DETAIL, () => 'never')).toBe(a);
    expect(db.headReads).toBe(1);
  });

  it('builds the office detail from the row when no text is stored (rows written before, or by another shape)', async () => {
    const db = readModel();
    db.put('c1', 1);
    const cache = new CampaignReadCache(db.repo);
    const head = (await cache.head('c1'))!;
    const a = await cache.body(head, OFFICE_DETAIL, async () => ({ revision: (await rowOf(cache, 'c1'))!.snapshot!.revision }));
    expect(JSON.parse(a.json)).toEqual({ revision: 1 });
    expect(db.fullReads).toBe(1);
  });

  it('a newer projection stored meanwhile replaces the cached state (its new text, not the old answer)', async () => {
    const db = readModel();
    db.put('c1', 1, { detailJson: '{"v":1}' });
    const cache = new CampaignReadCache(db.repo);
    const first = await cache.body((await cache.head('c1'))!, OFFICE_DETAIL, () => 'never');
    db.put('c1', 2, { detailJson: '{"v":2}' });
    const second = await cache.body((await cache.head('c1'))!, OFFICE_DETAIL, () => 'never');
    expect(JSON.parse(second.json).v).toBe(2);
    expect(second.etag).not.toBe(first.etag);
  });

  it('the row just read is returned even when keeping it drops another (the one read last is kept)', async () => {
    const { cache } = twoCampaignsOneRow();
    await cache.head('a');
    await cache.head('b'); // a is the least recently used
    expect(await rowOf(cache, 'b')).toBeTruthy();
    expect((await rowOf(cache, 'a'))?.id).toBe('a');
    expect(cache.size.rows).toBe(1);
  });

  it('cached(): an answer only for the state it was kept for', async () => {
    const db = readModel();
    db.put('c1', 1, { detailJson: '{"v":1}' });
    const cache = new CampaignReadCache(db.repo);
    const h1 = (await cache.head('c1'))!;
    expect(JSON.parse(cache.cached(h1, OFFICE_DETAIL)!.json).v).toBe(1);
    expect(cache.cached(h1, 'gate')).toBeUndefined();
    db.put('c1', 2, { detailJson: '{"v":2}' });
    await cache.head('c1');
    expect(cache.cached(h1, OFFICE_DETAIL)).toBeUndefined();
  });

  it('keeps at most `rows` parsed rows; their heads and answers stay cached', async () => {
    const { db, cache } = twoCampaignsOneRow();
    await cache.body((await cache.head('a'))!, 'gate', async () => (await rowOf(cache, 'a'))!.snapshot);
    await rowOf(cache, 'b');
    expect(cache.size).toMatchObject({ campaigns: 2, rows: 1 });
    const reads = db.fullReads;
    expect((await cache.body((await cache.head('a'))!, 'gate', () => 'never')).json).toBe('{"revision":1}');
    await rowOf(cache, 'b');
    expect(db.fullReads).toBe(reads);
    await rowOf(cache, 'a');
    expect(db.fullReads).toBe(reads + 1);
  });
});

describe('campaign read cache: answers from memory only while the stored state is the one cached', () => {
  it('parses the row once per projection and serialises each answer once', async () => {
    const db = readModel();
    db.put('c1', 1);
    const cache = new CampaignReadCache(db.repo);
    let builds = 0;
    const build = (r: CampaignEntity) => () => ({ name: r.name, n: ++builds });
    const r1 = (await rowOf(cache, 'c1'))!;
    const a = await cache.body(r1, 'view:full', build(r1));
    const r2 = (await rowOf(cache, 'c1'))!;
    const b = await cache.body(r2, 'view:full', build(r2));
    expect(db.fullReads).toBe(1);
    expect(builds).toBe(1);
    expect(b).toBe(a);
    expect(JSON.parse(a.json)).toEqual({ name: '活动 c1 v1', n: 1 });
  });

  it('a new projection (version), a rewrite at the same version or a new organization is a miss: the current row is read', async () => {
    const db = readModel();
    db.put('c1', 1);
    const cache = new CampaignReadCache(db.repo);
    const before = await cache.body((await rowOf(cache, 'c1'))!, 'v', () => 'old');
    db.put('c1', 2);
    const r = (await rowOf(cache, 'c1'))!;
    expect(r.name).toBe('活动 c1 v2');
    const after = await cache.body(r, 'v', () => 'new');
    expect(after.json).toBe('"new"');
    expect(after.etag).not.toBe(before.etag);
    db.put('c1', 2, { updatedAt: new Date(9_999) });
    expect((await rowOf(cache, 'c1'))!.updatedAt.getTime()).toBe(9_999);
    db.put('c1', 2, { updatedAt: new Date(9_999), organizationId: 'yanzhou' });
    expect((await rowOf(cache, 'c1'))!.organizationId).toBe('yanzhou');
    expect(db.fullReads).toBe(4);
    db.rows.delete('c1');
    expect(await rowOf(cache, 'c1')).toBeNull();
  });

  it('keeps variants apart, each with its own ETag (a unit never gets the office view revalidated as its own)', async () => {
    const db = readModel();
    db.put('c1', 1);
    const cache = new CampaignReadCache(db.repo);
    const r = (await rowOf(cache, 'c1'))!;
    const full = await cache.body(r, 'view:full', () => ({ gate: 'x' }));
    const unit = await cache.body(r, 'view:unit', () => ({}));
    expect(full.json).not.toBe(unit.json);
    expect(full.etag).not.toBe(unit.etag);
    expect((await cache.body(r, 'view:unit', () => 'never')).json).toBe('{}');
  });

  it('does not keep an answer built from a row that is no longer the cached state', async () => {
    const db = readModel();
    db.put('c1', 1);
    const cache = new CampaignReadCache(db.repo);
    const old = (await rowOf(cache, 'c1'))!;
    db.put('c1', 2);
    await rowOf(cache, 'c1'); // v2 cached now
    await cache.body(old, 'v', () => 'from v1');
    expect((await cache.body((await rowOf(cache, 'c1'))!, 'v', () => 'from v2')).json).toBe('"from v2"');
  });

  it('stays within its bounds: campaigns (least recently used first) and characters', async () => {
    const db = readModel();
    const cache = new CampaignReadCache(db.repo);
    Object.assign(cache.limits, { campaigns: 2, maxChars: 100 });
    for (const id of ['a', 'b', 'c']) db.put(id, 1);
    await rowOf(cache, 'a');
    await rowOf(cache, 'b');
    await rowOf(cache, 'a'); // a used last: b goes first
    await rowOf(cache, 'c');
    expect(cache.size.campaigns).toBe(2);
    const reads = db.fullReads;
    await rowOf(cache, 'a');
    expect(db.fullReads).toBe(reads);
    await cache.body((await rowOf(cache, 'a'))!, 'big', () => 'x'.repeat(150));
    expect(cache.size.chars).toBeLessThanOrEqual(100);
  });

  it('answers JSON with its ETag, private and revalidated on every use', () => {
    const headers: Record<string, string> = {};
    const json = sendCached({ setHeader: (k: string, v: string) => (headers[k] = v) }, { json: '{"a":1}', etag: '"e1"' });
    expect(json).toBe('{"a":1}');
    expect(headers).toEqual({ 'Content-Type': 'application/json; charset=utf-8', ETag: '"e1"', 'Cache-Control': 'private, no-cache' });
  });
});
