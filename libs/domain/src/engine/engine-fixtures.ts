/**
 * Test fixtures for the engine specs: a small creation template, actors, and a driver that plays
 * every participant until a campaign finishes. Not used by production code.
 */
import { CampaignTemplateSchema, type CampaignTemplate, type CampaignTemplateInput, type Role } from '../template/template.schema';
import { activeStep, waitingOn } from './approval-chain';
import type { Actor, CampaignState, EngineEvent, SubmissionFormalities, TaskState } from './campaign-state';
import { isLive } from './campaign-state';
import type { Command } from './command.schema';
import { decide } from './commands';

/** Local (UTC+8) wall-clock instant. */
export const at = (isoLocal: string) => Date.parse(`${isoLocal}+08:00`);
export const endOf = (date: string) => at(`${date}T23:59:59.999`);
export const HOUR = 3600_000;
export const DAY = 24 * HOUR;

export function smallTemplateInput(): CampaignTemplateInput {
  return {
    id: 'test-district',
    name: '测试区国家生态文明建设示范区创建工作方案',
    region: { name: '测试区', province: '山东省', city: '测试市', county: '测试区' },
    issuingAuthority: '测试区人民政府',
    issueDate: '2024-03-01',
    kind: 'creation',
    targetLevel: 'national',
    goal: '创建国家生态文明建设示范区',
    units: [
      { id: 'ob', name: '生态环境测试分局', shortName: '环境分局' },
      { id: 'u-a', name: '区发展和改革局', shortName: '发改局' },
      { id: 'u-b', name: '区统计局', shortName: '统计局' },
      { id: 'u-c', name: '甲街道办事处', shortName: '甲街道', kind: 'subdistrict' },
      { id: 'jd', name: '各街道办事处', shortName: '各街道', kind: 'collective', members: ['u-c'] },
    ],
    leadershipGroup: { name: '创建工作领导小组', leaders: [], deputyLeaders: [], members: [], officeUnitId: 'ob' },
    indicators: [
      { code: '1', domain: 'economy', name: '单位地区生产总值能耗', target: '完成上级下达目标', attribute: 'binding', leadUnitIds: ['u-a'], coUnitIds: ['u-b'] },
      { code: '2', domain: 'living', name: '城镇污水处理率', target: '≥85', attribute: 'binding', leadUnitIds: ['u-b'], coUnitIds: ['jd'] },
      { code: '3', domain: 'culture', name: '公众满意度', target: '≥80', attribute: 'reference', leadUnitIds: ['u-c'] },
      { code: 'C1', domain: 'security', name: '农膜回收率', target: '≥85', attribute: 'binding', leadUnitIds: ['u-a'], applicability: 'certificate-only' },
    ],
    vetoConditions: [{ code: '23.1', text: '发生重、特大突发环境事件', leadUnitIds: ['ob'] }],
    phases: [
      {
        key: 'mobilization',
        name: '动员部署',
        text: '2024年3月',
        milestones: [
          { key: 'plan-issued', name: '印发工作方案', taskKind: 'work-plan-issued', owner: 'office', due: { date: '2024-03-08', text: '3月8日前' } },
          { key: 'contacts', name: '确定分管责任人和联络员', taskKind: 'unit-contacts', owner: 'units', units: ['u-a', 'u-b', 'u-c'], due: { date: '2024-03-08', text: '3月8日前' } },
        ],
      },
      {
        key: 'implementation',
        name: '创建实施',
        text: '2024年3月—4月',
        milestones: [
          { key: 'indicators', name: '指标达标及支撑材料', taskKind: 'indicator', owner: 'units', due: { date: '2024-03-20', text: '3月20日前' } },
          { key: 'comments', name: '规划征求意见', taskKind: 'plan-comments', owner: 'units', units: ['u-a', 'u-b'], due: { date: '2024-03-22', text: '3月22日前' } },
          { key: 'expert-review', name: '规划专家论证', taskKind: 'plan-expert-review', owner: 'experts', due: { date: '2024-03-29', text: '3月29日前' } },
        ],
      },
      {
        key: 'application',
        name: '申报迎查',
        text: '2024年4月',
        milestones: [
          { key: 'apply', name: '提报申报材料', taskKind: 'application', owner: 'office', due: { date: '2024-04-12', text: '4月12日前' } },
          { key: 'pre-review', name: '省级预审', taskKind: 'pre-review', owner: 'higher-authority', due: { date: '2024-04-19', text: '4月19日前' } },
          { key: 'inspection', name: '现场核查', taskKind: 'inspection', owner: 'higher-authority', due: { date: '2024-04-26', text: '4月下旬' } },
        ],
      },
    ],
    schedule: { followsHigherAuthority: true, postponableForEmergency: true },
  };
}

export function smallTemplate(patch: (t: CampaignTemplateInput) => void = () => undefined): CampaignTemplate {
  const input = smallTemplateInput();
  patch(input);
  return CampaignTemplateSchema.parse(input);
}

export const office: Actor = { id: 'office-1', name: '办公室张主任', roles: ['office'], unitId: 'ob' };
export const office2: Actor = { id: 'office-2', name: '办公室李副主任', roles: ['office'], unitId: 'ob' };
export const leader: Actor = { id: 'leader-1', name: '王区长', roles: ['leader'] };
export const inspector: Actor = { id: 'insp-1', name: '省厅核查组', roles: ['inspector'] };
export const admin: Actor = { id: 'admin-1', name: '管理员', roles: ['admin'] };
export const unitUser = (unitId: string, n = 1): Actor => ({ id: `${unitId}-user${n}`, name: `${unitId}用户${n}`, roles: ['unit'], unitId });
export const expert = (n: number): Actor => ({ id: `expert-${n}`, name: `专家${n}`, roles: ['expert'] });
export const user = (id: string, roles: Role[] = []): Actor => ({ id, name: id, roles });

