/**
 * The office's campaign view of a campaign no API process has cached (issue #15: campaign view p99 independent of the
 * number of campaigns): the projection's write stores the detail answer's text beside the snapshot (detail_json, with
 * the CAMPAIGN_DETAIL_SHAPE that wrote it), and a read cache that does not hold the campaign answers from that text in
 * one read, without reading or parsing the snapshot. On the real stack (worker, Temporal, PostgreSQL): the answer is
 * the mapping of the row as read from the database; an action rewrites it; a text left behind by a write that did not
 * store it, or written by another shape, is not served (the snapshot is mapped instead).
 */
import { DataSource } from 'typeorm';
import { CAMPAIGN_DETAIL_SHAPE } from '@eco/domain';
import { CampaignRepository } from '@eco/persistence';
import { CampaignReadCache, OFFICE_DETAIL } from '../../apps/api/src/campaigns/campaign-read-cache';
import { mapCampaignDetail } from '../../apps/api/src/campaigns/campaign.mapper';
import { eventually, startCampaign, TestActor, useCampaignStack } from './campaign-stack';

const office: TestActor = { id: 'cvt-office', name: '泗水县创建办', roles: ['office'], organizationId: 'sishui' };

describe("campaign view of a campaign not cached: the detail text stored with the projection, equal to the row's mapping", () => {
  const stack = useCampaignStack({ taskQueue: `e2e-view-text-${process.pid}`, people: [office] });
  let id: string;
  let repo: CampaignRepository;
  let db: DataSource;

  /** What the API maps from the campaign's row as stored now (JSON round trip: the answer's text parsed). */
  const mapped = async () => JSON.parse(JSON.stringify(mapCampaignDetail((await repo.get(id))!)));
  /** An answer without the fields that depend on the caller (its `actions` and `reads`: the access policy's, checked on their own). */
  const campaignPart = (body: Record<string, unknown>) => Object.fromEntries(Object.entries(body).filter(([k]) => k !== 'actions' && k !== 'reads'));
  const stored = async () => ((await db.query('SELECT detail_json, detail_shape, version FROM campaigns WHERE id = $1', [id])) as { detail_json: string | null; detail_shape: number | null; version: number }[])[0];

  beforeAll(async () => {
    repo = stack.app.get(CampaignRepository);
    db = stack.app.get(DataSource);
    id = await startCampaign(stack, office, { templateId: 'sishui-2023', name: '泗水县创建（详情文本）' });
    await eventually(async () => (await stored()).version, (v) => v > 0, 20000);
  }, 120000);

  it('the projection stores the text; a cache without the campaign answers from it with one read and no snapshot', async () => {
    const s = await stored();
    expect(s.detail_shape).toBe(CAMPAIGN_DETAIL_SHAPE);
    expect(JSON.parse(s.detail_json!)).toMatchObject({ id, name: '泗水县创建（详情文本）', status: 'active' });
    // a repository of its own, so that only this cache's reads are counted
    const own = new CampaignRepository(db);
    const cold = new CampaignReadCache(own);
    const fullReads = jest.spyOn(own, 'get');
    try {
      const head = (await cold.head(id))!;
      const body = await cold.body(head, OFFICE_DETAIL, () => {
        throw new Error('built from the snapshot: the stored text was not used');
      });
      expect(fullReads).not.toHaveBeenCalled();
      expect(JSON.parse(body.json)).toEqual(await mapped());
    } finally {
      fullReads.mockRestore();
    }
    const viaHttp = await stack.get(office, `/api/campaigns/${id}`);
    expect(viaHttp.status).toBe(200);
    expect(campaignPart(viaHttp.body)).toEqual(await mapped());
    // the office's own part: what it may do on the campaign and read of it
    expect(viaHttp.body).toMatchObject({ actions: expect.arrayContaining(['pause', 'cancel', 'closePhase']), reads: expect.arrayContaining(['audit', 'reminders']) });
    expect(viaHttp.body.actions).not.toContain('resume');
  });

  it('an action rewrites the text with the projection: the next view shows it', async () => {
    const before = await stored();
    const paused = await stack.post(office, `/api/campaigns/${id}/pause`, { reason: '详情文本测试' });
    expect(`${paused.status} ${JSON.stringify(paused.body)}`).toMatch(/^200 /);
    const after = await stored();
    expect(after.version).toBeGreaterThan(before.version);
    expect(JSON.parse(after.detail_json!)).toMatchObject({ paused: true, pause: { reason: '详情文本测试' } });
    const view = await stack.get(office, `/api/campaigns/${id}`);
    expect(view.body).toMatchObject({ paused: true, pause: { reason: '详情文本测试' }, actions: ['resume', 'cancel', 'moveDeadlines'] });
    expect(campaignPart(view.body)).toEqual(await mapped());
    const resumed = await stack.post(office, `/api/campaigns/${id}/resume`, { reason: '详情文本测试结束' });
    expect(resumed.status).toBe(200);
    expect((await stack.get(office, `/api/campaigns/${id}`)).body).toMatchObject({ paused: false, pause: null });
  });

  it('a write that does not store the text (an older release, a hand-made fix) leaves it unserved: the row is mapped', async () => {
    await db.query(`UPDATE campaigns SET name = '泗水县创建（改名）', updated_at = now() WHERE id = $1`, [id]);
    const view = await stack.get(office, `/api/campaigns/${id}`);
    expect(view.status).toBe(200);
    expect(view.body.name).toBe('泗水县创建（改名）');
    expect(campaignPart(view.body)).toEqual(await mapped());
    expect((await new CampaignRepository(db).headWithDetail(id))!.detailJson).toBeNull();
  });

  it('a text written by another shape (an older or newer release) is not served: the snapshot is mapped', async () => {
    await db.query(`UPDATE campaigns SET detail_shape = $2, detail_json = '{"stale":true}', updated_at = now() WHERE id = $1`, [id, CAMPAIGN_DETAIL_SHAPE + 1]);
    const view = await stack.get(office, `/api/campaigns/${id}`);
    expect(view.status).toBe(200);
    expect(view.body).not.toHaveProperty('stale');
    expect(campaignPart(view.body)).toEqual(await mapped());
  });
});
