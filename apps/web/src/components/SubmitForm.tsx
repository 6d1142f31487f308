import { SendOutlined } from '@ant-design/icons';
import { Alert, App, Button, Card, Checkbox, Col, Form, Input, Radio, Row, Space, Typography, type FormInstance } from 'antd';
import { useEffect, useMemo, useState } from 'react';
import { chinesePunctuation, isSealedStatement, TEXT_MAX } from '@eco/domain';
import type { IndicatorInfo, RequiredFormalities, TaskDetailView, UploadPolicy } from '../api/types';
import { useAuth } from '../auth';
import { FORMALITY_LABEL, formalitiesText } from '../labels';
import { NotAvailable } from './States';
import { fileIdOf, type Evidence } from './TaskEvidence';
import { PendingContributions, pendingContributions } from './TaskContributions';
import { TaskUploadField, type UploadEntry, type useTaskUploads } from './TaskUploads';
import { draftText, readDraft, sentFilesText } from './submit-draft';
import { formalitiesOf, lastFormalities, needs, outcomeLabels, type SubmitValues } from './submit-formalities';
import { lengthLimit } from './text-rules';

/** 报送说明: the API's limit, counted and refused here, never cut (text-rules) */
const COMMENT_LIMIT = lengthLimit('报送说明', TEXT_MAX.submit.comment);

type Uploads = ReturnType<typeof useTaskUploads>;

/**
 * The 报送 form's files and 报送说明 across reloads and devices. A returned task's files start from what was sent last
 * time (a liaison on a phone may not have the scans at hand again); each can be removed, and new ones added. Files
 * uploaded but not yet sent are the server's 报送 draft (GET …/files?draft=true): the form shows them on any device and
 * after any sign-in (walkthrough: uploaded on the desktop, the phone showed 暂无附件 and an empty list), and 移除 deletes
 * them there. The 报送说明 typed survives a reload (a liaison on a phone switches to WeChat for the next scan and the
 * browser drops the page) and a sign-in again: kept on this device per person and task (submit-draft.ts) until the task
 * is sent or the words cleared. Returns the kept 报送说明, read at once so the form starts with it.
 */
export function useSubmitDraft(id: string, taskId: string, task: TaskDetailView | undefined, uploads: Pick<Uploads, 'setFiles' | 'loadDraft'>, form: FormInstance): { comment?: string } {
  const { me } = useAuth();
  const { setFiles, loadDraft } = uploads;
  // Once per returned round: a reload of the same round keeps what the user has changed since.
  const returnedKey = task?.status === 'returned' ? `${task.id}|${task.rounds.length}` : undefined;
  const lastRound = task?.rounds[task.rounds.length - 1];
  useEffect(() => {
    if (!returnedKey || !lastRound) return;
    const sent = (lastRound.submission.evidence as Evidence[]).flatMap((e) => {
      const fileId = fileIdOf(e);
      return fileId ? [{ id: fileId, name: e.name, size: e.size ?? 0, ...(e.sha256 ? { sha256: e.sha256 } : {}), progress: 100, carried: true }] : []; // files, not links
    });
    setFiles(sent);
  }, [returnedKey]); // not lastRound: a reload gives a new object of the same round

  // A draft is kept while the task is being prepared; once it is sent (here, in another tab, or by a colleague) it is
  // gone — also when a save of the form's last words raced the send (the form is reset to its initial 报送说明).
  const preparing = !task || task.status === 'open' || task.status === 'returned';
  // the server's draft, once per round being prepared (after the carried files: it joins them)
  const draftRound = task && preparing ? `${task.id}|${task.rounds.length}` : undefined;
  useEffect(() => {
    if (!draftRound) return;
    const ac = new AbortController();
    void loadDraft(ac.signal);
    return () => ac.abort();
  }, [draftRound]);

  const draftKey = me ? `eco-draft-files:${me.id}:${id}:${taskId}` : null;
  const stored = useMemo(() => (draftKey ? readDraft(localStorage.getItem(draftKey)) : null), [draftKey]);
  // the kept 报送说明 is the form's initial one until the task is sent (a reset after sending must not bring it back)
  const [sentKey, setSentKey] = useState<string | null>(null);
  const kept = sentKey === draftKey ? null : stored;
  const comment = Form.useWatch('comment', form) as string | undefined;
  useEffect(() => {
    if (!draftKey || !task) return;
    if (!preparing) {
      localStorage.removeItem(draftKey);
      setSentKey(draftKey);
      return;
    }
    // the words only: the files are the server's (a list kept here went stale once removed on another device)
    const text = draftText([], comment ?? kept?.comment);
    if (text) localStorage.setItem(draftKey, text);
    else localStorage.removeItem(draftKey);
  }, [comment, draftKey, preparing, !task]);
  return { comment: kept?.comment };
}

