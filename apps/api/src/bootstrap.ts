import { INestApplication } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { NestExpressApplication } from '@nestjs/platform-express';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import { Logger as PinoLogger } from 'nestjs-pino';
import { AppConfig } from '@eco/config';
import { AppModule } from './app.module';
import { declareDatabaseDown, declareJsonOnly } from './common/api-docs';
import { answerClientErrors } from './common/client-error';
import { HttpErrorFilter } from './common/http-error.filter';
import { inputHygiene } from './common/input-hygiene.middleware';
import { jsonBodiesOnly } from './common/json-bodies.middleware';
import { validationPipe } from './common/validation';
import { applyValidationConstraints } from './common/openapi-constraints';
import { declareCommandBodies } from './campaigns/command-body';
import { FastReads } from './campaigns/fast-reads';
import { serveWebApp } from './web/serve-web';

/** Build the API application (used by main.ts and by the e2e tests, so both run the same wiring). */
export async function createApiApp(config: AppConfig, opts: { logger?: false | ('log' | 'warn' | 'error')[] } = {}): Promise<INestApplication> {
  const app = await NestFactory.create<NestExpressApplication>(AppModule.forRoot(config), {
    logger: opts.logger ?? ['log', 'warn', 'error'],
    bodyParser: false,
    bufferLogs: true,
  });
  // Every Nest log line goes through pino (JSON, with the request id inside a request); `opts.logger` keeps its levels.
  if (opts.logger !== false) app.useLogger(opts.logger && !opts.logger.includes('log') ? filtered(app.get(PinoLogger), opts.logger) : app.get(PinoLogger));
  // first of all: the cached campaign view, task list, inbox … answered before Nest's routing (campaigns/fast-reads.ts)
  app.use(app.get(FastReads).handler());
  app.use(jsonBodiesOnly()); // a body is JSON (or files as multipart/form-data): anything else 415, unread
  app.useBodyParser('json', { limit: config.BODY_LIMIT });
  app.use(inputHygiene());
  app.setGlobalPrefix('api');
  serveWebApp(app); // the web application at / (SPA fallback); /api stays the API
  app.useGlobalPipes(validationPipe());
  app.useGlobalFilters(new HttpErrorFilter(config.DATABASE_URL));
  app.enableShutdownHooks();
  answerClientErrors(app.getHttpServer()); // what Node's HTTP parser refuses (unencoded Chinese in a URL…) in JSON too
  const doc = declareCommandBodies(declareJsonOnly(declareDatabaseDown(applyValidationConstraints(SwaggerModule.createDocument(
    app,
    new DocumentBuilder()
      .setTitle('生态文明建设示范区创建 — 签批引擎 API')
      .setDescription('Start, inspect and act on National Ecological Civilization Demonstration Zone campaigns.')
      .setVersion('0.1.0')
      .addBearerAuth()
      .build(),
  )))));
  SwaggerModule.setup('api/docs', app, doc, { jsonDocumentUrl: 'api/openapi.json' });
  return app;
}

/** Nest logger limited to some levels (the e2e tests keep only errors). */
function filtered(logger: PinoLogger, levels: ('log' | 'warn' | 'error')[]): PinoLogger {
  const allow = new Set<string>(levels);
  return new Proxy(logger, {
    get(target, prop, receiver) {
      const v = Reflect.get(target, prop, receiver);
      if (typeof prop === 'string' && ['log', 'warn', 'error', 'debug', 'verbose', 'fatal'].includes(prop) && !allow.has(prop === 'fatal' ? 'error' : prop)) return () => undefined;
      return typeof v === 'function' ? v.bind(target) : v;
    },
  });
}
