import { isURL } from 'class-validator';
import { HTTP_URL_PATTERN } from './openapi-constraints';

describe('OpenAPI patterns derived from the validation', () => {
  it('every http(s) URL the documented pattern allows is one the validation (isURL, protocol required) accepts', () => {
    const re = new RegExp(HTTP_URL_PATTERN);
    let seed = 14;
    const next = () => {
      seed = (seed + 0x6d2b79f5) | 0;
      let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
      t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
      return (t ^ (t >>> 14)) >>> 0;
    };
    const pick = (chars: string, max: number, min = 0) => Array.from({ length: min + (next() % (max - min + 1)) }, () => chars[next() % chars.length]).join('');
    const label = () => pick('abcz09', 1, 1) + (next() % 2 ? pick('abz09-', 30) + pick('abz09', 1, 1) : '');
    const path = '/ABCxyz019._~=&-';
    const urls: string[] = [];
    for (let i = 0; i < 5000; i++) {
      const host = Array.from({ length: 1 + (next() % 5) }, label).join('.') + (next() % 2 ? '' : `.${pick('abz', 1, 1)}${pick('abz09', 3)}`);
      const port = next() % 3 ? '' : `:${1 + (next() % 9999)}`;
      urls.push(`${next() % 2 ? 'https' : 'http'}://${host}${port}${next() % 2 ? pick(path, 40) : ''}${next() % 3 ? '' : `?${pick('ABCxyz019._~=&-', 30)}`}`.replace(/^(https?:\/\/[^/?]*)([^/?])/, '$1$2'));
    }
    const documented = urls.filter((u) => re.test(u));
    expect(documented.length).toBeGreaterThan(2000);
    const refused = documented.filter((u) => !isURL(u, { require_tld: false, protocols: ['http', 'https'], require_protocol: true }));
    expect(refused).toEqual([]);
    expect(re.test('https://oapi.dingtalk.com/robot/send?access_token=abc')).toBe(true);
    expect(re.test('ftp://x.y')).toBe(false);
  });
});
