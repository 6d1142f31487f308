import type { CampaignTaskEntity } from '@eco/persistence';
import { activeStepName, toAwaitedTaskDto } from './dto/awaited.dto';

const step = (name: string, status: 'waiting' | 'active' | 'done') => ({ name, status }) as CampaignTaskEntity['view']['steps'][number];

describe('awaited signatures (GET /api/users/:id/awaited)', () => {
  it('names the step open now, none when no step is active or the view has no steps', () => {
    expect(activeStepName({ steps: [step('联络员报送', 'done'), step('分管负责人签字', 'active'), step('办公室审核', 'waiting')] })).toBe('分管负责人签字');
    expect(activeStepName({ steps: [step('办公室审核', 'waiting')] })).toBeNull();
    expect(activeStepName({} as CampaignTaskEntity['view'])).toBeNull();
    expect(activeStepName(null)).toBeNull();
  });

  it('maps a task row with its campaign name; the due date as an ISO instant or null', () => {
    const row = { campaignId: 'c1', campaignName: '泗水县创建', taskId: 'key-projects:sx-tjj', title: '重点工程项目', dueAt: new Date('2027-03-01T16:00:00Z'), view: { steps: [step('分管负责人签字', 'active')] } as CampaignTaskEntity['view'] };
    expect(toAwaitedTaskDto(row)).toEqual({ campaignId: 'c1', campaignName: '泗水县创建', taskId: 'key-projects:sx-tjj', title: '重点工程项目', stepName: '分管负责人签字', dueAt: '2027-03-01T16:00:00.000Z' });
    expect(toAwaitedTaskDto({ ...row, dueAt: null }).dueAt).toBeNull();
  });
});
