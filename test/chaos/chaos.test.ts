/**
 * Fault suite (issue 14 item 5), bounded to a few minutes: while a driver sends a few hundred actions with
 * Idempotency-Keys (retrying through every outage), the suite kill -9s the worker twice, the API once and the
 * Temporal dev server once; the supervisors (the same ones the embedded start uses) restart them — Temporal on the
 * same state file. Then: every acknowledged action was applied exactly once, no idempotency key is stuck, the
 * projection equals the workflow's state, the audit trail verifies (HMAC chain + workflow checkpoint), and the
 * reminders that fall due during the outages are delivered exactly once — in-app (one item per reminder for the unit's
 * liaison) and by e-mail to a real SMTP server (one mail per sent delivery): a red one due while the worker is down,
 * and yellow before-reminders whose moment passed while the worker or Temporal was down and whose task was not yet
 * overdue when the stack healed (each delivered once, late). A yellow reached only after its task fell due is
 * superseded by the red one (the engine's rule; unit-tested in the reminders spec).
 */
import { JwtService } from '@nestjs/jwt';
import { Client, Connection } from '@temporalio/client';
import { spawn } from 'child_process';
import { createWriteStream, mkdirSync, readFileSync, writeFileSync } from 'fs';
import { join } from 'path';
import { DataSource } from 'typeorm';
import { IdempotencyService } from '../../apps/api/src/common/idempotency.service';
import { freePort, Supervised, startTemporalDevServer, TemporalDevHandle } from '@eco/devstack';
import { dataSourceOptions, OrganizationRepository, UserRepository } from '@eco/persistence';
import { campaignWorkflowId, tasksQuery } from '@eco/contracts';
import { MailReceiver } from '../e2e/notify/receivers';
import { CHAOS_STACK_FILE, ChaosStack } from '../setup/chaos-global-setup';

