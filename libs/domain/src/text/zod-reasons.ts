/**
 * Chinese reasons for zod's problems (a request body or a command payload that does not parse): one text per problem,
 * naming the field, written `中文说明 (english detail)` as the API's other reasons are (the screens show the Chinese
 * part, chineseReason). Messages the schemas write themselves in Chinese are kept (the field put in front where they
 * do not name it); zod's own English ones (`Required`, `Expected object, received string`, `Invalid enum value…`) and
 * English ones a schema wrote are said in Chinese from the problem's code, the English kept in the brackets.
 *
 * The one place the API's command bodies (apps/api command-body.ts) and the engine's parseCommand word them.
 */
import type { z } from 'zod';
import { chineseReason } from './chinese-reason';

const CJK = /[\u4e00-\u9fff]/;

const TYPE_ZH: Record<string, string> = {
  string: '文本',
  number: '数字',
  integer: '整数',
  float: '小数',
  nan: 'NaN',
  boolean: '布尔值（true 或 false）',
  object: '对象',
  array: '数组',
  null: '空值 null',
  undefined: '空',
  date: '日期',
  bigint: '整数',
  map: '映射',
  set: '集合',
  function: '函数',
  symbol: '符号',
  unknown: '未知类型',
};
const typeZh = (t: string) => TYPE_ZH[t] ?? t;

const value = (v: unknown) => (typeof v === 'string' ? v : JSON.stringify(v));

/** `evidence.0.name`; the whole body or command when the path is empty. */
export function zodPath(path: (string | number)[], root = '请求内容'): string {
  return path.length ? path.join('.') : root;
}

/** What zod's own (English) problem says, in Chinese, the field named first. */
function zhOf(issue: z.ZodIssue, field: string): string {
  switch (issue.code) {
    case 'invalid_type':
      if (issue.received === 'undefined') return `缺少必填字段：${field}`;
      // an enum or literal union (z.enum given a number): its choices
      if (issue.expected.includes(' | ')) return `${field} 取值无效，可选：${issue.expected.split(' | ').map((o) => o.replace(/^'(.*)'$/, '$1')).join('、')}`;
      return `${field} 类型错误：应为${typeZh(issue.expected)}，实为${typeZh(issue.received)}`;
    case 'invalid_literal':
      return `${field} 取值无效，应为 ${value(issue.expected)}`;
    case 'unrecognized_keys':
      return `${field === '请求内容' || field === '指令' ? '' : `${field} 中`}不允许的字段：${issue.keys.join('、')}`;
    case 'invalid_union': {
      const expected = [...new Set(issue.unionErrors.flatMap((e) => e.issues).filter((i) => i.code === 'invalid_type' && i.path.join('.') === issue.path.join('.')).map((i) => typeZh((i as { expected: string }).expected)))];
      return expected.length ? `${field} 类型错误：应为${expected.join('或')}` : `${field} 取值无效`;
    }
    case 'invalid_union_discriminator':
      return `${field} 取值无效，可选：${issue.options.map(value).join('、')}`;
    case 'invalid_enum_value':
      return `${field} 取值无效，可选：${issue.options.map(value).join('、')}`;
    case 'invalid_date':
      return `${field} 不是有效的日期`;
    case 'invalid_string':
      if (issue.validation === 'email') return `${field} 须为有效的电子邮箱地址`;
      if (issue.validation === 'url') return `${field} 须为有效的网址`;
      if (issue.validation === 'datetime' || issue.validation === 'date') return `${field} 须为 ISO 8601 日期或时间`;
      return `${field} 格式不正确`;
    case 'too_small': {
      const n = Number(issue.minimum);
      if (issue.type === 'string') return n === 1 && issue.inclusive ? `${field} 不能为空` : issue.inclusive ? `${field} 至少 ${n} 个字符` : `${field} 须多于 ${n} 个字符`;
      if (issue.type === 'array' || issue.type === 'set') return issue.inclusive ? `${field} 至少须有 ${n} 项` : `${field} 须多于 ${n} 项`;
      return `${field} 不能小于${issue.inclusive ? '' : '或等于'} ${n}`;
    }
    case 'too_big': {
      const n = Number(issue.maximum);
      if (issue.type === 'string') return `${field} 最长 ${n} 个字符`;
      if (issue.type === 'array' || issue.type === 'set') return `${field} 最多 ${n} 项`;
      return `${field} 不能大于${issue.inclusive ? '' : '或等于'} ${n}`;
    }
    case 'not_multiple_of':
      return `${field} 须为 ${value(issue.multipleOf)} 的倍数`;
    case 'not_finite':
      return `${field} 须为有限的数`;
    default:
      return `${field} 取值无效`;
  }
}

/** One problem's reason: `中文 (english)`. */
export function zodIssueReason(issue: z.ZodIssue, root = '请求内容'): string {
  const field = zodPath(issue.path, root);
  // the schema's own words are Chinese; zod's are English, though they may quote a Chinese value ("received '约束性'")
  if (CJK.test(issue.message.replace(/'[^']*'/g, ''))) {
    // the schema's own words: kept; the field put in front when they do not name it
    const last = issue.path.length ? String(issue.path[issue.path.length - 1]) : null;
    return last === null || chineseReason(issue.message).includes(last) ? issue.message : `${field}：${issue.message}`;
  }
  const en = `${issue.path.length ? `${issue.path.join('.')}: ` : ''}${issue.message}`.replace(/[()（）]/g, '');
  return `${zhOf(issue, field)} (${en})`;
}

/** Every problem of a failed parse, one reason each (see zodIssueReason). */
export function zodReasons(error: z.ZodError, root = '请求内容'): string[] {
  return error.issues.map((i) => zodIssueReason(i, root));
}
