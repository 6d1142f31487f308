/**
 * The Chinese names of the fields people send — the commands' bodies and payloads, the API's query and body DTOs —
 * and of the coded values some of them take, in one place: every reason that names a field (zod's problems,
 * zod-reasons.ts; class-validator's, the API's validation.ts; the engine's own refusals) names it by these words, never
 * by its API name (walkthrough: 「指令格式错误：taskIds 至少须有 1 项」, 「须指定新期限（dueAt）…」 in the audit an
 * inspector reads). API clients match the refusal's code (HTTP status, ApplicationFailure.type), not its words.
 */
import { ADD_APPROVER_MODE_LABEL, EXTERNAL_OUTCOME_LABEL, EXTERNAL_STAGE_LABEL, INBOX_NEED_LABEL, OUTCOME_LABEL, PHASE_LABEL, REMINDER_LEVEL_LABEL, ROLE_LABEL, TASK_KIND_LABEL, TASK_STATUS_LABEL } from '../labels';

/** A field's Chinese name, by its key (the last segment of its path). A field not listed is named by its key. */
export const FIELD_LABEL: Readonly<Record<string, string>> = {
  // commands (bodies and payloads)
  type: '指令类型',
  taskId: '任务',
  taskIds: '任务',
  phase: '阶段',
  dueAt: '截止日期',
  dueDate: '截止日期',
  shiftBy: '顺延时长',
  shiftByWorkingDays: '顺延工作日数',
  force: '超期调整理由',
  reason: '原因',
  comment: '意见',
  value: '报送数值',
  evidence: '佐证链接',
  files: '附件',
  formalities: '办理要求',
  seal: '单位公章',
  principalSignature: '主要负责人签字',
  outcome: '结果',
  projects: '重点工程项目',
  name: '名称',
  scale: '规模',
  content: '内容',
  investment: '投资概算',
  url: '链接地址',
  ref: '材料引用',
  sha256: '校验值',
  size: '文件大小',
  stage: '外部审查环节',
  findings: '问题清单',
  finding: '问题',
  title: '问题描述',
  indicatorCode: '指标',
  unitId: '单位',
  userId: '人员',
  userName: '人员姓名',
  toUserId: '转交对象',
  toUserName: '转交对象姓名',
  from: '起始时间',
  mode: '加签方式',
  agree: '是否同意',
  withChanges: '修改后通过',
  vetoCode: '否决情形',
  // queries
  afterSeq: '起始序号',
  beforeSeq: '截止序号',
  limit: '每页条数',
  offset: '起始位置',
  order: '排序',
  action: '操作',
  actor: '操作人',
  person: '人员',
  status: '状态',
  kind: '任务类型',
  overdue: '是否逾期',
  q: '搜索内容',
  need: '待办类型',
  campaignId: '创建活动',
  purpose: '用途',
  role: '角色',
  roles: '角色',
  active: '账号状态',
  level: '提醒级别',
  to: '截止时间',
  // accounts and preferences
  username: '用户名',
  password: '密码',
  currentPassword: '当前密码',
  newPassword: '新密码',
  organizationId: '所属组织',
  phone: '联系电话',
  liaisons: '联络员',
  responsibleLeaders: '分管负责人',
  email: '电子邮箱',
  mobile: '手机号码',
  channels: '提醒渠道',
  templateId: '工作方案模板',
  schedule: '节点日期',
  startDate: '开始日期',
  scope: '范围',
  scopeId: '所属单位或地区',
  secret: '加签密钥',
  webhook: '机器人地址',
  unread: '是否未读',
  all: '全部',
  // templates (an imported workbook's form and the template read from it)
  goal: '工作目标',
  indicators: '指标',
};

/**
 * Where a key means something else in one command or DTO (its `type`, or the DTO class's name): its name there.
 * 转交's `from` is the place handed over; elsewhere (the audit's period) it is a start.
 */
