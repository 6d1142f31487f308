import { totalText } from '../components/task-total';
import { ArrowLeftOutlined, UnorderedListOutlined } from '@ant-design/icons';
import { Input, List, Select, Space, Switch, Table, Tag, Typography } from 'antd';
import { useEffect, useMemo, useState } from 'react';
import { Link, useNavigate, useParams } from 'react-router-dom';
import { request, requestWithHeaders } from '../api/client';
import { campaignControls } from '../components/campaign-controls';
import type { ApiTaskStatus, CampaignDetail, Task, TemplateDetail } from '../api/types';
import { nextOverdueInstant, type OverdueWait } from '@eco/domain';
import { DueBadge } from '../components/DueBadge';
import { FilterBar, filterWidth } from '../components/FilterBar';
import { Loadable } from '../components/States';
import { UrgeMany, urgeable } from '../components/UrgeMany';
import { templateDetail } from '../directory';
import { useIsPhone, useLoad, useReloadAt, useUrlFilters } from '../hooks';
import { responsibleLabel, STATUS_COLOR, STATUS_LABEL } from '../labels';
import { taskHref } from './Inbox';

const PAGE = 20;
/** The overview's late figures a list may be opened with (`awaiting`), as they are named there. */
const AWAITING: Record<string, string> = { unit: '逾期未报', review: '逾期待审核' } satisfies Record<OverdueWait, string>;
const STATUSES: ApiTaskStatus[] = ['open', 'submitted', 'returned', 'approved', 'cancelled'];

/** One page of a campaign's tasks and how many match (X-Total-Count). */
interface TaskPage {
  items: Task[];
  total: number;
}

/**
 * 任务清单 of a campaign (the office, leaders, inspectors, supervisors): every task, filtered and paged by the server —
 * by 阶段, 状态, 单位, 逾期 and a text (the task's name, the unit's name or the indicator code) — due date first. The
 * numbers and unit rows of 活动总览 open it with their filter set (逾期, 审批中, 已退回, one unit). The office and leaders
 * tick tasks of the page (e.g. 只看逾期) and 催办 them at once.
 */
