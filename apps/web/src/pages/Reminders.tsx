import { BellOutlined } from '@ant-design/icons';
import { Alert, App, Button, Card, List, Segmented, Select, Skeleton, Space, Table, Tag, Typography } from 'antd';
import { useCallback, useState } from 'react';
import { Link } from 'react-router-dom';
import { errorText, request } from '../api/client';
import type { NotificationInfo, Page } from '../api/types';
import { newsNoticeLabel } from '@eco/domain';
import { useAuth } from '../auth';
import { CampaignPicker } from '../components/CampaignPicker';
import { REMINDER_LOG_FORBIDDEN } from '../components/campaign-controls';
import { useReminderLogAccess } from '../components/useReminderLogAccess';
import { DeadLetters } from '../components/DeadLetters';
import { NotificationProblems } from '../components/NotificationProblems';
import { Loadable } from '../components/States';
import { reminderRecipientsText, type LoggedReminder } from '../components/reminder-recipients';
import { notificationCampaignTag, notificationLink } from '../components/notification-link';
import { reminderTag } from '../components/reminder-tag';
import { unitNameMap } from '../directory';
import { principalNames } from '../principal-names';
import { fmtDateTime } from '../format';
import { useIsPhone, useLoad, useUrlFilters } from '../hooks';
import { unreadChanged } from '../components/AppLayout';
import { LEVEL_LABEL, reminderLogTitle } from '../labels';
import { taskHref } from './Inbox';

const PAGE = 20;

/** A listed reminder's tag: the same in 我的提醒 and the log (reminderTag). */
function LevelTag({ level, message, testid }: { level: string; message: string | null | undefined; testid: string }) {
  const t = reminderTag(level, message);
  return <Tag color={t.color} data-testid={testid}>{t.text}</Tag>;
}

