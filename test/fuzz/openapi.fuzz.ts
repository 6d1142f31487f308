/**
 * Fuzz suite (issue 14 item 6): schemathesis (pinned, installed by scripts/setup.sh into tools/st-venv) runs over the
 * API's own /api/openapi.json — every operation the document declares, whoever added it — as a unit and as the
 * office, with real ids from a seeded campaign (per-operation path parameters), positive and negative data, bounded
 * in time. Checks: no server error (5xx), every response matches the schema the document declares for its status,
 * and every status code answered is one the document declares (status_code_conformance). At least 1,000 requests
 * reach the API in total (counted at its HTTP server).
 */
import { INestApplication } from '@nestjs/common';
import { spawn } from 'child_process';
import { existsSync, mkdtempSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import request from 'supertest';
import type { AppConfig } from '@eco/config';
import { bearer, ensureUsers, startWorker, TestActor } from '../e2e/campaign-stack';
import { startApi, testConfig } from '../e2e/helpers';

const ST = join(__dirname, '../../tools/st-venv/bin/schemathesis');
const SECONDS_PER_ROLE = Number(process.env.FUZZ_SECONDS ?? 90);
const MIN_REQUESTS = Number(process.env.FUZZ_MIN_REQUESTS ?? 1000);
const office: TestActor = { id: 'fz-office', name: '办公室', roles: ['office'] };
const unit: TestActor = { id: 'fz-gxj', name: '工信局联络员', roles: ['unit'], unitId: 'sx-gxj' };
const spare: TestActor = { id: 'fz-tjj', name: '统计局联络员', roles: ['unit'], unitId: 'sx-tjj' };

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
  let requests = 0;

  beforeAll(async () => {
    if (!existsSync(ST)) throw new Error(`schemathesis is not installed at ${ST}: run bash scripts/setup.sh`);
    config = testConfig({ TEMPORAL_TASK_QUEUE: 'e2e-fuzz' });
    worker = await startWorker(config);
    app = await startApi(config);
    await app.listen(0, '127.0.0.1');
    app.getHttpServer().on('request', () => requests++);
    base = `http://127.0.0.1:${(app.getHttpServer().address() as { port: number }).port}`;
    await ensureUsers(app, [office, unit, spare]);
    // the accounts the document's examples name, as the demo seeding makes them (unit id, <unit id>-fzr): the examples
    // phase then sends requests that can succeed
    await ensureUsers(app, [
      { id: 'sx-tjj', name: '县统计局', roles: ['unit'], unitId: 'sx-tjj' },
      { id: 'sx-tjj-fzr', name: '县统计局分管负责人', roles: ['unit'], unitId: 'sx-tjj' },
    ]);
    const iso = new Date(Date.now() + 30 * 86400000).toISOString();
    const res = await request(app.getHttpServer()).post('/api/campaigns').set('Authorization', bearer(config, office)).send({ templateId: 'sishui-2023', schedule: { materials: iso } });
    expect(res.status).toBe(201);
    campaignId = res.body.id;
  }, 120000);

  afterAll(async () => {
    await app?.close();
    await worker?.stop();
  });

  /** One schemathesis run as `actor`; its own config file names real ids for the path parameters. */
  const fuzzAs = async (actor: TestActor) => {
    const dir = mkdtempSync(join(tmpdir(), 'eco-fuzz-'));
    const configFile = join(dir, 'schemathesis.toml');
    const op = (pathRegex: string, params: Record<string, string>) =>
      `[[operations]]\ninclude-path-regex = '${pathRegex}'\nparameters = { ${Object.entries(params).map(([k, v]) => `"path.${k}" = "${v}"`).join(', ')} }\n`;
    writeFileSync(
      configFile,
      [
        op('^/api/campaigns/\\{id\\}', { id: campaignId, taskId: 'materials:sx-gxj' }),
        op('^/api/templates/\\{id\\}', { id: 'sishui-2023' }),
        // an account of its own: the office's run deactivates and resets it, not the unit that is fuzzing meanwhile
        op('^/api/users/\\{id\\}', { id: spare.id }),
        op('^/api/organization/units/\\{unitId\\}', { unitId: 'sx-gxj' }),
      ].join('\n'),
    );
    const r = await schemathesis([
      '--config-file', configFile,
      'run', `${base}/api/openapi.json`,
      '--checks', 'not_a_server_error,response_schema_conformance,status_code_conformance',
      '--mode', 'all',
      '--phases', 'examples,coverage,fuzzing',
      '--max-time', String(SECONDS_PER_ROLE),
      '--max-examples', '60',
      '--request-timeout', '20',
      '--seed', process.env.FUZZ_SEED ?? '14',
      '-H', `Authorization: ${bearer(config, actor)}`,
      ...(process.env.FUZZ_OUT ? ['--report', 'har', '--report-har-path', join(process.env.FUZZ_OUT, `schemathesis-${actor.id}.har`)] : []),
    ]);
    // FUZZ_OUT=<dir>: schemathesis's whole report per role, for reading what the summary leaves out (warnings' lists),
    // and every request with its answer (HAR)
    if (process.env.FUZZ_OUT) writeFileSync(join(process.env.FUZZ_OUT, `schemathesis-${actor.id}.txt`), r.out);
    const summary = r.out.split('\n').filter((l) => /passed|failed|error|Test cases|API Operations|Server error|does not conform|FAILURES|Undocumented|\(in [\d.]+s\)| in [\d.]+s =/i.test(l)).slice(-40).join('\n');
    // Every line carries the prefix: schemathesis closes with a pytest-style "==== 4 warnings in 90s ====" line, which a
    // CI reading the log's closing lines would take for a test run of its own that executed no test.
    process.stdout.write(summary.split('\n').map((l) => `[fuzz as ${actor.id}] ${l.trim()}`).join('\n') + '\n');
    return { who: actor.id, code: r.code, failures: r.code === 0 ? '' : r.out.slice(-8000) };
  };

  // both roles at once (one schemathesis worker each: its threads race in Python's compiler), bounded in time
  it('as a unit and as the office: no server error, no response outside its documented schema, no undocumented status code', async () => {
    const results = await Promise.all([fuzzAs(unit), fuzzAs(office)]);
    expect(results).toEqual([
      { who: unit.id, code: 0, failures: '' },
      { who: office.id, code: 0, failures: '' },
    ]);
    // …and the run was not empty: at least MIN_REQUESTS requests in total (checked here, not in a test of its own
    // that would pass or fail depending on whether this one ran before it)
    process.stdout.write(`[fuzz] ${requests} requests in total\n`);
    expect(requests).toBeGreaterThanOrEqual(MIN_REQUESTS);
  }, (SECONDS_PER_ROLE + 120) * 1000);
});
