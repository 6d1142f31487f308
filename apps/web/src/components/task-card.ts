/** What the task page's cards (TaskSummaryCard, TaskActionsCard) all read; the page builds it once and spreads it. */
import type { TaskDetailView } from '../api/types';

export interface TaskCardProps {
  t: TaskDetailView;
  /** Names of the people and units the task mentions, by namespace (principal-names: `user:<id>` → 姓名, `unit:<id>` → 单位名). */
  names: Map<string, string>;
  /** The campaign is paused: nothing is submitted or decided (活动已暂停). */
  paused: boolean;
}
