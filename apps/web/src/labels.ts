/** Chinese words people read, keyed by the domain's enums (type-checked against them). */
import type { ApiTaskStatus, Role, StepView, Task } from './api/types';

export const ROLE_LABEL: Record<Role, string> = {
  admin: '系统管理员',
  office: '领导小组办公室',
  leader: '领导小组领导',
  unit: '单位联络员',
  expert: '专家',
  inspector: '核查组',
};

export const STATUS_LABEL: Record<ApiTaskStatus, string> = { open: '待报送', submitted: '审批中', returned: '已退回', approved: '已通过', cancelled: '已取消' };
export const STATUS_COLOR: Record<ApiTaskStatus, string> = { open: 'default', submitted: 'processing', returned: 'warning', approved: 'success', cancelled: 'default' };

export const STEP_MODE_LABEL: Record<StepView['mode'], string> = { all: '会签', any: '或签', 'n-of-m': '多人签' };
export const STEP_STATUS_LABEL: Record<StepView['status'], string> = { waiting: '未开始', active: '审批中', done: '已完成' };

export const ACTION_LABEL: Record<string, string> = {
  start: '发起活动',
  submit: '报送',
  approve: '审批通过',
  return: '退回',
  transfer: '转交',
  addApprover: '加签',
  moveDeadlines: '调整期限',
  pause: '暂停',
  resume: '恢复',
  closePhase: '结束阶段',
  recordExternalResult: '录入外部结果',
  openRectification: '发起整改',
  cancel: '终止活动',
  remind: '催办',
  escalate: '督办',
  phaseActivated: '阶段开始',
  phaseCompleted: '阶段完成',
  'campaign-created': '发起活动',
  'tasks-created': '生成任务',
  'phase-completed': '阶段完成',
  'phase-activated': '阶段开始',
  'external-passed': '外部环节通过',
  'public-notice-opened': '开始公示',
  'auto-no-comment': '逾期视为无意见',
  escalated: '督办',
  reminded: '催办',
  refreshDirectory: '更新人员名录',
  download: '下载材料',
  upload: '上传材料',
  'file-download': '下载材料',
  'file-upload': '上传材料',
  'dossier-export': '导出申报材料包',
};
export const OUTCOME_LABEL: Record<string, string> = { accepted: '成功', denied: '无权限', refused: '被拒绝', system: '系统' };

export const DOMAIN_LABEL: Record<string, string> = { institution: '生态制度', security: '生态安全', space: '生态空间', economy: '生态经济', living: '生态生活', culture: '生态文化' };
export const ATTRIBUTE_LABEL: Record<string, string> = { binding: '约束性', reference: '参考性' };
export const PHASE_STATUS_LABEL: Record<string, string> = { pending: '未开始', active: '进行中', completed: '已完成', closed: '已结束' };
export const LEVEL_LABEL: Record<string, string> = { blue: '提醒', yellow: '临期', red: '逾期', escalation: '督办' };

/** What an inbox item needs from me now: 报送 / 补正 / 审批 / 会签 / 或签. */
export function needLabel(t: Pick<Task, 'status' | 'steps'>): string {
  if (t.status === 'open') return '报送';
  if (t.status === 'returned') return '补正';
  const step = t.steps.find((s) => s.status === 'active') ?? t.steps[0];
  if (step && step.mode === 'all' && step.assignees.length > 1) return '会签';
  if (step && step.mode === 'any' && step.assignees.length > 1) return '或签';
  return '审批';
}

export function principalLabel(p: string, names: Map<string, string> = new Map()): string {
  const [kind, id] = p.includes(':') ? [p.slice(0, p.indexOf(':')), p.slice(p.indexOf(':') + 1)] : ['user', p];
  if (kind === 'role') return ROLE_LABEL[id as Role] ?? id;
  if (kind === 'unit') return names.get(id) ?? id;
  return names.get(id) ?? id;
}
