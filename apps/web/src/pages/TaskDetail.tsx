import { ArrowLeftOutlined, CheckOutlined, DownloadOutlined, EyeOutlined, PaperClipOutlined, RollbackOutlined, SendOutlined, SwapOutlined, UserAddOutlined } from '@ant-design/icons';
import { Alert, App, AutoComplete, Button, Card, Checkbox, Col, DatePicker, Descriptions, Empty, Form, Input, Modal, Radio, Row, Select, Space, Steps, Tag, Timeline, Typography } from 'antd';
import type { Dayjs } from 'dayjs';
import { useEffect, useMemo, useRef, useState } from 'react';
import { Link, useParams } from 'react-router-dom';
import { DOSSIER_READERS, approveWording, offersWithChanges, chinesePunctuation, decisionLabel, evidenceFileId, inboxNeed, isSealedStatement, openPlaces as placesStillOpen } from '@eco/domain';
import { auth, chineseReason, download, errorText, newIdempotencyKey, request, urlOf } from '../api/client';
import type { ActionResult, CampaignDetail, FileInfo, IndicatorInfo, RequiredFormalities, StepView, SubmissionFormalities, Task, TaskAction, TaskContribution, TaskDetailView, TemplateDetail, Candidate } from '../api/types';
import { USER_LISTERS, useAuth } from '../auth';
import { canPreview, uploadClosedReason } from '../components/upload-rules';
import { earlierNote, notBeforeToday } from '../components/date-rules';
import { DueBadge } from '../components/DueBadge';
import { ExternalResultCard } from '../components/ExternalResult';
import { RectificationOriginCard } from '../components/RectificationOrigin';
import { ApplicationReadiness } from '../components/ApplicationReadiness';
import { MoveDeadline } from '../components/MoveDeadline';
import { UrgeTask } from '../components/UrgeTask';
import { conflictRefusal, isConflict, stillOffered, type Refusal } from '../components/task-conflict';
import { sizeText, TaskUploadField, useTaskUploads } from '../components/TaskUploads';
import { Loadable, NotAvailable } from '../components/States';
import { templateDetail, uploadPolicy as loadUploadPolicy, userMap } from '../directory';
import { fmtDate, fmtDateTime } from '../format';
import { useEndpoint, useIsPhone, useLoad } from '../hooks';
import { campaignEnded, campaignEndedText, responsibleLabel, recorderLabel, externalResultTitle, ROLE_LABEL, ATTRIBUTE_LABEL, DOMAIN_LABEL, FORMALITY_LABEL, formalitiesText, labelOf, nobodyLabel, principalLabel, STATUS_COLOR, STATUS_LABEL, STEP_MODE_LABEL, STEP_STATUS_LABEL, TASK_KIND_LABEL, TASK_STATUS_LABEL } from '../labels';

/** The actions of the 办理 card (调整期限 sits by the due date, 催办 by who it waits for; an external stage's result has its own card). */
type ActionKind = Exclude<TaskAction, 'moveDeadlines' | 'recordExternalResult' | 'urge'>;
/** Dialogs: the actions, and 提出异议 (a joint unit objects: confirm with agree false and a reason). */
type DialogKind = ActionKind | 'object';

interface Evidence {
  name: string;
  ref?: string;
  sha256?: string;
  size?: number;
  fileId?: string;
  id?: string;
  url?: string;
  contentType?: string;
}

function fileIdOf(e: Evidence): string | undefined {
  return e.fileId ?? e.id ?? evidenceFileId(e);
}

/**
 * An external stage's status (预审, 公示, 现场核查): what was recorded, not an approval — a 预审 that found problems
 * read 已通过 once their 整改 was done.
 */
function externalStatus(t: Task): string {
  if (t.engineStatus === 'open') return '待登记结果';
  const outcome = t.externalResult?.outcome;
  if (outcome === 'issues' && t.engineStatus === 'approved') return '发现问题 · 已整改';
  return labelOf(TASK_STATUS_LABEL, t.engineStatus); // 整改中 while the findings' 整改 run
}

/** A 转交 / 加签 candidate as the list reads it: 姓名（单位） or 姓名（角色）; a unit's account named as the unit, its name alone. */
function candidateLabel(u: Candidate): string {
  const where = u.unitName ?? u.roles.map((r) => labelOf(ROLE_LABEL, r)).join('、');
  return where && where !== u.name ? `${u.name}（${where}）` : u.name;
}

/** Names the task itself carries (deciders, added and transferred signers, submitters), keyed by `user:<id>` and id. */
function namesInTask(t: Task): Map<string, string> {
  const m = new Map<string, string>();
  const put = (id: string | null | undefined, name: string | null | undefined) => {
    if (!id || !name) return;
    const bare = id.startsWith('user:') ? id.slice(5) : id;
    m.set(bare, name);
    m.set(`user:${bare}`, name);
  };
  for (const s of [...t.steps, ...t.rounds.flatMap((r) => r.steps)]) {
    for (const d of s.decisions) {
      put(d.by, d.byName);
      if (d.as.startsWith('user:')) put(d.as, d.byName);
    }
    for (const a of s.added) put(a.userId, a.userName);
    for (const x of s.transfers) put(x.to, x.toName);
  }
  for (const r of t.rounds) put(r.submission.by, r.submission.byName);
  return m;
}

interface SubmitValues {
  comment?: string;
  value?: string;
  formalities?: { outcome?: string; seal?: boolean; principalSignature?: string; projects?: { name: string; scale?: string; content?: string; investment?: string }[] };
}

/** Outcome key → the plan's label (the task's own rule first). */
function outcomeLabels(rule: RequiredFormalities | null | undefined): Record<string, string> {
  return Object.fromEntries((rule?.outcomes ?? []).map((o) => [o.key, o.label]));
}

/** What the chosen outcome (if any) adds to the kind's own requirements. */
function needs(rule: RequiredFormalities, outcome: string | undefined) {
  const chosen = rule.outcomes.find((o) => o.key === outcome);
  return { seal: rule.seal || !!chosen?.seal, signature: rule.principalSignature || !!chosen?.principalSignature, projects: !!chosen?.projects, chosen };
}

/** The formalities a submission sends: exactly what the rule and the chosen outcome call for. */
function formalitiesOf(rule: RequiredFormalities, v: SubmitValues['formalities'] = {}): SubmissionFormalities {
  const n = needs(rule, v.outcome);
  const out: SubmissionFormalities = {};
  if (rule.outcomes.length && v.outcome) out.outcome = v.outcome;
  if (n.seal || v.seal) out.seal = !!v.seal;
  if (n.signature && v.principalSignature?.trim()) out.principalSignature = v.principalSignature.trim();
  if (n.projects) out.projects = (v.projects ?? []).filter((p) => p?.name?.trim()).map((p) => ({ name: p.name.trim(), ...(p.scale ? { scale: p.scale } : {}), ...(p.content ? { content: p.content } : {}), ...(p.investment ? { investment: p.investment } : {}) }));
  return out;
}

