import { BellOutlined } from '@ant-design/icons';
import { App, Button, Form, Input, Modal, Typography } from 'antd';
import { useState } from 'react';
import { newIdempotencyKey, request } from '../api/client';
import { fmtDateTime } from '../format';
import { completeValues, useSubmit } from '../hooks';

/**
 * 催办 of one task by hand (the office or a leader; offered where the API lists `urge`): the people the task waits for
 * now get a 【催办】 message at once, with the words given. Once per task per hour: the API's refusal names the last one.
 */
export function UrgeTask({ campaignId, taskId, waiting, lastUrge, onUrged }: { campaignId: string; taskId: string; waiting: string; lastUrge?: { byName: string; at: string }; onUrged: () => void }) {
  const { message } = App.useApp();
  const [open, setOpen] = useState(false);
  const { busy, error, clear, run } = useSubmit();
  const [form] = Form.useForm<{ comment?: string }>();

  async function send() {
    const v = await completeValues(form);
    if (!v) return;
    await run(async () => {
      await request('urge', { params: { id: campaignId, taskId }, body: { comment: v.comment?.trim() || undefined }, idempotencyKey: newIdempotencyKey() });
      message.success(`已催办：${waiting}`);
      setOpen(false);
      onUrged();
    });
  }

  return (
    <>
      <Button size="small" type="link" icon={<BellOutlined />} onClick={() => { form.resetFields(); clear(); setOpen(true); }} data-testid="urge">
        催办
      </Button>
      <Modal open={open} title="催办" okText="发送催办" cancelText="取消" confirmLoading={busy} onOk={() => void send()} onCancel={() => setOpen(false)} destroyOnClose okButtonProps={{ 'data-testid': 'urge-ok' } as never}>
        <Form form={form} layout="vertical" preserve={false}>
          <Typography.Paragraph>
            将催办：<b data-testid="urge-to">{waiting}</b>（立即收到站内【催办】，短信、邮件等在工作时间发送）。
          </Typography.Paragraph>
          {lastUrge ? <Typography.Paragraph type="secondary">上次催办：{fmtDateTime(lastUrge.at)}，{lastUrge.byName}。同一任务1小时内只能催办一次。</Typography.Paragraph> : null}
          <Form.Item name="comment" label="催办留言（可选）">
            <Input.TextArea rows={2} maxLength={500} placeholder="例如：请于本周五前报送，逾期将纳入考核" data-testid="urge-comment" />
          </Form.Item>
          {error ? <div style={{ color: '#cf1322' }} data-testid="urge-error">{error}</div> : null}
        </Form>
      </Modal>
    </>
  );
}