const ROOT = join(__dirname, '../..');
const JWT_SECRET = 'chaos-secret-0123456789abcdef';
const ACTIONS = 200;
const LANES = 4;
const PACE_MS = 150; // 200 actions over ≥ 30 s
const office = { id: 'chaos-office', name: '办公室', roles: ['office'] };
// the reminder campaign (济阳区): its office, and the liaison of 生态环境分局 the reminders go to
const officeJy = { id: 'chaos-office-jy', name: '济阳办公室', roles: ['office'] };
const liaison = { id: 'chaos-jy-liaison', name: '生态环境分局联络员', roles: ['unit'], unitId: 'jy-sthj', email: 'chaos-jy-liaison@jiyang.gov.cn' };
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe('fault suite: kill -9 of worker (×2), API and Temporal under load', () => {
  const stack = JSON.parse(readFileSync(CHAOS_STACK_FILE, 'utf8')) as ChaosStack;
  const events: string[] = [];
  const log = (l: string) => events.push(`${new Date().toISOString().slice(11, 23)} ${l}`);
  let temporal: Supervised;
  let worker: Supervised;
  let api: Supervised;
  let ds: DataSource;
  let apiUrl: string;
  let temporalAddress: string;
  let logFile: ReturnType<typeof createWriteStream> | undefined;
  let smtp: MailReceiver;
  const sign = (a: { id: string; name: string; roles: string[] }) => new JwtService({ secret: JWT_SECRET }).sign({ name: a.name, roles: a.roles }, { algorithm: 'HS256', subject: a.id, expiresIn: 3600 });
  const token = sign(office);
  const tokenJy = sign(officeJy);

  const call = async (method: string, path: string, body?: unknown, key?: string, timeoutMs = 20_000, bearer = token): Promise<{ status: number; body: any }> => {
    const r = await fetch(`${apiUrl}${path}`, {
      method,
      headers: { Authorization: `Bearer ${bearer}`, 'Content-Type': 'application/json', ...(key ? { 'Idempotency-Key': key } : {}) },
      body: body === undefined ? undefined : JSON.stringify(body),
      signal: AbortSignal.timeout(timeoutMs),
    });
    const text = await r.text();
    return { status: r.status, body: text ? JSON.parse(text) : null };
  };

  beforeAll(async () => {
    mkdirSync(join(ROOT, '.data/logs'), { recursive: true });
    const out = createWriteStream(join(ROOT, '.data/logs/chaos-children.log'), { flags: 'a' });
    logFile = out;
    const tPort = await freePort();
    const dbFile = join(stack.workDir, 'temporal.db');
    temporalAddress = `127.0.0.1:${tPort}`;
    temporal = new Supervised({
      name: 'temporal',
      log,
      initialDelayMs: 500,
      start: async () => {
        const h: TemporalDevHandle = await startTemporalDevServer({ port: tPort, dbFile, logFile: join(ROOT, '.data/logs/chaos-temporal.log') });
        return h.process!;
      },
    });
    await temporal.start();
    smtp = await new MailReceiver().start();
    // Reminders are sent at once only inside working hours on working days: for the suite every day is a working
    // day (the provisional calendar plus every date around now as an extra working day) and the day is 00:00–23:59.
    const calendar = JSON.parse(readFileSync(join(ROOT, 'deploy/calendar/provisional-2027.json'), 'utf8'));
    const everyDay = Array.from({ length: 64 }, (_, d) => new Date(Date.now() + 8 * 3600_000 + (d - 3) * 86400_000).toISOString().slice(0, 10));
    calendar.holidays = calendar.holidays.filter((h: string) => !everyDay.includes(h));
    calendar.workdays.push(...everyDay);
    const calendarFile = join(stack.workDir, 'calendar-every-day.json');
    writeFileSync(calendarFile, JSON.stringify(calendar));
    const apiPort = await freePort();
    apiUrl = `http://127.0.0.1:${apiPort}/api`;
    const env = {
      ...process.env,
      NODE_ENV: 'test',
      DATABASE_URL: stack.appUrl,
      DATABASE_POOL_SIZE: '4',
      TEMPORAL_ADDRESS: temporalAddress,
      TEMPORAL_TASK_QUEUE: 'chaos',
      JWT_SECRET,
      RUN_MIGRATIONS: 'false',
      WORKFLOW_BUNDLE_PATH: stack.bundlePath,
      WORKER_METRICS_PORT: '0',
      TEMPORAL_SDK_METRICS_PORT: '0',
      API_HOST: '127.0.0.1',
      API_PORT: String(apiPort),
      LOG_LEVEL: 'warn',
      CALENDAR_OVERRIDE_FILE: calendarFile,
      MIN_REMINDER_INTERVAL: 'PT1S',
      NOTIFY_SMTP_URL: smtp.url,
      NOTIFY_WORK_START: '00:00',
      NOTIFY_WORK_END: '23:59',
      NOTIFY_POLL_MS: '500',
    };
    const node = (main: string) => () => {
      const child = spawn(process.execPath, ['-r', join(__dirname, 'ts-register.js'), join(ROOT, main)], { env, stdio: ['ignore', 'pipe', 'pipe'] });
      child.stdout.pipe(out, { end: false });
      child.stderr.pipe(out, { end: false });
      return child;
    };
    worker = new Supervised({ name: 'worker', log, initialDelayMs: 300, start: node('apps/worker/src/main.ts') });
    api = new Supervised({ name: 'api', log, initialDelayMs: 300, start: node('apps/api/src/main.ts') });
    await worker.start();
    await api.start();
    ds = new DataSource(dataSourceOptions(stack.appUrl, 2));
    await ds.initialize();
    const users = new UserRepository(ds);
    await users.create({ id: office.id, username: office.id, passwordHash: 'x', name: office.name, roles: office.roles as any, unitId: null, organizationId: 'sishui' });
    await users.create({ id: officeJy.id, username: officeJy.id, passwordHash: 'x', name: officeJy.name, roles: officeJy.roles as any, unitId: null, organizationId: 'jiyang' });
    await users.create({ id: liaison.id, username: liaison.id, passwordHash: 'x', name: liaison.name, roles: liaison.roles as any, unitId: liaison.unitId, organizationId: 'jiyang', email: liaison.email });
    await new OrganizationRepository(ds).setDuty('jiyang', liaison.unitId, 'liaison', [liaison.id], 'chaos');
    const deadline = Date.now() + 120_000;
    for (;;) {
      const up = await call('GET', '/health', undefined, undefined, 3000).catch(() => ({ status: 0 }));
      if (up.status === 200) break;
      if (Date.now() > deadline) throw new Error(`API did not become healthy: ${events.join('\n')}`);
      await sleep(500);
    }
  }, 180_000);

  afterAll(async () => {
    process.stdout.write(`[chaos]\n${events.join('\n')}\n`);
    await api?.stop();
    await worker?.stop();
    await temporal?.stop();
    await smtp?.stop();
    await ds?.destroy();
    logFile?.end();
  });

  it('acknowledged actions are applied exactly once, no key sticks, projection == workflow, audit verifies', async () => {
    const iso = new Date(Date.now() + 30 * 86400000).toISOString();
    const created = await call('POST', '/campaigns', { templateId: 'sishui-2023', schedule: { materials: iso } }, 'chaos-start', 60_000);
    expect([created.status, created.body]).toEqual([201, expect.anything()]);
    const id: string = created.body.id;
    const dueOf = async (from: 'workflow' | 'projection') => {
      if (from === 'projection') {
        const r = await call('GET', `/campaigns/${id}/tasks?phase=mobilization`);
        return new Map((r.body as { id: string; dueAt: string; status: string }[]).map((t) => [t.id, `${t.status}@${t.dueAt}`]));
      }
      const connection = await Connection.connect({ address: temporalAddress });
      try {
        const tasks = await new Client({ connection }).workflow.getHandle(campaignWorkflowId(id)).query(tasksQuery, { phase: 'mobilization' });
        return new Map(tasks.map((t) => [t.id, `${t.status === 'rectifying' ? 'submitted' : t.status}@${t.dueAt}`]));
      } finally {
        await connection.close();
      }
    };
    let initial = await dueOf('projection');
    for (let i = 0; i < 50 && initial.size === 0; i++) {
      await sleep(200);
      initial = await dueOf('projection');
    }
    // four open unit tasks of the first phase
    const TASKS = [...initial.entries()].filter(([t, v]) => t.startsWith('materials:') && v.startsWith('open@')).map(([t]) => t).slice(0, 4);
    expect(TASKS).toHaveLength(4);

    // ---- the reminder campaigns (济阳区, the liaison of 生态环境分局), both started now; the faults are placed from
    // B = 20 s later (time enough for both to exist — a reminder due before its task exists is never sent): worker
    // killed at B, API at B+7 s, Temporal at B+15 s, worker again at B+24 s.
    //  - 「逾期」: its key tasks fall due at B+24.5 s, while the worker is down (its only before-reminder falls before
    //    the campaign exists): one red each, reached only after the restart.
    //  - 「临近」: yellow before-reminders at B+0.5 s (worker down) and B+15.5 s (Temporal down); the tasks fall due at
    //    B+40 s, long after the stack has healed — so each yellow's moment passed during an outage while its task was
    //    not due yet: each is delivered exactly once, late; then one red at B+40 s.
    // (A yellow reached only after its task fell due is superseded by the red — the engine's rule, unit-tested in
    // libs/domain/src/engine/reminders.spec.ts — and does not occur here by construction.)
    const B = Date.now() + 20_000;
    const at = (s: number) => new Date(B + s * 1000).toISOString();
    const remind = (key: string, name: string, due: number, before: string[]) =>
      call(
        'POST', '/campaigns',
        { templateId: 'jiyang-2021', name, schedule: { 'work-plan-issued': new Date(B + 86400_000).toISOString(), 'key-task': at(due) }, reminderPolicy: { before, overdueEvery: 'P1D', escalateAfter: 'P1D' } },
        key, 60_000, tokenJy,
      );
    const [overdueCampaign, nearCampaign] = await Promise.all([
      remind('chaos-reminders-red', '济阳区巩固提升（故障演练：逾期）', 24.5, ['PT1H']),
      remind('chaos-reminders-yellow', '济阳区巩固提升（故障演练：临近）', 40, ['PT39.5S', 'PT24.5S']),
    ]);
    expect([overdueCampaign.status, nearCampaign.status]).toEqual([201, 201]);
    const redId: string = overdueCampaign.body.id;
    const yellowId: string = nearCampaign.body.id;
    const createdIn = Date.now() - (B - 20_000);
    // both campaigns (their workflows' first task included: a 201 waits for the projection) exist before B
    expect(createdIn).toBeLessThan(20_000);

    // ---- the driver: ACTIONS deadline shifts of one minute each, with keys, retried until answered ----------------
    const acknowledged = new Map<string, string>(); // key → task
    const attempts: number[] = [];
    let next = 0;
    const t0 = B - 1000; // the driver starts just before the faults
    // paced: action i starts no earlier than PACE_MS × i after the driver starts, so the actions span every fault
    // (the last, the worker's second kill, at B+24 s) however fast the action path gets
    const lane = async () => {
      for (;;) {
        const i = next++;
        if (i >= ACTIONS) return;
        await sleep(t0 + i * PACE_MS - Date.now());
        const key = `chaos-${id}-${i}`;
        const taskId = TASKS[i % TASKS.length];
        const body = { taskIds: [taskId], shiftBy: 'PT1M', reason: `演练调整 ${i}` };
        for (let attempt = 1; ; attempt++) {
          const r = await call('POST', `/campaigns/${id}/deadlines`, body, key).catch((e: Error) => ({ status: 0, body: e.message }));
          if (r.status === 200) {
            acknowledged.set(key, taskId);
            attempts.push(attempt);
            break;
          }
          if (r.status !== 0 && r.status !== 409 && r.status < 500) throw new Error(`action ${i}: unexpected ${r.status} ${JSON.stringify(r.body)}`);
          if (attempt > 400) throw new Error(`action ${i} never answered: last ${r.status} ${JSON.stringify(r.body)}`);
          await sleep(Math.min(250 * attempt, 2000));
        }
        await sleep(150);
      }
    };
    // ---- the faults ---------------------------------------------------------------------------------------------
    let over = false;
    const kill = (what: string, s: Supervised) => {
      if (over || !s.pid) return;
      log(`kill -9 ${what} (pid ${s.pid})`);
      process.kill(s.pid, 'SIGKILL');
    };
    const kills: Record<string, number[]> = { worker: [], api: [], temporal: [] };
    const killAt = async (s: number, what: keyof typeof kills, p: Supervised) => {
      await sleep(B + s * 1000 - Date.now());
      kills[what].push(Date.now() - B);
      kill(what, p);
    };
    const faults = (async () => {
      await killAt(0, 'worker', worker);
      await killAt(7, 'api', api);
      await killAt(15, 'temporal', temporal);
      await killAt(24, 'worker', worker);
    })();
    await sleep(t0 - Date.now());
    try {
      await Promise.all([...Array.from({ length: LANES }, lane), faults]);
    } finally {
      over = true;
    }
    log(`driver done in ${Date.now() - t0} ms; ${attempts.filter((a) => a > 1).length} actions needed retries`);
    // the supervisor restarts a killed process after its backoff: wait for the last restart before counting
    for (let i = 0; i < 60 && (worker.restarts < 2 || api.restarts < 1 || temporal.restarts < 1); i++) await sleep(250);

    expect(acknowledged.size).toBe(ACTIONS);
    expect(worker.restarts).toBe(2);
    expect(api.restarts).toBe(1);
    expect(temporal.restarts).toBe(1);
    expect(attempts.some((a) => a > 1)).toBe(true); // the faults were felt

    // exactly once: one accepted audit record per acknowledged key (its update id), and the due dates moved by
    // exactly one minute per acknowledged action
    const rows: { update_id: string; n: string }[] = await ds.query(
      `SELECT update_id, count(*) AS n FROM audit_records WHERE campaign_id = $1 AND action = 'moveDeadlines' AND outcome = 'accepted' GROUP BY update_id`,
      [id],
    );
    const perUpdate = new Map(rows.map((r) => [r.update_id, Number(r.n)]));
    for (const key of acknowledged.keys()) expect([key, perUpdate.get(IdempotencyService.updateId(office.id, key))]).toEqual([key, 1]);
    expect(rows.reduce((n, r) => n + Number(r.n), 0)).toBe(ACTIONS);

    // no key stuck
    const stuck: { n: string }[] = await ds.query(`SELECT count(*) AS n FROM idempotency_keys WHERE status_code IS NULL`);
    expect(Number(stuck[0].n)).toBe(0);

    // projection == workflow state, and each due date moved by its number of actions
    const fromWorkflow = await dueOf('workflow');
    let fromProjection = await dueOf('projection');
    for (let i = 0; i < 40 && JSON.stringify([...fromProjection]) !== JSON.stringify([...fromWorkflow]); i++) {
      await sleep(250);
      fromProjection = await dueOf('projection');
    }
    expect([...fromProjection].sort()).toEqual([...fromWorkflow].sort());
    for (const t of TASKS) {
      const shifts = [...acknowledged.values()].filter((x) => x === t).length;
      const [, before] = initial.get(t)!.split('@');
      const [, after] = fromWorkflow.get(t)!.split('@');
      expect([t, Date.parse(after) - Date.parse(before)]).toEqual([t, shifts * 60_000]);
    }

    // the audit trail verifies, against the workflow's checkpoint
    const v = await call('GET', `/campaigns/${id}/audit/verify`);
    expect(v.body).toMatchObject({ valid: true, checkpoint: { status: 'compared' } });

    // reminders due during the outages: each delivered exactly once, in-app and by e-mail
    type Reminder = { id: string; campaign_id: string; task_id: string; level: string; scheduled_at: Date; delivered_at: Date | null; dedupe_key: string };
    let reminders: Reminder[] = [];
    let mailed: { dedupe_key: string }[] = [];
    const reds = (c: string) => reminders.filter((r) => r.campaign_id === c && r.level === 'red');
    for (let i = 0; i < 160; i++) {
      reminders = await ds.query(
        `SELECT id::text, campaign_id, task_id, level, scheduled_at, delivered_at, dedupe_key FROM notification_outbox WHERE campaign_id = ANY($1) AND unit_id = $2 AND level <> 'notice' AND scheduled_at <= now() ORDER BY scheduled_at`,
        [[redId, yellowId], liaison.unitId],
      );
      mailed = await ds.query(`SELECT dedupe_key FROM notification_deliveries WHERE recipient = $1 AND channel = 'email' AND status = 'sent'`, [`user:${liaison.id}`]);
      if (reds(redId).length && reds(yellowId).length && reminders.every((r) => r.delivered_at) && mailed.length > 0) break;
      await sleep(500);
    }
    const moment = (r: Reminder) => `B+${((r.scheduled_at.getTime() - B) / 1000).toFixed(1)}s ${r.level}`;
    log(`reminder campaigns created in ${createdIn} ms; kills at ${JSON.stringify(kills)} ms after B; reminders ${[...new Set(reminders.map((r) => `${r.campaign_id === redId ? '逾期' : '临近'} ${moment(r)}`))].join(', ')}`);
    const levelsOf = (c: string) => {
      const tasks = [...new Set(reminders.filter((r) => r.campaign_id === c).map((r) => r.task_id))].sort();
      return tasks.map((t) => [t, reminders.filter((r) => r.campaign_id === c && r.task_id === t).map(moment)]);
    };
    // 逾期: one red per task at B+24.5 s (the worker down), nothing before it
    const redTasks = levelsOf(redId);
    expect(redTasks.length).toBeGreaterThan(0);
    expect(redTasks).toEqual(redTasks.map(([t]) => [t, ['B+24.5s red']]));
    // 临近: per task, each yellow exactly once (B+0.5 s with the worker down, B+15.5 s with Temporal down), then one red
    const yellowTasks = levelsOf(yellowId);
    expect(yellowTasks.map(([t]) => t)).toEqual(redTasks.map(([t]) => t)); // the same unit's tasks of the same plan
    expect(yellowTasks).toEqual(yellowTasks.map(([t]) => [t, ['B+0.5s yellow', 'B+15.5s yellow', 'B+40.0s red']]));
    expect(reminders.filter((r) => !r.delivered_at)).toEqual([]);
    // the faults happened where planned: the worker down at B+0.5 s and B+24.5 s, Temporal at B+15.5 s
    expect(kills.worker[0]).toBeLessThan(500);
    expect(kills.temporal[0]).toBeLessThan(15_500);
    expect(kills.worker[1]).toBeLessThan(24_500);
    const items: { reminder_id: string; n: string }[] = await ds.query(
      `SELECT i.reminder_id::text, count(*) AS n FROM notification_items i JOIN notification_outbox o ON o.id = i.reminder_id
       WHERE i.user_id = $1 AND i.campaign_id = ANY($2) AND o.level <> 'notice' GROUP BY i.reminder_id`,
      [liaison.id, [redId, yellowId]],
    );
    expect(new Map(items.map((x) => [x.reminder_id, Number(x.n)]))).toEqual(new Map(reminders.map((r) => [r.id, 1])));
    // e-mail: the urgent ones (each first red) go at once; every sent delivery reached the SMTP server exactly once
    expect(mailed.length).toBeGreaterThanOrEqual(1);
    // Compared once both sides agree or 15 s have passed: a later batch (the B+40 s red) may still be between the SMTP
    // server and its 'sent' mark when the loop above stopped — then it is counted on neither side or on both.
    const sides = async () => {
      const sent: { dedupe_key: string }[] = await ds.query(`SELECT dedupe_key FROM notification_deliveries WHERE recipient = $1 AND channel = 'email' AND status = 'sent'`, [`user:${liaison.id}`]);
      const perKey = new Map<string, number>();
      for (const m of smtp.to(liaison.email)) perKey.set(m.dedupeKey, (perKey.get(m.dedupeKey) ?? 0) + 1);
      return { perKey, expected: new Map(sent.map((d) => [d.dedupe_key, 1])) };
    };
    let settled = await sides();
    for (const until = Date.now() + 15_000; Date.now() < until && JSON.stringify([...settled.perKey].sort()) !== JSON.stringify([...settled.expected].sort()); ) {
      await new Promise((r) => setTimeout(r, 500));
      settled = await sides();
    }
    expect(settled.perKey).toEqual(settled.expected);
  }, 300_000);
});
