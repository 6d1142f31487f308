import { Inject, Injectable } from '@nestjs/common';
import type { NextFunction, Request, RequestHandler, Response } from 'express';
import { APP_CONFIG, AppConfig } from '@eco/config';
import { acceptRequestId, httpRequestDuration, runWithRequestContext, scrubString, serviceLogger } from '@eco/observability';
import type { Actor } from '../auth/actor';
import { Authenticator } from '../auth/authenticator';
import { sendCached } from '../common/read-snapshot-cache';
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
 *   /api/campaigns and /api/me/inbox — without a query string.
 * The same decisions as the Nest path, by the same code: the caller from Authenticator (the AuthGuard's own), the
 * answer and who may read it from CampaignsService (getCached, tasksCached, gateCached, auditPageCached, listCached,
 * inboxCached: TenancyService decides on every request), sent with sendCached's headers as express sends them (ETag, 304 on If-None-Match, Cache-Control,
 * Content-Length; the bytes kept with the cached answer), with the request id, the request log line and the duration
 * metric the Nest path writes. Anything else — another method or path, a query,
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
type Matched = { kind: Kind; id?: string };

@Injectable()
export class FastReads {
  /** Answer early (on by default; tests turn it off to compare with the Nest path on the same process). */
  enabled = true;
  /** Requests answered here (tests: proof that the early path answered). */
  answered = 0;
  private readonly log: ReturnType<typeof serviceLogger>;

  constructor(
    private readonly auth: Authenticator,
    private readonly campaigns: CampaignsService,
    @Inject(APP_CONFIG) config: AppConfig,
  ) {
    // the logger pino-http writes the request lines with (observability.module.ts)
    this.log = serviceLogger('api', {}, config.LOG_LEVEL);
  }

  /** The express middleware, to be registered before every other (bootstrap.ts). */
  handler(): RequestHandler {
    return (req: Request, res: Response, next: NextFunction) => {
      if (!this.enabled || req.method !== 'GET') return next();
      const m = ROUTE.exec(req.url);
      if (!m) return next();
      const route: Matched = m[3] ? { kind: 'inbox' } : m[1] ? { kind: (m[2] as Kind | undefined) ?? 'view', id: m[1] } : { kind: 'list' };
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
      a = await this.read(actor, route);
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

  /** The answer as the Nest route's handler gets it (the same service call; a query-less request's DTO is empty). */
  private read(actor: Actor, r: Matched): Promise<{ json: string; etag: string; headers?: Record<string, string> }> {
    const id = r.id ?? '';
    switch (r.kind) {
      case 'view':
        return this.campaigns.getCached(actor, id);
      case 'tasks':
        return this.campaigns.tasksCached(actor, id, {});
      case 'gate':
        return this.campaigns.gateCached(actor, id);
      case 'audit':
        return this.campaigns.auditPageCached(actor, id, {});
      case 'list':
        return this.campaigns.listCached(actor);
      case 'inbox':
        return this.campaigns.inboxCached(actor, {});
    }
  }
}
