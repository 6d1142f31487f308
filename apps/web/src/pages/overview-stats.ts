import type { Progress } from '@eco/domain';

/**
 * 活动总览's tiles from the campaign's progress (the server's count: cancelled left out, each task by its status). An
 * ended campaign (终止, 创建未通过, 完成) has nothing in progress: a task it ended with still 审批中 / 已退回 / 待报送
 * reads 不再办理 on its page, so its tiles count none as 审批中, 已退回 or 逾期 (walkthrough: a stopped campaign's 审批中
 * read 1 beside a task that said 不再办理) — they are counted once, as 不再办理 under 总任务. The server's figure itself
 * still counts them by status; the tiles read it by the campaign's state.
 */
export interface OverviewFigures {
  submitted: number;
  returned: number;
  overdueAwaitingUnit: number;
  overdueAwaitingReview: number;
  /** Tasks the campaign ended with, not done (ended campaigns only). */
  noLonger: number;
}

export function overviewFigures(p: Pick<Progress, 'total' | 'approved' | 'submitted' | 'returned' | 'overdueAwaitingUnit' | 'overdueAwaitingReview'>, ended: boolean): OverviewFigures {
  if (!ended) return { submitted: p.submitted, returned: p.returned, overdueAwaitingUnit: p.overdueAwaitingUnit, overdueAwaitingReview: p.overdueAwaitingReview, noLonger: 0 };
  return { submitted: 0, returned: 0, overdueAwaitingUnit: 0, overdueAwaitingReview: 0, noLonger: Math.max(0, p.total - p.approved) };
}
