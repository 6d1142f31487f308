import { CheckCircleFilled, CloseCircleFilled, LeftOutlined, RightOutlined, VerticalRightOutlined } from '@ant-design/icons';
import { Alert, Button, Card, List, Segmented, Space, Table, Tag, Typography } from 'antd';
import { Fragment, useCallback, useMemo, useRef } from 'react';
import { Link, useNavigate, useParams, useSearchParams } from 'react-router-dom';
import { ApiError, download, errorText, request, requestWithHeaders } from '../api/client';
import type { AuditEntry, AuditVerify, CampaignDetail, Task, UserInfo } from '../api/types';
import { AUDIT_FILTERS, AuditFilters, type AuditFilter } from '../components/AuditFilters';
import { CampaignPicker } from '../components/CampaignPicker';
import { DownloadButton } from '../components/DownloadButton';
import { Loadable, NotFound } from '../components/States';
import { templateDetail, userMap } from '../directory';
import { principalNames } from '../principal-names';
import { USER_LISTERS, useAuth } from '../auth';
import { fmtDateTime } from '../format';
import { useIsPhone, useLoad } from '../hooks';
import { AUDIT_TASKS_NAMED, auditActionLabel, auditNote, auditTaskIds, labelOf, OUTCOME_LABEL, outcomeColor, ROLE_LABEL, taskLabel } from '../labels';
import { taskHref } from './Inbox';

export const AUDIT_PAGE_SIZE = 50;

interface AuditPage {
  items: AuditEntry[];
  total: number;
  /** Cursor of the next page (X-Next-After-Seq, or X-Next-Before-Seq newest first), null on the last page. */
  next: number | null;
}

/**
 * The two orders the server pages in: 由早到晚 (the chain's order, cursor afterSeq — `after` in the URL) and 最新在前
 * (order=desc, cursor beforeSeq — `before`): a campaign of thousands of entries shows what happened lately on its first
 * page instead of its last.
 */
const ORDERS = {
  asc: { label: '由早到晚', param: 'after', query: (c: number) => ({ afterSeq: c || undefined }), header: 'X-Next-After-Seq' },
  desc: { label: '最新在前', param: 'before', query: (c: number) => ({ order: 'desc', beforeSeq: c || undefined }), header: 'X-Next-Before-Seq' },
} as const;
type Order = keyof typeof ORDERS;

/**
 * 审计记录: the server filters (person, unit, action, task, result, period) and pages by its cursor (afterSeq →
 * X-Next-After-Seq; newest first beforeSeq → X-Next-Before-Seq), so a campaign with tens of thousands of entries reads
 * page by page. Filters, order, page number and cursor are in the URL (a link opens the same page); the chain's
 * verification and the CSV / Excel exports of everything matching the filters sit above the table.
 */