/** 办理要求: the outcome to choose, the seal, the principal's signature and the project list, as the plan requires. */
function FormalitiesFields({ rule, phone }: { rule: RequiredFormalities; phone: boolean }) {
  const outcome = Form.useWatch(['formalities', 'outcome']) as string | undefined;
  const n = needs(rule, outcome);
  return (
    <Card size="small" type="inner" title="办理要求" style={{ marginBottom: 16 }} data-testid="formalities">
      {rule.source ? (
        <Typography.Paragraph type="secondary" style={{ fontSize: 12 }} data-testid="formalities-source">
          {chinesePunctuation(rule.source)}
        </Typography.Paragraph>
      ) : null}
      {rule.outcomes.length ? (
        <Form.Item name={['formalities', 'outcome']} label={FORMALITY_LABEL.outcome} rules={[{ required: true, message: '请选择办理结果' }]}>
          <Radio.Group data-testid="formality-outcome">
            <Space direction={phone ? 'vertical' : 'horizontal'} wrap>
              {rule.outcomes.map((o) => (
                <Radio key={o.key} value={o.key}>{o.label}</Radio>
              ))}
            </Space>
          </Radio.Group>
        </Form.Item>
      ) : null}
      {n.projects ? <ProjectsList phone={phone} /> : null}
      {n.seal ? (
        <Form.Item
          name={['formalities', 'seal']}
          valuePropName="checked"
          rules={[{ validator: async (_, v?: boolean) => { if (!v) throw new Error('须加盖单位公章后报送'); } }]}
          style={{ marginBottom: 12 }}
        >
          <Checkbox data-testid="formality-seal">报送材料已加盖单位公章</Checkbox>
        </Form.Item>
      ) : null}
      {n.signature ? (
        <Form.Item
          name={['formalities', 'principalSignature']}
          label="说明上签字的主要负责人（纸质件）"
          rules={[{ required: true, whitespace: true, message: '请填写在纸质说明上签字的主要负责人姓名' }]}
          style={{ marginBottom: 0 }}
        >
          <Input maxLength={100} placeholder="主要负责人姓名" data-testid="formality-signature" />
        </Form.Item>
      ) : null}
      {rule.outcomes.length && !outcome ? <Typography.Text type="secondary" style={{ fontSize: 12 }}>选择办理结果后显示需要填写的内容</Typography.Text> : null}
      {rule.leaderSigns && isSealedStatement(rule, { outcome }) ? (
        // walkthrough: the chain showed 分管负责人签字 only once the statement was sent
        <Alert
          type="info"
          showIcon
          style={{ marginTop: 12 }}
          data-testid="leader-signs-note"
          message="报送后先由本单位分管负责人在系统中签字确认，再送领导小组办公室审核（分管负责人本人报送的，视为已签字）；纸质说明仍按方案由主要负责人签字、加盖公章"
        />
      ) : null}
    </Card>
  );
}

