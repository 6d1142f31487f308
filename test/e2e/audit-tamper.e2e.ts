/**
 * A tamper-evident audit trail (issue 14 item 3), attacked with the app's database credentials and with the schema
 * owner's: the app role cannot bypass the append-only rule at all; the owner can (disable the trigger) but every
 * change is reported by /audit/verify — an edited record, a chain re-hashed without the key, deleted newest records
 * (caught by the workflow's checkpoint, which also covers the records the API writes itself: each is anchored in the
 * workflow as it is written) and a forged record. Denied attempts cannot flood the trail (429). Records written
 * while Temporal is down are anchored by the API's anchor sweep once it is reachable; records written after the
 * campaign's end cannot be, and /audit/verify says so.
 */
import { INestApplication } from '@nestjs/common';
import { createHash, createHmac } from 'crypto';
import { Client } from 'pg';
import request from 'supertest';
import type { AppConfig } from '@eco/config';
import { freePort } from '@eco/devstack';
import { canonicalJson, HashableAuditRecord, AuditAnchorRepository, AuditRepository, CampaignRepository } from '@eco/persistence';
import { bearer, ensureUsers, eventually, startWorker, TestActor } from './campaign-stack';
import { startApi, testConfig, testStack } from './helpers';

const office: TestActor = { id: 't-office', name: '办公室主任', roles: ['office'] };
const gxj: TestActor = { id: 't-gxj', name: '工信局联络员', roles: ['unit'], unitId: 'sx-gxj' };
const tjj: TestActor = { id: 't-tjj', name: '统计局联络员', roles: ['unit'], unitId: 'sx-tjj' };
const jtj: TestActor = { id: 't-jtj', name: '交通局联络员', roles: ['unit'], unitId: 'sx-jtj' };

interface Row {
  campaign_id: string; seq: number; at: Date; actor_id: string; actor_name: string; actor_roles: string[]; actor_unit_id: string | null;
  on_behalf_of: string | null; action: string; task_id: string | null; indicator_code: string | null; step: number | null; outcome: string;
  reason: string | null; comment: string | null; workflow_id: string | null; update_id: string | null; detail: unknown; prev_hash: string; hash: string;
  organization_id: string | null; hash_version: number;
}
const fieldsOf = (r: Row): HashableAuditRecord => ({
  campaignId: r.campaign_id, seq: r.seq, at: r.at.toISOString(), actorId: r.actor_id, actorName: r.actor_name, actorRoles: r.actor_roles,
  actorUnitId: r.actor_unit_id, onBehalfOf: r.on_behalf_of, action: r.action, taskId: r.task_id, indicatorCode: r.indicator_code, step: r.step,
  outcome: r.outcome, reason: r.reason, comment: r.comment, workflowId: r.workflow_id, updateId: r.update_id, detail: r.detail,
});
/** What an attacker without the key can compute: the old unkeyed sha256, or an HMAC under a guessed key. */
const unkeyed = (prev: string, f: HashableAuditRecord) => createHash('sha256').update(prev).update(canonicalJson(f)).digest('hex');
const guessedKey = (prev: string, f: HashableAuditRecord) => createHmac('sha256', 'dev-only-audit-hmac-key-guess').update(prev).update(canonicalJson(f)).digest('hex');

