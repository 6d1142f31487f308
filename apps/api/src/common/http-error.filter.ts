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
      // the framework's own words (Nest's "Cannot GET /api/x", body-parser's JSON errors, multer's "File too large") in
      // Chinese first, as every message of ours is
      if (status >= 400 && status < 500) {
        if (typeof payload.message === 'string') payload.message = chineseFirst(status, payload.message);
        else if (Array.isArray(payload.message)) payload.message = payload.message.map((m) => (typeof m === 'string' ? chineseFirst(status, m) : m));
      }
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
      const message = e.type === 'entity.too.large' ? '请求内容过大 (request body too large)' : chineseFirst(status, e.message ?? 'bad request');
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

const CJK = /[\u4e00-\u9fff]/;

/** What a client error means, by status, when the words are the framework's (English). */
const CLIENT_ERROR_ZH: Record<number, string> = {
  400: '请求无效',
  401: '未登录或登录已失效，请重新登录',
  403: '无权进行此操作',
  404: '接口或资源不存在',
  405: '不支持该请求方法',
  406: '无法按所要求的格式答复',
  408: '请求超时，请重试',
  409: '与当前状态冲突',
  413: '请求内容过大',
  415: '不支持的内容类型',
  422: '请求内容无法处理',
  429: '请求过于频繁，请稍后重试',
};

/**
 * A client error's message with Chinese first: ours are kept as they are (they all carry Chinese); the framework's
 * English ones are said in Chinese with the original after it — never the request's own bytes (body-parser quotes the
 * malformed body back, NUL and all).
 */
export function chineseFirst(status: number, message: string): string {
  if (CJK.test(message)) return message;
  // Nest turns body-parser's SyntaxError into a 400 carrying only its message ("Unexpected token …", "… in JSON at position 1")
  if (status === 400 && /JSON/.test(message)) return '请求内容不是有效的 JSON (malformed JSON body)';
  // multer / busboy (a multipart upload): "Multipart: Malformed part header", "Unexpected end of form", "File too large"
  if (/^Multipart: |end of form/i.test(message)) return `上传内容格式不正确 (${plain(message)})`;
  if (status === 413 && /file/i.test(message)) return `上传的文件过大 (${plain(message)})`;
  if (/^Unexpected (file )?field/.test(message)) return `上传的表单字段不正确 (${plain(message)})`;
  return `${CLIENT_ERROR_ZH[status] ?? '请求无法完成'} (${plain(message)})`;
}

/** The English words inside the brackets: no control characters, no brackets of their own, at most 300 characters. */
function plain(message: string): string {
  return message.replace(/[\u0000-\u001f\u007f]/g, ' ').replace(/[()（）]/g, '').trim().slice(0, 300) || 'error';
}

export const DATABASE_DOWN = '数据库暂时不可用，请稍后重试 (the database is unavailable; retry later)';
export const FILE_STORE_DOWN = '文件存储暂不可用，请稍后重试';
