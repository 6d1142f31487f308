/**
 * The read model's write (CampaignRepository.applyProjection): the campaign's row and the changed task rows in one
 * statement, written only when the projection is not older than the stored one; the same version again is applied
 * (a retried workflow task); more task rows than one statement takes follow in further statements.
 */
import { INestApplication } from '@nestjs/common';
import { randomUUID } from 'crypto';
import { DataSource } from 'typeorm';
import type { AppConfig } from '@eco/config';
import { CampaignRepository } from '@eco/persistence';
import type { CampaignProjection, TaskProjection } from '@eco/contracts';
import { startApi, testConfig } from './helpers';

const task = (id: string, status: string, title = `任务${id}`): TaskProjection =>
  ({
    id, kind: 'unit', phase: 'mobilization', title, unitId: 'sx-gxj', indicatorCode: null, status, dueAt: '2027-03-05T09:00:00.000Z', overdue: status === 'open',
    assessmentFlag: false, waitingFor: ['unit:sx-gxj'], view: { id, status, title },
  }) as unknown as TaskProjection;

const projection = (campaignId: string, version: number, tasks: TaskProjection[], name = '投影测试'): CampaignProjection =>
  ({
    campaignId, workflowId: `campaign-${campaignId}`, templateId: 't', name, kind: 'creation', region: 'r', phase: 'mobilization', status: 'active',
    paused: false, progress: { total: tasks.length }, version, createdBy: null, snapshot: { v: version }, tasks,
  }) as unknown as CampaignProjection;

describe('the read model is written in one statement, never from an older projection', () => {
  let config: AppConfig;
  let app: INestApplication;
  let repo: CampaignRepository;
  let db: DataSource;
  const rows = async (id: string) =>
    (await db.query('SELECT task_id, status, title, due_at, overdue, waiting_for, view FROM campaign_tasks WHERE campaign_id = $1 ORDER BY task_id', [id])) as {
      task_id: string; status: string; title: string; due_at: Date; overdue: boolean; waiting_for: string[]; view: { status: string };
    }[];
  const campaign = async (id: string) => ((await db.query('SELECT name, version, snapshot FROM campaigns WHERE id = $1', [id])) as { name: string; version: number; snapshot: { v: number } }[])[0];

  beforeAll(async () => {
    config = testConfig({ TEMPORAL_TASK_QUEUE: 'e2e-projection-write' });
    app = await startApi(config);
    repo = app.get(CampaignRepository);
    db = app.get(DataSource);
  }, 120000);

  afterAll(async () => {
    await app?.close();
  });

  it('writes the campaign row and its task rows with their types (date, flags, array, view)', async () => {
    const id = randomUUID();
    expect(await repo.applyProjection(projection(id, 1, [task('a', 'open'), task('b', 'submitted')]))).toBe(true);
    const r = await rows(id);
    expect(r.map((x) => [x.task_id, x.status, x.overdue, x.waiting_for, x.view.status])).toEqual([
      ['a', 'open', true, ['unit:sx-gxj'], 'open'],
      ['b', 'submitted', false, ['unit:sx-gxj'], 'submitted'],
    ]);
    expect(r[0].due_at.toISOString()).toBe('2027-03-05T09:00:00.000Z');
    expect(await campaign(id)).toMatchObject({ version: 1, snapshot: { v: 1 } });
  });

  it('an older projection writes neither the campaign row nor any task row; the same version again is applied', async () => {
    const id = randomUUID();
    await repo.applyProjection(projection(id, 5, [task('a', 'submitted')], '第五版'));
    expect(await repo.applyProjection(projection(id, 4, [task('a', 'open', '旧标题'), task('new', 'open')], '第四版'))).toBe(false);
    expect(await campaign(id)).toMatchObject({ name: '第五版', version: 5 });
    expect((await rows(id)).map((x) => [x.task_id, x.status, x.title])).toEqual([['a', 'submitted', '任务a']]);
    expect(await repo.applyProjection(projection(id, 5, [task('a', 'approved')], '第五版重试'))).toBe(true);
    expect(await campaign(id)).toMatchObject({ name: '第五版重试', version: 5 });
    expect((await rows(id)).map((x) => [x.task_id, x.status])).toEqual([['a', 'approved']]);
  });

  it('a projection without task rows writes the campaign row only; 1,200 task rows are all written (three statements)', async () => {
    const id = randomUUID();
    expect(await repo.applyProjection(projection(id, 1, []))).toBe(true);
    expect(await campaign(id)).toMatchObject({ version: 1 });
    const many = Array.from({ length: 1200 }, (_, i) => task(`t${String(i).padStart(4, '0')}`, i % 2 ? 'open' : 'submitted'));
    expect(await repo.applyProjection(projection(id, 2, many))).toBe(true);
    const r = await rows(id);
    expect(r).toHaveLength(1200);
    expect(r[1199]).toMatchObject({ task_id: 't1199', status: 'open' });
    expect(await repo.applyProjection(projection(id, 1, many.map((t) => ({ ...t, status: 'cancelled' }))))).toBe(false);
    expect((await rows(id)).filter((x) => x.status === 'cancelled')).toHaveLength(0);
  });
});
