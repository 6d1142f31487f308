import { compactMobile, MOBILE_PATTERN } from './contact-rules';

describe('a mobile number reminders are sent to', () => {
  it('is a mainland mobile: 11 digits starting with 1 (+86 allowed)', () => {
    for (const ok of ['13800138000', '19912345678', '+8613800138000', '8613800138000', compactMobile('138 0013-8000')]) expect(MOBILE_PATTERN.test(ok)).toBe(true);
  });
  it('refuses a short, long or landline number', () => {
    for (const bad of ['1380013', '138001380001', '23800138000', '05375551234', '+1380013', '1380013800a']) expect(MOBILE_PATTERN.test(bad)).toBe(false);
  });
});
