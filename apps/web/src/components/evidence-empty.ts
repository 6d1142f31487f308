/**
 * What an empty 支撑材料 says. Nothing sent yet, but files uploaded and not sent (the 报送 draft, in 「办理」 above):
 * not 暂无附件 beside them (walkthrough) — 「暂无已报送的附件（有 2 个待报送文件，见上方「办理」）」. An external
 * task's written opinion is in its result card.
 */
export function evidenceEmptyText(o: { externalResult?: string | null; unsent: number }): string {
  if (o.externalResult) return `书面意见见「${o.externalResult}」`;
  return o.unsent > 0 ? `暂无已报送的附件（有 ${o.unsent} 个待报送文件，见上方「办理」）` : '暂无附件';
}

/** The draft's files as the form holds them: uploaded, not carried from the last submission, not refused. */
export function unsentCount(files: readonly { carried?: boolean; error?: string; progress?: number }[]): number {
  return files.filter((f) => !f.carried && !f.error && f.progress === 100).length;
}