/** 重点工程项目 (the outcome that reports projects): each with its name, scale, investment and content. */
function ProjectsList({ phone }: { phone: boolean }) {
  return (
    <Form.List
      name={['formalities', 'projects']}
      rules={[{ validator: async (_, list?: unknown[]) => { if (!list?.length) throw new Error('请至少填报一个重点工程项目'); } }]}
    >
      {(fields, { add, remove }, { errors }) => (
        <div style={{ marginBottom: 12 }} data-testid="formality-projects">
          <Typography.Text strong>{FORMALITY_LABEL.projects}（名称、规模、内容、投资概算）</Typography.Text>
          {fields.map((field, i) => (
            <Card
              key={field.key}
              size="small"
              style={{ marginTop: 8 }}
              title={`项目 ${i + 1}`}
              extra={<Button size="small" type="link" danger onClick={() => remove(field.name)}>删除</Button>}
            >
              <Form.Item name={[field.name, 'name']} label="项目名称" rules={[{ required: true, whitespace: true, message: '请填写项目名称' }]}>
                <Input maxLength={200} placeholder="例如：泗河流域水生态修复工程" />
              </Form.Item>
              <Row gutter={8}>
                <Col xs={24} md={12}>
                  <Form.Item name={[field.name, 'scale']} label="建设规模">
                    <Input maxLength={1000} placeholder="例如：治理河道 12 公里" />
                  </Form.Item>
                </Col>
                <Col xs={24} md={12}>
                  <Form.Item name={[field.name, 'investment']} label="投资概算">
                    <Input maxLength={300} placeholder="例如：1.2亿元" />
                  </Form.Item>
                </Col>
              </Row>
              <Form.Item name={[field.name, 'content']} label="建设内容" style={{ marginBottom: 0 }}>
                <Input.TextArea rows={2} maxLength={4000} />
              </Form.Item>
            </Card>
          ))}
          <Button style={{ marginTop: 8 }} onClick={() => add({})} block={phone} data-testid="add-project">添加项目</Button>
          <Form.ErrorList errors={errors} />
        </div>
      )}
    </Form.List>
  );
}

interface SubmitFormProps {
  t: TaskDetailView;
  form: FormInstance;
  uploads: Uploads;
  uploadPolicy: UploadPolicy | null | undefined;
  /** Whether the server takes uploads (undefined while asking). */
  canUpload: boolean | undefined;
  /** Why the campaign takes no files now (paused, ended), if so. */
  uploadsClosed: string | null;
  indicator: IndicatorInfo | null;
  phone: boolean;
  paused: boolean;
  busy: boolean;
  /** The 报送说明 kept from before a reload or a sign-in again (useSubmitDraft). */
  draftComment?: string;
  /** Sends the submission (the page's `act('submit', …)`). */
  submit: (body: Record<string, unknown>) => Promise<void>;
  /** 预览 / 下载 of a file uploaded and not yet sent (or carried from the last submission). */
  onOpenFile?: (f: UploadEntry, preview: boolean) => void;
}

/**
 * 报送 in the 办理 card: the files, the 办理要求 the plan sets, a comment (and an indicator's value), then a
 * confirmation that says what goes.
 */
