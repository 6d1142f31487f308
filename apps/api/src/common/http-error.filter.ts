import { ArgumentsHost, Catch, ExceptionFilter, HttpException, HttpStatus, Logger } from '@nestjs/common';
import type { Response } from 'express';

/**
 * One error shape for every failure: `{ statusCode, error, message, reasons? }`.
 * Client errors keep their status (body-parser's 400/413 included); only real bugs become 500.
 */
@Catch()
export class HttpErrorFilter implements ExceptionFilter {
  private readonly log = new Logger('HttpError');

  catch(exception: unknown, host: ArgumentsHost): void {
    const res = host.switchToHttp().getResponse<Response>();
    if (exception instanceof HttpException) {
      const status = exception.getStatus();
      const body = exception.getResponse();
      const payload: Record<string, unknown> = typeof body === 'string' ? { statusCode: status, message: body } : { statusCode: status, ...(body as object) };
      // the documented ErrorDto: `error` and `message` are always there
      payload.error ??= HttpStatus[status] ? String(HttpStatus[status]).split('_').map((w) => w[0] + w.slice(1).toLowerCase()).join(' ') : 'Error';
      payload.message ??= payload.error;
      res.status(status).json(payload);
      return;
    }
    const e = exception as { status?: number; statusCode?: number; type?: string; message?: string; expose?: boolean };
    const status = e?.status ?? e?.statusCode;
    if (typeof status === 'number' && status >= 400 && status < 500) {
      const message = e.type === 'entity.too.large' ? 'request body too large' : e.type === 'entity.parse.failed' ? 'malformed JSON body' : (e.message ?? 'bad request');
      res.status(status).json({ statusCode: status, error: HttpStatus[status] ?? 'Error', message });
      return;
    }
    this.log.error(exception instanceof Error ? (exception.stack ?? exception.message) : String(exception));
    res.status(500).json({ statusCode: 500, error: 'Internal Server Error', message: 'internal error' });
  }
}
