/**
 * Application configuration, read from the environment and validated at start.
 * A bad or missing value stops the process with a message naming the variable (see README "Configuration").
 */
import { z } from 'zod';
import { NotifyConfigSchema } from './notify-config';

/** Development default of AUDIT_HMAC_KEY (refused when NODE_ENV=production). */
export const DEV_AUDIT_HMAC_KEY = 'dev-only-audit-hmac-key-change-me';

const optionalUrl = z
  .string()
  .trim()
  .min(1)
  .optional();

export const AppConfigSchema = z.object({
  NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
  API_HOST: z.string().default('127.0.0.1'),
  API_PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  DATABASE_URL: z
    .string({ required_error: 'DATABASE_URL is required (postgres://user:pass@host:port/db); `scripts/start.sh` sets it for the embedded PostgreSQL' })
    .regex(/^postgres(ql)?:\/\//, 'DATABASE_URL must start with postgres:// or postgresql://'),
  /**
   * The migration (schema owner) role's URL; the apps' own DATABASE_URL role then gets its grants after migrating.
   * Default: DATABASE_URL (one role for both, e.g. a development database).
   */
  MIGRATION_DATABASE_URL: z.string().regex(/^postgres(ql)?:\/\//, 'MIGRATION_DATABASE_URL must start with postgres:// or postgresql://').optional(),
  /** Key of the audit trail's HMAC chain (kept outside the database). Required in production. */
  AUDIT_HMAC_KEY: z.string().min(16, 'AUDIT_HMAC_KEY must be at least 16 characters').default(DEV_AUDIT_HMAC_KEY),
  DATABASE_POOL_SIZE: z.coerce.number().int().min(1).max(100).default(10),
  TEMPORAL_ADDRESS: z
    .string({ required_error: 'TEMPORAL_ADDRESS is required (host:port); `scripts/start.sh` sets it for the embedded Temporal dev server' })
    .regex(/^[^\s:]+:\d+$/, 'TEMPORAL_ADDRESS must be host:port, e.g. 127.0.0.1:7233'),
  TEMPORAL_NAMESPACE: z.string().min(1).default('default'),
  TEMPORAL_TASK_QUEUE: z.string().min(1).default('eco-campaigns'),
  TEMPORAL_UI_URL: optionalUrl,
  JWT_SECRET: z.string().min(16, 'JWT_SECRET must be at least 16 characters').default('dev-only-secret-change-me-please'),
  JWT_JWKS_URL: optionalUrl,
  JWT_EXPIRES_IN: z.string().default('8h'),
  /** Sign-in lockout: this many failed attempts for one username within LOGIN_WINDOW_SECONDS lock it for LOGIN_LOCK_SECONDS. */
  LOGIN_MAX_FAILURES: z.coerce.number().int().min(1).max(100).default(5),
  LOGIN_WINDOW_SECONDS: z.coerce.number().int().min(1).default(900),
  LOGIN_LOCK_SECONDS: z.coerce.number().int().min(1).default(900),
  /** Sign-in attempts accepted per client address per minute (throttling), whatever the username. */
  LOGIN_RATE_PER_MINUTE: z.coerce.number().int().min(1).default(60),
  /**
   * Directory sync (API): running campaigns get their organization's accounts right after an account change, and a
   * sweep every this many ms re-sends any directory that differs from the one a campaign last received (the safety
   * net for crashes and failed sends). 0 turns the automatic sync off (then only POST …/directory/refresh).
   */
  DIRECTORY_SYNC_INTERVAL_MS: z.coerce.number().int().min(0).default(60000),
  /**
   * Audit anchor sweep (API): every this many ms, the chain head of each campaign with records the API wrote while
   * Temporal did not accept their anchor is signalled to its workflow (anchorAudit). 0 turns the sweep off.
   */
  AUDIT_ANCHOR_SWEEP_INTERVAL_MS: z.coerce.number().int().min(0).default(30000),
  RUN_MIGRATIONS: z
    .enum(['true', 'false'])
    .default('true')
    .transform((v) => v === 'true'),
  SEED_DEMO_USERS: z
    .enum(['true', 'false'])
    .default('false')
    .transform((v) => v === 'true'),
  ADMIN_PASSWORD: z.string().min(8).optional(),
  BODY_LIMIT: z.string().default('1mb'),
  /**
   * A prebuilt workflow bundle (bundleWorkflowCode output) for the worker; without it the worker bundles workflows/
   * at every start (10–20 s). The embedded start and the chaos suite bundle once, so a restarted worker polls at once.
   */
  WORKFLOW_BUNDLE_PATH: z.string().min(1).optional(),
  /** Idempotency-Key: how long a request holds its key before a retry may take it over (the request died). */
  IDEMPOTENCY_LEASE_SECONDS: z.coerce.number().int().min(1).max(3600).default(30),
  /** Idempotency-Key: how long a key and its stored answer are kept (default 24 h); later the key is forgotten. */
  IDEMPOTENCY_RETENTION_HOURS: z.coerce.number().min(0.001).max(24 * 90).default(24),
  CALENDAR_OVERRIDE_FILE: optionalUrl,
  // ---- operations (README "Operations") ----
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  LOG_PRETTY: z.enum(['true', 'false']).optional(),
  /** Daily log files of the embedded start (DATA_DIR/logs) are kept this long; six months minimum (Cybersecurity Law art. 21). */
  LOG_RETENTION_DAYS: z.coerce.number().int().min(180, 'LOG_RETENTION_DAYS must be at least 180 (six months, Cybersecurity Law art. 21)').default(180),
  /** /api/metrics on the API's own port (no login); turn off when the API port is published and use METRICS_PORT. */
  METRICS_API_PATH: z
    .enum(['true', 'false'])
    .default('true')
    .transform((v) => v === 'true'),
  /** Optional separate listener for the API's metrics (GET /metrics), e.g. an unpublished container port. */
  METRICS_PORT: z.coerce.number().int().min(1).max(65535).optional(),
  METRICS_HOST: z.string().default('127.0.0.1'),
  /** The worker's metrics/health listener (GET /metrics, /health/live); 0 turns it off. */
  WORKER_METRICS_PORT: z.coerce.number().int().min(0).max(65535).default(9464),
  WORKER_METRICS_HOST: z.string().default('127.0.0.1'),
  /**
   * Sticky cache: how many campaign workflows one worker keeps in memory between their workflow tasks. Bounds the
   * worker's memory (about 1–2 MB per cached campaign); a campaign evicted from the cache replays its history on
   * its next task. See docs/performance.md ("National scale").
   */
  WORKER_MAX_CACHED_WORKFLOWS: z.coerce.number().int().min(0).max(100000).default(400),
  /**
   * Workflow tasks one worker runs at once (SDK default 40). A polled task's 10 s timeout runs while it waits in the
   * worker, so slots × the time of one task (a replay of an evicted campaign: ~150 ms on 2 cores) must stay well under
   * it: at 2,850 campaigns 200 slots let 1,051 wake-ups wait over 5 s (half past the timeout, redone), 64 none, with the
   * best action throughput of 40/64/200 (docs/performance.md, "Workflow-task slots at 2,850 campaigns").
   */
  WORKER_MAX_CONCURRENT_WORKFLOW_TASKS: z.coerce.number().int().min(2).max(10000).default(64),
  /**
   * How long a campaign's next workflow task waits for the worker that has it cached before any worker may take it
   * (sticky queue schedule-to-start). Short: a killed worker's campaigns move on quickly (recovery); long: a busy
   * worker at a burst of wake-ups keeps its tasks instead of having them resent with the whole history.
   */
  WORKER_STICKY_TIMEOUT_MS: z.coerce.number().int().min(100).max(600000).default(1000),
  /** Where the Temporal SDK's Prometheus exporter listens (loopback; the worker listener re-exports it); 0 = off. */
  TEMPORAL_SDK_METRICS_PORT: z.coerce.number().int().min(0).max(65535).default(9465),
  /**
   * How long the API keeps an account's session row (active, roles, unit, token cut-off) between database reads; every
   * change of the row drops it at once in every API process (a database notification). 0 = read it on every request.
   */
  SESSION_CACHE_TTL_MS: z.coerce.number().int().min(0).max(3600000).default(5000),
  /**
   * API processes on API_PORT (node:cluster): 1 = this process serves; N > 1 = this process runs the migrations, then
   * forks N processes sharing the port and restarts one that dies. Their caches stay correct per process (session cache
   * by database notification, campaign reads by stamp); Prometheus metrics on the API are per process then.
   */
  API_PROCESSES: z.coerce.number().int().min(1).max(64).default(1),
  /** Milliseconds the API waits for in-flight requests at shutdown before closing connections. */
  SHUTDOWN_GRACE_MS: z.coerce.number().int().min(0).max(600000).default(10000),
  // ---- evidence files (see README "Evidence files and storage") ----
  /** Where the embedded defaults keep their data; the filesystem blob store lives in DATA_DIR/files. */
  DATA_DIR: z.string().min(1).default('.data'),
  STORAGE_DRIVER: z.enum(['fs', 's3']).default('fs'),
  S3_ENDPOINT: z.string().url('S3_ENDPOINT must be a URL, e.g. http://127.0.0.1:7070').optional(),
  S3_REGION: z.string().min(1).default('us-east-1'),
  S3_BUCKET: z.string().regex(/^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/, 'S3_BUCKET must be a valid bucket name (3–63 of a-z 0-9 . -)').optional(),
  S3_ACCESS_KEY_ID: z.string().min(1).optional(),
  S3_SECRET_ACCESS_KEY: z.string().min(1).optional(),
  S3_FORCE_PATH_STYLE: z
    .enum(['true', 'false'])
    .default('true')
    .transform((v) => v === 'true'),
  S3_CREATE_BUCKET: z
    .enum(['true', 'false'])
    .default('true')
    .transform((v) => v === 'true'),
  /** Largest accepted upload, per file, in bytes (default 50 MB). */
  UPLOAD_MAX_FILE_BYTES: z.coerce.number().int().min(1).default(50 * 1024 * 1024),
  UPLOAD_MAX_FILES: z.coerce.number().int().min(1).max(100).default(20),
  /** Accepted types, decided by content: any of pdf, ofd, doc, docx, xls, xlsx, jpg, png, zip. */
  UPLOAD_ALLOWED_TYPES: z
    .string()
    .default('pdf,ofd,doc,docx,xls,xlsx,jpg,png,zip')
    .transform((v) => v.split(',').map((t) => t.trim().toLowerCase()).filter(Boolean))
    .pipe(z.array(z.enum(['pdf', 'ofd', 'doc', 'docx', 'xls', 'xlsx', 'jpg', 'png', 'zip'])).min(1)),
  /** Shortest reminder interval (overdueEvery, escalateAfter) a campaign may ask for; tests lower it. */
  MIN_REMINDER_INTERVAL: z
    .string()
    .regex(/^P(?!$)(\d+W)?(\d+D)?(T(?=\d)(\d+H)?(\d+M)?(\d+(\.\d+)?S)?)?$/, 'MIN_REMINDER_INTERVAL must be an ISO-8601 duration such as PT1H')
    .default('PT1H'),
}).merge(NotifyConfigSchema);

export type AppConfig = z.infer<typeof AppConfigSchema>;

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'ConfigError';
  }
}

