/**
 * The 报送 draft on the real stack (S3 store of the global setup, PostgreSQL, Temporal): a liaison uploads on one
 * session and finds the file on another (phone, a sign-in again), deletes an unsent file (gone from every list, audited),
 * uploading the same content again adds nothing; another unit's liaison and the office cannot delete it (404); once
 * sent it cannot be deleted (409). A file opens by its own address ending with its name (inline for 预览, attachment
 * for 下载). The 申报材料包 names 「  .pdf」 未命名.pdf and CON.PDF _CON.PDF, and its manifest says how the audit chain
 * is really checked (HMAC under the server's key), with the hashed organizationId and hashVersion in audit-chain.jsonl.
 */
import { INestApplication } from '@nestjs/common';
import { createHash, randomBytes } from 'crypto';
import { mkdtempSync, rmSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import request from 'supertest';
import type { AppConfig } from '@eco/config';
import { chineseReason } from '@eco/domain';
import { zipEntries, zipRead } from '../support/zip-reader';
import { bearer, ensureUsers, startWorker, TestActor } from './campaign-stack';
import { binary, startApi, testConfig, testStack } from './helpers';

const sha = (b: Buffer) => createHash('sha256').update(b).digest('hex');
const office: TestActor = { id: 'fd-office', name: '办公室科员', roles: ['office'] };
const slzx: TestActor = { id: 'fd-slzx', name: '水利中心联络员', roles: ['unit'], unitId: 'sx-slzx' };
const sthj: TestActor = { id: 'fd-sthj', name: '生态环境分局联络员', roles: ['unit'], unitId: 'sx-sthj' };
const inspector: TestActor = { id: 'fd-inspector', name: '省厅核查组', roles: ['inspector'] };

const pdf = (label: string) => Buffer.concat([Buffer.from(`%PDF-1.7\n% ${label}\n`), randomBytes(2000), Buffer.from('\n%%EOF\n')]);
const JPG = Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0x00, 0x10, 0x4a, 0x46, 0x49, 0x46]), randomBytes(3000), Buffer.from([0xff, 0xd9])]);

let worker: { stop(): Promise<void> };
let app: INestApplication;
let config: AppConfig;
let workDir: string;
const http = () => request(app.getHttpServer());
/** A session of its own each call: a token signed now (the desktop's, then the phone's). */
const session = (a: TestActor) => ({ Authorization: bearer(config, a) });

beforeAll(async () => {
  workDir = mkdtempSync(join(tmpdir(), 'eco-files-draft-e2e-'));
  const s3 = testStack().s3;
  config = testConfig({
    TEMPORAL_TASK_QUEUE: 'e2e-files-draft', STORAGE_DRIVER: 's3', DATA_DIR: workDir, S3_ENDPOINT: s3.endpoint, S3_REGION: s3.region, S3_ACCESS_KEY_ID: s3.accessKeyId,
    S3_SECRET_ACCESS_KEY: s3.secretAccessKey, S3_BUCKET: `e2e-files-draft-${randomBytes(4).toString('hex')}`,
  });
  worker = await startWorker(config);
  app = await startApi(config);
  await ensureUsers(app, [office, slzx, sthj, inspector]);
}, 120000);

afterAll(async () => {
  await app?.close();
  await worker?.stop();
  rmSync(workDir, { recursive: true, force: true });
});

