import { emailWarning, unavailableWarnings } from './reminder-settings-rules';

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

describe('提醒设置: a ticked channel that reaches nobody now', () => {
  const unavailable = [
    { channel: 'email', reason: '本系统尚未配置邮件服务器，暂不发送电子邮件' },
    { channel: 'sms', reason: '本系统尚未开通短信发送' },
  ];
  it('names each ticked channel the server cannot deliver, with its reason, and once that 站内 still arrives', () => {
    expect(unavailableWarnings(['email', 'sms', 'robot'], unavailable)).toEqual([
      '已勾选电子邮件，但目前无法送达：本系统尚未配置邮件服务器，暂不发送电子邮件。',
      '已勾选短信，但目前无法送达：本系统尚未开通短信发送。提醒仍会出现在本平台「提醒」中。',
    ]);
    expect(unavailableWarnings(['sms'], unavailable)).toEqual(['已勾选短信，但目前无法送达：本系统尚未开通短信发送。提醒仍会出现在本平台「提醒」中。']);
  });
  it('says nothing of channels not ticked, or when every channel is delivered', () => {
    expect(unavailableWarnings(['robot'], unavailable)).toEqual([]);
    expect(unavailableWarnings(['email', 'sms'], [])).toEqual([]);
    expect(unavailableWarnings(undefined, unavailable)).toEqual([]);
  });
});
