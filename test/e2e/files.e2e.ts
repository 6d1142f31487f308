/**
 * Evidence files through the API on the real stack, run against BOTH stores (filesystem under DATA_DIR, and S3 on
 * the real S3-compatible server of the global setup): a unit uploads a PDF and a photo with Chinese names and
 * submits; the approver downloads the same bytes; another unit gets 404; 60 MB → 413; a renamed .exe → 415; a
 * returned round keeps its files; the dossier opens with a folder per indicator and a 目录 whose hashes match;
 * altering a stored file makes /audit/verify name it. With the object store down (stopped under a running API, or
 * never reachable), upload, download, the dossier and the audit verification answer 503 with the reason and
 * Retry-After — exactly the operations whose 503 names the file store — while the list (database only) still answers.
 */
import { INestApplication } from '@nestjs/common';
import { PutObjectCommand } from '@aws-sdk/client-s3';
import ExcelJS from 'exceljs';
import { createHash, randomBytes } from 'crypto';
import { createWriteStream, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'fs';
import { chmod } from 'fs/promises';
import { tmpdir } from 'os';
import { join } from 'path';
import request from 'supertest';
import { DataSource } from 'typeorm';
import type { AppConfig } from '@eco/config';
import { auditActionLabel, DOMAIN_KEYS, DOMAIN_NAMES } from '@eco/domain';
import { freePort, startVersityGw } from '@eco/devstack';
import { FsBlobStore, S3BlobStore } from '@eco/storage';
import { FilesService } from '../../apps/api/src/files/files.service';
import { zipEntries, zipRead } from '../support/zip-reader';
import { bearer, ensureUsers, startWorker, TestActor } from './campaign-stack';
import { binary, startApi, testConfig, testStack } from './helpers';

const sha = (b: Buffer) => createHash('sha256').update(b).digest('hex');
const office: TestActor = { id: 'f-office', name: '办公室科员', roles: ['office'] };
const slzx: TestActor = { id: 'f-slzx', name: '水利中心联络员', roles: ['unit'], unitId: 'sx-slzx' };
const sthj: TestActor = { id: 'f-sthj', name: '生态环境分局联络员', roles: ['unit'], unitId: 'sx-sthj' };
const inspector: TestActor = { id: 'f-inspector', name: '省厅核查组', roles: ['inspector'] };
/** The office of another county (another organization): sees nothing of this campaign. */
const otherCounty: TestActor = { id: 'f-lixia-office', name: '历下区创建办', roles: ['office'], organizationId: 'lixia' };
const sishui = JSON.parse(readFileSync(join(__dirname, '../../libs/templates/data/sishui-2023.json'), 'utf8'));
/** Sishui's milestones before 申报迎查: a campaign taken over with them done is at its 预审 (申报 'application' done too). */
const BEFORE_PRE_REVIEW = (sishui.phases as { key: string; milestones: { key: string }[] }[]).filter((p) => p.key !== 'application').flatMap((p) => p.milestones.map((m) => m.key));

/** A campaign taken over at its 预审, as `office` through `http`: its id and the 预审 stage's task id. */
async function atPreReview(http: () => ReturnType<typeof request>, headers: Record<string, string>, name: string): Promise<{ id: string; stage: string }> {
  const started = await http().post('/api/campaigns').set(headers).send({ templateId: 'sishui-2023', name, takeOver: true, done: [...BEFORE_PRE_REVIEW, 'application'] });
  expect(started.status).toBe(201);
  const id = started.body.id as string;
  return { id, stage: (await http().get(`/api/campaigns/${id}/tasks?kind=pre-review`).set(headers)).body[0].id as string };
}

const PDF = Buffer.concat([Buffer.from('%PDF-1.7\n% 河长制工作台账\n'), randomBytes(3000), Buffer.from('\n%%EOF\n')]);
const JPG = Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0x00, 0x10, 0x4a, 0x46, 0x49, 0x46]), randomBytes(5000), Buffer.from([0xff, 0xd9])]);
/** Another photo: the tampering test alters its stored copy, which no other test's campaign references. */
const PHOTO_TAMPERED = Buffer.concat([JPG.subarray(0, 10), randomBytes(5000), Buffer.from([0xff, 0xd9])]);
const EXE = Buffer.concat([Buffer.from('MZ\x90\x00\x03\x00\x00\x00'), Buffer.alloc(56), Buffer.from('This program cannot be run in DOS mode.'), randomBytes(500)]);

let worker: { stop(): Promise<void> };
let workDir: string;
let big: string;

beforeAll(async () => {
  workDir = mkdtempSync(join(tmpdir(), 'eco-files-e2e-'));
  worker = await startWorker(testConfig({ TEMPORAL_TASK_QUEUE: 'e2e-files' }));
  // 60 MB on disk, written and later uploaded as streams (never held in memory).
  big = join(workDir, 'big.pdf');
  const out = createWriteStream(big);
  const chunk = Buffer.alloc(1024 * 1024, 0x41);
  chunk.write('%PDF-1.4\n');
  for (let i = 0; i < 60; i++) if (!out.write(chunk)) await new Promise((r) => out.once('drain', () => r(undefined)));
  await new Promise((r) => out.end(() => r(undefined)));
}, 120000);

afterAll(async () => {
  await worker?.stop();
  rmSync(workDir, { recursive: true, force: true });
});

const drivers = [
  { driver: 'fs' as const, env: (dir: string) => ({ STORAGE_DRIVER: 'fs', DATA_DIR: dir }) },
  {
    driver: 's3' as const,
    env: (dir: string) => {
      const s3 = testStack().s3;
      return { STORAGE_DRIVER: 's3', DATA_DIR: dir, S3_ENDPOINT: s3.endpoint, S3_REGION: s3.region, S3_ACCESS_KEY_ID: s3.accessKeyId, S3_SECRET_ACCESS_KEY: s3.secretAccessKey, S3_BUCKET: `e2e-files-${randomBytes(4).toString('hex')}` };
    },
  },
];

