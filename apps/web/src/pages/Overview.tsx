import { AuditOutlined, BellOutlined, FileExcelOutlined, FileZipOutlined, PauseCircleOutlined, PlayCircleOutlined, StopOutlined, UnorderedListOutlined } from '@ant-design/icons';
import { Alert, App, Button, Card, Col, Input, Modal, Popconfirm, Progress, Row, Skeleton, Space, Statistic, Table, Tag, Tooltip, Typography } from 'antd';
import { lazy, Suspense, useCallback, useEffect, useMemo, useState } from 'react';
import { Link, useNavigate, useParams } from 'react-router-dom';
import { DOSSIER_READERS, campaignNoun, isCreationCampaign, nextOverdueInstant } from '@eco/domain';
import { chineseReason, download, errorText, newIdempotencyKey, request } from '../api/client';
import type { AuditEntry, CampaignDetail, Task, TemplateDetail } from '../api/types';
import { OVERSIGHT, useAuth } from '../auth';
import { campaignControls, phaseControlsShown, reminderLogLinked } from '../components/campaign-controls';
import { matrixEmptyText } from '../components/campaign-kind';
import { DownloadButton } from '../components/DownloadButton';
import { GateCard } from '../components/GateCard';
import { OpenRectification } from '../components/OpenRectification';
import { PhaseControls } from '../components/PhaseControls';
import { MilestoneMove } from '../components/MilestoneMove';
import { Loadable } from '../components/States';
import { rankingName, rankingWidths, unitRanking, type UnitRow } from '../components/unit-ranking';
import { templateDetail } from '../directory';
import { fmtDate, fmtDateTime, notStartedText } from '../format';
import { useIsPhone, useLoad, useReloadAt } from '../hooks';
import { auditActionLabel, campaignEndedText, campaignEndState, auditNote, labelOf, taskLabel, OUTCOME_LABEL, outcomeColor, STATUS_LABEL, reminderLogTitle } from '../labels';
import { taskHref } from './Inbox';
import { overviewFigures } from './overview-stats';
import { MatrixScroll } from '../components/MatrixScroll';
import { PhaseStatusTag, phaseStroke } from '../components/PhaseStatus';
import { phaseProgress } from '../components/phase-state';

const Gantt = lazy(() => import('../components/Gantt'));
const RECENT_AUDIT = 8;

const CELL: Record<string, string> = { approved: '#52c41a', submitted: '#1677ff', returned: '#fa8c16', open: '#f0f0f0', cancelled: '#d9d9d9', overdue: '#cf1322' };

/** What the overview's late figures count (the 单位排名's 逾期未报 tooltip says the same of its column). */
const STAT_TIPS: Record<string, string> = {
  逾期未报: '已过期限、仍待责任单位报送（未报送或被退回待重报）的任务；已报送待审核的不计',
  逾期待审核: '已过期限、已报送正在审核（审批中）的任务：待审核方办理，不计入单位逾期未报',
};