/** A returned task's form starts from what was sent last time. */
function lastFormalities(t: Task): SubmitValues['formalities'] {
  const f = t.rounds[t.rounds.length - 1]?.submission.formalities as SubmissionFormalities | undefined;
  return f ? { ...f, projects: f.projects?.map((p) => ({ ...p })) } : undefined;
}

/** 办理要求: the outcome to choose, the seal, the principal's signature and the project list, as the plan requires. */
function FormalitiesFields({ rule, phone }: { rule: RequiredFormalities; phone: boolean }) {
  const outcome = Form.useWatch(['formalities', 'outcome']) as string | undefined;
  const n = needs(rule, outcome);
  return (
    <Card size="small" type="inner" title="办理要求" style={{ marginBottom: 16 }} data-testid="formalities">
      {rule.source ? <Typography.Paragraph type="secondary" style={{ fontSize: 12 }} data-testid="formalities-source">{chinesePunctuation(rule.source)}</Typography.Paragraph> : null}
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
      {n.projects ? (
        <Form.List
          name={['formalities', 'projects']}
          rules={[{ validator: async (_, list?: unknown[]) => { if (!list?.length) throw new Error('请至少填报一个重点工程项目'); } }]}
        >
          {(fields, { add, remove }, { errors }) => (
            <div style={{ marginBottom: 12 }} data-testid="formality-projects">
              <Typography.Text strong>{FORMALITY_LABEL.projects}（名称、规模、内容、投资概算）</Typography.Text>
              {fields.map((field, i) => (
                <Card key={field.key} size="small" style={{ marginTop: 8 }} title={`项目 ${i + 1}`} extra={<Button size="small" type="link" danger onClick={() => remove(field.name)}>删除</Button>}>
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
      ) : null}
      {n.seal ? (
        <Form.Item name={['formalities', 'seal']} valuePropName="checked" rules={[{ validator: async (_, v?: boolean) => { if (!v) throw new Error('须加盖单位公章后报送'); } }]} style={{ marginBottom: 12 }}>
          <Checkbox data-testid="formality-seal">报送材料已加盖单位公章</Checkbox>
        </Form.Item>
      ) : null}
      {n.signature ? (
        <Form.Item name={['formalities', 'principalSignature']} label="签字的主要负责人" rules={[{ required: true, whitespace: true, message: '请填写签字的主要负责人姓名' }]} style={{ marginBottom: 0 }}>
          <Input maxLength={100} placeholder="主要负责人姓名" data-testid="formality-signature" />
        </Form.Item>
      ) : null}
      {rule.outcomes.length && !outcome ? <Typography.Text type="secondary" style={{ fontSize: 12 }}>选择办理结果后显示需要填写的内容</Typography.Text> : null}
      {rule.leaderSigns && isSealedStatement(rule, { outcome }) ? (
        // walkthrough: the chain showed 分管负责人签字 only once the statement was sent
        <Alert type="info" showIcon style={{ marginTop: 12 }} data-testid="leader-signs-note" message="报送后先由本单位分管负责人签字确认，再送领导小组办公室审核（分管负责人本人报送的，视为已签字）" />
      ) : null}
    </Card>
  );
}

/** The formalities a round's submission carried, for the approvers. */
function RecordedFormalities({ f, labels }: { f: SubmissionFormalities; labels: Record<string, string> }) {
  const lines = formalitiesText({ ...f, projects: undefined }, labels);
  return (
    <div style={{ fontSize: 13, marginTop: 4, padding: '4px 8px', background: '#f6ffed', border: '1px solid #b7eb8f', borderRadius: 4 }} data-testid="recorded-formalities">
      {lines.map((l) => (
        <div key={l}>{l}</div>
      ))}
      {f.projects?.length ? (
        <div style={{ marginTop: 4 }}>
          {FORMALITY_LABEL.projects}：
          {f.projects.map((p, i) => (
            <div key={i} style={{ marginLeft: 8 }}>
              {i + 1}. {p.name}
              {p.scale ? `；规模：${p.scale}` : ''}
              {p.content ? `；内容：${p.content}` : ''}
              {p.investment ? `；投资概算：${p.investment}` : ''}
            </div>
          ))}
        </div>
      ) : null}
    </div>
  );
}

function StepCard({ s, names, titled = false }: { s: StepView; names: Map<string, string>; titled?: boolean }) {
  // Signers resolved to nobody (the submitter was the only holder): the places, and that nobody can sign them.
  const nobody = s.status === 'active' && !!s.signers && s.signers.length === 0;
  const people = s.signers?.length ? s.signers : s.assignees;
  // What each signer decided: 同意 is a tick, 退回 says so (an expert who returned the draft read as a tick)
  const decided = new Map<string, 'approve' | 'return'>(s.decisions.flatMap((d) => [[d.as, d.decision], [`user:${d.by}`, d.decision]] as [string, 'approve' | 'return'][]));
  return (
    <div>
      <Space wrap size={4}>
        {titled ? null : <Typography.Text strong>{s.name}</Typography.Text>}
        <Tag color="purple">{STEP_MODE_LABEL[s.mode]}{s.mode === 'n-of-m' && s.n ? `（${s.n}人）` : ''}{s.mode !== 'all' && s.added.some((a) => !a.mode || a.mode === 'co-sign') ? ' + 加签' : ''}</Tag>
        {s.decisions.some((d) => d.decision === 'return') ? <Tag color="red">已退回</Tag> : <Tag>{STEP_STATUS_LABEL[s.status]}</Tag>}
      </Space>
      <div style={{ fontSize: 12, color: '#595959', marginTop: 4 }}>
        签批人：
        {people.length
          ? people.map((a, i) => (
              <span key={a}>
                {i ? '、' : ''}
                {principalLabel(a, names)}
                {s.mode === 'all' && !nobody && (s.status === 'active' || decided.has(a)) ? (decided.get(a) === 'return' ? <Typography.Text type="danger">（退回）</Typography.Text> : decided.has(a) ? ' ✓' : s.status === 'active' ? '（待签）' : '') : ''}
              </span>
            ))
          : '—'}
        {nobody ? <Typography.Text type="warning" style={{ fontSize: 12 }} data-testid="step-nobody"> · {[...new Set(s.assignees.map((a) => nobodyLabel(a, names)))].join('；')}</Typography.Text> : null}
      </div>
      {s.decisions.map((d, i) => (
        <div key={i} style={{ fontSize: 13, marginTop: 4 }} data-testid="decision">
          {/* Who decided, then what (「退回 某某」 read as "returned to 某某"). */}
          <Typography.Text strong>{d.byName}</Typography.Text>
          {d.onBehalfOf ? `（代 ${principalLabel(d.onBehalfOf, names)}）` : ''}{' '}
          <Tag color={d.decision === 'approve' ? (d.withChanges ? 'orange' : 'green') : 'red'} style={{ marginInlineStart: 4 }} data-testid="decision-verdict">{decisionLabel(d, s)}</Tag>· {fmtDateTime(d.at)}
          {d.comment ? <div style={{ color: d.decision === 'return' ? '#cf1322' : '#595959', marginLeft: 4 }}>{d.decision === 'return' ? '退回原因：' : d.withChanges ? '修改意见：' : '意见：'}{d.comment}</div> : null}
        </div>
      ))}
      {s.transfers.map((t, i) => (
        <div key={`t${i}`} style={{ fontSize: 12, color: '#8c8c8c' }}>转交：{principalLabel(t.from, names)} → {t.toName ?? principalLabel(t.to, names)}（{t.reason}）</div>
      ))}
      {s.added.map((a, i) => (
        // 并加签 (co-sign, and additions recorded before modes): required on this step whatever its mode (或签 too).
        <div key={`a${i}`} style={{ fontSize: 12, color: '#8c8c8c' }} data-testid="step-added">
          加签：{a.userName ?? a.userId}
          {!a.mode || a.mode === 'co-sign' ? `（须签署${s.status === 'active' ? (decided.has(`user:${a.userId}`) ? ' ✓' : '，待签') : ''}）` : ''}（原因：{a.reason}）
        </div>
      ))}
    </div>
  );
}


/**
 * A file previewed in its own tab under its own name (the tab of a blob: address read as a random id): a page titled
 * with the file's name showing the PDF or picture, built with DOM calls (the name is not markup). A browser that
 * cannot show a PDF inside a page (phones: Android Chrome has no viewer) gets the file itself, as before.
 */
function showInTab(w: Window, url: string, name: string): void {
  const pdf = /\.pdf$/i.test(name);
  if (pdf && !navigator.pdfViewerEnabled) {
    w.location.href = url;
    return;
  }
  const d = w.document;
  d.title = name;
  d.body.style.margin = '0';
  const el = d.createElement(pdf ? 'embed' : 'img');
  el.setAttribute('src', url);
  if (pdf) {
    el.setAttribute('type', 'application/pdf');
    el.setAttribute('style', 'position:fixed;inset:0;width:100%;height:100%;border:0');
  } else {
    el.setAttribute('alt', name);
    el.setAttribute('style', 'display:block;max-width:100%;margin:0 auto');
  }
  d.body.appendChild(el);
}

/**
 * 协办单位材料 on an indicator task's page: each co-unit's contribution (its status, due date, when it was submitted and
 * approved, how many files), linked to its own page — where the lead reads and downloads its files and, when it waits
 * for the lead, approves or returns it. The server lists only what the reader may see.
 */
function ContributionsCard({ campaignId, items, phone, ended, paused }: { campaignId: string; items: TaskContribution[]; phone: boolean; ended: boolean; paused: boolean }) {
  const approved = items.filter((c) => c.status === 'approved').length;
  return (
    <Card title="协办单位材料" size="small" data-testid="contributions" extra={items.length ? <Typography.Text type="secondary" style={{ fontSize: 12 }}>{approved}/{items.length} 已确认</Typography.Text> : null}>
      {items.length ? (
        items.map((c) => {
          const done = c.status === 'approved' || c.status === 'cancelled' || ended; // an ended campaign counts no days left
          return (
            <div key={c.taskId} data-testid="contribution" data-task-id={c.taskId} data-status={c.status} style={{ padding: '8px 0', borderBottom: '1px solid #f0f0f0' }}>
              <div style={{ display: 'flex', alignItems: 'center', gap: 6, flexWrap: 'wrap' }}>
                <Link to={`/campaigns/${encodeURIComponent(campaignId)}/tasks/${encodeURIComponent(c.taskId)}`} data-testid="contribution-link" style={{ fontWeight: 500, wordBreak: 'break-all' }}>
                  {c.unitName}
                </Link>
                <Tag color={STATUS_COLOR[c.status]} data-testid="contribution-status" style={{ marginInlineEnd: 0 }}>{STATUS_LABEL[c.status] ?? c.statusLabel}</Tag>
                {done ? null : <DueBadge dueAt={c.dueAt} overdue={c.overdue} paused={paused} />}
              </div>
              <div style={{ fontSize: 13, color: '#595959', marginTop: 4, display: 'flex', flexDirection: phone ? 'column' : 'row', gap: phone ? 2 : 12, flexWrap: 'wrap' }}>
                <span data-testid="contribution-due">截止 {fmtDate(c.dueAt)}</span>
                {c.submittedAt ? <span>报送于 {fmtDateTime(c.submittedAt)}</span> : <span>尚未报送</span>}
                {c.approvedAt ? <span>确认于 {fmtDateTime(c.approvedAt)}</span> : null}
                <span data-testid="contribution-files"><PaperClipOutlined /> {c.fileCount ? `材料 ${c.fileCount} 个` : '暂无报送材料'}</span>
              </div>
            </div>
          );
        })
      ) : (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description="本指标无协办单位" />
      )}
    </Card>
  );
}

/**
 * Above a lead's 报送: the co-units' 协办材料 not yet confirmed by the lead (the engine refuses the indicator's submission
 * until they are), so the liaison on a phone knows before pressing 报送 — the list itself is further down the page.
 */
function PendingContributions({ items }: { items?: TaskContribution[] }) {
  const pending = (items ?? []).filter((c) => c.status !== 'approved' && c.status !== 'cancelled');
  if (!pending.length) return null;
  return (
    <Alert
      type="info"
      showIcon
      style={{ marginBottom: 12 }}
      data-testid="contributions-pending"
      message={`协办单位材料尚未全部确认（已确认 ${items!.length - pending.length}/${items!.length}）`}
      description={`待确认：${pending.map((c) => `${c.unitName}（${STATUS_LABEL[c.status] ?? c.statusLabel}）`).join('、')}。协办材料经本单位确认后，方可报送本指标。`}
    />
  );
}

/** One task's page; a new task id (following a link from one task to another) starts it afresh (uploads, dialogs). */
export function TaskDetailPage() {
  const { taskId = '' } = useParams();
  return <TaskDetailBody key={taskId} />;
}

function TaskDetailBody() {
  const { id = '', taskId = '' } = useParams();
  const phone = useIsPhone();
  const { message, modal } = App.useApp();
  const { has, me } = useAuth();
  const mayListUsers = has(...USER_LISTERS);
  const task = useLoad((signal) => request<TaskDetailView>('task', { params: { id, taskId }, signal }), [id, taskId]);
  const campaign = useLoad((signal) => request<CampaignDetail>('campaign', { params: { id }, signal }), [id]);
  const [names, setNames] = useState<Map<string, string>>(new Map());
  const [indicator, setIndicator] = useState<IndicatorInfo | null>(null);
  const [template, setTemplate] = useState<TemplateDetail | null>(null);
  const canUpload = useEndpoint('uploadFile');
  // What the server accepts (types, size, count): the picker offers those types, and files it would refuse by size or
  // number are not sent (a liaison on a phone is spared a long upload that ends refused); the server still decides.
  // Configuration: asked once per page load, not per task opened.
  const uploadPolicy = useLoad(() => loadUploadPolicy(), []).data;
  const canDownload = useEndpoint('downloadFile');
  const uploads = useTaskUploads(id, taskId, uploadPolicy);
  const { files, setFiles } = uploads;
  const [busy, setBusy] = useState<ActionKind | null>(null);
  const [refusal, setRefusal] = useState<Refusal | null>(null);
  const [dialog, setDialog] = useState<DialogKind | null>(null);
  const [form] = Form.useForm();
  const [dform] = Form.useForm();
  const newDue = Form.useWatch('newDue', dform) as Dayjs | undefined;
  const verdict = Form.useWatch('verdict', dform) as string | undefined; // 修改后通过 changes the dialog's words
  // a dialog opens without the refusal of an earlier action (one refused while it is open is shown in it)
  useEffect(() => {
    if (dialog) setRefusal(null);
  }, [dialog]);

  useEffect(() => {
    // Accounts, for the roles that may list them (others get 403): names beyond the task's own, choices for 转交/加签.
    if (!mayListUsers) return;
    void userMap().then((m) => {
      setNames(new Map([...m].map(([k, v]) => [k, v.name])));
    });
  }, [mayListUsers]);
  useEffect(() => {
    const t = task.data;
    const c = campaign.data;
    if (!(t?.indicatorCode || t?.external) || !c) return;
    void templateDetail(c.templateId)
      .then((d) => {
        setTemplate(d);
        setIndicator(d.indicators.find((i) => i.code === t.indicatorCode) ?? null);
      })
      .catch(() => setIndicator(null));
  }, [task.data, campaign.data]);

  // Exactly what the API says the caller may do now (the access policy over the task's state).
  const allowed: TaskAction[] = task.data?.actions ?? [];
  const actions = allowed.filter((a): a is ActionKind => a !== 'moveDeadlines' && a !== 'recordExternalResult' && a !== 'urge');
  const allNames = useMemo(() => {
    const m = new Map(names);
    // The API names every person and unit the task refers to (also for readers who may not list accounts).
    for (const [k, v] of Object.entries(task.data?.names ?? {})) {
      if (!m.has(k)) m.set(k, v);
      if (k.startsWith('unit:') && !m.has(k.slice(5))) m.set(k.slice(5), v);
    }
    if (task.data) for (const [k, v] of namesInTask(task.data)) if (!m.has(k)) m.set(k, v);
    return m;
  }, [names, task.data]);

  // The active step's places still to decide (a 会签 of several experts): what the office may hand over.
  const activeStep = task.data?.rounds[task.data.rounds.length - 1]?.steps.find((s) => s.status === 'active');
  const openPlaces = useMemo(() => (activeStep ? placesStillOpen(activeStep) : ([] as string[])), [activeStep]);
  // 转交 / 加签: the people the server's policy accepts for this step (not the submitter nor their unit, not an earlier
  // signer, not already on it) — also for a unit user, who may not list accounts (walkthrough: offered no names)
  const purpose = dialog === 'transfer' || dialog === 'addApprover' ? dialog : null;
  // 转交: whom the chosen place may go to (an expert's place to experts only, the office's review to the office or a leader)
  const transferFrom = Form.useWatch('from', dform) as string | undefined;
  const from = purpose === 'transfer' ? transferFrom : undefined;
  const candidateList = useLoad(
    (signal) => (purpose ? request<Candidate[]>('taskCandidates', { params: { id, taskId }, query: { purpose, ...(from ? { from } : {}) }, signal }) : Promise.resolve([] as Candidate[])),
    [id, taskId, purpose, from],
  );
  const candidates = candidateList.data ?? [];
  // 会签 (every signer of the step signs): the inbox's own rule, so the page says what the list said.
  const countersign = !!task.data && inboxNeed({ status: task.data.engineStatus, step: activeStep, external: task.data.external }) === 'countersign';
  // What approving reads here (确认整改 on the inspector's step, 会签同意, 审批通过): the domain's words for the step.
  const approving = approveWording(activeStep, countersign);

  // A returned task's files start from what was sent last time (a liaison on a phone may not have the scans at
  // hand again); each can be removed, and new ones added.
  // Once per returned round: a reload of the same round keeps what the user has changed since.
  const returnedKey = task.data?.status === 'returned' ? `${task.data.id}|${task.data.rounds.length}` : undefined;
  const lastRound = task.data?.rounds[task.data.rounds.length - 1];
  useEffect(() => {
    if (!returnedKey || !lastRound) return;
    const sent = (lastRound.submission.evidence as Evidence[]).flatMap((e) => {
      const fileId = fileIdOf(e);
      return fileId ? [{ id: fileId, name: e.name, size: e.size ?? 0, progress: 100, carried: true }] : []; // files, not links
    });
    setFiles(sent);
  }, [returnedKey]); // not lastRound: a reload gives a new object of the same round

  // Files uploaded but not yet sent survive a reload (a liaison on a phone switches to WeChat for the next scan and the
  // browser drops the page): kept on this device per person and task until the task is sent, or the files removed.
  const draftKey = me ? `eco-draft-files:${me.id}:${id}:${taskId}` : null;
  const draftRestored = useRef<string | null>(null);
  useEffect(() => {
    if (!draftKey || !task.data || draftRestored.current === draftKey) return;
    draftRestored.current = draftKey;
    try {
      const kept = JSON.parse(localStorage.getItem(draftKey) ?? 'null') as FileInfo[] | null;
      if (Array.isArray(kept) && kept.length) setFiles(kept.map((f) => ({ ...f, progress: 100 })));
    } catch {
      localStorage.removeItem(draftKey);
    }
  }, [draftKey, task.data]);
  useEffect(() => {
    if (!draftKey || draftRestored.current !== draftKey) return;
    const done = files.filter((f) => f.progress === 100 && !f.error).map(({ id: fileId, name, size, carried }) => ({ id: fileId, name, size, ...(carried ? { carried } : {}) }));
    if (done.length) localStorage.setItem(draftKey, JSON.stringify(done));
    else localStorage.removeItem(draftKey);
  }, [files, draftKey]);

  /**
   * `first`: a step before the action (退回 with a new 补正 deadline: the date moves first, so that the 【退回】 the unit
   * gets names the new date); its failure stops the action.
   */
  async function act(kind: ActionKind, body: Record<string, unknown>) {
    setBusy(kind);
    setRefusal(null);
    try {
      const r = await request<ActionResult>(kind, { params: { id, taskId }, body, idempotencyKey: newIdempotencyKey() });
      // An approval that leaves the task in review (会签: others still to sign; or the next step) says so.
      const changes = body.withChanges === true; // 修改后通过
      const approved =
        kind === 'approve' && r?.task && r.task.status === 'submitted'
          ? changes ? approving.doneInReviewWithChanges : approving.doneInReview
          : changes ? approving.doneWithChanges : approving.done;
      message.success({ submit: '已报送', approve: approved, return: '已退回', transfer: '已转交', addApprover: '已加签', confirmJoint: body.agree === false ? '已提出异议，任务退回报送单位' : '已确认' }[kind]);
      setDialog(null);
      dform.resetFields();
      if (kind === 'submit') form.resetFields();
      if (kind === 'submit') setFiles([]);
      task.reload();
    } catch (e) {
      if (isConflict(e)) await afterConflict(errorText(e));
      else setRefusal({ title: '操作未成功', text: errorText(e) });
    } finally {
      setBusy(null);
    }
  }

  /**
   * Every action of the page refused with 409 (the task changed in another tab or by someone else): the task and the
   * campaign are read again and the page says so; a dialog whose action is still offered stays open with what was
   * typed (the 报送 form and its files stay while 报送 is offered).
   */
  async function afterConflict(serverText: string) {
    const before = task.data;
    const [fresh, freshCampaign] = await Promise.all([
      request<TaskDetailView>('task', { params: { id, taskId } }).catch(() => undefined),
      request<CampaignDetail>('campaign', { params: { id } }).catch(() => undefined),
    ]);
    const r = before ? conflictRefusal(serverText, before, fresh, { before: !!campaign.data?.paused, after: !!(freshCampaign ?? campaign.data)?.paused }) : { title: '操作未成功', text: serverText };
    setRefusal(r);
    if (!r.stale) return;
    task.reload();
    campaign.reload();
    if (dialog && !stillOffered(dialog, fresh?.actions)) {
      setDialog(null);
      dform.resetFields();
    }
  }

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
            <div>将报送本任务及 {ready.length} 个附件，提交后进入审批。</div>
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
        act('submit', {
          comment: v.comment || undefined,
          value: v.value || undefined,
          files: ready.length ? ready.map((f) => f.id) : undefined,
          formalities,
        }),
    });
  }

  async function openEvidence(e: Evidence, preview: boolean) {
    const fileId = fileIdOf(e);
    if (fileId) await openFile('downloadFile', fileId, e.name, preview);
  }

  /** Opens a file of this task (downloadFile) or of the opinion behind this 整改 (downloadOriginFile): 预览 in a tab, or 下载. */
  async function openFile(endpoint: 'downloadFile' | 'downloadOriginFile', fileId: string, name: string, preview: boolean) {
    const params = { id, taskId, fileId };
    if (preview) {
      const w = window.open('', '_blank');
      try {
        // preview=true: the audit says 预览材料, not 下载材料
        const res = await fetch(urlOf(endpoint, { params, query: { preview: 'true' } }), { headers: { Authorization: `Bearer ${auth.token ?? ''}` } });
        if (!res.ok) throw new Error(`无法预览（${res.status}）`);
        const url = URL.createObjectURL(await res.blob());
        if (w) showInTab(w, url, name);
      } catch (err) {
        w?.close();
        message.error(errorText(err));
      }
      return;
    }
    try {
      await download(endpoint, { params }, name);
    } catch (err) {
      message.error(errorText(err));
    }
  }


  return (
    <Loadable {...task} notFound="任务不存在或无权查看">
      {(t) => {
        const c = campaign.data;
        // A paused campaign refuses every submission and decision (活动已暂停): said before, not on the click.
        const paused = !!c?.paused;
        const uploadsClosed = uploadClosedReason(c);
        // An ended campaign (终止, completed, 未通过) works on none of its open tasks: said, and no days left counted.
        const ended = !!c && campaignEnded(c.status) && t.status !== 'approved' && t.status !== 'cancelled';
        const done = t.status === 'approved' || t.status === 'cancelled' || ended;
        const activeIdx = Math.max(0, t.steps.findIndex((s) => s.status === 'active'));
        const evidence = t.rounds.flatMap((r) => (r.submission.evidence as Evidence[]).map((e) => ({ ...e, round: r.round })));
        return (
          <div>
            {/* A liaison goes back to its own to-do list of the campaign, not to the office's campaign-wide overview. */}
            <Link to={c && !has('unit') ? `/campaigns/${encodeURIComponent(id)}` : `/inbox${c ? `?campaign=${encodeURIComponent(id)}` : ''}`} style={{ fontSize: 13 }} data-testid="back">
              <ArrowLeftOutlined /> {c ? (has('unit') ? `我的待办 · ${c.name}` : c.name) : '返回'}
            </Link>
            {paused ? <Alert type="warning" showIcon style={{ marginTop: 8 }} message={`活动已暂停${c?.pause?.reason ? `（原因：${c.pause.reason}）` : ''}：暂停期间不能报送或审批`} data-testid="paused" /> : null}
            {ended ? <Alert type="info" showIcon style={{ marginTop: 8 }} message={`${campaignEndedText(c!.status)}${c!.finished?.reason ? `（原因：${chineseReason(c!.finished.reason)}）` : ''}：本任务不再办理`} data-testid="campaign-ended" /> : null}
            {t.blockedBy ? (
              <Alert
                type="info"
                showIcon
                style={{ marginTop: 8 }}
                message={`待前序环节：须先完成「${t.blockedBy.milestoneName}」，才能${t.external ? '登记本环节结果' : '报送'}`}
                description="前序环节完成后，本任务即可办理，并会通知责任人。"
                data-testid="blocked-by"
              />
            ) : null}
            <Card style={{ marginTop: 8 }} size={phone ? 'small' : 'default'}>
              <Space wrap size={6} style={{ marginBottom: 6 }}>
                <Tag color={STATUS_COLOR[t.status]} data-testid="task-status">{t.external ? externalStatus(t) : STATUS_LABEL[t.status]}</Tag>
                <DueBadge dueAt={t.dueAt} overdue={t.overdue} done={done} paused={paused} />
                {c?.paused ? <Tag color="default">活动已暂停</Tag> : null}
                {ended ? <Tag color="default">{campaignEndedText(c!.status)}</Tag> : null}
                {t.blockedBy ? <Tag color="default">待前序环节</Tag> : null}
                {t.assessmentFlag ? <Tag color="red">考核扣分</Tag> : null}
              </Space>
              <Typography.Title level={phone ? 5 : 4} style={{ margin: '4px 0' }} data-testid="task-title">{t.title}</Typography.Title>
              <Descriptions size="small" column={phone ? 1 : 3} style={{ marginTop: 8 }}>
                <Descriptions.Item label="阶段">{t.phaseName}</Descriptions.Item>
                <Descriptions.Item label="任务类型">{labelOf(TASK_KIND_LABEL, t.kind)}</Descriptions.Item>
                {/* an external stage (预审, 公示, 现场核查, 复核) has no unit doing it: who records its result (核查组 or the office) */}
                <Descriptions.Item label={t.external ? '结果登记' : '责任单位'}><span data-testid="responsible">{t.external ? recorderLabel() : responsibleLabel(t, (u) => allNames.get(u) ?? u, template?.region)}</span></Descriptions.Item>
                <Descriptions.Item label="截止时间">
                  <span data-testid="due-at">{fmtDateTime(t.dueAt)}</span>
                  {allowed.includes('moveDeadlines') ? <MoveDeadline campaignId={id} taskId={t.id} dueAt={t.dueAt} onMoved={task.reload} /> : null}
                </Descriptions.Item>
                <Descriptions.Item label="当前轮次">第 {t.round} 轮</Descriptions.Item>
                <Descriptions.Item label="待处理">
                  {/* an ended campaign's open task waits for nobody (walkthrough: 待处理：县统计局 under 活动已终止) */}
                  {/* one block: 催办's reason when it is not offered goes under the names, not beside them */}
                  <div>
                    <span data-testid="waiting-for">{ended ? '—（活动已结束）' : t.blockedBy ? `待「${t.blockedBy.milestoneName}」完成` : t.waitingFor.map((w) => principalLabel(w, allNames)).join('、') || '—'}</span>
                    {allowed.includes('urge') && t.waitingFor.length && !ended ? <UrgeTask campaignId={id} taskId={t.id} waiting={t.waitingFor.map((w) => principalLabel(w, allNames)).join('、')} lastUrge={t.urges?.at(-1)} onUrged={task.reload} /> : null}
                  </div>
                </Descriptions.Item>
                {t.completedAt ? <Descriptions.Item label="完成时间">{fmtDateTime(t.completedAt)}</Descriptions.Item> : null}
                {/* a contribution read by its lead (or the office): back to the indicator task it feeds (its unit cannot read that one) */}
                {t.kind === 'indicator-contribution' && t.parentTaskId && (!has('unit') || me?.unitId !== t.unitId) ? (
                  <Descriptions.Item label="汇总报送任务">
                    <Link to={`/campaigns/${encodeURIComponent(id)}/tasks/${encodeURIComponent(t.parentTaskId)}`} data-testid="parent-task">指标 {t.indicatorCode} 汇总报送</Link>
                  </Descriptions.Item>
                ) : null}
              </Descriptions>
            </Card>

            {/* the application (提报申报材料): the gate and the dossier where it is prepared and signed */}
            {t.kind === 'application' && c && has(...DOSSIER_READERS) ? <ApplicationReadiness campaignId={id} campaignName={c.name} /> : null}

            {t.origin ? <RectificationOriginCard campaignId={id} origin={t.origin} linkToStage={!has('unit')} phone={phone} onOpen={(f, preview) => void openFile('downloadOriginFile', f.fileId, f.name, preview)} /> : null}

            {refusal ? <Alert type={refusal.stale ? 'warning' : 'error'} showIcon closable onClose={() => setRefusal(null)} message={refusal.title} description={refusal.text} style={{ marginTop: 12 }} data-testid="refusal" data-stale={refusal.stale ? 'true' : undefined} /> : null}

            {actions.length ? (
              <Card title="办理" size="small" style={{ marginTop: 12, borderColor: '#1f6f4a' }} data-testid="actions">
                {actions.includes('submit') ? (
                  <Form form={form} layout="vertical" initialValues={{ formalities: lastFormalities(t) }}>
                    {t.status === 'returned' ? (
                      <Alert type="warning" showIcon style={{ marginBottom: 12 }} message="此任务已被退回，请根据退回原因补正后重新报送" description={[...t.rounds].reverse().flatMap((r) => r.steps.flatMap((s) => s.decisions)).find((d) => d.decision === 'return')?.comment} />
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
                          note={t.requiredEvidence ? <Typography.Text style={{ fontSize: 13 }} data-testid="required-evidence">须上传：{t.requiredEvidence.label}{t.requiredEvidence.minFiles > 1 ? `（至少 ${t.requiredEvidence.minFiles} 个文件）` : ''}</Typography.Text> : null}
                        />
                      )}
                    </Form.Item>
                    {t.requiredFormalities ? <FormalitiesFields rule={t.requiredFormalities} phone={phone} /> : null}
                    <Form.Item name="comment" label="报送说明">
                      <Input.TextArea rows={3} maxLength={2000} placeholder="简要说明完成情况" />
                    </Form.Item>
                    {t.kind === 'indicator' ? (
                      <Form.Item name="value" label="指标现状值">
                        <Input placeholder={indicator ? `目标值：${indicator.target}${indicator.unit && indicator.unit !== '-' ? `（${indicator.unit}）` : ''}` : '填写现状值'} />
                      </Form.Item>
                    ) : null}
                    <Button type="primary" icon={<SendOutlined />} loading={busy === 'submit'} disabled={paused} onClick={() => void confirmSubmit(t.requiredFormalities, t.requiredEvidence)} block={phone} data-testid="submit">
                      {/* what the button does, where 报送 says less: the office sends the review draft to the experts */}
                      {t.kind === 'plan-expert-review' ? (t.status === 'returned' ? '重新送专家评审' : '送专家评审') : t.status === 'returned' ? '重新报送' : '报送'}
                    </Button>
                  </Form>
                ) : actions.includes('confirmJoint') ? (
                  <div data-testid="joint-confirm">
                    <Alert
                      type="info"
                      showIcon
                      style={{ marginBottom: 12 }}
                      message={`本任务由${(t.jointUnitIds ?? []).map((u) => allNames.get(u) ?? u).join('、')}共同负责`}
                      description={`${t.rounds[t.rounds.length - 1]?.submission.byName ?? '其他单位'}已报送，请核对报送内容后确认；有异议请说明理由，任务将退回报送单位。`}
                    />
                    <Space wrap>
                      <Button type="primary" icon={<CheckOutlined />} loading={busy === 'confirmJoint'} disabled={paused} onClick={() => setDialog('confirmJoint')} data-testid="confirm-joint">确认报送内容</Button>
                      <Button danger icon={<RollbackOutlined />} disabled={paused} onClick={() => setDialog('object')} data-testid="object-joint">提出异议</Button>
                    </Space>
                  </div>
                ) : (
                  <Space wrap>
                    {actions.includes('approve') ? <Button type="primary" icon={<CheckOutlined />} loading={busy === 'approve'} disabled={paused} onClick={() => setDialog('approve')} data-testid="approve">{approving.button}</Button> : null}
                    {actions.includes('return') ? <Button danger icon={<RollbackOutlined />} loading={busy === 'return'} disabled={paused} onClick={() => setDialog('return')} data-testid="return">退回</Button> : null}
                    {actions.includes('transfer') ? <Button icon={<SwapOutlined />} disabled={paused} onClick={() => setDialog('transfer')} data-testid="transfer">转交</Button> : null}
                    {actions.includes('addApprover') ? <Button icon={<UserAddOutlined />} disabled={paused} onClick={() => setDialog('addApprover')} data-testid="add-approver">加签</Button> : null}
                  </Space>
                )}
              </Card>
            ) : null}

            {t.external ? <ExternalResultCard campaignId={id} task={t} canRecord={allowed.includes('recordExternalResult')} paused={paused} template={template} onRecorded={task.reload} onOpen={(e, preview) => void openEvidence(e, preview)} /> : null}

            <Row gutter={[12, 12]} style={{ marginTop: 12 }}>
              {t.indicatorCode ? (
                <Col xs={24} lg={12}>
                  <Card title={`指标 ${t.indicatorCode}`} size="small">
                    {indicator ? (
                      <Descriptions size="small" column={1}>
                        <Descriptions.Item label="指标">{indicator.name}</Descriptions.Item>
                        <Descriptions.Item label="领域">{labelOf(DOMAIN_LABEL, indicator.domain)}</Descriptions.Item>
                        <Descriptions.Item label="目标值">{indicator.target}{indicator.unit && indicator.unit !== '-' ? `（${indicator.unit}）` : ''}</Descriptions.Item>
                        <Descriptions.Item label="属性"><Tag color={indicator.attribute === 'binding' ? 'red' : 'blue'}>{ATTRIBUTE_LABEL[indicator.attribute]}</Tag></Descriptions.Item>
                        <Descriptions.Item label="牵头单位">{indicator.units.filter((u) => u.role === 'lead').map((u) => u.name).join('、') || '—'}</Descriptions.Item>
                        <Descriptions.Item label="协办单位">{indicator.units.filter((u) => u.role === 'co').map((u) => u.name).join('、') || '—'}</Descriptions.Item>
                      </Descriptions>
                    ) : (
                      <Typography.Text type="secondary">正在读取指标信息…</Typography.Text>
                    )}
                  </Card>
                </Col>
              ) : null}
              {t.contributions ? (
                <Col xs={24} lg={12}>
                  <ContributionsCard campaignId={id} items={t.contributions} phone={phone} ended={ended} paused={paused} />
                </Col>
              ) : null}
              <Col xs={24} lg={t.indicatorCode ? 12 : 24}>
                <Card title="审批流程" size="small" data-testid="chain">
                  {t.steps.length ? (
                    <Steps direction="vertical" size="small" current={t.status === 'submitted' ? activeIdx : t.status === 'approved' ? t.steps.length : -1} items={t.steps.map((s) => ({ title: s.name, description: <StepCard s={s} names={allNames} titled />, status: s.decisions.some((d) => d.decision === 'return') ? 'error' : s.status === 'done' ? 'finish' : s.status === 'active' ? 'process' : 'wait' }))} />
                  ) : (
                    <Typography.Text type="secondary">此任务无需审批</Typography.Text>
                  )}
                </Card>
              </Col>
              <Col xs={24} lg={12}>
                <Card title="报送与审批记录" size="small" data-testid="rounds">
                  {t.rounds.length ? (
                    <Timeline
                      items={t.rounds.map((r) => ({
                        color: r.outcome === 'approved' ? 'green' : r.outcome === 'returned' ? 'red' : 'blue',
                        children: (
                          <div>
                            <Typography.Text strong>第 {r.round} 轮</Typography.Text>
                            <Tag style={{ marginLeft: 6 }} color={r.outcome === 'returned' ? 'red' : r.outcome === 'approved' ? 'green' : 'processing'}>{r.outcome === 'returned' ? '退回' : r.outcome === 'approved' ? '通过' : r.outcome === 'cancelled' ? '取消' : '审批中'}</Tag>
                            <div style={{ fontSize: 13, marginTop: 4 }}>{r.submission.byName} 报送于 {fmtDateTime(r.submission.at)}</div>
                            {r.submission.comment ? <div style={{ fontSize: 13, color: '#595959' }}>说明：{r.submission.comment}</div> : null}
                            {r.submission.value !== null && r.submission.value !== undefined ? <div style={{ fontSize: 13 }}>现状值：{String(r.submission.value)}</div> : null}
                            {r.submission.formalities ? <RecordedFormalities f={r.submission.formalities as SubmissionFormalities} labels={outcomeLabels(t.requiredFormalities)} /> : null}
                            {(r.confirmations ?? []).map((x) => (
                              <div key={`${x.unitId}-${x.at}`} style={{ fontSize: 13 }} data-testid="joint-confirmation">
                                <Tag color={x.agree ? 'green' : 'red'}>{x.agree ? '已确认' : '有异议'}</Tag>
                                {allNames.get(x.unitId) ?? x.unitId} · {x.byName} · {fmtDateTime(x.at)}
                                {x.comment ? `：${x.comment}` : ''}
                              </div>
                            ))}
                            {r.awaitingConfirmation?.length ? <div style={{ fontSize: 13, color: '#d48806' }}>待共同负责单位确认：{r.awaitingConfirmation.map((u) => allNames.get(u) ?? u).join('、')}</div> : null}
                            {r.steps.map((s) => (
                              <div key={s.index} style={{ marginTop: 6 }}><StepCard s={s} names={allNames} /></div>
                            ))}
                          </div>
                        ),
                      }))}
                    />
                  ) : (
                    // an external stage is not sent (报送): its result and written opinion are in the 审查结果 card
                    <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t.external ? (t.externalResult ? `外部审查环节无需报送，结果与书面意见见「${externalResultTitle(t.kind)}」` : '外部审查环节无需报送，待登记结果') : '尚未报送'} />
                  )}
                </Card>
              </Col>
              <Col xs={24} lg={12}>
                <Card title="支撑材料" size="small" data-testid="files">
                  {evidence.length ? (
                    evidence.map((e, i) => (
                      <div key={i} style={{ display: 'flex', alignItems: 'center', gap: 8, padding: '6px 0', borderBottom: '1px solid #f0f0f0' }} data-testid="evidence">
                        <PaperClipOutlined />
                        <span style={{ flex: 1, minWidth: 0, wordBreak: 'break-all' }}>{e.name} <Typography.Text type="secondary" style={{ fontSize: 12 }}>第{e.round}轮 {sizeText(e.size)}</Typography.Text></span>
                        {canDownload && fileIdOf(e) ? (
                          <>
                            {canPreview(e.name) ? <Button size="small" icon={<EyeOutlined />} onClick={() => void openEvidence(e, true)}>预览</Button> : null}
                            <Button size="small" icon={<DownloadOutlined />} onClick={() => void openEvidence(e, false)}>下载</Button>
                          </>
                        ) : null}
                      </div>
                    ))
                  ) : (
                    <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t.external && t.externalResult?.evidence?.length ? `书面意见见「${externalResultTitle(t.kind)}」` : '暂无附件'} />
                  )}
                  {canDownload === false && evidence.length ? <Typography.Text type="secondary" style={{ fontSize: 12 }}>附件下载暂未开通</Typography.Text> : null}
                </Card>
              </Col>
              {t.urges?.length ? (
                <Col xs={24}>
                  <Card title="催办记录" size="small" data-testid="urge-log">
                    {[...t.urges].reverse().map((u, i) => (
                      <div key={i} style={{ fontSize: 13 }}>{fmtDateTime(u.at)} {u.byName} 催办{u.comment ? `：${u.comment}` : ''}</div>
                    ))}
                  </Card>
                </Col>
              ) : null}
              {t.deadlineChanges.length ? (
                <Col xs={24}>
                  <Card title="期限调整" size="small">
                    {t.deadlineChanges.map((d, i) => (
                      <div key={i} style={{ fontSize: 13 }}>{fmtDateTime(d.from)} → {fmtDateTime(d.to)}：{d.reason}（{fmtDateTime(d.at)}）</div>
                    ))}
                  </Card>
                </Col>
              ) : null}
            </Row>

            <Modal
              open={dialog !== null}
              title={{ approve: verdict === 'with-changes' ? approving.titleWithChanges : approving.title, return: '退回任务', transfer: '转交审批', addApprover: '加签', submit: '报送', confirmJoint: '确认共同负责任务的报送', object: '对报送内容提出异议' }[dialog ?? 'approve']}
              okText={{ approve: verdict === 'with-changes' ? approving.okWithChanges : approving.ok, return: '确认退回', transfer: '确认转交', addApprover: '确认加签', submit: '确认', confirmJoint: '确认无误', object: '提出异议并退回' }[dialog ?? 'approve']}
              cancelText="取消"
              okButtonProps={{ danger: dialog === 'return' || dialog === 'object', loading: busy !== null, 'data-testid': 'dialog-ok' } as never}
              onCancel={() => {
                setDialog(null);
                setRefusal(null);
              }}
              destroyOnClose
              onOk={async () => {
                let v: Record<string, string>;
                try {
                  v = (await dform.validateFields()) as Record<string, string>;
                } catch {
                  return; // the form says what is missing
                }
                if (dialog === 'approve') await act('approve', { comment: v.comment || undefined, ...(v.verdict === 'with-changes' ? { withChanges: true } : {}) });
                // 退回 with a new 补正期限 (who may move deadlines): one act — the unit's 【退回】 names the new date
                const newDue = (v as Record<string, unknown>).newDue as Dayjs | undefined;
                if (dialog === 'return') await act('return', { reason: v.reason, ...(newDue ? { dueDate: newDue.format('YYYY-MM-DD') } : {}) });
                // The office names the place it hands over: the one the step still waits on, or the one it picked.
                if (dialog === 'transfer') await act('transfer', { toUserId: v.userId, reason: v.reason, from: v.from || (has('office') && openPlaces.length === 1 ? openPlaces[0] : undefined) });
                if (dialog === 'addApprover') await act('addApprover', { userId: v.userId, reason: v.reason });
                if (dialog === 'confirmJoint') await act('confirmJoint', { agree: true, comment: v.comment || undefined });
                if (dialog === 'object') await act('confirmJoint', { agree: false, comment: v.comment });
              }}
            >
              <Form form={dform} layout="vertical" preserve={false}>
                {/* the server's refusal where the user is looking (it also stays on the page once the dialog closes) */}
                {refusal ? <Alert type={refusal.stale ? 'warning' : 'error'} showIcon style={{ marginBottom: 12 }} message={refusal.title} description={refusal.text} data-testid="dialog-refusal" data-stale={refusal.stale ? 'true' : undefined} /> : null}
                {dialog === 'approve' && offersWithChanges(activeStep, task.data?.kind) ? (
                  // An expert's verdict on the plan: 同意, or 修改后通过 with the changes it asks for (不通过: 退回); not on a
                  // unit's materials an expert was added to (the domain's rule)
                  <Form.Item name="verdict" label="评审意见" initialValue="agree">
                    <Radio.Group data-testid="approve-verdict">
                      <Radio value="agree">同意</Radio>
                      <Radio value="with-changes">修改后通过</Radio>
                    </Radio.Group>
                  </Form.Item>
                ) : null}
                {dialog === 'approve' ? (
                  <Form.Item noStyle dependencies={['verdict']}>
                    {({ getFieldValue }) =>
                      getFieldValue('verdict') === 'with-changes' ? (
                        <Form.Item name="comment" label="修改意见" rules={[{ required: true, whitespace: true, message: '请写明需修改的内容' }]}>
                          <Input.TextArea rows={4} maxLength={2000} placeholder="例如：补充近三年水环境质量数据，完善重点工程投资估算" data-testid="approve-comment" />
                        </Form.Item>
                      ) : (
                        <Form.Item name="comment" label={approving.comment}>
                          <Input.TextArea rows={3} maxLength={2000} placeholder="同意" data-testid="approve-comment" />
                        </Form.Item>
                      )
                    }
                  </Form.Item>
                ) : null}
                {dialog === 'confirmJoint' ? (
                  <Form.Item name="comment" label="确认意见（可选）">
                    <Input.TextArea rows={3} maxLength={2000} placeholder="已核对，同意" data-testid="confirm-comment" />
                  </Form.Item>
                ) : null}
                {dialog === 'object' ? (
                  <Form.Item name="comment" label="异议理由" rules={[{ required: true, whitespace: true, message: '请说明异议理由，报送单位将据此补正' }]}>
                    <Input.TextArea rows={3} maxLength={2000} data-testid="object-comment" />
                  </Form.Item>
                ) : null}
                {dialog === 'return' ? (
                  <Form.Item name="reason" label="退回原因" rules={[{ required: true, whitespace: true, message: '请填写退回原因，单位将据此补正' }]}>
                    <Input.TextArea rows={3} maxLength={2000} placeholder="例如：缺少盖章扫描件" data-testid="return-reason" />
                  </Form.Item>
                ) : null}
                {dialog === 'return' && allowed.includes('moveDeadlines') ? (
                  <Form.Item name="newDue" label="补正期限（可选）" rules={[notBeforeToday]} extra={[earlierNote(newDue, t.dueAt, fmtDate), `不填则沿用原期限 ${fmtDate(t.dueAt)}；填写则截止至该日23:59（北京时间，非工作日顺延），退回通知写明新期限`].filter(Boolean).join('。')}>
                    <DatePicker style={{ width: '100%' }} format={['YYYY-MM-DD ddd', 'YYYY-MM-DD']} data-testid="return-new-due" />
                  </Form.Item>
                ) : null}
                {dialog === 'transfer' || dialog === 'addApprover' ? (
                  <>
                    {dialog === 'transfer' && openPlaces.length > 1 && has('office') ? (
                      // The office hands over any place of a step with several (an expert away): which one.
                      <Form.Item name="from" label="转交哪个审批位" initialValue={openPlaces[0]} rules={[{ required: true, message: '请选择审批位' }]}>
                        <Select options={openPlaces.map((p) => ({ value: p, label: principalLabel(p, allNames) }))} data-testid="transfer-from" />
                      </Form.Item>
                    ) : dialog === 'transfer' && openPlaces.length === 1 && has('office') ? (
                      // The one place the step still waits on (the office's own signed, a co-signer's open): named.
                      <Form.Item label="转交审批位">
                        <span data-testid="transfer-place">{principalLabel(openPlaces[0], allNames)}</span>
                      </Form.Item>
                    ) : null}
                    <Form.Item name="userId" label={dialog === 'transfer' ? '转交给' : '加签人'} rules={[{ required: true, message: dialog === 'transfer' ? '请选择转交给谁' : '请选择加签人' }]}>
                      {/* Whom the server's policy accepts on this step (candidates), by name and unit; a typed account id works too. */}
                      <AutoComplete popupMatchSelectWidth options={candidates.map((u) => ({ value: u.id, label: candidateLabel(u) }))} filterOption={(input, o) => !!o && `${o.value} ${String(o.label)}`.toLowerCase().includes(input.toLowerCase())} placeholder={candidateList.loading ? '正在载入可选人员…' : candidateList.error ? `无法载入可选人员：${errorText(candidateList.error)}` : candidates.length ? '输入姓名或单位查找' : '暂无可选人员'} data-testid="person-picker" />
                    </Form.Item>
                    <Form.Item name="reason" label="原因" rules={[{ required: true, whitespace: true, message: '请填写原因' }]}>
                      <Input.TextArea rows={2} maxLength={500} />
                    </Form.Item>
                  </>
                ) : null}
              </Form>
            </Modal>
          </div>
        );
      }}
    </Loadable>
  );
}
