/**
 * Is an error PostgreSQL being unreachable (down, restarting, refusing or dropping connections, pool exhausted)
 * rather than a bug or bad data? Those answer 503 with Retry-After (HttpErrorFilter); data errors — constraint
 * violations (23xxx), invalid input (22xxx), syntax (42xxx)… — never do.
 *
 * What counts: pg's connection errors (`Connection terminated…`, pg-pool's `timeout exceeded when trying to connect`,
 * a client no longer queryable), SQLSTATE class 08 (connection exception), 57P01–57P03 (admin/crash shutdown,
 * cannot connect now) and 53300 (too many connections), and socket errors (ECONNREFUSED, ETIMEDOUT, EHOSTUNREACH…)
 * of a connection to the database's own port. The error may come raw from the pool, as TypeORM's QueryFailedError
 * (`driverError`), inside an AggregateError (a host name with several addresses) or as the `cause` of another error.
 */
const SQLSTATES = new Set(['57P01', '57P02', '57P03', '53300']);
const SOCKET_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EHOSTUNREACH', 'ENETUNREACH', 'EPIPE', 'EAI_AGAIN']);
const PG_MESSAGES = [
  /^Connection terminated/i, // "… unexpectedly", "… due to connection timeout"
  /timeout exceeded when trying to connect/i, // pg-pool: connectionTimeoutMillis
  /Client has encountered a connection error and is not queryable/i,
  /Client was closed and is not queryable/i,
  /Cannot use a pool after calling end on the pool/i,
];

type ErrorLike = { code?: unknown; message?: unknown; port?: unknown; errors?: unknown; cause?: unknown; driverError?: unknown };

/** The database's TCP port from DATABASE_URL (5432 when the URL names none). */
export function databasePort(url: string): number | undefined {
  try {
    const u = new URL(url);
    return Number(u.port || 5432);
  } catch {
    return undefined;
  }
}

export function isDatabaseUnavailable(e: unknown, dbPort?: number, depth = 0): boolean {
  if (!e || typeof e !== 'object' || depth > 5) return false;
  const err = e as ErrorLike;
  const code = typeof err.code === 'string' ? err.code : undefined;
  if (code && (SQLSTATES.has(code) || /^08[0-9A-Z]{3}$/.test(code))) return true;
  if (typeof err.message === 'string' && PG_MESSAGES.some((re) => re.test(err.message as string))) return true;
  // A socket error is the database's only when it names the database's port (ECONNRESET names none: only as pg's
  // driverError/cause, see below) — another dependency refusing connections is not the database being down.
  if (code && SOCKET_CODES.has(code) && dbPort !== undefined && err.port === dbPort) return true;
  if (Array.isArray(err.errors) && err.errors.some((x) => isDatabaseUnavailable(x, dbPort, depth + 1))) return true;
  if (err.driverError && isDatabaseUnavailable(err.driverError, dbPort, depth + 1)) return true;
  if (err.driverError && code && SOCKET_CODES.has(code)) return true; // a query failed by its connection's socket
  return !!err.cause && isDatabaseUnavailable(err.cause, dbPort, depth + 1);
}
