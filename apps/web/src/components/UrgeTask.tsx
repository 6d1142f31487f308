import { TEXT_MAX } from '@eco/domain';
import { BellOutlined } from '@ant-design/icons';
import { Alert, App, Button, Form, Input, Modal, Tooltip, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { newIdempotencyKey, request } from '../api/client';
import { fmtDateTime } from '../format';
import { completeValues, useSubmit } from '../hooks';
import { urgeWait, type urgeAudience } from './urge-rules';
import { lengthLimit } from './text-rules';

/** 催办留言: the API's limit, counted and refused here, never cut (text-rules) */
const COMMENT_LIMIT = lengthLimit('催办留言', TEXT_MAX.urge.comment);

/**
 * 催办 of one task by hand (the office or a leader; offered where the API lists `urge`): the people the task waits for
 * now get a 【催办】 message at once, with the words given. Once per task per hour: within the hour of the last chase
 * 催办 is disabled, the reason beside it (a phone has no tooltip), until the hour is over. The dialog names the people
 * it reaches (`audience`: 县统计局（王敏）) and warns before sending when nobody would receive it at a place.
 */
export function UrgeTask({ campaignId, taskId, audience, lastUrge, onUrged }: { campaignId: string; taskId: string; audience: ReturnType<typeof urgeAudience>; lastUrge?: { byName: string; at: string }; onUrged: () => void }) {
  const { message } = App.useApp();
  const [open, setOpen] = useState(false);
  const { busy, error, clear, run } = useSubmit();
  const [form] = Form.useForm<{ comment?: string }>();
  const [now, setNow] = useState(() => Date.now());
  const wait = urgeWait(lastUrge, now);
  // offered again once the hour is over, without reloading the page
  useEffect(() => {
    if (!wait) return;
    const timer = setTimeout(() => setNow(Date.now()), Math.max(0, wait.until - Date.now()) + 1000);
    return () => clearTimeout(timer);
  }, [wait?.until]);

  async function send() {
    const v = await completeValues(form);
    if (!v) return;
    await run(async () => {
      await request('urge', { params: { id: campaignId, taskId }, body: { comment: v.comment?.trim() || undefined }, idempotencyKey: newIdempotencyKey() });
      const missed = audience.nobody.map((n) => n.place).join('、');
      if (!audience.to) message.warning(`已登记催办，但${missed}无人接收，已转办公室处理`);
      else if (missed) message.warning(`已催办：${audience.to}；${missed}无人接收`);
      else message.success(`已催办：${audience.to}`);
      setOpen(false);
      onUrged();
    });
  }

  return (
    <>
      <Tooltip title={wait?.reason}>
        <Button size="small" type="link" icon={<BellOutlined />} disabled={!!wait} onClick={() => { form.resetFields(); clear(); setNow(Date.now()); setOpen(true); }} data-testid="urge">
          催办
        </Button>
      </Tooltip>
      {wait ? <Typography.Text type="secondary" style={{ fontSize: 12, display: 'block' }} data-testid="urge-wait">{wait.short}</Typography.Text> : null}
      <Modal open={open} title="催办" okText="发送催办" cancelText="取消" confirmLoading={busy} onOk={() => void send()} onCancel={() => setOpen(false)} destroyOnClose okButtonProps={{ disabled: !!wait, 'data-testid': 'urge-ok' } as never}>
        <Form form={form} layout="vertical" preserve={false}>
          {audience.to ? (
            <Typography.Paragraph>
              将催办：<b data-testid="urge-to">{audience.to}</b>（立即收到站内【催办】，短信、邮件等在工作时间发送）。
            </Typography.Paragraph>
          ) : null}
          {audience.nobody.length ? (
            <Alert
              type="warning"
              showIcon
              style={{ marginBottom: 12 }}
              data-testid="urge-nobody"
              message={audience.to ? '部分催办无人接收' : '当前无人能收到此催办'}
              description={`${audience.nobody.map((n) => `${n.place}：${n.why}`).join('；')}。发送后将记为「无人接收」提醒办公室；请先在人员管理中指定在岗人员。`}
            />
          ) : null}
          {wait ? <Typography.Paragraph type="warning">{wait.reason}</Typography.Paragraph> : lastUrge ? <Typography.Paragraph type="secondary">上次催办：{fmtDateTime(lastUrge.at)}，{lastUrge.byName}。同一任务1小时内只能催办一次。</Typography.Paragraph> : null}
          <Form.Item name="comment" label="催办留言（可选）" rules={[COMMENT_LIMIT.rule]}>
            <Input.TextArea rows={2} {...COMMENT_LIMIT.box} placeholder="例如：请于本周五前报送，逾期将纳入考核" data-testid="urge-comment" />
          </Form.Item>
          {error ? <div style={{ color: '#cf1322' }} data-testid="urge-error">{error}</div> : null}
        </Form>
      </Modal>
    </>
  );
}
