import { applyDecorators, BadRequestException, CallHandler, createParamDecorator, ExecutionContext, Injectable, NestInterceptor, UseInterceptors } from '@nestjs/common';
import { ApiExtension, ApiHeader, ApiResponse, type OpenAPIObject } from '@nestjs/swagger';
import type { Request } from 'express';
import { ErrorDto } from './error.dto';

/**
 * OpenAPI documentation of the error answers, in one place: every status code an endpoint can really answer is
 * declared with the ErrorDto schema (HttpErrorFilter gives every error that shape), and nothing else.
 *  - 400 everywhere: input hygiene checks every path, query and body at the edge (NUL, unpaired surrogates, depth);
 *  - 401 on every route that needs a bearer token (class level);
 *  - 403 where @Roles or the access policy decide, 404 where the path names something, 409 on state conflicts and
 *    reused Idempotency-Keys, 413 where a body is read (BODY_LIMIT), 415 for file content, 429 where throttled;
 *  - 503 where a dependency being down answers it: PostgreSQL on every operation that reads or writes it (all but
 *    those marked @NoDatabase() — declared by declareDatabaseDown over the whole document), Temporal where the
 *    workflow is needed, the object store on file operations (their own ApiErrors); the descriptions are merged.
 */
export type ErrorStatus = 400 | 401 | 403 | 404 | 409 | 410 | 413 | 415 | 429 | 503;

const DEFAULTS: Record<ErrorStatus, string> = {
  400: '请求无效 — invalid path, query or body (every problem named)',
  401: '未登录或令牌无效 — missing, expired, revoked or invalid bearer token',
  403: '无权限 — your role or the access policy does not allow this',
  404: '不存在 — not found, or not visible to you',
  409: '状态冲突 — the current state does not allow this, or the Idempotency-Key is in use / was used for another request',
  413: '请求体过大 — the body is over the size limit (BODY_LIMIT)',
  410: '已不存在 — gone',
  415: '不支持的类型 — unsupported media type',
  429: '请求过多 — too many attempts; retry later',
  503: '依赖不可用 — a dependency is down',
};

/** Declares error answers with the ErrorDto schema: `ApiErrors(404, 409)` or `ApiErrors({ 409: 'why' })`. */
export function ApiErrors(...codes: (ErrorStatus | Partial<Record<ErrorStatus, string>>)[]): MethodDecorator & ClassDecorator {
  const entries: [ErrorStatus, string][] = [];
  for (const c of codes) {
    if (typeof c === 'number') entries.push([c, DEFAULTS[c]]);
    else for (const [k, v] of Object.entries(c)) entries.push([Number(k) as ErrorStatus, v as string]);
  }
  return applyDecorators(...entries.map(([status, description]) => ApiResponse({ status, type: ErrorDto, description })));
}

/** The one `Idempotency-Key` request header (read case-insensitively; declared once in the OpenAPI document). */
export const IDEMPOTENCY_HEADER = {
  name: 'Idempotency-Key',
  required: false,
  schema: { type: 'string', maxLength: 200 },
  description: 'a retry with the same key (and the same body) returns the first answer and changes nothing; at most 200 characters',
} as const;

export const IdempotencyKey = createParamDecorator((_: unknown, ctx: ExecutionContext): string | undefined => {
  const v = ctx.switchToHttp().getRequest<Request>().headers['idempotency-key'];
  return Array.isArray(v) ? v[0] : v;
});

/** An action that may be retried with an Idempotency-Key: the header, and 409 for a key in use or reused. */
export const Idempotent = (): MethodDecorator => applyDecorators(ApiHeader(IDEMPOTENCY_HEADER));

