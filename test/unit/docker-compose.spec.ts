/**
 * Checks the production-like deployment files as they are on disk (there is no Docker engine in CI):
 * docker-compose.yml (parsed with js-yaml, `${VAR}` interpolation done like Compose does), the Dockerfile (stages,
 * base image, install/build steps, final CMDs) and .dockerignore. Breaking any of them breaks these tests.
 */
import { existsSync, readdirSync, readFileSync } from 'fs';
import * as path from 'path';
import { load } from 'js-yaml';
import { loadConfig } from '@eco/config';

const ROOT = path.resolve(__dirname, '../..');
const read = (rel: string): string => readFileSync(path.join(ROOT, rel), 'utf8');

// ---------------------------------------------------------------------------------------------------------------
// docker-compose.yml helpers

type Env = Record<string, string | undefined>;

interface Service {
  image?: string;
  build?: string | { context?: string; dockerfile?: string; target?: string };
  environment?: Record<string, unknown> | string[];
  ports?: (string | number | { target: number; published?: string | number; host_ip?: string })[];
  depends_on?: string[] | Record<string, { condition?: string }>;
  healthcheck?: { test?: string | string[]; disable?: boolean; interval?: string };
  volumes?: (string | { type?: string; source?: string; target?: string })[];
}

interface ComposeFile {
  services: Record<string, Service>;
  volumes?: Record<string, unknown>;
}

/** Compose variable interpolation: `$$`, `${VAR}`, `${VAR:-default}`, `${VAR-default}`, `${VAR:?error}`, `${VAR?error}`. */
function interpolate(value: string, env: Env): string {
  return value.replace(/\$\$|\$\{([A-Za-z_][A-Za-z0-9_]*)(?:(:?[-?])([^}]*))?\}/g, (whole, name: string | undefined, op?: string, arg?: string) => {
    if (whole === '$$') return '$';
    const v = env[name as string];
    const unsetOrEmpty = v === undefined || v === '';
    switch (op) {
      case ':-':
        return unsetOrEmpty ? (arg ?? '') : (v as string);
      case '-':
        return v === undefined ? (arg ?? '') : v;
      case ':?':
        if (unsetOrEmpty) throw new Error(`required variable ${name} is missing a value: ${arg}`);
        return v as string;
      case '?':
        if (v === undefined) throw new Error(`required variable ${name} is missing a value: ${arg}`);
        return v;
      default:
        return v ?? '';
    }
  });
}

function envOf(service: Service, env: Env): Record<string, string> {
  const out: Record<string, string> = {};
  const raw = service.environment ?? {};
  const entries: [string, unknown][] = Array.isArray(raw)
    ? raw.map((line) => {
        const i = line.indexOf('=');
        return i < 0 ? [line, ''] : [line.slice(0, i), line.slice(i + 1)];
      })
    : Object.entries(raw);
  for (const [k, v] of entries) out[k] = interpolate(v === null || v === undefined ? '' : String(v), env);
  return out;
}

interface PortMapping {
  hostIp?: string;
  published?: number;
  target: number;
}

/** Short syntax `[ip:]published:target[/proto]`, `target`, or the long syntax object. */
function parsePort(spec: string | number | { target: number; published?: string | number; host_ip?: string }): PortMapping {
  if (typeof spec === 'object') return { hostIp: spec.host_ip, published: spec.published === undefined ? undefined : Number(spec.published), target: Number(spec.target) };
  const parts = String(spec).replace(/\/(tcp|udp)$/, '').split(':');
  if (parts.length === 1) return { target: Number(parts[0]) };
  if (parts.length === 2) return { published: Number(parts[0]), target: Number(parts[1]) };
  return { hostIp: parts.slice(0, -2).join(':'), published: Number(parts[parts.length - 2]), target: Number(parts[parts.length - 1]) };
}

function dependsOn(service: Service): Record<string, string | undefined> {
  const d = service.depends_on ?? {};
  if (Array.isArray(d)) return Object.fromEntries(d.map((n) => [n, undefined]));
  return Object.fromEntries(Object.entries(d).map(([n, v]) => [n, v?.condition]));
}

