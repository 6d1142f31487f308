/** Shared fixture for the notification e2e tests: a projected campaign with tasks, a directory of named people, reminders. */
import type { INestApplication } from '@nestjs/common';
import { randomBytes } from 'crypto';
import { DirectorySource } from '../../../activities/notification-directory';
import { ListDirectory, Person } from '@eco/notifications';
import { CampaignRepository, NotificationRepository } from '@eco/persistence';
import type { CampaignProjection } from '@eco/contracts';
import { DEFAULT_TEST_ORG } from '../helpers';

/** Beijing wall-clock → Date. */
export const bj = (s: string) => new Date(`${s}+08:00`);

export interface People {
  liaison1: Person;
  liaison2: Person;
  leaderOfUnit: Person;
  groupLeader: Person;
  deputyLeader: Person;
  director: Person;
  clerk: Person;
}

export function makePeople(tag: string, unit: string): People {
  const p = (id: string, name: string, unitId: string | null, mobile: string): Person => ({ id: `${id}-${tag}`, name, active: true, unitId, email: `${id}-${tag}@county.gov.cn`, mobile });
  return {
    liaison1: p('liaison1', '王联络', unit, '13800000001'),
    liaison2: p('liaison2', '李联络', unit, '13800000002'),
    leaderOfUnit: p('fzr', '赵分管', unit, '13800000003'),
    groupLeader: p('zz', '孙组长', null, '13800000004'),
    deputyLeader: p('fzz', '周副组长', null, '13800000005'),
    director: p('zr', '吴主任', null, '13800000006'),
    clerk: p('ky', '郑科员', null, '13800000007'),
  };
}

export class FixedDirectory extends DirectorySource {
  constructor(
    readonly organizationId: string,
    private readonly people: People,
    private readonly unit: string,
    private readonly emptyUnit: string,
  ) {
    super();
  }
  async forCampaign() {
    const P = this.people;
    return {
      organizationId: this.organizationId,
      directory: new ListDirectory({
        people: [
          { ...P.liaison1, roles: ['unit'] },
          { ...P.liaison2, roles: ['unit'] },
          { ...P.leaderOfUnit, roles: ['unit'] },
          { ...P.groupLeader, roles: ['leader'] },
          { ...P.deputyLeader, roles: ['leader'] },
          { ...P.director, roles: ['office'] },
          { ...P.clerk, roles: ['office'] },
        ],
        units: [
          { unitId: this.unit, name: '县工业和信息化局', liaisons: [P.liaison1.id, P.liaison2.id], responsibleLeaders: [P.leaderOfUnit.id] },
          { unitId: this.emptyUnit, name: '县统计局', liaisons: [], responsibleLeaders: [] },
        ],
        groupLeaders: [P.groupLeader.id],
        officeDirectors: [P.director.id],
      }),
    };
  }
}

/** A campaign read model with `n` tasks of `unit` (due `dueAt`) and one of `emptyUnit`. */
export async function projectCampaign(app: INestApplication, n: number, dueAt: Date, unit: string, emptyUnit: string, prefix = 'cn'): Promise<{ campaignId: string; taskIds: string[]; emptyTaskId: string }> {
  const campaignId = `${prefix}${randomBytes(6).toString('hex')}`;
  const taskIds = Array.from({ length: n }, (_, i) => `indicator:${i + 1}:${unit}`);
  const task = (id: string, unitId: string, title: string) => ({
    id, kind: 'indicator', phase: 'implementation', title, unitId, indicatorCode: null, status: 'open', dueAt: dueAt.toISOString(), overdue: false, assessmentFlag: false,
    waitingFor: [`unit:${unitId}`], view: { id, title, unitId, owner: 'unit', status: 'open', dueAt: dueAt.toISOString() },
  });
  // The campaign belongs to the default test county, so the (signed-token) office of that county sees it.
  await app.get(CampaignRepository).insertIfAbsent({
    id: campaignId, workflowId: `campaign-${campaignId}`, templateId: 'sishui-2023', name: '泗水县创建国家生态文明建设示范县', kind: 'creation', region: '济宁市泗水县',
    phase: 'implementation', status: 'active', createdBy: null, organizationId: DEFAULT_TEST_ORG, unitIds: [unit, emptyUnit],
  });
  await app.get(CampaignRepository).applyProjection({
    campaignId, workflowId: `campaign-${campaignId}`, templateId: 'sishui-2023', name: '泗水县创建国家生态文明建设示范县', kind: 'creation', region: '济宁市泗水县',
    phase: 'implementation', status: 'active', paused: false, progress: {}, version: 1, createdBy: null, snapshot: {},
    tasks: [...taskIds.map((id, i) => task(id, unit, `指标${i + 1}支撑材料报送`)), task(`indicator:99:${emptyUnit}`, emptyUnit, '统计数据报送')],
  } as unknown as CampaignProjection); // a partial read model: only what the notification paths read
  return { campaignId, taskIds, emptyTaskId: `indicator:99:${emptyUnit}` };
}

export async function enqueue(app: INestApplication, campaignId: string, rs: { taskId: string; unitId: string; level: 'blue' | 'yellow' | 'red' | 'escalation'; n?: number; at: Date; recipients: string[] }[]) {
  return app.get(NotificationRepository).enqueue(
    rs.map((r) => ({
      campaignId, taskId: r.taskId, unitId: r.unitId, level: r.level, recipients: r.recipients, scheduledAt: r.at.toISOString(),
      message: r.level === 'escalation' ? `【督办】「${r.taskId}」逾期未办结，请单位分管负责人督促办理。` : r.level === 'red' && (r.n ?? 1) > 1 ? `【逾期第${r.n}次催办】「${r.taskId}」请尽快报送。` : `【${r.level}】「${r.taskId}」请尽快报送。`,
      dedupeKey: `${campaignId}|${r.taskId}|1|${r.level}|${r.n ?? 1}`,
    })),
  );
}