describe('the 报送 draft of evidence files', () => {
  let id = '';
  const files = (taskId = 'indicator:4') => `/api/campaigns/${id}/tasks/${taskId}/files`;
  const LEDGER = pdf('河长制台账');
  const BLANK = pdf('无名');
  const RESERVED = pdf('保留名');
  const uploaded: Record<string, { id: string; name: string; sha256: string }> = {};

  beforeAll(async () => {
    const iso = new Date(Date.now() + 86400000).toISOString();
    const res = await http()
      .post('/api/campaigns')
      .set(session(office))
      .send({ templateId: 'sishui-2023', name: `报送草稿测试-${randomBytes(3).toString('hex')}`, schedule: { materials: iso, 'key-projects': iso, 'work-plan-issued': iso, 'leadership-group': iso, 'plan-started': iso } });
    expect(res.status).toBe(201);
    id = res.body.id;
    expect((await http().post(`/api/campaigns/${id}/close-phase`).set(session(office)).send({ phase: 'mobilization', reason: '动员部署已完成，进入创建实施' })).status).toBe(200);
  }, 60000);

  it('a file uploaded on the desktop is the draft on the phone (another session), and uploading the same content again adds nothing', async () => {
    const desktop = session(slzx);
    const up = await http().post(files()).set(desktop).attach('files', LEDGER, { filename: '河长制工作台账.pdf', contentType: 'application/pdf' }).attach('files', JPG, { filename: '现场照片.jpg', contentType: 'image/jpeg' });
    expect(up.status).toBe(201);
    for (const f of up.body) uploaded[f.name] = f;
    const phone = session(slzx);
    const draft = await http().get(files()).query({ draft: 'true' }).set(phone);
    expect(draft.status).toBe(200);
    expect(draft.body.map((f: { name: string }) => f.name).sort()).toEqual(['河长制工作台账.pdf', '现场照片.jpg']);
    // the same scan chosen again (another name): the file uploaded before is answered, nothing is added
    const again = await http().post(files()).set(phone).attach('files', LEDGER, { filename: '河长制工作台账(1).pdf', contentType: 'application/pdf' });
    expect(again.status).toBe(201);
    expect(again.body).toEqual([expect.objectContaining({ id: uploaded['河长制工作台账.pdf'].id, name: '河长制工作台账.pdf', duplicate: true })]);
    expect((await http().get(files()).set(session(office))).body).toHaveLength(2);
    // the draft is the unit's: another unit does not see the task, the office's own draft is empty
    expect((await http().get(files()).query({ draft: 'true' }).set(session(sthj))).status).toBe(404);
    expect((await http().get(files()).query({ draft: 'true' }).set(session(office))).body).toEqual([]);
  });

  it('a file opens by its own address ending with its name: inline for 预览, attachment for 下载, audited as its reader', async () => {
    const f = uploaded['河长制工作台账.pdf'];
    const link = await http().get(`${files()}/${f.id}/link`).query({ preview: 'true' }).set(session(slzx));
    expect(link.status).toBe(200);
    expect(link.body.url).toMatch(new RegExp(`^/api/file-links/[^/]+/${encodeURIComponent('河长制工作台账.pdf').replace(/[()]/g, '\\$&')}$`));
    const opened = await http().get(link.body.url).buffer(true).parse(binary); // no bearer: a browser tab sends none
    expect(opened.status).toBe(200);
    expect(sha(opened.body)).toBe(sha(LEDGER));
    expect(opened.headers['content-disposition']).toBe(`inline; filename="_______.pdf"; filename*=UTF-8''${encodeURIComponent('河长制工作台账.pdf')}`);
    const save = await http().get(`${files()}/${f.id}/link`).set(session(slzx));
    expect((await http().get(save.body.url)).headers['content-disposition']).toMatch(/^attachment; .*filename\*=UTF-8''/);
    // a forged or altered address opens nothing
    expect((await http().get(link.body.url.replace(/\/file-links\/(.)/, (_m: string, c: string) => `/file-links/${c === 'a' ? 'b' : 'a'}`))).status).toBe(404);
    // another unit gets no address
    expect((await http().get(`${files()}/${f.id}/link`).query({ preview: 'true' }).set(session(sthj))).status).toBe(404);
    const audit = await http().get(`/api/campaigns/${id}/audit`).query({ action: 'file-preview' }).set(session(office));
    expect(JSON.stringify(audit.body)).toContain(f.id);
  });

  it('移除 deletes an unsent file (gone from every list, audited); another unit and the office get 404', async () => {
    const photo = uploaded['现场照片.jpg'];
    expect((await http().delete(`${files()}/${photo.id}`).set(session(sthj))).status).toBe(404);
    expect((await http().delete(`${files()}/${photo.id}`).set(session(office))).status).toBe(404);
    const del = await http().delete(`${files()}/${photo.id}`).set(session(slzx));
    expect(del.status).toBe(204);
    expect((await http().get(files()).set(session(office))).body.map((f: { id: string }) => f.id)).toEqual([uploaded['河长制工作台账.pdf'].id]);
    expect((await http().get(files()).query({ draft: 'true' }).set(session(slzx))).body.map((f: { id: string }) => f.id)).toEqual([uploaded['河长制工作台账.pdf'].id]);
    expect((await http().get(`${files()}/${photo.id}`).set(session(slzx))).status).toBe(404);
    const audit = await http().get(`/api/campaigns/${id}/audit`).query({ action: 'file-delete' }).set(session(office));
    const rows = (audit.body.items ?? audit.body) as { action: string; detail: { fileId: string; name: string } }[];
    expect(rows).toContainEqual(expect.objectContaining({ action: 'file-delete', detail: expect.objectContaining({ fileId: photo.id, name: '现场照片.jpg' }) }));
  });

  it('报送 on a desktop not reloaded after a 移除 on the phone is refused naming the removed file by its name, never its id', async () => {
    const photo = uploaded['现场照片.jpg'];
    const ledger = uploaded['河长制工作台账.pdf'];
    const stale = await http().post(`/api/campaigns/${id}/tasks/indicator:4/submit`).set(session(slzx)).send({ value: '全面建立', comment: '台账', files: [ledger.id, photo.id] });
    expect(stale.status).toBe(400);
    const said = chineseReason(String([stale.body.message].flat()[0]));
    expect(said).toBe('「现场照片.jpg」已被移除，请重新选择文件');
    const audit = await http().get(`/api/campaigns/${id}/audit`).query({ taskId: 'indicator:4', outcome: 'refused' }).set(session(office));
    const row = ((audit.body.items ?? audit.body) as { action: string; reason: string }[]).find((r) => r.action === 'submit');
    expect(chineseReason(row!.reason)).toBe('「现场照片.jpg」已被移除，请重新选择文件');
    expect(row!.reason).toContain(photo.id); // the id only in the English tail
  });

  it('a sent file cannot be deleted (409), and leaves the draft', async () => {
    const up = await http().post(files()).set(session(slzx)).attach('files', BLANK, { filename: '  .pdf', contentType: 'application/pdf' }).attach('files', RESERVED, { filename: 'CON.PDF', contentType: 'application/pdf' });
    expect(up.status).toBe(201);
    const ids = [uploaded['河长制工作台账.pdf'].id, ...up.body.map((f: { id: string }) => f.id)];
    const sub = await http().post(`/api/campaigns/${id}/tasks/indicator:4/submit`).set(session(slzx)).send({ value: '全面建立', comment: '台账', files: ids });
    expect(sub.status).toBe(200);
    const del = await http().delete(`${files()}/${ids[0]}`).set(session(slzx));
    expect(del.status).toBe(409);
    expect((await http().get(files()).query({ draft: 'true' }).set(session(slzx))).body).toEqual([]);
    expect((await http().get(files()).set(session(office))).body).toHaveLength(3);
    expect((await http().post(`/api/campaigns/${id}/tasks/indicator:4/approve`).set(session(office)).send({ comment: '材料齐全' })).status).toBe(200);
    // approved: still 409 (the task takes no uploads, the file is part of the submission) — said and audited as a 移除
    const late = await http().delete(`${files()}/${ids[1]}`).set(session(slzx));
    expect(late.status).toBe(409);
    expect(JSON.stringify(late.body.message)).toContain('任务当前为「已通过」，不能再移除材料');
    expect(JSON.stringify(late.body.message)).not.toContain('上传');
    const refusedRows = await http().get(`/api/campaigns/${id}/audit`).query({ outcome: 'refused' }).set(session(office));
    const refused = ((refusedRows.body.items ?? refusedRows.body) as { action: string; reason: string }[]).filter((r) => r.reason?.includes('已通过'));
    expect(refused.map((r) => r.action)).toEqual(['file-delete']);
    expect(refused[0].reason).toContain('不能再移除材料');
  });

  it('the 申报材料包 names every file usably with its extension, and its manifest says how the audit chain is checked', async () => {
    const res = await http().get(`/api/campaigns/${id}/dossier.zip`).set(session(inspector)).buffer(true).parse(binary);
    expect(res.status).toBe(200);
    const entries = zipEntries(res.body);
    const folder = entries.find((e) => e.name.endsWith('/河长制工作台账.pdf'))!.name.replace(/\/[^/]+$/, '');
    const inFolder = entries.filter((e) => e.name.startsWith(`${folder}/`)).map((e) => e.name.slice(folder.length + 1)).sort();
    expect(inFolder).toEqual(['_CON.PDF', '河长制工作台账.pdf', '未命名.pdf'].sort());
    expect(sha(zipRead(res.body, entries.find((e) => e.name === `${folder}/未命名.pdf`)!))).toBe(sha(BLANK));
    const manifest = JSON.parse(zipRead(res.body, entries.find((e) => e.name.endsWith('/manifest.json'))!).toString('utf8'));
    const how = JSON.stringify(manifest.howToVerify);
    expect(how).toContain('HMAC-SHA256(服务器端密钥');
    expect(how).toContain('/audit/verify');
    expect(how).toContain('审计链校验');
    expect(how).not.toContain('hash = sha256(prevHash');
    const chain = zipRead(res.body, entries.find((e) => e.name.endsWith('/audit-chain.jsonl'))!).toString('utf8').trim().split('\n').map((l) => JSON.parse(l));
    expect(chain.length).toBeGreaterThan(3);
    for (const r of chain) {
      expect(r).toHaveProperty('hashVersion');
      expect(r).toHaveProperty('organizationId');
    }
    for (let i = 1; i < chain.length; i++) expect(chain[i].prevHash).toBe(chain[i - 1].hash);
  }, 60000);
});
