import { PauseCircleOutlined, RightOutlined } from '@ant-design/icons';
import { Alert, Button, Card, List, Radio, Select, Space, Tag, Typography } from 'antd';
import { useMemo } from 'react';
import { Link } from 'react-router-dom';
import { campaignsNoun, nextOverdueInstant } from '@eco/domain';
import { request } from '../api/client';
import { OVERSIGHT, useAuth } from '../auth';
import type { CampaignSummary, InboxItem, InboxNeed, InboxPage } from '../api/types';
import { CampaignsAtAGlance } from '../components/CampaignsAtAGlance';
import { DueBadge } from '../components/DueBadge';
import { Loadable } from '../components/States';
import { dueInfo, fmtDate } from '../format';
import { useIsPhone, useLoad, useReloadAt, useUrlFilters } from '../hooks';
import { needLabel } from '../labels';
import { approveSegmentLabel, INBOX_NEEDS, inboxSegments, inboxTotalText } from '../components/inbox-segments';

import { taskHref } from '../hrefs';

export { taskHref };

const NEED_COLOR: Record<string, string> = { 报送: 'green', 补正: 'orange', 确认: 'geekblue', 审批: 'blue', 会签: 'purple', 整改: 'volcano', 登记结果: 'magenta' };
export const INBOX_PAGE_SIZE = 20;

/**
 * 我的待办: the server filters (what the item needs — 报送 / 补正 / 确认 / 审批 / 会签 —, overdue, campaign) and pages
 * (due date first); segment, campaign and page are in the URL. Each segment shows how many items it holds.
 */
