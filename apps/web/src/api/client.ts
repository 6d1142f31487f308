/**
 * The one way the screens talk to the API: bearer token, Idempotency-Key per click on every POST, errors turned
 * into Chinese messages (the API's own reason kept), 401 → back to 登录 and then to where the user was.
 */
import { ENDPOINTS, EndpointName, pathOf } from './endpoints';
import { chineseReason } from '@eco/domain';

const TOKEN_KEY = 'eco.token';

export class ApiError extends Error {
  constructor(
    readonly status: number,
    message: string,
    readonly reasons: string[] = [],
    /** The API's refusal code where it sends one (a sign-in's LoginRefusal): what screens switch on, never the words. */
    readonly code?: string,
  ) {
    super(message);
    this.name = 'ApiError';
  }
}

const STATUS_TEXT: Record<number, string> = {
  0: '无法连接服务器，请检查网络后重试',
  400: '提交的内容有误',
  401: '登录已过期，请重新登录',
  403: '没有权限执行此操作',
  404: '未找到相应内容',
  409: '当前状态下不能执行此操作',
  413: '文件或内容过大',
  415: '不支持的文件类型',
  429: '操作过于频繁，请稍后再试',
  500: '服务器内部错误，请稍后再试',
  502: '服务暂不可用，请稍后再试',
  503: '服务暂不可用，请稍后再试',
};

/** The API writes reasons as `中文说明 (english detail)`; people read the Chinese part. */
export { chineseReason };

export function errorText(e: unknown): string {
  if (e instanceof ApiError) return e.message;
  if (e instanceof Error) return e.message;
  return String(e);
}

async function toApiError(res: Response): Promise<ApiError> {
  let body: any = null;
  try {
    body = await res.json();
  } catch {
    /* not JSON */
  }
  const raw: string[] = body ? (Array.isArray(body.message) ? body.message : body.message ? [String(body.message)] : []) : [];
  // `reasons` may be structured (an import's row and column): its words are already in `message`; text ones are added.
  const extra: string[] = Array.isArray(body?.reasons) ? body.reasons.filter((r: unknown): r is string => typeof r === 'string') : [];
  const reasons = [...raw, ...extra].map(chineseReason);
  const base = STATUS_TEXT[res.status] ?? `请求失败（${res.status}）`;
  const hasChinese = reasons.some((r) => /[\u4e00-\u9fff]/.test(r));
  const message = reasons.length ? (hasChinese ? reasons.join('；') : `${base}：${reasons.join('；')}`) : base;
  return new ApiError(res.status, message, reasons, typeof body?.code === 'string' ? body.code : undefined);
}

export const auth = {
  get token(): string | null {
    return localStorage.getItem(TOKEN_KEY);
  },
  set(token: string) {
    localStorage.setItem(TOKEN_KEY, token);
  },
  clear() {
    localStorage.removeItem(TOKEN_KEY);
  },
};

/** Called when the API answers 401 to a signed-in request (expired or revoked token). */
let onUnauthorized: () => void = () => undefined;
export function setUnauthorizedHandler(fn: () => void) {
  onUnauthorized = fn;
}

export function newIdempotencyKey(): string {
  return crypto.randomUUID ? crypto.randomUUID() : `${Date.now().toString(36)}-${Math.random().toString(36).slice(2)}`;
}

export interface RequestOptions {
  params?: Record<string, string>;
  query?: Record<string, string | number | undefined | null>;
  body?: unknown;
  /** One key per user click: a retry of the same click cannot act twice. */
  idempotencyKey?: string;
  signal?: AbortSignal;
}

export function urlOf(name: EndpointName, opts: Pick<RequestOptions, 'params' | 'query'> = {}): string {
  const q = Object.entries(opts.query ?? {}).filter(([, v]) => v !== undefined && v !== null && v !== '');
  const qs = q.length ? `?${new URLSearchParams(q.map(([k, v]) => [k, String(v)])).toString()}` : '';
  return pathOf(name, opts.params) + qs;
}

const writeListeners = new Set<() => void>();

/**
 * Calls `fn` after every change the API accepted (a non-GET answered 2xx, but those marked `reads`: a plan preview): what the page shows elsewhere may have moved
 * with it (the menu's 提醒 count: a 退回 notice is 已处理 once the task is submitted again). Returns the unsubscribe.
 */
export function onWrite(fn: () => void): () => void {
  writeListeners.add(fn);
  return () => {
    writeListeners.delete(fn);
  };
}

export async function request<T>(name: EndpointName, opts: RequestOptions = {}): Promise<T> {
  return (await requestWithHeaders<T>(name, opts)).data;
}

