import { ClockCircleOutlined } from '@ant-design/icons';
import { Tag, Tooltip } from 'antd';
import { dueInfo, fmtDateTime, LEVEL_TAG } from '../format';

/** Blue / yellow / red badge: working days left, or overdue. */
export function DueBadge({ dueAt, overdue, done }: { dueAt: string; overdue?: boolean; done?: boolean }) {
  if (done) return <Tag>截止 {fmtDateTime(dueAt)}</Tag>;
  const d = dueInfo(dueAt, Date.now(), overdue);
  return (
    <Tooltip title={`截止 ${fmtDateTime(dueAt)}${d.estimated ? '（该年度节假日未发布，按周一至周五估算）' : ''}`}>
      <Tag color={LEVEL_TAG[d.level]} icon={<ClockCircleOutlined />} data-level={d.level} style={{ marginInlineEnd: 0 }}>
        {d.label}
      </Tag>
    </Tooltip>
  );
}
