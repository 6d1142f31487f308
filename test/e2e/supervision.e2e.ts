/**
 * Supervision cadence and the assessment summaries through the real API (issue 10 items 4–5): a Sishui campaign in its
 * implementation phase has this month's 调度 report task for every responsible unit; a unit reports (returned once,
 * then accepted); the office reads and exports the 调度 summary and the per-unit 考核汇总 (xlsx, Chinese headers,
 * Beijing time, the plan's own consequence words); units are refused (403), another county sees nothing (404), the
 * supervising city reads.
 */
import ExcelJS from 'exceljs';
import { readFileSync } from 'fs';
import { join } from 'path';
import { periodDueDate, periodOf, localDate, WorkingCalendar } from '@eco/domain';
import { eventually, TestActor, useCampaignStack } from './campaign-stack';
import { binary, uniqueName } from './helpers';

const person = (role: string, name: string, extra: Partial<TestActor> = {}): TestActor => ({ id: uniqueName(`sv-${role}`), name, roles: [role], ...extra });
const office = person('office', '泗水县创建办');
const tjj = person('unit', '县统计局联络员', { unitId: 'sx-tjj' });
const officeY = person('office', '兖州区创建办', { organizationId: 'yanzhou' });
const jining = person('office', '济宁市生态环境局', { organizationId: 'jining' });
const calendar = new WorkingCalendar({ override: JSON.parse(readFileSync(join(__dirname, '../../deploy/calendar/provisional-2027.json'), 'utf8')) });

async function sheetRows(body: Buffer, name: string): Promise<string[][]> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(body);
  const ws = wb.getWorksheet(name);
  if (!ws) throw new Error(`no sheet ${name}`);
  const rows: string[][] = [];
  ws.eachRow((x) => rows.push((x.values as unknown[]).slice(1).map((v) => String(v ?? ''))));
  return rows;
}

