/**
 * Database roles (issue 14 item 3): the apps never connect as a superuser.
 *   owner role  owns the schema and runs the migrations (DDL); not a superuser.
 *   app role    what the API and the worker connect as: read/write on the tables, INSERT/SELECT only on
 *               audit_records; it owns nothing, so it cannot ALTER a table or DISABLE its triggers, and (not a
 *               superuser) cannot set session_replication_role to skip them.
 * Provisioning needs a superuser once (embedded start, test setup; docker-compose does the same in an init script).
 */
import { Client } from 'pg';

export interface RoleCredentials {
  name: string;
  password: string;
}

export interface DatabaseRoles {
  owner: RoleCredentials;
  app: RoleCredentials;
}

export const DEV_ROLES: DatabaseRoles = { owner: { name: 'eco_owner', password: 'eco_owner_dev' }, app: { name: 'eco_app', password: 'eco_app_dev' } };

const ident = (s: string) => {
  if (!/^[a-z_][a-z0-9_]*$/.test(s)) throw new Error(`invalid role name ${s}`);
  return s;
};
const literal = (s: string) => `'${s.replace(/'/g, "''")}'`;

/** The same URL with other credentials. */
export function urlAs(url: string, who: RoleCredentials): string {
  const u = new URL(url);
  u.username = encodeURIComponent(who.name);
  u.password = encodeURIComponent(who.password);
  return u.toString();
}

/**
 * Creates (or updates the passwords of) the owner and app roles and hands the database's public schema and every
 * object in it to the owner — also objects an earlier version created as the superuser. Idempotent.
 */
export async function provisionRoles(superuserUrl: string, roles: DatabaseRoles): Promise<{ ownerUrl: string; appUrl: string }> {
  const owner = ident(roles.owner.name);
  const app = ident(roles.app.name);
  const c = new Client({ connectionString: superuserUrl });
  await c.connect();
  try {
    const db: string = (await c.query('SELECT current_database() AS db')).rows[0].db;
    for (const r of [roles.owner, roles.app]) {
      const exists = (await c.query('SELECT 1 FROM pg_roles WHERE rolname = $1', [r.name])).rowCount;
      const opts = 'LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE NOREPLICATION NOBYPASSRLS';
      await c.query(`${exists ? 'ALTER' : 'CREATE'} ROLE ${ident(r.name)} WITH ${opts} PASSWORD ${literal(r.password)}`);
    }
    await c.query(`GRANT CONNECT ON DATABASE "${db.replace(/"/g, '')}" TO ${owner}, ${app}`);
    await c.query(`ALTER SCHEMA public OWNER TO ${owner}`);
    // Objects created before the roles existed (migrations run as the superuser) move to the owner.
    const objects = await c.query(
      `SELECT c.relname AS name, c.relkind AS kind FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
       WHERE n.nspname = 'public' AND c.relkind IN ('r','p','v','m','S','f') AND pg_get_userbyid(c.relowner) <> $1
         AND NOT (c.relkind = 'S' AND EXISTS (SELECT 1 FROM pg_depend d WHERE d.objid = c.oid AND d.deptype IN ('a','i')))`,
      [owner],
    );
    for (const o of objects.rows as { name: string; kind: string }[]) {
      const what = o.kind === 'S' ? 'SEQUENCE' : o.kind === 'v' ? 'VIEW' : o.kind === 'm' ? 'MATERIALIZED VIEW' : o.kind === 'f' ? 'FOREIGN TABLE' : 'TABLE';
      await c.query(`ALTER ${what} public."${o.name.replace(/"/g, '""')}" OWNER TO ${owner}`);
    }
    const fns = await c.query(
      `SELECT p.oid::regprocedure::text AS sig FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace WHERE n.nspname = 'public' AND pg_get_userbyid(p.proowner) <> $1`,
      [owner],
    );
    for (const f of fns.rows as { sig: string }[]) await c.query(`ALTER FUNCTION ${f.sig} OWNER TO ${owner}`);
  } finally {
    await c.end();
  }
  const ownerUrl = urlAs(superuserUrl, roles.owner);
  const appUrl = urlAs(superuserUrl, roles.app);
  await grantAppRole(ownerUrl, roles.app.name);
  return { ownerUrl, appUrl };
}

/**
 * Run as the owner after migrations: the app role reads and writes every table (also tables later migrations
 * create), but may only INSERT and SELECT audit records.
 */
export async function grantAppRole(ownerUrl: string, appRole: string): Promise<void> {
  const app = ident(appRole);
  const c = new Client({ connectionString: ownerUrl });
  await c.connect();
  try {
    await c.query(`GRANT USAGE ON SCHEMA public TO ${app}`);
    await c.query(`REVOKE CREATE ON SCHEMA public FROM ${app}`);
    await c.query(`GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA public TO ${app}`);
    await c.query(`GRANT USAGE, SELECT, UPDATE ON ALL SEQUENCES IN SCHEMA public TO ${app}`);
    await c.query(`ALTER DEFAULT PRIVILEGES IN SCHEMA public GRANT SELECT, INSERT, UPDATE, DELETE ON TABLES TO ${app}`);
    await c.query(`ALTER DEFAULT PRIVILEGES IN SCHEMA public GRANT USAGE, SELECT, UPDATE ON SEQUENCES TO ${app}`);
    const audit = await c.query(`SELECT 1 FROM pg_tables WHERE schemaname = 'public' AND tablename = 'audit_records'`);
    if (audit.rowCount) await c.query(`REVOKE UPDATE, DELETE, TRUNCATE ON audit_records FROM ${app}`);
    const migrations = await c.query(`SELECT 1 FROM pg_tables WHERE schemaname = 'public' AND tablename = 'schema_migrations'`);
    if (migrations.rowCount) await c.query(`REVOKE INSERT, UPDATE, DELETE, TRUNCATE ON schema_migrations FROM ${app}`);
  } finally {
    await c.end();
  }
}
