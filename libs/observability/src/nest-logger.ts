import type { LoggerService } from '@nestjs/common';
import type { Logger } from 'pino';

/**
 * Nest LoggerService over pino, for Nest processes without HTTP (the worker) and scripts: every
 * `new Logger('X').log(...)` becomes a JSON line with `context: 'X'`.
 */
export class PinoNestLogger implements LoggerService {
  constructor(private readonly logger: Logger) {}

  private write(level: 'trace' | 'debug' | 'info' | 'warn' | 'error' | 'fatal', message: unknown, params: unknown[]): void {
    const context = typeof params[params.length - 1] === 'string' ? (params[params.length - 1] as string) : undefined;
    const rest = context !== undefined ? params.slice(0, -1) : params;
    const bind: Record<string, unknown> = context ? { context } : {};
    if (level === 'error' && typeof rest[0] === 'string' && rest[0].includes('\n')) bind.stack = rest[0];
    if (message instanceof Error) this.logger[level]({ ...bind, err: message }, message.message);
    else if (typeof message === 'object' && message !== null) this.logger[level]({ ...bind, ...(message as object) });
    else this.logger[level](bind, String(message));
  }

  log(message: unknown, ...params: unknown[]): void {
    this.write('info', message, params);
  }
  error(message: unknown, ...params: unknown[]): void {
    this.write('error', message, params);
  }
  warn(message: unknown, ...params: unknown[]): void {
    this.write('warn', message, params);
  }
  debug(message: unknown, ...params: unknown[]): void {
    this.write('debug', message, params);
  }
  verbose(message: unknown, ...params: unknown[]): void {
    this.write('trace', message, params);
  }
  fatal(message: unknown, ...params: unknown[]): void {
    this.write('fatal', message, params);
  }
}
