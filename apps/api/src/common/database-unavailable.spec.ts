import { createServer } from 'net';
import { Pool } from 'pg';
import { QueryFailedError } from 'typeorm';
import { databasePort, isDatabaseUnavailable } from './database-unavailable';

/** A loopback port nothing listens on (bound, then closed). */
async function closedPort(): Promise<number> {
  const srv = createServer();
  await new Promise<void>((r) => srv.listen(0, '127.0.0.1', r));
  const port = (srv.address() as { port: number }).port;
  await new Promise((r) => srv.close(r));
  return port;
}

describe('database unavailable vs other failures (503 or not)', () => {
  it('a pool connecting to a port nothing listens on: the real pg error is "database unavailable" for that port only', async () => {
    const port = await closedPort();
    const pool = new Pool({ connectionString: `postgres://u:p@127.0.0.1:${port}/db`, connectionTimeoutMillis: 2000 });
    const err = await pool.query('SELECT 1').then(() => null, (e: unknown) => e);
    await pool.end();
    expect(err).toBeTruthy();
    expect(isDatabaseUnavailable(err, port)).toBe(true);
    expect(isDatabaseUnavailable(err, port + 1)).toBe(false); // another dependency's refused connection is not the database
  });

  it('pg connection messages, shutdown SQLSTATEs and class 08, raw, in QueryFailedError, nested as cause or in an AggregateError', () => {
    const terminated = new Error('Connection terminated unexpectedly');
    expect(isDatabaseUnavailable(terminated)).toBe(true);
    expect(isDatabaseUnavailable(new Error('timeout exceeded when trying to connect'))).toBe(true);
    expect(isDatabaseUnavailable(new Error('Connection terminated due to connection timeout'))).toBe(true);
    expect(isDatabaseUnavailable(new QueryFailedError('SELECT 1', [], terminated))).toBe(true);
    for (const code of ['57P01', '57P02', '57P03', '53300', '08006', '08001', '08P01']) {
      expect([code, isDatabaseUnavailable(new QueryFailedError('SELECT 1', [], Object.assign(new Error('x'), { code })))]).toEqual([code, true]);
    }
    const reset = Object.assign(new Error('read ECONNRESET'), { code: 'ECONNRESET', syscall: 'read' });
    expect(isDatabaseUnavailable(new QueryFailedError('SELECT 1', [], reset))).toBe(true);
    expect(isDatabaseUnavailable(new Error('audit append failed', { cause: terminated }))).toBe(true);
    const refused = Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:5432'), { code: 'ECONNREFUSED', port: 5432 });
    expect(isDatabaseUnavailable(Object.assign(new AggregateError([refused]), { code: 'ECONNREFUSED' }), 5432)).toBe(true);
  });

  it('data errors, bugs and other dependencies are not', () => {
    for (const code of ['23505', '23503', '22P02', '22021', '42P01', '40001', '57014']) {
      expect([code, isDatabaseUnavailable(new QueryFailedError('INSERT', [], Object.assign(new Error('x'), { code })))]).toEqual([code, false]);
    }
    expect(isDatabaseUnavailable(new TypeError("Cannot read properties of undefined (reading 'id')"))).toBe(false);
    expect(isDatabaseUnavailable(Object.assign(new Error('read ECONNRESET'), { code: 'ECONNRESET' }), 5432)).toBe(false);
    expect(isDatabaseUnavailable(Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:9000'), { code: 'ECONNREFUSED', port: 9000 }), 5432)).toBe(false);
    expect(isDatabaseUnavailable(null)).toBe(false);
    expect(isDatabaseUnavailable('Connection terminated')).toBe(false);
  });

  it('the port of DATABASE_URL (5432 by default)', () => {
    expect(databasePort('postgres://a:b@127.0.0.1:6543/x')).toBe(6543);
    expect(databasePort('postgres://a:b@db/x')).toBe(5432);
    expect(databasePort('not a url')).toBeUndefined();
  });
});
