import { ClockCircleOutlined } from '@ant-design/icons';
import { Tag, Tooltip } from 'antd';
import { fmtDate, LEVEL_TAG } from '../format';
import { dueBadgeText } from './due-badge';

/**
 * Blue / yellow / red badge: working days left, or overdue; 期限暂停计算 while the campaign is paused (`paused`).
 * `withDate`: the due date beside it (lists whose rows show no date elsewhere — a phone has no tooltip to hover).
 */
export function DueBadge({ dueAt, overdue, done, paused, withDate }: { dueAt: string; overdue?: boolean; done?: boolean; paused?: boolean; withDate?: boolean }) {
  const d = dueBadgeText(dueAt, { overdue, done, paused });
  if (done) return <Tag>{d.label}</Tag>;
  return (
    <Tooltip title={d.tooltip}>
      <Tag color={d.level ? LEVEL_TAG[d.level] : undefined} icon={<ClockCircleOutlined />} data-level={d.level ?? undefined} data-testid={paused ? 'due-paused' : undefined} style={{ marginInlineEnd: 0 }}>
        {withDate ? `${fmtDate(dueAt)} · ${d.label}` : d.label}
      </Tag>
    </Tooltip>
  );
}