describe('supervision cadence and assessment summaries through the API (issue 10 items 4–5)', () => {
  const { http, as, post } = useCampaignStack({ taskQueue: 'e2e-supervision', people: [office, tjj, officeY, jining] });
  // Unless fewer than 3 working days are left this month (then the first report is next month's and none is open yet).
  const period = periodOf(Date.now(), 'month');
  const due = periodDueDate(period, { workingDaysBeforePeriodEnd: 0 }, calendar);
  const opensNow = calendar.workingDaysBetween(localDate(Date.now()), due) >= 3;

  /** A Sishui campaign of its own, taken over in its implementation phase (each describe below starts one). */
  const takenOver = async () => {
    const res = await post(office, '/api/campaigns', { templateId: 'sishui-2023', name: '泗水县创建（调度）', takeOver: true, done: ['materials', 'key-projects', 'work-plan-issued', 'leadership-group', 'plan-started'] });
    expect(res.status).toBe(201);
    return res.body.id as string;
  };
  /** sx-tjj's report of this month: submitted, returned once, submitted again, accepted by the office. */
  const reportReturnedOnceThenAccepted = async (id: string) => {
    const task = `/api/campaigns/${id}/tasks/progress-report:monthly-dispatch:${period.key}:sx-tjj`;
    await eventually(() => http().get(task).set(as(office)), (r) => r.status === 200, 60000);
    expect((await post(tjj, `${task}/submit`, { comment: '本月完成统计类指标资料收集' })).status).toBe(200);
    expect((await post(office, `${task}/return`, { reason: '请补充各指标完成进度' })).status).toBe(200);
    expect((await post(tjj, `${task}/submit`, { comment: '已补充：7项指标中5项完成' })).status).toBe(200);
    expect((await post(office, `${task}/approve`, { comment: '收悉' })).status).toBe(200);
  };

  describe('the monthly 调度 report tasks', () => {
    let id: string;
    beforeAll(async () => {
      id = await takenOver();
    }, 120000);

    it("this month's 调度 report task for every unit holding an indicator, due on the month's last working day", async () => {
      const r = await eventually(() => http().get(`/api/campaigns/${id}/tasks?kind=progress-report`).set(as(office)), (x) => x.body.length >= (opensNow ? 16 : 0));
      expect(r.status).toBe(200);
      if (!opensNow) return expect(r.body).toEqual([]);
      expect(r.body).toHaveLength(16);
      for (const t of r.body) {
        expect(t).toMatchObject({ kind: 'progress-report', phase: 'implementation', required: false, status: 'open', cadence: { key: 'monthly-dispatch', period: period.key, periodLabel: period.label } });
        expect(localDate(Date.parse(t.dueAt))).toBe(due);
        expect(t.title).toContain(`月度调度（${period.label}）`);
      }
      // The unit sees its own report in its task list.
      const mine = await http().get(`/api/campaigns/${id}/tasks?kind=progress-report`).set(as(tjj));
      expect(mine.body.map((t: { id: string }) => t.id)).toEqual([`progress-report:monthly-dispatch:${period.key}:sx-tjj`]);
    });
  });

  describe('a unit reporting and the 调度 summary', () => {
    let id: string;
    beforeAll(async () => {
      id = await takenOver();
    }, 120000);

    it('a unit reports, is returned once, reports again and is accepted; the 调度 summary and its export show it', async () => {
      if (!opensNow) return;
      await reportReturnedOnceThenAccepted(id);

      const s = await http().get(`/api/campaigns/${id}/supervision`).set(as(office));
      expect(s.status).toBe(200);
      expect(s.body.cadences).toEqual([expect.objectContaining({ key: 'monthly-dispatch', name: '月度调度', derived: expect.objectContaining({ every: expect.stringContaining('按月调度为推定') }) })]);
      expect(s.body.cadences[0].source).toContain('定期或不定期调度创建工作');
      expect(s.body.periods).toHaveLength(1);
      expect(s.body.periods[0]).toMatchObject({ period: period.key, periodLabel: period.label, expected: 16, reported: 1, onTime: 1, late: 0, missing: 0 });
      expect(s.body.periods[0].rows.find((x: { unitId: string }) => x.unitId === 'sx-tjj')).toMatchObject({ unitName: '县统计局', status: 'approved', timeliness: 'on-time', returns: 1 });

      const x = await http().get(`/api/campaigns/${id}/supervision.xlsx`).set(as(office)).buffer(true).parse(binary);
      expect(x.status).toBe(200);
      expect(x.headers['content-type']).toContain('spreadsheetml');
      expect(decodeURIComponent(String(x.headers['content-disposition']))).toContain('泗水县创建（调度）-调度汇总.xlsx');
      const summary = await sheetRows(x.body as Buffer, '调度汇总');
      expect(summary[0][0]).toBe('泗水县创建（调度） 定期调度汇总');
      // the plan's words, and which fields the system set — not the template's derivation notes (按月调度为推定…)
      expect(summary.some((r) => r[0].includes('定期或不定期调度创建工作') && r[0].includes('工作方案未写明调度频次、报送单位、报送日，按系统设定执行'))).toBe(true);
      expect(summary.some((r) => r[0].includes('推定'))).toBe(false);
      const head = summary.findIndex((r) => r[0] === '调度事项');
      expect(summary[head]).toEqual(['调度事项', '期次', '报送期限', '应报', '已报', '按时', '逾期报送', '逾期未报', '已取消']);
      expect(summary[head + 1].slice(0, 5)).toEqual(['月度调度', period.label, expect.stringMatching(new RegExp(`^${due} 周[一二三四五六日]$`)), '16', '1']);
      const detail = await sheetRows(x.body as Buffer, '报送明细');
      const row = detail.find((r) => r[3] === '县统计局')!;
      expect(row.slice(0, 5)).toEqual(['月度调度', period.label, expect.stringMatching(new RegExp(`^${due} `)), '县统计局', '已通过']);
      expect(row[5]).toMatch(new RegExp(`^${localDate(Date.now())} \\d{2}:\\d{2}:\\d{2} 周.$`)); // Beijing time
      expect(row[6]).toBe('按时报送');
      expect(row[7]).toBe('1');
    });
  });

  describe('the per-unit 考核汇总', () => {
    let id: string;
    beforeAll(async () => {
      id = await takenOver();
      if (opensNow) await reportReturnedOnceThenAccepted(id); // the one report the summary counts (on time, returned once)
    }, 120000);

    it("the per-unit 考核汇总 (JSON and xlsx) with the plan's own consequence words", async () => {
      const a = await http().get(`/api/campaigns/${id}/assessment`).set(as(office));
      expect(a.status).toBe(200);
      expect(a.body.consequences).toEqual([expect.objectContaining({ appliesTo: 'escalation', label: '纳入全县高质量发展综合绩效考核' })]);
      expect(a.body.units.map((u: { unitName: string }) => u.unitName)).toContain('县统计局');
      const tj = a.body.units.find((u: { unitId: string }) => u.unitId === 'sx-tjj');
      const tasks = (await http().get(`/api/campaigns/${id}/tasks?unitId=sx-tjj`).set(as(office))).body.filter((t: { status: string; external: boolean; owner: string }) => t.status !== 'cancelled' && !t.external && t.owner === 'unit');
      expect(tj.tasks).toBe(tasks.length);
      expect(tj).toMatchObject({ onTime: opensNow ? 1 : 0, returns: opensNow ? 1 : 0, escalations: 0, assessmentFlags: 0 });
      expect(tj.onTime + tj.late + tj.overdue + tj.pending + tj.other + tj.cancelledAtClose).toBe(tj.tasks);

      const x = await http().get(`/api/campaigns/${id}/assessment.xlsx`).set(as(office)).buffer(true).parse(binary);
      expect(x.status).toBe(200);
      expect(decodeURIComponent(String(x.headers['content-disposition']))).toContain('泗水县创建（调度）-考核汇总.xlsx');
      const rows = await sheetRows(x.body as Buffer, '考核汇总');
      expect(rows[0][0]).toBe('泗水县创建（调度） 单位考核汇总');
      expect(rows[1][0]).toMatch(/^统计时间：\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2} 周.（北京时间）/);
      expect(rows.some((r) => r[0].includes('纳入全县高质量发展综合绩效考核') && r[0].includes('严格考核评分'))).toBe(true);
      const head = rows.findIndex((r) => r[0] === '序号');
      expect(rows[head]).toEqual(['序号', '单位', '任务数', '按时报送', '逾期报送', '逾期未报', '未到期', '其他办结', '已取消（阶段结束时未完成）', '按时率', '被退回次数', '督办次数', '纳入考核标记']);
      const line = rows.find((r) => r[1] === '县统计局')!;
      expect(line.slice(2, 4)).toEqual([String(tj.tasks), String(tj.onTime)]);
      expect(line[10]).toBe(String(tj.returns));
    });
  });

  describe('结束阶段 with tasks still due from the units', () => {
    it('the 考核汇总 counts each unit\'s tasks cancelled at the close as not done (已取消（阶段结束时未完成）), not the one in review', async () => {
      const started = await post(office, '/api/campaigns', { templateId: 'sishui-2023', name: '泗水县创建（结束阶段）' });
      expect(started.status).toBe(201);
      const id = started.body.id as string;
      const owned = (list: { status: string; external: boolean; owner: string; unitId?: string | null; cadence?: unknown }[]) => list.filter((t) => !t.external && t.owner === 'unit' && !t.cadence);
      const mine = owned((await eventually(() => http().get(`/api/campaigns/${id}/tasks?unitId=sx-tjj`).set(as(office)), (r) => r.status === 200 && r.body.length > 0, 60000)).body);
      expect(mine.length).toBeGreaterThan(1);
      // sx-tjj submits one of its tasks; the rest it never submits
      expect(mine.map((t) => (t as unknown as { id: string }).id)).toContain('materials:sx-tjj');
      expect((await post(tjj, `/api/campaigns/${id}/tasks/materials:sx-tjj/submit`, { comment: '统计资料' })).status).toBe(200);
      expect((await post(office, `/api/campaigns/${id}/close-phase`, { phase: 'mobilization', reason: '动员部署阶段结束' })).status).toBe(200);

      const all = owned((await http().get(`/api/campaigns/${id}/tasks`).set(as(office))).body);
      const missed = all.filter((t) => t.status === 'cancelled' && t.unitId && (t as unknown as { rounds: unknown[] }).rounds.length === 0);
      expect(missed.length).toBeGreaterThan(0);
      const a = await eventually(() => http().get(`/api/campaigns/${id}/assessment`).set(as(office)), (r) => r.status === 200 && r.body.units.some((u: { cancelledAtClose: number }) => u.cancelledAtClose > 0), 30000);
      type Row = { unitId: string; tasks: number; onTime: number; late: number; overdue: number; pending: number; other: number; cancelledAtClose: number; onTimeRate: number | null };
      const units = a.body.units as Row[];
      expect(units.reduce((n, u) => n + u.cancelledAtClose, 0)).toBe(missed.filter((t) => units.some((u) => u.unitId === t.unitId)).length);
      const tj = units.find((u) => u.unitId === 'sx-tjj')!;
      // its submitted task was in review at the close: left out, as before; the others it never submitted are its misses
      expect(tj.cancelledAtClose).toBe(mine.length - 1);
      // (and its tasks of the next phase, which the close started)
      const live = (await http().get(`/api/campaigns/${id}/tasks?unitId=sx-tjj`).set(as(office))).body.filter((t: { status: string; external: boolean; owner: string }) => t.status !== 'cancelled' && !t.external && t.owner === 'unit');
      expect(tj.tasks).toBe(mine.length - 1 + live.length);
      expect(tj.onTimeRate).toBe(0);
      for (const u of units) expect(u.onTime + u.late + u.overdue + u.pending + u.other + u.cancelledAtClose).toBe(u.tasks);

      const x = await http().get(`/api/campaigns/${id}/assessment.xlsx`).set(as(office)).buffer(true).parse(binary);
      const rows = await sheetRows(x.body as Buffer, '考核汇总');
      const head = rows.findIndex((r) => r[0] === '序号');
      const col = rows[head].indexOf('已取消（阶段结束时未完成）');
      const line = rows.find((r) => r[1] === '县统计局')!;
      expect([line[col], line[col + 1]]).toEqual([String(mine.length - 1), '0%']);
      expect(rows.some((r) => r[0].includes('已取消（阶段结束时未完成）：领导小组办公室结束阶段时仍待本单位报送'))).toBe(true);
    });
  });

  describe('reading the summaries', () => {
    let id: string;
    beforeAll(async () => {
      id = await takenOver();
    }, 120000);

    it('who may read: units 403, another county 404, the supervising city reads', async () => {
      for (const path of ['assessment', 'assessment.xlsx', 'supervision', 'supervision.xlsx']) {
        expect([path, (await http().get(`/api/campaigns/${id}/${path}`).set(as(tjj))).status]).toEqual([path, 403]);
        expect([path, (await http().get(`/api/campaigns/${id}/${path}`).set(as(officeY))).status]).toEqual([path, 404]);
        expect([path, (await http().get(`/api/campaigns/${id}/${path}`).set(as(jining))).status]).toEqual([path, 200]);
      }
      expect((await http().get('/api/campaigns/nope/assessment').set(as(office))).status).toBe(404);
      // /api/me says which kind of organization the caller belongs to: the header reads 督导（只读） for a supervising city
      expect((await http().get('/api/me').set(as(jining))).body).toMatchObject({ organizationId: 'jining', organizationLevel: 'city', organizationName: expect.stringContaining('济宁') });
      expect((await http().get('/api/me').set(as(office))).body).toMatchObject({ organizationLevel: 'county' });
    });

    it('the OpenAPI document describes the summaries and their answers', async () => {
      const doc = (await http().get('/api/openapi.json')).body as { paths: Record<string, Record<string, { responses: Record<string, { content?: Record<string, { schema?: { $ref?: string } }> }> }>> };
      for (const [path, dto] of [['assessment', 'AssessmentSummaryDto'], ['supervision', 'SupervisionSummaryDto']]) {
        const op = doc.paths[`/api/campaigns/{id}/${path}`]?.get;
        expect(op?.responses['200']?.content?.['application/json']?.schema?.$ref).toBe(`#/components/schemas/${dto}`);
        expect(Object.keys(op!.responses).sort()).toEqual(['200', '400', '401', '403', '404', '503']); // 400: input hygiene on every path; 503: database down (declared on every operation)
        expect(doc.paths[`/api/campaigns/{id}/${path}.xlsx`]?.get?.responses['200']?.content).toHaveProperty(['application/vnd.openxmlformats-officedocument.spreadsheetml.sheet']);
      }
    });
  });
});
