/**
 * Fuzz suite (issue 14 item 6): schemathesis (pinned, installed by scripts/setup.sh into tools/st-venv) runs over the
 * API's own /api/openapi.json — every operation the document declares, whoever added it — as the office and as a
 * unit, with real ids from a seeded campaign, bounded in time. No request may get a server error (5xx) and every
 * response must match the schema the document declares for it.
 */
import { INestApplication } from '@nestjs/common';
import { spawn } from 'child_process';
import { existsSync, mkdtempSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import request from 'supertest';
import type { AppConfig } from '../../libs/config/src/app-config';
import { bearer, ensureUsers, startWorker, TestActor } from '../e2e/campaign-stack';
import { startApi, testConfig } from '../e2e/helpers';

const ST = join(__dirname, '../../tools/st-venv/bin/schemathesis');
const SECONDS_PER_ROLE = Number(process.env.FUZZ_SECONDS ?? 60);
const office: TestActor = { id: 'f-office', name: '办公室', roles: ['office'] };
const unit: TestActor = { id: 'f-gxj', name: '工信局联络员', roles: ['unit'], unitId: 'sx-gxj' };

function schemathesis(args: string[]): Promise<{ code: number; out: string }> {
  return new Promise((resolve) => {
    const child = spawn(ST, args, { env: { ...process.env, NO_COLOR: '1', PYTHONIOENCODING: 'utf-8' } });
    let out = '';
    child.stdout.on('data', (d) => (out += d));
    child.stderr.on('data', (d) => (out += d));
    child.on('exit', (code) => resolve({ code: code ?? -1, out }));
  });
}

describe('schemathesis over /api/openapi.json (bounded)', () => {
  let config: AppConfig;
  let app: INestApplication;
  let worker: { stop(): Promise<void> };
  let base: string;
  let campaignId: string;

  beforeAll(async () => {
    if (!existsSync(ST)) throw new Error(`schemathesis is not installed at ${ST}: run bash scripts/setup.sh`);
    config = testConfig({ TEMPORAL_TASK_QUEUE: 'e2e-fuzz' });
    worker = await startWorker(config);
    app = await startApi(config);
    await app.listen(0, '127.0.0.1');
    base = `http://127.0.0.1:${(app.getHttpServer().address() as { port: number }).port}`;
    await ensureUsers(app, [office, unit]);
    const iso = new Date(Date.now() + 30 * 86400000).toISOString();
    const res = await request(app.getHttpServer()).post('/api/campaigns').set('Authorization', bearer(config, office)).send({ templateId: 'sishui-2023', schedule: { materials: iso } });
    expect(res.status).toBe(201);
    campaignId = res.body.id;
  }, 120000);

  afterAll(async () => {
    await app?.close();
    await worker?.stop();
  });

  it.each([
    ['the office', office],
    ['a unit', unit],
  ])('as %s: no server error, no response outside its documented schema', async (_who, actor) => {
    const dir = mkdtempSync(join(tmpdir(), 'eco-fuzz-'));
    const configFile = join(dir, 'schemathesis.toml');
    // real ids from the seeded campaign for the path parameters
    writeFileSync(configFile, `[parameters]\n"path.id" = "${campaignId}"\n"path.taskId" = "materials:sx-gxj"\n`);
    const r = await schemathesis([
      '--config-file', configFile,
      'run', `${base}/api/openapi.json`,
      '--checks', 'not_a_server_error,response_schema_conformance',
      '--phases', 'examples,coverage,fuzzing',
      '--max-time', String(SECONDS_PER_ROLE),
      '--max-examples', '40',
      '--request-timeout', '20',
      '--seed', '14',
      '-H', `Authorization: ${bearer(config, actor)}`,
    ]);
    const summary = r.out.split('\n').filter((l) => /passed|failed|error|Test cases|API Operations|Server error|does not conform|FAILURES|Undocumented/i.test(l)).slice(-40).join('\n');
    process.stdout.write(`[fuzz as ${actor.id}]\n${summary}\n`);
    expect({ code: r.code, failures: r.code === 0 ? '' : r.out.slice(-6000) }).toEqual({ code: 0, failures: '' });
  }, (SECONDS_PER_ROLE + 120) * 1000);
});
