/**
 * Text hygiene, one rule for the API edge, the engine's command schemas and the activities: text stored or shown
 * must be valid Unicode without NUL. PostgreSQL refuses NUL in text/jsonb ("invalid byte sequence … 0x00") and
 * an unpaired UTF-16 surrogate cannot be encoded as UTF-8, so either would fail every write that carries it.
 */

const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;
const LONE_SURROGATE_G = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

/** Why a string cannot be stored, or null when it is fine. */
export function textProblem(s: string): string | null {
  if (s.includes('\u0000')) return '含有空字符 NUL (contains a NUL character)';
  if (LONE_SURROGATE.test(s)) return '含有无效的 Unicode 代理字符 (contains an unpaired UTF-16 surrogate)';
  return null;
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

/**
 * First problem of a parsed JSON value (path + reason), or null. Iterative, so a deeply nested value cannot
 * overflow the stack; stops at the first problem.
 */
export function jsonProblem(value: unknown, limits: JsonLimits = DEFAULT_JSON_LIMITS, root = 'body'): string | null {
  const stack: { v: unknown; path: string; depth: number }[] = [{ v: value, path: root, depth: 1 }];
  while (stack.length) {
    const { v, path, depth } = stack.pop()!;
    if (typeof v === 'string') {
      if (v.length > limits.maxStringLength) return `${path}: 文本过长，最多 ${limits.maxStringLength} 个字符 (string longer than ${limits.maxStringLength} characters)`;
      const p = textProblem(v);
      if (p) return `${path}: ${p}`;
      continue;
    }
    if (v === null || typeof v !== 'object') continue;
    if (depth > limits.maxDepth) return `${path}: 嵌套过深，最多 ${limits.maxDepth} 层 (nested deeper than ${limits.maxDepth} levels)`;
    if (Array.isArray(v)) {
      for (let i = v.length - 1; i >= 0; i--) stack.push({ v: v[i], path: `${path}[${i}]`, depth: depth + 1 });
    } else {
      for (const [k, child] of Object.entries(v as Record<string, unknown>)) {
        const kp = textProblem(k);
        if (kp || k.length > 200) return `${path}: 字段名无效 (invalid key${kp ? `: ${kp}` : ': longer than 200 characters'})`;
        stack.push({ v: child, path: `${path}.${k}`, depth: depth + 1 });
      }
    }
  }
  return null;
}

/** Whole-string pattern of safe text (no NUL, surrogates only in pairs), for schema validators (zod `.regex`). */
export const SAFE_TEXT_RE = /^(?:[^\u0000\uD800-\uDFFF]|[\uD800-\uDBFF][\uDC00-\uDFFF])*$/;
export const SAFE_TEXT_MESSAGE = '文本含有空字符或无效的 Unicode 字符 (text contains NUL or an unpaired surrogate)';
