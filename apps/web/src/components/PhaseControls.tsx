import { Alert, App, Button, DatePicker, Form, Input, InputNumber, Modal, Radio, Space } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useEffect, useState } from 'react';
import { campaignNoun, TEXT_MAX } from '@eco/domain';
import { newIdempotencyKey, request } from '../api/client';
import type { CampaignDetail, Task } from '../api/types';
import { beijingDate } from '../format';
import { completeValues, useSubmit } from '../hooks';
import { notBeforeToday } from './date-rules';
import { DeadlinePreview } from './DeadlinePreview';
import { DIALOG_TITLE_STYLE, keepEnterInField } from './deadline-preview';
import { closeEffect, closeEffectText } from './phase-close';
import { lengthLimit } from './text-rules';

/** 调整原因, 结束原因: the API's limits, counted and refused here, never cut (text-rules) */
const MOVE_REASON_LIMIT = lengthLimit('调整原因', TEXT_MAX.moveDeadlines.reason);
const CLOSE_REASON_LIMIT = lengthLimit('结束原因', TEXT_MAX.closePhase.reason);

type Phase = CampaignDetail['phases'][number];
interface MoveValues {
  how: 'days' | 'date';
  days?: number;
  date?: Dayjs;
  reason: string;
}

/**
 * A phase's controls on 活动总览: 调整期限 (the office or a leader — when the province moves its dates: every step of
 * the phase moves by so many working days, or the phase ends on a new date, and what depends on it follows) and, for
 * the office, 结束阶段 of the active phase (early or late, with a reason). Both are recorded in the audit. `tasks`: the
 * campaign's tasks as the page loaded them (undefined while loading), for what 结束阶段 cancels; `taskName`: a task as
 * people tell it apart (its unit where the title does not name it). `canMove` / `canClose`: the campaign detail's
 * actions (moveDeadlines, closePhase: the API's access policy over the campaign's status).
 */
