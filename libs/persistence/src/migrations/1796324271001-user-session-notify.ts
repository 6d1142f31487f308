import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Every change of an account row (insert, update, delete — through the API, a script or plain SQL) notifies channel
 * `user_session` with the account's id, at commit. The API caches the session row its auth guard reads on every
 * request and drops an account's entry on this notification, so a deactivation, password change or role change cuts
 * the account's tokens off in every API process at once (apps/api/src/auth/session-cache.ts).
 */
export class UserSessionNotify1796324271001 implements MigrationInterface {
  name = 'UserSessionNotify1796324271001';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE FUNCTION notify_user_session() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        PERFORM pg_notify('user_session', CASE WHEN TG_OP = 'DELETE' THEN OLD.id ELSE NEW.id END);
        IF TG_OP = 'UPDATE' AND NEW.id IS DISTINCT FROM OLD.id THEN PERFORM pg_notify('user_session', OLD.id); END IF;
        RETURN NULL;
      END $$`);
    await q.query(`CREATE TRIGGER users_notify_session AFTER INSERT OR UPDATE OR DELETE ON users FOR EACH ROW EXECUTE FUNCTION notify_user_session()`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TRIGGER users_notify_session ON users`);
    await q.query(`DROP FUNCTION notify_user_session()`);
  }
}