export function CampaignTasksPage() {
  const { id = '' } = useParams();
  const navigate = useNavigate();
  const phone = useIsPhone();
  const [sp, set] = useUrlFilters();
  const page = Number(sp.get('page') ?? 1);
  const status = (sp.get('status') ?? undefined) as ApiTaskStatus | undefined;
  const unitId = sp.get('unitId') ?? undefined;
  const phase = sp.get('phase') ?? undefined;
  const overdue = sp.get('overdue') === 'true';
  // 活动总览's 逾期未报 / 逾期待审核: the overdue tasks of either (the server's overdueWait), with 只看逾期
  const awaiting = AWAITING[sp.get('awaiting') ?? ''] ? (sp.get('awaiting') as OverdueWait) : undefined;
  const q = sp.get('q') ?? '';
  const [text, setText] = useState(q);
  useEffect(() => setText(q), [q]);
  const [selected, setSelected] = useState<Task[]>([]);

  const campaign = useLoad((signal) => request<CampaignDetail>('campaign', { params: { id }, signal }), [id]);
  // 催办所选: offered as the campaign detail's actions say (the API's access policy; none once the campaign has ended)
  const canUrge = campaignControls(campaign.data).urge && !phone;
  const [tpl, setTpl] = useState<TemplateDetail | null>(null);
  useEffect(() => {
    if (campaign.data) void templateDetail(campaign.data.templateId).then(setTpl).catch(() => setTpl(null));
  }, [campaign.data?.templateId]);
  const units = useMemo(() => new Map((tpl?.units ?? []).map((u) => [u.id, u.name])), [tpl]);

  const tasks = useLoad(
    (signal) =>
      requestWithHeaders<Task[]>('tasks', {
        params: { id },
        query: { limit: PAGE, offset: (page - 1) * PAGE, status, unitId, phase, overdue: overdue ? 'true' : undefined, awaiting, q: q || undefined },
        signal,
      }).then((r): TaskPage => ({ items: r.data, total: Number(r.headers.get('X-Total-Count') ?? r.data.length) })),
    [id, page, status, unitId, phase, overdue, awaiting, q],
  );
  useEffect(() => setSelected([]), [id, page, status, unitId, phase, overdue, awaiting, q]); // a selection is of the page shown
  const filter = (patch: Record<string, string | undefined>) => set({ ...patch, page: undefined });
  const unitOf = (t: Task) => responsibleLabel(t, (u) => units.get(u) ?? u, tpl?.region);
  const done = (t: Task) => t.status === 'approved' || t.status === 'cancelled';
  // the badges read overdue by the domain's rule as time passes (of this campaign: frozen while paused, none once ended)
  const overdueFacts = campaign.data ? { status: campaign.data.status, pausedSince: campaign.data.pause?.since ?? null } : undefined;
  // the list read again at the next due instant of a task shown (its 逾期 filter and 逾期未报 take it in from then)
  const nextDue = useMemo(() => nextOverdueInstant((tasks.data?.items ?? []).map((t) => ({ status: t.engineStatus, dueAt: t.dueAt })), Date.now(), overdueFacts), [tasks.data, campaign.data]);
  useReloadAt(nextDue, tasks.reload);
  // the task's own words (taskStatusText, as its page): 待共同负责单位确认, 整改中 (a 预审 with findings read 审批中 here), 待登记结果…
  const statusTag = (t: Task) => (t.blockedBy ? <Tag>待前序环节</Tag> : <Tag color={STATUS_COLOR[t.status]} data-testid="task-row-status">{t.statusLabel || STATUS_LABEL[t.status]}</Tag>);

  return (
    <div>
      <Link to={`/campaigns/${encodeURIComponent(id)}`} style={{ fontSize: 13 }} data-testid="back">
        <ArrowLeftOutlined /> {campaign.data?.name ?? '活动总览'}
      </Link>
      <Typography.Title level={4} style={{ margin: '8px 0 12px' }}>
        <UnorderedListOutlined /> 任务清单
      </Typography.Title>
      <FilterBar testId="task-filters">
        <Input.Search
          allowClear
          placeholder="任务名称、单位或指标编号"
          value={text}
          onChange={(e) => setText(e.target.value)}
          onSearch={(v) => filter({ q: v.trim() || undefined })}
          style={{ width: filterWidth(phone, 260) }}
          data-testid="task-search"
        />
        <Select allowClear placeholder="全部阶段" value={phase} onChange={(v) => filter({ phase: v })} style={{ width: filterWidth(phone, 150) }} options={(campaign.data?.phases ?? []).map((p) => ({ value: p.key, label: p.name }))} data-testid="task-phase" />
        <Select allowClear placeholder="全部状态" value={status} onChange={(v) => filter({ status: v })} style={{ width: filterWidth(phone, 130) }} options={STATUSES.map((s) => ({ value: s, label: STATUS_LABEL[s] }))} data-testid="task-status-filter" />
        <Select allowClear showSearch optionFilterProp="label" placeholder="全部单位" value={unitId} onChange={(v) => filter({ unitId: v })} style={{ width: filterWidth(phone, 220) }} options={(tpl?.units ?? []).map((u) => ({ value: u.id, label: u.name }))} data-testid="task-unit" />
        {/* the words switch it too (walkthrough: only the switch itself could be clicked) */}
        <label style={{ display: 'inline-flex', alignItems: 'center', gap: 8, cursor: 'pointer' }}>
          <Switch checked={overdue} onChange={(v) => filter({ overdue: v ? 'true' : undefined, awaiting: undefined })} data-testid="task-overdue" />
          <span>只看逾期</span>
        </label>
        {awaiting ? <Tag closable onClose={() => filter({ awaiting: undefined })} data-testid="task-awaiting">{AWAITING[awaiting]}</Tag> : null}
        {canUrge ? <UrgeMany campaignId={id} tasks={selected} onDone={() => { setSelected([]); tasks.reload(); }} /> : null}
      </FilterBar>
      <Loadable {...tasks} notFound="活动不存在或无权查看" empty={(d) => d.total === 0} emptyText="没有符合条件的任务">
        {(d) => {
          const pagination = d.total > PAGE ? { current: page, pageSize: PAGE, total: d.total, showSizeChanger: false, showTotal: (n: number) => totalText(n, { filtered: !!(unitId || phase || q), byState: !!(status || overdue || awaiting), campaignTotal: campaign.data?.progress.total }), onChange: (p: number) => set({ page: String(p) }) } : false;
          return phone ? (
            <List
              dataSource={d.items}
              pagination={pagination}
              data-testid="task-list"
              renderItem={(t) => (
                <List.Item key={t.id} onClick={() => navigate(taskHref(id, t.id))} style={{ cursor: 'pointer' }} data-testid="task-row" data-task={t.id}>
                  <List.Item.Meta title={t.title} description={<Space wrap size={4}>{statusTag(t)}<DueBadge dueAt={t.dueAt} overdue={t.overdue} done={done(t)} status={t.engineStatus} campaign={overdueFacts} withDate /><span>{unitOf(t)}</span></Space>} />
                </List.Item>
              )}
            />
          ) : (
            <Table
              rowKey="id"
              size="small"
              dataSource={d.items}
              pagination={pagination}
              data-testid="task-list"
              rowSelection={canUrge ? { selectedRowKeys: selected.map((t) => t.id), onChange: (_keys, rows) => setSelected(rows), getCheckboxProps: (t) => ({ disabled: !urgeable(t), 'data-testid': 'task-select' }) as never } : undefined}
              onRow={(t) => ({ onClick: (e: React.MouseEvent) => !(e.target as HTMLElement).closest('.ant-table-selection-column') && navigate(taskHref(id, t.id)), style: { cursor: 'pointer' }, 'data-testid': 'task-row', 'data-task': t.id }) as never}
              columns={[
                { title: '任务', dataIndex: 'title', render: (v: string, t) => <Link to={taskHref(id, t.id)} onClick={(e) => e.stopPropagation()}>{v}</Link> },
                { title: '责任单位', render: (_: unknown, t) => unitOf(t), width: 220 },
                { title: '阶段', dataIndex: 'phaseName', width: 110 },
                { title: '状态', render: (_: unknown, t) => statusTag(t), width: 110 },
                { title: '截止', render: (_: unknown, t) => <DueBadge dueAt={t.dueAt} overdue={t.overdue} done={done(t)} status={t.engineStatus} campaign={overdueFacts} withDate />, width: 300 },
              ]}
            />
          );
        }}
      </Loadable>
    </div>
  );
}

