import { CalendarOutlined, PlayCircleOutlined } from '@ant-design/icons';
import { Alert, App, Button, Card, Checkbox, DatePicker, Form, Input, Select, Space, Switch, Table, Tag, Typography } from 'antd';
import type { SelectProps } from 'antd';
import dayjs, { Dayjs } from 'dayjs';
import { useEffect, useRef, useState } from 'react';
import { Link, useNavigate, useSearchParams } from 'react-router-dom';
import { download, errorText, newIdempotencyKey, request } from '../api/client';
import type { CampaignSummary, TemplateDetail, TemplateSummary } from '../api/types';
import { DownloadButton } from '../components/DownloadButton';
import { NotAvailable } from '../components/States';
import { templateDetail, templateSummaries } from '../directory';
import { durationText } from '../format';
import { useEndpoint, useIsPhone, useLoad } from '../hooks';
import { newCampaignWords } from './new-campaign-words';
import { duplicateLead, DUPLICATE_TAIL, duplicateText, runningNote, runningOnTemplate, type ListedCampaign } from './duplicate-campaigns';

interface PlanRow {
  phase: string;
  phaseName: string;
  key: string;
  name: string;
  ownerLabel: string;
  dueAt: string;
  dueDate: string;
  weekday: string;
  workingDaysFromStart: number;
  afterLabel?: string;
  estimate?: boolean;
  origin?: string;
  /** A date on a weekend or holiday moved to the next working day (the preview's own words in `reason`). */
  moved?: { from: string; to: string; reason: string } | null;
  publishedText?: string;
}
interface PlanView {
  templateName?: string;
  startDate: string;
  milestones: PlanRow[];
  warnings: string[];
  past: { key: string; name: string; dueLabel: string }[];
}

/** Whether the preview's row is of the date chosen for it (`chosen`, YYYY-MM-DD): set by the office, as is or moved from it. */
function previewed(r: PlanRow, chosen: string): boolean {
  return r.origin === 'override' && (r.moved?.from ?? r.dueDate) === chosen;
}

const BEFORE = ['P10D', 'P7D', 'P5D', 'P3D', 'P2D', 'P1D', 'PT4H', 'PT2H'];
const EVERY = ['P1D', 'P2D', 'P3D', 'P7D'];
const ESCALATE = ['P1D', 'P3D', 'P5D', 'P10D'];

/** Choices of a reminder setting, with the template's own value among them, in Chinese. */
function choices(values: string[], current: string | string[] | undefined, label: (iso: string) => string) {
  const all = [...new Set([...values, ...(Array.isArray(current) ? current : current ? [current] : [])])];
  return all.map((value) => ({ value, label: label(value) }));
}

