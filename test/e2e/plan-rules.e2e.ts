/**
 * The plans' own rules through the API with real logins, a real worker and PostgreSQL (issue 10 items 1–3, the Shinan
 * and Sishui cases of "How it will be checked"): split lead units get their own tasks, one unit's 'occurred' veto
 * attestation blocks the application naming the condition, a key-project submit without the seal is 400 and the
 * signed and sealed "无重点工程项目" statement is accepted as the alternative (and audited).
 */
import { eventually, TestActor, useCampaignStack } from './campaign-stack';
import { uniqueName } from './helpers';

const person = (role: string, name: string, unitId?: string): TestActor => ({ id: uniqueName(`pr-${role}`), name, roles: [role], ...(unitId ? { unitId } : {}) });
const office = person('office', '办公室科员');
const cgj = person('unit', '城市管理局联络员', 'sn-cgj');
const gxj = person('unit', '工信局联络员', 'sx-gxj');
const leader = person('leader', '区长');
const zfb = person('unit', '区政府办联络员', 'yz-zfb');
const sthj = person('unit', '生态环境分局联络员', 'yz-sthj');

describe('the plans own rules through the API (issue 10)', () => {
  const stack = useCampaignStack({ taskQueue: 'e2e-plan-rules', people: [office, cgj, gxj, leader, zfb, sthj] });
  const { http, as, post } = stack;

  describe('Shinan (市南区): split leads and veto co-units', () => {
    /** A Shinan campaign of one describe, taken over in its implementation phase. */
    const startShinan = async () => {
      const res = await post(office, '/api/campaigns', { templateId: 'shinan-2024', takeOver: true, done: ['unit-contacts'] });
      expect(res.status).toBe(201);
      const id = res.body.id as string;
      await eventually(() => http().get(`/api/campaigns/${id}`).set(as(office)), (r) => r.body.currentPhase === 'implementation' || r.body.phase === 'implementation');
      return id;
    };
    /** 区城市管理局 attests veto condition 23.1 as 'occurred', with its statement (a blocker of the application). */
    const attestOccurred = async (id: string) => {
      const task = `/api/campaigns/${id}/tasks/veto-attestation:23.1:sn-cgj`;
      const up = await http().post(`${task}/files`).set(as(cgj)).attach('files', Buffer.from('%PDF-1.7\n% 一票否决事项情况说明\n%%EOF\n'), { filename: '一票否决事项情况说明.pdf', contentType: 'application/pdf' });
      expect(up.status).toBe(201);
      expect((await post(cgj, `${task}/submit`, { comment: '2023年发生一起较大生态破坏事件', files: [up.body[0].id], formalities: { outcome: 'occurred' } })).status).toBe(200);
    };

    describe('split leads', () => {
      let id: string;
      beforeAll(async () => {
        id = await startShinan();
      }, 60000);

      it('gives 区城市管理局 and 市自然资源和规划局市南分局 their own tasks for 5(2), 6(2), 6(3), and both C7 leads their certificate tasks', async () => {
        const indicators = (await http().get(`/api/campaigns/${id}/tasks?kind=indicator`).set(as(office))).body as { id: string; unitId: string }[];
        const units = (code: string) => indicators.filter((t) => t.id.startsWith(`indicator:${code}:`)).map((t) => t.unitId);
        expect(units('5').sort()).toEqual(['sn-cgj', 'sn-sthj']);
        expect(units('6').sort()).toEqual(['sn-cgj', 'sn-sthj', 'sn-zrzy']);
        const certificates = (await http().get(`/api/campaigns/${id}/tasks?kind=certificate`).set(as(office))).body as { id: string; unitId: string }[];
        expect(certificates.filter((t) => t.id.startsWith('certificate:C7')).map((t) => t.unitId).sort()).toEqual(['sn-sthj', 'sn-zrzy']);
        // The unit's own part is its own to submit.
        const read = await http().get(`/api/campaigns/${id}/tasks/indicator:5:sn-cgj`).set(as(cgj));
        expect(read.status).toBe(200);
      });
    });

    describe('a veto attestation', () => {
      let id: string;
      beforeAll(async () => {
        id = await startShinan();
      }, 60000);

      it("one unit's 'occurred' attestation blocks the application with that condition named", async () => {
        const task = `/api/campaigns/${id}/tasks/veto-attestation:23.1:sn-cgj`;
        const pdf = Buffer.from('%PDF-1.7\n% 一票否决事项情况说明\n%%EOF\n');
        const up = await http().post(`${task}/files`).set(as(cgj)).attach('files', pdf, { filename: '一票否决事项情况说明.pdf', contentType: 'application/pdf' });
        expect(up.status).toBe(201);
        const files = [up.body[0].id];
        const missing = await post(cgj, `${task}/submit`, { comment: '情况说明', files });
        expect(missing.status).toBe(400);
        expect(JSON.stringify(missing.body.message)).toContain('formalities.outcome');
        const occurred = await post(cgj, `${task}/submit`, { comment: '2023年发生一起较大生态破坏事件', files, formalities: { outcome: 'occurred' } });
        expect(occurred.status).toBe(200);
        const view = await http().get(`/api/campaigns/${id}`).set(as(office));
        const veto = view.body.gate.missing.find((m: { code: string; kind: string }) => m.kind === 'veto-condition' && m.code === '23.1');
        expect(veto.reason).toContain('发生重、特大突发环境事件或生态破坏事件的');
        expect(veto.reason).toContain('区城市管理局');
        expect(veto.reason).toContain('已发生');
        expect(view.body.gate.allowed).toBe(false);
      });
    });

    describe('the application gate', () => {
      let id: string;
      beforeAll(async () => {
        id = await startShinan();
        await attestOccurred(id); // the blocker this test lists, lifts and audits
      }, 60000);

      it('the gate API lists blockers with the condition text; an office finding blocks; only a recorded decision (office/leader, with a reason) lifts them', async () => {
        const gate = async () => (await http().get(`/api/campaigns/${id}/gate`).set(as(office))).body as { allowed: boolean; missing: { kind: string; code: string; reason: string }[]; vetoBlockers: Record<string, unknown>[] };
        let g = await gate();
        expect(g.allowed).toBe(false);
        expect(g.vetoBlockers).toEqual([expect.objectContaining({ vetoCode: '23.1', source: 'attestation', unitName: '区城市管理局', condition: expect.stringContaining('发生重、特大突发环境事件或生态破坏事件的') })]);
        // A unit may not record a finding; the office may.
        expect((await post(cgj, `/api/campaigns/${id}/vetoes/23.4/findings`, { finding: '督察通报问题未整改' })).status).toBe(403);
        expect((await post(office, `/api/campaigns/${id}/vetoes/99.9/findings`, { finding: '督察通报问题未整改' })).status).toBe(400);
        const found = await post(office, `/api/campaigns/${id}/vetoes/23.4/findings`, { finding: '中央生态环境保护督察通报问题未按期整改', unitId: 'sn-sthj' });
        expect(found.status).toBe(200);
        g = await gate();
        const veto234 = g.missing.find((m) => m.kind === 'veto-condition' && m.code === '23.4');
        expect(veto234?.reason).toContain('领导小组办公室核查发现：中央生态环境保护督察通报问题未按期整改');
        expect(g.vetoBlockers.map((b) => [b.vetoCode, b.source])).toEqual([
          ['23.1', 'attestation'],
          ['23.4', 'finding'],
        ]);
        const condition234 = g.vetoBlockers[1].condition as string;
        expect(veto234?.reason).toContain(condition234);
        // Lifting: not by a unit, not without a reason; by the leader with one.
        expect((await post(cgj, `/api/campaigns/${id}/vetoes/23.1/lift`, { reason: '不在近3年内' })).status).toBe(403);
        expect((await post(leader, `/api/campaigns/${id}/vetoes/23.1/lift`, {})).status).toBe(400);
        const lifted = await post(leader, `/api/campaigns/${id}/vetoes/23.1/lift`, { reason: '经核实事件发生于2020年，不在近3年内，经领导小组研究解除' });
        expect(lifted.status).toBe(200);
        expect((await post(leader, `/api/campaigns/${id}/vetoes/23.1/lift`, { reason: '再次解除' })).status).toBe(409);
        g = await gate();
        expect(g.vetoBlockers.map((b) => b.vetoCode)).toEqual(['23.4']);
        const audit = (await http().get(`/api/campaigns/${id}/audit?action=liftVetoBlock`).set(as(office))).body as { action: string; outcome: string; reason: string; actor: { id: string }; detail: Record<string, unknown> }[];
        const decision = audit.find((e) => e.action === 'liftVetoBlock' && e.outcome === 'accepted');
        expect(decision).toMatchObject({ reason: '经核实事件发生于2020年，不在近3年内，经领导小组研究解除', actor: { id: leader.id }, detail: { vetoCode: '23.1', lifted: ['veto-block:1'] } });
        const findings = (await http().get(`/api/campaigns/${id}/audit?action=recordVetoFinding`).set(as(office))).body as { action: string; outcome: string; detail: Record<string, unknown> }[];
        expect(findings.find((e) => e.outcome === 'accepted')?.detail).toMatchObject({ vetoCode: '23.4', condition: condition234, finding: '中央生态环境保护督察通报问题未按期整改' });
      });
    });
  });

  describe("Yanzhou (兖州区): the office sets the lead or joint responsibility per indicator at start", () => {
    const start = { templateId: 'yanzhou-2023', takeOver: true, done: ['work-plan-issued', 'leadership-group'] };

    it('refuses a unit that is not among the indicator’s units (400 naming it), in the preview and the start', async () => {
      for (const path of ['/api/campaigns/plan', '/api/campaigns']) {
        const res = await post(office, path, { ...start, responsibility: { '2': { leadUnitId: 'yz-fgj' } } });
        expect([path, res.status]).toEqual([path, 400]);
        expect(JSON.stringify(res.body.message)).toContain('unit yz-fgj is not among indicator 2');
      }
    });

    it('the preview shows each indicator’s responsibility: derived first-named leads, and the office’s choices', async () => {
      const plain = await post(office, '/api/campaigns/plan', start);
      expect(plain.status).toBe(200);
      const row2 = plain.body.responsibility.find((r: { indicatorCode: string }) => r.indicatorCode === '2');
      expect(row2).toMatchObject({ mode: 'lead', leadUnitIds: ['yz-qwb'], derived: true, reason: expect.stringContaining('首个列出的单位牵头') });
      const chosen = await post(office, '/api/campaigns/plan', { ...start, responsibility: { '2': { leadUnitId: 'yz-zfb' }, '3': { mode: 'joint' } } });
      expect(chosen.status).toBe(200);
      const rows = chosen.body.responsibility as { indicatorCode: string; mode: string; leadUnitIds: string[]; source: string }[];
      expect(rows.find((r) => r.indicatorCode === '2')).toMatchObject({ mode: 'lead', leadUnitIds: ['yz-zfb'], source: 'office' });
      expect(rows.find((r) => r.indicatorCode === '3')).toMatchObject({ mode: 'joint', modeLabel: '共同负责', source: 'office' });
    });

    it('starts with the chosen lead and a joint indicator (recorded in campaign-created); any listed unit submits, the other confirms, then the approval chain', async () => {
      const res = await post(office, '/api/campaigns', { ...start, responsibility: { '2': { leadUnitId: 'yz-zfb' }, '3': { mode: 'joint' } } });
      expect(res.status).toBe(201);
      const id: string = res.body.id;
      await eventually(() => http().get(`/api/campaigns/${id}/tasks/indicator:3`).set(as(office)), (r) => r.status === 200);
      const created = (await http().get(`/api/campaigns/${id}/audit?action=campaign-created`).set(as(office))).body[0];
      expect(created.detail.responsibility).toEqual([
        { indicatorCode: '2', requested: { leadUnitId: 'yz-zfb' }, mode: 'lead', leadUnitIds: ['yz-zfb'], units: ['yz-zfb', 'yz-qwb', 'yz-sthj'] },
        { indicatorCode: '3', requested: { mode: 'joint' }, mode: 'joint', leadUnitIds: ['yz-zfb'], units: ['yz-zfb', 'yz-sthj'] },
      ]);
      expect((await http().get(`/api/campaigns/${id}/tasks/indicator:2`).set(as(office))).body.unitId).toBe('yz-zfb');
      const task = `/api/campaigns/${id}/tasks/indicator:3`;
      // Both listed units see the shared task; the second-named one submits it.
      expect((await http().get(task).set(as(zfb))).body.jointUnitIds).toEqual(['yz-zfb', 'yz-sthj']);
      expect((await http().get(task).set(as(sthj))).status).toBe(200);
      // The shared task is among each listed unit's tasks (not only the first-named unit's).
      const mine = (await http().get(`/api/campaigns/${id}/tasks?unitId=yz-sthj&kind=indicator`).set(as(office))).body as { id: string }[];
      expect(mine.map((t) => t.id)).toContain('indicator:3');
      expect(mine.map((t) => t.id)).not.toContain('indicator:4');
      const pdf = Buffer.from('%PDF-1.7\n% 党委政府部署情况\n%%EOF\n');
      const up = await http().post(`${task}/files`).set(as(sthj)).attach('files', pdf, { filename: '部署情况说明.pdf', contentType: 'application/pdf' });
      expect(up.status).toBe(201);
      const submitted = await post(sthj, `${task}/submit`, { comment: '两单位联合报送', files: [up.body[0].id] });
      expect([submitted.status, submitted.body.message]).toEqual([200, undefined]);
      expect(submitted.body.task.waitingFor).toEqual(['unit:yz-zfb']);
      expect((await post(office, `${task}/approve`, {})).status).toBe(409);
      expect((await post(sthj, `${task}/confirm`, {})).status).toBe(403);
      const confirmed = await post(zfb, `${task}/confirm`, { comment: '已核对，同意' });
      expect(confirmed.status).toBe(200);
      expect(confirmed.body.task.rounds[0].confirmations).toEqual([expect.objectContaining({ unitId: 'yz-zfb', agree: true, comment: '已核对，同意' })]);
      expect(confirmed.body.task.waitingFor.some((w: string) => w.startsWith('unit:'))).toBe(false);
      const audit = (await http().get(`/api/campaigns/${id}/audit?taskId=indicator:3`).set(as(office))).body as { action: string; outcome: string; actor: { id: string } }[];
      expect(audit.filter((e) => e.outcome === 'accepted' && e.action !== 'file-upload').map((e) => [e.action, e.actor.id])).toEqual([
        ['submit', sthj.id],
        ['confirmJoint', zfb.id],
      ]);
    });
  });

  describe('Sishui (泗水县): key-project formalities', () => {
    let id: string;
    beforeAll(async () => {
      const day = new Date(Date.now() + 5 * 86400000).toISOString();
      const res = await post(office, '/api/campaigns', { templateId: 'sishui-2023', schedule: { materials: day, 'key-projects': day, 'work-plan-issued': day, 'leadership-group': day, 'plan-started': day } });
      expect(res.status).toBe(201);
      id = res.body.id;
    }, 60000);

    it("a key-project submit without the seal, the signature or the statement's scan is 400 naming it; the signed and sealed 无重点工程项目 statement is accepted and audited", async () => {
      const task = `/api/campaigns/${id}/tasks/key-projects:sx-gxj`;
      const file = await stack.uploadPdf(gxj, task);
      const unsealed = await post(gxj, `${task}/submit`, { files: [file], formalities: { outcome: 'projects', projects: [{ name: '泗河生态修复工程', investment: '1.2亿元' }] } });
      expect(unsealed.status).toBe(400);
      expect(JSON.stringify(unsealed.body.message)).toContain('formalities.seal');
      const unsigned = await post(gxj, `${task}/submit`, { files: [file], formalities: { outcome: 'none', seal: true } });
      expect(unsigned.status).toBe(400);
      expect(JSON.stringify(unsigned.body.message)).toContain('formalities.principalSignature');
      // The statement itself is a document (signed, sealed, scanned): the formalities alone are refused, naming it.
      const withoutFile = await post(gxj, `${task}/submit`, { comment: '无重点工程项目提报', formalities: { outcome: 'none', seal: true, principalSignature: '工信局局长' } });
      expect(withoutFile.status).toBe(400);
      expect(JSON.stringify(withoutFile.body.message)).toContain('无重点工程项目提报”说明');
      const statement = await post(gxj, `${task}/submit`, { comment: '无重点工程项目提报', files: [file], formalities: { outcome: 'none', seal: true, principalSignature: '工信局局长' } });
      expect(statement.status).toBe(200);
      expect(statement.body.task.rounds[0].submission.formalities).toEqual({ outcome: 'none', seal: true, principalSignature: '工信局局长' });
      const audit = await http().get(`/api/campaigns/${id}/audit?taskId=key-projects:sx-gxj`).set(as(office));
      const submit = audit.body.find((e: { action: string; outcome: string }) => e.action === 'submit' && e.outcome === 'accepted');
      expect(submit.detail.formalities).toEqual({ outcome: 'none', seal: true, principalSignature: '工信局局长' });
      // Shown to the approvers: the office reads the task with the statement's formalities on the round it decides.
      const seen = await http().get(`/api/campaigns/${id}/tasks/key-projects:sx-gxj`).set(as(office));
      expect(seen.status).toBe(200);
      expect(seen.body.status).toBe('submitted');
      expect(seen.body.rounds[0].submission.formalities).toEqual({ outcome: 'none', seal: true, principalSignature: '工信局局长' });
    });
  });
});