export function PhaseControls({ campaignId, kind, phase, last, canMove, canClose, onChanged, tasks, taskName = (t) => t.title }: { campaignId: string; /** The campaign's kind (本次创建活动 / 本次活动). */ kind: string; phase: Phase; last: boolean; canMove: boolean; canClose: boolean; onChanged: () => void; tasks?: Task[]; taskName?: (t: Task) => string }) {
  const { message } = App.useApp();
  const [dialog, setDialog] = useState<'move' | 'close' | null>(null);
  const { busy, error, clear, run } = useSubmit();
  const [move] = Form.useForm<MoveValues>();
  const [close] = Form.useForm<{ reason: string }>();
  const how = Form.useWatch('how', move);
  const days = Form.useWatch('days', move) as number | null | undefined;
  const date = Form.useWatch('date', move) as Dayjs | undefined;
  // what the dialog would send now (its reason aside), for the preview: nothing while it is incomplete
  const previewBody =
    dialog !== 'move' ? null
    : how === 'days' ? (typeof days === 'number' && Number.isInteger(days) && days !== 0 ? { phase: phase.key, shiftByWorkingDays: days } : null)
    : how === 'date' && date ? { phase: phase.key, dueAt: date.format('YYYY-MM-DD') } : null;

  /** Sends, then says so (with the API's warnings, e.g. a date moved off a holiday) and closes the dialog. */
  const send = (call: () => Promise<{ warnings?: string[] } | undefined>, done: string) =>
    run(async () => {
      const r = await call();
      // the move's warnings stay long enough to be read (a date moved off a holiday, later steps re-dated)
      message.success({ content: r?.warnings?.length ? `${done}。${r.warnings.join('；')}` : done, duration: r?.warnings?.length ? 10 : 3 });
      setDialog(null);
      onChanged();
    });

  async function onMove() {
    const v = await completeValues(move);
    if (!v) return;
    const when = v.how === 'days' ? { shiftByWorkingDays: v.days } : { dueAt: (v.date as Dayjs).format('YYYY-MM-DD') };
    await send(() => request<{ warnings?: string[] }>('moveDeadlines', { params: { id: campaignId }, body: { phase: phase.key, ...when, reason: v.reason }, idempotencyKey: newIdempotencyKey() }), `「${phase.name}」期限已调整`);
  }

  async function onClose() {
    const v = await completeValues(close);
    if (!v) return;
    await send(() => request('closePhase', { params: { id: campaignId }, body: { phase: phase.key, reason: v.reason }, idempotencyKey: newIdempotencyKey() }), `「${phase.name}」已结束`);
  }

  const open = (d: 'move' | 'close') => {
    clear();
    setDialog(d);
  };
  // Each opening starts afresh from the phase as it is now (a closed dialog does not re-render: reset before opening,
  // its initial values were the first opening's — the phase's old date after a move).
  useEffect(() => {
    // afresh, its errors too (a reason refused at the last opening is not red at this one)
    if (dialog === 'move') {
      move.resetFields();
      move.setFieldsValue({ how: 'days', days: 5, date: dayjs(beijingDate(phase.dueAt)) });
    }
    if (dialog === 'close') close.resetFields();
  }, [dialog, phase.dueAt, move, close]);
  return (
    <>
      <Space size={0}>
        {canMove ? <Button size="small" type="link" onClick={() => open('move')} data-testid="phase-move">调整期限</Button> : null}
        {canClose && phase.status === 'active' ? <Button size="small" type="link" danger onClick={() => open('close')} data-testid="phase-close">结束阶段</Button> : null}
      </Space>
      <Modal open={dialog === 'move'} title={<div style={DIALOG_TITLE_STYLE}>{`调整「${phase.name}」的期限`}</div>} okText="确认调整" cancelText="取消" confirmLoading={busy} onOk={() => void onMove()} onCancel={() => setDialog(null)} okButtonProps={{ 'data-testid': 'phase-move-ok' } as never}>
        <Form form={move} layout="vertical" onKeyDown={keepEnterInField} initialValues={{ how: 'days', days: 5, date: dayjs(beijingDate(phase.dueAt)) }}>
          <Form.Item name="how" label="调整方式">
            <Radio.Group options={[{ value: 'days', label: '按工作日顺延（后续节点随之顺延）' }, { value: 'date', label: '指定阶段截止日期' }]} />
          </Form.Item>
          {how === 'date' ? (
            <Form.Item name="date" label="新的阶段截止日期（当日23:59，北京时间；非工作日顺延至下一工作日）" rules={[{ required: true, message: '请选择日期' }, notBeforeToday]}>
              <DatePicker allowClear={false} style={{ width: '100%' }} format={['YYYY-MM-DD ddd', 'YYYY-MM-DD']} data-testid="phase-move-date" />
            </Form.Item>
          ) : (
            <Form.Item name="days" label="顺延工作日数（负数为提前）" rules={[{ required: true, message: '请填写工作日数' }, { validator: async (_, v) => (v === 0 ? Promise.reject(new Error('工作日数不能为 0')) : undefined) }]}>
              <InputNumber min={-2000} max={2000} precision={0} style={{ width: '100%' }} addonAfter="个工作日" data-testid="phase-move-days" />
            </Form.Item>
          )}
          {/* before confirming: each node's date old → new, as the move will set them, and what it will warn of */}
          <DeadlinePreview campaignId={campaignId} body={previewBody} testid="phase-move-preview" />
          <Form.Item name="reason" label="调整原因" rules={[{ required: true, whitespace: true, message: '请填写调整原因（将记入审计）' }, MOVE_REASON_LIMIT.rule]}>
            <Input.TextArea rows={2} {...MOVE_REASON_LIMIT.box} placeholder="例如：省厅通知申报时间推迟" data-testid="phase-move-reason" />
          </Form.Item>
          {error ? <div style={{ color: '#cf1322' }} data-testid="phase-error">{error}</div> : null}
        </Form>
      </Modal>
      <Modal open={dialog === 'close'} title={<div style={DIALOG_TITLE_STYLE}>{`结束「${phase.name}」`}</div>} okText="确认结束" cancelText="取消" confirmLoading={busy} onOk={() => void onClose()} onCancel={() => setDialog(null)} okButtonProps={{ danger: true, 'data-testid': 'phase-close-ok' } as never}>
        <Form form={close} layout="vertical" onKeyDown={keepEnterInField}>
          {last ? <Alert type="error" showIcon style={{ marginBottom: 12 }} message={`这是最后一个阶段：结束后本次${campaignNoun(kind)}即告完成，未完成的任务取消，不能撤销。`} data-testid="phase-close-last" /> : null}
          {/* what the close cancels, counted and named (walkthrough: only 「未完成的任务将被取消」, not how many nor that those under review go too) */}
          <Alert type="warning" showIcon style={{ marginBottom: 12 }} data-testid="phase-close-effect" message={tasks ? closeEffectText(closeEffect(tasks, phase.key), taskName, last) : '正在统计本阶段将被取消的任务…'} />
          <Form.Item name="reason" label="结束原因" extra={last ? undefined : '结束后进入下一阶段。'} rules={[{ required: true, whitespace: true, message: '请填写结束原因（将记入审计）' }, CLOSE_REASON_LIMIT.rule]}>
            <Input.TextArea rows={2} {...CLOSE_REASON_LIMIT.box} placeholder="例如：按省厅要求提前进入申报" data-testid="phase-close-reason" />
          </Form.Item>
          {error ? <div style={{ color: '#cf1322' }}>{error}</div> : null}
        </Form>
      </Modal>
    </>
  );
}
