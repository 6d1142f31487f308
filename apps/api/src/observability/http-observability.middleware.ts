import { Injectable, NestMiddleware } from '@nestjs/common';
import type { NextFunction, Request, Response } from 'express';
import { acceptRequestId, httpRequestDuration, routeLabel, runWithRequestContext } from '@eco/observability';

/**
 * Per request: the request id (incoming X-Request-Id or a new UUID; echoed in the response header) in an async
 * context so code further down (Temporal client, audit writer) can carry it, and the duration histogram by route
 * pattern and status.
 */
@Injectable()
export class HttpObservabilityMiddleware implements NestMiddleware {
  use(req: Request, res: Response, next: NextFunction): void {
    const r = req as Request & { id?: string };
    r.id = r.id ?? acceptRequestId(req.headers['x-request-id']);
    if (!res.headersSent) res.setHeader('X-Request-Id', r.id);
    const started = process.hrtime.bigint();
    res.once('finish', () => {
      const seconds = Number(process.hrtime.bigint() - started) / 1e9;
      httpRequestDuration.observe({ method: req.method, route: routeLabel(req), status: String(res.statusCode) }, seconds);
    });
    runWithRequestContext({ requestId: r.id }, () => next());
  }
}
