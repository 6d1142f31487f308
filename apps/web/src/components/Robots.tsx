import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { Alert, App, Button, Form, Input, Modal, Radio, Select, Table, Tag, Typography } from 'antd';
import { useState } from 'react';
import { errorText, request } from '../api/client';
import type { RobotInfo } from '../api/types';
import { completeValues, useLoad, useSubmit } from '../hooks';
import { Loadable } from './States';

export const ROBOT_KIND_LABEL: Record<RobotInfo['kind'], string> = { dingtalk: '钉钉群机器人', wecom: '企业微信群机器人' };
/** The value of 范围 that stands for the organization itself (its robot speaks for every unit without one). */
const WHOLE = '';

interface RobotForm {
  scopeId: string;
  kind: RobotInfo['kind'];
  webhook: string;
  secret?: string;
}

/**
 * 工作群机器人 of the office's organization: which chat groups receive its reminders — a unit's own robot for that unit's
 * tasks (@ its people), else the organization's. The office adds or replaces one (钉钉 with its 加签 secret, or 企业微信)
 * and deletes one; the server keeps each to the office's own organization and its units. Tokens are shown masked. The
 * units no robot speaks for are named (their people read the reminders in the platform, by e-mail or SMS only).
 */
export function RobotsTab({ organization, units, phone }: { organization: { id: string; name: string } | null; units: { value: string; label: string }[]; phone: boolean }) {
  const robots = useLoad((signal) => request<RobotInfo[]>('robots', { signal }), []);
  const { message, modal } = App.useApp();
  const [adding, setAdding] = useState(false);
  const unitName = new Map(units.map((u) => [u.value, u.label]));
  const scopeText = (r: RobotInfo) => (r.scope === 'organization' ? `${organization?.name ?? '本组织'}（全部单位）` : (unitName.get(r.scopeId) ?? r.scopeId));

  function remove(r: RobotInfo) {
    modal.confirm({
      title: `删除「${scopeText(r)}」的${ROBOT_KIND_LABEL[r.kind]}？`,
      content: '删除后该群不再收到提醒。',
      okText: '删除',
      okButtonProps: { danger: true, 'data-testid': 'robot-delete-ok' } as never,
      cancelText: '取消',
      onOk: async () => {
        try {
          await request('deleteRobot', { params: { id: r.id } });
          message.success('已删除');
          robots.reload();
        } catch (e) {
          message.error(errorText(e));
        }
      },
    });
  }

  return (
    <div data-testid="robots-tab">
      <Alert
        type="info"
        showIcon
        style={{ marginBottom: 8 }}
        message="提醒和催办会发到单位的工作群（并@联络员）；单位没有设置时，发到本组织的工作群。"
        description="在钉钉或企业微信群中添加「自定义机器人」，复制其 Webhook 地址（钉钉如开启「加签」，一并复制密钥）填写到这里。"
      />
      <Button type="primary" icon={<PlusOutlined />} style={{ marginBottom: 8 }} onClick={() => setAdding(true)} disabled={!organization} data-testid="add-robot">
        设置机器人
      </Button>
      <Loadable {...robots} empty={(d) => d.length === 0} emptyText="尚未设置工作群机器人">
        {(d) => (
          <>
            <Table<RobotInfo>
              rowKey="id"
              size="small"
              dataSource={d}
              pagination={false}
              data-testid="robots-table"
              onRow={(r) => ({ 'data-testid': 'robot-row', 'data-scope': r.scopeId }) as never}
              columns={[
                { title: '范围', render: (_: unknown, r) => scopeText(r) },
                { title: '类型', dataIndex: 'kind', width: phone ? 90 : 150, render: (k: RobotInfo['kind']) => ROBOT_KIND_LABEL[k] },
                ...(phone ? [] : [{ title: 'Webhook', dataIndex: 'webhook', render: (w: string) => <Typography.Text style={{ fontSize: 12, wordBreak: 'break-all' }}>{w}</Typography.Text> }]),
                { title: '加签', dataIndex: 'signed', width: 70, render: (s: boolean) => (s ? <Tag color="green">已加签</Tag> : '—') },
                { title: '', width: 70, render: (_: unknown, r) => <Button size="small" type="link" danger icon={<DeleteOutlined />} onClick={() => remove(r)} data-testid="robot-delete">删除</Button> },
              ]}
            />
            <Uncovered robots={d} units={units} />
          </>
        )}
      </Loadable>
      {organization ? <RobotDialog open={adding} organizationId={organization.id} units={units} robots={robots.data ?? []} onClose={() => setAdding(false)} onSaved={() => { setAdding(false); robots.reload(); }} /> : null}
    </div>
  );
}