/** Applies a command that must be accepted. */
export function run(state: CampaignState, command: Command, actor: Actor, now: number, events?: EngineEvent[]): CampaignState {
  const r = decide(state, command, actor, now);
  if (!r.ok) throw new Error(`refused ${command.type} by ${actor.id}: ${r.code} ${r.reason}`);
  events?.push(...r.events);
  return r.state;
}

export function task(state: CampaignState, id: string): TaskState {
  const t = state.tasks.find((x) => x.id === id);
  if (!t) throw new Error(`no task ${id}; have ${state.tasks.map((x) => x.id).join(', ')}`);
  return t;
}

/** Formalities that satisfy what a task's kind requires (the first outcome, sealed, signed, one project), or none. */
export function completeFormalities(state: CampaignState, t: Pick<TaskState, 'kind'>): { formalities?: SubmissionFormalities } {
  const rule = state.catalog.formalities?.[t.kind];
  if (!rule) return {};
  const outcome = rule.outcomes?.[0];
  return {
    formalities: {
      seal: true,
      principalSignature: '主要负责人',
      ...(outcome ? { outcome: outcome.key } : {}),
      ...(outcome?.projects ? { projects: [{ name: '重点工程项目' }] } : {}),
    },
  };
}

/** Candidate actors for an assignee string. */
function actorsFor(state: CampaignState, assignee: string): Actor[] {
  const [type, value] = assignee.split(':');
  if (type === 'user') return [user(value)];
  if (type === 'unit') return [unitUser(value)];
  const role = value as Role;
  return [1, 2, 3, 4, 5].map((n) => ({ id: `${role}-${n}`, name: `${role}${n}`, roles: [role], unitId: role === 'office' ? state.catalog.officeUnitId : undefined }));
}

function submitters(state: CampaignState, t: TaskState): Actor[] {
  if (t.owner === 'unit' && t.unitId) {
    const u = state.catalog.units.find((x) => x.id === t.unitId);
    const member = u?.kind === 'collective' && u.members?.length ? [unitUser(u.members[0])] : [];
    return [unitUser(t.unitId), ...member];
  }
  return [office, leader];
}

/** What each participant could do next on a live task. */
function attemptsFor(state: CampaignState, t: TaskState): [Command, Actor][] {
  const attempts: [Command, Actor][] = [];
  if (t.external && t.status === 'open') attempts.push([{ type: 'recordExternalResult', stage: t.kind as 'inspection', outcome: 'passed', taskId: t.id }, inspector]);
  else if (t.status === 'open' || t.status === 'returned') for (const a of submitters(state, t)) attempts.push([{ type: 'submit', taskId: t.id, comment: '已完成', ...completeFormalities(state, t) }, a]);
  else if (t.status === 'submitted' && t.rounds[t.rounds.length - 1]?.awaitingConfirmation?.length) {
    // 共同负责: the other listed units confirm the shared submission first.
    for (const u of t.rounds[t.rounds.length - 1].awaitingConfirmation ?? []) attempts.push([{ type: 'confirmJoint', taskId: t.id }, unitUser(u)]);
  } else if (t.status === 'submitted') {
    const step = activeStep(t);
    for (const w of step ? waitingOn(step) : []) for (const a of actorsFor(state, w)) attempts.push([{ type: 'approve', taskId: t.id }, a]);
  }
  return attempts;
}

/** Drives only the given tasks (submit, approve every step / pass) until they settle. */
export function complete(state: CampaignState, taskIds: string[], now: number): CampaignState {
  const r = driveToEnd(state, now, 1000, taskIds);
  for (const id of taskIds) if (task(r.state, id).status !== 'approved') throw new Error(`could not complete ${id}: ${task(r.state, id).status}`);
  return r.state;
}

/** Completes every required task of the current phase. */
export function completePhase(state: CampaignState, now: number): CampaignState {
  const phase = state.currentPhase;
  return complete(
    state,
    state.tasks.filter((t) => t.phase === phase && t.required && isLive(t)).map((t) => t.id),
    now,
  );
}

/**
 * Plays every participant: submits, approves every step, records external stages as passed, until
 * the campaign finishes or nothing can be done. Returns the final state and the commands accepted.
 */
export function driveToEnd(start: CampaignState, now: number, maxSteps = 5000, only?: string[]): { state: CampaignState; steps: number; events: EngineEvent[] } {
  let state = start;
  const events: EngineEvent[] = [];
  let steps = 0;
  while (state.status === 'active' && steps < maxSteps) {
    let progressed = false;
    for (const t of state.tasks.filter((x) => isLive(x) && (!only || only.includes(x.id)))) {
      for (const [cmd, actor] of attemptsFor(state, t)) {
        const r = decide(state, cmd, actor, now);
        if (r.ok) {
          state = r.state;
          events.push(...r.events);
          steps++;
          progressed = true;
          break;
        }
      }
      if (progressed) break;
    }
    if (!progressed) break;
  }
  return { state, steps, events };
}