export function NewCampaignPage() {
  const templates = useLoad(() => templateSummaries(), []);
  // The campaigns the reader sees, to say which already run the chosen plan (an administrator's or a supervising office's
  // include other counties': the warning does not say 本县); while they load, or if they fail, nothing is said and 启动
  // works as before.
  const campaigns = useLoad((signal) => request<CampaignSummary[]>('campaigns', { signal }), []);
  const canPlan = useEndpoint('plan');
  const phone = useIsPhone();
  const navigate = useNavigate();
  const { message, modal } = App.useApp();
  const [form] = Form.useForm();
  const [sp] = useSearchParams();
  const chosenTemplate = sp.get('template');
  const chosenId = Form.useWatch('templateId', form) as string | undefined;
  const [tpl, setTpl] = useState<TemplateDetail | null>(null);
  const [plan, setPlan] = useState<PlanView | null>(null);
  const [planError, setPlanError] = useState<string | null>(null);
  const [overrides, setOverrides] = useState<Record<string, string>>({});
  // 接管: a county already under way starts the campaign on its own past dates, with the steps it has done marked.
  const [takeOver, setTakeOver] = useState(false);
  const [done, setDone] = useState<string[]>([]);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const clickKey = useRef<string>(newIdempotencyKey());
  const templateId = Form.useWatch('templateId', form) as string | undefined;
  const startDate = Form.useWatch('startDate', form) as Dayjs | undefined;
  const before = Form.useWatch('before', form) as string[] | undefined;
  const overdueEvery = Form.useWatch('overdueEvery', form) as string | undefined;
  const escalateAfter = Form.useWatch('escalateAfter', form) as string | undefined;
  const running = runningOnTemplate(campaigns.data, templateId);
  // the chosen plan's kind: a consolidation plan (巩固提升) is not a 创建 and its words do not say so
  const words = newCampaignWords(templates.data?.find((t) => t.id === templateId)?.kind ?? tpl?.kind);

  useEffect(() => {
    setTpl(null);
    setPlan(null);
    setOverrides({});
    setDone([]);
    if (templateId) void templateDetail(templateId).then(setTpl).catch((e) => setPlanError(`模板加载失败：${errorText(e)}`));
  }, [templateId]);
  useEffect(() => {
    if (tpl?.reminderPolicy) form.setFieldsValue({ before: tpl.reminderPolicy.before, overdueEvery: tpl.reminderPolicy.overdueEvery, escalateAfter: tpl.reminderPolicy.escalateAfter });
  }, [tpl, form]);

  function body() {
    const v = form.getFieldsValue() as { templateId: string; name?: string; startDate?: Dayjs };
    // What the clerk set, also none before the deadline (before: []); fields left empty keep the template's.
    const set = { ...(before !== undefined ? { before } : {}), ...(overdueEvery ? { overdueEvery } : {}), ...(escalateAfter ? { escalateAfter } : {}) };
    const reminderPolicy = Object.keys(set).length ? set : undefined;
    return {
      templateId: v.templateId,
      name: v.name?.trim() || undefined,
      startAt: v.startDate ? `${v.startDate.format('YYYY-MM-DD')}T09:00:00+08:00` : undefined,
      schedule: Object.keys(overrides).length ? overrides : undefined,
      reminderPolicy,
      ...(takeOver ? { takeOver: true, done } : {}),
    };
  }

  useEffect(() => {
    if (!templateId || !canPlan) return;
    const ac = new AbortController();
    setPlanError(null);
    const t = setTimeout(() => {
      request<PlanView>('plan', { body: body(), signal: ac.signal })
        .then(setPlan)
        // A refused preview (e.g. a node dated before the start) keeps the last plan on screen: its rows stay editable
        // and the marks below say which date to fix, instead of an empty table.
        .catch((e) => !ac.signal.aborted && setPlanError(errorText(e)));
    }, 250);
    return () => {
      clearTimeout(t);
      ac.abort();
    };
  }, [templateId, startDate, overrides, canPlan, before, overdueEvery, escalateAfter, takeOver, done]);

  async function start() {
    await form.validateFields();
    const what = takeOver ? `${words.takeOver}：${done.length} 个已完成节点直接记为完成，其余节点按上表期限向各责任单位联络员发送任务通知（已过期的节点不补发到期前提醒）。` : '启动后将按上表期限向各责任单位联络员发送任务通知。';
    // The same plan already running here: the one confirmation says so and asks in so many words (no extra click).
    const again = running.length > 0;
    modal.confirm({
      title: again ? words.confirmAgain : words.confirm,
      content: again ? <div data-testid="duplicate-confirm"><p>{duplicateText(running)}</p>{what}</div> : what,
      okText: again ? '仍然启动' : '启动',
      okButtonProps: again ? { danger: true } : undefined,
      cancelText: again ? '取消' : '再检查一下',
      onOk: async () => {
        setBusy(true);
        setError(null);
        try {
          const c = await request<CampaignSummary>('startCampaign', { body: body(), idempotencyKey: clickKey.current });
          message.success(words.started);
          navigate(`/campaigns/${encodeURIComponent(c.id)}`);
        } catch (e) {
          setError(errorText(e));
          clickKey.current = newIdempotencyKey();
        } finally {
          setBusy(false);
        }
      },
    });
  }

  const rows: PlanRow[] = plan?.milestones ?? [];
  // A node due before the start date cannot be met (the plan counts it as negative working days).
  const startDay = startDate?.format('YYYY-MM-DD');
  const beforeStart = (r: PlanRow) => !!startDay && (overrides[r.key] ?? r.dueDate) < startDay;
  const early = rows.filter(beforeStart);
  return (
    <div>
      <Typography.Title level={4}>{words.heading}</Typography.Title>
      {/* ?template=<id>: opened from a template's page (用此模板发起) with that template chosen */}
      <Form form={form} layout="vertical" initialValues={{ startDate: dayjs(), templateId: chosenTemplate ?? undefined }}>
      <Card size="small">
        <Space wrap size={16} align="start" style={{ width: '100%' }}>
          <Form.Item name="templateId" label="工作方案模板" rules={[{ required: true, message: '请选择模板' }]} style={{ minWidth: phone ? 300 : 420, marginBottom: 0 }}>
            <Select loading={templates.loading} status={templates.error ? 'error' : undefined} placeholder={templates.error ? '模板列表加载失败' : '选择模板'} options={templateOptions(templates.data ?? [])} data-testid="template-select" />
          </Form.Item>
          <Form.Item name="name" label="活动名称">
            <Input placeholder="默认使用模板名称" maxLength={200} style={{ minWidth: 240 }} />
          </Form.Item>
          <Form.Item name="startDate" label="启动日期" rules={[{ required: true, message: '请选择启动日期' }]}>
            <DatePicker allowClear={false} data-testid="start-date" />
          </Form.Item>
        </Space>
        {templates.error ? <Alert type="error" showIcon style={{ marginTop: 8 }} message={`模板列表加载失败：${errorText(templates.error)}`} action={<Button size="small" onClick={templates.reload}>重试</Button>} /> : null}
        <OtherRegionWarning templates={templates.data ?? []} chosen={chosenId} />
        <DuplicateCampaignWarning running={running} />
      </Card>

      <Card size="small" title="提醒策略" style={{ marginTop: 12 }}>
          <Space wrap size={16}>
            <Form.Item name="before" label="到期前提醒" style={{ minWidth: 260 }}>
              <Select mode="multiple" options={choices(BEFORE, before, (d) => `提前 ${durationText(d)}`)} placeholder="选择提醒时间" />
            </Form.Item>
            <Form.Item name="overdueEvery" label="逾期后每隔">
              <Select style={{ width: 170 }} options={choices(EVERY, overdueEvery, (d) => `每 ${durationText(d)}催办一次`)} placeholder="选择" />
            </Form.Item>
            <Form.Item name="escalateAfter" label="逾期多久督办">
              <Select style={{ width: 140 }} options={choices(ESCALATE, escalateAfter, (d) => `逾期 ${durationText(d)}`)} placeholder="选择" />
            </Form.Item>
          </Space>
      </Card>
      </Form>

      <Card size="small" title={<span><CalendarOutlined /> 工作计划预览（北京时间，按工作日计算）</span>} style={{ marginTop: 12 }}>
        {canPlan === false ? (
          <>
            <NotAvailable what="工作计划预览" />
            {tpl ? (
              <Table
                size="small"
                style={{ marginTop: 12 }}
                pagination={false}
                scroll={{ x: 640 }}
                rowKey="key"
                dataSource={tpl.phases.flatMap((p) => p.milestones.map((m) => ({ key: m.key, phase: p.name, name: m.name, text: m.due.text })))}
                columns={[{ title: '阶段', dataIndex: 'phase' }, { title: '节点', dataIndex: 'name' }, { title: '方案原文期限', dataIndex: 'text' }]}
              />
            ) : null}
          </>
        ) : !templateId ? (
          <Typography.Text type="secondary">请选择模板和启动日期，系统将计算每个节点的期限。</Typography.Text>
        ) : (
          <>
            {planError ? <Alert type="error" showIcon message={planError} style={{ marginBottom: 8 }} /> : null}
            {plan?.warnings.length ? <PlanWarnings warnings={plan.warnings} /> : null}
            {early.length ? <Alert type="error" showIcon message={`以下节点期限早于启动日期：${early.map((r) => r.name).join('、')}，请调整节点期限或启动日期`} style={{ marginBottom: 8 }} data-testid="early-nodes" /> : null}
            {/* 工作计划表: the schedule on screen (the dates as set here) as a spreadsheet to print or send round */}
            {plan ? (
              <div style={{ marginBottom: 8 }}>
                <DownloadButton label="下载工作计划表（xlsx）" testid="download-plan-xlsx" download={(progress) => download('planXlsx', { body: body() }, `${plan.templateName ?? '创建'}-工作计划表.xlsx`, progress)} />
              </div>
            ) : null}
            <Space style={{ marginBottom: 8 }} wrap>
              <Switch checked={takeOver} onChange={(v) => { setTakeOver(v); if (!v) setDone([]); }} data-testid="take-over" />
              <Typography.Text>{words.takeOver}（部分节点已完成或期限已过）</Typography.Text>
            </Space>
            {plan?.past.length ? (
              takeOver ? (
                <Alert type="warning" showIcon message={`以下节点期限已过且未标为已完成，启动后即为逾期：${plan.past.map((p) => `${p.name}（${p.dueLabel}）`).join('、')}。已完成的请在表中勾选「已完成」`} style={{ marginBottom: 8 }} data-testid="past-nodes" />
              ) : (
                <Alert type="error" showIcon message={`以下节点期限已过：${plan.past.map((p) => `${p.name}（${p.dueLabel}）`).join('、')}，请调整启动日期或节点期限；如${words.underWay}已在进行中，请打开「${words.takeOver}」并勾选已完成的节点`} style={{ marginBottom: 8 }} data-testid="past-nodes" />
              )
            ) : null}
            <Table<PlanRow>
              size="small"
              loading={!plan && !planError}
              pagination={false}
              scroll={{ x: 760 }}
              rowKey="key"
              dataSource={rows}
              data-testid="plan-table"
              columns={[
                ...(takeOver
                  ? [{ title: '已完成', width: 70, render: (_: unknown, r: PlanRow) => <Checkbox checked={done.includes(r.key)} onChange={(e) => setDone((d) => (e.target.checked ? [...d, r.key] : d.filter((k) => k !== r.key)))} aria-label={`${r.name}已完成`} data-testid="done-node" data-key={r.key} /> }]
                  : []),
                { title: '阶段', dataIndex: 'phaseName', width: 90 },
                { title: '节点', dataIndex: 'name' },
                { title: '责任主体', dataIndex: 'ownerLabel', ellipsis: true },
                {
                  title: '期限（可修改）',
                  width: 300,
                  render: (_, r) => (
                    <Space size={4}>
                      <DatePicker
                        size="small"
                        allowClear={false}
                        status={beforeStart(r) ? 'error' : undefined}
                        // the date the plan holds once the preview has this very choice (a Saturday chosen reads as the
                        // Monday it moved to); while it is asked, or refused, the date typed (review: a refused one read the last)
                        value={dayjs(overrides[r.key] && !previewed(r, overrides[r.key]) ? overrides[r.key] : r.dueDate)}
                        // shown with its weekday; a date typed as 2027-03-05 is taken too (a function format could not be typed into)
                        format={['YYYY-MM-DD ddd', 'YYYY-MM-DD']}
                        data-testid="node-date"
                        onChange={(d) => d && setOverrides((o) => ({ ...o, [r.key]: d.format('YYYY-MM-DD') }))}
                      />
                      {r.estimate ? <Tag color="orange">预估</Tag> : null}
                      {overrides[r.key] && previewed(r, overrides[r.key]) && r.moved ? (
                        <Tag color="gold" title={r.moved.reason} data-testid="node-moved">
                          非工作日，已顺延
                        </Tag>
                      ) : null}
                      {overrides[r.key] ? (
                        <>
                          <Tag color="blue">已调整</Tag>
                          <Button size="small" type="link" style={{ padding: 0 }} onClick={() => setOverrides(({ [r.key]: _dropped, ...o }) => o)} data-testid="reset-override">恢复计算期限</Button>
                        </>
                      ) : null}
                      {beforeStart(r) ? <Typography.Text type="danger" style={{ fontSize: 12, whiteSpace: 'nowrap' }} data-testid="before-start">早于启动日期</Typography.Text> : null}
                    </Space>
                  ),
                },
                { title: '距启动', dataIndex: 'workingDaysFromStart', width: 110, render: (n: number) => <span style={{ whiteSpace: 'nowrap' }}>{n} 个工作日</span> }, // 「10 个工作 / 日」 wrapped at 90 px
                { title: '前序', dataIndex: 'afterLabel', width: 120, ellipsis: true },
              ]}
            />
          </>
        )}
      </Card>
      {error ? <Alert type="error" showIcon message="启动失败" description={error} style={{ marginTop: 12 }} data-testid="start-error" /> : null}
      <div style={{ marginTop: 16, textAlign: 'right' }}>
        <Button type="primary" size="large" icon={<PlayCircleOutlined />} loading={busy} disabled={!templateId || !!planError || (!takeOver && (plan?.past.length ?? 0) > 0) || early.length > 0} onClick={() => void start()} data-testid="start">
          {words.start}
        </Button>
      </div>
    </div>
  );
}

