import { Alert, App, Form, Input, Modal, Select } from 'antd';
import { useEffect } from 'react';
import { PASSWORD_MIN_LENGTH, PASSWORD_MIN_ZH, PHONE_PATTERN, PHONE_RULE_ZH, USERNAME_PATTERN, USERNAME_RULE_ZH } from '@eco/domain';
import { newIdempotencyKey, request } from '../api/client';
import type { Role, UserInfo } from '../api/types';
import { useAuth } from '../auth';
import { completeValues, useSubmit } from '../hooks';
import { ROLE_LABEL } from '../labels';

interface NewUser {
  name: string;
  username: string;
  password: string;
  unitId?: string;
  roles?: Role[];
  organizationId?: string;
  email?: string;
  phone?: string;
}

/**
 * 新建用户: the office creates its units' accounts (a liaison, a unit leader) in its own organization — the API allows
 * it no other role; the administrator picks roles and the organization. The initial password is told to the person,
 * who changes it under 修改密码.
 */
export function CreateUserDialog({ open, unitId, units, onClose, onCreated }: { open: boolean; unitId?: string; units: { value: string; label: string }[]; onClose: () => void; onCreated: (u: UserInfo) => void }) {
  const { has } = useAuth();
  const admin = has('admin');
  const { message } = App.useApp();
  const [form] = Form.useForm<NewUser>();
  const { busy, error, clear, run } = useSubmit();
  const roles = Form.useWatch('roles', form);
  useEffect(() => {
    if (open) clear(); // a new dialog, not the last one's refusal
  }, [open, clear]);
  const needsUnit = !admin || (roles ?? []).includes('unit');

  async function save() {
    const v = await completeValues(form);
    if (!v) return;
    await run(async () => {
      const body = {
        name: v.name.trim(),
        username: v.username.trim(),
        password: v.password,
        roles: admin ? (v.roles ?? []) : ['unit'],
        ...(needsUnit ? { unitId: v.unitId } : {}),
        ...(admin && v.organizationId ? { organizationId: v.organizationId.trim() } : {}),
        ...(v.email?.trim() ? { email: v.email.trim() } : {}),
        ...(v.phone?.trim() ? { phone: v.phone.trim() } : {}),
      };
      const created = await request<UserInfo>('createUser', { body, idempotencyKey: newIdempotencyKey() });
      message.success(`已新建用户「${created.name}」，请将用户名和初始密码告知本人`);
      onCreated(created);
    });
  }

  return (
    <Modal open={open} title="新建用户" okText="新建" cancelText="取消" confirmLoading={busy} destroyOnClose onOk={() => void save()} onCancel={onClose} okButtonProps={{ 'data-testid': 'create-user-ok' } as never}>
      <Form form={form} layout="vertical" preserve={false} initialValues={{ unitId, roles: ['unit'] }} data-testid="create-user-form">
        <Form.Item name="name" label="姓名（含单位或职务，便于识别）" rules={[{ required: true, whitespace: true, message: '请填写姓名' }]}>
          <Input maxLength={100} placeholder="例如：王芳（县统计局联络员）" data-testid="new-user-name" />
        </Form.Item>
        <Form.Item name="username" label="用户名（登录用，小写字母、数字、. _ -）" rules={[{ required: true, message: '请填写用户名' }, { pattern: USERNAME_PATTERN, message: USERNAME_RULE_ZH }]}>
          <Input maxLength={64} placeholder="例如 sx-tjj-wangf" autoComplete="off" data-testid="new-user-username" />
        </Form.Item>
        <Form.Item name="password" label={`初始密码（至少 ${PASSWORD_MIN_LENGTH} 位）`} rules={[{ required: true, message: '请填写初始密码' }, { min: PASSWORD_MIN_LENGTH, message: PASSWORD_MIN_ZH }]}>
          <Input.Password maxLength={200} autoComplete="new-password" data-testid="new-user-password" />
        </Form.Item>
        {admin ? (
          <>
            <Form.Item name="roles" label="角色" rules={[{ required: true, message: '请选择角色' }]}>
              <Select mode="multiple" options={Object.entries(ROLE_LABEL).map(([value, label]) => ({ value, label }))} />
            </Form.Item>
            <Form.Item name="organizationId" label="所属组织（组织 id；管理员账号可不填）">
              <Input maxLength={64} />
            </Form.Item>
          </>
        ) : null}
        {needsUnit ? (
          <Form.Item name="unitId" label="所属单位" rules={[{ required: true, message: '请选择所属单位' }]}>
            {units.length ? <Select showSearch optionFilterProp="label" options={units} placeholder="选择单位" data-testid="new-user-unit" /> : <Input maxLength={64} placeholder="单位 id（见模板的单位表）" data-testid="new-user-unit" />}
          </Form.Item>
        ) : null}
        <Form.Item name="phone" label="手机（可选，用于联络）" rules={[{ pattern: PHONE_PATTERN, message: PHONE_RULE_ZH }]}>
          <Input maxLength={20} />
        </Form.Item>
        <Form.Item name="email" label="邮箱（可选，接收任务通知和提醒）" rules={[{ type: 'email', message: '邮箱格式不正确，例如 zhangmin@example.gov.cn' }]}>
          <Input maxLength={200} data-testid="new-user-email" />
        </Form.Item>
        {error ? <Alert type="error" showIcon message="未能新建" description={error} data-testid="create-user-error" /> : null}
      </Form>
    </Modal>
  );
}

/** 重置密码: a new password for someone who forgot theirs (their sessions end); told to them, changed by them. */
export function ResetPasswordDialog({ user, onClose }: { user: UserInfo | null; onClose: () => void }) {
  const { message } = App.useApp();
  const [form] = Form.useForm<{ password: string }>();
  const { busy, error, clear, run } = useSubmit();
  useEffect(() => clear(), [user, clear]);
  return (
    <Modal
      open={user !== null}
      title={user ? `重置「${user.name}」的密码` : ''}
      okText="重置"
      cancelText="取消"
      confirmLoading={busy}
      destroyOnClose
      onCancel={onClose}
      onOk={async () => {
        const v = user ? await completeValues(form) : null;
        if (!user || !v) return;
        await run(async () => {
          await request('resetPassword', { params: { id: user.id }, body: { password: v.password }, idempotencyKey: newIdempotencyKey() });
          message.success('密码已重置，请告知本人并提醒其登录后修改');
          onClose();
        });
      }}
    >
      <Form form={form} layout="vertical" preserve={false}>
        <Form.Item name="password" label={`新密码（至少 ${PASSWORD_MIN_LENGTH} 位）`} rules={[{ required: true, message: '请填写新密码' }, { min: PASSWORD_MIN_LENGTH, message: PASSWORD_MIN_ZH }]}>
          <Input.Password maxLength={200} autoComplete="new-password" data-testid="reset-password" />
        </Form.Item>
        {error ? <Alert type="error" showIcon message={error} /> : null}
      </Form>
    </Modal>
  );
}
