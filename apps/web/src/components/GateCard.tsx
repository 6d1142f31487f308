import { CheckCircleTwoTone, CloseCircleTwoTone, StopOutlined } from '@ant-design/icons';
import { Alert, App, Button, Card, Form, Input, Modal, Select, Space, Tag, Typography } from 'antd';
import { useState, type ReactNode } from 'react';
import { Link } from 'react-router-dom';
import { chineseReason, errorText, newIdempotencyKey, request } from '../api/client';
import type { TemplateDetail } from '../api/types';
import { useAuth } from '../auth';
import { fmtDateTime } from '../format';
import { useLoad } from '../hooks';
import { taskHref } from '../pages/Inbox';
import { gateOpenCount, loadGate, takenOverText } from './application-readiness';

const KIND_TITLE = { 'binding-indicator': '约束性指标', 'veto-condition': '一票否决情形承诺', certificate: '不涉及证明' } as const;

/**
 * 申报条件 (GET /campaigns/:id/gate): what is missing (binding indicators, veto attestations, certificates) and what
 * blocks the application on a veto condition (单位申报已发生, 办公室核查发现) until a recorded decision lifts it. The
 * office records findings; the office or a leader lifts a condition's blockers with a reason — offered as the campaign
 * detail's actions say (`canRecordFinding`: recordVetoFinding, `canLift`: liftVetoBlock; the API's access policy).
 */
