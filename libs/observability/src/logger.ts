/**
 * Structured logging for every process (API, worker, activities, scripts): pino JSON lines with `time`, `level`
 * (as a name), `service`, and whatever context the caller binds (requestId, userId, campaignId, route, status,
 * durationMs …). Secrets never reach the output: known header paths are redacted by pino, and every object logged
 * is scrubbed of keys that look like passwords, secrets or tokens, and of passwords embedded in URLs.
 * Pretty output only in development (NODE_ENV=development, or LOG_PRETTY=true); JSON otherwise.
 */
import { IncomingMessage, ServerResponse } from 'http';
import { Writable } from 'stream';
import pino, { DestinationStream, Logger, LoggerOptions } from 'pino';

export type { Logger } from 'pino';

export const REDACTED = '[REDACTED]';

/** Keys whose values are never logged (any depth, case-insensitive). */
const SECRET_KEY = /pass(word|wd)?$|secret|token|authorization|cookie|api[-_]?key|private[-_]?key|credential|^jwt|signature/i;

/** Paths pino redacts itself (request/response headers as serialised by pino-http). */
export const REDACT_PATHS = [
  'req.headers.authorization',
  'req.headers.cookie',
  'req.headers["x-api-key"]',
  'req.headers["proxy-authorization"]',
  'res.headers["set-cookie"]',
  'headers.authorization',
  'headers.cookie',
];

/** What either pattern below needs (an `@` of a URL's credentials, the word bearer): one cheap scan of most strings. */
const MAYBE_SECRET = /@|bearer|file-links\//i;

/** Removes a password from `scheme://user:password@host` URLs inside a string. */
export function scrubString(s: string): string {
  if (!MAYBE_SECRET.test(s)) return s; // every request line scrubs its strings: skip the two costly patterns when neither can match
  return s
    .replace(/([a-z][a-z0-9+.-]*:\/\/[^:/@\s]*:)[^@\s/]+@/gi, `$1${REDACTED}@`)
    .replace(/(bearer\s+)[A-Za-z0-9._~+/=-]{8,}/gi, `$1${REDACTED}`)
    // a file's own address carries a short-lived bearer token in its path (/api/file-links/<token>/<name>)
    .replace(/(\/file-links\/)[^/?\s]+/gi, `$1${REDACTED}`);
}

/** Deep copy of `value` with secret-looking keys replaced by [REDACTED] and URL passwords removed. */
export function scrub(value: unknown, depth = 0, seen = new WeakSet<object>()): unknown {
  if (typeof value === 'string') return scrubString(value);
  if (value === null || typeof value !== 'object') return value;
  if (depth > 8) return '[…]';
  if (value instanceof Date) return value;
  // An HTTP request or response (pino-http's request line: pino runs this formatter before the serializers) is left to
  // the serializers, which keep only safe fields (the API's: method and scrubbed URL); copying one walked the socket,
  // the parser and the server behind it on every request.
  if (value instanceof IncomingMessage || value instanceof ServerResponse) return value;
  if (value instanceof Error) {
    return { type: value.name, message: scrubString(value.message), stack: value.stack ? scrubString(value.stack) : undefined, ...(scrub({ ...value }, depth + 1, seen) as object) };
  }
  if (seen.has(value)) return '[Circular]';
  seen.add(value);
  if (Array.isArray(value)) return value.map((v) => scrub(v, depth + 1, seen));
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(value as Record<string, unknown>)) {
    out[k] = SECRET_KEY.test(k) && v !== undefined && v !== null && v !== '' ? REDACTED : scrub(v, depth + 1, seen);
  }
  return out;
}

export interface LoggerSettings {
  /** Bound on every line; the process-wide root leaves it to child loggers. */
  service?: string;
  level?: string;
  pretty?: boolean;
  /** Where lines go (default stdout); tests pass a stream to read them back. */
  destination?: DestinationStream | Writable;
}

/** Whether to pretty-print: explicit LOG_PRETTY wins, otherwise only in development. */
export function prettyByDefault(env: Record<string, string | undefined> = process.env): boolean {
  if (env.LOG_PRETTY === 'true') return true;
  if (env.LOG_PRETTY === 'false') return false;
  return (env.NODE_ENV ?? 'development') === 'development';
}

export function loggerOptions(s: { service?: string; level?: string }): LoggerOptions {
  return {
    level: s.level ?? process.env.LOG_LEVEL ?? 'info',
    base: s.service ? { service: s.service, pid: process.pid } : { pid: process.pid },
    timestamp: pino.stdTimeFunctions.isoTime,
    messageKey: 'msg',
    redact: { paths: REDACT_PATHS, censor: REDACTED },
    formatters: {
      level: (label) => ({ level: label }),
      log: (obj) => scrub(obj) as Record<string, unknown>,
    },
    hooks: {
      // Messages are scrubbed too (a URL with a password in an error message, a bearer token echoed back).
      logMethod(args, method) {
        const scrubbed = args.map((a) => (typeof a === 'string' ? scrubString(a) : a)) as Parameters<typeof method>;
        return method.apply(this, scrubbed);
      },
    },
  };
}

function prettyStream(): DestinationStream | undefined {
  try {
    // Development-only dependency: absent in production images, where output stays JSON.
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const pretty = require('pino-pretty') as (o: Record<string, unknown>) => DestinationStream;
    return pretty({ colorize: true, translateTime: 'SYS:HH:MM:ss.l', ignore: 'pid,hostname', singleLine: true });
  } catch {
    return undefined;
  }
}

export function createLogger(s: LoggerSettings): Logger {
  const options = loggerOptions(s);
  const dest = s.destination ?? ((s.pretty ?? prettyByDefault()) ? prettyStream() : undefined) ?? pino.destination({ dest: 1, sync: true });
  return pino(options, dest as DestinationStream);
}

let root: Logger | undefined;
let rootDestination: DestinationStream | Writable | undefined;
let rootLevel: string | undefined;

/**
 * The process-wide logger (one per process; child loggers add `service` for the API or worker part).
 * Tests call `setLogDestination` before anything logs to capture the lines.
 */
export function rootLogger(): Logger {
  if (!root) root = createLogger({ destination: rootDestination, level: rootLevel });
  return root;
}

export function setLogDestination(dest: DestinationStream | Writable | undefined, level?: string): void {
  rootDestination = dest;
  rootLevel = level;
  root = undefined;
}

/** A child logger for one part of the system (`api`, `worker`, `activities`, `start`, `backup` …). */
export function serviceLogger(service: string, bindings: Record<string, unknown> = {}, level?: string): Logger {
  return rootLogger().child({ service, ...bindings }, level ? { level } : {});
}