export function InboxPage() {
  const [sp, set] = useUrlFilters();
  const phone = useIsPhone();
  const { has } = useAuth();
  const segment = sp.get('need') ?? (sp.get('overdue') === 'true' ? 'overdue' : 'all');
  const need = (INBOX_NEEDS as string[]).includes(segment) ? (segment as InboxNeed) : undefined;
  const campaign = sp.get('campaign') ?? undefined;
  const page = Math.max(1, Number(sp.get('page') ?? 1) || 1);
  const inbox = useLoad(
    (signal) =>
      request<InboxPage>('inbox', {
        query: { need, overdue: segment === 'overdue' ? 'true' : undefined, campaignId: campaign, limit: INBOX_PAGE_SIZE, offset: (page - 1) * INBOX_PAGE_SIZE },
        signal,
      }),
    [need, segment, campaign, page],
  );
  const campaigns = useLoad((signal) => request<CampaignSummary[]>('campaigns', { signal }).catch(() => [] as CampaignSummary[]), []);
  // the campaigns as the filter and the empty list name them: 创建活动 while every one is, else 活动 (巩固提升 → 复核 among them)
  const noun = campaignsNoun((campaigns.data ?? []).map((c) => c.kind));
  const paused = useMemo(() => new Map((campaigns.data ?? []).filter((c) => c.paused || c.status === 'paused').map((c) => [c.id, c])), [campaigns.data]);
  // the page read again at the next due instant of an item of a campaign that runs (its 逾期 count and segment take it in then)
  const nextDue = useMemo(() => nextOverdueInstant((inbox.data?.items ?? []).filter((t) => !paused.has(t.campaignId)).map((t) => ({ status: t.engineStatus, dueAt: t.dueAt })), Date.now()), [inbox.data, paused]);
  useReloadAt(nextDue, inbox.reload);
  const counts = inbox.data?.counts;
  // 逾期 N once, on its segment (red while it holds items and is not the chosen one): no second red 「逾期 N」 tag below it
  const segments = inboxSegments(counts, segment, approveSegmentLabel(inbox.data?.items ?? [], counts?.approve, needLabel), !!inbox.error).map((x) => ({
    value: x.value,
    label: x.alert && x.value !== segment ? <span style={{ color: '#cf1322', fontWeight: 600 }} data-testid="inbox-overdue-alert">{x.label}</span> : x.label,
  }));

  return (
    <div data-testid="inbox">
      <Space direction="vertical" size={8} style={{ width: '100%', marginBottom: 12 }}>
        <Space style={{ width: '100%', justifyContent: 'space-between' }} wrap>
          <Typography.Title level={4} style={{ margin: 0 }}>我的待办</Typography.Title>
          {(campaigns.data?.length ?? 0) > 1 ? (
            <Select
              allowClear
              placeholder={`全部${noun}`}
              value={campaign}
              onChange={(v) => set({ campaign: v, page: undefined })}
              style={{ width: phone ? '100%' : 260 }}
              options={(campaigns.data ?? []).map((c) => ({ value: c.id, label: c.name }))}
              data-testid="inbox-campaign"
            />
          ) : null}
        </Space>
        {/* Segments as wrapping buttons: on a phone they take two rows instead of scrolling sideways. None after a failed load. */}
        {segments.length ? <Radio.Group
          optionType="button"
          buttonStyle="solid"
          size={phone ? 'small' : 'middle'}
          options={segments}
          value={segment}
          onChange={(e) => { const v = String(e.target.value); set({ need: v === 'all' || v === 'overdue' ? undefined : v, overdue: v === 'overdue' ? 'true' : undefined, page: undefined }); }}
          style={{ display: 'flex', flexWrap: 'wrap', rowGap: 6 }}
          data-testid="inbox-segments"
        /> : null}
      </Space>
      {has('office', 'leader', 'inspector') && campaigns.data ? <CampaignsAtAGlance campaigns={campaigns.data} /> : null}
      {paused.size ? (
        <Alert type="warning" showIcon icon={<PauseCircleOutlined />} style={{ marginBottom: 12 }} message={`活动已暂停：${[...paused.values()].map((c) => c.name).join('、')}，期间期限顺延，恢复后继续计时。`} />
      ) : null}
      <Loadable
        {...inbox}
        empty={(d) => d.counts.all === 0}
        // Nothing to sign now: a leader (or the office) is one tap from how the campaigns stand.
        emptyText={has(...OVERSIGHT) ? <span>暂无待办事项 · <Link to="/campaigns" data-testid="inbox-to-campaigns">查看{noun}进展</Link></span> : '暂无待办事项'}
      >
        {(d) => (
          <>
            <div style={{ marginBottom: 12 }}>
              <Typography.Text type="secondary" data-testid="inbox-total">{inboxTotalText(segment, d.total, d.counts.all)}</Typography.Text>
            </div>
            <List
              dataSource={d.items}
              loading={inbox.loading}
              locale={{ emptyText: '没有符合条件的待办' }}
              rowKey={(t) => `${t.campaignId}/${t.id}`}
              pagination={d.total > INBOX_PAGE_SIZE ? { current: page, pageSize: INBOX_PAGE_SIZE, total: d.total, showSizeChanger: false, size: 'small', onChange: (p) => set({ page: p > 1 ? String(p) : undefined }) } : false}
              renderItem={(t) => {
                const label = needLabel(t);
                const lastReturn = t.status === 'returned' ? [...t.rounds].reverse().flatMap((r) => r.steps.flatMap((s) => s.decisions)).find((x) => x.decision === 'return') : undefined;
                return (
                  <Card size="small" style={{ marginBottom: 10, borderLeft: `4px solid ${{ red: '#cf1322', yellow: '#d48806', blue: '#1677ff' }[dueInfo(t.dueAt, Date.now(), t.overdue).level]}` }} data-testid="inbox-item" data-task={t.id} data-need={t.need}>
                    <Link to={taskHref(t.campaignId, t.id)} style={{ color: 'inherit', display: 'block' }}>
                      <Space direction="vertical" size={4} style={{ width: '100%' }}>
                        <Space size={6} wrap>
                          <Tag color={NEED_COLOR[label]} style={{ fontWeight: 600 }}>{label}</Tag>
                          <DueBadge dueAt={t.dueAt} overdue={t.overdue} />
                          {paused.has(t.campaignId) ? <Tag icon={<PauseCircleOutlined />} color="default">已暂停</Tag> : null}
                          {t.latestReminder ? <ReminderTags r={t.latestReminder} /> : null}
                        </Space>
                        <Typography.Text strong style={{ fontSize: 15 }}>{t.title}</Typography.Text>
                        <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                          {t.campaignName ?? t.campaignId} · {t.phaseName} · <span style={{ whiteSpace: 'nowrap' }}>截止 {fmtDate(t.dueAt)}</span>
                          {t.indicatorCode ? ` · 指标 ${t.indicatorCode}` : ''}
                        </Typography.Text>
                        {lastReturn ? <Typography.Text type="danger" style={{ fontSize: 13 }}>退回原因：{lastReturn.comment ?? '（未填写）'}</Typography.Text> : null}
                        {/* paused: nothing can be 报送 or 审批 now (the task page says why), so the button only opens it */}
                        <Button type={paused.has(t.campaignId) ? 'default' : 'primary'} size="small" style={{ alignSelf: 'flex-end' }} data-testid="inbox-go">
                          {paused.has(t.campaignId) ? '查看' : `去${label}`} <RightOutlined />
                        </Button>
                      </Space>
                    </Link>
                  </Card>
                );
              }}
            />
          </>
        )}
      </Loadable>
    </div>
  );
}

const times = (n: number) => (n > 1 ? ` ×${n}` : '');

/** 已催办 ×n (reminders and 催办) and 已督办 ×m since the task started waiting for the reader (the server counts both). */
function ReminderTags({ r }: { r: NonNullable<InboxItem['latestReminder']> }) {
  const escalations = r.escalations ?? (r.level === 'escalation' ? r.count : 0);
  const chases = r.count - escalations;
  return (
    <>
      {chases > 0 ? <Tag color="volcano" data-testid="inbox-chased">已催办{times(chases)}</Tag> : null}
      {escalations > 0 ? <Tag color="magenta" data-testid="inbox-escalated">已督办{times(escalations)}</Tag> : null}
    </>
  );
}