describe.each(drivers)('evidence files with the $driver store', ({ driver, env }) => {
  let config: AppConfig;
  let app: INestApplication;
  const http = () => request(app.getHttpServer());
  const as = (a: TestActor) => ({ Authorization: bearer(config, a) });

  beforeAll(async () => {
    config = testConfig({ TEMPORAL_TASK_QUEUE: 'e2e-files', ...env(join(workDir, driver)) });
    app = await startApi(config);
    // both stores: the approval chains resolve signers from accounts that exist when a campaign starts, whichever describe runs first
    await ensureUsers(app, [office, slzx, sthj, inspector, otherCounty]);
  }, 120000);

  afterAll(async () => {
    await app?.close();
  });

  type Stage = 'uploaded' | 'submitted' | 'indicator1Resubmitted';
  interface CampaignFixture {
    id: string;
    /** indicator:4's PDF and photo as uploaded by sx-slzx (stage 'uploaded'). */
    uploaded: Record<string, { id: string; sha256: string; name: string }>;
    /** The photo's bytes (a describe that alters its stored copy has bytes of its own: blobs are shared by content). */
    photo: Buffer;
    files(taskId: string): string;
  }
  /**
   * A campaign of one describe (in 创建实施, mobilization closed), brought in its beforeAll to the stages its tests
   * need: indicator:4's files uploaded, submitted with them, indicator:1 submitted, returned and resubmitted.
   */
  const useCampaign = (stages: Stage[], photo: Buffer = JPG): CampaignFixture => {
    const c: CampaignFixture = { id: '', uploaded: {}, photo, files: (taskId) => `/api/campaigns/${c.id}/tasks/${taskId}/files` };
    beforeAll(async () => {
      const iso = new Date(Date.now() + 86400000).toISOString();
      const res = await http()
        .post('/api/campaigns')
        .set(as(office))
        .send({ templateId: 'sishui-2023', name: `证据材料测试-${driver}`, schedule: { materials: iso, 'key-projects': iso, 'work-plan-issued': iso, 'leadership-group': iso, 'plan-started': iso } });
      expect(res.status).toBe(201);
      c.id = res.body.id;
      const closed = await http().post(`/api/campaigns/${c.id}/close-phase`).set(as(office)).send({ phase: 'mobilization', reason: '动员部署已完成，进入创建实施' });
      expect(closed.status).toBe(200);
      if (stages.includes('uploaded')) {
        const up = await http()
          .post(c.files('indicator:4'))
          .set(as(slzx))
          .attach('files', PDF, { filename: '河长制工作台账（2025年）.pdf', contentType: 'application/octet-stream' })
          .attach('files', photo, { filename: '河道巡查现场照片.jpg', contentType: 'image/jpeg' });
        expect(up.status).toBe(201);
        for (const f of up.body) c.uploaded[f.name.endsWith('.pdf') ? 'pdf' : 'jpg'] = f;
      }
      if (stages.includes('submitted')) {
        const sub = await http().post(`/api/campaigns/${c.id}/tasks/indicator:4/submit`).set(as(slzx)).send({ value: '全面建立', comment: '河长制台账及现场照片', files: [c.uploaded.pdf.id, c.uploaded.jpg.id] });
        expect(sub.status).toBe(200);
      }
      if (stages.includes('indicator1Resubmitted')) {
        const up = await http().post(c.files('indicator:1')).set(as(sthj)).attach('files', Buffer.concat([Buffer.from('%PDF-1.5\n'), randomBytes(100)]), { filename: '生态文明建设规划.pdf' });
        expect(up.status).toBe(201);
        const task = `/api/campaigns/${c.id}/tasks/indicator:1`;
        expect((await http().post(`${task}/submit`).set(as(sthj)).send({ files: [up.body[0].id] })).status).toBe(200);
        expect((await http().post(`${task}/return`).set(as(office)).send({ reason: '请补充规划批复文件' })).status).toBe(200);
        expect((await http().post(`${task}/submit`).set(as(sthj)).send({ files: [up.body[0].id], comment: '已补充' })).status).toBe(200);
      }
    }, 120000);
    return c;
  };

  describe('uploading', () => {
    const c = useCampaign([]);

    it('a unit uploads a PDF and a photo with Chinese names; the server computes type, size and sha256', async () => {
      const res = await http()
        .post(c.files('indicator:4'))
        .set(as(slzx))
        .attach('files', PDF, { filename: '河长制工作台账（2025年）.pdf', contentType: 'application/octet-stream' })
        .attach('files', JPG, { filename: '河道巡查现场照片.jpg', contentType: 'image/jpeg' });
      expect(res.status).toBe(201);
      expect(res.body).toEqual([
        expect.objectContaining({ name: '河长制工作台账（2025年）.pdf', size: PDF.length, mediaType: 'application/pdf', type: 'pdf', sha256: sha(PDF), taskId: 'indicator:4', unitId: 'sx-slzx', uploadedBy: 'f-slzx' }),
        expect.objectContaining({ name: '河道巡查现场照片.jpg', size: JPG.length, mediaType: 'image/jpeg', type: 'jpg', sha256: sha(JPG) }),
      ]);
      for (const f of res.body) c.uploaded[f.name.endsWith('.pdf') ? 'pdf' : 'jpg'] = f;
      const list = await http().get(c.files('indicator:4')).set(as(office));
      expect(list.body.map((f: any) => f.id).sort()).toEqual([c.uploaded.pdf.id, c.uploaded.jpg.id].sort());
    });
  });

  describe('submit checks its files and links', () => {
    const c = useCampaign(['uploaded']);

    it('submit without the required files is a 400 naming what is missing; unknown file ids and non-http links are 400', async () => {
      const none = await http().post(`/api/campaigns/${c.id}/tasks/indicator:4/submit`).set(as(slzx)).send({ value: '全面建立', comment: '无附件' });
      expect(none.status).toBe(400);
      expect(JSON.stringify(none.body.message)).toContain('指标支撑材料');
      const foreign = await http().post(`/api/campaigns/${c.id}/tasks/indicator:4/submit`).set(as(slzx)).send({ files: ['00000000-0000-4000-8000-000000000000'] });
      expect(foreign.status).toBe(400);
      expect(JSON.stringify(foreign.body.message)).toContain('00000000-0000-4000-8000-000000000000');
      // both refusals are audited as refused attempts (README: refusals are audited), the request as sent in the record
      const refused = await http().get(`/api/campaigns/${c.id}/audit?taskId=indicator:4&outcome=refused`).set(as(office));
      expect(refused.status).toBe(200);
      expect(refused.body.map((e: any) => [e.action, e.actor.id, e.reason])).toEqual([
        ['submit', slzx.id, expect.stringContaining('报送时须上传指标支撑材料')],
        ['submit', slzx.id, '有1个文件不存在，请重新选择文件 (files not uploaded to this task: 00000000-0000-4000-8000-000000000000)'],
      ]);
      expect(refused.body[1].detail.command).toMatchObject({ taskId: 'indicator:4', files: ['00000000-0000-4000-8000-000000000000'] });
      const js = await http().post(`/api/campaigns/${c.id}/tasks/indicator:4/submit`).set(as(slzx)).send({ files: [c.uploaded.pdf.id], evidence: [{ name: 'x', url: 'javascript:alert(1)' }] });
      expect(js.status).toBe(400);
    });
  });

  describe('submitting with files', () => {
    const c = useCampaign(['uploaded']);

    it('submits with the uploaded files; the submit audit entry carries each file’s name, size and sha256', async () => {
      const res = await http().post(`/api/campaigns/${c.id}/tasks/indicator:4/submit`).set(as(slzx)).send({ value: '全面建立', comment: '河长制台账及现场照片', files: [c.uploaded.pdf.id, c.uploaded.jpg.id] });
      expect(res.status).toBe(200);
      expect(res.body.task.status).toBe('submitted');
      const audit = await http().get(`/api/campaigns/${c.id}/audit?action=submit&taskId=indicator:4&outcome=accepted`).set(as(office));
      expect(audit.body).toHaveLength(1);
      expect(audit.body[0].detail.evidence).toEqual([
        { name: '河长制工作台账（2025年）.pdf', ref: `file:${c.uploaded.pdf.id}`, sha256: sha(PDF), size: PDF.length },
        { name: '河道巡查现场照片.jpg', ref: `file:${c.uploaded.jpg.id}`, sha256: sha(JPG), size: JPG.length },
      ]);
    });
  });

  describe('downloading', () => {
    const c = useCampaign(['uploaded', 'submitted']);

    it('the approver downloads the same bytes, with the type and the Chinese name (RFC 5987); the download is audited', async () => {
      const res = await http().get(`${c.files('indicator:4')}/${c.uploaded.pdf.id}`).set(as(office)).buffer(true).parse(binary);
      expect(res.status).toBe(200);
      expect(res.headers['content-type']).toMatch(/^application\/pdf/);
      expect(Buffer.compare(res.body, PDF)).toBe(0);
      const star = /filename\*=UTF-8''([^;]+)/.exec(res.headers['content-disposition'])![1];
      expect(decodeURIComponent(star)).toBe('河长制工作台账（2025年）.pdf');
      const audit = await http().get(`/api/campaigns/${c.id}/audit?action=file-download`).set(as(office));
      expect(audit.body).toEqual([expect.objectContaining({ outcome: 'accepted', actor: expect.objectContaining({ id: 'f-office' }), detail: expect.objectContaining({ fileId: c.uploaded.pdf.id, sha256: sha(PDF) }) })]);
    });

    it('opened to read in the browser (preview=true) it is audited as 预览材料, not as a download; any other preview value is a 400', async () => {
      const downloads = async () => (await http().get(`/api/campaigns/${c.id}/audit?action=file-download`).set(as(office))).body.length;
      const before = await downloads();
      const res = await http().get(`${c.files('indicator:4')}/${c.uploaded.pdf.id}?preview=true`).set(as(office)).buffer(true).parse(binary);
      expect(res.status).toBe(200);
      expect(Buffer.compare(res.body, PDF)).toBe(0);
      expect(res.headers['content-disposition']).toMatch(/^inline; /); // shown in the browser, not saved
      const previews = await http().get(`/api/campaigns/${c.id}/audit?action=file-preview`).set(as(office));
      expect(previews.body).toEqual([expect.objectContaining({ outcome: 'accepted', detail: expect.objectContaining({ fileId: c.uploaded.pdf.id, sha256: sha(PDF) }) })]);
      expect(await downloads()).toBe(before);
      const bad = await http().get(`${c.files('indicator:4')}/${c.uploaded.pdf.id}?preview=yes`).set(as(office));
      expect(bad.status).toBe(400);
    });
  });

  describe('who may read and upload', () => {
    const c = useCampaign(['uploaded', 'submitted']);

    it('another unit gets 404 for the file and for uploading to the task; an inspector may read but not upload', async () => {
      expect((await http().get(`${c.files('indicator:4')}/${c.uploaded.pdf.id}`).set(as(sthj))).status).toBe(404);
      expect((await http().get(c.files('indicator:4')).set(as(sthj))).status).toBe(404);
      expect((await http().post(c.files('indicator:4')).set(as(sthj)).attach('files', PDF, { filename: 'x.pdf' })).status).toBe(404);
      expect((await http().get(`${c.files('indicator:4')}/${c.uploaded.jpg.id}`).set(as(inspector))).status).toBe(200);
      expect((await http().get(`${c.files('indicator:4')}/${c.uploaded.jpg.id}`).set(as(otherCounty))).status).toBe(404);
      expect((await http().get(`/api/campaigns/${c.id}/dossier.zip`).set(as(otherCounty))).status).toBe(404);
      expect((await http().post(c.files('indicator:4')).set(as(inspector)).attach('files', PDF, { filename: 'x.pdf' })).status).toBe(403);
      const denied = await http().get(`/api/campaigns/${c.id}/audit?outcome=denied&taskId=indicator:4`).set(as(office));
      expect(denied.body.map((r: any) => r.actor.id)).toEqual(expect.arrayContaining(['f-sthj', 'f-inspector']));
    });
  });

  describe('a task sent for approval takes no file until it is returned', () => {
    const c = useCampaign(['uploaded', 'submitted']);

    it('the unit’s upload to its submitted task is a 409 naming why: nothing stored or listed, the attempt on the record; returned (退回), it uploads again', async () => {
      // bytes of this test's own: the store is content-addressed, shared with every other upload
      const late = Buffer.concat([Buffer.from('%PDF-1.7\n% 补充台账\n'), randomBytes(2000), Buffer.from('\n%%EOF\n')]);
      const up = () => http().post(c.files('indicator:4')).set(as(slzx)).attach('files', late, { filename: '补充台账.pdf', contentType: 'application/pdf' });
      const listed = async () => (await http().get(c.files('indicator:4')).set(as(slzx))).body.map((f: any) => f.name).sort();
      const sentFiles = [c.uploaded.pdf.name, c.uploaded.jpg.name].sort();
      expect((await http().get(`/api/campaigns/${c.id}/tasks/indicator:4`).set(as(slzx))).body).toMatchObject({ status: 'submitted', actions: [] });
      const sent = await up();
      expect([sent.status, sent.body.message]).toEqual([409, '任务已报送，审批期间不能再上传材料 (the task is under approval: no uploads until it is returned)']);
      expect(await listed()).toEqual(sentFiles); // the unit still reads what it sent
      expect(await app.get(FilesService).store.rehash(sha(late))).toBeNull();
      const refused = await http().get(`/api/campaigns/${c.id}/audit?taskId=indicator:4&action=file-upload&outcome=refused`).set(as(office));
      expect(refused.body.map((e: any) => [e.actor.id, e.reason])).toEqual([[slzx.id, '任务已报送，审批期间不能再上传材料 (the task is under approval: no uploads until it is returned)']]);
      expect((await http().get(`/api/campaigns/${c.id}/audit?taskId=indicator:4&action=file-upload&outcome=accepted`).set(as(office))).body).toHaveLength(1); // the first upload only

      expect((await http().post(`/api/campaigns/${c.id}/tasks/indicator:4/return`).set(as(office)).send({ reason: '请补充第四季度台账' })).status).toBe(200);
      const again = await up();
      expect(again.status).toBe(201);
      expect(await listed()).toEqual([...sentFiles, '补充台账.pdf'].sort());
      expect(await app.get(FilesService).store.rehash(sha(late))).toBe(sha(late));
      const resent = await http().post(`/api/campaigns/${c.id}/tasks/indicator:4/submit`).set(as(slzx)).send({ value: '全面建立', comment: '已补充', files: [c.uploaded.pdf.id, again.body[0].id] });
      expect(resent.status).toBe(200);
    });
  });

  describe('a paused or ended campaign takes no file', () => {
    const c = useCampaign([]);

    it('paused: 409 with the reason the task page shows; resumed: the upload goes through; ended (终止): 409 again', async () => {
      const up = () => http().post(c.files('indicator:4')).set(as(slzx)).attach('files', PDF, { filename: '河长制工作台账.pdf', contentType: 'application/pdf' });
      expect((await http().post(`/api/campaigns/${c.id}/pause`).set(as(office)).send({ reason: '上级调整时间安排' })).status).toBe(200);
      const paused = await up();
      expect([paused.status, paused.body.message]).toEqual([409, expect.stringContaining('活动已暂停：暂停期间不能上传材料')]);
      expect((await http().post(`/api/campaigns/${c.id}/resume`).set(as(office)).send({})).status).toBe(200);
      expect((await up()).status).toBe(201);
      expect((await http().post(`/api/campaigns/${c.id}/cancel`).set(as(office)).send({ reason: '上级调整创建计划' })).status).toBe(200);
      const ended = await up();
      expect([ended.status, ended.body.message]).toEqual([409, expect.stringContaining('活动已结束：不能再上传材料')]);
    });
  });

  describe('size and type limits', () => {
    const c = useCampaign([]);

    it('a 60 MB file is refused with 413 and a renamed .exe with 415, both with a clear message', async () => {
      const tooBig = await http().post(c.files('indicator:1')).set(as(sthj)).attach('files', big, { filename: '整本档案扫描件.pdf' });
      expect(tooBig.status).toBe(413);
      expect(tooBig.body.message).toContain('文件超过大小上限');
      expect(tooBig.body.message).toContain('整本档案扫描件.pdf');
      const exe = await http().post(c.files('indicator:1')).set(as(sthj)).attach('files', EXE, { filename: '生态环境状况报告.pdf' });
      expect(exe.status).toBe(415);
      expect(exe.body.message).toContain('生态环境状况报告.pdf');
      expect(exe.body.message).toContain('不支持的文件类型');
      const virus = await http().post(c.files('indicator:1')).set(as(sthj)).attach('files', EXE, { filename: 'virus.exe' });
      expect(virus.status).toBe(415);
      expect((await http().get(c.files('indicator:1')).set(as(sthj))).body).toEqual([]);
      // each refusal is on the record as a refused attempt (尝试上传材料) with the reason the uploader was given
      const refused = await http().get(`/api/campaigns/${c.id}/audit?taskId=indicator:1&action=file-upload`).set(as(office));
      expect(refused.body.map((e: any) => [e.outcome, e.actor.id, auditActionLabel(e, 'creation'), e.reason, e.detail])).toEqual([
        ['refused', sthj.id, '尝试上传材料', tooBig.body.message, { status: 413 }],
        ['refused', sthj.id, '尝试上传材料', exe.body.message, { status: 415 }],
        ['refused', sthj.id, '尝试上传材料', virus.body.message, { status: 415 }],
      ]);
      expect(refused.body[0].reason).toMatch(/^文件超过大小上限.*整本档案扫描件\.pdf/);
      expect(refused.body[1].reason).toMatch(/^不支持的文件类型：生态环境状况报告\.pdf/);
      expect(refused.body[2].reason).toMatch(/^不支持的文件类型：virus\.exe/);
      // no record for a request that is not signed in, nor for a task that does not exist
      expect((await http().post(c.files('indicator:1')).attach('files', EXE, { filename: 'virus.exe' })).status).toBe(401);
      expect((await http().post(c.files('indicator:999')).set(as(sthj)).attach('files', EXE, { filename: 'virus.exe' })).status).toBe(404);
      expect((await http().get(`/api/campaigns/${c.id}/audit?action=file-upload`).set(as(office))).body).toHaveLength(3);
    });

    it('an empty file (0 bytes) is a 400 saying so, naming it (it read 「内容无法识别」 among the unsupported types)', async () => {
      const empty = await http().post(c.files('indicator:1')).set(as(sthj)).attach('files', Buffer.alloc(0), { filename: '监测报告.pdf' });
      expect([empty.status, empty.body.message]).toEqual([400, ['「监测报告.pdf」文件为空（0 字节），请重新选择文件 (empty file: 监测报告.pdf)']]);
      expect((await http().get(c.files('indicator:1')).set(as(sthj))).body).toEqual([]);
    });

    it('a file name PostgreSQL cannot store (filename* with %00) is refused with 400 naming it, not a 500', async () => {
      const body = Buffer.concat([
        Buffer.from(`--X\r\nContent-Disposition: form-data; name="files"; filename*=UTF-8''${encodeURIComponent('材料')}%00.pdf\r\nContent-Type: application/pdf\r\n\r\n`),
        PDF,
        Buffer.from('\r\n--X--\r\n'),
      ]);
      const res = await http().post(c.files('indicator:1')).set(as(sthj)).set('Content-Type', 'multipart/form-data; boundary=X').send(body);
      expect(res.status).toBe(400);
      expect(res.body.message).toEqual([expect.stringMatching(/^文件名无效「材料\uFFFD\.pdf」：含有无法识别的空字符（NUL），请删除后重试 \(contains a NUL character\)$/)]);
      expect((await http().get(c.files('indicator:1')).set(as(sthj))).body).toEqual([]);
    });
  });

  describe('a returned round', () => {
    const c = useCampaign([]);

    it('a returned round keeps its files; the unit resubmits them', async () => {
      const up = await http().post(c.files('indicator:1')).set(as(sthj)).attach('files', Buffer.concat([Buffer.from('%PDF-1.5\n'), randomBytes(100)]), { filename: '生态文明建设规划.pdf' });
      expect(up.status).toBe(201);
      const fileId = up.body[0].id;
      expect((await http().post(`/api/campaigns/${c.id}/tasks/indicator:1/submit`).set(as(sthj)).send({ files: [fileId] })).status).toBe(200);
      expect((await http().post(`/api/campaigns/${c.id}/tasks/indicator:1/return`).set(as(office)).send({ reason: '请补充规划批复文件' })).status).toBe(200);
      const task = await http().get(`/api/campaigns/${c.id}/tasks/indicator:1`).set(as(sthj));
      expect(task.body.status).toBe('returned');
      expect(task.body.rounds[0].submission.evidence).toEqual([expect.objectContaining({ ref: `file:${fileId}` })]);
      expect((await http().get(`${c.files('indicator:1')}/${fileId}`).set(as(sthj))).status).toBe(200);
      // The database itself refuses to forget a file a submission references.
      await expect(app.get(DataSource).query('DELETE FROM uploaded_files WHERE id = $1', [fileId])).rejects.toThrow(/referenced by a submission/);
      expect((await http().post(`/api/campaigns/${c.id}/tasks/indicator:1/submit`).set(as(sthj)).send({ files: [fileId], comment: '已补充' })).status).toBe(200);
    });
  });

  describe('the written opinion (预审意见) goes with an external result', () => {
    it('the inspector uploads the sealed opinion to the open stage and records the result with it: on the stage, in the audit with its hash, checked, in the dossier; nobody uploads there after', async () => {
      const { id, stage } = await atPreReview(http, as(office), `预审意见-${driver}`);
      const files = `/api/campaigns/${id}/tasks/${encodeURIComponent(stage)}/files`;
      const up = await http().post(files).set(as(inspector)).attach('files', PDF, { filename: '市生态环境局预审意见（盖章）.pdf', contentType: 'application/pdf' });
      expect(up.status).toBe(201);
      const opinion = up.body[0].id as string;
      expect((await http().post(files).set(as(slzx)).attach('files', PDF, { filename: '冒充的意见.pdf', contentType: 'application/pdf' })).status).toBe(404); // a unit cannot read the stage
      // open, the stage waits for its result: 待登记结果 (nothing is 报送 there), as the task page reads it
      expect((await http().get(`/api/campaigns/${id}/tasks/${encodeURIComponent(stage)}`).set(as(office))).body).toMatchObject({ engineStatus: 'open', external: true, statusLabel: '待登记结果' });
      // a missing field of a command's body: a Chinese 400 naming it
      const noOutcome = await http().post(`/api/campaigns/${id}/external-results`).set(as(inspector)).send({ stage: 'pre-review', taskId: stage });
      expect([noOutcome.status, noOutcome.body]).toEqual([400, { statusCode: 400, error: 'Bad Request', message: ['缺少必填项：结果 (outcome: Required)'] }]);
      // a body that is not JSON (text/plain, a form): 415 saying to send JSON — not 「缺少必填字段：请求内容」
      const asText = await http().post(`/api/campaigns/${id}/deadlines`).set(as(office)).set('Content-Type', 'text/plain').send(JSON.stringify({ taskIds: [stage], newDueDate: '2031-01-01', reason: '顺延' }));
      expect([asText.status, asText.body]).toEqual([415, { statusCode: 415, error: 'Unsupported Media Type', message: ['请以 JSON 格式提交（Content-Type: application/json） (send the body as application/json)'] }]);
      const asForm = await http().post(`/api/campaigns/${id}/external-results`).set(as(inspector)).type('form').send({ stage: 'pre-review', outcome: 'passed', taskId: stage });
      expect(asForm.status).toBe(415);
      const unnamed = await http().post(`/api/campaigns/${id}/external-results`).set(as(inspector)).send({ stage: 'pre-review', outcome: 'passed', files: [opinion] });
      expect([unnamed.status, JSON.stringify(unnamed.body.message)]).toEqual([400, expect.stringContaining('taskId')]);
      const foreign = await http().post(`/api/campaigns/${id}/external-results`).set(as(inspector)).send({ stage: 'pre-review', outcome: 'passed', taskId: stage, files: ['00000000-0000-4000-8000-000000000000'] });
      expect(foreign.status).toBe(400);
      expect(JSON.stringify(foreign.body.message)).toContain('有1个文件不存在，请重新选择文件');
      // audited as a refused attempt, as the workflow's refusals are
      const refused = (await http().get(`/api/campaigns/${id}/audit?taskId=${encodeURIComponent(stage)}&outcome=refused`).set(as(office))).body;
      expect(refused.map((e: any) => [e.action, e.actor.id, e.reason])).toEqual([['recordExternalResult', inspector.id, '有1个文件不存在，请重新选择文件 (files not uploaded to this task: 00000000-0000-4000-8000-000000000000)']]);
      const r = await http().post(`/api/campaigns/${id}/external-results`).set(as(inspector)).send({ stage: 'pre-review', outcome: 'passed', taskId: stage, comment: '原则通过', files: [opinion] });
      expect(r.status).toBe(200);
      const read = (await http().get(`/api/campaigns/${id}/tasks/${encodeURIComponent(stage)}`).set(as(office))).body;
      expect(read.externalResult.evidence).toEqual([{ name: '市生态环境局预审意见（盖章）.pdf', ref: `file:${opinion}`, sha256: sha(PDF), size: PDF.length }]);
      const audit = (await http().get(`/api/campaigns/${id}/audit?taskId=${encodeURIComponent(stage)}&action=recordExternalResult&outcome=accepted`).set(as(office))).body;
      expect(audit[0].detail.evidence).toEqual([expect.objectContaining({ ref: `file:${opinion}`, sha256: sha(PDF) })]);
      const verify = (await http().get(`/api/campaigns/${id}/audit/verify`).set(as(office))).body;
      expect([verify.files.checked, verify.files.problems]).toEqual([1, []]);
      // recorded: the stage takes no more files (the inspector reads them)
      expect((await http().post(files).set(as(inspector)).attach('files', PDF, { filename: '补充意见.pdf', contentType: 'application/pdf' })).status).toBe(403);
      expect((await http().get(`${files}/${opinion}`).set(as(inspector))).status).toBe(200);
      const zip = await http().get(`/api/campaigns/${id}/dossier.zip`).set(as(inspector)).buffer(true).parse(binary);
      expect(zip.status).toBe(200);
      const entry = zipEntries(zip.body).find((e) => e.name.endsWith('/市生态环境局预审意见（盖章）.pdf'));
      expect(entry?.name).toBe(`预审意见-${driver}-申报材料/外部审查意见/${read.title}/市生态环境局预审意见（盖章）.pdf`);
      expect(sha(zipRead(zip.body, entry!))).toBe(sha(PDF));
    });

    it('the unit reads the opinion behind its 整改 through the 整改 (not the stage): the files of that result only, audited on the stage', async () => {
      const { id, stage } = await atPreReview(http, as(office), `整改意见-${driver}`);
      const files = `/api/campaigns/${id}/tasks/${encodeURIComponent(stage)}/files`;
      const opinion = (await http().post(files).set(as(inspector)).attach('files', PDF, { filename: '预审意见（盖章）.pdf', contentType: 'application/pdf' })).body[0].id as string;
      const extra = (await http().post(files).set(as(inspector)).attach('files', JPG, { filename: '现场照片.jpg', contentType: 'image/jpeg' })).body[0].id as string;
      const r = await http().post(`/api/campaigns/${id}/external-results`).set(as(inspector)).send({ stage: 'pre-review', outcome: 'issues', taskId: stage, files: [opinion], findings: [{ title: '水利台账缺第三季度数据', unitId: 'sx-slzx' }] });
      expect(r.status).toBe(200);
      const rect = (await http().get(`/api/campaigns/${id}/tasks?kind=rectification`).set(as(slzx))).body[0].id as string;
      const read = (await http().get(`/api/campaigns/${id}/tasks/${encodeURIComponent(rect)}`).set(as(slzx))).body;
      expect(read.origin.opinion).toEqual([{ fileId: opinion, name: '预审意见（盖章）.pdf', size: PDF.length }]);
      const via = (fileId: string, taskId = rect) => `/api/campaigns/${id}/tasks/${encodeURIComponent(taskId)}/origin-files/${fileId}`;
      const got = await http().get(via(opinion)).set(as(slzx)).buffer(true).parse(binary);
      expect([got.status, sha(got.body)]).toEqual([200, sha(PDF)]);
      expect((await http().get(`${via(opinion)}?preview=true`).set(as(slzx))).status).toBe(200);
      // the stage itself stays unreadable to the unit; a file of the stage not recorded with the result is not the opinion
      expect((await http().get(`${files}/${opinion}`).set(as(slzx))).status).toBe(404);
      expect((await http().get(via(extra)).set(as(slzx))).status).toBe(404);
      // another unit: the 整改 is not theirs; through a task that is not a 整改: nothing
      expect((await http().get(via(opinion)).set(as(sthj))).status).toBe(404);
      expect((await http().get(via(opinion, stage)).set(as(office))).status).toBe(404);
      const audit = (await http().get(`/api/campaigns/${id}/audit?taskId=${encodeURIComponent(stage)}`).set(as(office))).body as any[];
      expect(audit.filter((e) => e.actor.id === slzx.id && e.outcome === 'accepted').map((e) => [e.action, e.detail.via, e.detail.fileId])).toEqual([
        ['file-download', rect, opinion],
        ['file-preview', rect, opinion],
      ]);
    });
  });

  describe('the dossier', () => {
    const c = useCampaign(['uploaded', 'submitted', 'indicator1Resubmitted']);

    it('the dossier opens with a folder per indicator, the approved files, and a 目录 whose hashes match', async () => {
      expect((await http().post(`/api/campaigns/${c.id}/tasks/indicator:4/approve`).set(as(office)).send({ comment: '材料齐全' })).status).toBe(200);
      expect((await http().get(`/api/campaigns/${c.id}/dossier.zip`).set(as(slzx))).status).toBe(403);
      const res = await http().get(`/api/campaigns/${c.id}/dossier.zip`).set(as(inspector)).buffer(true).parse(binary);
      expect(res.status).toBe(200);
      expect(res.headers['content-type']).toBe('application/zip');
      const entries = zipEntries(res.body);
      const names = entries.map((e) => e.name);
      const root = `证据材料测试-${driver}-申报材料`;
      for (const ind of sishui.indicators) {
        const folder = `${root}/${DOMAIN_KEYS.indexOf(ind.domain) + 1}-${DOMAIN_NAMES[ind.domain as keyof typeof DOMAIN_NAMES]}/${ind.code}-`;
        expect(names.filter((n) => n.startsWith(folder) && n.endsWith('/')).length).toBeGreaterThanOrEqual(1);
      }
      const pdfEntry = entries.find((e) => e.name.endsWith('/河长制工作台账（2025年）.pdf'))!;
      expect(pdfEntry.name).toBe(`${root}/1-生态制度/4-河长制/县水利中心/河长制工作台账（2025年）.pdf`);
      expect(sha(zipRead(res.body, pdfEntry))).toBe(sha(PDF));
      // indicator:1 was resubmitted but not approved: not in the dossier
      expect(names.some((n) => n.endsWith('生态文明建设规划.pdf'))).toBe(false);

      const wb = new ExcelJS.Workbook();
      await wb.xlsx.load(zipRead(res.body, entries.find((e) => e.name === `${root}/目录.xlsx`)!) as any);
      const ws = wb.getWorksheet('目录')!;
      expect(ws.views[0]).toMatchObject({ state: 'frozen', ySplit: 1 }); // the header stays on screen
      // 说明: when it was made, to the second, in Beijing time (walkthrough: the date alone)
      const info = wb.getWorksheet('说明')!;
      expect(String(info.getRow(3).getCell(2).value)).toMatch(/^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2} 周[一二三四五六日]（北京时间）$/);
      const header = (ws.getRow(1).values as any[]).slice(1);
      expect(header).toEqual(expect.arrayContaining(['指标编号', '指标名称', '目标值', '完成值', '状态', '责任单位', '文件名', 'SHA-256', '审核人', '审核日期']));
      const col = (h: string) => header.indexOf(h) + 1;
      const fileRows = [] as { path: string; sha: string; approver: string; date: string; value: string }[];
      ws.eachRow((row, n) => {
        if (n > 1 && row.getCell(col('SHA-256')).value) {
          fileRows.push({ path: String(row.getCell(col('包内路径')).value), sha: String(row.getCell(col('SHA-256')).value), approver: String(row.getCell(col('审核人')).value), date: String(row.getCell(col('审核日期')).value), value: String(row.getCell(col('完成值')).value) });
        }
      });
      expect(fileRows).toHaveLength(2);
      // one list in the plan's order: indicator 4's files among the indicators without one, each indicator in its place
      const codes: string[] = [];
      ws.eachRow((row, n) => {
        if (n > 1 && row.getCell(col('指标编号')).value) codes.push(String(row.getCell(col('指标编号')).value));
      });
      const plan = (sishui.indicators as { code: string }[]).map((i) => i.code);
      expect(codes.map((code) => plan.indexOf(code))).toEqual([...codes.map((code) => plan.indexOf(code))].sort((a, b) => a - b));
      expect(codes.indexOf('4')).toBeGreaterThan(codes.indexOf('3'));
      expect(codes.indexOf('4')).toBeLessThan(codes.indexOf('5'));
      for (const r of fileRows) {
        const e = entries.find((x) => x.name === `${root}/${r.path}`)!;
        expect(sha(zipRead(res.body, e))).toBe(r.sha);
        expect(r.approver).toBe('办公室科员');
        expect(r.date).toMatch(/^\d{4}-\d{2}-\d{2} 周[一二三四五六日]$/);
        expect(r.value).toBe('全面建立');
      }
      // 审批意见: each signer's decision, verdict and words, round by round (the 退回 of indicator 1, the approvals)
      const decisions = wb.getWorksheet('审批意见')!;
      expect((decisions.getRow(1).values as any[]).slice(1)).toEqual(['任务', '责任单位', '轮次', '审批环节', '签批人', '意见', '说明', '签批时间']);
      const rows: string[][] = [];
      decisions.eachRow((row, n) => {
        if (n > 1) rows.push((row.values as any[]).slice(1).map(String));
      });
      expect(rows).toEqual(expect.arrayContaining([
        [expect.stringContaining('指标1'), expect.any(String), '1', expect.any(String), '办公室科员', '退回', '请补充规划批复文件', expect.stringMatching(/^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2} 周./)],
        [expect.stringContaining('指标4'), expect.any(String), '1', expect.any(String), '办公室科员', '同意', '材料齐全', expect.any(String)],
      ]));
      const manifest = JSON.parse(zipRead(res.body, entries.find((e) => e.name === `${root}/manifest.json`)!).toString('utf8'));
      expect(manifest.auditChain.valid).toBe(true);
      const audit = (await http().get(`/api/campaigns/${c.id}/audit?action=submit&taskId=indicator:4&outcome=accepted`).set(as(office))).body[0];
      expect(manifest.files.map((f: any) => f.submitAudit)).toEqual([{ seq: audit.seq, hash: audit.hash }, { seq: audit.seq, hash: audit.hash }]);
      expect(manifest.files.map((f: any) => f.sha256).sort()).toEqual(audit.detail.evidence.map((e: any) => e.sha256).sort());
      expect(names).toContain(`${root}/audit-chain.jsonl`);

      // 申报材料包概况: what the zip holds, as the application's page reads it — the same readers, nothing taken over here
      const summary = await http().get(`/api/campaigns/${c.id}/dossier`).set(as(inspector));
      expect(summary.status).toBe(200);
      expect(summary.body).toMatchObject({ files: manifest.files.length, bytes: manifest.files.reduce((n: number, f: any) => n + f.size, 0), indicators: { total: sishui.indicators.length, withFiles: 1, codesWithFiles: ['4'] } });
      expect(summary.body.withoutFiles.find((g: any) => g.taskId === 'indicator:1')).toMatchObject({ indicatorCode: '1', status: 'submitted', statusLabel: '审批中', takenOver: false });
      expect(summary.body.withoutFiles.map((g: any) => g.taskId)).not.toContain('indicator:4');
      expect(summary.body.withoutFiles.some((g: any) => g.takenOver)).toBe(false);
      expect((await http().get(`/api/campaigns/${c.id}/dossier`).set(as(slzx))).status).toBe(403);
      expect((await http().get(`/api/campaigns/${c.id}/dossier`).set(as(otherCounty))).status).toBe(404);
    });
  });

  describe('a campaign taken over with its indicators done (接管)', () => {
    it('the gate is met and names every indicator taken over; the dossier says they hold no file: 概况, and 接管前已完成 in the 目录', async () => {
      const { id } = await atPreReview(http, as(office), `接管材料包-${driver}`);
      const gate = await http().get(`/api/campaigns/${id}/gate`).set(as(office));
      expect(gate.status).toBe(200);
      expect(gate.body.allowed).toBe(true);
      const binding = (sishui.indicators as { code: string; attribute: string; applicability?: string }[]).filter((i) => i.attribute === 'binding' && (i.applicability ?? 'applicable') === 'applicable');
      const takenOver = gate.body.takenOver as { kind: string; code: string; attribute: string; taskId: string }[];
      expect(takenOver.filter((t) => t.kind === 'indicator' && t.attribute === 'binding').map((t) => t.code).sort()).toEqual(binding.map((i) => i.code).sort());

      const summary = await http().get(`/api/campaigns/${id}/dossier`).set(as(office));
      expect(summary.status).toBe(200);
      expect(summary.body).toMatchObject({ files: 0, bytes: 0, indicators: { total: sishui.indicators.length, withFiles: 0, codesWithFiles: [] } });
      const gaps = summary.body.withoutFiles as { taskId: string; takenOver: boolean; statusLabel: string; status: string }[];
      for (const t of takenOver) expect(gaps).toContainEqual(expect.objectContaining({ taskId: t.taskId, takenOver: true, status: 'approved', statusLabel: '接管前已完成' }));

      const zip = await http().get(`/api/campaigns/${id}/dossier.zip`).set(as(office)).buffer(true).parse(binary);
      expect(zip.status).toBe(200);
      const entries = zipEntries(zip.body);
      const wb = new ExcelJS.Workbook();
      await wb.xlsx.load(zipRead(zip.body, entries.find((e) => e.name.endsWith('/目录.xlsx'))!) as any);
      const ws = wb.getWorksheet('目录')!;
      const header = (ws.getRow(1).values as any[]).slice(1);
      const rows: { status: string; file: string }[] = [];
      ws.eachRow((row, n) => {
        if (n > 1) rows.push({ status: String(row.getCell(header.indexOf('状态') + 1).value), file: String(row.getCell(header.indexOf('文件名') + 1).value) });
      });
      expect(rows.length).toBeGreaterThanOrEqual(binding.length);
      expect(rows.filter((r) => r.status === '接管前已完成').length).toBe(gaps.filter((g) => g.takenOver).length);
      for (const r of rows.filter((x) => x.status === '接管前已完成')) expect(r.file).toBe('（接管前已完成，材料未在本系统报送）');
      expect(rows.some((r) => r.status === '已通过')).toBe(false); // nothing here was approved through the system
    });
  });

  describe('tampering with a stored file', () => {
    const c = useCampaign(['uploaded', 'submitted', 'indicator1Resubmitted'], PHOTO_TAMPERED);

    it('altering a stored file makes /audit/verify name it', async () => {
      const before = await http().get(`/api/campaigns/${c.id}/audit/verify`).set(as(office));
      expect(before.body).toMatchObject({ valid: true, chainValid: true, files: { problems: [] } });
      expect(before.body.files.checked).toBeGreaterThanOrEqual(3);
      const store = app.get(FilesService).store;
      if (store instanceof FsBlobStore) {
        const p = store.pathOf(sha(c.photo));
        await chmod(p, 0o644);
        writeFileSync(p, Buffer.from('被篡改的照片'));
      } else {
        const s3 = store as S3BlobStore;
        await s3.client.send(new PutObjectCommand({ Bucket: config.S3_BUCKET, Key: s3.keyOf(sha(c.photo)), Body: Buffer.from('被篡改的照片') }));
      }
      const after = await http().get(`/api/campaigns/${c.id}/audit/verify`).set(as(office));
      expect(after.status).toBe(200);
      expect(after.body.valid).toBe(false);
      expect(after.body.chainValid).toBe(true);
      expect(after.body.files.problems).toEqual([expect.objectContaining({ name: '河道巡查现场照片.jpg', fileId: c.uploaded.jpg.id, taskId: 'indicator:4', problem: 'altered', sha256: sha(c.photo), actualSha256: sha(Buffer.from('被篡改的照片')) })]);
    });
  });
});

