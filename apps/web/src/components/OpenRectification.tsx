import { ToolOutlined } from '@ant-design/icons';
import { App, Button, DatePicker, Form, Input, Modal, Select } from 'antd';
import type { Dayjs } from 'dayjs';
import { RECTIFICATION_DUE_HINT } from '@eco/domain';
import { useState } from 'react';
import { useNavigate } from 'react-router-dom';
import { newIdempotencyKey, request } from '../api/client';
import type { ActionResult, TemplateDetail } from '../api/types';
import { notBeforeToday } from './date-rules';
import { completeValues, useSubmit } from '../hooks';

interface Values {
  unitId: string;
  title: string;
  indicatorCode?: string;
  date?: Dayjs;
}

/**
 * 下达整改 (the office): a rectification item against one unit in the current phase — what to put right, optionally
 * the indicator it concerns and by when (a date: the end of that working day, Beijing time; left empty, the engine's
 * default: the phase's due date, at least seven days from now). The unit finds it in 我的待办 and is told at once; the
 * office is taken to the new task.
 */
export function OpenRectification({ campaignId, template, onOpened }: { campaignId: string; template: Pick<TemplateDetail, 'units' | 'indicators'> | null; onOpened: () => void }) {
  const { message } = App.useApp();
  const navigate = useNavigate();
  const [open, setOpen] = useState(false);
  const { busy, error, clear, run } = useSubmit();
  const [form] = Form.useForm<Values>();
  const unitId = Form.useWatch('unitId', form);
  // The indicators the chosen unit leads or supports first, then the rest.
  const indicators = (template?.indicators ?? [])
    .map((i) => ({ value: i.code, label: `${i.code} ${i.name}`, mine: !!unitId && (i.leadUnitIds.includes(unitId) || i.coUnitIds.includes(unitId)) }))
    .sort((a, b) => Number(b.mine) - Number(a.mine));

  async function save() {
    const v = await completeValues(form);
    if (!v) return;
    await run(async () => {
      const body = { unitId: v.unitId, title: v.title.trim(), ...(v.indicatorCode ? { indicatorCode: v.indicatorCode } : {}), ...(v.date ? { dueAt: v.date.format('YYYY-MM-DD') } : {}) };
      const r = await request<ActionResult>('openRectification', { params: { id: campaignId }, body, idempotencyKey: newIdempotencyKey() });
      message.success(`已下达整改「${body.title}」，已通知责任单位`);
      setOpen(false);
      onOpened();
      if (r?.task) navigate(`/campaigns/${encodeURIComponent(campaignId)}/tasks/${encodeURIComponent(r.task.id)}`);
    });
  }

  return (
    <>
      <Button icon={<ToolOutlined />} onClick={() => { form.resetFields(); clear(); setOpen(true); }} data-testid="open-rectification">
        下达整改
      </Button>
      <Modal open={open} title="下达整改" okText="下达" cancelText="取消" confirmLoading={busy} onOk={() => void save()} onCancel={() => setOpen(false)} destroyOnClose okButtonProps={{ 'data-testid': 'rectification-ok' } as never}>
        <Form form={form} layout="vertical" preserve={false}>
          <Form.Item name="unitId" label="责任单位" rules={[{ required: true, message: '请选择责任单位' }]}>
            <Select showSearch optionFilterProp="label" placeholder="选择单位" options={(template?.units ?? []).map((u) => ({ value: u.id, label: u.name }))} data-testid="rectification-unit" />
          </Form.Item>
          <Form.Item name="title" label="整改事项" rules={[{ required: true, whitespace: true, message: '请填写整改事项' }]}>
            <Input.TextArea rows={3} maxLength={1000} placeholder="例如：污水处理厂运行台账不完整，请补齐2026年1—11月记录" data-testid="rectification-title" />
          </Form.Item>
          <Form.Item name="indicatorCode" label="涉及指标（可选）">
            <Select allowClear showSearch optionFilterProp="label" placeholder="选择指标" options={indicators.map(({ value, label }) => ({ value, label }))} data-testid="rectification-indicator" />
          </Form.Item>
          <Form.Item name="date" label={`整改期限（可选；当日23:59，北京时间；${RECTIFICATION_DUE_HINT}）`} rules={[notBeforeToday]}>
            <DatePicker style={{ width: '100%' }} format={['YYYY-MM-DD ddd', 'YYYY-MM-DD']} data-testid="rectification-date" />
          </Form.Item>
          {error ? <div style={{ color: '#cf1322' }} data-testid="rectification-error">{error}</div> : null}
        </Form>
      </Modal>
    </>
  );
}
