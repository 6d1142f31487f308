/**
 * A refusal's reason as people read it: the API's reasons are `中文 (english)` (the English for logs and API clients);
 * the Chinese part alone, or the text as it is when it has no such form. Pure (the engine's notices read it too).
 */
export function chineseReason(msg: string): string {
  const m = /^(.*?[\u4e00-\u9fff].*?)\s*[(（][^()（）]*[a-zA-Z][^()（）]*[)）]\s*$/.exec(msg.trim());
  if (m) return m[1].trim();
  const slash = /^(.*?)\s+\/\s+(.*[\u4e00-\u9fff].*)$/.exec(msg);
  if (slash && !/[\u4e00-\u9fff]/.test(slash[1])) return slash[2].trim();
  return msg;
}
