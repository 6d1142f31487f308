import { ClockCircleOutlined } from '@ant-design/icons';
import { Tag, Tooltip } from 'antd';
import { useEffect, useState } from 'react';
import type { OverdueCampaign } from '@eco/domain';
import { fmtDate, LEVEL_TAG } from '../format';
import { dueBadgeText } from './due-badge';

/** setTimeout's longest delay: a due instant further away is waited for in steps. */
const MAX_DELAY = 2_147_483_647;

/** Renders again at `at` (ms) when it is still to come and `on`: a badge read by the clock turns red at the due instant. */
function useRenderAt(at: number, on: boolean): void {
  const [, setTick] = useState(0);
  useEffect(() => {
    const wait = at - Date.now();
    if (!on || !Number.isFinite(wait) || wait < 0) return undefined;
    const timer = setTimeout(() => setTick((n) => n + 1), Math.min(wait + 1, MAX_DELAY));
    return () => clearTimeout(timer);
  });
}

/**
 * Blue / yellow / red badge: working days left, or overdue; 期限暂停计算 while the campaign is paused (`paused`).
 * `withDate`: the due date beside it (lists whose rows show no date elsewhere — a phone has no tooltip to hover).
 * `status` (the task's engine status) and `campaign` given: overdue by the domain's rule as time passes — red from the
 * due instant on a page loaded before it (dueBadgeText); else the server's `overdue`.
 */
export function DueBadge({ dueAt, overdue, done, paused, withDate, status, campaign }: { dueAt: string; overdue?: boolean; done?: boolean; paused?: boolean; withDate?: boolean; status?: string; campaign?: OverdueCampaign }) {
  useRenderAt(Date.parse(dueAt), status !== undefined && !done && !paused);
  const d = dueBadgeText(dueAt, { overdue, done, paused, status, campaign });
  if (done) return <Tag>{d.label}</Tag>;
  return (
    <Tooltip title={d.tooltip}>
      <Tag color={d.level ? LEVEL_TAG[d.level] : undefined} icon={<ClockCircleOutlined />} data-level={d.level ?? undefined} data-testid={paused ? 'due-paused' : undefined} style={{ marginInlineEnd: 0 }}>
        {withDate ? `${fmtDate(dueAt)} · ${d.label}` : d.label}
      </Tag>
    </Tooltip>
  );
}