const templateLabel = (t: TemplateSummary) => `${t.name}（${t.indicatorCount} 项指标，${t.unitCount} 个单位）`;

/** The template choices: the caller's own region's plans first, the other regions' published plans apart, for reference. */
function templateOptions(list: TemplateSummary[]): SelectProps['options'] {
  const own = list.filter((t) => t.ownRegion);
  const other = list.filter((t) => !t.ownRegion);
  if (!own.length) return list.map((t) => ({ value: t.id, label: templateLabel(t) }));
  return [
    { label: '本地区工作方案', options: own.map((t) => ({ value: t.id, label: templateLabel(t) })) },
    { label: '其他地区工作方案（供参考）', options: other.map((t) => ({ value: t.id, label: templateLabel(t) })) },
  ];
}

/**
 * Another region's plan chosen: its units are that region's bureaus, not the caller's, and starting adds them to the
 * caller's 用户与单位 — say so before anything starts.
 */
function OtherRegionWarning({ templates, chosen }: { templates: TemplateSummary[]; chosen: string | undefined }) {
  const t = templates.find((x) => x.id === chosen);
  if (!t || t.ownRegion !== false || !templates.some((x) => x.ownRegion)) return null;
  return (
    <Alert
      type="warning"
      showIcon
      style={{ marginTop: 8 }}
      data-testid="other-region-warning"
      message={`所选为${t.region}的工作方案，任务将下达给${t.region}的责任单位（${t.unitCount} 个，启动后列入本组织的「用户与单位」），而不是本地区的部门。本地区创建请选择「本地区工作方案」，或先在「工作方案模板」中导入本地区方案。`}
    />
  );
}

