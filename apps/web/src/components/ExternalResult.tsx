import { DownloadOutlined, EyeOutlined, MinusCircleOutlined, PaperClipOutlined, PlusOutlined } from '@ant-design/icons';
import { Alert, App, Button, Card, DatePicker, Descriptions, Form, Input, List, Radio, Select, Space, Tag, Typography } from 'antd';
import type { Dayjs } from 'dayjs';
import dayjs from 'dayjs';
import { Link } from 'react-router-dom';
import { campaignNoun, EXTERNAL_OUTCOME_LABEL, STAGE_RECTIFICATION_DUE_HINT, TEXT_MAX } from '@eco/domain';
import { newIdempotencyKey, request } from '../api/client';
import type { RectificationStatus, Task, TaskDetailView, TemplateDetail } from '../api/types';
import { uploadPolicy } from '../directory';
import { canPreview } from './upload-rules';
import { fmtDate, fmtDateTime } from '../format';
import { externalResultTitle, STATUS_COLOR, STATUS_LABEL } from '../labels';
import { completeValues, useLoad, useSubmit } from '../hooks';
import { TaskUploadField, useTaskUploads } from './TaskUploads';
import { taskHref } from '../pages/Inbox';
import { lengthLimit } from './text-rules';

/** 说明: the API's limit, counted and refused here, never cut (text-rules) */
const COMMENT_LIMIT = lengthLimit('说明', TEXT_MAX.recordExternalResult.comment);

type Outcome = keyof typeof EXTERNAL_OUTCOME_LABEL;
const OUTCOME_COLOR: Record<Outcome, string> = { passed: 'success', issues: 'warning', failed: 'error' };
interface Values {
  outcome: Outcome;
  comment?: string;
  findings?: { title: string; unitId?: string; indicatorCode?: string }[];
  dueAt?: Dayjs;
}

/**
 * An external stage's result (预审 / 公示 / 现场核查 / 复核): shown once recorded — outcome, who and when, the findings
 * and the 整改 tasks they opened —; recorded here by the office or an inspector while the stage is open (the API
 * lists `recordExternalResult`). 发现问题 turns each finding into a rectification task of its unit (or of the
 * indicator's lead unit), due on the date given (default: the phase's due date, at least seven days ahead);
 * 发现问题 (整改 tasks go out at once) and 未通过 (ends the campaign) are confirmed first.
 */
/** A file the result carries (its written opinion), as the task page opens one: preview or download. */
export type OpenFile = (file: { name: string; ref: string }, preview: boolean) => void;

export function ExternalResultCard({ campaignId, kind, task, canRecord, unrecorded, paused, template, onRecorded, onOpen }: { campaignId: string; /** The campaign's kind (未通过 ends 本次创建活动 / 本次活动). */ kind: string | undefined; task: TaskDetailView; canRecord: boolean; /** What it says before a result is recorded (task-reading: who records it, or that the campaign ended). */ unrecorded: string; paused: boolean; template: TemplateDetail | null; onRecorded: () => void; onOpen: OpenFile }) {
  const r = task.externalResult;
  const unitName = (id?: string) => (id ? (template?.units.find((u) => u.id === id)?.name ?? id) : undefined);
  // 指标17「…」: the indicator by its name too, not a bare number
  const indicatorText = (code: string) => {
    const name = template?.indicators.find((x) => x.code === code)?.name;
    return name ? `指标${code}「${name}」` : `指标${code}`;
  };
  const rectification = new Map((task.rectifications ?? []).map((x) => [x.taskId, x]));
  // the unit the finding went to: its own, or — recorded without one — its 整改's (the indicator's lead unit)
  const routedUnit = (f: { unitId?: string; routedUnitId?: string }, rect?: string) => f.unitId ?? f.routedUnitId ?? (rect ? rectification.get(rect)?.unitId : null) ?? undefined;
  return (
    <Card title={externalResultTitle(task.kind)} size="small" style={{ marginTop: 12, borderColor: canRecord ? '#1f6f4a' : undefined }} data-testid="external-result">
      {r ? (
        <Space direction="vertical" style={{ width: '100%' }}>
          <Descriptions size="small" column={1}>
            <Descriptions.Item label="结果"><Tag color={OUTCOME_COLOR[r.outcome as Outcome]} data-testid="external-outcome">{EXTERNAL_OUTCOME_LABEL[r.outcome as Outcome] ?? r.outcome}</Tag></Descriptions.Item>
            <Descriptions.Item label="登记人">{r.byName ?? r.by}（{fmtDateTime(r.at)}）</Descriptions.Item>
            {r.comment ? <Descriptions.Item label="说明">{r.comment}</Descriptions.Item> : null}
            {r.evidence?.length ? (
              <Descriptions.Item label="书面意见">
                <Space direction="vertical" size={2} data-testid="external-evidence">
                  {r.evidence.map((e) => (
                    <span key={e.ref}>
                      <PaperClipOutlined /> {e.name}{' '}
                      {canPreview(e.name) ? <Button size="small" type="link" icon={<EyeOutlined />} onClick={() => onOpen(e, true)}>预览</Button> : null}
                      <Button size="small" type="link" icon={<DownloadOutlined />} onClick={() => onOpen(e, false)}>下载</Button>
                    </span>
                  ))}
                </Space>
              </Descriptions.Item>
            ) : null}
          </Descriptions>
          {r.findings.length ? (
            <List
              size="small"
              header={<Typography.Text strong>问题清单及整改任务</Typography.Text>}
              dataSource={r.findings.map((f, i) => ({ f, rect: r.rectificationTaskIds[i] }))}
              renderItem={({ f, rect }, i) => (
                <List.Item data-testid="external-finding">
                  <Space direction="vertical" size={0}>
                    <Typography.Text>{i + 1}. {f.title}</Typography.Text>
                    <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                      {[unitName(routedUnit(f, rect)) ? `责任单位：${unitName(routedUnit(f, rect))}` : null, f.indicatorCode ? indicatorText(f.indicatorCode) : null].filter(Boolean).join(' · ')}
                      {rect ? <> · <Link to={taskHref(campaignId, rect)}>查看整改任务</Link></> : null}
                    </Typography.Text>
                    {rect && rectification.has(rect) ? <RectificationProgress r={rectification.get(rect)!} /> : null}
                  </Space>
                </List.Item>
              )}
            />
          ) : null}
        </Space>
      ) : canRecord ? (
        <RecordForm campaignId={campaignId} kind={kind} task={task} paused={paused} template={template} onRecorded={onRecorded} />
      ) : (
        <Typography.Text type="secondary" data-testid="external-unrecorded">{unrecorded}</Typography.Text>
      )}
    </Card>
  );
}