describe('tamper-evident audit against the app role and the database owner', () => {
  let config: AppConfig;
  let app: INestApplication;
  let worker: { stop(): Promise<void> };
  let owner: Client;
  let appRole: Client;
  const http = () => request(app.getHttpServer());
  const as = (a: TestActor) => ({ Authorization: bearer(config, a) });
  const verify = async (id: string) => (await http().get(`/api/campaigns/${id}/audit/verify`).set(as(office))).body;
  const rows = async (id: string): Promise<Row[]> => (await owner.query('SELECT * FROM audit_records WHERE campaign_id = $1 ORDER BY seq', [id])).rows;
  /** The owner's way around the append-only trigger. */
  const asOwnerWithoutTrigger = async (f: () => Promise<unknown>) => {
    await owner.query('ALTER TABLE audit_records DISABLE TRIGGER USER');
    try {
      await f();
    } finally {
      await owner.query('ALTER TABLE audit_records ENABLE TRIGGER USER');
    }
  };

  /** A campaign with a few accepted actions, its workflow checkpoint at the chain's head. */
  const campaignWithHistory = async (): Promise<string> => {
    const iso = new Date(Date.now() + 86400000).toISOString();
    const res = await http()
      .post('/api/campaigns')
      .set(as(office))
      .send({ templateId: 'sishui-2023', schedule: { materials: iso, 'key-projects': iso, 'work-plan-issued': iso, 'leadership-group': iso, 'plan-started': iso } });
    expect(res.status).toBe(201);
    const id: string = res.body.id;
    expect((await http().post(`/api/campaigns/${id}/tasks/materials:sx-gxj/submit`).set(as(gxj)).send({ comment: '已报送' })).status).toBe(200);
    expect((await http().post(`/api/campaigns/${id}/tasks/materials:sx-tjj/submit`).set(as(tjj)).send({ comment: '统计资料' })).status).toBe(200);
    expect((await http().post(`/api/campaigns/${id}/tasks/materials:sx-gxj/approve`).set(as(office)).send({ comment: '同意' })).status).toBe(200);
    const v = await eventually(() => verify(id), (b) => b.checkpoint?.status === 'compared' && b.checkpoint.seq === b.count);
    expect(v).toMatchObject({ valid: true, checkpoint: { status: 'compared' } });
    expect(v.count).toBeGreaterThan(3);
    return id;
  };

  beforeAll(async () => {
    const s = testStack();
    expect(s.ownerUrl).toBeDefined(); // the e2e setup provisions the roles (embedded PostgreSQL)
    config = testConfig({ TEMPORAL_TASK_QUEUE: 'e2e-tamper' });
    worker = await startWorker(config);
    app = await startApi(config);
    await ensureUsers(app, [office, gxj, tjj, jtj]);
    owner = new Client({ connectionString: s.ownerUrl });
    appRole = new Client({ connectionString: s.appUrl });
    await owner.connect();
    await appRole.connect();
  }, 120000);

  afterAll(async () => {
    await owner?.end();
    await appRole?.end();
    await app?.close();
    await worker?.stop();
  });

  it('the apps connect as a role that is no superuser and cannot change, delete or bypass', async () => {
    const who = (await appRole.query('SELECT current_user AS u, rolsuper FROM pg_roles WHERE rolname = current_user')).rows[0];
    expect(who).toEqual({ u: 'eco_app', rolsuper: false });
    expect(new URL(config.DATABASE_URL).username).toBe('eco_app');
    await expect(appRole.query('UPDATE audit_records SET comment = $1', ['x'])).rejects.toThrow(/permission denied/);
    await expect(appRole.query('DELETE FROM audit_records')).rejects.toThrow(/permission denied/);
    await expect(appRole.query('TRUNCATE audit_records')).rejects.toThrow(/permission denied/);
    await expect(appRole.query('ALTER TABLE audit_records DISABLE TRIGGER USER')).rejects.toThrow(/must be owner/);
    await expect(appRole.query('SET session_replication_role = replica')).rejects.toThrow(/permission denied/);
    // the schema owner is no superuser either: it cannot switch triggers off for a session
    await expect(owner.query('SET session_replication_role = replica')).rejects.toThrow(/permission denied/);
  });

  it('attack 1 — trigger bypass by the owner, one record edited: reported at that record', async () => {
    const id = await campaignWithHistory();
    await asOwnerWithoutTrigger(() => owner.query(`UPDATE audit_records SET comment = '不同意' WHERE campaign_id = $1 AND seq = 2`, [id]));
    expect(await verify(id)).toMatchObject({ valid: false, brokenAt: 2, problems: [expect.stringContaining('altered')] });
  });

  it('attack 2 — edit and re-hash the whole chain (unkeyed, or with a guessed key): reported', async () => {
    for (const hashWith of [unkeyed, guessedKey]) {
      const id = await campaignWithHistory();
      await asOwnerWithoutTrigger(async () => {
        await owner.query(`UPDATE audit_records SET comment = '篡改后的意见' WHERE campaign_id = $1 AND seq = 2`, [id]);
        let prev = '0'.repeat(64);
        for (const r of await rows(id)) {
          const hash = hashWith(prev, fieldsOf(r));
          await owner.query('UPDATE audit_records SET prev_hash = $3, hash = $4 WHERE campaign_id = $1 AND seq = $2', [id, r.seq, prev, hash]);
          prev = hash;
        }
      });
      const v = await verify(id);
      expect(v).toMatchObject({ valid: false, brokenAt: 1 });
    }
  });

  it('attack 3 — delete the newest records: the chain left is intact, the workflow checkpoint reports the deletion', async () => {
    const id = await campaignWithHistory();
    const before = await verify(id);
    await asOwnerWithoutTrigger(() => owner.query('DELETE FROM audit_records WHERE campaign_id = $1 AND seq > $2', [id, before.count - 2]));
    const v = await verify(id);
    expect(v).toMatchObject({ valid: false, count: before.count - 2, brokenAt: before.count - 1, checkpoint: { status: 'compared', seq: before.count } });
    expect(v.problems.join(' ')).toMatch(/deleted/);
  });

  it('attack 4 — a forged "leader approve" record with a computed hash (app role and owner): reported', async () => {
    for (const client of ['app', 'owner'] as const) {
      const id = await campaignWithHistory();
      const last = (await rows(id)).at(-1)!;
      const forged: HashableAuditRecord = {
        ...fieldsOf(last), seq: last.seq + 1, at: new Date().toISOString(), actorId: 'leader-1', actorName: '王区长', actorRoles: ['leader'], actorUnitId: null,
        action: 'approve', taskId: 'materials:sx-tjj', outcome: 'accepted', comment: '同意', updateId: null, detail: null,
      };
      const hash = unkeyed(last.hash, forged);
      await (client === 'app' ? appRole : owner).query(
        `INSERT INTO audit_records (campaign_id, seq, at, actor_id, actor_name, actor_roles, actor_unit_id, on_behalf_of, action, task_id, indicator_code, step, outcome, reason, comment, workflow_id, update_id, dedupe_key, detail, prev_hash, hash)
         VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$9,$10,$11,$12,$13,$14,$15,$16,$17,$18,$19,$20,$21)`,
        [id, forged.seq, forged.at, forged.actorId, forged.actorName, forged.actorRoles, forged.actorUnitId, null, forged.action, forged.taskId, null, null, forged.outcome, null, forged.comment, forged.workflowId, null, `forged-${id}`, null, last.hash, hash],
      );
      expect(await verify(id)).toMatchObject({ valid: false, brokenAt: forged.seq });
    }
  });

  it('every record stores the organization (workflow-written and API-written denials alike); changing it is reported', async () => {
    const id = await campaignWithHistory();
    // a denied attempt, written by the API rather than the workflow's activity
    expect((await http().post(`/api/campaigns/${id}/tasks/materials:sx-gxj/submit`).set(as(tjj)).send({ comment: '代报' })).status).toBe(403);
    const stored = await rows(id);
    expect(stored.some((r) => r.outcome === 'denied')).toBe(true);
    expect(stored.map((r) => [r.organization_id, r.hash_version])).toEqual(stored.map(() => ['sishui', 2]));
    const page = (await http().get(`/api/campaigns/${id}/audit`).set(as(office))).body;
    expect(page.map((e: { organizationId: string }) => e.organizationId)).toEqual(stored.map(() => 'sishui'));
    expect((await verify(id)).valid).toBe(true);
    await asOwnerWithoutTrigger(() => owner.query(`UPDATE audit_records SET organization_id = 'yanzhou' WHERE campaign_id = $1 AND seq = 2`, [id]));
    expect(await verify(id)).toMatchObject({ valid: false, brokenAt: 2 });
  });

  it('records written before the organization was stored (hash version 1, organization backfilled) still verify, followed by new ones', async () => {
    const id = `legacy-${Date.now().toString(36)}`;
    await app.get(CampaignRepository).insertIfAbsent({ id, workflowId: `campaign-${id}`, templateId: 'sishui-2023', name: '旧活动', kind: 'creation', region: '泗水县', phase: 'mobilization', status: 'completed', createdBy: office.id, organizationId: 'sishui' });
    // Two records as the code before the migration wrote them: HMAC over the fields without the organization.
    let prev = '0'.repeat(64);
    for (const seq of [1, 2]) {
      const f: HashableAuditRecord = {
        campaignId: id, seq, at: new Date(Date.UTC(2026, 10, seq)).toISOString(), actorId: office.id, actorName: office.name, actorRoles: ['office'], actorUnitId: null,
        onBehalfOf: null, action: seq === 1 ? 'campaign-created' : 'pause', taskId: null, indicatorCode: null, step: null, outcome: 'accepted', reason: null, comment: null,
        workflowId: `campaign-${id}`, updateId: null, detail: null,
      };
      const hash = createHmac('sha256', config.AUDIT_HMAC_KEY).update(prev).update(canonicalJson(f)).digest('hex');
      await owner.query(
        `INSERT INTO audit_records (campaign_id, seq, at, actor_id, actor_name, actor_roles, action, outcome, workflow_id, dedupe_key, prev_hash, hash, organization_id)
         VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$9,$10,$11,$12,'sishui')`,
        [id, seq, f.at, f.actorId, f.actorName, f.actorRoles, f.action, f.outcome, f.workflowId, `legacy-${id}-${seq}`, prev, hash],
      );
      prev = hash;
    }
    const audit = app.get(AuditRepository);
    await audit.append([{ campaignId: id, at: new Date().toISOString(), actor: { id: office.id, name: office.name, roles: ['office'] }, action: 'resume', outcome: 'accepted', dedupeKey: `legacy-${id}-3` }]);
    expect((await rows(id)).map((r) => [r.seq, r.hash_version, r.organization_id])).toEqual([[1, 1, 'sishui'], [2, 1, 'sishui'], [3, 2, 'sishui']]);
    expect(await audit.verify(id)).toEqual({ valid: true, count: 3 });
    // a version-1 record's organization is outside its HMAC: it must be the campaign's
    await asOwnerWithoutTrigger(() => owner.query(`UPDATE audit_records SET organization_id = 'yanzhou' WHERE campaign_id = $1 AND seq = 1`, [id]));
    expect(await audit.verify(id)).toMatchObject({ valid: false, brokenAt: 1, problems: [expect.stringContaining('organization')] });
  });

  it('denied attempts are audited up to a limit per user and campaign, then answered 429 and not recorded', async () => {
    const iso = new Date(Date.now() + 86400000).toISOString();
    const id = (await http().post('/api/campaigns').set(as(office)).send({ templateId: 'sishui-2023', schedule: { materials: iso } })).body.id;
    const statuses: number[] = [];
    for (let i = 0; i < 13; i++) statuses.push((await http().post(`/api/campaigns/${id}/tasks/materials:sx-gxj/submit`).set(as(tjj)).send({ comment: `代报${i}` })).status);
    expect(statuses.slice(0, 10)).toEqual(Array(10).fill(403));
    expect(statuses.slice(10)).toEqual([429, 429, 429]);
    const denied = (await http().get(`/api/campaigns/${id}/audit?outcome=denied`).set(as(office))).body;
    expect(denied).toHaveLength(10);
    // another user on the same campaign is not affected
    expect((await http().post(`/api/campaigns/${id}/tasks/materials:sx-tjj/submit`).set(as(gxj)).send({})).status).toBe(403);
    expect((await verify(id)).valid).toBe(true);
    // refused file requests (another unit's task: 404, audited) are limited the same way
    const files: number[] = [];
    for (let i = 0; i < 12; i++) files.push((await http().get(`/api/campaigns/${id}/tasks/materials:sx-gxj/files`).set(as(jtj))).status);
    expect(files).toEqual([...Array(10).fill(404), 429, 429]);
    const fileDenials = (await http().get(`/api/campaigns/${id}/audit?outcome=denied&actor=${jtj.id}`).set(as(office))).body;
    expect(fileDenials).toHaveLength(10);
    // every one of them (action and file denials alike) anchored in the workflow as it was written
    expect((await verify(id)).checkpoint).toMatchObject({ status: 'compared', unanchored: 0 });
  });

  it("the API anchors its own records in the workflow at once: deleting the newest denied records is reported immediately (the app role cannot delete; the owner's deletion is reported)", async () => {
    const id = await campaignWithHistory();
    const before = await verify(id);
    expect(before.checkpoint).toMatchObject({ status: 'compared', seq: before.count, unanchored: 0 });
    for (const comment of ['代报', '再次代报']) {
      expect((await http().post(`/api/campaigns/${id}/tasks/materials:sx-gxj/submit`).set(as(tjj)).send({ comment })).status).toBe(403);
    }
    // written by the API after the workflow's last entry, and anchored in the workflow before the 403 was answered
    const denied = await verify(id);
    expect(denied).toMatchObject({ valid: true, count: before.count + 2, checkpoint: { status: 'compared', seq: before.count + 2, unanchored: 0 } });
    expect((await rows(id)).slice(-2).map((r) => r.outcome)).toEqual(['denied', 'denied']);
    // with the app's credentials the tail cannot be deleted at all
    await expect(appRole.query('DELETE FROM audit_records WHERE campaign_id = $1 AND seq > $2', [id, before.count])).rejects.toThrow(/permission denied/);
    expect(await verify(id)).toMatchObject({ valid: true, count: before.count + 2 });
    // the owner (trigger off) deletes the last denied record: reported by the very next verify
    await asOwnerWithoutTrigger(() => owner.query('DELETE FROM audit_records WHERE campaign_id = $1 AND seq = $2', [id, before.count + 2]));
    const one = await verify(id);
    expect(one).toMatchObject({ valid: false, count: before.count + 1, brokenAt: before.count + 2, checkpoint: { seq: before.count + 2 } });
    expect(one.problems.join(' ')).toMatch(/deleted/);
    // …and both: the chain left ends exactly where the workflow's own last entry was — still reported
    await asOwnerWithoutTrigger(() => owner.query('DELETE FROM audit_records WHERE campaign_id = $1 AND seq > $2', [id, before.count]));
    expect(await verify(id)).toMatchObject({ valid: false, count: before.count, brokenAt: before.count + 1 });
  });

  it('records written while Temporal is down stay unanchored until the anchor sweep signals them (once Temporal is reachable); after the end verify says they cannot be', async () => {
    const id = await campaignWithHistory();
    const before = await verify(id);
    const pending = () => app.get(AuditAnchorRepository).isPending(id);
    // Another campaign already waits for its anchor (e.g. a signal that missed its deadline under load), older than
    // this one's records: the sweep tries it first, and its failure must not hide that this campaign waits too.
    const started = await http().post('/api/campaigns').set(as(office)).send({ templateId: 'sishui-2023', schedule: { materials: new Date(Date.now() + 86400000).toISOString() } });
    expect(started.status).toBe(201);
    const older: string = started.body.id;
    await owner.query(`INSERT INTO audit_anchor_pending (campaign_id, seq, last_error, since) VALUES ($1, 1, 'deadline exceeded', now() - interval '1 hour')`, [older]);
    // An API whose Temporal is down (its own sweep on): the policy's denials are recorded, their anchor is not accepted.
    const dead = await startApi(testConfig({ TEMPORAL_TASK_QUEUE: 'e2e-tamper', TEMPORAL_ADDRESS: `127.0.0.1:${await freePort()}`, AUDIT_ANCHOR_SWEEP_INTERVAL_MS: '300' }));
    try {
      for (const comment of ['停机时代报', '停机时再次代报']) {
        expect((await request(dead.getHttpServer()).post(`/api/campaigns/${id}/tasks/materials:sx-gxj/submit`).set(as(tjj)).send({ comment })).status).toBe(403);
      }
      const down = await verify(id);
      expect(down).toMatchObject({ valid: true, count: before.count + 2, checkpoint: { status: 'compared', seq: before.count, unanchored: 2, workflowEnded: false } });
      expect(down.checkpoint.note).toContain('后台补锚');
      // its own sweep cannot reach Temporal (each attempt may take its 3 s deadline): still waiting, the failures counted
      const attempts = async (c: string) => Number((await owner.query('SELECT attempts FROM audit_anchor_pending WHERE campaign_id = $1', [c])).rows[0]?.attempts ?? -1);
      expect(await eventually(() => attempts(id), (n) => n > 0, 30000)).toBeGreaterThan(0);
      expect(await attempts(older)).toBeGreaterThan(0);
      expect((await owner.query('SELECT last_error FROM audit_anchor_pending WHERE campaign_id = $1', [id])).rows[0].last_error).not.toBe('');
      expect(await pending()).toBe(true);
    } finally {
      await dead.close();
    }

    // An API that reaches Temporal sweeps: the workflow's checkpoint covers the two records, nothing waits any more.
    const sweeper = await startApi(testConfig({ TEMPORAL_TASK_QUEUE: 'e2e-tamper', AUDIT_ANCHOR_SWEEP_INTERVAL_MS: '300' }));
    try {
      const anchored = await eventually(() => verify(id), (b) => b.checkpoint?.unanchored === 0, 30000);
      expect(anchored).toMatchObject({ valid: true, count: before.count + 2, checkpoint: { status: 'compared', seq: before.count + 2, unanchored: 0, workflowEnded: false } });
      expect(anchored.checkpoint.note).toBeUndefined();
      expect(await pending()).toBe(false);
      expect(await eventually(() => app.get(AuditAnchorRepository).isPending(older), (p) => !p, 30000)).toBe(false);

      // The campaign ends; an attempt after the end is recorded but can never be anchored: verify says why.
      expect((await http().post(`/api/campaigns/${id}/cancel`).set(as(office)).send({ reason: '演练结束，终止创建' })).status).toBe(200);
      await eventually(() => app.get(CampaignRepository).get(id), (c) => c?.status === 'cancelled');
      const late = await http().post(`/api/campaigns/${id}/tasks/materials:sx-gxj/submit`).set(as(tjj)).send({ comment: '结束后代报' });
      // the policy answers first (another unit's task), whatever the campaign's status: a denial, recorded
      expect(late.status).toBe(403);
      const ended = await verify(id);
      expect(ended).toMatchObject({ valid: true, checkpoint: { status: 'compared', unanchored: 1, workflowEnded: true } });
      expect(ended.checkpoint.note).toContain('活动已结束，工作流不再接收锚定');
      expect(await pending()).toBe(false); // nothing for the sweep: it could not anchor it either
    } finally {
      await sweeper.close();
    }
    // what the sweep anchored is protected: deleting from the second stop-time record on is reported
    await asOwnerWithoutTrigger(() => owner.query('DELETE FROM audit_records WHERE campaign_id = $1 AND seq > $2', [id, before.count + 1]));
    expect(await verify(id)).toMatchObject({ valid: false, brokenAt: before.count + 2 });
  });
});
