import * as path from 'path';
import type { CampaignTemplate } from '../../../domain/src/template/template.schema';
import { loadTemplateFile } from '../template-loader';

describe('jiyang-2021 template (seed 003, 济南市济阳区, consolidation)', () => {
  let t: CampaignTemplate;
  const name = (id: string) => t.units.find((u) => u.id === id)?.name;
  const task = (n: number) => t.keyTasks.find((k) => k.number === n)!;

  beforeAll(async () => {
    t = await loadTemplateFile(path.resolve(__dirname, '../../data/jiyang-2021.json'));
  });

  it('is a consolidation plan aiming at the 2023 review, with no document number', () => {
    expect(t).toMatchObject({ id: 'jiyang-2021', kind: 'consolidation', issueDate: '2021-07-14', issuingAuthority: '济南市济阳区人民政府' });
    expect(t.documentNumber).toBeUndefined();
    expect(t.goal).toContain('以通过2023年生态环境部建设指标复核为目标');
  });

  it('has the 16 numbered key tasks in three sections', () => {
    expect(t.keyTasks.map((k) => k.number)).toEqual(Array.from({ length: 16 }, (_, i) => i + 1));
    const bySection = t.keyTasks.reduce<Record<string, number>>((a, k) => ({ ...a, [k.section]: (a[k.section] ?? 0) + 1 }), {});
    expect(bySection).toEqual({ '(一)深入完善生态文明制度': 6, '(二)全力保障全区生态安全': 8, '(三)持续优化区域生态空间': 2 });
  });

  it('keeps the responsible units in the order written', () => {
    expect(task(2).unitIds.map(name)).toEqual(['区委办公室', '区政府办公室', '市生态环境局济阳分局']);
    expect(task(3).unitIds.map(name)).toEqual(['区委组织部']);
    expect(task(4).unitIds.map(name)).toEqual(['区城乡水务局', '各镇(街道)']);
    expect(task(6).unitIds.map(name)).toEqual([
      '市生态环境局济阳分局', '济北经济开发区管委会', '区自然资源局', '区发展和改革局', '区工业和信息化局', '区城乡交通运输局',
      '区住房和城乡建设局', '区城市管理局', '区农业农村局', '区城乡水务局', '区文化和旅游局', '各镇(街道)',
    ]);
    expect(task(7).unitIds.map(name)).toEqual(['市生态环境局济阳分局', '区住房和城乡建设局', '市公安局济阳区分局']);
    expect(task(8).unitIds.map(name)).toEqual(['市生态环境局济阳分局', '区城乡水务局', '区城市公用事业发展中心']);
    expect(task(16).unitIds.map(name)).toEqual(['区城乡水务局', '区自然资源局']);
    expect(t.units.find((u) => u.name === '各镇(街道)')?.kind).toBe('collective');
  });

  it('transcribes titles and content', () => {
    expect(task(9).title).toBe('提高生态环境状况指数');
    expect(task(9).content).toContain('确保全区生态环境状况指数达到55以上');
    expect(task(10).content).toContain('林草覆盖率保持18%以上且不降低');
    expect(task(3).content).toContain('单项最高可扣20分');
  });

  it('derives one indicator per key task, led by the first unit written', () => {
    expect(t.indicators).toHaveLength(16);
    for (const k of t.keyTasks) {
      const i = t.indicators.find((x) => x.code === k.indicatorCode)!;
      expect(i.derived).toBe(true);
      expect(i.derivedNote).toBeTruthy();
      expect([...i.leadUnitIds, ...i.coUnitIds]).toEqual(k.unitIds);
    }
    expect(t.indicators.find((i) => i.code === '9')).toMatchObject({ name: '生态环境状况指数', target: '≥55' });
    expect(t.indicators.find((i) => i.code === '3')).toMatchObject({ unit: '%', target: '≥20' });
  });

  it('runs a monitoring phase from the issue date and a review in 2023', () => {
    expect(t.phases.map((p) => p.key)).toEqual(['monitoring', 'review']);
    expect(t.phases[0].start).toBe('2021-07-14');
    expect(t.phases[0].milestones.map((m) => m.taskKind)).toContain('key-task');
    const review = t.phases[1].milestones.find((m) => m.taskKind === 'review')!;
    expect(review.due.date?.startsWith('2023-')).toBe(true);
    expect(review.due).toMatchObject({ approximate: true, text: '2023年生态环境部建设指标复核' });
    expect(t.phases.flatMap((p) => p.milestones.map((m) => m.taskKind))).not.toContain('indicator');
  });
});