/** A finding's 整改 as it stands: its status, and when it is (or was) due or done. */
function RectificationProgress({ r }: { r: RectificationStatus }) {
  const done = r.status === 'approved' || r.status === 'cancelled';
  return (
    <Space size={4} wrap style={{ marginTop: 2 }} data-testid="finding-rectification">
      <Tag color={r.overdue && !done ? 'error' : STATUS_COLOR[r.status]} style={{ marginInlineEnd: 0 }}>{r.overdue && !done ? '逾期' : (STATUS_LABEL[r.status] ?? r.statusLabel)}</Tag>
      <Typography.Text type="secondary" style={{ fontSize: 12 }}>{r.completedAt && done ? `${fmtDate(r.completedAt)} 完成` : `期限 ${fmtDate(r.dueAt)}`}</Typography.Text>
    </Space>
  );
}

function RecordForm({ campaignId, kind, task, paused, template, onRecorded }: { campaignId: string; kind: string | undefined; task: Task; paused: boolean; template: TemplateDetail | null; onRecorded: () => void }) {
  const { message, modal } = App.useApp();
  const [form] = Form.useForm<Values>();
  const outcome = Form.useWatch('outcome', form);
  const { busy, error, run } = useSubmit();
  // The written opinion (预审意见, 核查意见 …), uploaded to this stage's task and recorded with the result
  const policy = useLoad(() => uploadPolicy(), []).data;
  const uploads = useTaskUploads(campaignId, task.id, policy);

  const send = (v: Values) =>
    run(async () => {
      const files = uploads.ready.map((f) => f.id);
      const body = {
        stage: task.kind,
        outcome: v.outcome,
        taskId: task.id,
        ...(files.length ? { files } : {}),
        ...(v.comment?.trim() ? { comment: v.comment.trim() } : {}),
        ...(v.outcome === 'issues' ? { findings: (v.findings ?? []).map((f) => ({ title: f.title.trim(), ...(f.unitId ? { unitId: f.unitId } : {}), ...(f.indicatorCode ? { indicatorCode: f.indicatorCode } : {}) })) } : {}),
        ...(v.outcome === 'issues' && v.dueAt ? { dueAt: v.dueAt.format('YYYY-MM-DD') } : {}),
      };
      await request('recordExternalResult', { params: { id: campaignId }, body, idempotencyKey: newIdempotencyKey() });
      message.success('结果已登记');
      onRecorded();
    });

  async function onSubmit() {
    if (uploads.pending) return message.warning('文件仍在上传，请稍候');
    const v = await completeValues(form);
    if (!v) return;
    if (v.outcome === 'issues') {
      // each finding becomes a unit's 整改 task at once, told to its unit: said before, as 报送 asks 确认报送
      const n = v.findings?.length ?? 0;
      modal.confirm({ title: `登记「${EXTERNAL_OUTCOME_LABEL.issues}」`, content: `将为 ${n} 个问题下达整改任务并通知责任单位，登记后不能撤销。确定吗？`, okText: '确定登记', cancelText: '取消', onOk: () => send(v) });
      return;
    }
    if (v.outcome === 'failed') {
      modal.confirm({ title: `登记「${EXTERNAL_OUTCOME_LABEL.failed}」`, content: `登记未通过后，本次${campaignNoun(kind)}将结束，且不能撤销。确定吗？`, okText: '确定登记', okButtonProps: { danger: true }, cancelText: '取消', onOk: () => send(v) });
      return;
    }
    await send(v);
  }

  return (
    <Form form={form} layout="vertical" initialValues={{ outcome: 'passed' }} disabled={paused || busy} data-testid="external-form">
      <Form.Item name="outcome" label="结果" rules={[{ required: true }]}>
        <Radio.Group optionType="button" buttonStyle="solid" options={(Object.keys(EXTERNAL_OUTCOME_LABEL) as Outcome[]).map((k) => ({ value: k, label: EXTERNAL_OUTCOME_LABEL[k] }))} data-testid="external-outcome-choice" />
      </Form.Item>
      {outcome === 'issues' ? (
        <>
          <Form.List name="findings" initialValue={[{ title: '' }]} rules={[{ validator: async (_, v) => (v?.length ? undefined : Promise.reject(new Error('请至少列出一个问题'))) }]}>
            {(fields, { add, remove }, { errors }) => (
              <>
                {fields.map((f, i) => (
                  <Card key={f.key} size="small" style={{ marginBottom: 8 }} title={`问题 ${i + 1}`} extra={fields.length > 1 ? <Button type="text" size="small" danger icon={<MinusCircleOutlined />} onClick={() => remove(f.name)} aria-label="删除此问题">删除</Button> : null} data-testid="finding">
                    <Form.Item name={[f.name, 'title']} label="问题描述" rules={[{ required: true, whitespace: true, message: '请描述问题' }]}>
                      <Input.TextArea rows={2} maxLength={1000} data-testid="finding-title" />
                    </Form.Item>
                    <Form.Item name={[f.name, 'unitId']} label="整改责任单位（不选则为所涉指标的牵头单位；都不选则由领导小组办公室整改）">
                      <Select allowClear showSearch optionFilterProp="label" options={(template?.units ?? []).map((u) => ({ value: u.id, label: u.name }))} data-testid="finding-unit" />
                    </Form.Item>
                    <Form.Item name={[f.name, 'indicatorCode']} label="所涉指标（可选）">
                      <Select allowClear showSearch optionFilterProp="label" options={(template?.indicators ?? []).map((x) => ({ value: x.code, label: `${x.code} ${x.name}` }))} />
                    </Form.Item>
                  </Card>
                ))}
                <Button type="dashed" block icon={<PlusOutlined />} onClick={() => add({ title: '' })} style={{ marginBottom: 8 }}>再加一个问题</Button>
                <Form.ErrorList errors={errors} />
              </>
            )}
          </Form.List>
          <Form.Item name="dueAt" label={`整改期限（${STAGE_RECTIFICATION_DUE_HINT}）`}>
            <DatePicker style={{ width: '100%' }} disabledDate={(d) => d.isBefore(dayjs().add(1, 'day').startOf('day'))} />
          </Form.Item>
        </>
      ) : null}
      <Form.Item name="comment" label="说明（可选）" rules={[COMMENT_LIMIT.rule]}>
        <Input.TextArea rows={2} {...COMMENT_LIMIT.box} placeholder="例如：省厅预审通过" data-testid="external-comment" />
      </Form.Item>
      <Form.Item label="书面意见（可选，如预审意见、核查意见的盖章扫描件）">
        <TaskUploadField uploads={uploads} policy={policy} label="上传书面意见" disabled={paused || busy} />
      </Form.Item>
      {outcome === 'failed' ? <Alert type="error" showIcon style={{ marginBottom: 12 }} message={`登记未通过将结束本次${campaignNoun(kind)}`} data-testid="external-failed-warning" /> : null}
      {error ? <Alert type="error" showIcon style={{ marginBottom: 12 }} message="登记未成功" description={error} data-testid="external-error" /> : null}
      <Button type="primary" loading={busy} onClick={() => void onSubmit()} data-testid="external-submit">登记结果</Button>
    </Form>
  );
}
