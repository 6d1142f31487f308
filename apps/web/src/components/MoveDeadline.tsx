import { TEXT_MAX } from '@eco/domain';
import { CalendarOutlined } from '@ant-design/icons';
import { App, Button, DatePicker, Form, Input, Modal } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useEffect, useState } from 'react';
import { newIdempotencyKey, request } from '../api/client';
import { beijingDate, fmtDate } from '../format';
import { beforeToday, earlierNote, notBeforeToday } from './date-rules';
import { completeValues, useSubmit } from '../hooks';
import { DeadlinePreview } from './DeadlinePreview';
import { keepEnterInField } from './deadline-preview';
import { lengthLimit } from './text-rules';

/** 调整原因: the API's limit, counted and refused here, never cut (text-rules) */
const REASON_LIMIT = lengthLimit('调整原因', TEXT_MAX.moveDeadlines.reason);

/**
 * 调整期限 of one task (the office or a leader; offered where the API lists `moveDeadlines`): a new date — the end of
 * that working day, Beijing time; a non-working day moves to the next working day, which the API says — and a reason,
 * kept in the task's 期限调整 record and the audit. Before 确认调整, the 调整预览 of the node-level and phase dialogs,
 * asked of the API (the engine's own move on the live campaign, nothing kept): the date the task will have (顺延 from a
 * non-working day), the nodes and tasks re-dated with it, the move's warnings (past the phase's end…). Walkthrough: a
 * Saturday picked read 「2027-02-06 周六」, and only the answer after confirming said the deadline went to 02-09 and past
 * the phase's end. Nothing is asked while the date is the task's own or a past one (the field says why).
 */
export function MoveDeadline({ campaignId, taskId, dueAt, onMoved }: { campaignId: string; taskId: string; dueAt: string; onMoved: () => void }) {
  const { message } = App.useApp();
  const [open, setOpen] = useState(false);
  const { busy, error, clear, run } = useSubmit();
  const [form] = Form.useForm<{ date: Dayjs; reason: string }>();
  const date = Form.useWatch('date', form) as Dayjs | undefined;
  // Each opening starts from the task's deadline as it is now. (The dialog does not re-render while closed, so its
  // initial values were those of the first opening: opened again after a move, it showed the old date, and saving
  // moved the deadline back to it.)
  useEffect(() => {
    if (open) form.setFieldsValue({ date: dayjs(beijingDate(dueAt)), reason: undefined });
  }, [open, dueAt, form]);

  const picked = date?.isValid() && date.format('YYYY-MM-DD') !== beijingDate(dueAt) && !beforeToday(date) ? date.format('YYYY-MM-DD') : null;

  async function save() {
    const v = await completeValues(form);
    if (!v) return;
    await run(async () => {
      const r = await request<{ warnings?: string[] }>('moveDeadlines', { params: { id: campaignId }, body: { taskIds: [taskId], dueAt: v.date.format('YYYY-MM-DD'), reason: v.reason }, idempotencyKey: newIdempotencyKey() });
      message.success(r?.warnings?.length ? `期限已调整。${r.warnings.join('；')}` : '期限已调整');
      setOpen(false);
      onMoved();
    });
  }

  return (
    <>
      <Button size="small" type="link" icon={<CalendarOutlined />} onClick={() => { clear(); setOpen(true); }} data-testid="move-deadline">
        调整期限
      </Button>
      <Modal open={open} title="调整期限" okText="确认调整" cancelText="取消" confirmLoading={busy} onOk={() => void save()} onCancel={() => setOpen(false)} okButtonProps={{ 'data-testid': 'move-deadline-ok' } as never}>
        {/* Enter in the date picker picks the date; it does not send the form (调整原因 turned red before it was reached) */}
        <Form form={form} layout="vertical" onKeyDown={keepEnterInField} initialValues={{ date: dayjs(beijingDate(dueAt)) }}>
          <Form.Item name="date" label="新的截止日期（当日23:59，北京时间；非工作日顺延至下一工作日）" rules={[{ required: true, message: '请选择日期' }, notBeforeToday]} extra={earlierNote(date, dueAt, fmtDate)}>
            <DatePicker allowClear={false} style={{ width: '100%' }} format={['YYYY-MM-DD ddd', 'YYYY-MM-DD']} data-testid="move-deadline-date" />
          </Form.Item>
          <DeadlinePreview campaignId={campaignId} body={picked ? { taskIds: [taskId], dueAt: picked } : null} taskId={taskId} testid="move-deadline-preview" />
          <Form.Item name="reason" label="调整原因" rules={[{ required: true, whitespace: true, message: '请填写调整原因（将记入审计）' }, REASON_LIMIT.rule]}>
            <Input.TextArea rows={2} {...REASON_LIMIT.box} placeholder="例如：省厅调整申报时间" data-testid="move-deadline-reason" />
          </Form.Item>
          {error ? <div style={{ color: '#cf1322' }} data-testid="move-deadline-error">{error}</div> : null}
        </Form>
      </Modal>
    </>
  );
}
