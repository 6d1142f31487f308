import { LockOutlined, UserOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Form, Input, Typography } from 'antd';
import { useState } from 'react';
import { Navigate, useNavigate, useSearchParams } from 'react-router-dom';
import { useAuth } from '../auth';
import { Logo } from '../components/Logo';
import { loginErrorText } from './login-error';

/** Only same-site paths are followed after login. */
function safeNext(next: string | null): string {
  return next && next.startsWith('/') && !next.startsWith('//') && !next.startsWith('/login') ? next : '/inbox';
}

export function LoginPage() {
  const { me, login } = useAuth();
  const [params] = useSearchParams();
  const navigate = useNavigate();
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const next = safeNext(params.get('next'));
  if (me) return <Navigate to={next} replace />;
  return (
    <div style={{ minHeight: '100vh', display: 'flex', alignItems: 'center', justifyContent: 'center', padding: 16, background: 'linear-gradient(160deg,#1f6f4a 0%,#3d8b65 45%,#eef5f0 45%)' }}>
      <Card style={{ width: '100%', maxWidth: 400, boxShadow: '0 8px 28px rgba(0,0,0,.12)' }}>
        <div style={{ textAlign: 'center', marginBottom: 20 }}>
          <Logo size={52} />
          <Typography.Title level={3} style={{ margin: '4px 0' }}>生态文明建设示范区创建</Typography.Title>
          <Typography.Text type="secondary">工作任务报送与签批平台</Typography.Text>
        </div>
        {params.get('expired') ? <Alert type="warning" showIcon message="登录已过期，请重新登录，登录后将回到原页面。" style={{ marginBottom: 16 }} /> : null}
        {params.get('changed') ? <Alert type="success" showIcon message="密码已修改，请用新密码登录。" style={{ marginBottom: 16 }} data-testid="password-changed" /> : null}
        {error ? <Alert type="error" showIcon message={error} style={{ marginBottom: 16 }} data-testid="login-error" /> : null}
        <Form
          layout="vertical"
          size="large"
          onFinish={async (v: { username: string; password: string }) => {
            setBusy(true);
            setError(null);
            try {
              await login(v.username.trim(), v.password);
              navigate(next, { replace: true });
            } catch (e) {
              setError(loginErrorText(e)); // by the API's refusal code, never its words
            } finally {
              setBusy(false);
            }
          }}
        >
          <Form.Item name="username" label="用户名" rules={[{ required: true, message: '请输入用户名' }]}>
            <Input prefix={<UserOutlined />} placeholder="请输入用户名" autoComplete="username" autoCapitalize="off" />
          </Form.Item>
          <Form.Item name="password" label="密码" rules={[{ required: true, message: '请输入密码' }]}>
            <Input.Password prefix={<LockOutlined />} placeholder="密码" autoComplete="current-password" />
          </Form.Item>
          <Button type="primary" htmlType="submit" block loading={busy}>登录</Button>
        </Form>
      </Card>
    </div>
  );
}