function healthTest(service: Service): string {
  const t = service.healthcheck?.test;
  if (t === undefined) return '';
  return Array.isArray(t) ? t.join(' ') : t;
}

function buildOf(service: Service): { context?: string; dockerfile?: string; target?: string } {
  const b = service.build;
  return typeof b === 'string' ? { context: b } : (b ?? {});
}

// ---------------------------------------------------------------------------------------------------------------
// Dockerfile helpers

interface Instruction {
  keyword: string;
  args: string;
}

interface Stage {
  name?: string;
  from: string;
  instructions: Instruction[];
}

interface Dockerfile {
  args: Record<string, string>;
  stages: Stage[];
}

function parseDockerfile(text: string): Dockerfile {
  const logical: string[] = [];
  let current = '';
  for (const rawLine of text.split(/\r?\n/)) {
    const line = rawLine.trim();
    if (current === '' && (line === '' || line.startsWith('#'))) continue;
    if (current !== '' && line.startsWith('#')) continue; // comment lines inside a continuation are dropped
    if (line.endsWith('\\')) {
      current += `${line.slice(0, -1)} `;
      continue;
    }
    logical.push((current + line).trim());
    current = '';
  }
  if (current.trim() !== '') logical.push(current.trim());

  const args: Record<string, string> = {};
  const stages: Stage[] = [];
  for (const l of logical) {
    const m = /^(\S+)\s*(.*)$/s.exec(l);
    if (!m) continue;
    const keyword = m[1].toUpperCase();
    const rest = m[2].trim();
    if (keyword === 'FROM') {
      const f = /^(?:--platform=\S+\s+)?(\S+)(?:\s+AS\s+(\S+))?$/i.exec(rest);
      if (!f) throw new Error(`cannot parse FROM line: ${l}`);
      const from = f[1].replace(/\$\{?([A-Za-z_][A-Za-z0-9_]*)\}?/g, (_w, n: string) => args[n] ?? '');
      stages.push({ name: f[2], from, instructions: [] });
    } else if (stages.length === 0 && keyword === 'ARG') {
      const a = /^([A-Za-z_][A-Za-z0-9_]*)(?:=(.*))?$/.exec(rest);
      if (a) args[a[1]] = (a[2] ?? '').replace(/^"(.*)"$/, '$1');
    } else if (stages.length > 0) {
      stages[stages.length - 1].instructions.push({ keyword, args: rest });
    }
  }
  return { args, stages };
}

function stageNamed(df: Dockerfile, name: string): Stage {
  const s = df.stages.find((x) => x.name === name);
  if (!s) throw new Error(`Dockerfile has no stage named "${name}" (stages: ${df.stages.map((x) => x.name ?? '(unnamed)').join(', ')})`);
  return s;
}

/** The stage and every stage it is built FROM, nearest first. */
function ancestry(df: Dockerfile, name: string): Stage[] {
  const chain: Stage[] = [];
  let s: Stage | undefined = stageNamed(df, name);
  while (s) {
    if (chain.includes(s)) throw new Error(`FROM cycle through stage ${s.name}`);
    chain.push(s);
    const parent: string = s.from;
    s = df.stages.find((x) => x.name === parent);
  }
  return chain;
}

/** Instructions in build order (root stage first), as seen by the final stage. */
function effectiveInstructions(df: Dockerfile, name: string): Instruction[] {
  return ancestry(df, name)
    .reverse()
    .flatMap((s) => s.instructions);
}

/** The last CMD (what the container runs), exec form only. */
function finalCmd(df: Dockerfile, name: string): string[] {
  const cmds = effectiveInstructions(df, name).filter((i) => i.keyword === 'CMD');
  if (cmds.length === 0) throw new Error(`stage ${name} has no CMD`);
  const last = cmds[cmds.length - 1].args;
  const parsed: unknown = JSON.parse(last);
  if (!Array.isArray(parsed) || !parsed.every((p) => typeof p === 'string')) throw new Error(`CMD of ${name} is not exec form: ${last}`);
  return parsed as string[];
}

function lastUser(df: Dockerfile, name: string): string | undefined {
  const users = effectiveInstructions(df, name).filter((i) => i.keyword === 'USER');
  return users.length ? users[users.length - 1].args : undefined;
}

