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
import { choicesText, fieldName } from './field-names';

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

/** `evidence.0.name` (the API's path, for the English part); the whole body or command when the path is empty. */
export function zodPath(path: (string | number)[], root = '请求内容'): string {
  return path.length ? path.join('.') : root;
}

const strip = (o: unknown) => (typeof o === 'string' ? o.replace(/^'(.*)'$/, '$1') : o);

/** A field followed by Chinese words: a space after a name left in Latin letters (`goal 不能为空`), none after Chinese. */
export function spaced(field: string): string {
  return /[A-Za-z0-9\])]$/.test(field) ? `${field} ` : field;
}

/** What zod's own (English) problem says, in Chinese, the field named first by its Chinese name (field-names.ts). */
function zhOf(issue: z.ZodIssue, field: string): string {
  const path = issue.path;
  const f = spaced(field);
  switch (issue.code) {
    case 'invalid_type':
      if (issue.received === 'undefined') return `缺少必填项：${field}`;
      // an enum or literal union (z.enum given a number): its choices
      if (issue.expected.includes(' | ')) return `${f}取值无效，可选：${choicesText(path, issue.expected.split(' | ').map(strip))}`;
      return `${f}类型错误：应为${typeZh(issue.expected)}，实为${typeZh(issue.received)}`;
    case 'invalid_literal':
      return `${f}取值无效，应为${choicesText(path, [issue.expected])}`;
    case 'unrecognized_keys':
      return `${path.length ? `${f}中` : ''}不允许的字段：${issue.keys.join('、')}`;
    case 'invalid_union': {
      const expected = [...new Set(issue.unionErrors.flatMap((e) => e.issues).filter((i) => i.code === 'invalid_type' && i.path.join('.') === issue.path.join('.')).map((i) => typeZh((i as { expected: string }).expected)))];
      return expected.length ? `${f}类型错误：应为${expected.join('或')}` : `${f}取值无效`;
    }
    case 'invalid_union_discriminator':
      return `${f}取值无效，可选：${choicesText(path, issue.options)}`;
    case 'invalid_enum_value':
      return `${f}取值无效，可选：${choicesText(path, issue.options)}`;
    case 'invalid_date':
      return `${f}不是有效的日期`;
    case 'invalid_string':
      if (issue.validation === 'email') return `${f}须为有效的电子邮箱地址`;
      if (issue.validation === 'url') return `${f}须为有效的网址`;
      if (issue.validation === 'datetime' || issue.validation === 'date') return `${f}须为日期或时间，如 2027-03-05`;
      return `${f}格式不正确`;
    case 'too_small': {
      const n = Number(issue.minimum);
      if (issue.type === 'string') return n === 1 && issue.inclusive ? `${f}不能为空` : issue.inclusive ? `${f}至少${n}个字符` : `${f}须多于${n}个字符`;
      if (issue.type === 'array' || issue.type === 'set') return issue.inclusive ? `须至少选择${n}项${field}` : `${f}须多于${n}项`;
      return `${f}不能小于${issue.inclusive ? '' : '或等于'}${n}`;
    }
    case 'too_big': {
      const n = Number(issue.maximum);
      if (issue.type === 'string') return `${f}最长${n}个字符`;
      if (issue.type === 'array' || issue.type === 'set') return `${f}最多${n}项`;
      return `${f}不能大于${issue.inclusive ? '' : '或等于'}${n}`;
    }
    case 'not_multiple_of':
      return `${f}须为${value(issue.multipleOf)}的倍数`;
    case 'not_finite':
      return `${f}须为有限的数`;
    default:
      return `${f}取值无效`;
  }
}

/** One problem's reason: `中文 (english)`; `scope`: the command type (a key's meaning there, field-names.ts). */
export function zodIssueReason(issue: z.ZodIssue, root = '请求内容', scope?: string): string {
  const field = fieldName(issue.path, root, scope);
  // the schema's own words are Chinese; zod's are English, though they may quote a Chinese value ("received '约束性'")
  if (CJK.test(issue.message.replace(/'[^']*'/g, ''))) {
    // the schema's own words: kept; the field put in front when they do not name it
    return !issue.path.length || chineseReason(issue.message).includes(field) ? issue.message : `${field}：${issue.message}`;
  }
  const en = `${issue.path.length ? `${issue.path.join('.')}: ` : ''}${issue.message}`.replace(/[()（）]/g, '');
  return `${zhOf(issue, field)} (${en})`;
}

/**
 * Every problem of a failed parse, one reason per field (see zodIssueReason): the first problem zod finds for a
 * field, not each rule it breaks (a blank text is not also 「不能为空」 and 「不能为空白」).
 */
export function zodReasons(error: z.ZodError, root = '请求内容', scope?: string): string[] {
  const seen = new Set<string>();
  const out: string[] = [];
  for (const issue of error.issues) {
    const key = issue.code === 'unrecognized_keys' ? `${issue.path.join('.')}\u0000${issue.keys.join(',')}` : issue.path.join('.');
    if (seen.has(key)) continue;
    seen.add(key);
    out.push(zodIssueReason(issue, root, scope));
  }
  return out;
}