export function SubmitForm({ t, form, uploads, uploadPolicy, canUpload, uploadsClosed, indicator, phone, paused, busy, draftComment, submit, onOpenFile }: SubmitFormProps) {
  const { message, modal } = App.useApp();

  async function confirmSubmit(rule: RequiredFormalities | null | undefined, need: { minFiles: number; label: string } | null | undefined) {
    const { ready } = uploads;
    if (uploads.pending) return message.warning('文件仍在上传，请稍候');
    let v: SubmitValues;
    try {
      v = (await form.validateFields()) as SubmitValues;
    } catch {
      return message.warning('请按办理要求填写完整后再报送');
    }
    // The plan's required documents (the API refuses the submission without them, naming the same label).
    if (need && ready.length < need.minFiles) return message.warning(`须上传${need.label}后报送`);
    const formalities = rule ? formalitiesOf(rule, v.formalities) : undefined;
    const said = formalities ? formalitiesText(formalities, outcomeLabels(rule)) : [];
    modal.confirm({
      title: '确认报送？',
      content: (
        <div>
          {/* what goes, in a whole sentence — and said plainly when nothing is attached (a materials task was sent bare) */}
          {ready.length ? (
            <div>
              将报送本任务及 {ready.length} 个附件，提交后进入审批：
              <ul style={{ margin: '4px 0 0', paddingLeft: 20 }} data-testid="confirm-files">
                {sentFilesText(ready).map((n, i) => <li key={i}>{n}</li>)}
              </ul>
            </div>
          ) : (
            <div data-testid="confirm-no-files">
              <Typography.Text type="warning">未附任何文件。</Typography.Text>确认不附材料报送本任务？提交后进入审批。
            </div>
          )}
          {said.length ? <div style={{ marginTop: 6, color: '#595959' }} data-testid="confirm-formalities">{said.join('；')}</div> : null}
        </div>
      ),
      okText: '确认报送',
      cancelText: '取消',
      onOk: () =>
        submit({
          comment: v.comment || undefined,
          value: v.value || undefined,
          files: ready.length ? ready.map((f) => f.id) : undefined,
          formalities,
        }),
    });
  }

  const returnedWhy = [...t.rounds].reverse().flatMap((r) => r.steps.flatMap((s) => s.decisions)).find((d) => d.decision === 'return')?.comment;
  const required = t.requiredEvidence;
  const note = required ? (
    <Typography.Text style={{ fontSize: 13 }} data-testid="required-evidence">
      须上传：{required.label}{required.minFiles > 1 ? `（至少 ${required.minFiles} 个文件）` : ''}
    </Typography.Text>
  ) : null;
  const target = indicator ? `目标值：${indicator.target}${indicator.unit && indicator.unit !== '-' ? `（${indicator.unit}）` : ''}` : '填写现状值';
  return (
    <Form form={form} layout="vertical" initialValues={{ formalities: lastFormalities(t), comment: draftComment }}>
      {t.status === 'returned' ? (
        <Alert type="warning" showIcon style={{ marginBottom: 12 }} message="此任务已被退回，请根据退回原因补正后重新报送" description={returnedWhy} />
      ) : null}
      <PendingContributions items={t.contributions} />
      <Form.Item label="支撑材料">
        {canUpload === false ? (
          <NotAvailable what="附件上传" />
        ) : (
          <TaskUploadField
            uploads={uploads}
            policy={uploadPolicy}
            label="选择文件上传"
            disabled={!canUpload || !!uploadsClosed}
            closedReason={uploadsClosed}
            note={note}
            onOpen={onOpenFile}
          />
        )}
      </Form.Item>
      {t.requiredFormalities ? <FormalitiesFields rule={t.requiredFormalities} phone={phone} /> : null}
      <Form.Item name="comment" label="报送说明" rules={[COMMENT_LIMIT.rule]}>
        <Input.TextArea rows={3} {...COMMENT_LIMIT.box} placeholder="简要说明完成情况" />
      </Form.Item>
      {t.kind === 'indicator' ? (
        <Form.Item name="value" label="指标现状值">
          <Input placeholder={target} />
        </Form.Item>
      ) : null}
      <Button
        type="primary"
        icon={<SendOutlined />}
        loading={busy}
        // not while co-units' material waits for the lead's 确认 (the alert above says which): it was offered and refused (409)
        disabled={paused || pendingContributions(t.contributions).length > 0}
        onClick={() => void confirmSubmit(t.requiredFormalities, t.requiredEvidence)}
        block={phone}
        data-testid="submit"
      >
        {/* what the button does, where 报送 says less: the office sends the review draft to the experts */}
        {t.kind === 'plan-expert-review' ? (t.status === 'returned' ? '重新送专家评审' : '送专家评审') : t.status === 'returned' ? '重新报送' : '报送'}
      </Button>
    </Form>
  );
}
