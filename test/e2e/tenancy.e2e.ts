/**
 * Tenancy through the API with real accounts: two counties (济宁市泗水县, 济宁市兖州区) and their city (济宁市), plus a
 * city that supervises neither (济南市). Each county sees only its own campaigns; a unit sees only campaigns its unit
 * takes part in, with its own tasks; the city reads both counties' progress and audit and can act on neither;
 * everything else is a 404 indistinguishable from a campaign that does not exist.
 */
import { INestApplication } from '@nestjs/common';
import { readFileSync } from 'fs';
import { join } from 'path';
import request from 'supertest';
import type { AppConfig } from '@eco/config';
import { DataSource } from 'typeorm';
import { eventually, startWorker } from './campaign-stack';
import { NotificationDeliveryRepository, NotificationRepository, OrganizationRepository } from '@eco/persistence';
import { binary, createUser, startApi, testConfig, tokenFor, uniqueName } from './helpers';
import { TemplateCatalogService } from '../../apps/api/src/templates/template-catalog.service';

describe('tenancy: two counties and a city (real PostgreSQL + Temporal)', () => {
  let config: AppConfig;
  let app: INestApplication;
  let worker: { stop(): Promise<void> };
  let http: () => ReturnType<typeof request>;
  const t: Record<string, string> = {};
  const ids: Record<string, string> = {};
  let sishuiCampaign: string;
  let yanzhouCampaign: string;
  const as = (who: string) => ({ Authorization: `Bearer ${t[who]}` });

  beforeAll(async () => {
    // Yanzhou's later milestones fall in 2027: the provisional 2027 holiday calendar (as scripts/start.sh uses).
    config = testConfig({ TEMPORAL_TASK_QUEUE: 'e2e-tenancy', CALENDAR_OVERRIDE_FILE: join(__dirname, '../../deploy/calendar/provisional-2027.json') });
    worker = await startWorker(config);
    app = await startApi(config);
    http = () => request(app.getHttpServer());
    const users: [string, Parameters<typeof createUser>[1]][] = [
      ['officeS', { roles: ['office'], organizationId: 'sishui', name: '泗水县创建办' }],
      ['officeS2', { roles: ['office'], organizationId: 'sishui', name: '泗水县创建办李副主任' }],
      ['leaderS', { roles: ['leader'], organizationId: 'sishui', name: '泗水县分管副县长' }],
      ['unitS', { roles: ['unit'], unitId: 'sx-tjj', organizationId: 'sishui', name: '泗水县统计局联络员' }],
      ['unitSL', { roles: ['unit'], unitId: 'sx-slzx', organizationId: 'sishui', name: '泗水县水利中心联络员' }],
      ['unitSG', { roles: ['unit'], unitId: 'sx-gxj', organizationId: 'sishui', name: '泗水县工信局联络员' }],
      ['unitSOutside', { roles: ['unit'], unitId: 'sx-not-in-plan', organizationId: 'sishui' }],
      ['officeY', { roles: ['office'], organizationId: 'yanzhou', name: '兖州区创建办' }],
      ['unitY', { roles: ['unit'], unitId: 'yz-tjj', organizationId: 'yanzhou', name: '兖州区统计局联络员' }],
      ['jining', { roles: ['inspector'], organizationId: 'jining', name: '济宁市生态环境局' }],
      ['jiningOffice', { roles: ['office'], organizationId: 'jining' }],
      ['jinan', { roles: ['inspector'], organizationId: 'jinan' }],
    ];
    for (const [key, u] of users) {
      const created = await createUser(app, u);
      ids[key] = created.id;
      t[key] = await tokenFor(app, created.username);
    }

    const later = new Date(Date.now() + 86400000).toISOString();
    const s = await http().post('/api/campaigns').set(as('officeS')).send({
      templateId: 'sishui-2023', name: '泗水县创建（租户）',
      schedule: { materials: later, 'key-projects': later, 'work-plan-issued': later, 'leadership-group': later, 'plan-started': later },
    });
    expect(`${s.status} ${JSON.stringify(s.body)}`).toMatch(/^201 /);
    sishuiCampaign = s.body.id;
    const y = await http().post('/api/campaigns').set(as('officeY')).send({
      templateId: 'yanzhou-2023', name: '兖州区创建（租户）', schedule: { 'work-plan-issued': later, 'leadership-group': later },
    });
    expect(`${y.status} ${JSON.stringify(y.body)}`).toMatch(/^201 /);
    yanzhouCampaign = y.body.id;
    // wait until both read models list their tasks
    for (const [id, who] of [[sishuiCampaign, 'officeS'], [yanzhouCampaign, 'officeY']]) {
      await eventually(async () => (await http().get(`/api/campaigns/${id}/tasks`).set(as(who))).body as unknown[], (b) => Array.isArray(b) && b.length > 0, 20000);
    }
  }, 180000);

  afterAll(async () => {
    await app?.close();
    await worker?.stop();
  }, 60000);

  const unknownAnswer = async (who: string) => {
    const r = await http().get('/api/campaigns/c-does-not-exist').set(as(who));
    return { status: r.status, message: String(r.body.message).replace('c-does-not-exist', '<id>') };
  };

  it('a county only lists and reads its own campaigns; the other county gets the same 404 as for an unknown id', async () => {
    const listS = (await http().get('/api/campaigns').set(as('officeS'))).body.map((c: any) => c.id);
    expect(listS).toContain(sishuiCampaign);
    expect(listS).not.toContain(yanzhouCampaign);
    const listY = (await http().get('/api/campaigns').set(as('unitY'))).body.map((c: any) => c.id);
    expect(listY).toContain(yanzhouCampaign);
    expect(listY).not.toContain(sishuiCampaign);

    const unknown = await unknownAnswer('unitY');
    expect(unknown.status).toBe(404);
    for (const who of ['unitY', 'officeY', 'jinan']) {
      for (const path of ['', '/tasks', '/tasks/materials:sx-tjj', '/audit', '/audit/verify', '/audit.csv', '/audit.xlsx', '/reminders']) {
        const r = await http().get(`/api/campaigns/${sishuiCampaign}${path}`).set(as(who));
        expect({ who, path, status: r.status }).toEqual({ who, path, status: 404 });
        if (path === '') expect(String(r.body.message).replace(sishuiCampaign, '<id>')).toBe(unknown.message);
      }
      const act = await http().post(`/api/campaigns/${sishuiCampaign}/pause`).set(as(who)).send({ reason: '越权暂停' });
      expect(act.status).toBe(404);
      const submit = await http().post(`/api/campaigns/${sishuiCampaign}/tasks/materials:sx-tjj/submit`).set(as(who)).send({ comment: '越权报送' });
      expect(submit.status).toBe(404);
    }
    expect((await http().get(`/api/campaigns/${yanzhouCampaign}`).set(as('leaderS'))).status).toBe(404);
  });

  it("a unit user sees a campaign its unit takes part in: the summary and only its own unit's tasks", async () => {
    const detail = await http().get(`/api/campaigns/${sishuiCampaign}`).set(as('unitS'));
    expect(detail.status).toBe(200);
    expect(detail.body).toMatchObject({ id: sishuiCampaign, name: '泗水县创建（租户）', progress: expect.any(Object), phases: expect.any(Array) });
    expect(detail.body.gate).toBeUndefined();
    expect(detail.body.overdueTaskIds).toBeUndefined();
    const tasks = await http().get(`/api/campaigns/${sishuiCampaign}/tasks`).set(as('unitS'));
    expect(tasks.status).toBe(200);
    expect(tasks.body.length).toBeGreaterThan(0);
    expect(tasks.body.every((x: any) => x.unitId === 'sx-tjj')).toBe(true);
    const other = await http().get(`/api/campaigns/${sishuiCampaign}/tasks?unitId=sx-gxj`).set(as('unitS'));
    expect(other.body).toEqual([]);
    expect((await http().get(`/api/campaigns/${sishuiCampaign}/tasks/materials:sx-gxj`).set(as('unitS'))).status).toBe(404);
    expect((await http().get(`/api/campaigns/${sishuiCampaign}/tasks/materials:sx-tjj`).set(as('unitS'))).body).toMatchObject({ id: 'materials:sx-tjj', steps: expect.any(Array) });
    const audit = await http().get(`/api/campaigns/${sishuiCampaign}/audit`).set(as('unitS'));
    expect(audit.status).toBe(403);
    const submitted = await http().post(`/api/campaigns/${sishuiCampaign}/tasks/materials:sx-tjj/submit`).set(as('unitS')).send({ comment: '基础资料已报送' });
    expect(submitted.status).toBe(200);

    // a unit of the same county that takes no part: nothing
    expect((await http().get(`/api/campaigns/${sishuiCampaign}`).set(as('unitSOutside'))).status).toBe(404);
    expect((await http().get('/api/campaigns').set(as('unitSOutside'))).body.map((c: any) => c.id)).not.toContain(sishuiCampaign);
  });

  it("the lead unit (牵头单位) reads its co-unit's contribution (协办材料) and downloads its files before it is submitted, acts on it only when it waits for the lead; a third unit gets 404", async () => {
    // 泗水 indicator 18 (单位地区生产总值用水量): 县水利事业发展中心 leads (unitSL), 县统计局 contributes (unitS)
    const later = new Date(Date.now() + 86400000).toISOString();
    const s = await http().post('/api/campaigns').set(as('officeS')).send({
      templateId: 'sishui-2023', name: '泗水县创建（协办材料）',
      schedule: { materials: later, 'key-projects': later, 'work-plan-issued': later, 'leadership-group': later, 'plan-started': later },
    });
    expect(s.status).toBe(201);
    const c = `/api/campaigns/${s.body.id}`;
    expect((await http().post(`${c}/close-phase`).set(as('officeS')).send({ phase: 'mobilization', reason: '动员部署已完成，进入创建实施' })).status).toBe(200);
    const contribution = `${c}/tasks/${encodeURIComponent('indicator-contribution:18:sx-tjj')}`;
    await eventually(async () => (await http().get(contribution).set(as('officeS'))).status, (st) => st === 200, 20000);

    // the co-unit uploads a file, not yet submitted
    const pdf = Buffer.concat([Buffer.from('%PDF-1.7\n% 用水量统计\n'), Buffer.from('x'.repeat(500)), Buffer.from('\n%%EOF\n')]);
    const up = await http().post(`${contribution}/files`).set(as('unitS')).attach('files', pdf, { filename: '用水量统计表.pdf' });
    expect(up.status).toBe(201);
    const fileId = up.body[0].id;

    // the lead reads it (was 404 before anything waited for it), with nothing to do on it
    const read = await http().get(contribution).set(as('unitSL'));
    expect(read.status).toBe(200);
    expect(read.body).toMatchObject({ id: 'indicator-contribution:18:sx-tjj', unitId: 'sx-tjj', parentTaskId: 'indicator:18', status: 'open', actions: [] });
    // …finds it in the campaign's task list, and on its own indicator task's page (协办单位材料)
    const list = await http().get(`${c}/tasks`).set(as('unitSL'));
    expect(list.body.map((x: any) => x.id)).toEqual(expect.arrayContaining(['indicator:18', 'indicator-contribution:18:sx-tjj']));
    expect(list.body.every((x: any) => x.unitId === 'sx-slzx' || x.parentTaskId === 'indicator:18')).toBe(true);
    const filtered = await http().get(`${c}/tasks?kind=indicator-contribution`).set(as('unitSL'));
    // its own contributions to others' indicators, and its co-unit's to its own
    expect(filtered.body.filter((x: any) => x.unitId !== 'sx-slzx').map((x: any) => x.id)).toEqual(['indicator-contribution:18:sx-tjj']);
    const own = await http().get(`${c}/tasks/indicator:18`).set(as('unitSL'));
    expect(own.body.contributions).toEqual([
      { taskId: 'indicator-contribution:18:sx-tjj', unitId: 'sx-tjj', unitName: '县统计局', status: 'open', engineStatus: 'open', statusLabel: expect.any(String), dueAt: read.body.dueAt, overdue: false, submittedAt: null, approvedAt: null, fileCount: 0 },
    ]);
    // …reads and downloads its files, but cannot upload into it nor act on it
    const files = await http().get(`${contribution}/files`).set(as('unitSL'));
    expect(files.status).toBe(200);
    expect(files.body.map((f: any) => f.id)).toEqual([fileId]);
    const dl = await http().get(`${contribution}/files/${fileId}`).set(as('unitSL')).buffer(true).parse(binary);
    expect(dl.status).toBe(200);
    expect(Buffer.compare(dl.body as Buffer, pdf)).toBe(0);
    expect((await http().post(`${contribution}/files`).set(as('unitSL')).attach('files', pdf, { filename: '代传.pdf' })).status).toBe(403);
    expect((await http().post(`${contribution}/submit`).set(as('unitSL')).send({ comment: '代为报送', files: [fileId] })).status).toBe(403);
    const early = await http().post(`${contribution}/approve`).set(as('unitSL')).send({});
    expect(early.status).toBe(409); // nothing to approve yet (validation's answer, as for any approver before submission)
    // …and its 待办 does not gain it before it is submitted
    const inboxBefore = await http().get('/api/me/inbox').query({ campaignId: s.body.id }).set(as('unitSL'));
    expect(inboxBefore.body.items.map((x: any) => x.id)).toContain('indicator:18');
    expect(inboxBefore.body.items.map((x: any) => x.id)).not.toContain('indicator-contribution:18:sx-tjj');

    // a third unit: as unknown
    expect((await http().get(contribution).set(as('unitSG'))).status).toBe(404);
    expect((await http().get(`${contribution}/files`).set(as('unitSG'))).status).toBe(404);
    expect((await http().get(`${contribution}/files/${fileId}`).set(as('unitSG'))).status).toBe(404);
    expect((await http().get(`${c}/tasks`).set(as('unitSG'))).body.map((x: any) => x.id)).not.toContain('indicator-contribution:18:sx-tjj');
    expect((await http().get(`${c}/tasks/indicator:18`).set(as('unitSG'))).status).toBe(404);
    // the co-unit does not see the lead's other co-units' work through it (its own contribution only)
    expect((await http().get(`${c}/tasks`).set(as('unitS'))).body.every((x: any) => x.unitId === 'sx-tjj')).toBe(true);

    // submitted: it now waits for the lead (its 待办), which approves as before; the lead's page follows
    expect((await http().post(`${contribution}/submit`).set(as('unitS')).send({ comment: '用水量统计数据', files: [fileId] })).status).toBe(200);
    const inboxAfter = await http().get('/api/me/inbox').query({ campaignId: s.body.id }).set(as('unitSL'));
    expect(inboxAfter.body.items.find((x: any) => x.id === 'indicator-contribution:18:sx-tjj')).toMatchObject({ need: 'approve' });
    const waiting = (await http().get(`${c}/tasks/indicator:18`).set(as('unitSL'))).body.contributions[0];
    expect(waiting).toMatchObject({ status: 'submitted', fileCount: 1, approvedAt: null });
    expect(Date.parse(waiting.submittedAt)).toBeGreaterThan(0);
    expect((await http().get(contribution).set(as('unitSL'))).body.actions).toEqual(expect.arrayContaining(['approve', 'return']));
    expect((await http().post(`${contribution}/approve`).set(as('unitSL')).send({ comment: '数据核对无误' })).status).toBe(200);
    const approved = (await http().get(`${c}/tasks/indicator:18`).set(as('unitSL'))).body.contributions[0];
    expect(approved).toMatchObject({ status: 'approved', fileCount: 1 });
    expect(Date.parse(approved.approvedAt)).toBeGreaterThanOrEqual(Date.parse(waiting.submittedAt));
    // the office reads the same list
    expect((await http().get(`${c}/tasks/indicator:18`).set(as('officeS'))).body.contributions.map((x: any) => x.status)).toEqual(['approved']);
  });

  it('the city reads both counties (progress, tasks, audit) and can act on neither; another city sees nothing', async () => {
    for (const who of ['jining', 'jiningOffice']) {
      const list = (await http().get('/api/campaigns').set(as(who))).body.map((c: any) => c.id);
      expect(list).toEqual(expect.arrayContaining([sishuiCampaign, yanzhouCampaign]));
      for (const id of [sishuiCampaign, yanzhouCampaign]) {
        const d = await http().get(`/api/campaigns/${id}`).set(as(who));
        expect(d.status).toBe(200);
        expect(d.body.progress.total).toBeGreaterThan(0);
        expect((await http().get(`/api/campaigns/${id}/tasks`).set(as(who))).status).toBe(200);
        const audit = await http().get(`/api/campaigns/${id}/audit`).set(as(who));
        expect(audit.status).toBe(200);
        expect(audit.body.length).toBeGreaterThan(0);
        expect((await http().get(`/api/campaigns/${id}/audit.csv`).set(as(who))).status).toBe(200);
      }
      const pause = await http().post(`/api/campaigns/${sishuiCampaign}/pause`).set(as(who)).send({ reason: '督导暂停' });
      expect(pause.status).toBe(403);
      expect(pause.body.message).toMatch(/只能查看/);
      const yTask = (await http().get(`/api/campaigns/${yanzhouCampaign}/tasks`).set(as(who))).body[0].id;
      const approve = await http().post(`/api/campaigns/${yanzhouCampaign}/tasks/${encodeURIComponent(yTask)}/approve`).set(as(who)).send({});
      expect(approve.status).toBe(403);
      const ext = await http().post(`/api/campaigns/${sishuiCampaign}/external-results`).set(as(who)).send({ stage: 'pre-review', outcome: 'passed' });
      expect(ext.status).toBe(403);
      // a task's files: the city reads them (what it would read as a member), and uploads none — the policy's read-only answer
      const files = `/api/campaigns/${sishuiCampaign}/tasks/materials:sx-tjj/files`;
      expect((await http().get(files).set(as(who))).status).toBe(200);
      const pdf = Buffer.concat([Buffer.from('%PDF-1.7\n% 督导意见\n'), Buffer.from('x'.repeat(500)), Buffer.from('\n%%EOF\n')]);
      const up = await http().post(files).set(as(who)).attach('files', pdf, { filename: '督导意见.pdf' });
      expect(up.status).toBe(403);
      expect(up.body.message).toContain('上级主管单位只能查看，不能操作');
    }
    // the refusals are on the record
    const denied = await http().get(`/api/campaigns/${sishuiCampaign}/audit?outcome=denied`).set(as('officeS'));
    expect(denied.body.some((r: any) => r.action === 'pause' && r.reason.includes('只能查看'))).toBe(true);
    expect((await http().get('/api/campaigns').set(as('jinan'))).body.map((c: any) => c.id)).not.toContain(sishuiCampaign);
  });

  it("inboxes only hold the caller's own organization's work", async () => {
    const inboxY = await http().get('/api/me/inbox').query({ campaignId: sishuiCampaign }).set(as('officeY'));
    expect(inboxY.status).toBe(200);
    expect(inboxY.body).toMatchObject({ total: 0, items: [] });
    const inboxS = await http().get('/api/me/inbox').query({ campaignId: sishuiCampaign }).set(as('officeS'));
    // the office's own task of the campaign (启动《规划》编制, owned by the office) awaits it whatever else ran
    expect(inboxS.body.items.some((x: any) => x.campaignId === sishuiCampaign && String(x.id).endsWith(':plan-started'))).toBe(true);
    expect((await http().get('/api/me/inbox').query({ campaignId: yanzhouCampaign }).set(as('officeS'))).body.total).toBe(0);
  });

  it("a county's custom template is its own: another county cannot read it or start a campaign from it", async () => {
    const body = JSON.parse(readFileSync(join(__dirname, '../../libs/templates/data/yanzhou-2023.json'), 'utf8'));
    body.id = uniqueName('yz-custom');
    // the county's own imported plan names its units: a unit the county had under another name takes the plan's
    const unit = body.units[0] as { id: string; name: string };
    await app.get(OrganizationRepository).upsertUnits('yanzhou', [{ unitId: unit.id, name: '旧名称' }]);
    const created = await http().post('/api/templates').set(as('officeY')).send(body);
    expect(created.status).toBe(201);
    const units = (await http().get('/api/organization/units').set(as('officeY'))).body.units as { unitId: string; name: string }[];
    const byId = new Map(units.map((u) => [u.unitId, u.name]));
    for (const u of body.units as { id: string; name: string }[]) expect({ unit: u.id, name: byId.get(u.id) }).toEqual({ unit: u.id, name: u.name });
    expect((await http().get(`/api/templates/${body.id}`).set(as('officeY'))).status).toBe(200);
    expect((await http().get(`/api/templates/${body.id}`).set(as('officeS'))).status).toBe(404);
    expect((await http().get('/api/templates').set(as('officeS'))).body.map((x: any) => x.id)).not.toContain(body.id);
    expect((await http().post('/api/campaigns').set(as('officeS')).send({ templateId: body.id })).status).toBe(404);
  });

  describe("a campaign's plan units become its county's units", () => {
    it('a county starting from a plan whose units it lacks gets them (names it has are kept): 用户与单位 offers them, and a notice nobody can receive names the unit, not its id', async () => {
      const org = uniqueName('units-county');
      const orgs = app.get(OrganizationRepository);
      await orgs.upsert({ id: org, name: '单位测试县', level: 'county', parentId: null, regionName: null });
      await orgs.upsertUnits(org, [{ unitId: 'sx-tjj', name: '本县统计局' }]);
      const office = await createUser(app, { roles: ['office'], organizationId: org, name: '单位测试县创建办' });
      const auth = { Authorization: `Bearer ${await tokenFor(app, office.username)}` };
      const later = new Date(Date.now() + 86400000).toISOString();
      const started = await http().post('/api/campaigns').set(auth).send({
        templateId: 'sishui-2023', name: '单位测试县创建',
        schedule: { materials: later, 'key-projects': later, 'work-plan-issued': later, 'leadership-group': later, 'plan-started': later },
      });
      expect(started.status).toBe(201);
      const units = (await http().get('/api/organization/units').set(auth)).body.units as { unitId: string; name: string }[];
      const byId = new Map(units.map((u) => [u.unitId, u.name]));
      expect(byId.get('sx-tjj')).toBe('本县统计局'); // its own name kept
      expect(byId.get('sx-sthj')).toBe('市生态环境局泗水县分局'); // the plan's
      expect(units.length).toBeGreaterThan(10);
      // the start's notices reach nobody (no liaisons yet): each problem names its unit as the county does
      const problems = await eventually(
        async () => (await http().get(`/api/campaigns/${started.body.id}/notification-problems`).set(auth)).body as { unitId: string | null; reason: string }[],
        (b) => Array.isArray(b) && b.some((p) => p.unitId === 'sx-sthj'),
        30000,
      );
      const nobody = problems.filter((x) => x.unitId && x.reason.includes('未设置在岗'));
      expect(nobody.length).toBeGreaterThan(0);
      for (const p of nobody) expect(p.reason).toContain(`单位「${byId.get(p.unitId!)}」`);
      expect(JSON.stringify(problems)).not.toMatch(/单位「sx-/);

      // a campaign started before this was so: an API process adds its plan's missing units when it starts
      const ds = app.get(DataSource);
      await ds.query(`DELETE FROM organization_units WHERE organization_id = $1 AND unit_id = 'sx-sthj'`, [org]);
      expect(await orgs.templatesLackingUnits()).toContain('sishui-2023');
      const second = await startApi(config);
      try {
        expect(await second.get(TemplateCatalogService).planUnitsAdded).toBeGreaterThanOrEqual(1);
        // done once: nothing of this county's is found lacking any more, and a pass after it adds nothing
        const lacking = await ds.query(
          `SELECT 1 FROM campaigns c, unnest(c.unit_ids) AS u(unit_id) WHERE c.organization_id = $1
             AND NOT EXISTS (SELECT 1 FROM organization_units ou WHERE ou.organization_id = c.organization_id AND ou.unit_id = u.unit_id)`,
          [org],
        );
        expect(lacking).toEqual([]);
        expect(await second.get(TemplateCatalogService).addMissingPlanUnits()).toBe(0);
        const again = (await request(second.getHttpServer()).get('/api/organization/units').set(auth)).body.units as { unitId: string; name: string }[];
        expect(again.find((u) => u.unitId === 'sx-sthj')?.name).toBe('市生态环境局泗水县分局');
        expect(again.find((u) => u.unitId === 'sx-tjj')?.name).toBe('本县统计局');
      } finally {
        await second.close();
      }
    });
  });

  describe('audit completeness', () => {
    it('the creator is the campaign-created actor; entries carry ISO times and the organization; GET /audit pages by seq', async () => {
      const first = await http().get(`/api/campaigns/${sishuiCampaign}/audit?limit=2`).set(as('officeS'));
      expect(first.status).toBe(200);
      expect(first.body).toHaveLength(2);
      expect(first.body[0]).toMatchObject({ seq: 1, action: 'campaign-created', actor: { id: ids.officeS, name: '泗水县创建办' }, organizationId: 'sishui' });
      expect(first.body[0].at).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/);
      const total = Number(first.headers['x-total-count']);
      expect(total).toBeGreaterThan(2);
      expect(first.headers['x-next-after-seq']).toBe(String(first.body[1].seq));
      const all: any[] = [...first.body];
      let after = first.headers['x-next-after-seq'];
      while (after) {
        const next = await http().get(`/api/campaigns/${sishuiCampaign}/audit?limit=2&afterSeq=${after}`).set(as('officeS'));
        expect(next.body.length).toBeGreaterThan(0);
        expect(next.body[0].seq).toBe(Number(after) + 1);
        all.push(...next.body);
        after = next.headers['x-next-after-seq'];
      }
      expect(all.map((r) => r.seq)).toEqual(Array.from({ length: total }, (_, i) => i + 1));
      expect((await http().get(`/api/campaigns/${sishuiCampaign}/audit?limit=0`).set(as('officeS'))).status).toBe(400);
      expect((await http().get(`/api/campaigns/${sishuiCampaign}/audit?limit=5000`).set(as('officeS'))).status).toBe(400);
      // beyond the seq column's range: a 400, not a database error (found by the fuzz suite)
      expect((await http().get(`/api/campaigns/${sishuiCampaign}/audit?afterSeq=2.5e16`).set(as('officeS'))).status).toBe(400);
    });

    it('GET /audit?order=desc pages newest first by beforeSeq (X-Next-Before-Seq); a cursor of the other order is a 400', async () => {
      const audit = (q: string) => http().get(`/api/campaigns/${sishuiCampaign}/audit?${q}`).set(as('officeS'));
      const total = Number((await audit('limit=1')).headers['x-total-count']);
      const first = await audit('order=desc&limit=2');
      expect(first.status).toBe(200);
      expect(first.headers['x-total-count']).toBe(String(total));
      expect(first.headers['x-next-after-seq']).toBeUndefined();
      expect(first.body.map((r: any) => r.seq)).toEqual([total, total - 1]);
      const all: number[] = first.body.map((r: any) => r.seq);
      let before = first.headers['x-next-before-seq'];
      expect(before).toBe(String(total - 1));
      while (before) {
        const next = await audit(`order=desc&limit=2&beforeSeq=${before}`);
        expect(next.body[0].seq).toBe(Number(before) - 1);
        all.push(...next.body.map((r: any) => r.seq));
        before = next.headers['x-next-before-seq'];
      }
      expect(all).toEqual(Array.from({ length: total }, (_, i) => total - i));
      // filters apply as oldest first: the same entries, the other way round
      const oldestFirst = (await audit('outcome=accepted&limit=1000')).body.map((r: any) => r.seq);
      expect((await audit('outcome=accepted&order=desc&limit=1000')).body.map((r: any) => r.seq)).toEqual([...oldestFirst].reverse());
      for (const [q, why] of [['order=desc&afterSeq=3', /beforeSeq/], ['beforeSeq=3', /order=desc/], ['order=sideways', /order/], ['order=desc&beforeSeq=0', /beforeSeq/]] as const) {
        const r = await audit(q);
        expect({ q, status: r.status }).toEqual({ q, status: 400 });
        expect(JSON.stringify(r.body.message)).toMatch(why);
      }
    });

    it('an export row for a transfer names its target; exports show Beijing time, Chinese action names and task titles', async () => {
      // its own task (sx-tjj's is the unit-user test's, sx-gxj's the cached-reads test's): submitted here, then transferred
      const task = `/api/campaigns/${sishuiCampaign}/tasks/materials:sx-slzx`;
      expect((await http().post(`${task}/submit`).set(as('unitSL')).send({ comment: '已报送' })).status).toBe(200);
      const moved = await http().post(`${task}/transfer`).set(as('officeS')).send({ toUserId: ids.leaderS, reason: '请分管副县长审核' });
      expect(`${moved.status} ${JSON.stringify(moved.body)}`).toMatch(/^200 /);
      const audit = await http().get(`/api/campaigns/${sishuiCampaign}/audit?action=transfer`).set(as('officeS'));
      expect(audit.body[0].detail).toMatchObject({ to: `user:${ids.leaderS}`, stepName: expect.any(String) });
      const csv = await http().get(`/api/campaigns/${sishuiCampaign}/audit.csv`).set(as('jining'));
      expect(csv.status).toBe(200);
      const text = csv.text ?? csv.body.toString('utf8');
      const transferLine = text.split('\r\n').find((l: string) => l.includes(',转交,'))!;
      expect(transferLine).toContain(`转交给：泗水县分管副县长（${ids.leaderS}）`);
      expect(transferLine).toMatch(/\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2} 周./);
      expect(text).toContain('发起创建活动');
      expect(text.split('\r\n').find((l: string) => l.includes(',报送,'))).toMatch(/基础资料|材料/);
    });
  });

  describe('cached reads (campaign view and task list served from memory by revision, ETag / If-None-Match)', () => {
    it('tenancy is decided on every request: a warm cache and a copied ETag give nothing to another county, an outside unit or another reader', async () => {
      const view = `/api/campaigns/${sishuiCampaign}`;
      const office = await http().get(view).set(as('officeS'));
      expect(office.status).toBe(200);
      const etag = office.headers.etag as string;
      expect(etag).toMatch(/^"/);
      expect(office.headers['cache-control']).toBe('private, no-cache');
      expect(office.body.gate).toBeDefined();
      // the same reader revalidating: 304 without a body; another office of the same county: the same answer
      const again = await http().get(view).set(as('officeS2')).set('If-None-Match', etag);
      expect(again.status).toBe(304);
      expect(again.text ?? '').toBe('');
      // another county, an outside unit, another city: 404 exactly as for an unknown id, ETag or not
      for (const who of ['officeY', 'unitY', 'unitSOutside', 'jinan']) {
        const r = await http().get(view).set(as(who)).set('If-None-Match', etag);
        expect([who, r.status, r.body.message]).toEqual([who, 404, expect.stringContaining('活动不存在')]);
        expect(r.headers.etag).not.toBe(etag);
        expect((await http().get(`${view}/tasks`).set(as(who)).set('If-None-Match', etag)).status).toBe(404);
      }
      // a unit sending the office's ETag gets its own view (no gate), never a 304 for the office's copy
      const unit = await http().get(view).set(as('unitS')).set('If-None-Match', etag);
      expect(unit.status).toBe(200);
      expect(unit.body.gate).toBeUndefined();
      expect(unit.headers.etag).not.toBe(etag);
      const officeTasks = await http().get(`${view}/tasks`).set(as('officeS'));
      expect(new Set(officeTasks.body.map((x: any) => x.unitId)).size).toBeGreaterThan(1);
      const unitTasks = await http().get(`${view}/tasks`).set(as('unitS')).set('If-None-Match', officeTasks.headers.etag);
      expect(unitTasks.status).toBe(200);
      expect(unitTasks.body.length).toBeGreaterThan(0);
      expect(unitTasks.body.every((x: any) => x.unitId === 'sx-tjj' || x.jointUnitIds?.includes('sx-tjj'))).toBe(true);
      // filters are part of the cached answer
      const filtered = await http().get(`${view}/tasks?unitId=sx-gxj`).set(as('officeS'));
      expect(filtered.body.length).toBeGreaterThan(0);
      expect(filtered.body.every((x: any) => x.unitId === 'sx-gxj' || x.jointUnitIds?.includes('sx-gxj'))).toBe(true);
      expect(filtered.headers.etag).not.toBe(officeTasks.headers.etag);
      // a deactivated reader is refused even though the answer is cached
      const reader = await createUser(app, { roles: ['unit'], unitId: 'sx-tjj', organizationId: 'sishui' });
      const readerToken = await tokenFor(app, reader.username);
      const readerView = await http().get(view).set({ Authorization: `Bearer ${readerToken}` });
      expect(readerView.status).toBe(200);
      expect((await http().post(`/api/users/${reader.id}/deactivate`).set(as('officeS'))).status).toBe(200);
      expect((await http().get(view).set({ Authorization: `Bearer ${readerToken}` }).set('If-None-Match', readerView.headers.etag)).status).toBe(401);
    });

    it('an action is visible in the next read at once (the cache follows the read model revision)', async () => {
      const view = `/api/campaigns/${sishuiCampaign}`;
      const before = await http().get(view).set(as('officeS'));
      const paused = await http().post(`${view}/pause`).set(as('officeS')).send({ reason: '缓存测试暂停' });
      expect(`${paused.status} ${JSON.stringify(paused.body)}`).toMatch(/^200 /);
      const after = await http().get(view).set(as('officeS')).set('If-None-Match', before.headers.etag);
      expect(after.status).toBe(200);
      expect(after.headers.etag).not.toBe(before.headers.etag);
      expect(after.body.revision).toBeGreaterThan(before.body.revision);
      expect([before.body.paused, after.body.paused]).toEqual([false, true]);
      expect((await http().get(view).set(as('unitS'))).body.paused).toBe(true);
      const resumed = await http().post(`${view}/resume`).set(as('officeS')).send({ reason: '缓存测试恢复' });
      expect(resumed.status).toBe(200);
      expect((await http().get(view).set(as('officeS')).set('If-None-Match', after.headers.etag)).body.paused).toBe(false);
    });
  });

  describe('cached reads by database snapshot (inbox, audit page, campaign list, gate)', () => {
    it('an action shows at once in the inbox and the audit page, in this API process and in another one with warm caches', async () => {
      const other = await startApi(config); // a second API process on the same database: its own caches
      try {
        const unit = await createUser(app, { roles: ['unit'], unitId: 'sx-gxj', organizationId: 'sishui' });
        const tok = { Authorization: `Bearer ${await tokenFor(app, unit.username)}` };
        const task = 'materials:sx-gxj';
        const inbox = (a: INestApplication) => request(a.getHttpServer()).get(`/api/me/inbox?campaignId=${sishuiCampaign}`).set(tok);
        const audit = (a: INestApplication) => request(a.getHttpServer()).get(`/api/campaigns/${sishuiCampaign}/audit?limit=1000`).set(as('officeS'));
        let etag = '';
        let total = 0;
        for (const a of [app, other, app, other]) {
          const r = await inbox(a);
          expect(r.status).toBe(200);
          expect(r.body.items.find((x: any) => x.id === task)?.need).toBe('submit');
          etag = r.headers.etag;
          const t = await audit(a);
          expect(t.status).toBe(200);
          total = Number(t.headers['x-total-count']);
        }
        // the same reader revalidating an unchanged inbox: 304
        expect((await inbox(other).set('If-None-Match', etag)).status).toBe(304);
        const submitted = await request(other.getHttpServer()).post(`/api/campaigns/${sishuiCampaign}/tasks/${task}/submit`).set(tok).send({ comment: '缓存测试报送' });
        expect(`${submitted.status} ${JSON.stringify(submitted.body).slice(0, 200)}`).toMatch(/^200 /);
        for (const a of [app, other]) {
          const r = await inbox(a).set('If-None-Match', etag);
          expect(r.status).toBe(200);
          expect(r.body.items.find((x: any) => x.id === task)).toBeUndefined();
          const t = await audit(a);
          expect(Number(t.headers['x-total-count'])).toBeGreaterThan(total);
          expect(t.body.some((e: any) => e.taskId === task && e.action === 'submit' && e.outcome === 'accepted')).toBe(true);
        }
      } finally {
        await other.close();
      }
    });

    it("an inbox answer is kept only until the next reminder written ahead for its items comes due (it shows then, with no commit)", async () => {
      const task = 'materials:sx-tjj';
      const repo = app.get(NotificationDeliveryRepository);
      const before = await repo.latestRemindersUntilNext([{ campaignId: sishuiCampaign, taskId: task }]);
      const key = uniqueName('ahead');
      await app.get(NotificationRepository).enqueue([
        { campaignId: sishuiCampaign, taskId: task, unitId: 'sx-tjj', level: 'yellow', recipients: ['unit:sx-tjj'], message: '缓存测试：已到时间', scheduledAt: new Date(Date.now() - 1000).toISOString(), dedupeKey: `${key}-past` },
        { campaignId: sishuiCampaign, taskId: task, unitId: 'sx-tjj', level: 'red', recipients: ['unit:sx-tjj'], message: '缓存测试：尚未到时间', scheduledAt: new Date(Date.now() + 60_000).toISOString(), dedupeKey: `${key}-ahead` },
      ]);
      const r = await repo.latestRemindersUntilNext([{ campaignId: sishuiCampaign, taskId: task }, { campaignId: sishuiCampaign, taskId: 'no-such-task' }]);
      expect(r.latest.get(`${sishuiCampaign}|${task}`)).toMatchObject({ level: 'yellow', message: '缓存测试：已到时间', n: (before.latest.get(`${sishuiCampaign}|${task}`)?.n ?? 0) + 1 });
      expect(r.nextInMs).toBeGreaterThan(50_000);
      expect(r.nextInMs).toBeLessThanOrEqual(60_000);
      expect(await repo.latestRemindersUntilNext([])).toEqual({ latest: new Map(), nextInMs: null });
    });

    it('access is decided on every request: a cached audit page, gate, inbox or list gives nothing to another county, a unit or another reader', async () => {
      const base = `/api/campaigns/${sishuiCampaign}`;
      for (const path of ['/audit', '/gate']) {
        const office = await http().get(`${base}${path}`).set(as('officeS'));
        expect(office.status).toBe(200);
        const etag = office.headers.etag as string;
        expect(etag).toMatch(/^"/);
        expect((await http().get(`${base}${path}`).set(as('officeS')).set('If-None-Match', etag)).status).toBe(304);
        for (const who of ['officeY', 'unitY', 'unitSOutside', 'jinan']) {
          const r = await http().get(`${base}${path}`).set(as(who)).set('If-None-Match', etag);
          expect([path, who, r.status]).toEqual([path, who, 404]);
        }
        // the supervising city reads the records; another county's copy of the ETag changes nothing for it
        expect((await http().get(`${base}${path}`).set(as('jining'))).status).toBe(200);
      }
      const unitAudit = await http().get(`${base}/audit`).set(as('unitS')).set('If-None-Match', (await http().get(`${base}/audit`).set(as('officeS'))).headers.etag);
      expect(unitAudit.status).toBe(403);
      // inboxes and lists are the reader's own, whatever is cached for another reader
      const inboxS = await http().get('/api/me/inbox').set(as('unitS'));
      expect(inboxS.body.items.length).toBeGreaterThan(0);
      expect(inboxS.body.items.every((x: any) => x.campaignId !== yanzhouCampaign)).toBe(true);
      const inboxY = await http().get('/api/me/inbox').set(as('unitY')).set('If-None-Match', inboxS.headers.etag);
      expect(inboxY.status).toBe(200);
      expect(inboxY.body.items.every((x: any) => x.campaignId === yanzhouCampaign)).toBe(true);
      const listS = await http().get('/api/campaigns').set(as('officeS'));
      const listY = await http().get('/api/campaigns').set(as('officeY')).set('If-None-Match', listS.headers.etag);
      expect(listY.status).toBe(200);
      expect(listY.body.map((c: any) => c.id)).not.toContain(sishuiCampaign);
    });
  });
});
