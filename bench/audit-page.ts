/**
 * `npm run bench:audit` — GET /api/campaigns/:id/audit on a campaign with 10,000 audit entries (issue 9: "answers in
 * under 200 ms, paginated"). Brings up its own stack (bench/stack.ts) unless API_URL + TEMPORAL_ADDRESS (+ DATABASE_URL
 * to seed) name one, starts a campaign through the API, appends BENCH_AUDIT_ENTRIES (10,000) valid chained entries
 * through the repository the workflow's activity uses (AuditRepository.append, batches of 500: same HMAC chain, same
 * organization), then measures pages and filters at 1, 4 and 8 concurrent clients and prints p50/p99, the query plans
 * (EXPLAIN ANALYZE of the page's SQL) and the CSV/xlsx exports of all entries. Never part of the tests.
 */
import { performance } from 'perf_hooks';
import { DataSource } from 'typeorm';
import { loadConfig } from '@eco/config';
import { dataSourceOptions, AuditInput, AuditRepository } from '@eco/persistence';
import { startBenchStack } from './stack';
import { load, Stats } from './stats';

const ENTRIES = Number(process.env.BENCH_AUDIT_ENTRIES ?? 10_000);
const CLIENTS = (process.env.BENCH_AUDIT_CLIENTS ?? '1,4,8').split(',').map(Number);
const PER_CLIENT = Number(process.env.BENCH_AUDIT_REQUESTS ?? 40);
const PASSWORD = process.env.BENCH_PASSWORD ?? 'demo12345';
const TARGET_MS = 200;
const say = (s: string) => process.stdout.write(`${s}\n`);

