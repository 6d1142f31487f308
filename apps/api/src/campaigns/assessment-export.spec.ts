import ExcelJS from 'exceljs';
import { supervisionXlsx } from './assessment-export';

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
