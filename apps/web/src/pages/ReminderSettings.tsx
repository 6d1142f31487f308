import { BellOutlined } from '@ant-design/icons';
import { Alert, App, Button, Card, Checkbox, Form, Input, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { Link } from 'react-router-dom';
import { compactMobile, IN_APP_CHANNEL, MOBILE_PATTERN, MOBILE_RULE_ZH, withInApp } from '@eco/domain';
import { errorText, request } from '../api/client';
import { Loadable } from '../components/States';
import { emailWarning, unavailableWarnings, type UnavailableChannel } from './reminder-settings-rules';
import { useLoad } from '../hooks';

interface Prefs {
  channels: string[];
  email: string | null;
  mobile: string | null;
  /** false while the defaults apply */
  chosen: boolean;
  /** the account has an e-mail address of its own (used when email is empty) */
  accountEmail?: boolean;
  /** channels that reach nobody now, and why (not configured on this deployment, no robot for the unit) */
  unavailable?: UnavailableChannel[];
}

/** The channels a person may choose, in the words they read; 站内 is always on (the web app's 提醒). */
const CHANNELS = [
  { value: 'email', label: '电子邮件' },
  { value: 'sms', label: '短信' },
  { value: 'robot', label: '单位工作群机器人（钉钉 / 企业微信）@我' },
];

/**
 * 提醒设置: where one's reminders, notices and 督办 arrive besides 站内 — e-mail, SMS, the unit's group robot — and the
 * address and mobile number to use (empty: the account's own). Red reminders and 督办 are sent in working hours,
 * the before-deadline ones in the morning digest: said here, where people decide.
 */
export function ReminderSettingsPage() {
  const prefs = useLoad((signal) => request<Prefs>('notificationPrefs', { signal }), []);
  const [form] = Form.useForm<{ channels: string[]; email?: string; mobile?: string }>();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const { message } = App.useApp();
  const channels = Form.useWatch('channels', form);
  const typedEmail = Form.useWatch('email', form);

  useEffect(() => {
    if (prefs.data) form.setFieldsValue({ channels: prefs.data.channels.filter((c) => c !== IN_APP_CHANNEL), email: prefs.data.email ?? '', mobile: prefs.data.mobile ?? '' });
  }, [prefs.data, form]);

  async function save(v: { channels: string[]; email?: string; mobile?: string }) {
    setBusy(true);
    setError(null);
    try {
      const email = v.email?.trim() || null;
      const mobile = (v.mobile && compactMobile(v.mobile)) || null;
      await request('setNotificationPrefs', { body: { channels: withInApp(v.channels ?? []), email, mobile } });
      message.success('提醒设置已保存');
      prefs.reload();
    } catch (e) {
      setError(errorText(e));
    } finally {
      setBusy(false);
    }
  }

  return (
    <Card style={{ maxWidth: 560, margin: '0 auto' }} data-testid="reminder-settings">
      <Typography.Title level={4}><BellOutlined /> 提醒设置</Typography.Title>
      <Loadable {...prefs}>
        {(p: Prefs) => (
          <>
            <Typography.Paragraph type="secondary" style={{ fontSize: 13 }}>
              任务下达、退回、待审批、催办和督办总会出现在本平台的「<Link to="/reminders">提醒</Link>」中。还可以同时通过下列方式接收：逾期提醒和督办在工作时间发送，到期前提醒每个工作日上午汇总发送一次。
              {p.chosen ? null : '（目前为默认设置：站内、电子邮件和单位工作群。）'}
            </Typography.Paragraph>
            {error ? <Alert type="error" showIcon message={error} style={{ marginBottom: 12 }} data-testid="reminder-settings-error" /> : null}
            <Form form={form} layout="vertical" onFinish={(v) => void save(v)} onValuesChange={() => setError(null)}>
              <Form.Item label="站内提醒">
                <Checkbox checked disabled>本平台「提醒」（始终开启）</Checkbox>
              </Form.Item>
              <Form.Item name="channels" label="同时通过">
                <Checkbox.Group
                  options={CHANNELS.map((c) => (p.unavailable?.some((u) => u.channel === c.value) ? { ...c, label: `${c.label}（暂无法送达）` } : c))}
                  style={{ display: 'flex', flexDirection: 'column', gap: 6 }}
                  data-testid="reminder-channels"
                />
              </Form.Item>
              {(() => {
                const off = unavailableWarnings(channels, p.unavailable);
                return off.length ? <Alert type="warning" showIcon message={<>{off.map((w) => <div key={w}>{w}</div>)}</>} style={{ marginBottom: 12 }} data-testid="reminder-channel-off" /> : null;
              })()}
              {(() => {
                // an address matters only where e-mail is sent at all (said above when it is not)
                const warn = p.unavailable?.some((u) => u.channel === 'email') ? null : emailWarning(channels, typedEmail, p.accountEmail);
                return warn ? <Alert type="warning" showIcon message={warn} style={{ marginBottom: 12 }} data-testid="reminder-email-missing" /> : null;
              })()}
              <Form.Item name="email" label="接收邮箱（不填则用账号资料中的邮箱）" rules={[{ type: 'email', message: '邮箱格式不正确，例如 zhangmin@example.gov.cn' }]}>
                <Input maxLength={200} inputMode="email" autoComplete="email" data-testid="reminder-email" />
              </Form.Item>
              <Form.Item
                name="mobile"
                label="手机号（短信和工作群 @ 提醒用；不填则用账号资料中的号码）"
                rules={[{ validator: async (_r, v?: string) => { if (v && !MOBILE_PATTERN.test(compactMobile(v))) throw new Error(MOBILE_RULE_ZH); } }]}
              >
                <Input maxLength={20} inputMode="tel" autoComplete="tel" data-testid="reminder-mobile" />
              </Form.Item>
              <Button type="primary" htmlType="submit" loading={busy} data-testid="reminder-settings-save">保存</Button>
            </Form>
          </>
        )}
      </Loadable>
    </Card>
  );
}
