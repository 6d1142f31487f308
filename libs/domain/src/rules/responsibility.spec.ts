import { CampaignTemplateSchema, type CampaignTemplate, type CampaignTemplateInput } from '../template/template.schema';
import { collectivesContaining, expandCollectives, responsibleUnits, unitsActingOn } from './responsibility';

function template(overrides: Partial<CampaignTemplateInput>): CampaignTemplate {
  return CampaignTemplateSchema.parse({
    id: 'test',
    name: '测试区创建国家生态文明建设示范区工作方案',
    region: { name: '测试区', province: '山东省', city: '青岛市', county: '测试区' },
    issuingAuthority: '测试区人民政府办公室',
    issueDate: '2024-02-01',
    kind: 'creation',
    targetLevel: 'national',
    goal: '创建国家生态文明建设示范区',
    units: [
      { id: 'eco', name: '市生态环境局测试分局', shortName: '生态环境分局' },
      { id: 'urban', name: '区城市管理局', shortName: '城管局' },
      { id: 'nr', name: '市自然资源和规划局测试分局', shortName: '自然资源分局' },
      { id: 'law', name: '区综合执法局', shortName: '综合执法局' },
      { id: 'sd-a', name: '甲街道办事处', shortName: '甲街道', kind: 'subdistrict' },
      { id: 'sd-b', name: '乙街道办事处', shortName: '乙街道', kind: 'subdistrict' },
      { id: 'subdistricts', name: '各街道办事处', shortName: '各街道', kind: 'collective', members: ['sd-a', 'sd-b'] },
      { id: 'leads', name: '各牵头单位', shortName: '各牵头单位', kind: 'collective' },
    ],
    leadershipGroup: { name: '领导小组', leaders: [], deputyLeaders: [], members: [] },
    indicators: [],
    phases: [
      {
        key: 'mobilization',
        name: '动员部署',
        text: '2024年2月29日前',
        milestones: [{ key: 'plan', name: '印发方案', taskKind: 'work-plan-issued', owner: 'leader', due: { date: '2024-02-29', text: '2月29日前' } }],
      },
    ],
    schedule: { followsHigherAuthority: true, postponableForEmergency: true },
    ...overrides,
  });
}

const indicators: CampaignTemplateInput['indicators'] = [
  {
    code: '5',
    domain: 'security',
    task: 2,
    name: '水环境质量',
    target: '完成上级规定的考核任务',
    attribute: 'binding',
    leadUnitIds: ['eco'],
    subItems: [
      { label: '(1)', name: '县城污水处理率', unit: '%', target: '≥95', leadUnitIds: ['eco'] },
      { label: '(2)', name: '黑臭水体消除率', unit: '%', target: '100', leadUnitIds: ['urban', 'eco'], coUnitIds: ['law', 'subdistricts'] },
    ],
  },
  { code: '7', domain: 'security', task: 3, name: '森林覆盖率', target: '保持稳定', attribute: 'reference', leadUnitIds: ['urban'], coUnitIds: ['nr'] },
  { code: '8', domain: 'security', task: 4, name: '重点建设用地安全利用', target: '有效保障', attribute: 'binding', leadUnitIds: ['eco'], coUnitIds: ['urban', 'nr', 'subdistricts', 'eco'] },
];

describe('responsibleUnits', () => {
  const t = template({ indicators });

  it('lists lead units first, adds sub-items’ own units, de-duplicates', () => {
    expect(responsibleUnits(t.indicators[0])).toEqual({
      lead: ['eco', 'urban'],
      co: ['law', 'subdistricts'],
      all: ['eco', 'urban', 'law', 'subdistricts'],
    });
  });

  it('keeps a unit named both lead and co only as lead', () => {
    expect(responsibleUnits(t.indicators[2])).toEqual({ lead: ['eco'], co: ['urban', 'nr', 'subdistricts'], all: ['eco', 'urban', 'nr', 'subdistricts'] });
  });

  it('works for veto conditions (no sub-items)', () => {
    expect(responsibleUnits({ leadUnitIds: ['eco'], coUnitIds: ['leads'] })).toEqual({ lead: ['eco'], co: ['leads'], all: ['eco', 'leads'] });
  });
});

