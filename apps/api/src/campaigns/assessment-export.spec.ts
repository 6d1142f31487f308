import ExcelJS from 'exceljs';
import { assessmentXlsx, supervisionXlsx } from './assessment-export';

async function texts(buf: Buffer, sheetName: string): Promise<string[]> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(buf as never);
  const out: string[] = [];
  wb.getWorksheet(sheetName)!.eachRow((row) => out.push(String(row.getCell(1).value ?? '')));
  return out;
}

describe('调度汇总表', () => {
  const cadence = { key: 'monthly', name: '定期调度', every: 'P1M', owner: 'unit', source: '定期或不定期调度创建工作', derived: { every: '按月' } };

  it('says why it is empty before the first period, and where the units × status table is; no setting that no screen has', async () => {
    const rows = await texts(await supervisionXlsx({ campaignId: 'c', name: '泗水县创建', generatedAt: '2026-12-05T02:00:00Z', cadences: [cadence], periods: [] }), '调度汇总');
    expect(rows).toEqual(expect.arrayContaining([expect.stringContaining('尚无已开始的调度周期'), expect.stringContaining('工作方案未写明调度频次，按系统设定执行。')]));
    expect(rows.join('\n')).not.toContain('可在工作方案模板中调整');
  });
});

describe('考核汇总表', () => {
  it('its legend says how an ended campaign is judged: lateness before the end stays 逾期未报, 其他办结 is only what was settled without the unit', async () => {
    const unit = { unitId: 'sx-tjj', unitName: '县统计局', tasks: 11, onTime: 1, late: 0, overdue: 10, pending: 0, other: 0, cancelledAtClose: 0, returns: 0, escalations: 0, assessmentFlags: 0, onTimeRate: 1 / 11 };
    const rows = await texts(await assessmentXlsx({ campaignId: 'c', name: '泗水县创建', generatedAt: '2026-12-05T02:00:00Z', consequences: [], units: [unit] }), '考核汇总');
    const legend = rows.find((r) => r.startsWith('统计时间'))!;
    expect(legend).toContain('已结束（终止、未通过、已完成）的，期限按暂停或结束时判断（暂停中结束的按暂停时）：结束前已过期限仍未报送的计为逾期未报，结束时尚未到期的计为未到期');
    expect(legend).toContain('其他办结：接管前已完成、征求意见期满视为无意见等，未经本单位报送而办结');
  });
});
