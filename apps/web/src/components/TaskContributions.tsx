import { PaperClipOutlined } from '@ant-design/icons';
import { Alert, Card, Empty, Tag, Typography } from 'antd';
import { Link } from 'react-router-dom';
import type { TaskContribution } from '../api/types';
import { fmtDate, fmtDateTime } from '../format';
import { STATUS_COLOR, STATUS_LABEL } from '../labels';
import { DueBadge } from './DueBadge';

/**
 * 协办单位材料 on an indicator task's page: each co-unit's contribution (its status, due date, when it was submitted and
 * approved, how many files), linked to its own page — where the lead reads and downloads its files and, when it waits
 * for the lead, approves or returns it. The server lists only what the reader may see.
 */
export function ContributionsCard(props: { campaignId: string; items: TaskContribution[]; phone: boolean; ended: boolean; paused: boolean }) {
  const { campaignId, items, phone, ended, paused } = props;
  const approved = items.filter((c) => c.status === 'approved').length;
  const row = { padding: '8px 0', borderBottom: '1px solid #f0f0f0' };
  // a phone reads the facts one under the other
  const facts = {
    fontSize: 13,
    color: '#595959',
    marginTop: 4,
    display: 'flex',
    flexDirection: phone ? 'column' : 'row',
    gap: phone ? 2 : 12,
    flexWrap: 'wrap',
  } as const;
  const count = items.length ? <Typography.Text type="secondary" style={{ fontSize: 12 }}>{approved}/{items.length} 已确认</Typography.Text> : null;
  return (
    <Card title="协办单位材料" size="small" data-testid="contributions" extra={count}>
      {items.length ? (
        items.map((c) => {
          const done = c.status === 'approved' || c.status === 'cancelled' || ended; // an ended campaign counts no days left
          const href = `/campaigns/${encodeURIComponent(campaignId)}/tasks/${encodeURIComponent(c.taskId)}`;
          return (
            <div key={c.taskId} data-testid="contribution" data-task-id={c.taskId} data-status={c.status} style={row}>
              <div style={{ display: 'flex', alignItems: 'center', gap: 6, flexWrap: 'wrap' }}>
                <Link to={href} data-testid="contribution-link" style={{ fontWeight: 500, wordBreak: 'break-all' }}>
                  {c.unitName}
                </Link>
                <Tag color={STATUS_COLOR[c.status]} data-testid="contribution-status" style={{ marginInlineEnd: 0 }}>
                  {STATUS_LABEL[c.status] ?? c.statusLabel}
                </Tag>
                {done ? null : <DueBadge dueAt={c.dueAt} overdue={c.overdue} paused={paused} status={c.engineStatus} />}
              </div>
              <div style={facts}>
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
export function PendingContributions({ items }: { items?: TaskContribution[] }) {
  const pending = pendingContributions(items);
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

/** The co-units' contributions the lead has not confirmed yet (the engine refuses the indicator's 报送 until none is left). */
export function pendingContributions(items?: readonly TaskContribution[]): TaskContribution[] {
  return (items ?? []).filter((c) => c.status !== 'approved' && c.status !== 'cancelled');
}
