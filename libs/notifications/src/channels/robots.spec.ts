import { createHmac } from 'crypto';
import { dingTalkBody, dingTalkSign, dingTalkUrl, weComBody } from './robots';

describe('DingTalk signed requests and robot message formats', () => {
  it('sign = urlencode(base64(HmacSHA256(secret, "timestamp\\nsecret")))', () => {
    const secret = 'SECabc123';
    const ts = 1700000000000;
    const expected = createHmac('sha256', secret).update(`${ts}\n${secret}`).digest('base64');
    expect(decodeURIComponent(dingTalkSign(ts, secret))).toBe(expected);
    expect(dingTalkSign(ts, secret)).not.toMatch(/[+/=]/);
    const url = new URL(dingTalkUrl('http://127.0.0.1:1/robot/send?access_token=t', secret, ts));
    expect(url.searchParams.get('timestamp')).toBe(String(ts));
    expect(url.searchParams.get('sign')).toBe(expected);
  });
  it('markdown with @mobiles in text and at.atMobiles; WeCom text with mentioned_mobile_list', () => {
    expect(dingTalkBody('t', '#### 督办', ['13800000000'])).toEqual({ msgtype: 'markdown', markdown: { title: 't', text: '#### 督办\n\n@13800000000' }, at: { atMobiles: ['13800000000'], isAtAll: false } });
    const w = weComBody('很长'.repeat(2000), ['13900000000']);
    expect(Buffer.byteLength(w.text.content)).toBeLessThanOrEqual(2048);
    expect(w.text.mentioned_mobile_list).toEqual(['13900000000']);
  });
});
