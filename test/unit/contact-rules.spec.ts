import { compactMobile, MOBILE_PATTERN, PHONE_PATTERN, USERNAME_PATTERN } from '@eco/domain';

describe('contact and account rules (one each, for the API and the screens)', () => {
  it('mobile numbers: 6–15 digits with an optional +, as typed with spaces or dashes once compacted', () => {
    expect(MOBILE_PATTERN.test(compactMobile('138 0013-8000'))).toBe(true);
    expect(MOBILE_PATTERN.test('+8613800138000')).toBe(true);
    expect(MOBILE_PATTERN.test('12345')).toBe(false);
    expect(MOBILE_PATTERN.test('1380013800O')).toBe(false);
    expect(MOBILE_PATTERN.test('138 0013 8000')).toBe(false); // the server keeps it compact
  });

  it('phone numbers of an account may keep their spaces and dashes', () => {
    expect(PHONE_PATTERN.test('0537-4211234')).toBe(true);
    expect(PHONE_PATTERN.test('+86 537 421 1234')).toBe(true);
    expect(PHONE_PATTERN.test('电话 4211234')).toBe(false);
  });

  it('login names: lower case, digits and . _ -, starting with a letter or digit', () => {
    expect(USERNAME_PATTERN.test('sx-tjj.wang_f')).toBe(true);
    expect(USERNAME_PATTERN.test('SX-TJJ')).toBe(false);
    expect(USERNAME_PATTERN.test('-tjj')).toBe(false);
    expect(USERNAME_PATTERN.test('a')).toBe(false);
  });
});
