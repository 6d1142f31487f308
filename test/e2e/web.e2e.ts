/**
 * The API serves the web application at / (SPA fallback) while /api stays the API, and every endpoint the web
 * client calls exists in the running app's OpenAPI document.
 */
import { INestApplication } from '@nestjs/common';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import request from 'supertest';
import { ID_PATTERN, MOBILE_PATTERN, PHONE_PATTERN, USERNAME_PATTERN } from '@eco/domain';
import { ENDPOINTS } from '../../apps/web/src/api/endpoints';
import { startApi, testConfig } from './helpers';

describe('web application served by the API', () => {
  let app: INestApplication;
  let dir: string;
  const http = () => request(app.getHttpServer());

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'eco-web-'));
    mkdirSync(join(dir, 'assets'));
    writeFileSync(join(dir, 'index.html'), '<!doctype html><html lang="zh-CN"><div id="root"></div><script src="/assets/app-123.js"></script></html>');
    writeFileSync(join(dir, 'assets', 'app-123.js'), 'console.log("app")');
    process.env.WEB_DIST_DIR = dir;
    app = await startApi(testConfig());
  });

  afterAll(async () => {
    await app?.close();
    delete process.env.WEB_DIST_DIR;
    rmSync(dir, { recursive: true, force: true });
  });

  it('answers / and deep links with the page, assets with long caching', async () => {
    for (const path of ['/', '/inbox', '/campaigns/c1/tasks/materials%3Asx-tjj']) {
      const r = await http().get(path).set('Accept', 'text/html');
      expect(r.status).toBe(200);
      expect(r.headers['content-type']).toMatch(/text\/html/);
      expect(r.text).toContain('<div id="root">');
    }
    const a = await http().get('/assets/app-123.js');
    expect(a.status).toBe(200);
    expect(a.headers['cache-control']).toContain('immutable');
    expect((await http().get('/assets/missing.js')).status).toBe(404);
  });

  it('keeps /api the API: unknown /api paths are JSON 404s', async () => {
    const r = await http().get('/api/no-such-thing').set('Accept', 'text/html');
    expect(r.status).toBe(404);
    expect(r.headers['content-type']).toMatch(/json/);
    expect(r.body.message).toBe('接口或资源不存在 (Cannot GET /api/no-such-thing)'); // Nest's words after the Chinese
  });

  it('every endpoint the web client requires is in /api/openapi.json', async () => {
    const doc = (await http().get('/api/openapi.json')).body as { paths: Record<string, Record<string, unknown>> };
    const missing = Object.entries(ENDPOINTS)
      .filter(([, e]) => e.required)
      .filter(([, e]) => !doc.paths[e.path]?.[e.method.toLowerCase()])
      .map(([name, e]) => `${name}: ${e.method} ${e.path}`);
    expect(missing).toEqual([]);
  });

  it('the shapes the screens check before sending (login name, phone, mobile) are the ones the API validates and documents', async () => {
    const doc = (await http().get('/api/openapi.json')).body as { components: { schemas: Record<string, { properties: Record<string, { pattern?: string }> }> } };
    const user = doc.components.schemas.CreateUserDto.properties;
    expect([user.username.pattern, user.phone.pattern, doc.components.schemas.PreferencesDto.properties.mobile.pattern]).toEqual([USERNAME_PATTERN.source, PHONE_PATTERN.source, MOBILE_PATTERN.source]);
    // …and a template's id (新建模板's 模板编号 checks the same): the template schema's own id shape
    const templateIds = Object.entries(doc.components.schemas).flatMap(([name, sch]) => (/Template/.test(name) && sch.properties?.id?.pattern ? [sch.properties.id.pattern] : []));
    expect(templateIds.length).toBeGreaterThan(0);
    expect(new Set(templateIds)).toEqual(new Set([ID_PATTERN.source]));
    // …and an account's organization id has that shape too, at most 64 characters
    expect(user.organizationId).toMatchObject({ pattern: ID_PATTERN.source, maxLength: 64 });
  });
});
