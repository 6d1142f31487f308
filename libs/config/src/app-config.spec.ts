import { ConfigError, loadConfig, webBaseUrl } from './app-config';

const good = { DATABASE_URL: 'postgres://u:p@127.0.0.1:5432/eco', TEMPORAL_ADDRESS: '127.0.0.1:7233' };

describe('loadConfig', () => {
  it('applies defaults to a minimal valid environment', () => {
    const c = loadConfig(good);
    expect(c.API_PORT).toBe(3000);
    expect(c.TEMPORAL_NAMESPACE).toBe('default');
    expect(c.TEMPORAL_TASK_QUEUE).toBe('eco-campaigns');
    expect(c.RUN_MIGRATIONS).toBe(true);
  });

  it('links in messages lead to the web app on API_PORT unless NOTIFY_WEB_BASE_URL says otherwise', () => {
    expect(loadConfig(good).NOTIFY_WEB_BASE_URL).toBe('http://127.0.0.1:3000');
    expect(loadConfig({ ...good, API_PORT: '3200' }).NOTIFY_WEB_BASE_URL).toBe('http://127.0.0.1:3200');
    expect(loadConfig({ ...good, API_HOST: '0.0.0.0', API_PORT: '3200' }).NOTIFY_WEB_BASE_URL).toBe('http://127.0.0.1:3200');
    expect(loadConfig({ ...good, API_HOST: '10.1.2.3', API_PORT: '8080' }).NOTIFY_WEB_BASE_URL).toBe('http://10.1.2.3:8080');
    expect(loadConfig({ ...good, API_PORT: '3200', NOTIFY_WEB_BASE_URL: 'https://eco.example.gov.cn' }).NOTIFY_WEB_BASE_URL).toBe('https://eco.example.gov.cn');
    expect(webBaseUrl('::1', 3000)).toBe('http://[::1]:3000');
  });

  it('names every missing or bad variable', () => {
    let err: unknown;
    try {
      loadConfig({ API_PORT: 'abc', TEMPORAL_ADDRESS: 'nohostport' });
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(ConfigError);
    const msg = (err as Error).message;
    expect(msg).toContain('DATABASE_URL');
    expect(msg).toContain('TEMPORAL_ADDRESS');
    expect(msg).toContain('API_PORT');
  });

  it('refuses the development JWT secret in production', () => {
    expect(() => loadConfig({ ...good, NODE_ENV: 'production' })).toThrow(/JWT_SECRET/);
  });

  it('refuses the development audit HMAC key in production, and a short one anywhere', () => {
    const prod = { ...good, NODE_ENV: 'production', JWT_SECRET: 'a-real-secret-0123456789' };
    expect(() => loadConfig(prod)).toThrow(/AUDIT_HMAC_KEY/);
    expect(loadConfig({ ...prod, AUDIT_HMAC_KEY: 'a-real-audit-key-0123456789' }).AUDIT_HMAC_KEY).toBe('a-real-audit-key-0123456789');
    expect(() => loadConfig({ ...good, AUDIT_HMAC_KEY: 'short' })).toThrow(/AUDIT_HMAC_KEY/);
  });

  it('treats empty strings as unset', () => {
    expect(loadConfig({ ...good, TEMPORAL_NAMESPACE: '' }).TEMPORAL_NAMESPACE).toBe('default');
  });
});
