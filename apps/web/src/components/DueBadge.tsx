import { ClockCircleOutlined } from '@ant-design/icons';
import { Tag, Tooltip } from 'antd';
import { dueInfo, fmtDate, fmtDateTime, LEVEL_TAG } from '../format';

/**
 * Blue / yellow / red badge: working days left, or overdue. `withDate`: the due date beside it (lists whose rows show no
 * date elsewhere — a phone has no tooltip to hover).
 */
export function DueBadge({ dueAt, overdue, done, withDate }: { dueAt: string; overdue?: boolean; done?: boolean; withDate?: boolean }) {
  if (done) return <Tag>截止 {fmtDateTime(dueAt)}</Tag>;
  const d = dueInfo(dueAt, Date.now(), overdue);
  return (
    <Tooltip title={`截止 ${fmtDateTime(dueAt)}${d.estimated ? '（该年度节假日未发布，按周一至周五估算）' : ''}`}>
      <Tag color={LEVEL_TAG[d.level]} icon={<ClockCircleOutlined />} data-level={d.level} style={{ marginInlineEnd: 0 }}>
        {withDate ? `${fmtDate(dueAt)} · ${d.label}` : d.label}
      </Tag>
    </Tooltip>
  );
}
