import { ApiProperty } from '@nestjs/swagger';
import type { CampaignTaskEntity } from '@eco/persistence';

/** A live task of a running campaign that waits for this person's signature (`user:<id>` in its waiting_for). */
export class AwaitedTaskDto {
  @ApiProperty({ example: 'c-2027-sishui' }) campaignId: string;
  @ApiProperty({ example: '泗水县省级生态文明建设示范区创建' }) campaignName: string;
  @ApiProperty({ example: 'key-projects:sx-tjj' }) taskId: string;
  @ApiProperty({ example: '重点工程项目情况' }) title: string;
  @ApiProperty({ type: String, nullable: true, example: '分管负责人签字', description: 'the approval step waiting now (null when none is open)' }) stepName: string | null;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) dueAt: string | null;
}

/** GET /api/users/:id/awaited: the first `items` by due date and how many there are in all. */
export class AwaitedTasksDto {
  @ApiProperty({ type: 'integer', description: 'tasks waiting for this person in all' }) total: number;
  @ApiProperty({ type: [AwaitedTaskDto] }) items: AwaitedTaskDto[];
}

/** The name of the task's step that is open now (its view's active step), null when none is or the view lacks steps. */
export function activeStepName(view: Pick<CampaignTaskEntity['view'], 'steps'> | null | undefined): string | null {
  const step = (view?.steps ?? []).find((s) => s.status === 'active');
  return step?.name ?? null;
}

export function toAwaitedTaskDto(t: Pick<CampaignTaskEntity, 'campaignId' | 'taskId' | 'title' | 'dueAt' | 'view'> & { campaignName: string }): AwaitedTaskDto {
  return {
    campaignId: t.campaignId,
    campaignName: t.campaignName,
    taskId: t.taskId,
    title: t.title,
    stepName: activeStepName(t.view),
    dueAt: t.dueAt ? new Date(t.dueAt).toISOString() : null,
  };
}