export function GateCard({ campaignId, template, onChanged, canRecordFinding, canLift }: { campaignId: string; template: TemplateDetail | null; onChanged: () => void; canRecordFinding: boolean; canLift: boolean }) {
  const { has, me } = useAuth();
  // A unit opens its own tasks only (another unit's task is 任务不存在或无权查看): other items are named, not linked.
  const opens = (unitId?: string) => !has('unit') || (!!unitId && unitId === me?.unitId);
  const { message } = App.useApp();
  const gate = useLoad((signal) => loadGate(campaignId, signal), [campaignId]);
  const [dialog, setDialog] = useState<{ kind: 'finding' } | { kind: 'lift'; code: string } | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [form] = Form.useForm();
  const vetoes = template?.vetoConditions ?? [];
  const vetoText = (code: string) => vetoes.find((v) => v.code === code)?.text ?? '';

  async function save() {
    if (!dialog) return;
    let v: { code?: string; unitId?: string; finding?: string; reason?: string };
    try {
      v = await form.validateFields();
    } catch {
      return; // the form shows what is missing
    }
    setBusy(true);
    setError(null);
    try {
      if (dialog.kind === 'finding') await request('vetoFinding', { params: { id: campaignId, code: v.code! }, body: { finding: v.finding, unitId: v.unitId || undefined }, idempotencyKey: newIdempotencyKey() });
      else await request('liftVeto', { params: { id: campaignId, code: dialog.code }, body: { reason: v.reason }, idempotencyKey: newIdempotencyKey() });
      message.success(dialog.kind === 'finding' ? '核查发现已记录，申报被阻断' : '已解除该否决情形的阻断');
      setDialog(null);
      gate.reload();
      onChanged();
    } catch (e) {
      setError(errorText(e));
    } finally {
      setBusy(false);
    }
  }

  const g = gate.data;
  const blockers = g?.vetoBlockers ?? [];
  const codes = [...new Set(blockers.map((b) => b.vetoCode))];
  return (
    <Card
      size="small"
      title="申报条件"
      data-testid="gate"
      extra={canRecordFinding && g && vetoes.length ? <Button size="small" icon={<StopOutlined />} onClick={() => { setError(null); setDialog({ kind: 'finding' }); }} data-testid="record-finding">记录核查发现</Button> : null}
    >
      {gate.error ? <Alert type="warning" showIcon message={`无法读取申报条件：${errorText(gate.error)}`} /> : null}
      {g === undefined && !gate.error ? <Typography.Text type="secondary">正在加载…</Typography.Text> : null}
      {g === null ? <Typography.Text type="secondary"><CheckCircleTwoTone /> 此活动无申报条件检查</Typography.Text> : null}
      {g ? (
        <>
          {g.allowed ? <Alert type="success" showIcon message="申报条件已全部满足" data-testid="gate-allowed" /> : <Alert type="warning" showIcon message={`尚有 ${gateOpenCount(g)} 项未满足，暂不能申报`} style={{ marginBottom: 8 }} data-testid="gate-blocked" />}
          {g.takenOver?.length ? (
            <Alert
              type="warning"
              showIcon
              style={{ margin: '8px 0' }}
              message={takenOverText(g.takenOver.length)}
              description={
                <span style={{ fontSize: 12 }}>
                  {g.takenOver.slice(0, 8).map((x) => `${x.kind === 'certificate' ? '不涉及证明 ' : '指标'}${x.code} ${x.name}`).join('、')}
                  {g.takenOver.length > 8 ? ` 等 ${g.takenOver.length} 项` : ''}
                </span>
              }
              data-testid="gate-taken-over"
            />
          ) : null}
          {codes.length ? (
            <div style={{ margin: '8px 0' }} data-testid="veto-blockers">
              <Typography.Text strong>否决情形阻断（{codes.length}）</Typography.Text>
              {codes.map((code) => (
                <div key={code} style={{ border: '1px solid #ffccc7', background: '#fff2f0', borderRadius: 6, padding: 8, marginTop: 6 }} data-testid="veto-blocker" data-code={code}>
                  <Space style={{ width: '100%', justifyContent: 'space-between' }} align="start" wrap>
                    <Typography.Text strong>
                      <CloseCircleTwoTone twoToneColor="#cf1322" /> {code} {blockers.find((b) => b.vetoCode === code)?.condition}
                    </Typography.Text>
                    {canLift ? <Button size="small" danger onClick={() => { setError(null); setDialog({ kind: 'lift', code }); }} data-testid="lift-veto">解除阻断</Button> : null}
                  </Space>
                  {blockers.filter((b) => b.vetoCode === code).map((b) => (
                    <div key={b.id} style={{ fontSize: 13, marginTop: 4 }}>
                      <Tag color={b.source === 'finding' ? 'volcano' : 'red'}>{b.sourceLabel}</Tag>
                      {b.unitName ? `${b.unitName}：` : ''}{b.text ?? ''}
                      <Typography.Text type="secondary" style={{ fontSize: 12 }}> — {b.byName}，{fmtDateTime(b.at)}</Typography.Text>
                      {b.taskId ? <> <Link to={taskHref(campaignId, b.taskId)}>查看任务</Link></> : null}
                    </div>
                  ))}
                </div>
              ))}
            </div>
          ) : null}
          {(['binding-indicator', 'veto-condition', 'certificate'] as const).map((k) => {
            const items = g.missing.filter((m) => m.kind === k);
            if (!items.length) return null;
            return (
              <div key={k} style={{ marginBottom: 8 }}>
                <Typography.Text strong>{KIND_TITLE[k]}（{items.length}）</Typography.Text>
                <ShowMore
                  items={items}
                  first={8}
                  render={(m) => (
                    <div key={m.taskId} style={{ fontSize: 13 }} data-testid="gate-missing" data-code={m.code}>
                      {/* the code and name once: `why` is the reason without them (snapshots older than it: the whole reason) */}
                      <CloseCircleTwoTone twoToneColor="#cf1322" /> {m.opened !== false && opens(m.unitId) ? <Link to={taskHref(campaignId, m.taskId)}>{m.code} {m.name}</Link> : <span>{m.code} {m.name}</span>} <Typography.Text type="secondary" style={{ fontSize: 12 }}>{m.why ?? chineseReason(m.reason)}</Typography.Text>
                    </div>
                  )}
                />
              </div>
            );
          })}
        </>
      ) : null}
      <Modal
        open={dialog !== null}
        title={dialog?.kind === 'lift' ? `解除否决情形 ${dialog.code} 的阻断` : '记录否决情形核查发现'}
        okText={dialog?.kind === 'lift' ? '确认解除' : '记录并阻断申报'}
        cancelText="取消"
        okButtonProps={{ danger: dialog?.kind === 'finding', loading: busy, 'data-testid': 'gate-dialog-ok' } as never}
        onCancel={() => setDialog(null)}
        onOk={() => void save()}
        destroyOnClose
      >
        <Form form={form} layout="vertical" preserve={false}>
          {dialog?.kind === 'finding' ? (
            <>
              <Form.Item name="code" label="否决情形" rules={[{ required: true, message: '请选择否决情形' }]}>
                <Select showSearch optionFilterProp="label" placeholder="选择否决情形" options={vetoes.map((v) => ({ value: v.code, label: `${v.code} ${v.text}` }))} popupMatchSelectWidth={false} data-testid="finding-code" />
              </Form.Item>
              <Form.Item name="unitId" label="涉及单位（可选）">
                <Select allowClear showSearch optionFilterProp="label" placeholder="选择单位" options={(template?.units ?? []).map((u) => ({ value: u.id, label: u.name }))} />
              </Form.Item>
              <Form.Item name="finding" label="核查发现" rules={[{ required: true, whitespace: true, message: '请填写核查发现' }]}>
                <Input.TextArea rows={3} maxLength={2000} placeholder="例如：中央生态环境保护督察通报问题未按期整改" data-testid="finding-text" />
              </Form.Item>
            </>
          ) : dialog?.kind === 'lift' ? (
            <>
              <Typography.Paragraph type="secondary">{vetoText(dialog.code)}</Typography.Paragraph>
              <Form.Item name="reason" label="解除理由（记入审计）" rules={[{ required: true, whitespace: true, message: '请填写解除理由' }]}>
                <Input.TextArea rows={3} maxLength={2000} placeholder="例如：经核实不在近3年内，经领导小组研究解除" data-testid="lift-reason" />
              </Form.Item>
            </>
          ) : null}
          {error ? <Alert type="error" showIcon message={error} data-testid="gate-error" /> : null}
        </Form>
      </Modal>
    </Card>
  );
}

/**
 * The first `first` of a gate list, then 「另有 N 项，展开」 that shows the rest (and 收起) — walkthrough: 「另有 11 项…」
 * could not be opened.
 */
function ShowMore<T>({ items, first, render }: { items: T[]; first: number; render: (item: T) => ReactNode }) {
  const [all, setAll] = useState(false);
  const shown = all ? items : items.slice(0, first);
  return (
    <>
      {shown.map(render)}
      {items.length > first ? (
        <Button type="link" size="small" style={{ padding: 0, fontSize: 12 }} onClick={() => setAll(!all)} data-testid="gate-more">
          {all ? '收起' : `另有 ${items.length - first} 项，展开`}
        </Button>
      ) : null}
    </>
  );
}
