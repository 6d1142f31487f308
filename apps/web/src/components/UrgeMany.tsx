import { BellOutlined } from '@ant-design/icons';
import { Alert, Button, Form, Input, Modal, Progress, Typography } from 'antd';
import { useState } from 'react';
import { LIVE_STATUSES, TEXT_MAX } from '@eco/domain';
import { errorText, newIdempotencyKey, request } from '../api/client';
import type { Task } from '../api/types';
import { useAuth } from '../auth';
import { URGE_SELF, urgeSplit } from './urge-rules';
import { completeValues } from '../hooks';
import { lengthLimit } from './text-rules';

/** 催办留言: the API's limit, counted and refused here, never cut (text-rules) */
const COMMENT_LIMIT = lengthLimit('催办留言', TEXT_MAX.urge.comment);

/** A task someone must act on now: what 催办 accepts (the engine's status: 整改中 reads 审批中; the API still decides, e.g. once per task per hour). */
export function urgeable(t: Task): boolean {
  return LIVE_STATUSES.includes(t.engineStatus) && !t.blockedBy && !t.external;
}

interface Outcome {
  sent: number;
  refused: { title: string; reason: string }[];
}

/**
 * 催办所选 in 任务清单 (the office or a leader): the selected tasks are chased one after another — the API's 催办 of
 * each (the people it waits for get a 【催办】 at once, with the words given) — with progress, then what was sent and
 * what was refused and why (a task chased within the hour, one finished meanwhile).
 */
export function UrgeMany({ campaignId, tasks, onDone }: { campaignId: string; tasks: Task[]; onDone: () => void }) {
  const [open, setOpen] = useState(false);
  const [done, setDone] = useState(0);
  const [sending, setSending] = useState(false);
  const [outcome, setOutcome] = useState<Outcome | null>(null);
  const [form] = Form.useForm<{ comment?: string }>();

  const { me } = useAuth();
  // chased within the hour, or waiting only for the chaser (the office's own tasks): skipped, and said so before
  // sending (the API would refuse each with a 409)
  const { ready, waiting, own } = urgeSplit(tasks, me);

  async function send() {
    // a 催办留言 over the limit is said under the box, and nothing is sent
    const v = await completeValues(form);
    if (!v) return;
    const comment = v.comment?.trim() || undefined;
    setSending(true);
    setDone(0);
    const result: Outcome = { sent: 0, refused: [...own.map((t) => ({ title: t.title, reason: `未发送：${URGE_SELF}` })), ...waiting.map((w) => ({ title: w.task.title, reason: `未发送：${w.short}` }))] };
    for (const t of ready) {
      try {
        await request('urge', { params: { id: campaignId, taskId: t.id }, body: { comment }, idempotencyKey: newIdempotencyKey() });
        result.sent++;
      } catch (e) {
        result.refused.push({ title: t.title, reason: errorText(e) });
      }
      setDone((n) => n + 1);
    }
    setSending(false);
    setOutcome(result);
    onDone();
  }

  function close() {
    if (sending) return;
    setOpen(false);
    setOutcome(null);
  }

  return (
    <>
      <Button icon={<BellOutlined />} disabled={!tasks.length} onClick={() => { form.resetFields(); setOutcome(null); setDone(0); setOpen(true); }} data-testid="urge-selected">
        催办所选{tasks.length ? `（${tasks.length}）` : ''}
      </Button>
      <Modal
        open={open}
        title="催办所选任务"
        okText={outcome ? '完成' : '发送催办'}
        cancelText="取消"
        confirmLoading={sending}
        cancelButtonProps={{ style: outcome ? { display: 'none' } : undefined }}
        onOk={() => (outcome ? close() : void send())}
        onCancel={close}
        destroyOnClose
        okButtonProps={{ 'data-testid': 'urge-selected-ok', disabled: !outcome && !ready.length } as never}
      >
        {outcome ? (
          <div data-testid="urge-selected-outcome">
            <Alert type={outcome.refused.length ? 'warning' : 'success'} showIcon message={`已催办 ${outcome.sent} 项${outcome.refused.length ? `，${outcome.refused.length} 项未发送` : ''}`} />
            {outcome.refused.map((r, i) => (
              <div key={i} style={{ fontSize: 13, marginTop: 6 }}>「{r.title}」：{r.reason}</div>
            ))}
          </div>
        ) : (
          <Form form={form} layout="vertical" preserve={false}>
            <Typography.Paragraph>将催办 {ready.length} 项任务：各任务的待处理人员（单位联络员，或审批中的签批人）立即收到站内【催办】，短信、邮件等在工作时间发送。同一任务1小时内只能催办一次。</Typography.Paragraph>
            {own.length ? <Skipped testId="urge-selected-own" text={`其中 ${own.length} 项正等待您本人（或您所在的办公室、领导）办理，无需催办，将跳过`} titles={own.map((t) => t.title)} /> : null}
            {waiting.length ? (
              <Skipped testId="urge-selected-skipped" text={`其中 ${waiting.length} 项1小时内已催办，将跳过`} titles={waiting.map((w) => w.task.title)} />
            ) : null}
            <Form.Item name="comment" label="催办留言（可选，各任务相同）" rules={[COMMENT_LIMIT.rule]}>
              <Input.TextArea rows={2} {...COMMENT_LIMIT.box} placeholder="例如：请于本周五前报送，逾期将纳入考核" data-testid="urge-selected-comment" />
            </Form.Item>
            {sending ? <Progress percent={Math.round((done / Math.max(ready.length, 1)) * 100)} format={() => `${done}/${ready.length}`} /> : null}
          </Form>
        )}
      </Modal>
    </>
  );
}

/** Selected tasks 催办所选 will not send to, said before sending: why, and the first three by name. */
function Skipped({ testId, text, titles }: { testId: string; text: string; titles: string[] }) {
  return <Alert type="warning" showIcon style={{ marginBottom: 12 }} data-testid={testId} message={`${text}：${titles.slice(0, 3).map((t) => `「${t}」`).join('、')}${titles.length > 3 ? '等' : ''}`} />;
}