/**
 * A campaign on the chosen plan is running (进行中 or 已暂停): starting again gives every unit the whole
 * plan's tasks and reminders a second time — say so, each named with a link to its page, before anything starts.
 */
function DuplicateCampaignWarning({ running }: { running: ListedCampaign[] }) {
  if (!running.length) return null;
  return (
    <Alert
      type="warning"
      showIcon
      style={{ marginTop: 8 }}
      data-testid="duplicate-campaign"
      message={
        <>
          {duplicateLead(running)}
          {running.map((c, i) => (
            <span key={c.id}>
              {i ? '、' : ''}
              <Link to={`/campaigns/${encodeURIComponent(c.id)}`} data-testid="duplicate-campaign-link">《{c.name}》</Link>（{runningNote(c)}）
            </span>
          ))}
          {DUPLICATE_TAIL}
        </>
      }
    />
  );
}

/** How many of a long list of plan notes show before 展开. */
const PLAN_WARNINGS_SHOWN = 3;

/**
 * The plan's notes (holiday moves, estimates, provisional years…): one or two as they are; more in one box listing
 * them — the preview stacked 8 to 14 yellow boxes above the table for a plan started today.
 */
function PlanWarnings({ warnings }: { warnings: string[] }) {
  const [all, setAll] = useState(false);
  if (warnings.length <= 2) return <>{warnings.map((w) => <Alert key={w} type="warning" showIcon message={w} style={{ marginBottom: 8 }} data-testid="plan-warning" />)}</>;
  const shown = all ? warnings : warnings.slice(0, PLAN_WARNINGS_SHOWN);
  return (
    <Alert
      type="warning"
      showIcon
      style={{ marginBottom: 8 }}
      data-testid="plan-warnings"
      message={`计划提示（${warnings.length} 条）`}
      description={
        <ul style={{ margin: 0, paddingInlineStart: 18 }}>
          {shown.map((w) => (
            <li key={w} data-testid="plan-warning">{w}</li>
          ))}
          {warnings.length > shown.length ? (
            <li style={{ listStyle: 'none' }}>
              <a onClick={() => setAll(true)} data-testid="plan-warnings-more">展开其余 {warnings.length - shown.length} 条</a>
            </li>
          ) : null}
        </ul>
      }
    />
  );
}
