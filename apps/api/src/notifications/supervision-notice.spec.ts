import ExcelJS from 'exceljs';
import { accountabilityText, supervisionNoticeXlsx, supervisionRequirement, type SupervisionNotice } from './supervision-notice';

const notice = (assessment: SupervisionNotice['assessment']): SupervisionNotice => ({
  number: '督〔2026〕000001-1', campaignName: '兖州区创建', unitName: '区统计局', responsibleLeaders: ['张局长'], liaisons: ['李联络员'], taskTitle: '指标4 资料报送', indicatorCode: '4',
  dueAt: Date.parse('2026-11-30T15:59:59.999Z'), overdueWorkingDays: 3, escalationLevel: 2, firstEscalatedAt: null, accountability: [], assessment, issuedAt: Date.parse('2026-12-03T02:00:00Z'), issuer: '兖州区创建办',
});

describe('督办通知单: the consequence of not acting is the plan\'s, never invented', () => {
  it('a plan without an assessment consequence (Yanzhou, Shinan): the report to the leadership group, no 考核', () => {
    const text = supervisionRequirement(notice([]));
    expect(text).toMatch(/逾期未办结的，将报领导小组。$/);
    expect(text).not.toContain('考核');
  });

  it("a plan with one (Sishui): its own words and the assessment it feeds", async () => {
    const a = [{ label: '纳入全县高质量发展综合绩效考核', text: '对未达到创建要求的单位,将严格考核评分,对影响全县创建工作整体进程的实施问责' }];
    // the plan's words, in the notice's Chinese punctuation (the plan's text has half-width commas)
    expect(supervisionRequirement(notice(a))).toContain('将报领导小组，并按创建工作方案“对未达到创建要求的单位，将严格考核评分，对影响全县创建工作整体进程的实施问责”（纳入全县高质量发展综合绩效考核）。');
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(await supervisionNoticeXlsx(notice(a)));
    const cells: string[] = [];
    wb.getWorksheet('督办通知单')!.eachRow((r) => r.eachCell((c) => cells.push(String(c.value ?? ''))));
    expect(cells.join('\n')).toContain('严格考核评分');
    expect(cells.join('\n')).not.toContain('年度考核');
  });
});

describe('督办通知单: the 问责规定 row holds accountability rules only', () => {
  const rowText = async (accountability: string[]) => {
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(await supervisionNoticeXlsx({ ...notice([]), accountability }));
    const cells: string[] = [];
    wb.getWorksheet('督办通知单')!.eachRow((r) => r.eachCell((c) => cells.push(String(c.value ?? ''))));
    return cells[cells.indexOf('问责规定') + 1];
  };

  it("Yanzhou's plan speaks of 调度 and 督查, not 问责: the general rule prints", async () => {
    const yanzhou = [
      '领导小组办公室要切实加强对创建工作的指导和协调，定期或不定期对创建工作进行调度，发现问题及时整改，确保按期完成各项工作任务。',
      '各相关责任部门（单位）要结合创建任务，对照指标，列出时间表，明确措施，细化任务，责任到人，有计划、分步骤地扎实推进，确保创建工作取得实效。',
    ];
    expect(accountabilityText(yanzhou)).toBe('按创建工作方案有关规定执行。');
    expect(await rowText(yanzhou)).toBe('按创建工作方案有关规定执行。');
  });

  it("Sishui's plan has a 问责 sentence: it prints in the plan's words (in Chinese punctuation), its other sentences do not", async () => {
    const sishui = ['泗水县生态文明建设示范区创建工作领导小组将加强对创建工作的督导检查和考核评价,对未达到创建要求的单位,将严格考核评分,对影响全县创建工作整体进程的实施问责。', '各单位要明确专人负责。'];
    expect(await rowText(sishui)).toBe(sishui[0].replace(/,/g, '，'));
  });
});

describe('督办通知单 addressed to several units (a jointly-owned task)', () => {
  it('asks each unit’s 分管负责人 and the units together; one unit is asked as 本单位', () => {
    const joint = supervisionRequirement({ ...notice([]), unitName: '区政府办公室、市生态环境局兖州区分局', unitCount: 2 });
    expect(joint).toMatch(/^请区政府办公室、市生态环境局兖州区分局各单位分管负责人高度重视，督促各单位共同于收到本通知后/);
    expect(supervisionRequirement(notice([]))).toMatch(/^请区统计局分管负责人高度重视，督促本单位于收到本通知后/);
  });
});