interface CopyStep {
  from?: string;
  chown?: string;
  sources: string[];
  dest: string;
}

function copies(df: Dockerfile, name: string): CopyStep[] {
  return effectiveInstructions(df, name)
    .filter((i) => i.keyword === 'COPY')
    .map((i) => {
      const words = i.args.split(/\s+/);
      const flags = words.filter((w) => w.startsWith('--'));
      const paths = words.filter((w) => !w.startsWith('--'));
      const flag = (n: string) => flags.find((f) => f.startsWith(`--${n}=`))?.slice(n.length + 3);
      return { from: flag('from'), chown: flag('chown'), sources: paths.slice(0, -1), dest: paths[paths.length - 1] };
    });
}

const norm = (p: string) => p.replace(/^\.\//, '').replace(/\/+$/, '');

// ---------------------------------------------------------------------------------------------------------------

const TEST_ENV: Env = {
  POSTGRES_PASSWORD: 'pg-secret-0123456789abcdef',
  JWT_SECRET: 'jwt-secret-0123456789abcdef0123456789',
  ECO_OWNER_DB_PASSWORD: 'owner-secret-0123456789',
  ECO_APP_DB_PASSWORD: 'app-secret-0123456789',
  AUDIT_HMAC_KEY: 'audit-key-0123456789abcdef0123456789',
  S3_ACCESS_KEY_ID: 'eco-evidence',
  S3_SECRET_ACCESS_KEY: 's3-secret-0123456789abcdef',
  GRAFANA_ADMIN_PASSWORD: 'grafana-secret-0123456789',
};

describe('helpers (so the checks below can fail)', () => {
  it('interpolates like Compose and refuses a missing required variable', () => {
    expect(interpolate('a-${X:-d}-${Y}-$$Z', { X: '', Y: 'y' })).toBe('a-d-y-$Z');
    expect(interpolate('${X-d}', { X: '' })).toBe('');
    expect(() => interpolate('${S:?set S}', {})).toThrow(/S is missing a value: set S/);
    expect(() => interpolate('${S:?set S}', { S: '' })).toThrow(/S/);
  });

  it('parses port mappings in short and long syntax', () => {
    expect(parsePort('127.0.0.1:8233:8080')).toEqual({ hostIp: '127.0.0.1', published: 8233, target: 8080 });
    expect(parsePort('3000:3000/tcp')).toEqual({ published: 3000, target: 3000 });
    expect(parsePort(7233)).toEqual({ target: 7233 });
    expect(parsePort({ target: 8080, published: '8233' })).toEqual({ hostIp: undefined, published: 8233, target: 8080 });
  });

  it('parses Dockerfile stages, continuation lines and inherited CMD/USER', () => {
    const df = parseDockerfile(
      ['ARG IMG=node:20-slim', 'FROM ${IMG} AS base', 'USER node', 'FROM base AS app', 'RUN a \\', '  && b', 'CMD ["node", "x.js"]'].join('\n'),
    );
    expect(df.stages.map((s) => [s.name, s.from])).toEqual([
      ['base', 'node:20-slim'],
      ['app', 'base'],
    ]);
    expect(stageNamed(df, 'app').instructions[0]).toEqual({ keyword: 'RUN', args: 'a  && b' });
    expect(finalCmd(df, 'app')).toEqual(['node', 'x.js']);
    expect(lastUser(df, 'app')).toBe('node');
    expect(() => stageNamed(df, 'missing')).toThrow(/no stage named "missing"/);
  });
});

describe('docker-compose.yml', () => {
  const compose = load(read('docker-compose.yml')) as ComposeFile;
  const services = compose.services ?? {};
  const svc = (name: string): Service => {
    const s = services[name];
    if (!s) throw new Error(`service ${name} missing`);
    return s;
  };

  it('defines the eight services', () => {
    expect(Object.keys(services).sort()).toEqual(['api', 'grafana', 'object-store', 'postgresql', 'prometheus', 'temporal', 'temporal-ui', 'worker']);
  });

  it('runs an S3-compatible object store (Versity S3 Gateway, pinned) wired to the apps, on a named volume, not published', () => {
    const os = svc('object-store');
    expect(os.build).toEqual(expect.objectContaining({ context: 'deploy/object-store' }));
    expect(read('deploy/object-store/Dockerfile')).toMatch(/go install "github\.com\/versity\/versitygw\/cmd\/versitygw@\$\{VERSITYGW_VERSION\}"/);
    expect(read('deploy/object-store/Dockerfile')).toMatch(/ARG VERSITYGW_VERSION=v1\.8\.0/);
    expect(os.ports ?? []).toEqual([]);
    expect((os.volumes ?? []).map((v) => (typeof v === 'string' ? v : `${v.source}:${v.target}`))).toContain('object-store-data:/data');
    expect(Object.keys(compose.volumes ?? {})).toContain('object-store-data');
    const store = envOf(os, TEST_ENV);
    for (const name of ['api', 'worker']) {
      const app = loadConfig(envOf(svc(name), TEST_ENV));
      expect(app).toMatchObject({ STORAGE_DRIVER: 's3', S3_ENDPOINT: 'http://object-store:7070', S3_FORCE_PATH_STYLE: true });
      expect([app.S3_ACCESS_KEY_ID, app.S3_SECRET_ACCESS_KEY]).toEqual([store.ROOT_ACCESS_KEY, store.ROOT_SECRET_KEY]);
      expect(() => envOf(svc(name), { ...TEST_ENV, S3_SECRET_ACCESS_KEY: undefined })).toThrow(/S3_SECRET_ACCESS_KEY/);
    }
    expect(dependsOn(svc('api'))['object-store']).toBe('service_healthy');
  });

  it('pins every image to an explicit, non-latest tag', () => {
    for (const [name, s] of Object.entries(services)) {
      if (s.image === undefined) {
        expect(s.build).toBeDefined();
        continue;
      }
      const m = /^([^@]+?)(?::([^:/@]+))?(@sha256:[0-9a-f]{64})?$/.exec(s.image);
      expect(m).not.toBeNull();
      const tag = m?.[2];
      expect({ name, tag }).toEqual({ name, tag: expect.stringMatching(/\d/) });
      expect(tag).not.toMatch(/latest/i);
    }
    expect(svc('postgresql').image).toMatch(/^postgres:16(\b|[.-])/);
    expect(svc('temporal').image).toMatch(/^temporalio\/(auto-setup|server):1\.\d+(\.\d+)?$/);
    expect(svc('temporal-ui').image).toMatch(/^temporalio\/ui:\d+\.\d+(\.\d+)?$/);
  });

  it('publishes Temporal on 7233, the UI on 8233→8080 and the API on 3000; PostgreSQL stays internal', () => {
    const published = (name: string) => (svc(name).ports ?? []).map(parsePort);
    expect(published('temporal')).toContainEqual(expect.objectContaining({ published: 7233, target: 7233 }));
    expect(published('temporal-ui')).toContainEqual(expect.objectContaining({ published: 8233, target: 8080 }));
    expect(published('api')).toContainEqual(expect.objectContaining({ published: 3000, target: 3000 }));
    expect(published('postgresql')).toEqual([]);
    expect(published('worker')).toEqual([]);
  });

  it('gives PostgreSQL a persistent named volume, credentials and the app database `eco`', () => {
    const pg = svc('postgresql');
    const env = envOf(pg, TEST_ENV);
    expect(env.POSTGRES_USER).toBeTruthy();
    expect(env.POSTGRES_PASSWORD).toBe(TEST_ENV.POSTGRES_PASSWORD);
    expect(env.POSTGRES_DB).toBe('eco');
    const dataMount = (pg.volumes ?? [])
      .map((v) => (typeof v === 'string' ? { source: v.split(':')[0], target: v.split(':')[1] } : { source: v.source, target: v.target }))
      .find((v) => v.target === '/var/lib/postgresql/data');
    expect(dataMount).toBeDefined();
    expect(Object.keys(compose.volumes ?? {})).toContain(dataMount?.source);
  });

  it('requires the secrets instead of shipping defaults', () => {
    for (const name of ['postgresql', 'temporal']) {
      expect(() => envOf(svc(name), { ...TEST_ENV, POSTGRES_PASSWORD: undefined })).toThrow(/POSTGRES_PASSWORD/);
    }
    for (const name of ['postgresql', 'api', 'worker']) {
      expect(() => envOf(svc(name), { ...TEST_ENV, ECO_APP_DB_PASSWORD: undefined })).toThrow(/ECO_APP_DB_PASSWORD/);
    }
    for (const name of ['api', 'worker']) {
      expect(() => envOf(svc(name), { ...TEST_ENV, AUDIT_HMAC_KEY: undefined })).toThrow(/AUDIT_HMAC_KEY/);
      expect(() => envOf(svc(name), { ...TEST_ENV, JWT_SECRET: undefined })).toThrow(/JWT_SECRET/);
      expect(envOf(svc(name), TEST_ENV).JWT_SECRET).toBe(TEST_ENV.JWT_SECRET);
    }
  });

  it('creates the owner and app roles on first start; only the API migrates, as the owner', () => {
    const mount = (svc('postgresql').volumes ?? []).map((v) => (typeof v === 'string' ? v : `${v.source}:${v.target}`)).find((v) => v.includes('/docker-entrypoint-initdb.d/'));
    expect(mount).toBeDefined();
    const script = read(mount!.split(':')[0].replace(/^\.\//, ''));
    expect(script).toMatch(/CREATE ROLE eco_owner WITH LOGIN NOSUPERUSER/);
    expect(script).toMatch(/CREATE ROLE eco_app WITH LOGIN NOSUPERUSER/);
    expect(script).toMatch(/ALTER SCHEMA public OWNER TO eco_owner/);
    const api = envOf(svc('api'), TEST_ENV);
    expect(decodeURIComponent(new URL(api.MIGRATION_DATABASE_URL).username)).toBe('eco_owner');
    expect(envOf(svc('worker'), TEST_ENV).MIGRATION_DATABASE_URL).toBeUndefined();
  });

  it('wires Temporal to that PostgreSQL server with the same credentials', () => {
    const pg = envOf(svc('postgresql'), TEST_ENV);
    const t = envOf(svc('temporal'), TEST_ENV);
    expect(t.DB).toBe('postgres12');
    expect(t.DB_PORT).toBe('5432');
    expect(t.POSTGRES_SEEDS).toBe('postgresql');
    expect(t.POSTGRES_USER).toBe(pg.POSTGRES_USER);
    expect(t.POSTGRES_PWD).toBe(pg.POSTGRES_PASSWORD);
    // Temporal keeps its own databases (auto-setup defaults `temporal` / `temporal_visibility`), never the app's.
    for (const key of ['DBNAME', 'VISIBILITY_DBNAME', 'SQL_DATABASE', 'SQL_VISIBILITY_DATABASE']) expect(t[key]).not.toBe(pg.POSTGRES_DB);
  });

  it.each(['api', 'worker'])('points %s at postgresql/eco and temporal:7233', (name) => {
    const pg = envOf(svc('postgresql'), TEST_ENV);
    const env = envOf(svc(name), TEST_ENV);
    const url = new URL(env.DATABASE_URL);
    expect(url.protocol).toMatch(/^postgres(ql)?:$/);
    expect(url.hostname).toBe('postgresql');
    expect(url.port || '5432').toBe('5432');
    expect(url.pathname).toBe('/eco');
    // the apps' own role, never the superuser (deploy/postgres/init-roles.sh creates it)
    expect(decodeURIComponent(url.username)).toBe('eco_app');
    expect(decodeURIComponent(url.username)).not.toBe(pg.POSTGRES_USER);
    expect(decodeURIComponent(url.password)).toBe(pg.ECO_APP_DB_PASSWORD);
    expect(env.TEMPORAL_ADDRESS).toBe('temporal:7233');
    expect(env.TEMPORAL_NAMESPACE).toBe(envOf(svc('temporal'), TEST_ENV).DEFAULT_NAMESPACE || 'default');
  });

  it.each(['api', 'worker'])('%s environment passes the application config validation in production mode', (name) => {
    const env = envOf(svc(name), TEST_ENV);
    expect(env.NODE_ENV).toBe('production');
    const config = loadConfig(env);
    expect(config.TEMPORAL_ADDRESS).toBe('temporal:7233');
    expect(config.JWT_SECRET).toBe(TEST_ENV.JWT_SECRET);
  });

  it('lets the API listen on all interfaces on the published port and run migrations; the worker does not migrate', () => {
    const api = loadConfig(envOf(svc('api'), TEST_ENV));
    expect(api.API_HOST).toBe('0.0.0.0');
    expect((svc('api').ports ?? []).map(parsePort).map((p) => p.target)).toContain(api.API_PORT);
    expect(api.RUN_MIGRATIONS).toBe(true);
    expect(loadConfig(envOf(svc('worker'), TEST_ENV)).RUN_MIGRATIONS).toBe(false);
  });

  it('starts services only after their dependencies are healthy', () => {
    expect(dependsOn(svc('temporal'))).toEqual({ postgresql: 'service_healthy' });
    expect(dependsOn(svc('temporal-ui'))).toEqual({ temporal: 'service_healthy' });
    expect(dependsOn(svc('api'))).toEqual({ postgresql: 'service_healthy', temporal: 'service_healthy', 'object-store': 'service_healthy' });
    // The worker also waits for the API, which has applied the migrations by the time it is healthy.
    expect(dependsOn(svc('worker'))).toEqual({ postgresql: 'service_healthy', temporal: 'service_healthy', api: 'service_healthy' });
    for (const s of Object.values(services)) {
      for (const dep of Object.keys(dependsOn(s))) expect(services[dep]?.healthcheck).toBeDefined();
    }
  });

  it('has a health check on every service', () => {
    for (const [name, s] of Object.entries(services)) {
      expect({ name, disabled: s.healthcheck?.disable ?? false }).toEqual({ name, disabled: false });
      expect({ name, test: healthTest(s) }).toEqual({ name, test: expect.stringMatching(/\S/) });
      expect(s.healthcheck?.test?.[0]).toMatch(/^(CMD|CMD-SHELL)$/);
    }
    expect(healthTest(svc('postgresql'))).toMatch(/pg_isready/);
    expect(healthTest(svc('temporal'))).toMatch(/(temporal operator cluster health|tctl .*cluster health)/);
    expect(healthTest(svc('temporal'))).toMatch(/--address temporal:7233/);
    expect(healthTest(svc('temporal-ui'))).toMatch(/:8080\b/);
    const apiPort = loadConfig(envOf(svc('api'), TEST_ENV)).API_PORT;
    expect(healthTest(svc('api'))).toMatch(new RegExp(`http://(localhost|127\\.0\\.0\\.1):${apiPort}/api/health`));
  });

  it('checks the worker with the healthcheck script that the image ships', () => {
    const test = svc('worker').healthcheck?.test;
    expect(Array.isArray(test) ? test : []).toEqual(['CMD', 'node', 'deploy/healthcheck/worker-healthcheck.js']);
    expect(existsSync(path.join(ROOT, 'deploy/healthcheck/worker-healthcheck.js'))).toBe(true);
    const df = parseDockerfile(read('Dockerfile'));
    expect(copies(df, 'worker').some((c) => c.sources.map(norm).includes('deploy/healthcheck') && norm(c.dest) === 'deploy/healthcheck')).toBe(true);
  });

  it.each([
    ['api', 'api'],
    ['worker', 'worker'],
  ])('builds %s from ./Dockerfile with target %s', (name, target) => {
    const b = buildOf(svc(name));
    expect(norm(b.context ?? '.') || '.').toBe('.');
    expect(b.dockerfile ?? 'Dockerfile').toBe('Dockerfile');
    expect(b.target).toBe(target);
    expect(parseDockerfile(read('Dockerfile')).stages.map((s) => s.name)).toContain(target);
  });
});

describe('monitoring (Prometheus + Grafana wired to deploy/)', () => {
  const compose = load(read('docker-compose.yml')) as ComposeFile;
  const services = compose.services ?? {};
  const prom = load(read('deploy/prometheus/prometheus.yml')) as { rule_files: string[]; scrape_configs: { job_name: string; metrics_path?: string; static_configs: { targets: string[] }[] }[] };
  const mounts = (name: string) =>
    (services[name].volumes ?? []).map((v) => (typeof v === 'string' ? { source: v.split(':')[0], target: v.split(':')[1] } : { source: v.source ?? '', target: v.target ?? '' }));

  it('serves the api and worker metrics on a port of their own that is not published, and not on the public API port', () => {
    const api = loadConfig(envOf(services.api, TEST_ENV));
    const worker = loadConfig(envOf(services.worker, TEST_ENV));
    expect(api.METRICS_API_PATH).toBe(false);
    expect(api.METRICS_PORT).toBe(9464);
    expect(api.METRICS_HOST).toBe('0.0.0.0');
    expect(worker.WORKER_METRICS_PORT).toBe(9464);
    expect(worker.WORKER_METRICS_HOST).toBe('0.0.0.0');
    for (const name of ['api', 'worker']) {
      const published = (services[name].ports ?? []).map(parsePort).map((p) => p.target);
      expect(published).not.toContain(9464);
    }
  });

  it('lets Prometheus scrape exactly those ports, with the alert rules loaded', () => {
    const targets = Object.fromEntries(prom.scrape_configs.map((c) => [c.job_name, c.static_configs.flatMap((x) => x.targets)]));
    expect(targets['eco-api']).toEqual(['api:9464']);
    expect(targets['eco-worker']).toEqual(['worker:9464']);
    expect(mounts('prometheus')).toContainEqual({ source: './deploy/prometheus', target: '/etc/prometheus' });
    expect(prom.rule_files.map((f) => path.basename(f))).toContain('alerts.yml');
    expect(existsSync(path.join(ROOT, 'deploy/prometheus/alerts.yml'))).toBe(true);
  });

  it('has the four required alerts, each on metrics the product exports', () => {
    const rules = (load(read('deploy/prometheus/alerts.yml')) as { groups: { rules: { alert: string; expr: string }[] }[] }).groups.flatMap((g) => g.rules);
    const byName = Object.fromEntries(rules.map((r) => [r.alert, r.expr]));
    expect(byName.EcoOutboxStuck).toMatch(/eco_outbox_oldest_pending_age_seconds/);
    expect(byName.EcoOverdueSpike).toMatch(/eco_tasks_overdue/);
    expect(byName.EcoWorkerDown).toMatch(/up\{job="eco-worker"\}/);
    expect(byName.EcoAuditVerifyFailed).toMatch(/eco_audit_verifications_total\{result="failed"\}/);
  });

  it('provisions Grafana with the Prometheus data source and the dashboard, on loopback only', () => {
    expect(mounts('grafana')).toEqual(
      expect.arrayContaining([
        { source: './deploy/grafana/provisioning', target: '/etc/grafana/provisioning' },
        { source: './deploy/grafana/dashboards', target: '/var/lib/grafana/dashboards' },
      ]),
    );
    const ds = load(read('deploy/grafana/provisioning/datasources/prometheus.yml')) as { datasources: { url: string; uid: string }[] };
    expect(ds.datasources[0].url).toBe('http://prometheus:9090');
    const dash = JSON.parse(read('deploy/grafana/dashboards/eco-campaign-engine.json')) as { panels: { targets: { expr: string; datasource: { uid: string } }[] }[] };
    expect(dash.panels.length).toBeGreaterThan(8);
    for (const t of dash.panels.flatMap((p) => p.targets)) expect(t.datasource.uid).toBe(ds.datasources[0].uid);
    for (const name of ['grafana', 'prometheus']) {
      for (const p of (services[name].ports ?? []).map(parsePort)) expect(p.hostIp).toBe('127.0.0.1');
    }
    expect(() => envOf(services.grafana, { ...TEST_ENV, GRAFANA_ADMIN_PASSWORD: undefined })).toThrow(/GRAFANA_ADMIN_PASSWORD/);
  });
});

describe('Dockerfile', () => {
  const df = parseDockerfile(read('Dockerfile'));
  const runs = (stage: string) =>
    stageNamed(df, stage)
      .instructions.filter((i) => i.keyword === 'RUN')
      .map((i) => i.args);

  it('builds on node:20-bookworm-slim with deps, build, prod-deps, api and worker stages', () => {
    const names = df.stages.map((s) => s.name);
    for (const n of ['deps', 'build', 'prod-deps', 'api', 'worker']) expect(names).toContain(n);
    for (const n of ['api', 'worker', 'build', 'prod-deps']) {
      const root = ancestry(df, n).slice(-1)[0];
      expect(root.from).toBe('node:20-bookworm-slim');
    }
  });

  it('installs with npm ci from the lockfile, builds dist/, and installs production-only dependencies separately', () => {
    expect(runs('deps').join(' ')).toMatch(/\bnpm ci\b/);
    expect(runs('deps').join(' ')).not.toMatch(/--omit=dev/);
    expect(copies(df, 'deps').some((c) => c.sources.includes('package-lock.json'))).toBe(true);
    expect(ancestry(df, 'build').map((s) => s.name)).toContain('deps');
    expect(runs('build').join(' ')).toMatch(/\bnpm run build\b/);
    expect(runs('prod-deps').join(' ')).toMatch(/\bnpm ci\b[^&|;]*--omit=dev/);
    expect(ancestry(df, 'prod-deps').map((s) => s.name)).not.toContain('deps');
  });

  it.each([
    ['api', 'dist/apps/api/src/main.js', 'apps/api/src/main.ts'],
    ['worker', 'dist/apps/worker/src/main.js', 'apps/worker/src/main.ts'],
  ])('%s runs `node %s`, compiled from %s', (stage, file, source) => {
    expect(finalCmd(df, stage)).toEqual(['node', file]);
    expect(existsSync(path.join(ROOT, source))).toBe(true);
    // tsc keeps the source layout under dist/ (rootDir ".", outDir "./dist"), which is what makes the CMD path right.
    const tsconfig = JSON.parse(read('tsconfig.json')) as { compilerOptions: { rootDir?: string; outDir?: string } };
    expect(norm(tsconfig.compilerOptions.rootDir ?? '') || '.').toBe('.');
    expect(norm(tsconfig.compilerOptions.outDir ?? '')).toBe('dist');
    expect(read('package.json')).toMatch(/"build":\s*"tsc -p tsconfig\.build\.json && node scripts\/aliases\.js dist"/); // + the @eco/* packages under dist/node_modules
  });

  it.each(['api', 'worker'])('%s image runs as the non-root node user with dist, production node_modules and template data', (stage) => {
    expect(lastUser(df, stage)).toBe('node');
    const c = copies(df, stage);
    expect(c).toContainEqual(expect.objectContaining({ from: 'build', sources: ['/app/dist'] }));
    expect(c).toContainEqual(expect.objectContaining({ from: 'prod-deps', sources: ['/app/node_modules'] }));
    const data = c.find((x) => x.from === undefined && x.sources.map(norm).includes('libs/templates/data'));
    expect(data && norm(data.dest)).toBe('libs/templates/data');
    const workdir = effectiveInstructions(df, stage).filter((i) => i.keyword === 'WORKDIR');
    expect(workdir[workdir.length - 1]?.args).toBe('/app');
    // The template folder really holds the JSON the loader reads at run time.
    expect(readdirSync(path.join(ROOT, 'libs/templates/data')).some((f) => f.endsWith('.json'))).toBe(true);
  });

  it('exposes the API port in the api image', () => {
    const exposed = effectiveInstructions(df, 'api').filter((i) => i.keyword === 'EXPOSE').flatMap((i) => i.args.split(/\s+/));
    expect(exposed).toContain('3000');
  });
});

describe('.dockerignore', () => {
  const lines = read('.dockerignore')
    .split(/\r?\n/)
    .map((l) => l.trim())
    .filter((l) => l !== '' && !l.startsWith('#'));

  it('keeps local state, tools, build output and git out of the build context', () => {
    for (const p of ['node_modules', 'dist', '.data', 'tools', '.git']) expect(lines).toContain(p);
  });

  it('does not exclude what the image needs', () => {
    for (const p of ['package.json', 'package-lock.json', 'libs', 'libs/templates/data', 'apps', 'deploy', 'Dockerfile']) expect(lines).not.toContain(p);
  });
});