@Injectable()
class RequireJsonBodyInterceptor implements NestInterceptor {
  intercept(ctx: ExecutionContext, next: CallHandler) {
    const req = ctx.switchToHttp().getRequest<Request>();
    if (req.body === undefined || req.body === null || typeof req.body !== 'object' || Array.isArray(req.body)) {
      throw new BadRequestException({
        message: ['请求体必填：JSON 对象 (Content-Type: application/json)，可以是 {} (a JSON object body is required; {} is fine)'],
        error: 'Bad Request',
      });
    }
    return next.handle();
  }
}

/** The route's JSON body is required (an object, possibly `{}`): a request without one is a 400, not a default. */
export const RequireJsonBody = (): MethodDecorator => UseInterceptors(RequireJsonBodyInterceptor);

/** 503 where the request reads or writes the evidence file store (upload, download, dossier, audit verification). */
export const FILE_STORE_DOWN = { 503: '文件存储暂不可用 — the object store (S3) is down or unreachable; retry after the Retry-After seconds' } as const;

const NO_DATABASE = 'x-no-database';

/** The operation never reads or writes PostgreSQL, so it cannot answer 503 for the database being down. */
export const NoDatabase = (): MethodDecorator & ClassDecorator => ApiExtension(NO_DATABASE, true);

/** The 503 every operation that needs PostgreSQL can answer (HttpErrorFilter maps connection errors to it). */
export const DATABASE_DOWN_DESCRIPTION = '数据库暂时不可用 — PostgreSQL is down or unreachable; retry after the Retry-After seconds';

/**
 * Declares the database's 503 (ErrorDto, Retry-After) on every operation of the document except those marked
 * @NoDatabase() and the health checks (whose 503 is their own report); an operation that already declares a 503
 * (Temporal, the file store) gets both reasons in one description. Applied once to the generated document.
 */
export function declareDatabaseDown(doc: OpenAPIObject): OpenAPIObject {
  for (const [path, item] of Object.entries(doc.paths)) {
    for (const method of ['get', 'put', 'post', 'delete', 'patch'] as const) {
      const op = item[method] as (Record<string, unknown> & { responses: Record<string, any> }) | undefined;
      if (!op) continue;
      const none = op[NO_DATABASE] === true;
      delete op[NO_DATABASE];
      if (none || path.startsWith('/api/health')) continue;
      const existing = op.responses['503'];
      const retryAfter = { 'Retry-After': { description: 'seconds to wait before retrying', schema: { type: 'integer' } } };
      if (existing) {
        existing.description = `${DATABASE_DOWN_DESCRIPTION}; ${existing.description ?? ''}`;
        existing.headers = { ...(existing.headers ?? {}), ...retryAfter };
      } else {
        op.responses['503'] = { description: DATABASE_DOWN_DESCRIPTION, headers: retryAfter, content: { 'application/json': { schema: { $ref: '#/components/schemas/ErrorDto' } } } };
      }
    }
  }
  return doc;
}

/** The 415 of a body that is not JSON (json-bodies.middleware.ts). */
export const JSON_ONLY_DESCRIPTION = '请以 JSON 格式提交 — the body is not application/json';

/**
 * Declares the 415 of a non-JSON body (jsonBodiesOnly answers it before any route) on every operation that reads a
 * JSON body; one that declares a 415 already (a file's type) gets both reasons in one description.
 */
export function declareJsonOnly(doc: OpenAPIObject): OpenAPIObject {
  for (const item of Object.values(doc.paths)) {
    for (const method of ['get', 'put', 'post', 'delete', 'patch'] as const) {
      const op = item[method] as { requestBody?: { content?: Record<string, unknown> }; responses: Record<string, any> } | undefined;
      if (!op?.requestBody?.content?.['application/json']) continue;
      const existing = op.responses['415'];
      if (existing) existing.description = `${JSON_ONLY_DESCRIPTION}; ${existing.description ?? ''}`;
      else op.responses['415'] = { description: JSON_ONLY_DESCRIPTION, content: { 'application/json': { schema: { $ref: '#/components/schemas/ErrorDto' } } } };
    }
  }
  return doc;
}
