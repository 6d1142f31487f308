import { BellOutlined } from '@ant-design/icons';
import { Card, List, Space, Table, Tag, Typography } from 'antd';
import { useCallback } from 'react';
import { Link, useSearchParams } from 'react-router-dom';
import { request } from '../api/client';
import type { NotificationInfo, ReminderEntry } from '../api/types';
import { useAuth } from '../auth';
import { CampaignPicker } from '../components/CampaignPicker';
import { Loadable, NotAvailable } from '../components/States';
import { fmtDateTime } from '../format';
import { useEndpoint, useLoad } from '../hooks';
import { LEVEL_LABEL } from '../labels';
import { taskHref } from './Inbox';

const LEVEL_COLOR: Record<string, string> = { blue: 'blue', yellow: 'gold', red: 'red', escalation: 'magenta' };

export function RemindersPage() {
  const { has } = useAuth();
  const [sp, setSp] = useSearchParams();
  const id = sp.get('campaign') ?? undefined;
  const canNotify = useEndpoint('notifications');
  const mine = useLoad((signal) => (canNotify ? request<NotificationInfo[] | { items: NotificationInfo[] }>('notifications', { signal }) : Promise.resolve(null)), [canNotify]);
  const oversight = has('office', 'leader', 'admin', 'inspector');
  const sent = useLoad((signal) => (id && oversight ? request<ReminderEntry[]>('reminders', { params: { id }, signal }) : Promise.resolve([] as ReminderEntry[])), [id, oversight]);
  const pick = useCallback((c: string) => setSp({ campaign: c }, { replace: true }), [setSp]);
  const items = mine.data ? (Array.isArray(mine.data) ? mine.data : mine.data.items) : [];
  return (
    <div>
      <Typography.Title level={4}><BellOutlined /> 提醒</Typography.Title>
      <Card size="small" title="我的提醒" style={{ marginBottom: 12 }}>
        {canNotify === false ? (
          <NotAvailable what="站内提醒" />
        ) : (
          <Loadable {...mine} data={canNotify === undefined ? undefined : items} empty={(d) => d.length === 0} emptyText="暂无提醒">
            {(list) => (
              <List
                dataSource={list}
                renderItem={(n) => (
                  <List.Item>
                    <Space direction="vertical" size={2}>
                      <Space size={6}>
                        {n.level ? <Tag color={LEVEL_COLOR[n.level]}>{LEVEL_LABEL[n.level] ?? n.level}</Tag> : null}
                        <Typography.Text strong={!n.readAt}>{n.title ?? n.message ?? n.body}</Typography.Text>
                      </Space>
                      {n.title && (n.message ?? n.body) ? <Typography.Text type="secondary">{n.message ?? n.body}</Typography.Text> : null}
                      <Space size={8}>
                        <Typography.Text type="secondary" style={{ fontSize: 12 }}>{fmtDateTime(n.createdAt ?? n.at)}</Typography.Text>
                        {n.campaignId && n.taskId ? <Link to={taskHref(n.campaignId, n.taskId)}>查看任务</Link> : null}
                      </Space>
                    </Space>
                  </List.Item>
                )}
              />
            )}
          </Loadable>
        )}
      </Card>
      {oversight ? (
        <Card size="small" title="催办与督办记录" extra={<CampaignPicker value={id} onChange={pick} />}>
          <Loadable {...sent} empty={(d) => d.length === 0} emptyText="暂无催办记录">
            {(rows) => (
              <Table<ReminderEntry>
                size="small"
                rowKey={(r, i) => `${r.at}-${r.taskId}-${i}`}
                dataSource={[...rows].reverse()}
                pagination={{ pageSize: 20, showSizeChanger: false }}
                scroll={{ x: 800 }}
                columns={[
                  { title: '时间', dataIndex: 'at', width: 170, render: (v: string) => fmtDateTime(v) },
                  { title: '级别', dataIndex: 'level', width: 80, render: (l: string) => <Tag color={LEVEL_COLOR[l]}>{LEVEL_LABEL[l] ?? l}</Tag> },
                  { title: '内容', dataIndex: 'message' },
                  { title: '任务', dataIndex: 'taskId', width: 180, render: (t: string | null) => (t && id ? <Link to={taskHref(id, t)}>{t}</Link> : '—') },
                  { title: '送达', dataIndex: 'deliveredAt', width: 170, render: (v: string | null) => (v ? fmtDateTime(v) : <Tag>待发送</Tag>) },
                ]}
              />
            )}
          </Loadable>
        </Card>
      ) : null}
    </div>
  );
}