export function AuditPage() {
  const params = useParams();
  const [sp, setSp] = useSearchParams();
  const navigate = useNavigate();
  const phone = useIsPhone();
  const id = params.id ?? sp.get('campaign') ?? undefined;
  const f = Object.fromEntries(AUDIT_FILTERS.map((k) => [k, sp.get(k) ?? undefined])) as AuditFilter;
  const order: Order = sp.get('order') === 'desc' ? 'desc' : 'asc';
  const how = ORDERS[order];
  const cursor = Number(sp.get(how.param) ?? 0) || 0;
  const pageNo = Math.max(1, Number(sp.get('page') ?? 1) || 1);
  const qkey = `${order}|${JSON.stringify(f)}`;
  // Cursors of the pages seen under the current filters and order: page n starts after (newest first: before) cursors[n].
  const cursors = useRef<{ key: string; of: Map<number, number> }>({ key: '', of: new Map([[1, 0]]) });
  if (cursors.current.key !== `${id}|${qkey}`) cursors.current = { key: `${id}|${qkey}`, of: new Map([[1, 0]]) };
  cursors.current.of.set(pageNo, cursor);

  const rows = useLoad<AuditPage>(
    async (signal) => {
      if (!id) return { items: [], total: 0, next: null };
      const r = await requestWithHeaders<AuditEntry[]>('audit', { params: { id }, query: { ...f, limit: AUDIT_PAGE_SIZE, ...how.query(cursor) }, signal });
      const next = r.headers.get(how.header);
      return { items: r.data, total: Number(r.headers.get('X-Total-Count') ?? r.data.length), next: next ? Number(next) : null };
    },
    [id, qkey, cursor],
  );
  const verify = useLoad((signal) => (id ? request<AuditVerify>('auditVerify', { params: { id }, signal }) : Promise.resolve(null)), [id]);
  const campaign = useLoad((signal) => (id ? request<CampaignDetail>('campaign', { params: { id }, signal }) : Promise.resolve(null)), [id]);
  const units = useLoad(async () => (campaign.data ? (await templateDetail(campaign.data.templateId)).units : []), [campaign.data?.templateId]);
  const taskList = useLoad(async (signal) => (id ? await request<Task[]>('tasks', { params: { id }, signal }).catch(() => [] as Task[]) : []), [id]);
  const unitName = useMemo(() => new Map((units.data ?? []).map((u) => [u.id, u.name])), [units.data]);
  // Names a row refers to by id (a 转交's people and units): the accounts for those who may list them, the units, and
  // the people the page's own rows name
  const { has } = useAuth();
  const mayListUsers = has(...USER_LISTERS);
  const people = useLoad(() => (mayListUsers ? userMap() : Promise.resolve(new Map<string, UserInfo>())), [mayListUsers]);
  // people as user:<id>, units as unit:<id> (principal-names): a unit id equal to a username still reads the unit
  const names = useMemo(
    () =>
      principalNames([
        { people: [...(people.data ?? [])].map(([k, u]) => [k, u.name] as const), units: unitName },
        { people: (rows.data?.items ?? []).filter((r) => r.actor.id !== 'system').map((r) => [r.actor.id, r.actor.name] as const) },
      ]),
    [unitName, rows.data, people.data],
  );
  /** Each task as people tell it apart: its title, and its unit where the title does not name it (the domain's taskLabel). */
  const titleOf = useMemo(() => {
    const byId = new Map((units.data ?? []).map((u) => [u.id, u]));
    return new Map((taskList.data ?? []).map((t) => [t.id, taskLabel(t.title, t.unitId ? byId.get(t.unitId) : null)]));
  }, [taskList.data, units.data]);
  const title = (t: string) => titleOf.get(t) ?? t;
  /**
   * 任务 of an entry: its task, or — a plan change (计划调整) or deadline move (调整期限) touches many — how many and the
   * first few by name (all of them on hover); null when the entry concerns no task.
   */
  const taskCell = (r: AuditEntry) => {
    if (!id) return null;
    if (r.taskId) return <Link to={taskHref(id, r.taskId)}>{title(r.taskId)}</Link>;
    const ids = auditTaskIds(r.detail);
    if (!ids.length) return null;
    return (
      <span title={ids.map(title).join('、')} data-testid="audit-tasks">
        {ids.length} 项任务：
        {ids.slice(0, AUDIT_TASKS_NAMED).map((t, i) => (
          <Fragment key={t}>
            {i ? '、' : ''}
            <Link to={taskHref(id, t)}>{title(t)}</Link>
          </Fragment>
        ))}
        {ids.length > AUDIT_TASKS_NAMED ? ' 等' : ''}
      </span>
    );
  };
  // A name clicked (actor=): the box shows the person's name, as its rows give it, not the account id.
  const actorName = f.actor ? rows.data?.items.find((r) => r.actor.id === f.actor)?.actor.name : undefined;
  const actorWhere = (r: AuditEntry) => (r.actor.unitId ? (unitName.get(r.actor.unitId) ?? r.actor.unitId) : r.actor.roles.map((x) => labelOf(ROLE_LABEL, x)).join('、'));
  const pick = useCallback((c: string) => navigate(`/campaigns/${encodeURIComponent(c)}/audit`, { replace: !id }), [navigate, id]);

  /** A filter (or order) change starts again at the first page. */
  const set = (patch: Partial<AuditFilter> & { order?: Order }) => {
    const next = new URLSearchParams(sp);
    for (const [k, v] of Object.entries(patch)) {
      if (v) next.set(k, v);
      else next.delete(k);
    }
    next.delete('after');
    next.delete('before');
    next.delete('page');
    setSp(next, { replace: true });
  };
  /** Another order starts again at its first page, under the same filters. */
  const setOrder = (o: Order) => set({ order: o === 'desc' ? o : undefined });
  const goTo = (page: number, cursor: number) => {
    const next = new URLSearchParams(sp);
    if (page > 1) {
      next.set('page', String(page));
      next.set(how.param, String(cursor));
    } else {
      next.delete('page');
      next.delete(how.param);
    }
    setSp(next);
  };

  /** The records the filters select, as CSV or Excel (the server names the files; these are the names if it does not). */
  const exportAs = (kind: 'auditCsv' | 'auditXlsx') => (progress: (pct: number | null) => void) =>
    download(kind, { params: { id: id ?? '' }, query: f }, `${campaign.data?.name ?? id}-审计记录.${kind === 'auditCsv' ? 'csv' : 'xlsx'}`, progress);

  const pages = rows.data ? Math.max(1, Math.ceil(rows.data.total / AUDIT_PAGE_SIZE)) : 1;
  const prevCursor = cursors.current.of.get(pageNo - 1);
  const head = (
    <Space style={{ width: '100%', justifyContent: 'space-between', marginBottom: 12 }} wrap>
      <Typography.Title level={4} style={{ margin: 0 }}>审计记录</Typography.Title>
      <CampaignPicker value={id} onChange={pick} />
    </Space>
  );
  // Another organization's campaign answers 404 like one that does not exist: the picker offers the user's own.
  if (campaign.error instanceof ApiError && campaign.error.status === 404)
    return (
      <div>
        {head}
        <NotFound title="活动不存在或无权查看" />
      </div>
    );
  return (
    <div>
      {head}
      {verify.data ? (
        verify.data.valid ? (
          <Alert type="success" showIcon icon={<CheckCircleFilled />} message={`审计链校验通过：共 ${verify.data.count} 条记录，哈希链完整，未被篡改`} style={{ marginBottom: 12 }} data-testid="verify" />
        ) : (
          <Alert type="error" showIcon icon={<CloseCircleFilled />} message={`审计链校验失败：第 ${verify.data.brokenAt ?? '?'} 条记录起哈希不连续，可能被篡改`} style={{ marginBottom: 12 }} data-testid="verify" />
        )
      ) : verify.error ? (
        <Alert type="warning" showIcon message={`无法校验审计链：${errorText(verify.error)}`} style={{ marginBottom: 12 }} />
      ) : null}
      <AuditFilters f={f} set={set} phone={phone} actorName={actorName} units={units.data ?? []} tasks={titleOf} kind={campaign.data?.kind} />
      <Space style={{ marginBottom: 12 }} wrap>
        <Segmented<Order> value={order} onChange={setOrder} options={(Object.keys(ORDERS) as Order[]).map((o) => ({ value: o, label: ORDERS[o].label }))} data-testid="audit-order" />
        <DownloadButton label="导出 CSV" testid="export-audit-csv" disabled={!id} download={exportAs('auditCsv')} />
        <DownloadButton label="导出 Excel" testid="export-audit-xlsx" disabled={!id} download={exportAs('auditXlsx')} />
        <Typography.Text type="secondary" style={{ fontSize: 12 }}>导出全部符合筛选条件的记录（按时间由早到晚）</Typography.Text>
      </Space>
      <Loadable {...rows} empty={(d) => d.items.length === 0} emptyText={id ? '没有符合条件的审计记录' : '请选择创建活动'}>
        {(d) => (
          <>
            {phone ? (
              // A phone reads each entry as a card (no sideways scrolling): time, person, action, task, result, note.
              <List<AuditEntry>
                dataSource={d.items}
                loading={rows.loading}
                rowKey="seq"
                data-testid="audit-cards"
                renderItem={(r) => (
                  <Card size="small" style={{ marginBottom: 8 }} data-testid="audit-card" data-seq={r.seq}>
                    <Space size={6} wrap>
                      <Typography.Text type="secondary">#{r.seq}</Typography.Text>
                      <Typography.Text strong>{auditActionLabel(r, campaign.data?.kind)}</Typography.Text>
                      <Tag color={outcomeColor(r.outcome)}>{labelOf(OUTCOME_LABEL, r.outcome)}</Tag>
                    </Space>
                    <div style={{ fontSize: 13, marginTop: 4 }}>
                      {r.actor.id === 'system' ? '系统' : <a onClick={() => set({ actor: r.actor.id, person: undefined })}>{r.actor.name}</a>}
                      <Typography.Text type="secondary" style={{ fontSize: 12 }}> · {actorWhere(r)} · {fmtDateTime(r.at)}</Typography.Text>
                    </div>
                    {taskCell(r) ? <div style={{ fontSize: 13, wordBreak: 'break-all' }}>{taskCell(r)}</div> : null}
                    {auditNote(r, names) ? <div style={{ fontSize: 13, color: '#595959', wordBreak: 'break-all' }}>{auditNote(r, names)}</div> : null}
                  </Card>
                )}
              />
            ) : (
              <Table<AuditEntry>
                rowKey="seq"
                size="small"
                loading={rows.loading}
                dataSource={d.items}
                pagination={false}
                scroll={{ x: 1040 }}
                data-testid="audit-table"
                columns={[
                  { title: '序号', dataIndex: 'seq', width: 64 },
                  { title: '时间', dataIndex: 'at', width: 170, render: (v: string) => fmtDateTime(v) },
                  {
                    title: '人员',
                    width: 180,
                    render: (_, r) => (
                      <span>
                        {r.actor.id === 'system' ? '系统' : <a onClick={() => set({ actor: r.actor.id, person: undefined })} title="只看此人">{r.actor.name}</a>}
                        <div style={{ fontSize: 12, color: '#8c8c8c' }}>{actorWhere(r)}</div>
                      </span>
                    ),
                  },
                  { title: '操作', dataIndex: 'action', width: 120, render: (_, r) => auditActionLabel(r, campaign.data?.kind) },
                  { title: '任务', dataIndex: 'taskId', width: 300, render: (_, r) => taskCell(r) ?? '—' },
                  { title: '结果', dataIndex: 'outcome', width: 80, render: (o: string) => <Tag color={outcomeColor(o)}>{labelOf(OUTCOME_LABEL, o)}</Tag> },
                  { title: '说明', render: (_, r) => auditNote(r, names) || '—' },
                ]}
              />
            )}
            <Space style={{ width: '100%', justifyContent: 'space-between', marginTop: 12 }} wrap data-testid="audit-pager">
              <Typography.Text type="secondary" data-testid="audit-total">
                共 {d.total} 条 · 第 {pageNo} / {pages} 页
              </Typography.Text>
              <Space>
                <Button icon={<VerticalRightOutlined />} disabled={pageNo === 1} onClick={() => goTo(1, 0)}>首页</Button>
                <Button icon={<LeftOutlined />} disabled={pageNo === 1 || prevCursor === undefined} onClick={() => goTo(pageNo - 1, prevCursor ?? 0)} data-testid="audit-prev">上一页</Button>
                <Button disabled={d.next === null} onClick={() => d.next !== null && goTo(pageNo + 1, d.next)} data-testid="audit-next">
                  下一页 <RightOutlined />
                </Button>
              </Space>
            </Space>
          </>
        )}
      </Loadable>
    </div>
  );
}
