import { TEXT_MAX } from '@eco/domain';
import { Alert, App, Button, DatePicker, Form, Input, Modal, Typography } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useEffect, useMemo, useState } from 'react';
import { newIdempotencyKey, request } from '../api/client';
import type { CampaignDetail, Task } from '../api/types';
import { beijingDate, fmtDate } from '../format';
import { completeValues, useSubmit } from '../hooks';
import { DeadlinePreview } from './DeadlinePreview';
import { DIALOG_TITLE_STYLE, keepEnterInField } from './deadline-preview';
import { notBeforeToday } from './date-rules';
import { byDueDate, nodeScope, nodeScopeText, NOT_STARTED_TEXT } from './milestone-move';
import { lengthLimit } from './text-rules';

/** 调整原因: the API's limit, counted and refused here, never cut (text-rules) */
const REASON_LIMIT = lengthLimit('调整原因', TEXT_MAX.moveDeadlines.reason);

type Phase = CampaignDetail['phases'][number];
type Milestone = Phase['milestones'][number];

/**
 * 节点期限 on 活动总览 (the office or a leader: the detail's moveDeadlines): the phase's nodes with their dates, and for
 * each 「调整本节点全部单位期限」 — one date for every task of the node still to be done, in one move (walkthrough:
 * 各责任单位报送材料 for 16 units took 16 dialogs), the tasks already done left as they are and named, a preview of
 * every date it changes before confirming, the move's warnings after. A phase not started has no tasks yet: its nodes
 * move with the phase (调整阶段期限), and the list says so instead of offering the move.
 */
export function MilestoneMove({ campaignId, phase, tasks, taskName = (t) => t.title, onChanged }: { campaignId: string; phase: Phase; tasks?: Task[]; taskName?: (t: Task) => string; onChanged: () => void }) {
  const { message } = App.useApp();
  const [open, setOpen] = useState(false);
  const [node, setNode] = useState<Milestone | null>(null);
  const { busy, error, clear, run } = useSubmit();
  const [form] = Form.useForm<{ date: Dayjs; reason: string }>();
  const date = Form.useWatch('date', form) as Dayjs | undefined;
  const scope = useMemo(() => (node && tasks ? nodeScope(phase.status, node.key, tasks) : null), [node, tasks, phase.status]);
  const openIds = scope?.movable ? scope.open.map((t) => t.id) : null;

  useEffect(() => {
    // afresh, its errors too (a reason refused at the last opening is not red at this one)
    if (node) {
      form.resetFields();
      form.setFieldsValue({ date: dayjs(beijingDate(node.dueAt)) });
    }
  }, [node, form]);

  const pick = (m: Milestone) => {
    clear();
    setNode(m);
  };
  const close = () => {
    setOpen(false);
    setNode(null);
  };

  async function save() {
    if (!node || !openIds) return;
    const v = await completeValues(form);
    if (!v) return;
    const name = node.name;
    await run(async () => {
      const r = await request<{ warnings?: string[] }>('moveDeadlines', { params: { id: campaignId }, body: { taskIds: openIds, dueAt: v.date.format('YYYY-MM-DD'), reason: v.reason }, idempotencyKey: newIdempotencyKey() });
      const done = `「${name}」${openIds.length} 项任务的期限已调整`;
      message.success({ content: r?.warnings?.length ? `${done}。${r.warnings.join('；')}` : done, duration: r?.warnings?.length ? 10 : 3 });
      close();
      onChanged();
    });
  }

  const pending = phase.status === 'pending';
  return (
    <>
      <Button size="small" type="link" onClick={() => { clear(); setOpen(true); }} data-testid="phase-milestones">节点期限</Button>
      <Modal
        open={open}
        width={640}
        title={<div style={DIALOG_TITLE_STYLE}>{node ? `调整「${node.name}」全部单位的期限` : `「${phase.name}」的节点期限`}</div>}
        okText="确认调整"
        cancelText={node ? '返回' : '关闭'}
        confirmLoading={busy}
        onOk={() => void save()}
        onCancel={() => (node ? setNode(null) : close())}
        okButtonProps={{ style: node ? undefined : { display: 'none' }, disabled: !scope?.movable, 'data-testid': 'milestone-move-ok' } as never}
      >
        {!node ? (
          <div data-testid="milestone-list">
            {pending ? <Alert type="info" showIcon style={{ marginBottom: 8 }} message={NOT_STARTED_TEXT} description="本阶段的任务在阶段开始时下达；节点期限请通过本阶段的「调整期限」整体调整（可先预览各节点调整后的日期）。" data-testid="milestone-not-started" /> : null}
            {byDueDate(phase.milestones).map((m) => {
              const s = tasks ? nodeScope(phase.status, m.key, tasks) : null;
              return (
                <div key={m.key} data-testid="milestone-row" data-milestone={m.key} style={{ display: 'flex', gap: 8, alignItems: 'center', padding: '6px 0', borderBottom: '1px solid #f5f5f5' }}>
                  <div style={{ flex: 1, minWidth: 0 }}>
                    <div>{m.name}</div>
                    <Typography.Text type="secondary" style={{ fontSize: 12 }}>截止 {fmtDate(m.dueAt)}{s?.movable ? ` · 未完成 ${s.open.length} 项${s.done.length ? `，已办结 ${s.done.length} 项` : ''}` : ''}</Typography.Text>
                  </div>
                  {!s ? <Typography.Text type="secondary">…</Typography.Text>
                  : s.movable ? <Button size="small" onClick={() => pick(m)} data-testid="milestone-move">调整本节点全部单位期限</Button>
                  : <Typography.Text type="secondary" style={{ fontSize: 12, maxWidth: 200 }} data-testid="milestone-not-movable">{s.why === 'not-started' ? '尚未开始' : s.text}</Typography.Text>}
                </div>
              );
            })}
          </div>
        ) : (
          <Form form={form} layout="vertical" onKeyDown={keepEnterInField}>
            {scope?.movable ? <Alert type="info" showIcon style={{ marginBottom: 12 }} message={nodeScopeText(scope, taskName)} data-testid="milestone-move-scope" /> : <Alert type="warning" showIcon style={{ marginBottom: 12 }} message={scope && !scope.movable ? scope.text : '正在加载任务…'} />}
            <Form.Item name="date" label="新的截止日期（当日23:59，北京时间；非工作日顺延至下一工作日）" rules={[{ required: true, message: '请选择日期' }, notBeforeToday]}>
              <DatePicker allowClear={false} style={{ width: '100%' }} format={['YYYY-MM-DD ddd', 'YYYY-MM-DD']} data-testid="milestone-move-date" />
            </Form.Item>
            <DeadlinePreview campaignId={campaignId} body={openIds && date ? { taskIds: openIds, dueAt: date.format('YYYY-MM-DD') } : null} testid="milestone-move-preview" />
            <Form.Item name="reason" label="调整原因" rules={[{ required: true, whitespace: true, message: '请填写调整原因（将记入审计）' }, REASON_LIMIT.rule]}>
              <Input.TextArea rows={2} {...REASON_LIMIT.box} placeholder="例如：省厅调整材料报送时间" data-testid="milestone-move-reason" />
            </Form.Item>
            {error ? <div style={{ color: '#cf1322' }} data-testid="milestone-move-error">{error}</div> : null}
          </Form>
        )}
      </Modal>
    </>
  );
}
