import { DEFAULT_CHANNELS, IN_APP_CHANNEL, REMINDER_CHANNELS, withInApp } from './reminder-channels';

describe('reminder channels', () => {
  it('in-app is always on: first, once, whatever was chosen', () => {
    expect(withInApp([])).toEqual([IN_APP_CHANNEL]);
    expect(withInApp(['sms', 'email'])).toEqual(['inapp', 'sms', 'email']);
    expect(withInApp(['email', 'inapp', 'email'])).toEqual(['inapp', 'email']);
  });

  it('the defaults are chosen channels, in-app among them, SMS opt-in', () => {
    expect(DEFAULT_CHANNELS.every((c) => REMINDER_CHANNELS.includes(c))).toBe(true);
    expect(DEFAULT_CHANNELS).toContain(IN_APP_CHANNEL);
    expect(DEFAULT_CHANNELS).not.toContain('sms');
  });
});
