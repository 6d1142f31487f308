import { DEADLINE_CAUSE_LABEL } from '@eco/domain';
import ExcelJS from 'exceljs';
import { auditCsv, AuditNames, AuditRow, auditXlsx, beijingText, detailText } from './audit-export';

const names: AuditNames = {
  campaignKind: 'creation',
  taskTitles: new Map([['materials:sx-tjj', '报送创建基础资料（县统计局）']]),
  unitNames: new Map([['sx-tjj', '县统计局'], ['sx-gxj', '县工信局']]),
  userNames: new Map([['li', '李主任'], ['wang', '王专家']]),
  organizationName: '济宁市泗水县',
};
const row = (over: Partial<AuditRow>): AuditRow => ({
  seq: 1, at: '2027-03-05T06:30:00.000Z', actor: { id: 'office', name: '创建办', roles: ['office'], unitId: null }, action: 'approve', outcome: 'accepted', hash: 'h', prevHash: 'p', ...over,
});

describe('audit export mapping', () => {
  it('shows Beijing time with the weekday', () => {
    expect(beijingText('2027-03-05T06:30:00.000Z')).toBe('2027-03-05 14:30:00 周五');
    expect(beijingText('2027-03-05T17:00:00.000Z')).toBe('2027-03-06 01:00:00 周六');
  });

  it('a 催办 names whom it chased and the people it reached', () => {
    expect(detailText(row({ action: 'urge', detail: { to: ['user:li'] }, reached: ['李主任', '王专家'] }), names)).toBe('催办对象：李主任（li）；已通知：李主任、王专家');
    expect(detailText(row({ action: 'urge', detail: { to: ['user:li'] } }), names)).toBe('催办对象：李主任（li）');
  });

  it('names the transfer target, the added approver and mode, external findings, deadline moves and evidence', () => {
    expect(detailText(row({ action: 'transfer', detail: { stepName: '办公室审核', from: 'role:office', fromHolder: 'role:office', to: 'user:li' } }), names)).toBe(
      '步骤：办公室审核；转交给：李主任（li）；原审批人：领导小组办公室',
    );
    expect(detailText(row({ action: 'addApprover', detail: { userId: 'wang', userName: '王专家', mode: 'co-sign', stepName: '办公室审核' } }), names)).toContain('加签人：王专家（wang）；方式：并加签');
    // refused / denied attempts keep the command as sent: its target is named too (walkthrough: 「转交给：」 and nothing)
    expect(detailText(row({ action: 'transfer', outcome: 'denied', detail: { command: { taskId: 'materials:sx-tjj', toUserId: 'li', reason: '出差', from: 'user:wang' } } }), names)).toBe('转交给：李主任（li）；原审批人：王专家（wang）');
    expect(detailText(row({ action: 'addApprover', outcome: 'refused', detail: { command: { taskId: 'materials:sx-tjj', userId: 'wang', mode: 'before', reason: '加签' } } }), names)).toBe('加签人：王专家（wang）；方式：前加签');
    const ext = detailText(row({ action: 'recordExternalResult', detail: { stage: 'inspection', outcome: 'issues', findings: 1, findingList: [{ title: '台账不全', unitId: 'sx-gxj' }] } }), names);
    expect(ext).toBe('环节：现场核查；结果：发现问题；问题：台账不全（县工信局）');
    // a finding recorded without a unit: the unit its 整改 was routed to (the indicator's lead), from the 整改 task
    const routed = detailText(
      row({ action: 'recordExternalResult', detail: { stage: 'inspection', outcome: 'issues', findings: 2, rectificationTaskIds: ['rect-1', 'rect-2'], findingList: [{ title: '台账不全', unitId: 'sx-gxj' }, { title: '监测数据缺失', indicatorCode: '14' }] } }),
      { ...names, taskUnits: new Map([['rect-1', 'sx-gxj'], ['rect-2', 'sx-tjj']]) },
    );
    expect(routed).toBe('环节：现场核查；结果：发现问题；问题：台账不全（县工信局）；监测数据缺失（整改单位：县统计局）');
    expect(detailText(row({ action: 'moveDeadlines', detail: { moved: [{ taskId: 'materials:sx-tjj', from: Date.parse('2027-03-05T00:00:00Z'), to: Date.parse('2027-03-12T00:00:00Z') }] } }), names)).toBe(
      '报送创建基础资料（县统计局） 2027-03-05 → 2027-03-12',
    );
    expect(detailText(row({ action: 'urge', detail: { to: ['unit:sx-tjj', 'user:li', 'role:office'], status: 'open' } }), names)).toBe('催办对象：县统计局、李主任（li）、领导小组办公室');
    expect(detailText(row({ action: 'submit', detail: { evidence: [{ name: '统计年鉴.pdf', size: 1024, sha256: 'a'.repeat(64) }], signers: [{ id: 'li', name: '李主任' }] } }), names)).toBe(
      '签批人：李主任（li）；附件：统计年鉴.pdf 1024字节 sha256:aaaaaaaaaaaa…',
    );
  });

  it('names the file an upload, a download or a 预览 read, and the 整改 a unit read the stage\'s opinion through', () => {
    expect(detailText(row({ action: 'file-upload', detail: { files: [{ name: '预审意见.pdf' }, { name: '照片.jpg' }] } }), names)).toBe('文件：预审意见.pdf、照片.jpg');
    expect(detailText(row({ action: 'file-preview', detail: { fileId: 'f1', name: '预审意见.pdf', sha256: 'a'.repeat(64), via: 'materials:sx-tjj' } }), names)).toBe('文件：预审意见.pdf；经由：报送创建基础资料（县统计局）');
    expect(detailText(row({ action: 'file-download', detail: { fileId: 'f1', name: '预审意见.pdf' } }), names)).toBe('文件：预审意见.pdf');
  });

  it('names the submission formalities (outcome, seal, principal, projects) and uses the labels the web application shows', () => {
    const text = detailText(row({ action: 'submit', detail: { formalities: { outcome: 'projects', seal: true, projects: [{ name: '泗河生态修复', investment: '1.2亿元' }] } } }), names);
    expect(text).toBe('办理结果：提报项目；已加盖单位公章；重点工程项目：泗河生态修复，1.2亿元');
    expect(detailText(row({ action: 'submit', detail: { formalities: { outcome: 'none', seal: true, principalSignature: '王局长' } } }), names)).toBe('办理结果：无重点工程项目提报；已加盖单位公章；主要负责人签字：王局长');
    const csv = auditCsv([row({ action: 'approve' }), row({ seq: 2, action: 'replanned' })], names).toString('utf8');
    expect(csv).toContain(',审批通过,');
    expect(csv).toContain(',计划调整,');
  });

  it('CSV: BOM, Chinese headers and action names, task titles, unit names, no formula injection', () => {
    const csv = auditCsv(
      [row({ action: 'submit', taskId: 'materials:sx-tjj', actor: { id: 'u1', name: '统计局联络员', roles: ['unit'], unitId: 'sx-tjj' }, comment: '=HYPERLINK("x")' })],
      names,
    ).toString('utf8');
    expect(csv.charCodeAt(0)).toBe(0xfeff);
    const [header, line] = csv.slice(1).split('\r\n');
    expect(header.startsWith('序号,时间（北京时间）,操作,操作人')).toBe(true);
    expect(line).toContain('2027-03-05 14:30:00 周五,报送,统计局联络员,责任单位,县统计局');
    expect(line).toContain('报送创建基础资料（县统计局）');
    expect(line.split(',')[9]).toBe('成功'); // 结果: the action happened (not 已受理)
    const refused = auditCsv([row({ outcome: 'refused' }), row({ seq: 2, outcome: 'denied' })], names).toString('utf8').slice(1).split('\r\n');
    expect([refused[1].split(',')[9], refused[2].split(',')[9]]).toEqual(['被拒绝', '无权限']);
    // as the screen reads them: a refused action was only tried (尝试…), its reason in Chinese (the API's English left out)
    const tried = auditCsv([row({ action: 'urge', outcome: 'denied', reason: '仅领导小组办公室或领导可催办 (only the office or a leader may chase a task)' })], names).toString('utf8').slice(1).split('\r\n')[1].split(',');
    expect([tried[2], tried[10]]).toEqual(['尝试催办', '仅领导小组办公室或领导可催办']);
    expect(line).toContain(`"'=HYPERLINK(""x"")"`);
  });

  it('操作 of the entry that started the campaign reads by its kind: 发起创建活动, 发起巩固提升活动 for a consolidation campaign', () => {
    const started = row({ action: 'campaign-created', actor: { id: 'system', name: '系统', roles: [], unitId: null } });
    const op = (n: AuditNames) => auditCsv([started], n).toString('utf8').slice(1).split('\r\n')[1].split(',')[2];
    expect(op(names)).toBe('发起创建活动');
    expect(op({ ...names, campaignKind: 'consolidation' })).toBe('发起巩固提升活动');
  });

  it('任务 of a plan change or deadline move: how many tasks it touched and the first three by name', () => {
    const many = { ...names, taskTitles: new Map([...names.taskTitles, ['materials:sx-gxj', '报送创建基础资料（县工信局）'], ['materials:sx-jtj', '报送创建基础资料（县交通局）']]) };
    const task = (r: AuditRow) => auditCsv([r], many).toString('utf8').slice(1).split('\r\n')[1].split(',')[7];
    expect(task(row({ action: 'replanned', actor: { id: 'system', name: '系统', roles: [], unitId: null }, detail: { milestone: 'materials', taskIds: ['materials:sx-tjj', 'materials:sx-gxj'] } }))).toBe(
      '2 项任务：报送创建基础资料（县统计局）、报送创建基础资料（县工信局）',
    );
    const moved = ['materials:sx-tjj', 'materials:sx-gxj', 'materials:sx-jtj', 'materials:sx-zfb'].map((id) => ({ id, from: 0, to: 1 }));
    expect(task(row({ action: 'moveDeadlines', detail: { phase: 'mobilization', moved, tasksMoved: 4 } }))).toBe(
      '4 项任务：报送创建基础资料（县统计局）、报送创建基础资料（县工信局）、报送创建基础资料（县交通局） 等',
    );
    expect(task(row({ action: 'campaign-created', detail: {} }))).toBe('');
    // 任务ID: every task it touched, not only the three named
    const ids = (r: AuditRow) => auditCsv([r], many).toString('utf8').slice(1).split('\r\n')[1].split(',')[14];
    expect(ids(row({ action: 'moveDeadlines', detail: { phase: 'mobilization', moved, tasksMoved: 4 } }))).toBe('materials:sx-tjj; materials:sx-gxj; materials:sx-jtj; materials:sx-zfb');
  });

  it('详情 of a deadline change names its category; a re-plan\'s cause (a sentence, already its 原因) is not repeated as one', () => {
    const csv = (r: AuditRow) => auditCsv([r], names).toString('utf8');
    expect(csv(row({ action: 'moveDeadlines', detail: { phase: 'mobilization', moved: [], cause: 'phase-move' } }))).toContain(`原因类别：${DEADLINE_CAUSE_LABEL['phase-move']}`);
    const cause = '「制定印发创建工作方案」于2026年12月7日完成（提前23个工作日）';
    expect(csv(row({ action: 'replanned', reason: `${cause}：「各单位提供指标分解表」期限由…`, detail: { milestone: 'materials', from: 0, to: 1, cause, taskIds: [] } }))).not.toContain('原因类别');
  });

  it('详情 of a phase\'s 调整期限 names the phase, its old and new end (Beijing dates) and how many tasks moved; a resume its working days and shifted tasks', () => {
    const from = Date.parse('2026-11-25T23:59:59.999+08:00');
    const to = Date.parse('2026-12-18T23:59:59.999+08:00');
    const phaseMove = row({ action: 'moveDeadlines', reason: '按省厅调整后的时间节点', detail: { phase: 'mobilization', phaseDueAt: to, phaseDueFrom: from, deltaMs: to - from, tasksMoved: 16, moved: [], milestonesMoved: [], cause: 'phase-move', warnings: [] } });
    expect(detailText(phaseMove, names)).toBe('阶段：动员部署；期限：2026年11月25日（周三）→ 2026年12月18日（周五）；调整任务：16项；原因类别：阶段顺延');
    // recorded before phaseDueFrom: the old end is the new one less the shift
    expect(detailText(row({ action: 'moveDeadlines', detail: { phase: 'mobilization', deltaMs: to - from, phaseDueAt: to, tasksMoved: 0, moved: [], cause: 'phase-move' } }), names)).toBe(
      '阶段：动员部署；期限：2026年11月25日（周三）→ 2026年12月18日（周五）；调整任务：0项；原因类别：阶段顺延',
    );
    expect(detailText(row({ action: 'resume', detail: { pausedMs: 3600_000 * 5, workingDays: 0, tasksShifted: 0 } }), names)).toBe('暂停期间工作日：0；顺延任务：0项（期限不变）');
    expect(detailText(row({ action: 'resume', detail: { pausedMs: 86400_000 * 3, workingDays: 2, tasksShifted: 41 } }), names)).toBe('暂停期间工作日：2；顺延任务：41项');
    expect(detailText(row({ action: 'resume', detail: { pausedMs: 86400_000 * 3 + 3600_000 * 2, tasksShifted: 41 } }), names)).toBe('暂停时长：3天2小时；顺延任务：41项');
    // the same words in the xlsx/CSV's 详情 column
    expect(auditCsv([phaseMove], names).toString('utf8')).toContain('阶段：动员部署；期限：2026年11月25日（周三）→ 2026年12月18日（周五）；调整任务：16项');
  });

  it('xlsx: a real date column in Beijing time, a frozen header and filters', async () => {
    const buf = await auditXlsx([row({ action: 'campaign-created' })], '泗水县创建 审计记录', names);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(buf as any);
    const ws = wb.getWorksheet('审计记录')!;
    expect(ws.views[0]).toMatchObject({ state: 'frozen', ySplit: 2 });
    expect(ws.autoFilter).toBeTruthy();
    const cell = ws.getRow(3).getCell(2);
    expect(cell.value).toBeInstanceOf(Date);
    expect((cell.value as Date).toISOString()).toBe('2027-03-05T14:30:00.000Z'); // wall-clock Beijing time
    expect(cell.numFmt).toBe('yyyy-mm-dd hh:mm:ss');
    expect(ws.getRow(3).getCell(3).value).toBe('发起创建活动');
  });
});