/** 提醒: my in-app reminders (server-paginated, mark read) and, for the office, the campaign's 催办/督办 log. */
export function RemindersPage() {
  const { has } = useAuth();
  const { message } = App.useApp();
  const [sp, set] = useUrlFilters();
  const id = sp.get('campaign') ?? undefined;
  const page = Number(sp.get('page') ?? 1);
  const logPage = Number(sp.get('logPage') ?? 1);
  const unread = sp.get('unread') === '1';
  const level = sp.get('level') ?? undefined;
  const mine = useLoad((signal) => request<Page<NotificationInfo>>('notifications', { query: { limit: PAGE, offset: (page - 1) * PAGE, unread: unread ? 'true' : undefined, level }, signal }), [page, unread, level]);
  // the campaign's 提醒与催办记录: whether the reader reads it (the campaign detail's reads), and its page as read
  const log = useReminderLogAccess({ id, viewLog: sp.get('view') === 'log', logPage, level, pageSize: PAGE });
  const { access, sent } = log;
  // unit names for whom each entry went to (县统计局（张三）); without them the ids
  const unitNames = useLoad(() => unitNameMap().then((units) => principalNames([{ units }])).catch(() => new Map<string, string>()), []);
  const whom = (r: LoggedReminder) => reminderRecipientsText(r, unitNames.data ?? undefined);
  const pick = useCallback((c: string) => set({ campaign: c, logPage: undefined }), [set]);
  const [marking, setMarking] = useState(false);
  const phone = useIsPhone();

  // Opened from a campaign's 催办记录 (view=log): its log first, the reader's own reminders after it.
  const logFirst = log.first;
  return (
    <div style={{ display: 'flex', flexDirection: 'column' }}>
      <Space style={{ width: '100%', justifyContent: 'space-between', marginBottom: 12 }} wrap>
        <Typography.Title level={4} style={{ margin: 0 }}><BellOutlined /> 提醒</Typography.Title>
        <Space wrap>
          <Link to="/reminders/settings" data-testid="reminder-settings-link">提醒设置</Link>
          <Select allowClear placeholder="全部级别" value={level} onChange={(v) => set({ level: v, page: undefined, logPage: undefined })} style={{ width: 140 }} options={Object.entries(LEVEL_LABEL).map(([value, label]) => ({ value, label }))} />
        </Space>
      </Space>
      <Card
        size="small"
        title={<span style={{ whiteSpace: 'normal' }}>{`我的提醒${mine.data?.unread ? `（${mine.data.unread} 条未读）` : ''}`}</span>}
        style={{ marginBottom: 12, order: logFirst ? 2 : 1 }}
        extra={
          <Space>
            <Segmented size="small" options={['全部', '未读']} value={unread ? '未读' : '全部'} onChange={(v) => set({ unread: v === '未读' ? '1' : undefined, page: undefined })} />
            <Button
              size="small"
              loading={marking}
              disabled={!mine.data?.unread}
              onClick={async () => {
                setMarking(true);
                try {
                  await request('markRead', { body: { all: true } });
                  mine.reload();
                  unreadChanged();
                } catch (e) {
                  message.error(errorText(e));
                } finally {
                  setMarking(false);
                }
              }}
            >
              全部标为已读
            </Button>
          </Space>
        }
      >
        <Loadable {...mine} empty={(d) => d.items.length === 0} emptyText="暂无提醒">
          {(d) => (
            <List
              dataSource={d.items}
              pagination={d.total > PAGE ? { current: page, pageSize: PAGE, total: d.total, showSizeChanger: false, onChange: (p) => set({ page: String(p) }) } : false}
              renderItem={(n) => {
                // its task, or its campaign for an item about the campaign (the leaders' 【活动终止】, titled by its name)
                const to = notificationLink(n);
                const campaign = notificationCampaignTag(n);
                return (
                  <List.Item data-testid="notification">
                    <Space direction="vertical" size={2} style={{ width: '100%' }}>
                      <Space size={6} wrap>
                        {/* a notice that only reports by what happened (已通过, 任务取消…), not 待办通知; others by level */}
                        {n.level ? <LevelTag level={n.level} message={n.message} testid="notification-level" /> : null}
                        {n.done ? <Tag color="green" data-testid="notification-done">已处理</Tag> : !n.read ? <Tag color="red">未读</Tag> : null}
                        {campaign ? <Tag data-testid="notification-campaign">{campaign}</Tag> : null}
                        <Typography.Text strong={!n.read && !n.done}>{n.title}</Typography.Text>
                      </Space>
                      {n.message ? <Typography.Text type="secondary" style={{ whiteSpace: 'pre-wrap' }}>{n.message}</Typography.Text> : null}
                      <Space size={8} wrap>
                        <Typography.Text type="secondary" style={{ fontSize: 12 }}>{fmtDateTime(n.at)}{n.dueAt && !newsNoticeLabel(n.level, n.message) ? ` · 截止 ${fmtDateTime(n.dueAt)}` : ''}</Typography.Text>
                        {to ? <Link to={to.to} data-testid="notification-link">{to.text}</Link> : null}
                      </Space>
                    </Space>
                  </List.Item>
                );
              }}
            />
          )}
        </Loadable>
      </Card>
      {/* sent to a campaign's log without the right to read it (a link, a bookmark): said, not an empty page */}
      {log.forbiddenNotice ? <Alert type="info" showIcon message={REMINDER_LOG_FORBIDDEN} style={{ marginBottom: 12, order: 0 }} data-testid="reminder-log-forbidden" /> : null}
      {/* messages of the organization that failed every retry (the office's; an administrator's: every organization's) */}
      {has('office', 'admin') ? <div style={{ order: 0 }}><DeadLetters /></div> : null}
      {/* the campaign's reminders that reached nobody: for the readers the policy names (the component asks) */}
      {log.problems && id ? <div style={{ order: 0 }}><NotificationProblems campaignId={id} /></div> : null}
      {log.card ? (
        // every reminder the campaign sent (新任务, 待审批, 退回, 催办, 督办…; 级别 narrows it): a unit sees its own unit's
        <Card size="small" title={reminderLogTitle(has)} extra={phone ? null : <CampaignPicker value={id} onChange={pick} />} style={{ marginBottom: 12, order: logFirst ? 1 : 2 }} data-testid="reminder-log">
          {/* a phone: the picker under the title (beside it, it cut the title short) */}
          {phone ? <div style={{ marginBottom: 8 }}><CampaignPicker value={id} onChange={pick} /></div> : null}
          {/* the campaign's detail still on its way: loading, neither a refusal nor 暂无提醒记录 */}
          {access === 'loading' ? <Skeleton active paragraph={{ rows: 6 }} data-testid="loading" /> : (
            <Loadable {...sent} data={sent.data ?? undefined} empty={(d) => d.items.length === 0} emptyText="暂无提醒记录">
              {(d) => (
                phone ? (
                  // A phone: one card per entry (the table's five columns would scroll sideways).
                  <List
                    dataSource={d.items}
                    pagination={d.total > PAGE ? { current: logPage, pageSize: PAGE, total: d.total, showSizeChanger: false, size: 'small', onChange: (p) => set({ logPage: String(p) }) } : false}
                    renderItem={(r) => (
                      <List.Item data-testid="reminder-entry">
                        <Space direction="vertical" size={2} style={{ width: '100%' }}>
                          <Space size={6} wrap>
                            <LevelTag level={r.level} message={r.message} testid="reminder-level" />
                            <Typography.Text type="secondary" style={{ fontSize: 12 }}>{fmtDateTime(r.at)}</Typography.Text>
                          </Space>
                          <Typography.Text style={{ whiteSpace: 'pre-wrap', wordBreak: 'break-word' }}>{r.message}</Typography.Text>
                          {whom(r) ? <Typography.Text type="secondary" style={{ fontSize: 12, wordBreak: 'break-word' }} data-testid="reminder-recipients">{whom(r)}</Typography.Text> : null}
                          <Space size={8} wrap>
                            {r.deliveredAt ? <Typography.Text type="secondary" style={{ fontSize: 12 }}>送达 {fmtDateTime(r.deliveredAt)}</Typography.Text> : <Tag>待发送</Tag>}
                            {r.taskId && id ? <Link to={taskHref(id, r.taskId)}>查看任务</Link> : null}
                          </Space>
                        </Space>
                      </List.Item>
                    )}
                  />
                ) : (
                  <Table<LoggedReminder>
                    size="small"
                    rowKey={(r) => `${r.at}-${r.taskId}-${r.level}-${r.unitId}`}
                    dataSource={d.items}
                    pagination={{ current: logPage, pageSize: PAGE, total: d.total, showSizeChanger: false, showTotal: (n) => `共 ${n} 条`, onChange: (p) => set({ logPage: String(p) }) }}
                    columns={[
                      { title: '时间', dataIndex: 'at', width: 170, render: (v: string) => fmtDateTime(v) },
                      { title: '级别', dataIndex: 'level', width: 104, render: (l: string, r) => <LevelTag level={l} message={r.message} testid="reminder-level" /> },
                      {
                        title: '内容',
                        dataIndex: 'message',
                        render: (m: string, r) => (
                          <>
                            <div style={{ whiteSpace: 'pre-wrap' }}>{m}</div>
                            {whom(r) ? <Typography.Text type="secondary" style={{ fontSize: 12 }} data-testid="reminder-recipients">{whom(r)}</Typography.Text> : null}
                          </>
                        ),
                      },
                      // The message names the task; the link opens it (its id is no word for people).
                      { title: '任务', dataIndex: 'taskId', width: 100, render: (t: string | null) => (t && id ? <Link to={taskHref(id, t)} data-testid="reminder-task-link">查看任务</Link> : '—') },
                      { title: '送达', dataIndex: 'deliveredAt', width: 170, render: (v: string | null) => (v ? fmtDateTime(v) : <Tag>待发送</Tag>) },
                    ]}
                  />
                )
              )}
            </Loadable>
          )}
        </Card>
      ) : null}
    </div>
  );
}
