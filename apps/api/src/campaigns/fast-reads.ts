import { Inject, Injectable, Type, ValidationPipe } from '@nestjs/common';
import type { NextFunction, Request, RequestHandler, Response } from 'express';
import { APP_CONFIG, AppConfig } from '@eco/config';
import { acceptRequestId, httpRequestDuration, runWithRequestContext, scrubString, serviceLogger } from '@eco/observability';
import type { Actor } from '../auth/actor';
import { Authenticator } from '../auth/authenticator';
import { hygieneProblem } from '../common/input-hygiene.middleware';
import { sendCached } from '../common/read-snapshot-cache';
import { validationPipe } from '../common/validation';
import { AuditQueryDto, InboxQueryDto, TaskQueryDto } from './dto/task-action.dto';
import { CampaignAuditService } from './campaign-audit.service';
import { CampaignsService } from './campaigns.service';

/** The UTF-8 bytes of a cached answer, made once per answer object (kept as long as the answer is). */
const BYTES = new WeakMap<object, Buffer>();
function bytesOf(a: { json: string }): Buffer {
  let b = BYTES.get(a);
  if (!b) {
    b = Buffer.from(a.json, 'utf8');
    BYTES.set(a, b);
  }
  return b;
}

/**
 * The hot cached reads, answered before Nest's router, guards, pipes and the per-request middlewares (issue 15: a
 * cached campaign view spent most of its API CPU there — the express router walking every route, pino-http's child
 * loggers, the body parsers, the validation pipe — not in producing the answer):
 *   GET /api/campaigns/:id, /api/campaigns/:id/tasks, /api/campaigns/:id/gate, /api/campaigns/:id/audit,
 *   /api/campaigns and /api/me/inbox — the task list, the audit page and the inbox with their query too (the web
 *   app asks for its inbox page by limit and offset): the query checked by the same input hygiene and validated into
 *   the same DTO by the same ValidationPipe options as on the Nest path; anything either refuses falls through.
 * The same decisions as the Nest path, by the same code: the caller from Authenticator (the AuthGuard's own), the
 * answer and who may read it from CampaignsService (getCached, tasksCached, gateCached, CampaignAuditService.pageCached, listCached,
 * inboxCached: TenancyService decides on every request), sent with sendCached's headers as express sends them (ETag, 304 on If-None-Match, Cache-Control,
 * Content-Length; the bytes kept with the cached answer), with the request id, the request log line and the duration
 * metric the Nest path writes. Anything else — another method or path, a query on the view, gate or list, a query
 * the hygiene check or the DTO refuses (Nest then answers its 400),
 * an id outside [A-Za-z0-9_-], no or a refused token (401/503), a campaign not visible (404), records a unit may not
 * read (403), any error — falls
 * through to Nest untouched, which then answers as it always does.
 */
const ROUTE = /^\/api\/(?:campaigns(?:\/([A-Za-z0-9_-]{1,128})(?:\/(tasks|gate|audit))?)?|me\/(inbox))$/;

type Kind = 'view' | 'tasks' | 'gate' | 'audit' | 'list' | 'inbox';
/** The route pattern of each read, as the Nest path labels its request line and metric. */
const ROUTES: Record<Kind, string> = {
  view: '/api/campaigns/:id', tasks: '/api/campaigns/:id/tasks', gate: '/api/campaigns/:id/gate', audit: '/api/campaigns/:id/audit',
  list: '/api/campaigns', inbox: '/api/me/inbox',
};
/** The reads that take a query, and its DTO (the Nest route's @Query() type). */
const QUERIES: Partial<Record<Kind, Type<object>>> = { tasks: TaskQueryDto, audit: AuditQueryDto, inbox: InboxQueryDto };
/** A matched read: its kind, the campaign id, and the query text from its `?` ('' without one). */
type Matched = { kind: Kind; id?: string; search: string };

@Injectable()
export class FastReads {
  /** Answer early (on by default; tests turn it off to compare with the Nest path on the same process). */
  enabled = true;
  /** Requests answered here (tests: proof that the early path answered). */
  answered = 0;
  private readonly log: ReturnType<typeof serviceLogger>;
  private readonly pipe: ValidationPipe = validationPipe();
  /** Validated queries by route kind and query text (a screen asks the same few again and again; bounded). */
  private readonly queries = new Map<string, object>();

  constructor(
    private readonly auth: Authenticator,
    private readonly campaigns: CampaignsService,
    private readonly audit: CampaignAuditService,
    @Inject(APP_CONFIG) config: AppConfig,
  ) {
    // the logger pino-http writes the request lines with (observability.module.ts)
    this.log = serviceLogger('api', {}, config.LOG_LEVEL);
  }