async function http(base: string, path: string, token?: string, body?: unknown): Promise<{ status: number; text: string; ms: number; headers: Headers }> {
  const t0 = performance.now();
  const r = await fetch(`${base}${path}`, {
    method: body === undefined ? 'GET' : 'POST',
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await r.text();
  return { status: r.status, text, ms: performance.now() - t0, headers: r.headers };
}

const ACTIONS = ['submit', 'approve', 'return', 'transfer', 'addApprover', 'moveDeadlines', 'reminder', 'file-download', 'recordExternalResult'] as const;

/** 10,000 entries shaped like the real ones: 40 people, the campaign's tasks, details with signers, evidence, moves. */
function entries(campaignId: string, taskIds: string[], n: number, startMs: number, spanMs: number): AuditInput[] {
  const out: AuditInput[] = [];
  for (let i = 0; i < n; i++) {
    const action = ACTIONS[i % ACTIONS.length];
    const person = i % 40;
    const taskId = taskIds[i % taskIds.length] ?? null;
    const at = new Date(startMs + Math.floor((spanMs * i) / n)).toISOString();
    const detail: Record<string, unknown> =
      action === 'submit'
        ? { signers: [{ id: `bench-office-${i % 3}`, name: '办公室科员' }], evidence: [{ name: `佐证材料${i}`, url: `https://example.org/evidence/${i}` }] }
        : action === 'moveDeadlines'
          ? { phase: 'implementation', cause: 'phase-move', moved: taskIds.slice(0, 5).map((id, k) => ({ id, from: startMs + k * 86_400_000, to: startMs + (k + 7) * 86_400_000 })) }
          : action === 'transfer'
            ? { from: 'role:office', to: `user:bench-person-${(person + 1) % 40}`, toName: '王科长', stepName: '办公室审核' }
            : { stepName: '办公室审核', decision: action };
    out.push({
      campaignId, at, actor: { id: `bench-person-${person}`, name: `测试人员${person}`, roles: person < 30 ? ['unit'] : ['office'], unitId: person < 30 ? `sx-unit-${person}` : null },
      action, taskId, outcome: i % 50 === 49 ? 'denied' : 'accepted', reason: action === 'return' ? '材料不全，请补充' : null, comment: '基准测试', detail,
      dedupeKey: `bench-audit|${campaignId}|${i}`,
    });
  }
  return out;
}

function row(name: string, s: Stats): string {
  const ok = s.p99 < TARGET_MS ? '✓' : '✗';
  return `  ${name.padEnd(34)} n=${String(s.n).padStart(4)} err=${s.errors}  p50 ${String(s.p50).padStart(6)} ms  p99 ${String(s.p99).padStart(6)} ms  ${ok} (< ${TARGET_MS} ms)`;
}

async function main(): Promise<void> {
  say(`» stack (own unless API_URL is set); ${ENTRIES} audit entries, clients ${CLIENTS.join('/')}, ${PER_CLIENT} requests per client and query`);
  const stack = await startBenchStack();
  let ds: DataSource | undefined;
  try {
    if (!stack.databaseUrl) throw new Error('seeding the entries needs the database: set DATABASE_URL with API_URL');
    const api = stack.apiUrl;
    const login = await http(api, '/auth/login', undefined, { username: process.env.BENCH_OFFICE ?? 'office', password: PASSWORD });
    if (login.status !== 200) throw new Error(`login → ${login.status} ${login.text.slice(0, 200)}`);
    const token = JSON.parse(login.text).accessToken as string;
    const started = await http(api, '/campaigns', token, { templateId: process.env.BENCH_TEMPLATE ?? 'sishui-2023', name: '审计分页基准' });
    if (started.status !== 201) throw new Error(`start → ${started.status} ${started.text.slice(0, 300)}`);
    const campaignId = JSON.parse(started.text).id as string;
    const tasks = JSON.parse((await http(api, `/campaigns/${campaignId}/tasks`, token)).text) as { id: string }[];

    // -- seed through the activity's repository -------------------------------------------------------------------
    const config = loadConfig({ ...(process.env as Record<string, string>), DATABASE_URL: stack.databaseUrl, TEMPORAL_ADDRESS: stack.temporalAddress });
    ds = new DataSource(dataSourceOptions(stack.databaseUrl, 4));
    await ds.initialize();
    const repo = new AuditRepository(ds, config);
    const all = entries(campaignId, tasks.map((t) => t.id), ENTRIES, Date.now() - 365 * 86_400_000, 365 * 86_400_000);
    const t0 = performance.now();
    for (let i = 0; i < all.length; i += 500) await repo.append(all.slice(i, i + 500));
    const seeded = Number((await ds.query('SELECT count(*) AS n FROM audit_records WHERE campaign_id = $1', [campaignId]))[0].n);
    say(`  campaign ${campaignId}: ${seeded} audit entries (${ENTRIES} appended in ${Math.round(performance.now() - t0)} ms)`);
    await ds.query('ANALYZE audit_records');

    // -- pages and filters ----------------------------------------------------------------------------------------
    const monthFrom = new Date(Date.now() - 120 * 86_400_000).toISOString();
    const monthTo = new Date(Date.now() - 90 * 86_400_000).toISOString();
    const mid = Math.floor(seeded / 2);
    const queries: Record<string, string> = {
      'first page (limit 100)': '?limit=100',
      'first page (default limit 1000)': '',
      [`middle page (afterSeq=${mid}, limit 100)`]: `?afterSeq=${mid}&limit=100`,
      'by person (actor, limit 100)': '?actor=bench-person-7&limit=100',
      'by action (limit 100)': '?action=transfer&limit=100',
      'by period (one month, limit 100)': `?from=${encodeURIComponent(monthFrom)}&to=${encodeURIComponent(monthTo)}&limit=100`,
      'person + action + period (limit 100)': `?actor=bench-person-7&action=transfer&from=${encodeURIComponent(monthFrom)}&to=${encodeURIComponent(monthTo)}&limit=100`,
    };
    const path = (q: string) => `/campaigns/${campaignId}/audit${q}`;
    for (const [name, q] of Object.entries(queries)) {
      const r = await http(api, path(q), token); // warm-up, and check it answers
      if (r.status !== 200) throw new Error(`${name}: ${r.status} ${r.text.slice(0, 200)}`);
      say(`  ${name}: ${JSON.parse(r.text).length} entries of ${r.headers.get('x-total-count')}, ${Math.round(r.text.length / 1024)} kB`);
    }
    for (const clients of CLIENTS) {
      say(`» ${clients} concurrent client(s)`);
      for (const [name, q] of Object.entries(queries)) {
        const s = await load(clients, PER_CLIENT, 60_000, async () => {
          const r = await http(api, path(q), token);
          if (r.status !== 200) throw new Error(String(r.status));
        });
        say(row(name, s));
      }
    }

    // -- query plans of the page's SQL (as AuditRepository.page builds it) ---------------------------------------
    say('» query plans (EXPLAIN ANALYZE; top node and timing)');
    const base = 'FROM audit_records a WHERE a.campaign_id = $1';
    const plans: Record<string, [string, unknown[]]> = {
      'page after seq': [`SELECT * ${base} AND a.seq > $2 ORDER BY a.seq ASC LIMIT 100`, [campaignId, mid]],
      'count': [`SELECT count(*) ${base}`, [campaignId]],
      'by person': [`SELECT * ${base} AND a.actor_id = $2 AND a.seq > 0 ORDER BY a.seq ASC LIMIT 100`, [campaignId, 'bench-person-7']],
      'by person count': [`SELECT count(*) ${base} AND a.actor_id = $2`, [campaignId, 'bench-person-7']],
      'by action': [`SELECT * ${base} AND a.action = $2 AND a.seq > 0 ORDER BY a.seq ASC LIMIT 100`, [campaignId, 'transfer']],
      'by period': [`SELECT * ${base} AND a.at >= $2 AND a.at <= $3 AND a.seq > 0 ORDER BY a.seq ASC LIMIT 100`, [campaignId, monthFrom, monthTo]],
      'by period count': [`SELECT count(*) ${base} AND a.at >= $2 AND a.at <= $3`, [campaignId, monthFrom, monthTo]],
    };
    for (const [name, [sql, params]] of Object.entries(plans)) {
      const lines = ((await ds.query(`EXPLAIN (ANALYZE, COSTS OFF) ${sql}`, params)) as { 'QUERY PLAN': string }[]).map((l) => l['QUERY PLAN']);
      const scans = lines.filter((l) => /Scan/.test(l)).map((l) => l.trim().replace(/^->\s*/, '').replace(/\s*\(actual.*$/, ''));
      say(`  ${name.padEnd(16)} ${scans.join(' | ')}  [${lines.find((l) => l.startsWith('Execution Time'))}]`);
    }

    // -- exports of every entry -----------------------------------------------------------------------------------
    say('» exports of all entries');
    for (const ext of ['csv', 'xlsx']) {
      const t = performance.now();
      const r = await fetch(`${api}/campaigns/${campaignId}/audit.${ext}`, { headers: { authorization: `Bearer ${token}` } });
      const bytes = (await r.arrayBuffer()).byteLength;
      say(`  audit.${ext}: ${r.status} ${r.headers.get('content-type')} ${Math.round(bytes / 1024)} kB in ${Math.round(performance.now() - t)} ms`);
      if (r.status !== 200) process.exitCode = 1;
    }
    const verify = JSON.parse((await http(api, `/campaigns/${campaignId}/audit/verify`, token)).text);
    say(`» chain verifies: ${verify.chainValid ?? verify.valid} (${verify.count} entries)${verify.problems ? ` ${verify.problems.join('; ')}` : ''}`);
  } finally {
    await ds?.destroy().catch(() => undefined);
    await stack.stop();
  }
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