/** As `request`, with the response headers (X-Total-Count, X-Next-After-Seq of cursor-paginated lists). */
export async function requestWithHeaders<T>(name: EndpointName, opts: RequestOptions = {}): Promise<{ data: T; headers: Headers }> {
  const ep = ENDPOINTS[name];
  const headers: Record<string, string> = { Accept: 'application/json' };
  const token = auth.token;
  if (token) headers.Authorization = `Bearer ${token}`;
  let body: BodyInit | undefined;
  if (opts.body instanceof FormData) body = opts.body;
  else if (opts.body !== undefined) {
    headers['Content-Type'] = 'application/json';
    body = JSON.stringify(opts.body);
  }
  if (ep.method !== 'GET') headers['Idempotency-Key'] = opts.idempotencyKey ?? newIdempotencyKey();
  let res: Response;
  try {
    res = await fetch(urlOf(name, opts), { method: ep.method, headers, body, signal: opts.signal });
  } catch (e) {
    if ((e as Error).name === 'AbortError') throw e;
    throw new ApiError(0, STATUS_TEXT[0]);
  }
  if (res.status === 401 && token && name !== 'login') {
    auth.clear();
    onUnauthorized();
    throw new ApiError(401, STATUS_TEXT[401]);
  }
  if (!res.ok) throw await toApiError(res);
  if (ep.method !== 'GET' && !('reads' in ep && ep.reads)) for (const fn of writeListeners) fn();
  if (res.status === 204) return { data: undefined as T, headers: res.headers };
  const type = res.headers.get('content-type') ?? '';
  return { data: (type.includes('json') ? await res.json() : await res.text()) as T, headers: res.headers };
}

/**
 * Downloads a file the API streams (CSV, Excel, dossier) with the bearer token; reports progress. A POST endpoint
 * (工作计划表: the preview's request as its body) sends `body` as JSON.
 */
export async function download(name: EndpointName, opts: Pick<RequestOptions, 'params' | 'query' | 'body'>, fallbackName: string, onProgress?: (pct: number | null) => void): Promise<void> {
  const ep = ENDPOINTS[name];
  const headers: Record<string, string> = {};
  if (auth.token) headers.Authorization = `Bearer ${auth.token}`;
  const body = opts.body !== undefined ? JSON.stringify(opts.body) : undefined;
  if (body !== undefined) headers['Content-Type'] = 'application/json';
  let res: Response;
  try {
    res = await fetch(urlOf(name, opts), { method: ep.method, headers, body });
  } catch {
    throw new ApiError(0, STATUS_TEXT[0]);
  }
  if (res.status === 401) {
    auth.clear();
    onUnauthorized();
    throw new ApiError(401, STATUS_TEXT[401]);
  }
  if (!res.ok) throw await toApiError(res);
  const total = Number(res.headers.get('content-length') ?? 0);
  const chunks: Uint8Array[] = [];
  let got = 0;
  const reader = res.body?.getReader();
  if (reader) {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      chunks.push(value);
      got += value.length;
      onProgress?.(total ? Math.round((got / total) * 100) : null);
    }
  }
  const blob = new Blob(chunks as BlobPart[], { type: res.headers.get('content-type') ?? 'application/octet-stream' });
  const cd = res.headers.get('content-disposition') ?? '';
  const star = /filename\*=UTF-8''([^;]+)/i.exec(cd);
  const plain = /filename="([^"]+)"/i.exec(cd);
  const fileName = star ? decodeURIComponent(star[1]) : plain ? plain[1] : fallbackName;
  const a = document.createElement('a');
  a.href = URL.createObjectURL(blob);
  a.download = fileName;
  document.body.appendChild(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(a.href), 10000);
}

/** Multipart upload with progress (XMLHttpRequest: fetch has no upload progress). */
export function upload<T>(name: EndpointName, params: Record<string, string>, form: FormData, onProgress: (pct: number) => void, idempotencyKey = newIdempotencyKey()): Promise<T> {
  return new Promise((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open(ENDPOINTS[name].method, pathOf(name, params));
    if (auth.token) xhr.setRequestHeader('Authorization', `Bearer ${auth.token}`);
    xhr.setRequestHeader('Idempotency-Key', idempotencyKey);
    xhr.upload.onprogress = (e) => e.lengthComputable && onProgress(Math.round((e.loaded / e.total) * 100));
    xhr.onerror = () => reject(new ApiError(0, STATUS_TEXT[0]));
    xhr.onload = async () => {
      const res = new Response(xhr.responseText, { status: xhr.status, headers: { 'content-type': xhr.getResponseHeader('content-type') ?? 'application/json' } });
      if (xhr.status === 401) {
        auth.clear();
        onUnauthorized();
        return reject(new ApiError(401, STATUS_TEXT[401]));
      }
      if (xhr.status < 200 || xhr.status >= 300) return reject(await toApiError(res));
      try {
        resolve(JSON.parse(xhr.responseText) as T);
      } catch {
        resolve(undefined as T);
      }
    };
    xhr.send(form);
  });
}

let openapi: Promise<Set<string>> | null = null;

/** Which endpoints this server offers, read once from its OpenAPI document. */
export function availableEndpoints(): Promise<Set<string>> {
  openapi ??= fetch('/api/openapi.json')
    .then((r) => {
      if (!r.ok) throw new Error(`openapi ${r.status}`); // not remembered: asked again next time
      return r.json();
    })
    .then((doc: { paths?: Record<string, Record<string, unknown>> }) => {
      const set = new Set<string>();
      for (const [p, ops] of Object.entries(doc.paths ?? {})) for (const m of Object.keys(ops)) set.add(`${m.toUpperCase()} ${p}`);
      return set;
    })
    .catch(() => {
      openapi = null;
      return new Set<string>();
    });
  return openapi;
}

export async function hasEndpoint(name: EndpointName): Promise<boolean> {
  const ep = ENDPOINTS[name];
  if (ep.required) return true; // checked against the document by test/e2e/web.e2e.ts: never 「暂未开通」 by a failed read
  return (await availableEndpoints()).has(`${ep.method} ${ep.path}`);
}