/** Parse and validate configuration; throws ConfigError listing every bad variable. */
export function loadConfig(env: Record<string, string | undefined> = process.env): AppConfig {
  const cleaned: Record<string, string> = {};
  for (const [k, v] of Object.entries(env)) if (v !== undefined && v !== '') cleaned[k] = v;
  // Links in messages lead to the web app the API serves: on API_PORT unless told otherwise (walkthrough: a stack on
  // API_PORT=3200 mailed links to :3000, where nothing listened).
  if (!cleaned.NOTIFY_WEB_BASE_URL && (cleaned.API_PORT || cleaned.API_HOST)) cleaned.NOTIFY_WEB_BASE_URL = webBaseUrl(cleaned.API_HOST, cleaned.API_PORT);
  const parsed = AppConfigSchema.safeParse(cleaned);
  if (!parsed.success) {
    throw new ConfigError(parsed.error.issues.map((i) => `${i.path.join('.') || '(root)'}: ${i.message}`));
  }
  if (parsed.data.STORAGE_DRIVER === 's3') {
    const missing = (['S3_BUCKET', 'S3_ACCESS_KEY_ID', 'S3_SECRET_ACCESS_KEY'] as const).filter((k) => !parsed.data[k]);
    if (missing.length) throw new ConfigError(missing.map((k) => `${k}: required when STORAGE_DRIVER=s3`));
  }
  if (parsed.data.NODE_ENV === 'production' && parsed.data.JWT_SECRET === 'dev-only-secret-change-me-please') {
    throw new ConfigError(['JWT_SECRET: must be set in production (the development default is not allowed)']);
  }
  if (parsed.data.NODE_ENV === 'production' && parsed.data.AUDIT_HMAC_KEY === DEV_AUDIT_HMAC_KEY) {
    throw new ConfigError(['AUDIT_HMAC_KEY: must be set in production (the development default is not allowed; e.g. openssl rand -hex 32)']);
  }
  return parsed.data;
}

/**
 * The web app's address on this machine, as the API serves it (API_HOST, API_PORT; a wildcard host is reached on
 * 127.0.0.1): the default of NOTIFY_WEB_BASE_URL and the address start.sh prints.
 */
export function webBaseUrl(host: string | undefined, port: string | number | undefined): string {
  const h = !host || host === '0.0.0.0' || host === '::' ? '127.0.0.1' : host.includes(':') ? `[${host}]` : host;
  return `http://${h}:${port ?? 3000}`;
}

/** For main.ts: load config or print the problems and exit with code 2. */
export function loadConfigOrExit(env: Record<string, string | undefined> = process.env): AppConfig {
  try {
    return loadConfig(env);
  } catch (e) {
    if (e instanceof ConfigError) {
      process.stderr.write(`${e.message}\n`);
      process.exit(2);
    }
    throw e;
  }
}

export const APP_CONFIG = Symbol('APP_CONFIG');
