import { INestApplication } from '@nestjs/common';
import ExcelJS from 'exceljs';
import { readdirSync, readFileSync } from 'fs';
import { join } from 'path';
import request from 'supertest';
import { builtInTemplateDir, INDICATOR_SHEET, UNITS_SHEET } from '@eco/templates';
import { binary, createUser, startApi, testConfig, tokenFor, uniqueName } from './helpers';

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
const builtInFiles = readdirSync(builtInTemplateDir()).filter((f) => f.endsWith('.json'));
const builtIn = (id: string) => JSON.parse(readFileSync(join(builtInTemplateDir(), `${id}.json`), 'utf8'));

describe('templates API (real PostgreSQL + real Temporal)', () => {
  let app: INestApplication;
  let http: () => ReturnType<typeof request>;
  let office: string;
  let unit: string;
  let xlsxOf: (id: string) => Promise<Buffer>;

  beforeAll(async () => {
    app = await startApi(testConfig());
    http = () => request(app.getHttpServer());
    office = `Bearer ${await tokenFor(app, (await createUser(app, { roles: ['office'] })).username)}`;
    unit = `Bearer ${await tokenFor(app, (await createUser(app, { roles: ['unit'], unitId: 'yz-sthj' })).username)}`;
    xlsxOf = async (id) => (await http().get(`/api/templates/${id}/indicators.xlsx`).set('Authorization', unit).buffer(true).parse(binary)).body as Buffer;
  });
  afterAll(async () => {
    await app?.close();
  });

  it('needs a token', async () => {
    const res = await http().get('/api/templates');
    expect(res.status).toBe(401);
  });

  it('lists every built-in template with its counts', async () => {
    const res = await http().get('/api/templates').set('Authorization', unit);
    expect(res.status).toBe(200);
    for (const f of builtInFiles) {
      const t = JSON.parse(readFileSync(join(builtInTemplateDir(), f), 'utf8'));
      expect(res.body).toContainEqual({
        id: t.id,
        name: t.name,
        region: t.region.name,
        kind: t.kind,
        indicatorCount: t.indicators.length,
        unitCount: t.units.length,
        builtIn: true,
        ownRegion: t.region.name === '济宁市泗水县', // the caller's organization: Sishui
      });
    }
    expect(res.body.find((t: { id: string }) => t.id === 'yanzhou-2023')).toMatchObject({ region: '济宁市兖州区', indicatorCount: 35, kind: 'creation' });
  });

  it("the caller's own region's plans come first (a county starts from its own plan); another county's caller sees theirs first", async () => {
    const sishui = (await http().get('/api/templates').set('Authorization', office)).body as { id: string; region: string; ownRegion: boolean; builtIn: boolean }[];
    const own = sishui.filter((t) => t.ownRegion);
    // the published plans of its region (and any plan its organization imported — other files of the suite import some)
    expect(own.filter((t) => t.builtIn).map((t) => t.id)).toEqual(['sishui-2023']);
    expect(sishui.slice(0, own.length)).toEqual(own);
    const jiyang = `Bearer ${await tokenFor(app, (await createUser(app, { roles: ['office'], organizationId: 'jiyang' })).username)}`;
    const theirs = (await http().get('/api/templates').set('Authorization', jiyang)).body as { id: string; ownRegion: boolean }[];
    expect(theirs[0]).toMatchObject({ id: 'jiyang-2021', ownRegion: true });
    expect(theirs.filter((t) => t.ownRegion).map((t) => t.id)).not.toContain('sishui-2023');
    // No organization (a system administrator): nothing is anyone's own region; by id as before.
    const admin = `Bearer ${await tokenFor(app, (await createUser(app, { roles: ['admin'] })).username)}`;
    const all = (await http().get('/api/templates').set('Authorization', admin)).body as { id: string; ownRegion: boolean }[];
    expect(all.every((t) => !t.ownRegion)).toBe(true);
    expect(all.map((t) => t.id)).toEqual([...all.map((t) => t.id)].sort((a, b) => a.localeCompare(b)));
  });

  it('gives one template in full, indicators with their lead unit and resolved units', async () => {
    const res = await http().get('/api/templates/shinan-2024').set('Authorization', unit);
    expect(res.status).toBe(200);
    const file = builtIn('shinan-2024');
    expect(res.body).toMatchObject({ id: 'shinan-2024', name: file.name, region: file.region, kind: 'creation', builtIn: true });
    expect(res.body.units).toHaveLength(file.units.length);
    expect(res.body.indicators).toHaveLength(file.indicators.length);
    const units = new Map<string, { name: string; shortName: string }>(file.units.map((u: { id: string }) => [u.id, u]));
    for (const ind of res.body.indicators) {
      expect(ind).toEqual(expect.objectContaining({ code: expect.any(String), attribute: expect.stringMatching(/^(binding|reference)$/), leadUnitIds: expect.any(Array), coUnitIds: expect.any(Array) }));
      expect(ind.leadUnitId).toBe(ind.leadUnitIds[0]);
      expect(ind.units.map((u: { id: string }) => u.id)).toEqual([...ind.leadUnitIds, ...ind.coUnitIds]);
      for (const u of ind.units) expect(u).toEqual({ id: u.id, name: units.get(u.id)!.name, shortName: units.get(u.id)!.shortName, role: ind.leadUnitIds.includes(u.id) ? 'lead' : 'co' });
    }
    const withCo = res.body.indicators.find((i: { coUnitIds: string[] }) => i.coUnitIds.length > 0);
    expect(withCo.units.some((u: { role: string }) => u.role === 'co')).toBe(true);
    expect(res.body.phases.map((p: { key: string }) => p.key)).toEqual(file.phases.map((p: { key: string }) => p.key));
    for (const p of res.body.phases) {
      expect(p.milestones.length).toBeGreaterThan(0);
      for (const m of p.milestones) expect(m).toEqual(expect.objectContaining({ key: expect.any(String), name: expect.any(String), taskKind: expect.any(String), due: expect.objectContaining({ text: expect.any(String) }) }));
    }
  });

  it('answers 404 for an unknown id', async () => {
    const res = await http().get('/api/templates/no-such-template').set('Authorization', unit);
    expect(res.status).toBe(404);
    expect(res.body.message).toMatch(/no-such-template/);
    await expect(http().get('/api/templates/no-such-template/indicators.xlsx').set('Authorization', unit).then((r) => r.status)).resolves.toBe(404);
  });

  it('downloads the indicator table as an .xlsx that exceljs reads', async () => {
    const res = await http().get('/api/templates/yanzhou-2023/indicators.xlsx').set('Authorization', unit).buffer(true).parse(binary);
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toBe(XLSX);
    expect(res.headers['content-disposition']).toMatch(/^attachment; filename="yanzhou-2023-indicators\.xlsx"; filename\*=UTF-8''/);
    const utf8Name = decodeURIComponent(/filename\*=UTF-8''(.+)$/.exec(res.headers['content-disposition'])![1]);
    expect(utf8Name).toBe(`${builtIn('yanzhou-2023').name}-指标任务分解表.xlsx`);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(res.body as any);
    expect(wb.worksheets.map((w) => w.name)).toEqual([INDICATOR_SHEET, UNITS_SHEET]);
    const ws = wb.getWorksheet(INDICATOR_SHEET)!;
    const codes: string[] = [];
    for (let r = 3; r <= ws.rowCount; r++) {
      const v = ws.getCell(r, 3).value;
      if (v !== null && v !== undefined && v !== '') codes.push(String(v));
    }
    expect(codes).toEqual(builtIn('yanzhou-2023').indicators.map((i: { code: string }) => i.code));
  });

  describe('POST /api/templates', () => {
    it('stores a valid JSON template (201) and serves it with the built-ins; 409 for a taken id', async () => {
      const id = uniqueName('json');
      const body = { ...builtIn('lixia-2021'), id, name: 'JSON 导入测试方案' };
      const res = await http().post('/api/templates').set('Authorization', office).send(body);
      expect(res.status).toBe(201);
      expect(res.body).toEqual({ id });
      const got = await http().get(`/api/templates/${id}`).set('Authorization', unit);
      expect(got.status).toBe(200);
      expect(got.body).toMatchObject({ id, name: 'JSON 导入测试方案', builtIn: false, region: body.region });
      expect(got.body.indicators.map((i: { code: string }) => i.code)).toEqual(body.indicators.map((i: { code: string }) => i.code));
      const list = await http().get('/api/templates').set('Authorization', unit);
      expect(list.body).toContainEqual({ id, name: 'JSON 导入测试方案', region: body.region.name, kind: body.kind, indicatorCount: body.indicators.length, unitCount: body.units.length, builtIn: false, ownRegion: true }); // imported by the caller's organization: its own

      const again = await http().post('/api/templates').set('Authorization', office).send(body);
      expect(again.status).toBe(409);
      const builtInId = await http().post('/api/templates').set('Authorization', office).send(builtIn('lixia-2021'));
      expect(builtInId.status).toBe(409);
      expect(builtInId.body.message).toMatch(/built-in/);
    });

    it('answers 400 with every reason for an invalid JSON template', async () => {
      const body = builtIn('yanzhou-2023');
      body.id = uniqueName('bad');
      body.indicators[0].attribute = 'mandatory';
      body.indicators[1].leadUnitIds = ['no-such-unit'];
      body.color = 'green';
      const res = await http().post('/api/templates').set('Authorization', office).send(body);
      expect(res.status).toBe(400);
      expect(res.body.reasons).toEqual(
        expect.arrayContaining([
          expect.objectContaining({ path: 'indicators[0].attribute' }),
          expect.objectContaining({ path: '', reason: expect.stringMatching(/color/) }),
        ]),
      );
      expect(res.body.message).toEqual(expect.arrayContaining([expect.stringMatching(/^indicators\[0\]\.attribute: /)]));
      // reference errors are reported once the shape is right
      delete body.color;
      body.indicators[0].attribute = 'binding';
      const refs = await http().post('/api/templates').set('Authorization', office).send(body);
      expect(refs.status).toBe(400);
      expect(refs.body.reasons).toEqual([{ path: 'indicators[1].leadUnitIds[0]', reason: expect.stringMatching(/no-such-unit/) }]);
      const empty = await http().post('/api/templates').set('Authorization', office).send({});
      expect(empty.status).toBe(400);
      const notJson = await http().post('/api/templates').set('Authorization', office).set('Content-Type', 'application/json').send('{"id": ');
      expect(notJson.status).toBe(400);
    });

    it('round-trips an indicator table: download yanzhou-2023 → upload as a new template → same indicators', async () => {
      const xlsx = await xlsxOf('yanzhou-2023');
      const id = uniqueName('yz-copy');
      const up = await http()
        .post('/api/templates')
        .set('Authorization', office)
        .attach('file', xlsx, { filename: 'yanzhou.xlsx', contentType: XLSX })
        .field('id', id)
        .field('name', '兖州区指标表导入测试')
        .field('region', '山东省济宁市兖州区')
        .field('issueDate', '2023-05-01');
      expect(up.status).toBe(201);
      expect(up.body).toEqual({ id });

      const [copy, original] = await Promise.all([
        http().get(`/api/templates/${id}`).set('Authorization', unit),
        http().get('/api/templates/yanzhou-2023').set('Authorization', unit),
      ]);
      expect(copy.status).toBe(200);
      expect(copy.body).toMatchObject({ id, name: '兖州区指标表导入测试', region: { name: '山东省济宁市兖州区', province: '山东省', city: '济宁市', county: '兖州区' }, issueDate: '2023-05-01', builtIn: false });
      expect(copy.body.indicators).toEqual(original.body.indicators);
      expect(copy.body.units).toEqual(original.body.units);
      expect(copy.body.phases.map((p: { key: string }) => p.key)).toEqual(['mobilization', 'implementation', 'application']);

      // the stored copy exports the same table again
      const again = await xlsxOf(id);
      const wb = new ExcelJS.Workbook();
      await wb.xlsx.load(again as any);
      expect(wb.getWorksheet(INDICATOR_SHEET)!.rowCount).toBeGreaterThanOrEqual(37);

      const dup = await http().post('/api/templates').set('Authorization', office).attach('file', xlsx, 'y.xlsx').field('id', id).field('name', 'x').field('region', '济宁市兖州区');
      expect(dup.status).toBe(409);
    });

    it('answers 400 naming sheet, row and column for a bad table', async () => {
      const wb = new ExcelJS.Workbook();
      await wb.xlsx.load((await xlsxOf('yanzhou-2023')) as any);
      const ws = wb.getWorksheet(INDICATOR_SHEET)!;
      ws.getCell(4, 7).value = '必须性'; // 指标属性 of the second indicator
      const bad = Buffer.from(await wb.xlsx.writeBuffer());
      const res = await http().post('/api/templates').set('Authorization', office).attach('file', bad, 'bad.xlsx').field('id', uniqueName('bad-xlsx')).field('name', 'x').field('region', '济宁市兖州区');
      expect(res.status).toBe(400);
      expect(res.body.reasons).toEqual([expect.objectContaining({ sheet: INDICATOR_SHEET, row: 4, column: '指标属性' })]);
      expect(res.body.message).toEqual([expect.stringMatching(/^指标任务分解表 第4行「指标属性」: /)]);

      const garbage = await http().post('/api/templates').set('Authorization', office).attach('file', Buffer.from('not a workbook'), 'x.xlsx').field('id', uniqueName('junk')).field('name', 'x').field('region', 'x区');
      expect(garbage.status).toBe(400);
      expect(garbage.body.message).toEqual(['文件: 不是有效的 Excel（.xlsx）文件，请用 Excel 或 WPS 另存为 .xlsx 后重试 (not a readable xlsx file)']); // no library text (JSZip's English and its URL)
    });

    it('answers 400 for missing form fields or file, unknown fields and bad JSON in region/meta', async () => {
      const xlsx = await xlsxOf('yanzhou-2023');
      const missing = await http().post('/api/templates').set('Authorization', office).attach('file', xlsx, 'y.xlsx').field('name', 'x');
      expect(missing.status).toBe(400);
      expect(missing.body.message).toEqual(expect.arrayContaining([expect.stringMatching(/^缺少必填项：id \(/), expect.stringMatching(/^缺少必填项：region \(/)]));
      const noFile = await http().post('/api/templates').set('Authorization', office).field('id', uniqueName('nofile')).field('name', 'x').field('region', 'x区');
      expect(noFile.status).toBe(400);
      expect(noFile.body.message).toMatch(/field "file"/);
      const extra = await http().post('/api/templates').set('Authorization', office).attach('file', xlsx, 'y.xlsx').field('id', uniqueName('extra')).field('name', 'x').field('region', 'x区').field('colour', 'red');
      expect(extra.status).toBe(400);
      expect(extra.body.message).toContain('不允许的字段：colour (property colour should not exist)');
      const badMeta = await http().post('/api/templates').set('Authorization', office).attach('file', xlsx, 'y.xlsx').field('id', uniqueName('meta')).field('name', 'x').field('region', '{"name": ').field('meta', '{"bogus": 1}');
      expect(badMeta.status).toBe(400);
      expect(badMeta.body.message).toEqual(expect.arrayContaining([expect.stringMatching(/^region must be a JSON object/), expect.stringMatching(/^meta 中不允许的部分：bogus，/)]));
      // a line break in the region (the OpenAPI fuzz's case QGeTWN answered 500) or the name: 400 naming the field
      const broken = await http().post('/api/templates').set('Authorization', office).attach('file', xlsx, 'y.xlsx').field('id', uniqueName('lb')).field('name', '某县\n方案').field('region', '济宁市\r兖州区');
      expect(broken.status).toBe(400);
      expect(broken.body.reasons).toEqual(expect.arrayContaining([
        { path: 'name', reason: '不能含换行或控制字符 (must be one line of text)' },
        { path: 'region.name', reason: '不能含换行或控制字符 (must be one line of text)' },
      ]));
      const brokenJson = await http().post('/api/templates').set('Authorization', office).attach('file', xlsx, 'y.xlsx').field('id', uniqueName('lbj')).field('name', 'x').field('region', '{"name": "济宁市\\n兖州区"}');
      expect(brokenJson.status).toBe(400);
      // the default issuing authority (「<region>人民政府」) carries the line break too
      expect(brokenJson.body.message).toEqual(['region.name: 不能含换行或控制字符 (must be one line of text)', 'issuingAuthority: 不能含换行或控制字符 (must be one line of text)']);
      const wrongField = await http().post('/api/templates').set('Authorization', office).attach('upload', xlsx, 'y.xlsx').field('id', uniqueName('wf'));
      expect(wrongField.status).toBe(400);
      expect(wrongField.body.message).toMatch(/^上传的表单字段不正确 \(Unexpected/);
      // a broken form (busboy's "Malformed part header"), and a template whose name is empty (zod's own words): Chinese first
      const malformed = await http().post('/api/templates').set('Authorization', office).set('Content-Type', 'multipart/form-data; boundary=zz').send('--zz\r\nbad\r\n\r\n');
      expect([malformed.status, malformed.body.message]).toEqual([400, '上传内容格式不正确 (Multipart: Malformed part header)']);
      const noName = await http().post('/api/templates').set('Authorization', office).send({ id: uniqueName('nn'), name: '', region: { name: '济宁市兖州区' }, goal: '', phases: [] });
      expect(noName.status).toBe(400);
      expect(noName.body.message).toEqual(expect.arrayContaining(['name: name 不能为空 (String must contain at least 1 characters)']));
      expect((noName.body.message as string[]).filter((m) => !/[\u4e00-\u9fff]/.test(m))).toEqual([]);
    });

    // What the OpenAPI fuzz and a reading of the import found answering 500: each now a 4xx with its reason.
    it('refuses what it cannot read or store: another multipart type, NUL or lone surrogates in fields or cells, non-text region parts, long ids, a huge template', async () => {
      const form = (xlsx: Buffer, id: string) => http().post('/api/templates').set('Authorization', office).attach('file', xlsx, 'y.xlsx').field('id', id).field('name', 'x').field('region', '济宁市兖州区');
      const xlsx = await xlsxOf('yanzhou-2023');

      const mixed = await http().post('/api/templates').set('Authorization', office).set('Content-Type', 'multipart/mixed; boundary=x').send('--x\r\n\r\nhi\r\n--x--\r\n');
      expect(mixed.status).toBe(415);
      expect(mixed.body.message).toMatch(/multipart\/form-data/);

      // a raw NUL in a form field (multer's fields come after the request hygiene), an escaped lone surrogate in JSON
      const nulField = await form(xlsx, uniqueName('nul')).field('goal', '目标\u0000');
      expect(nulField.status).toBe(400);
      expect(nulField.body.message).toEqual(['工作目标含有无法识别的空字符（NUL），请删除后重试 (form.goal: contains a NUL character)']);
      const surrogate = await http().post('/api/templates').set('Authorization', office).attach('file', xlsx, 'y.xlsx').field('id', uniqueName('sur')).field('name', 'x').field('region', '{"name": "兖州\\ud800", "province": "", "city": "", "county": ""}');
      expect(surrogate.status).toBe(400);
      expect(surrogate.body.message).toEqual([expect.stringMatching(/含有无法识别的字符（不成对的 Unicode 代理字符），请删除后重试 \(template\.[\w.[\]]+: contains an unpaired UTF-16 surrogate\)$/)]); // the region name is in several parts
      const objectName = await http().post('/api/templates').set('Authorization', office).attach('file', xlsx, 'y.xlsx').field('id', uniqueName('obj')).field('name', 'x').field('region', '{"name": {"toString": 1}, "province": "", "city": "", "county": ""}');
      expect(objectName.status).toBe(400);
      expect(objectName.body.message).toContain('region.name must be text / 地区的「name」须为文本');

      // text inside the workbook: ExcelJS reads _x0000_ as NUL and _xD800_ as a lone surrogate
      const wb = new ExcelJS.Workbook();
      await wb.xlsx.load(xlsx as any);
      wb.getWorksheet(INDICATOR_SHEET)!.getCell(4, 4).value = '指标_x0000_名称';
      const nulCell = await form(Buffer.from(await wb.xlsx.writeBuffer()), uniqueName('cell'));
      expect(nulCell.status).toBe(400);
      expect(nulCell.body.message).toEqual([expect.stringMatching(/^第\d+项指标中\S+含有无法识别的空字符（NUL），请删除后重试 \(template\.indicators\[\d+\]\.\w+: contains a NUL character\)$/)]);

      const longId = await http().post('/api/templates').set('Authorization', office).send({ ...builtIn('sishui-2023'), id: `t${'q7'.repeat(1500)}` });
      expect(longId.status).toBe(400);
      expect(longId.body.reasons).toEqual([{ path: 'id', reason: 'at most 100 characters / 最多 100 个字符' }]);

      const huge = builtIn('sishui-2023');
      huge.id = uniqueName('huge');
      for (const ind of huge.indicators.slice(0, 6)) ind.target = 'x'.repeat(95000); // ~570 KB: under the body limit (1 MB)
      const tooBig = await http().post('/api/templates').set('Authorization', office).send(huge);
      expect(tooBig.status).toBe(413);
      expect(tooBig.body.message).toMatch(/^模板过大：\d+ KB，最多 512 KB/);
      expect((await http().get(`/api/templates/${huge.id}`).set('Authorization', office)).status).toBe(404);
    });

    it('takes optional template parts from the form (meta JSON)', async () => {
      const id = uniqueName('meta-ok');
      const phases = builtIn('yanzhou-2023').phases;
      const res = await http()
        .post('/api/templates')
        .set('Authorization', office)
        .attach('file', await xlsxOf('yanzhou-2023'), 'y.xlsx')
        .field('id', id)
        .field('name', '带阶段的导入')
        .field('region', JSON.stringify({ name: '济宁市兖州区', province: '山东省', city: '济宁市', county: '兖州区' }))
        .field('issueDate', '2023-04-01')
        .field('documentNumber', '兖政办字〔2023〕1号')
        .field('meta', JSON.stringify({ phases }));
      expect(res.status).toBe(201);
      const got = await http().get(`/api/templates/${id}`).set('Authorization', unit);
      expect(got.body.documentNumber).toBe('兖政办字〔2023〕1号');
      expect(got.body.phases.map((p: { key: string }) => p.key)).toEqual(phases.map((p: { key: string }) => p.key));
    });

    it('is for office and admin only (403 for others)', async () => {
      const res = await http().post('/api/templates').set('Authorization', unit).send({ ...builtIn('lixia-2021'), id: uniqueName('nope') });
      expect(res.status).toBe(403);
      expect(res.body.message).toBe('无权限：仅限领导小组办公室或系统管理员');
    });
  });
});
