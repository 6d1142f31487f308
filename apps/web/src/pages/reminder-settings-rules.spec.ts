import { emailWarning } from './reminder-settings-rules';

describe('提醒设置: e-mail ticked without an address', () => {
  it('says plainly that e-mail is not sent until an address is entered', () => {
    expect(emailWarning(['email', 'robot'], '', false)).toMatch(/在填写接收邮箱之前，提醒不会通过电子邮件发送/);
    expect(emailWarning(['email'], '   ', undefined)).not.toBeNull();
  });
  it('says nothing when an address is typed, the account has one, or e-mail is not ticked', () => {
    expect(emailWarning(['email'], 'a@b.gov.cn', false)).toBeNull();
    expect(emailWarning(['email'], '', true)).toBeNull();
    expect(emailWarning(['sms'], '', false)).toBeNull();
  });
});