const FIELD_LABEL_IN: Readonly<Record<string, Readonly<Record<string, string>>>> = {
  transfer: { from: '原审批位' },
  // the words the screens give these comments (报送 form, 催办 dialog, 审批 dialog)
  submit: { comment: '报送说明' },
  urge: { comment: '催办留言' },
  approve: { comment: '审批意见' },
  CandidatesQueryDto: { from: '原审批位' },
  RobotDto: { kind: '机器人类型' },
  CreateUserDto: { name: '姓名' },
};

/** The Chinese words of a field's coded values (an enum's choices), by the field's key. */
const FIELD_VALUE_LABEL: Record<string, () => Readonly<Record<string, string>>> = {
  phase: () => PHASE_LABEL,
  stage: () => EXTERNAL_STAGE_LABEL,
  outcome: () => ({ ...EXTERNAL_OUTCOME_LABEL, ...OUTCOME_LABEL }),
  mode: () => ADD_APPROVER_MODE_LABEL,
  role: () => ROLE_LABEL,
  roles: () => ROLE_LABEL,
  // action: the audit's actions, ACTION_LABEL (commands/action-labels.ts gives them: the commands' labels live with the commands)
  status: () => ({ ...TASK_STATUS_LABEL, rectifying: '审批中', failed: '已取消' }),
  kind: () => TASK_KIND_LABEL,
  need: () => INBOX_NEED_LABEL,
  level: () => REMINDER_LEVEL_LABEL,
  order: () => ({ asc: '由早到晚', desc: '最新在前' }),
  overdue: () => ({ true: '是', false: '否' }),
  active: () => ({ true: '在用', false: '已停用' }),
  agree: () => ({ true: '同意', false: '不同意' }),
  purpose: () => ({ transfer: '转交', addApprover: '加签' }),
};

/** The words of a field's values defined beside the code that has them (the audit's actions: commands/action-labels.ts). */
export function defineValueLabels(key: string, words: () => Readonly<Record<string, string>>): void {
  FIELD_VALUE_LABEL[key] = words;
}

/** The key a path ends with (`evidence.0.url` → url; `projects.2` → projects). */
function lastKey(path: readonly (string | number)[]): string | undefined {
  for (let i = path.length - 1; i >= 0; i--) if (typeof path[i] === 'string' && !/^\d+$/.test(String(path[i]))) return String(path[i]);
  return undefined;
}

/**
 * A field as people read it: `taskIds` → 任务, `evidence.0.url` → 第1项佐证链接的链接地址, `projects.2` → 第3项重点工程项目;
 * the whole body or command (`root`) when the path is empty. A key not in FIELD_LABEL is named as it is; `scope` (a
 * command type, a DTO class's name) picks a key's meaning there (FIELD_LABEL_IN).
 */
export function fieldName(path: readonly (string | number)[] | string, root = '请求内容', scope?: string): string {
  const parts = typeof path === 'string' ? (path ? path.split('.') : []) : [...path];
  if (!parts.length) return root;
  let out = '';
  for (let i = 0; i < parts.length; i++) {
    const p = String(parts[i]);
    if (/^\d+$/.test(p)) continue;
    const index = i + 1 < parts.length && /^\d+$/.test(String(parts[i + 1])) ? `第${Number(parts[i + 1]) + 1}项` : '';
    const word = (scope ? FIELD_LABEL_IN[scope]?.[p] : undefined) ?? FIELD_LABEL[p] ?? p;
    out = out ? `${out}中${index}${word}` : `${index}${word}`;
  }
  return out || root;
}

/** A coded value as people read it (phase `application` → 申报迎查); a value without words is said as it is. */
export function valueName(path: readonly (string | number)[] | string, value: string): string {
  const key = typeof path === 'string' ? lastKey(path.split('.')) : lastKey(path);
  const words = key ? FIELD_VALUE_LABEL[key]?.() : undefined;
  return words?.[value] ?? value;
}

/** The choices of a coded field, in Chinese where they have words (「可选：动员部署、创建实施…」). */
export function choicesText(path: readonly (string | number)[] | string, values: readonly unknown[]): string {
  return values.map((v) => valueName(path, typeof v === 'string' ? v : JSON.stringify(v))).join('、');
}
