import { PauseCircleOutlined, RightOutlined } from '@ant-design/icons';
import { Alert, Button, Card, List, Segmented, Space, Tag, Typography } from 'antd';
import { useMemo, useState } from 'react';
import { Link } from 'react-router-dom';
import { request } from '../api/client';
import type { CampaignSummary, InboxItem } from '../api/types';
import { DueBadge } from '../components/DueBadge';
import { Loadable } from '../components/States';
import { dueInfo, fmtDate } from '../format';
import { useLoad } from '../hooks';
import { needLabel } from '../labels';

export function taskHref(campaignId: string, taskId: string): string {
  return `/campaigns/${encodeURIComponent(campaignId)}/tasks/${encodeURIComponent(taskId)}`;
}

const NEED_COLOR: Record<string, string> = { 报送: 'green', 补正: 'orange', 审批: 'blue', 会签: 'purple', 或签: 'cyan' };

export function InboxPage() {
  const inbox = useLoad((signal) => request<InboxItem[]>('inbox', { signal }), []);
  const campaigns = useLoad((signal) => request<CampaignSummary[]>('campaigns', { signal }).catch(() => [] as CampaignSummary[]), []);
  const [filter, setFilter] = useState<string>('全部');
  const paused = useMemo(() => new Map((campaigns.data ?? []).filter((c) => c.paused || c.status === 'paused').map((c) => [c.id, c])), [campaigns.data]);

  return (
    <div data-testid="inbox">
      <Space style={{ width: '100%', justifyContent: 'space-between', marginBottom: 12 }} wrap>
        <Typography.Title level={4} style={{ margin: 0 }}>我的待办</Typography.Title>
        <Segmented size="middle" options={['全部', '逾期', '临期', '退回']} value={filter} onChange={(v) => setFilter(String(v))} />
      </Space>
      {paused.size ? (
        <Alert type="warning" showIcon icon={<PauseCircleOutlined />} style={{ marginBottom: 12 }} message={`活动已暂停：${[...paused.values()].map((c) => c.name).join('、')}，期间期限顺延，恢复后继续计时。`} />
      ) : null}
      <Loadable {...inbox} empty={(d) => d.length === 0} emptyText="暂无待办事项，做得好！">
        {(items) => {
          const sorted = [...items].sort((a, b) => Date.parse(a.dueAt) - Date.parse(b.dueAt));
          const shown = sorted.filter((t) => {
            if (filter === '全部') return true;
            const lvl = dueInfo(t.dueAt, Date.now(), t.overdue).level;
            if (filter === '逾期') return lvl === 'red';
            if (filter === '临期') return lvl === 'yellow';
            return t.status === 'returned';
          });
          const counts = { red: 0, yellow: 0, blue: 0 };
          for (const t of sorted) counts[dueInfo(t.dueAt, Date.now(), t.overdue).level]++;
          return (
            <>
              <Space size={8} wrap style={{ marginBottom: 12 }}>
                <Tag color="red">逾期 {counts.red}</Tag>
                <Tag color="gold">临期 {counts.yellow}</Tag>
                <Tag color="blue">正常 {counts.blue}</Tag>
                <Typography.Text type="secondary">共 {items.length} 项，按截止时间排序</Typography.Text>
              </Space>
              <List
                dataSource={shown}
                locale={{ emptyText: '没有符合条件的待办' }}
                rowKey={(t) => `${t.campaignId}/${t.id}`}
                renderItem={(t) => {
                  const need = needLabel(t);
                  const lastReturn = t.status === 'returned' ? [...t.rounds].reverse().flatMap((r) => r.steps.flatMap((s) => s.decisions)).find((d) => d.decision === 'return') : undefined;
                  return (
                    <Card size="small" style={{ marginBottom: 10, borderLeft: `4px solid ${{ red: '#cf1322', yellow: '#d48806', blue: '#1677ff' }[dueInfo(t.dueAt, Date.now(), t.overdue).level]}` }} data-testid="inbox-item" data-task={t.id}>
                      <Link to={taskHref(t.campaignId, t.id)} style={{ color: 'inherit', display: 'block' }}>
                        <Space direction="vertical" size={4} style={{ width: '100%' }}>
                          <Space size={6} wrap>
                            <Tag color={NEED_COLOR[need]} style={{ fontWeight: 600 }}>{need}</Tag>
                            <DueBadge dueAt={t.dueAt} overdue={t.overdue} />
                            {paused.has(t.campaignId) ? <Tag icon={<PauseCircleOutlined />} color="default">已暂停</Tag> : null}
                            {t.latestReminder ? <Tag color={t.latestReminder.level === 'escalation' ? 'magenta' : 'volcano'}>{t.latestReminder.level === 'escalation' ? '已督办' : '已催办'}{t.latestReminder.count > 1 ? ` ×${t.latestReminder.count}` : ''}</Tag> : null}
                          </Space>
                          <Typography.Text strong style={{ fontSize: 15 }}>{t.title}</Typography.Text>
                          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                            {t.campaignName ?? t.campaignId} · {t.phaseName} · 截止 {fmtDate(t.dueAt)}
                            {t.indicatorCode ? ` · 指标 ${t.indicatorCode}` : ''}
                          </Typography.Text>
                          {lastReturn ? <Typography.Text type="danger" style={{ fontSize: 13 }}>退回原因：{lastReturn.comment ?? '（未填写）'}</Typography.Text> : null}
                          <Button type="primary" size="small" style={{ alignSelf: 'flex-end' }}>
                            去{need} <RightOutlined />
                          </Button>
                        </Space>
                      </Link>
                    </Card>
                  );
                }}
              />
            </>
          );
        }}
      </Loadable>
    </div>
  );
}
