import { ArgumentsHost, Catch, ExceptionFilter, HttpException, HttpStatus, Logger } from '@nestjs/common';
import type { Response } from 'express';
import { BlobStoreUnavailableError } from '@eco/storage';
import { databasePort, isDatabaseUnavailable } from './database-unavailable';

/** Seconds a client should wait before retrying a 503 (a dependency is down: PostgreSQL, Temporal, the file store). */
export const RETRY_AFTER_SECONDS = 5;

/**
 * One error shape for every failure: `{ statusCode, error, message, reasons? }`.
 * Client errors keep their status (body-parser's 400/413 included); PostgreSQL being unreachable is a 503 with a
 * Chinese reason (database-unavailable.ts: connection errors only, never data errors), so is the object store being
 * unreachable (BlobStoreUnavailableError); every 503 carries Retry-After;
 * only real bugs become 500.
 */
@Catch()
export class HttpErrorFilter implements ExceptionFilter {
  private readonly log = new Logger('HttpError');
  private readonly dbPort?: number;

  /** `databaseUrl`: DATABASE_URL, so a refused connection to the database's port is told from other dependencies'. */
  constructor(databaseUrl?: string) {
    this.dbPort = databaseUrl ? databasePort(databaseUrl) : undefined;
  }

  catch(exception: unknown, host: ArgumentsHost): void {
    const res = host.switchToHttp().getResponse<Response>();
    if (exception instanceof HttpException) {
      const status = exception.getStatus();
      const body = exception.getResponse();
      const payload: Record<string, unknown> = typeof body === 'string' ? { statusCode: status, message: body } : { statusCode: status, ...(body as object) };
      // the documented ErrorDto: `error` and `message` are always there
      payload.error ??= HttpStatus[status] ? String(HttpStatus[status]).split('_').map((w) => w[0] + w.slice(1).toLowerCase()).join(' ') : 'Error';
      payload.message ??= payload.error;
      if (status === 503) res.setHeader('Retry-After', String(RETRY_AFTER_SECONDS));
      res.status(status).json(payload);
      return;
    }
    const e = exception as { status?: number; statusCode?: number; type?: string; message?: string; expose?: boolean };
    const status = e?.status ?? e?.statusCode;
    if (typeof status === 'number' && status >= 400 && status < 500) {
      const message =
        e.type === 'entity.too.large' ? '请求内容过大 (request body too large)'
        : e.type === 'entity.parse.failed' ? '请求内容不是有效的 JSON (malformed JSON body)'
        : /[\u4e00-\u9fff]/.test(e.message ?? '') ? String(e.message)
        : `请求无效 (${(e.message ?? 'bad request').replace(/[()（）]/g, '')})`;
      res.status(status).json({ statusCode: status, error: HttpStatus[status] ?? 'Error', message });
      return;
    }
    if (exception instanceof BlobStoreUnavailableError) {
      this.log.warn(exception.message);
      res.setHeader('Retry-After', String(RETRY_AFTER_SECONDS));
      res.status(503).json({ statusCode: 503, error: 'Service Unavailable', message: `${FILE_STORE_DOWN} (${exception.message})` });
      return;
    }
    if (isDatabaseUnavailable(exception, this.dbPort)) {
      this.log.warn(`database unavailable: ${exception instanceof Error ? exception.message : String(exception)}`);
      res.setHeader('Retry-After', String(RETRY_AFTER_SECONDS));
      res.status(503).json({ statusCode: 503, error: 'Service Unavailable', message: DATABASE_DOWN });
      return;
    }
    this.log.error(exception instanceof Error ? (exception.stack ?? exception.message) : String(exception));
    res.status(500).json({ statusCode: 500, error: 'Internal Server Error', message: 'internal error' });
  }
}

export const DATABASE_DOWN = '数据库暂时不可用，请稍后重试 (the database is unavailable; retry later)';
export const FILE_STORE_DOWN = '文件存储暂不可用，请稍后重试';