  /** The express middleware, to be registered before every other (bootstrap.ts). */
  handler(): RequestHandler {
    return (req: Request, res: Response, next: NextFunction) => {
      if (!this.enabled || req.method !== 'GET') return next();
      const mark = req.url.indexOf('?');
      const m = ROUTE.exec(mark < 0 ? req.url : req.url.slice(0, mark));
      if (!m) return next();
      const kind: Kind = m[3] ? 'inbox' : m[1] ? ((m[2] as Kind | undefined) ?? 'view') : 'list';
      if (mark >= 0 && !QUERIES[kind]) return next();
      const route: Matched = { kind, id: m[1], search: mark < 0 ? '' : req.url.slice(mark) };
      const started = process.hrtime.bigint();
      const requestId = acceptRequestId(req.headers['x-request-id']);
      runWithRequestContext({ requestId }, () => this.answer(req, res, route, requestId, started)).then(
        (done) => {
          if (!done) next();
        },
        // nothing sent yet: Nest answers; after the answer (the log line failed): nothing more to send
        () => {
          if (!res.headersSent) next();
        },
      );
    };
  }

  private async answer(req: Request, res: Response, route: Matched, requestId: string, started: bigint): Promise<boolean> {
    let actor: Actor;
    let a: Awaited<ReturnType<FastReads['read']>>;
    try {
      actor = await this.auth.authenticate(req.headers.authorization);
      a = await this.read(actor, route, await this.query(req, route));
    } catch {
      return false; // 401, 404, 503 …: Nest answers (the same checks, its error bodies and headers)
    }
    if (res.headersSent) return true;
    this.answered++;
    // as the Nest path: the request id (pino-http, HttpObservabilityMiddleware) and what its handlers set for the routes
    (req as Request & { id?: string }).id = requestId;
    res.setHeader('X-Request-Id', requestId);
    const path = ROUTES[route.kind];
    sendCached(res, a);
    // express's res.send for a JSON text with its ETag set, without re-encoding the text per request: the answer's
    // UTF-8 bytes are kept with it (Content-Length from them); 304 without a body when If-None-Match names it
    if (req.fresh) {
      res.statusCode = 304;
      res.removeHeader('Content-Type');
      res.end();
    } else {
      const bytes = bytesOf(a);
      res.setHeader('Content-Length', String(bytes.length));
      res.end(bytes);
    }
    const status = res.statusCode;
    httpRequestDuration.observe({ method: 'GET', route: path, status: String(status) }, Number(process.hrtime.bigint() - started) / 1e9);
    // the request line pino-http writes (observability.module.ts: requestId, req, userId, campaignId, route, status, durationMs)
    this.log.info(
      { requestId, req: { method: 'GET', url: scrubString(req.url) }, userId: actor.id, campaignId: route.id, route: path, status, durationMs: Math.round(Number(process.hrtime.bigint() - started) / 1e6) },
      `GET ${path} ${status}`,
    );
    return true;
  }

  /**
   * The query's DTO as the Nest route's handler gets it: input hygiene (inputHygiene's check of the query), then the
   * global ValidationPipe's transform with the same options — either refusing throws, and Nest answers the 400.
   * A query-less request's DTO is empty, as on the Nest path.
   */
  private async query(req: Request, r: Matched): Promise<object> {
    const metatype = QUERIES[r.kind];
    if (!r.search || !metatype) return {};
    // the pipe's class-transformer and class-validator work cost ~0.3 ms per request: a query text validated once is
    // remembered (only accepted ones; each request gets its own copy of the DTO)
    const key = `${r.kind}${r.search}`;
    let dto = this.queries.get(key);
    if (!dto) {
      if (hygieneProblem(req)) throw new Error('query refused by input hygiene');
      dto = (await this.pipe.transform(req.query, { type: 'query', metatype })) as object;
      if (this.queries.size >= 1000) this.queries.delete(this.queries.keys().next().value as string);
      this.queries.set(key, dto);
    }
    return Object.assign(Object.create(Object.getPrototypeOf(dto) as object) as object, dto);
  }

  /** The answer as the Nest route's handler gets it (the same service call). */
  private read(actor: Actor, r: Matched, q: object): Promise<{ json: string; etag: string; headers?: Record<string, string> }> {
    const id = r.id ?? '';
    switch (r.kind) {
      case 'view':
        return this.campaigns.getCached(actor, id);
      case 'tasks':
        return this.campaigns.tasksCached(actor, id, q as TaskQueryDto);
      case 'gate':
        return this.campaigns.gateCached(actor, id);
      case 'audit':
        return this.audit.pageCached(actor, id, q as AuditQueryDto);
      case 'list':
        return this.campaigns.listCached(actor);
      case 'inbox':
        return this.campaigns.inboxCached(actor, q as InboxQueryDto);
    }
  }
}
