import { INestApplication } from '@nestjs/common';
import { Client } from 'pg';
import request from 'supertest';
import { freePort } from '@eco/devstack';
import { runMigrations } from '@eco/persistence';
import { startApi, testConfig, testStack } from './helpers';

describe('GET /api/health (real PostgreSQL + real Temporal)', () => {
  let app: INestApplication;

  afterEach(async () => {
    await app?.close();
  });

  it('answers 200 with db and temporal up', async () => {
    app = await startApi(testConfig());
    const res = await request(app.getHttpServer()).get('/api/health');
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ status: 'ok', db: 'up', temporal: 'up' });
  });

  it('answers 503 naming the database when PostgreSQL is gone', async () => {
    // A database of its own on the real server, dropped (connections terminated) while the API runs.
    const admin = new Client({ connectionString: testStack().databaseUrl });
    await admin.connect();
    const db = `eco_gone_${process.pid}`;
    await admin.query(`DROP DATABASE IF EXISTS ${db}`);
    await admin.query(`CREATE DATABASE ${db}`);
    const url = new URL(testStack().databaseUrl);
    url.pathname = `/${db}`;
    await runMigrations(url.toString());
    app = await startApi(testConfig({ DATABASE_URL: url.toString() }));
    await expect(request(app.getHttpServer()).get('/api/health').then((r) => r.status)).resolves.toBe(200);
    await admin.query(`DROP DATABASE ${db} WITH (FORCE)`);
    await admin.end();
    const res = await request(app.getHttpServer()).get('/api/health');
    expect(res.status).toBe(503);
    expect(res.body).toMatchObject({ status: 'error', db: 'down', temporal: 'up' });
    expect(res.body.errors.db).toEqual(expect.any(String));
  });

  it('answers 503 naming Temporal when its address is dead', async () => {
    app = await startApi(testConfig({ TEMPORAL_ADDRESS: `127.0.0.1:${await freePort()}` }));
    const res = await request(app.getHttpServer()).get('/api/health');
    expect(res.status).toBe(503);
    expect(res.body).toMatchObject({ status: 'error', db: 'up', temporal: 'down' });
  });
});