/** The units no robot speaks for: neither their own nor the organization's (of either kind). */
function Uncovered({ robots, units }: { robots: RobotInfo[]; units: { value: string; label: string }[] }) {
  if (robots.some((r) => r.scope === 'organization')) return null;
  const covered = new Set(robots.filter((r) => r.scope === 'unit').map((r) => r.scopeId));
  const missing = units.filter((u) => !covered.has(u.value));
  if (!missing.length) return null;
  return (
    <Typography.Paragraph type="secondary" style={{ marginTop: 8, fontSize: 13 }} data-testid="robots-missing">
      以下 {missing.length} 个单位没有工作群机器人（本组织也未设置），其提醒只在本平台、电子邮件或短信中送达：{missing.map((u) => u.label).join('、')}
    </Typography.Paragraph>
  );
}

/** 设置机器人: the group (a unit, or the whole organization), the kind, its webhook and (钉钉) 加签 secret; one of the same kind and group is replaced. */
function RobotDialog({ open, organizationId, units, robots, onClose, onSaved }: { open: boolean; organizationId: string; units: { value: string; label: string }[]; robots: RobotInfo[]; onClose: () => void; onSaved: () => void }) {
  const [form] = Form.useForm<RobotForm>();
  const { busy, error, clear, run } = useSubmit();
  const { message } = App.useApp();
  const kind = Form.useWatch('kind', form);
  const scopeId = Form.useWatch('scopeId', form);
  const replaces = robots.some((r) => r.kind === kind && (scopeId === WHOLE ? r.scope === 'organization' : r.scope === 'unit' && r.scopeId === scopeId));

  async function save() {
    const v = await completeValues(form);
    if (!v) return;
    const ok = await run(async () => {
      const whole = v.scopeId === WHOLE;
      await request('putRobot', { body: { kind: v.kind, scope: whole ? 'organization' : 'unit', scopeId: whole ? organizationId : v.scopeId, webhook: v.webhook.trim(), ...(v.kind === 'dingtalk' && v.secret?.trim() ? { secret: v.secret.trim() } : {}) } });
    });
    if (ok) {
      message.success('机器人已设置');
      form.resetFields();
      onSaved();
    }
  }

  return (
    <Modal open={open} title="设置工作群机器人" okText="保存" cancelText="取消" confirmLoading={busy} onOk={() => void save()} onCancel={() => { clear(); onClose(); }} okButtonProps={{ 'data-testid': 'robot-ok' } as never} destroyOnClose>
      <Form form={form} layout="vertical" initialValues={{ kind: 'dingtalk', scopeId: WHOLE }} preserve={false}>
        <Form.Item name="scopeId" label="接收提醒的群" extra="选择单位：该单位任务的提醒发到此群；选择本组织：没有设置机器人的单位的提醒发到此群。">
          <Select showSearch optionFilterProp="label" options={[{ value: WHOLE, label: '本组织（全部单位）' }, ...units]} data-testid="robot-scope" />
        </Form.Item>
        <Form.Item name="kind" label="类型">
          <Radio.Group data-testid="robot-kind">
            <Radio value="dingtalk">钉钉</Radio>
            <Radio value="wecom">企业微信</Radio>
          </Radio.Group>
        </Form.Item>
        <Form.Item
          name="webhook"
          label="Webhook 地址"
          rules={[
            { required: true, whitespace: true, message: '请填写机器人的 Webhook 地址' },
            { pattern: /^https?:\/\/\S+$/, message: 'Webhook 地址应以 https:// 开头' },
          ]}
        >
          <Input placeholder={kind === 'wecom' ? 'https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=…' : 'https://oapi.dingtalk.com/robot/send?access_token=…'} data-testid="robot-webhook" />
        </Form.Item>
        {kind === 'dingtalk' ? (
          <Form.Item name="secret" label="加签密钥（如机器人开启了「加签」）">
            <Input.Password placeholder="SEC…" autoComplete="off" data-testid="robot-secret" />
          </Form.Item>
        ) : null}
        {replaces ? <Alert type="warning" showIcon message="该群已有同类型的机器人，保存后将替换原有设置。" data-testid="robot-replaces" /> : null}
        {error ? <Alert type="error" showIcon style={{ marginTop: 8 }} message={error} data-testid="robot-error" /> : null}
      </Form>
    </Modal>
  );
}