describe('collective units', () => {
  const t = template({ indicators });

  it('expands a collective into its members when they are given, keeps it otherwise', () => {
    expect(expandCollectives(t, ['eco', 'subdistricts', 'sd-a', 'leads'])).toEqual(['eco', 'sd-a', 'sd-b', 'leads']);
    expect(expandCollectives(t, ['leads'], { members: { leads: ['eco', 'urban'] } })).toEqual(['eco', 'urban']);
  });

  it('expands nested collectives and survives membership cycles', () => {
    const nested = template({
      units: [
        ...t.units,
        { id: 'all-units', name: '全体单位', shortName: '全体单位', kind: 'collective', members: ['eco', 'subdistricts', 'all-units'] },
      ],
    });
    expect(expandCollectives(nested, ['all-units'])).toEqual(['eco', 'sd-a', 'sd-b']);
    expect(collectivesContaining(nested, 'sd-b').sort()).toEqual(['all-units', 'subdistricts']);
  });

  it('finds the collectives a unit belongs to', () => {
    expect(collectivesContaining(t, 'sd-a')).toEqual(['subdistricts']);
    expect(collectivesContaining(t, 'eco')).toEqual([]);
    expect(collectivesContaining(t, 'eco', { members: { leads: ['eco'] } })).toEqual(['leads']);
  });
});

describe('unitsActingOn', () => {
  const t = template({
    indicators,
    vetoConditions: [
      { code: '23.1', text: '发生重、特大突发环境事件或生态破坏事件的', leadUnitIds: ['eco'], coUnitIds: ['leads'] },
      { code: '23.2', text: '被生态环境部约谈且未销号的', leadUnitIds: ['eco'] },
    ],
    keyTasks: [
      { number: 1, title: '完善制度', section: '（一）', content: '……', unitIds: ['eco', 'nr'] },
      { number: 2, title: '整治黑臭水体', section: '（二）', content: '……', unitIds: ['urban', 'subdistricts'] },
    ],
  });

  it('collects the indicators a unit leads or assists, with sub-item labels', () => {
    const urban = unitsActingOn(t, 'urban');
    expect(urban.indicators.map((d) => [d.indicator.code, d.role, d.direct, d.subItems])).toEqual([
      ['5', 'lead', true, ['(2)']],
      ['7', 'lead', true, []],
      ['8', 'co', true, []],
    ]);
    expect(urban.keyTasks.map((k) => k.keyTask.number)).toEqual([2]);
    expect(urban.vetoConditions).toEqual([]);
  });

  it('reaches a member of a collective named on an indicator, a sub-item and a key task', () => {
    const sdA = unitsActingOn(t, 'sd-a');
    expect(sdA.indicators.map((d) => [d.indicator.code, d.role, d.direct, d.via, d.subItems])).toEqual([
      ['5', 'co', false, ['subdistricts'], ['(2)']],
      ['8', 'co', false, ['subdistricts'], []],
    ]);
    expect(sdA.keyTasks.map((k) => [k.keyTask.number, k.direct, k.via])).toEqual([[2, false, ['subdistricts']]]);
  });

  it('includes veto conditions; "各牵头单位" reaches units only when its members are given', () => {
    expect(unitsActingOn(t, 'eco').vetoConditions.map((v) => [v.veto.code, v.role])).toEqual([
      ['23.1', 'lead'],
      ['23.2', 'lead'],
    ]);
    expect(unitsActingOn(t, 'urban').vetoConditions).toEqual([]);
    const withMembers = unitsActingOn(t, 'urban', { members: { leads: ['eco', 'urban'] } });
    expect(withMembers.vetoConditions.map((v) => [v.veto.code, v.role, v.via])).toEqual([['23.1', 'co', ['leads']]]);
  });

  it('returns nothing for a unit with no duties', () => {
    const none = unitsActingOn(t, 'law-nobody');
    expect(none).toEqual({ unitId: 'law-nobody', indicators: [], vetoConditions: [], keyTasks: [] });
    const law = unitsActingOn(t, 'law');
    expect(law.indicators.map((d) => [d.indicator.code, d.role, d.subItems])).toEqual([['5', 'co', ['(2)']]]);
  });
});
