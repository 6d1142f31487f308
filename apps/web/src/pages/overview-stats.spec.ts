import { overviewFigures } from './overview-stats';

describe('活动总览 tiles: an ended campaign has nothing in progress', () => {
  const p = { total: 5, approved: 2, submitted: 1, returned: 1, overdueAwaitingUnit: 1, overdueAwaitingReview: 1 };

  it('a stopped campaign counts its task still 审批中 as 不再办理, not 审批中', () => {
    expect(overviewFigures(p, true)).toEqual({ submitted: 0, returned: 0, overdueAwaitingUnit: 0, overdueAwaitingReview: 0, noLonger: 3 });
  });

  it('a running campaign reads the server’s figures as they are', () => {
    expect(overviewFigures(p, false)).toEqual({ submitted: 1, returned: 1, overdueAwaitingUnit: 1, overdueAwaitingReview: 1, noLonger: 0 });
  });
});
