import { channelConfigured } from './notify-config';

describe('channelConfigured: which external channels a deployment delivers', () => {
  it('e-mail with an SMTP URL, SMS with a gateway URL, robots unless switched off', () => {
    const none = { NOTIFY_SMTP_URL: undefined, NOTIFY_SMS_URL: undefined, NOTIFY_ROBOTS: true };
    expect((['email', 'sms', 'robot'] as const).map((c) => channelConfigured(none, c))).toEqual([false, false, true]);
    const all = { NOTIFY_SMTP_URL: 'smtp://127.0.0.1:2525', NOTIFY_SMS_URL: 'http://127.0.0.1:9000/sms', NOTIFY_ROBOTS: false };
    expect((['email', 'sms', 'robot'] as const).map((c) => channelConfigured(all, c))).toEqual([true, true, false]);
  });
});
