import { WarningOutlined } from '@ant-design/icons';
import { Alert, Card, List, Typography } from 'antd';
import { Link } from 'react-router-dom';
import { chineseReason, request } from '../api/client';
import type { CampaignDetail } from '../api/types';
import type { ReminderProblemCode } from '@eco/domain';
import { fmtDateTime } from '../format';
import { useLoad } from '../hooks';
import { taskHref } from '../pages/Inbox';
import { problemAdvice, problemsHead } from './notification-problem-advice';
import { Loadable } from './States';

/** A reminder that reached nobody, as `GET /api/campaigns/:id/notification-problems` answers it. */
export interface NotificationProblem {
  id: string;
  taskId: string | null;
  unitId: string | null;
  level: string;
  recipientKey: string;
  reason: string;
  /** Why, as a code (the domain's REMINDER_PROBLEM_CODES): the advice follows it. */
  code: ReminderProblemCode;
  createdAt: string;
}

const SHOWN = 10;

/**
 * 无人接收的提醒 of one campaign: reminders whose recipients resolved to nobody (a unit without an active liaison, a
 * step whose signer was deactivated) and e-mails not sent for want of an address — so the office can name someone (or
 * 转交 the step) before the next deadline: what to do is said by why (problemAdvice, by the API's code), at the head for
 * each kind listed and beside each problem when they differ. Offered to whom
 * the campaign detail's `reads` lists 'notification-problems' (the access policy: the office, leaders, admin); nothing
 * for others, and nothing when there is no problem.
 */
export function NotificationProblems({ campaignId }: { campaignId: string }) {
  const problems = useLoad(
    async (signal) => {
      const c = await request<CampaignDetail>('campaign', { params: { id: campaignId }, signal });
      // not the reader's to see: nothing shown (an empty list draws no card)
      if (!c.reads.includes('notification-problems')) return [] as NotificationProblem[];
      return request<NotificationProblem[]>('notificationProblems', { params: { id: campaignId }, signal });
    },
    [campaignId],
  );
  if (problems.data?.length === 0 || (!problems.data && !problems.error)) return null; // nothing to say, or still asking
  return (
    <Card size="small" title={<><WarningOutlined style={{ color: '#d48806' }} /> 无人接收的提醒</>} style={{ marginBottom: 12 }} data-testid="notification-problems">
      <Loadable {...problems}>
        {(d) => {
          // several kinds of problem: each says its own advice (the head lists them all)
          const mixed = new Set(d.map((p) => problemAdvice(p.code))).size > 1;
          return (
            <>
              <Alert type="warning" showIcon style={{ marginBottom: 8 }} message={problemsHead(d)} data-testid="notification-problems-advice" />
              <List
                size="small"
                dataSource={d.slice(0, SHOWN)}
                renderItem={(p) => (
                  <List.Item data-testid="notification-problem">
                    <Typography.Text style={{ wordBreak: 'break-word' }}>
                      <Typography.Text type="secondary" style={{ fontSize: 12 }}>{fmtDateTime(p.createdAt)}</Typography.Text> {chineseReason(p.reason)}
                      {mixed ? <Typography.Text type="secondary"> （{problemAdvice(p.code)}）</Typography.Text> : null}
                      {p.taskId ? <> · <Link to={taskHref(campaignId, p.taskId)}>查看任务</Link></> : null}
                    </Typography.Text>
                  </List.Item>
                )}
              />
              {d.length > SHOWN ? <Typography.Text type="secondary">仅显示最近 {SHOWN} 条，共 {d.length} 条</Typography.Text> : null}
            </>
          );
        }}
      </Loadable>
    </Card>
  );
}
