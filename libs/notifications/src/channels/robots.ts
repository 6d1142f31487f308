/**
 * Group robots. DingTalk custom robot (自定义机器人) with the 加签 security setting: POST
 * `<webhook>&timestamp=<ms>&sign=<urlencode(base64(HmacSHA256(key=secret, "<timestamp>\n<secret>")))>`, body
 * `{ msgtype: 'markdown', markdown: { title, text }, at: { atMobiles, isAtAll } }` (the @mobile must also appear in the
 * text). WeCom group robot (群机器人): POST `<webhook>` (`…/cgi-bin/webhook/send?key=…`), body
 * `{ msgtype: 'text', text: { content, mentioned_mobile_list } }` (markdown messages cannot @ by mobile). Both answer
 * `{ errcode: 0, errmsg: 'ok' }` on success; anything else is a failure (retried by the dispatcher).
 */
import { createHmac } from 'crypto';

export function dingTalkSign(timestamp: number | string, secret: string): string {
  const mac = createHmac('sha256', secret).update(`${timestamp}\n${secret}`, 'utf8').digest('base64');
  return encodeURIComponent(mac);
}

export function dingTalkUrl(webhook: string, secret: string | null, now: number): string {
  if (!secret) return webhook;
  return `${webhook}${webhook.includes('?') ? '&' : '?'}timestamp=${now}&sign=${dingTalkSign(now, secret)}`;
}

export function dingTalkBody(title: string, markdown: string, mobiles: string[]) {
  const at = mobiles.length ? `\n\n${mobiles.map((m) => `@${m}`).join(' ')}` : '';
  return { msgtype: 'markdown', markdown: { title, text: `${markdown}${at}` }, at: { atMobiles: mobiles, isAtAll: false } };
}

export function weComBody(content: string, mobiles: string[]) {
  // text.content is limited to 2048 bytes: cut on a character boundary.
  let c = content;
  while (Buffer.byteLength(c, 'utf8') > 2000) c = c.slice(0, Math.floor(c.length * 0.9));
  if (c !== content) c += '…';
  return { msgtype: 'text', text: { content: c, mentioned_mobile_list: mobiles } };
}

export class RobotError extends Error {}

/** POST JSON; resolves when the robot answers errcode 0. */
export async function postRobot(url: string, body: unknown, timeoutMs = 10000): Promise<void> {
  const res = await fetch(url, { method: 'POST', headers: { 'Content-Type': 'application/json; charset=utf-8' }, body: JSON.stringify(body), signal: AbortSignal.timeout(timeoutMs) });
  const text = await res.text();
  if (!res.ok) throw new RobotError(`HTTP ${res.status}: ${text.slice(0, 200)}`);
  let parsed: { errcode?: number; errmsg?: string } = {};
  try {
    parsed = JSON.parse(text);
  } catch {
    throw new RobotError(`not a robot answer: ${text.slice(0, 200)}`);
  }
  if (parsed.errcode !== 0) throw new RobotError(`errcode ${parsed.errcode}: ${parsed.errmsg ?? ''}`);
}
