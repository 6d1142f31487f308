import { DynamicModule, MiddlewareConsumer, Module, NestModule } from '@nestjs/common';
import type { IncomingMessage, ServerResponse } from 'http';
import { LoggerModule } from 'nestjs-pino';
import { AppConfig } from '@eco/config';
import { acceptRequestId, enableProcessMetrics, routeLabel, scrubString, serviceLogger } from '@eco/observability';
import { HttpObservabilityMiddleware } from './http-observability.middleware';
import { MetricsController } from './metrics.controller';
import { MetricsService } from './metrics.service';

type Req = IncomingMessage & { id?: string; user?: { id?: string }; params?: Record<string, string>; route?: { path?: string }; baseUrl?: string; originalUrl?: string };

/**
 * Structured request logs (nestjs-pino): one JSON line per request with requestId, userId, campaignId, route,
 * status and duration; every application log line inside a request carries the same requestId.
 */
@Module({})
export class ObservabilityModule implements NestModule {
  static forRoot(config: AppConfig): DynamicModule {
    enableProcessMetrics();
    return {
      module: ObservabilityModule,
      imports: [
        LoggerModule.forRoot({
          pinoHttp: {
            logger: serviceLogger('api', {}, config.LOG_LEVEL),
            genReqId: (req: Req, res: ServerResponse) => {
              const id = req.id ?? acceptRequestId(req.headers['x-request-id']);
              if (!res.headersSent) res.setHeader('X-Request-Id', id);
              return id;
            },
            customAttributeKeys: { reqId: 'requestId', responseTime: 'durationMs' },
            // Called when the request starts (nothing known yet) and when it ends: only the end carries these.
            customProps: (req: Req, res: ServerResponse) =>
              res.headersSent ? { userId: req.user?.id, campaignId: req.params?.id, route: routeLabel(req), status: res.statusCode } : {},
            // Client errors (4xx) are answers, not faults: info; server errors: error.
            customLogLevel: (_req: Req, res: ServerResponse, err?: Error) => (err || res.statusCode >= 500 ? 'error' : 'info'),
            customSuccessMessage: (req: Req, res: ServerResponse) => `${req.method} ${routeLabel(req)} ${res.statusCode}`,
            customErrorMessage: (req: Req, res: ServerResponse) => `${req.method} ${routeLabel(req)} ${res.statusCode}`,
            serializers: {
              // the logger's scrub leaves requests to this serializer: the URL is scrubbed here
              req: (r: { method?: string; url?: string }) => ({ method: r.method, url: r.url === undefined ? undefined : scrubString(r.url) }),
              res: () => undefined,
            },
            autoLogging: { ignore: (req: Req) => /^\/api\/(metrics|health\/live)\b/.test(req.url ?? '') },
            quietReqLogger: true,
          },
        }),
      ],
      controllers: [MetricsController],
      providers: [MetricsService],
      exports: [MetricsService],
    };
  }

  configure(consumer: MiddlewareConsumer): void {
    consumer.apply(HttpObservabilityMiddleware).forRoutes('*');
  }
}