export function OverviewPage() {
  const { id = '' } = useParams();
  const { has } = useAuth();
  const phone = useIsPhone();
  const navigate = useNavigate();
  const { message } = App.useApp();
  const campaign = useLoad((signal) => request<CampaignDetail>('campaign', { params: { id }, signal }), [id]);
  const tasks = useLoad((signal) => request<Task[]>('tasks', { params: { id }, signal }), [id]);
  // What the caller may do on the campaign and read of it: the detail's actions and reads (the API's access policy).
  const controls = campaignControls(campaign.data);
  // Who may not read the audit trail (units: 403) gets no request and no 审计 links.
  const auditor = controls.read.audit;
  // 任务清单 (every task of the campaign, filtered by the server) is for those who oversee it; units work from 我的待办.
  const overseer = has(...OVERSIGHT);
  // Who does not read the campaign over every task (units, the plan's experts: the policy's `all-tasks`) gets its
  // counts over the tasks they read, no unit ranking, and no matrix where none of theirs would fill it.
  const wholeCampaign = controls.read['all-tasks'];
  const tasksHref = (f: Record<string, string> = {}) => `/campaigns/${encodeURIComponent(id)}/tasks${Object.keys(f).length ? `?${new URLSearchParams(f)}` : ''}`;
  // The newest entries, newest first (order=desc: one request; the first page oldest first would be the campaign's start).
  // A failure is shown as such (加载失败 with 重新加载), not as 暂无记录; null: not asked (yet — the campaign says whether).
  const audit = useLoad(
    (signal) => (!auditor ? Promise.resolve(null) : request<AuditEntry[]>('audit', { params: { id }, query: { limit: RECENT_AUDIT, order: 'desc' }, signal })),
    [id, auditor],
  );
  const [tpl, setTpl] = useState<TemplateDetail | null>(null);
  const [pausing, setPausing] = useState(false);
  const [cancelling, setCancelling] = useState(false);
  const [cancelBusy, setCancelBusy] = useState(false);
  const [reason, setReason] = useState('');

  useEffect(() => {
    if (campaign.data) void templateDetail(campaign.data.templateId).then(setTpl).catch(() => setTpl(null));
  }, [campaign.data?.templateId]);
  // Unit names from the campaign's own template (not every template's).
  const units = useMemo(() => new Map((tpl?.units ?? []).map((u) => [u.id, u.name])), [tpl]);

  /** A task as people tell it apart: its title, and its unit where the title does not name it (结束阶段 names them). */
  const taskName = useCallback((t: Task) => taskLabel(t.title, t.unitId ? tpl?.units.find((u) => u.id === t.unitId) : null), [tpl]);
  // the tasks each closed phase (结束阶段) cancelled: those still due from a unit are its misses in the ranking
  const closedPhaseTaskIds = useMemo(() => (campaign.data?.phases ?? []).flatMap((p) => (p.closed as { cancelledTaskIds?: string[] } | null)?.cancelledTaskIds ?? []) /* a unit's reader: the closing time only */, [campaign.data]);
  const ranking = useMemo<UnitRow[]>(() => unitRanking(tasks.data ?? [], tpl?.units ?? [], closedPhaseTaskIds), [tasks.data, tpl, closedPhaseTaskIds]);
  const anyMissed = ranking.some((r) => r.missed > 0);
  // 总任务 counts the tasks not cancelled (as the campaign list's 任务 N); 任务清单's 共 N lists the cancelled too
  const cancelledCount = (tasks.data ?? []).filter((t) => t.status === 'cancelled').length;
  // 单位排名 compares the units: over every task only (a reader's own tasks are the numbers above it already)
  const showRanking = wholeCampaign;
  const widths = rankingWidths(phone);

  const titleOf = useMemo(() => new Map((tasks.data ?? []).map((t) => [t.id, t.title])), [tasks.data]);
  const matrix = useMemo(() => {
    const ind = (tasks.data ?? []).filter((t) => t.indicatorCode && t.unitId && (t.kind === 'indicator' || t.kind === 'indicator-contribution'));
    const codes = [...new Set(ind.map((t) => t.indicatorCode!))].sort((a, b) => a.localeCompare(b, 'zh', { numeric: true }));
    const unitIds = [...new Set(ind.map((t) => t.unitId!))];
    const cell = new Map(ind.map((t) => [`${t.indicatorCode}|${t.unitId}`, t]));
    return { codes, unitIds, cell };
  }, [tasks.data]);

  // The matrix (hundreds of cells) is built once per data change, not on every render of the page.
  const matrixTable = useMemo(() => {
    const attr = new Map((tpl?.indicators ?? []).map((i) => [i.code, i]));
    const short = new Map((tpl?.units ?? []).map((u) => [u.id, u.shortName || u.name]));
    return (
      <table style={{ borderCollapse: 'collapse', fontSize: 12 }} onClick={(e) => { const task = (e.target as HTMLElement).dataset?.task; if (task) navigate(taskHref(id, task)); }}>
        <thead>
          <tr>
            <th style={{ position: 'sticky', left: 0, background: '#fff', textAlign: 'left', padding: 4, minWidth: 150 }}>指标</th>
            {matrix.unitIds.map((u) => (
              <th key={u} style={{ writingMode: 'vertical-rl', padding: 2, fontWeight: 400, maxHeight: 120 }}>{(short.get(u) ?? units.get(u) ?? u).slice(0, 8)}</th>
            ))}
          </tr>
        </thead>
        <tbody>
          {matrix.codes.map((code) => {
            const ind = attr.get(code);
            const binding = ind?.attribute === 'binding';
            return (
              <tr key={code}>
                <td style={{ position: 'sticky', left: 0, background: '#fff', padding: '2px 4px', whiteSpace: 'nowrap', maxWidth: 220, overflow: 'hidden', textOverflow: 'ellipsis' }}>
                  <Tag color={binding ? 'red' : 'blue'} style={{ marginInlineEnd: 4, fontSize: 11, lineHeight: '16px', padding: '0 3px' }}>{binding ? '约束' : '参考'}</Tag>
                  {code} {ind?.name ?? ''}
                </td>
                {matrix.unitIds.map((u) => {
                  const t = matrix.cell.get(`${code}|${u}`);
                  if (!t) return <td key={u} style={{ border: '1px solid #fafafa', width: 18, height: 18 }} />;
                  const key = t.overdue ? 'overdue' : t.status;
                  return (
                    <td key={u} style={{ padding: 1 }}>
                      {/* A native title: hundreds of cells, no tooltip component each; the status in the API's words (待共同负责单位确认, 待登记结果…) */}
                      <div title={`${t.title} · ${t.overdue ? '逾期' : t.statusLabel}${t.kind === 'indicator' ? '（牵头）' : '（协办）'}`} data-task={t.id} style={{ width: 18, height: 18, cursor: 'pointer', borderRadius: binding ? 2 : 9, background: CELL[key], border: t.kind === 'indicator' ? '2px solid #262626' : '1px solid #d9d9d9', boxSizing: 'border-box' }} />
                    </td>
                  );
                })}
              </tr>
            );
          })}
        </tbody>
      </table>
    );
  }, [matrix, tpl, units, id, navigate]);

  /** After a campaign-level change: its head, its tasks and the recent audit entries. */
  function reloadAll() {
    campaign.reload();
    tasks.reload();
    audit.reload();
  }
  // at the next due instant of a live task, read the figures again: 逾期 / 逾期未报 count it from then (the domain's rule)
  const nextDue = useMemo(
    () => nextOverdueInstant((tasks.data ?? []).map((t) => ({ status: t.engineStatus, dueAt: t.dueAt })), Date.now(), campaign.data ? { status: campaign.data.status, pausedSince: campaign.data.pause?.since ?? null } : undefined),
    [tasks.data, campaign.data],
  );
  const reloadFigures = useCallback(() => {
    campaign.reload();
    tasks.reload();
  }, [campaign.reload, tasks.reload]);
  useReloadAt(nextDue, reloadFigures);

  async function cancelCampaign() {
    if (cancelBusy) return;
    setCancelBusy(true);
    try {
      await request('cancelCampaign', { params: { id }, body: { reason }, idempotencyKey: newIdempotencyKey() });
      message.success('活动已终止');
      setCancelling(false);
      setReason('');
      reloadAll();
    } catch (e) {
      message.error(errorText(e));
    } finally {
      setCancelBusy(false);
    }
  }

  async function pauseOrResume(kind: 'pause' | 'resume') {
    try {
      await request(kind, { params: { id }, body: reason ? { reason } : kind === 'resume' ? {} : { reason } });
      message.success(kind === 'pause' ? '活动已暂停' : '活动已恢复');
      setPausing(false);
      setReason('');
      campaign.reload();
    } catch (e) {
      message.error(errorText(e));
    }
  }

  return (
    <Loadable {...campaign} notFound="活动不存在或无权查看">
      {(c) => {
        // an ended campaign (创建未通过, 终止, 完成) reads its end state, not a current phase
        const end = campaignEndState(c.status, c.kind);
        const notStarted = notStartedText(c);
        // an ended campaign counts nothing as in progress (its undone tasks read 不再办理)
        const figures = overviewFigures(c.progress, !!end);
        const pct = c.progress.total ? Math.round((c.progress.approved / c.progress.total) * 100) : 0;
        return (
          <div data-testid="overview">
            <Space style={{ width: '100%', justifyContent: 'space-between' }} wrap>
              <div data-testid="campaign-header">
                <Typography.Title level={4} style={{ margin: 0 }}>{c.name}</Typography.Title>
                {/* A start still ahead: the plan counts from it, but the first tasks are already given to the units. */}
                <Typography.Text type="secondary">{c.region} · {notStarted ? '计划于' : '启动于'} {fmtDate(c.startAt)}{notStarted ? ' 启动（首批任务已下达）' : ''} · {end ? '状态：' : '当前阶段 '}</Typography.Text>
                {end ? (
                  <Tag color={end.color} data-testid="campaign-status" data-status={c.status}>{end.text}</Tag>
                ) : (
                  <>
                    <Tag color="green" data-testid="current-phase">{c.phaseName ?? c.phase}</Tag>
                    {c.paused ? <Tag color="orange" icon={<PauseCircleOutlined />}>已暂停</Tag> : <Tag data-testid="campaign-status" data-status={c.status}>{c.statusLabel ?? c.status}</Tag>}
                  </>
                )}
              </div>
              <Space wrap>
                {overseer ? <Link to={tasksHref()}><Button icon={<UnorderedListOutlined />} data-testid="task-list-link">任务清单</Button></Link> : null}
                {auditor ? <Link to={`/campaigns/${encodeURIComponent(id)}/audit`}><Button icon={<AuditOutlined />}>审计</Button></Link> : null}
                {/* for who reads the whole log or their unit's (the detail's reads): an expert is refused it */}
                {reminderLogLinked(controls) ? <Link to={`/reminders?campaign=${encodeURIComponent(id)}&view=log`} data-testid="to-reminder-log"><Button icon={<BellOutlined />}>{reminderLogTitle(has)}</Button></Link> : null}
                {/* 申报材料包: a creation campaign's application (a consolidation campaign — 巩固提升 → 复核 — applies for nothing) */}
                {has(...DOSSIER_READERS) && isCreationCampaign(c.kind) ? (
                  <DownloadButton
                    icon={<FileZipOutlined />}
                    label="导出申报材料包"
                    busyLabel={(pct) => `正在打包${pct ? ` ${pct}%` : '…'}`}
                    testid="export-dossier"
                    download={(progress) => download('dossier', { params: { id } }, `${c.name}-申报材料.zip`, progress)}
                  />
                ) : null}
                {/* 考核汇总表 / 调度汇总表 (.xlsx, built by the server from the campaign's records) */}
                {controls.read.assessment ? <DownloadButton icon={<FileExcelOutlined />} label="考核汇总表" testid="export-assessment" download={(progress) => download('assessmentXlsx', { params: { id } }, `${c.name}-考核汇总.xlsx`, progress)} /> : null}
                {controls.read.supervision ? <DownloadButton icon={<FileExcelOutlined />} label="调度汇总表" testid="export-supervision" download={(progress) => download('supervisionXlsx', { params: { id } }, `${c.name}-调度汇总.xlsx`, progress)} /> : null}
                {controls.resume || controls.pause ? (
                  controls.resume ? (
                    // 恢复 is said before it is done, as 暂停 is (walkthrough: one click resumed, no confirmation)
                    <Popconfirm
                      title="恢复活动？"
                      description={<span style={{ display: 'inline-block', maxWidth: 300 }} data-testid="resume-confirm">恢复后各单位可继续报送和审批；未完成任务的期限按暂停所跨的工作日数顺延（当日恢复不顺延），各责任人将收到恢复通知。</span>}
                      okText="恢复"
                      cancelText="取消"
                      onConfirm={() => pauseOrResume('resume')}
                    >
                      <Button icon={<PlayCircleOutlined />} data-testid="resume">恢复</Button>
                    </Popconfirm>
                  ) : <Button icon={<PauseCircleOutlined />} onClick={() => setPausing(true)} data-testid="pause">暂停</Button>
                ) : null}
                {controls.openRectification ? <OpenRectification campaignId={id} template={tpl} onOpened={reloadAll} /> : null}
                {controls.cancel ? <Button danger icon={<StopOutlined />} onClick={() => { setReason(''); setCancelling(true); }} data-testid="cancel-campaign">终止活动</Button> : null}
              </Space>
            </Space>
            {c.pause ? <Alert type="warning" showIcon style={{ marginTop: 12 }} message={`活动自 ${fmtDateTime(c.pause.since)} 起暂停：${c.pause.reason}`} description="暂停期间所有期限冻结；恢复后，未完成任务的期限按暂停所跨的工作日数顺延（当日恢复不顺延），并通知各责任人。" data-testid="campaign-paused" /> : null}
            {/* how it ended, when and why — for the units too (walkthrough: a unit saw 已终止 and no reason) */}
            {c.finished ? <Alert type={c.status === 'completed' ? 'success' : 'info'} showIcon style={{ marginTop: 12 }} message={`${campaignEndedText(c.status, c.kind)}（${fmtDateTime(c.finished.at)}）${c.finished.reason ? `：${chineseReason(c.finished.reason)}` : ''}`} data-testid="campaign-finished" /> : null}

            {!wholeCampaign ? <Typography.Paragraph type="secondary" style={{ marginTop: 12, marginBottom: 0 }} data-testid="stats-scope">以下统计仅含您可查看的任务</Typography.Paragraph> : null}
            <Row gutter={[12, 12]} style={{ marginTop: 12 }}>
              {(
                [
                  ['总任务', c.progress.total, undefined, {}],
                  ['已通过', c.progress.approved, '#389e0d', { status: 'approved' }],
                  ['审批中', figures.submitted, '#1677ff', { status: 'submitted' }],
                  ['已退回', figures.returned, '#d46b08', { status: 'returned' }],
                  // the unit's lateness by the 单位排名's own rule (overdueWait), the reviews' apart (walkthrough: 逾期 counted tasks sent and waiting for the office)
                  ['逾期未报', figures.overdueAwaitingUnit, '#cf1322', { overdue: 'true', awaiting: 'unit' }],
                  ['逾期待审核', figures.overdueAwaitingReview, '#d4380d', { overdue: 'true', awaiting: 'review' }],
                ] as [string, number, string | undefined, Record<string, string>][]
              ).map(([t, v, color, f]) => {
                const notes = t === '总任务' ? [cancelledCount ? `不含已取消 ${cancelledCount} 项` : '', figures.noLonger ? `不再办理 ${figures.noLonger} 项` : ''].filter(Boolean) : [];
                const note = notes.length ? <Typography.Text type="secondary" style={{ fontSize: 12 }} data-testid="stat-total-note">{notes.join('，')}</Typography.Text> : null;
                const tip = STAT_TIPS[t];
                const title = tip ? <Tooltip title={tip}><span>{t}</span></Tooltip> : t;
                const card = <Card size="small" hoverable={overseer}><Statistic title={title} value={v} valueStyle={{ color, fontSize: phone ? 20 : 24 }} />{note}</Card>;
                return (
                  <Col xs={8} sm={8} md={3} key={t} data-testid="stat" data-stat={t}>
                    {/* The office and leaders open the matching tasks (任务清单 with that filter). */}
                    {overseer ? <Link to={tasksHref(f)}>{card}</Link> : card}
                  </Col>
                );
              })}
              <Col xs={24} md={6}>
                <Card size="small"><Progress type={phone ? 'line' : 'circle'} size={phone ? 'default' : 64} percent={pct} /></Card>
              </Col>
            </Row>

            <Card size="small" title="阶段进度（甘特图）" style={{ marginTop: 12 }}>
              <Suspense fallback={<Skeleton active />}>
                <Gantt campaign={c} />
              </Suspense>
              <Row gutter={[12, 8]} style={{ marginTop: 8 }}>
                {c.phases.map((p, i) => (
                  <Col xs={24} md={24 / Math.max(1, Math.min(c.phases.length, 4))} key={p.key} data-testid="phase" data-phase={p.key} data-status={p.status}>
                    <Space size={4}><Typography.Text strong>{p.name}</Typography.Text><PhaseStatusTag campaignStatus={c.status} phase={p} kind={c.kind} />{p.overdue ? <Tag color="red">逾期</Tag> : null}</Space>
                    <Progress percent={phaseProgress(p).percent} size="small" strokeColor={phaseStroke(c.status, p)} />
                    <Typography.Text type="secondary" style={{ fontSize: 12 }} data-testid="phase-due">截止 {fmtDate(p.dueAt)} · {phaseProgress(p).text}</Typography.Text>
                    {phaseControlsShown(controls, p.status) ? (
                      <div>
                        <PhaseControls campaignId={id} kind={c.kind} phase={p} last={!c.phases.some((x, j) => j > i && x.status === 'pending')} canMove={controls.moveDeadlines} canClose={controls.closePhase} onChanged={reloadAll} tasks={tasks.data} taskName={taskName} />
                        {/* one node for all its units at once (调整本节点全部单位期限), beside the phase's own move */}
                        {controls.moveDeadlines ? <MilestoneMove campaignId={id} phase={p} tasks={tasks.data} taskName={taskName} onChanged={reloadAll} /> : null}
                      </div>
                    ) : null}
                  </Col>
                ))}
              </Row>
            </Card>

            {showRanking || controls.read.gate ? (
              <Row gutter={[12, 12]} style={{ marginTop: 12 }}>
                {showRanking ? (
                  <Col xs={24} lg={controls.read.gate ? 12 : 24}>
                    <Card size="small" title="单位排名（逾期未报、退回）" data-testid="unit-ranking">
                      <Loadable {...tasks} empty={() => ranking.length === 0} emptyText="暂无单位任务">
                        {() => (
                          <Table<UnitRow>
                            size="small"
                            rowKey="unitId"
                            dataSource={ranking}
                            pagination={{ pageSize: 10, hideOnSinglePage: true, showSizeChanger: false }}
                            onRow={(r) => (overseer ? { onClick: () => navigate(tasksHref({ unitId: r.unitId })), style: { cursor: 'pointer' }, 'data-testid': 'rank-row', 'data-unit': r.unitId } : {}) as never}
                            columns={[
                              // the place in the whole ranking (page 2 goes on from 11), not the row's index on its page
                              { title: '#', width: widths.rank, dataIndex: 'rank', render: (n: number) => <span data-testid="rank-place">{n}</span> },
                              // a phone: the short name, wrapping rather than cut (the full name as its title); a desktop: the full name
                              phone
                                ? { title: '单位', key: 'name', render: (_, r) => { const n = rankingName(r, true); return <span title={n.title} style={{ wordBreak: 'break-all' }} data-testid="rank-unit">{n.text}</span>; } }
                                : { title: '单位', dataIndex: 'name', ellipsis: { showTitle: true } },
                              // 逾期未报: past due and still waiting for the unit (the 考核汇总's word), not its tasks sent and under the office's review
                              { title: <Tooltip title="已过期限、仍待本单位报送（未报送或被退回待重报）的任务；已报送待审核的不计"><span data-testid="rank-overdue-title">逾期未报</span></Tooltip>, dataIndex: 'overdue', width: widths.overdue, render: (n: number) => (n ? <Tag color="red" style={{ marginInlineEnd: 0 }} data-testid="rank-overdue">{n}</Tag> : <span data-testid="rank-overdue">0</span>) },
                              { title: '退回', dataIndex: 'returned', width: widths.returned, render: (n: number) => (n ? <Tag color="orange" style={{ marginInlineEnd: 0 }}>{n}</Tag> : 0) },
                              // tasks 结束阶段 cancelled while still due from the unit (the 考核汇总's 已取消（阶段结束时未完成）)
                              ...(anyMissed ? [{ title: '结束时未完成', width: widths.overdue + 24, render: (_: unknown, r: UnitRow) => (r.missed ? <Tag style={{ marginInlineEnd: 0 }} data-testid="rank-missed">{r.missed}</Tag> : 0) }] : []),
                              { title: '完成', width: widths.done, render: (_, r) => `${r.approved}/${r.total}` },
                            ]}
                          />
                        )}
                      </Loadable>
                    </Card>
                  </Col>
                ) : null}
                {/* 申报条件: for those the policy lets read it (the office, leaders, inspectors, the units — not the plan's experts) */}
                {controls.read.gate ? (
                  <Col xs={24} lg={showRanking ? 12 : 24}>
                    <GateCard campaignId={id} template={tpl} onChanged={campaign.reload} canRecordFinding={controls.recordVetoFinding} canLift={controls.liftVetoBlock} />
                  </Col>
                ) : null}
              </Row>
            ) : null}

            {wholeCampaign || !tasks.data || matrix.codes.length ? (
              <Card size="small" title="指标 × 单位" style={{ marginTop: 12 }} data-testid="indicator-matrix">
                <Space size={4} wrap style={{ marginBottom: 8 }}>{(['approved', 'submitted', 'returned', 'open', 'overdue'] as const).map((s) => <Tag key={s} color={CELL[s]} style={{ color: s === 'open' ? '#595959' : '#fff' }}>{s === 'overdue' ? '逾期' : STATUS_LABEL[s]}</Tag>)}</Space>
                {matrix.codes.length ? (
                  <MatrixScroll units={matrix.unitIds.length}>
                    {matrixTable}
                    <Typography.Text type="secondary" style={{ fontSize: 12 }}>方块为约束性指标、圆点为参考性指标；粗边框为牵头单位。</Typography.Text>
                  </MatrixScroll>
                ) : (
                  <Typography.Text type="secondary">{tasks.data ? matrixEmptyText(c) : '正在加载…'}</Typography.Text>
                )}
              </Card>
            ) : null}

            {auditor ? (
              <Card size="small" title="最近审计记录" style={{ marginTop: 12 }} extra={<Link to={`/campaigns/${encodeURIComponent(id)}/audit`}>全部</Link>} data-testid="recent-audit">
                <Loadable {...audit} data={audit.data ?? undefined} empty={(entries) => entries.length === 0} emptyText="暂无记录">
                  {(entries) =>
                    entries.slice(0, RECENT_AUDIT).map((a) => (
                      <div key={a.seq} style={{ fontSize: 13, padding: '4px 0', borderBottom: '1px solid #f5f5f5' }} data-testid="recent-audit-entry" data-outcome={a.outcome}>
                        <Typography.Text type="secondary">{fmtDateTime(a.at)}</Typography.Text> {a.actor.name} <Tag>{auditActionLabel(a, c.kind)}</Tag>
                        {a.outcome !== 'accepted' ? <Tag color={outcomeColor(a.outcome)}>{labelOf(OUTCOME_LABEL, a.outcome)}</Tag> : null}
                        {a.taskId ? <Link to={taskHref(id, a.taskId)}>{titleOf.get(a.taskId) ?? a.taskId}</Link> : null} {a.reason || a.comment ? <Typography.Text type="secondary">— {auditNote(a)}</Typography.Text> : null}
                      </div>
                    ))
                  }
                </Loadable>
              </Card>
            ) : null}

            <Modal open={cancelling} title={`终止${campaignNoun(c.kind)}`} okText="确认终止" cancelText="取消" confirmLoading={cancelBusy} okButtonProps={{ danger: true, disabled: !reason.trim(), 'data-testid': 'cancel-campaign-ok' } as never} onCancel={() => setCancelling(false)} onOk={() => void cancelCampaign()}>
              <Alert type="error" showIcon style={{ marginBottom: 12 }} message="终止后活动结束，未完成的任务不再办理、不再提醒，且不能恢复；各未完成任务的责任人将收到终止通知（附终止原因）。审计记录和已报送的材料保留。" />
              <Input.TextArea rows={3} value={reason} onChange={(e) => setReason(e.target.value)} placeholder="终止原因（将通知各责任人并记入审计）" data-testid="cancel-campaign-reason" />
            </Modal>
            <Modal open={pausing} title={`暂停${campaignNoun(c.kind)}`} okText="确认暂停" cancelText="取消" okButtonProps={{ danger: true, disabled: !reason.trim() }} onCancel={() => setPausing(false)} onOk={() => void pauseOrResume('pause')}>
              <Typography.Paragraph>暂停后所有期限冻结，不再发送提醒，并通知各未完成任务的责任人（附暂停原因）；恢复后，未完成任务的期限按暂停所跨的工作日数顺延（当日恢复不顺延），并通知各责任人。</Typography.Paragraph>
              <Input.TextArea rows={3} value={reason} onChange={(e) => setReason(e.target.value)} placeholder="暂停原因（如：疫情防控、上级调整时间安排）" />
            </Modal>
          </div>
        );
      }}
    </Loadable>
  );
}
