import ExcelJS from 'exceljs';

export interface AuditRow {
  seq: number;
  at: string;
  actor: { id: string; name: string; roles: string[]; unitId: string | null };
  onBehalfOf?: string;
  action: string;
  taskId?: string;
  indicatorCode?: string;
  outcome: string;
  reason?: string;
  comment?: string;
  updateId?: string;
  hash: string;
  prevHash: string;
}

const HEADERS = ['序号', '时间(UTC)', '操作人ID', '操作人', '角色', '单位', '代理/转交', '操作', '任务', '指标', '结果', '原因', '意见', '更新ID', '哈希', '前一哈希'];
const OUTCOME: Record<string, string> = { accepted: '已受理', refused: '被拒绝', denied: '无权限' };

function cells(r: AuditRow): (string | number)[] {
  return [r.seq, r.at, r.actor.id, r.actor.name, r.actor.roles.join('|'), r.actor.unitId ?? '', r.onBehalfOf ?? '', r.action, r.taskId ?? '', r.indicatorCode ?? '', OUTCOME[r.outcome] ?? r.outcome, r.reason ?? '', r.comment ?? '', r.updateId ?? '', r.hash, r.prevHash];
}

function csvCell(v: string | number): string {
  const s = String(v);
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

/** UTF-8 CSV with a BOM so Excel opens the Chinese text correctly. */
export function auditCsv(rows: AuditRow[]): Buffer {
  const lines = [HEADERS, ...rows.map(cells)].map((l) => l.map(csvCell).join(','));
  return Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(lines.join('\r\n') + '\r\n', 'utf8')]);
}

export async function auditXlsx(rows: AuditRow[], title: string): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('审计记录');
  ws.addRow([title]);
  ws.addRow(HEADERS).font = { bold: true };
  for (const r of rows) ws.addRow(cells(r));
  ws.columns.forEach((c, i) => (c.width = [6, 24, 14, 12, 14, 16, 14, 16, 28, 8, 8, 30, 30, 20, 20, 20][i] ?? 14));
  return Buffer.from(await wb.xlsx.writeBuffer());
}
