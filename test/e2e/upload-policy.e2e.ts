/**
 * GET /api/files/policy says what the upload endpoint enforces, as configured: the default configuration of the e2e
 * stack, and one that narrows the types and limits (as a county may). Any signed-in user may read it; nobody else.
 */
import { INestApplication } from '@nestjs/common';
import request from 'supertest';
import type { AppConfig } from '@eco/config';
import { createUser, startApi, testConfig, tokenFor } from './helpers';

describe('GET /api/files/policy', () => {
  let app: INestApplication | undefined;
  afterEach(async () => {
    await app?.close();
    app = undefined;
  });

  async function policyOf(config: AppConfig) {
    app = await startApi(config);
    const liaison = await createUser(app, { roles: ['unit'], unitId: 'sx-tjj' });
    const token = await tokenFor(app, liaison.username);
    return request(app.getHttpServer()).get('/api/files/policy').set('Authorization', `Bearer ${token}`);
  }

  it('answers the stack’s configured types and limits, with an accept of their extensions and media types', async () => {
    const config = testConfig();
    const r = await policyOf(config);
    expect(r.status).toBe(200);
    expect(r.body).toMatchObject({ allowedTypes: config.UPLOAD_ALLOWED_TYPES, maxFileBytes: config.UPLOAD_MAX_FILE_BYTES, maxFiles: config.UPLOAD_MAX_FILES });
    const accept = (r.body.accept as string).split(',');
    for (const t of config.UPLOAD_ALLOWED_TYPES) expect(accept).toContain(`.${t}`);
    if (config.UPLOAD_ALLOWED_TYPES.includes('jpg')) expect(accept).toEqual(expect.arrayContaining(['.jpeg', 'image/jpeg']));
  });

  it('follows a narrower configuration: only its types are offered, its limits answered', async () => {
    const r = await policyOf(testConfig({ UPLOAD_ALLOWED_TYPES: 'pdf, JPG', UPLOAD_MAX_FILE_BYTES: '1048576', UPLOAD_MAX_FILES: '3' }));
    expect(r.status).toBe(200);
    expect(r.body).toEqual({ allowedTypes: ['pdf', 'jpg'], accept: expect.any(String), maxFileBytes: 1048576, maxFiles: 3 });
    expect((r.body.accept as string).split(',').sort()).toEqual(['.jpeg', '.jpg', '.pdf', 'application/pdf', 'image/jpeg']);
  });

  it('is 401 without a sign-in, and documented in the OpenAPI document', async () => {
    app = await startApi(testConfig());
    const r = await request(app.getHttpServer()).get('/api/files/policy');
    expect(r.status).toBe(401);
    const doc = (await request(app.getHttpServer()).get('/api/openapi.json')).body;
    const ok = doc.paths['/api/files/policy']?.get?.responses?.['200'];
    expect(ok?.content?.['application/json']?.schema?.$ref).toBe('#/components/schemas/UploadPolicyDto');
    expect(Object.keys(doc.components.schemas.UploadPolicyDto.properties).sort()).toEqual(['accept', 'allowedTypes', 'maxFileBytes', 'maxFiles']);
    // The upload's refusals name the settings and send to this endpoint for their values — no default written as if it were this server's.
    const refusals = doc.paths['/api/campaigns/{id}/tasks/{taskId}/files'].post.responses;
    for (const code of ['413', '415']) {
      expect(refusals[code].description).toContain('GET /api/files/policy');
      expect(refusals[code].description).not.toMatch(/\d+ ?MB|zip/i);
    }
  });
});