describe('evidence files when the object store is down', () => {
  let config: AppConfig;
  let app: INestApplication;
  let never: INestApplication | undefined;
  let gw: { stop(): Promise<void> } | undefined;
  let id: string;
  let pdf: { id: string };
  let reviewed: string;
  let opinion: string;
  let rectification: string;
  const as = (a: TestActor) => ({ Authorization: bearer(config, a) });

  beforeAll(async () => {
    // An S3 server of this test's own, stopped below under the running API.
    const dir = join(workDir, 's3-down');
    const keys = { accessKey: `down${process.pid}`, secretKey: `down-secret-${randomBytes(6).toString('hex')}` };
    const own = await startVersityGw({ port: await freePort(), dir, ...keys });
    gw = own;
    config = testConfig({ TEMPORAL_TASK_QUEUE: 'e2e-files', STORAGE_DRIVER: 's3', DATA_DIR: join(workDir, 's3-down-data'), S3_ENDPOINT: own.endpoint, S3_REGION: 'us-east-1', S3_ACCESS_KEY_ID: keys.accessKey, S3_SECRET_ACCESS_KEY: keys.secretKey, S3_BUCKET: 'e2e-down' });
    app = await startApi(config);
    await ensureUsers(app, [office, slzx, inspector]);
    const http = () => request(app.getHttpServer());
    const iso = new Date(Date.now() + 86400000).toISOString();
    const res = await http().post('/api/campaigns').set(as(office)).send({ templateId: 'sishui-2023', name: '证据材料测试-存储停机', schedule: { materials: iso, 'key-projects': iso, 'work-plan-issued': iso, 'leadership-group': iso, 'plan-started': iso } });
    expect(res.status).toBe(201);
    id = res.body.id;
    expect((await http().post(`/api/campaigns/${id}/close-phase`).set(as(office)).send({ phase: 'mobilization', reason: '动员部署已完成，进入创建实施' })).status).toBe(200);
    const up = await http().post(`/api/campaigns/${id}/tasks/indicator:4/files`).set(as(slzx)).attach('files', PDF, { filename: '河长制工作台账.pdf' }).attach('files', JPG, { filename: '现场照片.jpg' });
    expect(up.status).toBe(201);
    pdf = up.body[0];
    expect((await http().post(`/api/campaigns/${id}/tasks/indicator:4/submit`).set(as(slzx)).send({ value: '全面建立', files: up.body.map((f: { id: string }) => f.id) })).status).toBe(200);
    expect((await http().post(`/api/campaigns/${id}/tasks/indicator:4/approve`).set(as(office)).send({ comment: '材料齐全' })).status).toBe(200);
    expect((await http().get(`/api/campaigns/${id}/tasks/indicator:4/files/${pdf.id}`).set(as(office))).status).toBe(200);
    // a 整改 opened by a 预审 recorded with its written opinion: read through the 整改 (origin-files)
    const at = await atPreReview(http, as(office), '整改意见-存储停机');
    reviewed = at.id;
    const stage = at.stage;
    opinion = (await http().post(`/api/campaigns/${reviewed}/tasks/${encodeURIComponent(stage)}/files`).set(as(inspector)).attach('files', PDF, { filename: '预审意见.pdf', contentType: 'application/pdf' })).body[0].id;
    const recorded = await http().post(`/api/campaigns/${reviewed}/external-results`).set(as(inspector)).send({ stage: 'pre-review', outcome: 'issues', taskId: stage, files: [opinion], findings: [{ title: '台账不全', unitId: 'sx-slzx' }] });
    expect(recorded.status).toBe(200);
    rectification = (await http().get(`/api/campaigns/${reviewed}/tasks?kind=rectification`).set(as(slzx))).body[0].id;
    await own.stop();
    gw = undefined;
  }, 120000);

  afterAll(async () => {
    await gw?.stop();
    await never?.close();
    await app?.close();
  });

  /** What each file operation answers through `api` (a file of the running campaign). */
  async function fileCalls(api: INestApplication): Promise<Record<string, { status: number; message: string; retryAfter?: string }>> {
    const http = () => request(api.getHttpServer());
    const calls: Record<string, () => PromiseLike<request.Response>> = {
      // indicator:4 is approved (the unit uploads there no more: 409); indicator:16, also sx-slzx's, is still to be sent
      'POST /api/campaigns/{id}/tasks/{taskId}/files': () => http().post(`/api/campaigns/${id}/tasks/indicator:16/files`).set(as(slzx)).attach('files', PDF, { filename: '补充台账.pdf' }),
      'GET /api/campaigns/{id}/tasks/{taskId}/files/{fileId}': () => http().get(`/api/campaigns/${id}/tasks/indicator:4/files/${pdf.id}`).set(as(office)),
      'GET /api/campaigns/{id}/tasks/{taskId}/origin-files/{fileId}': () => http().get(`/api/campaigns/${reviewed}/tasks/${encodeURIComponent(rectification)}/origin-files/${opinion}`).set(as(slzx)),
      'GET /api/campaigns/{id}/dossier.zip': () => http().get(`/api/campaigns/${id}/dossier.zip`).set(as(inspector)),
      'GET /api/campaigns/{id}/audit/verify': () => http().get(`/api/campaigns/${id}/audit/verify`).set(as(office)),
      'GET /api/campaigns/{id}/tasks/{taskId}/files': () => http().get(`/api/campaigns/${id}/tasks/indicator:4/files`).set(as(office)),
      // a file's own address (a 预览 tab): issued from the database alone, opened from the store
      'GET /api/file-links/{token}/{name}': async () => http().get((await http().get(`/api/campaigns/${id}/tasks/indicator:4/files/${pdf.id}/link`).query({ preview: 'true' }).set(as(office))).body.url),
    };
    const out: Record<string, { status: number; message: string; retryAfter?: string }> = {};
    for (const [name, call] of Object.entries(calls)) {
      const r = await call();
      out[name] = { status: r.status, message: String(r.body?.message ?? ''), ...(r.headers['retry-after'] ? { retryAfter: r.headers['retry-after'] } : {}) };
    }
    return out;
  }

  const STORE_DOWN = { status: 503, message: expect.stringContaining('文件存储暂不可用，请稍后重试'), retryAfter: '5' };
  const EXPECTED = {
    'POST /api/campaigns/{id}/tasks/{taskId}/files': STORE_DOWN,
    'GET /api/campaigns/{id}/tasks/{taskId}/files/{fileId}': STORE_DOWN,
    'GET /api/campaigns/{id}/tasks/{taskId}/origin-files/{fileId}': STORE_DOWN,
    'GET /api/campaigns/{id}/dossier.zip': STORE_DOWN,
    'GET /api/campaigns/{id}/audit/verify': STORE_DOWN,
    'GET /api/campaigns/{id}/tasks/{taskId}/files': { status: 200, message: '' },
    'GET /api/file-links/{token}/{name}': STORE_DOWN,
  };

  it('stopped under the running API: upload, download (also of a 整改\'s opinion), dossier and verification answer 503 with the reason; the list answers', async () => {
    expect(await fileCalls(app)).toEqual(EXPECTED);
  });

  it('never reachable (nothing listens at the endpoint): the same answers', async () => {
    never = await startApi({ ...config, S3_ENDPOINT: `http://127.0.0.1:${await freePort()}` });
    expect(await fileCalls(never)).toEqual(EXPECTED);
  });

  it('the file store’s 503 is declared exactly on the operations that answered it', async () => {
    const doc = (await request(app.getHttpServer()).get('/api/openapi.json')).body as { paths: Record<string, Record<string, { responses: Record<string, { description?: string }> }>> };
    const declared: string[] = [];
    for (const [path, item] of Object.entries(doc.paths)) {
      for (const [method, op] of Object.entries(item)) if (/文件存储/.test(op.responses?.['503']?.description ?? '')) declared.push(`${method.toUpperCase()} ${path}`);
    }
    expect(declared.sort()).toEqual(Object.entries(EXPECTED).filter(([, v]) => v.status === 503).map(([k]) => k).sort());
  });
});
