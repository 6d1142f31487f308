/**
 * 共 N 项 of the list, and how many of them are cancelled where the list has them (no 状态 or 逾期 filter): counted
 * against the campaign's total (which leaves them out) when nothing else narrows the list — 「含已取消的任务」 with
 * none cancelled read as the opposite of the campaign card's 「不含已取消」.
 */
export function totalText(n: number, o: { filtered: boolean; byState: boolean; campaignTotal?: number }): string {
  if (o.byState) return `共 ${n} 项`;
  if (o.filtered || o.campaignTotal === undefined) return `共 ${n} 项（含已取消的任务）`;
  const cancelled = n - o.campaignTotal;
  return cancelled > 0 ? `共 ${n} 项（含已取消 ${cancelled} 项）` : `共 ${n} 项`;
}
