/**
 * Text hygiene, one rule for the API edge, the engine's command schemas and the activities: text stored or shown
 * must be valid Unicode without NUL. PostgreSQL refuses NUL in text/jsonb ("invalid byte sequence … 0x00") and
 * an unpaired UTF-16 surrogate cannot be encoded as UTF-8, so either would fail every write that carries it.
 */

import { fieldName } from './field-names';

const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;
const LONE_SURROGATE_G = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

/** Why a string cannot be stored, in two parts: the Chinese people read (after the field's name) and the English for developers. */
export function textFault(s: string): { zh: string; en: string } | null {
  if (s.includes('\u0000')) return { zh: '含有无法识别的空字符（NUL），请删除后重试', en: 'contains a NUL character' };
  if (LONE_SURROGATE.test(s)) return { zh: '含有无法识别的字符（不成对的 Unicode 代理字符），请删除后重试', en: 'contains an unpaired UTF-16 surrogate' };
  return null;
}

/** Why a string cannot be stored, or null when it is fine: `中文 (english)`, to follow a name (「文件名无效「…」：」). */
export function textProblem(s: string): string | null {
  const f = textFault(s);
  return f ? `${f.zh} (${f.en})` : null;
}

export function isSafeText(s: string): boolean {
  return textProblem(s) === null;
}

/** Replaces NUL and unpaired surrogates with U+FFFD (the replacement character), so the text can be stored. */
export function sanitizeText(s: string): string {
  if (isSafeText(s)) return s;
  return s.replace(/\u0000/g, '\uFFFD').replace(LONE_SURROGATE_G, '\uFFFD');
}

/** Deep copy of a JSON-like value with every string (keys included) sanitised. */
export function sanitizeDeep<T>(value: T): T {
  if (typeof value === 'string') return sanitizeText(value) as unknown as T;
  if (Array.isArray(value)) return value.map((v) => sanitizeDeep(v)) as unknown as T;
  if (value && typeof value === 'object' && !(value instanceof Date)) {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value as Record<string, unknown>)) out[sanitizeText(k)] = sanitizeDeep(v);
    return out as T;
  }
  return value;
}

export interface JsonLimits {
  /** Deepest nesting of arrays/objects (the top-level value is depth 1). */
  maxDepth: number;
  /** Longest string (in UTF-16 code units), keys included. */
  maxStringLength: number;
}

export const DEFAULT_JSON_LIMITS: JsonLimits = { maxDepth: 32, maxStringLength: 100_000 };

/** What a root of jsonProblem is called where its whole value is at fault (a field of it is named by field-names.ts). */
const ROOT_LABEL: Readonly<Record<string, string>> = { body: '请求内容', query: '查询条件', path: '网址路径', template: '模板', form: '表单' };

/** A problem as the API's other reasons read: `<field>…中文 (<path>: english)` — the field by its Chinese name first, the path for developers. */
const say = (field: string, zh: string, path: string, en: string): string => `${field}${zh} (${`${path}: ${en}`.replace(/[()（）]/g, '')})`;

/** A value visited by jsonProblem: its path for developers, and its key under its parent (the keys named only on a problem). */
interface JsonNode {
  v: unknown;
  path: string;
  depth: number;
  key?: string | number;
  up?: JsonNode;
}

/** The keys from the root down to `n` (fieldName's path), read back along the parents. */
function keysOf(n: JsonNode): (string | number)[] {
  const keys: (string | number)[] = [];
  for (let x: JsonNode | undefined = n; x?.key !== undefined; x = x.up) keys.unshift(x.key);
  return keys;
}

/**
 * First problem of a parsed JSON value, or null: `中文 (path: english)` — the field named in Chinese (field-names.ts;
 * `scope`, the command type the body is of, picks a key's meaning there, e.g. submit's comment 报送说明 — a function is
 * asked only when there is a problem to name), its JSON path in the brackets (walkthrough: 「操作未成功 body.comment:
 * 含有空字符 NUL」 on a phone). Iterative, so a deeply nested value cannot overflow the stack; stops at the first
 * problem. Every request's body goes through here: a node keeps its key and parent, the field's name is built only for
 * the problem found.
 */
export function jsonProblem(value: unknown, limits: JsonLimits = DEFAULT_JSON_LIMITS, root = 'body', scope?: string | (() => string | undefined)): string | null {
  const field = (n: JsonNode) => fieldName(keysOf(n), ROOT_LABEL[root] ?? root, typeof scope === 'function' ? scope() : scope);
  const stack: JsonNode[] = [{ v: value, path: root, depth: 1 }];
  while (stack.length) {
    const n = stack.pop()!;
    const { v, path, depth } = n;
    if (typeof v === 'string') {
      if (v.length > limits.maxStringLength) {
        return say(field(n), `过长，最多${limits.maxStringLength}个字符，当前${v.length}个`, path, `string longer than ${limits.maxStringLength} characters`);
      }
      const f = textFault(v);
      if (f) return say(field(n), f.zh, path, f.en);
      continue;
    }
    if (v === null || typeof v !== 'object') continue;
    if (depth > limits.maxDepth) return say(field(n), `嵌套过深，最多${limits.maxDepth}层`, path, `nested deeper than ${limits.maxDepth} levels`);
    if (Array.isArray(v)) {
      for (let i = v.length - 1; i >= 0; i--) stack.push({ v: v[i], path: `${path}[${i}]`, key: i, up: n, depth: depth + 1 });
    } else {
      for (const [k, child] of Object.entries(v as Record<string, unknown>)) {
        const kf = textFault(k);
        if (kf) return say(field(n), `中有无效的字段名：字段名${kf.zh}`, path, `invalid key: ${kf.en}`);
        if (k.length > 200) return say(field(n), '中有无效的字段名：字段名过长，最多200个字符', path, 'invalid key: longer than 200 characters');
        stack.push({ v: child, path: `${path}.${k}`, key: k, up: n, depth: depth + 1 });
      }
    }
  }
  return null;
}

/** Whole-string pattern of safe text (no NUL, surrogates only in pairs), for schema validators (zod `.regex`). */
export const SAFE_TEXT_RE = /^(?:[^\u0000\uD800-\uDFFF]|[\uD800-\uDBFF][\uDC00-\uDFFF])*$/;
export const SAFE_TEXT_MESSAGE = '文本含有空字符或无效的 Unicode 字符 (text contains NUL or an unpaired surrogate)';
