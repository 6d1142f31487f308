import { Alert, Button, Card, Form, Input, Typography } from 'antd';
import { useState } from 'react';
import { useNavigate } from 'react-router-dom';
import { PASSWORD_MIN_LENGTH, PASSWORD_MIN_ZH } from '@eco/domain';
import { errorText, request } from '../api/client';
import { useAuth } from '../auth';
import { NotAvailable } from '../components/States';
import { useEndpoint } from '../hooks';

export function PasswordPage() {
  const available = useEndpoint('changePassword');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [form] = Form.useForm();
  const { logout } = useAuth();
  const navigate = useNavigate();
  return (
    <Card style={{ maxWidth: 480, margin: '0 auto' }}>
      <Typography.Title level={4}>修改密码</Typography.Title>
      {available === false ? <NotAvailable what="修改密码" /> : null}
      {error ? <Alert type="error" showIcon message={error} style={{ marginBottom: 12 }} /> : null}
      <Form
        form={form}
        layout="vertical"
        disabled={!available}
        // A server error (当前密码不正确) is about the values sent: it goes once they change or are sent again.
        onValuesChange={() => setError(null)}
        onFinishFailed={() => setError(null)}
        onFinish={async (v: { currentPassword: string; newPassword: string }) => {
          setBusy(true);
          setError(null);
          try {
            await request('changePassword', { body: { currentPassword: v.currentPassword, newPassword: v.newPassword } });
            // The change ends every session of the account, this one too: sign in again with the new password.
            // said once, on the sign-in page it lands on (a toast as well read twice)
            form.resetFields();
            logout();
            navigate('/login?changed=1', { replace: true });
          } catch (e) {
            setError(errorText(e));
          } finally {
            setBusy(false);
          }
        }}
      >
        <Form.Item name="currentPassword" label="当前密码" rules={[{ required: true, message: '请输入当前密码' }]}>
          <Input.Password autoComplete="current-password" />
        </Form.Item>
        <Form.Item name="newPassword" label="新密码" rules={[{ required: true, message: '请输入新密码' }, { min: PASSWORD_MIN_LENGTH, message: PASSWORD_MIN_ZH }]}>
          <Input.Password autoComplete="new-password" />
        </Form.Item>
        <Form.Item
          name="confirm"
          label="确认新密码"
          dependencies={['newPassword']}
          rules={[{ required: true, message: '请再次输入新密码' }, ({ getFieldValue }) => ({ validator: (_, v) => (v === getFieldValue('newPassword') ? Promise.resolve() : Promise.reject(new Error('两次输入的新密码不一致'))) })]}
        >
          <Input.Password autoComplete="new-password" />
        </Form.Item>
        <Button type="primary" htmlType="submit" loading={busy}>保存</Button>
      </Form>
    </Card>
  );
}
