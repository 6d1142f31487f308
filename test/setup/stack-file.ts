import { join } from 'path';

/** Where global setup writes the addresses of the servers it started (read by the tests). */
export const STACK_FILE = join(__dirname, '../../.data/test-stack.json');

export interface TestStack {
  /** Superuser (or whatever DATABASE_URL gave): for tests that create databases or act as an attacker with full rights. */
  databaseUrl: string;
  /** The apps' role (not a superuser, owns nothing; INSERT/SELECT only on audit_records): what testConfig() uses. */
  appUrl?: string;
  /** The schema owner role that runs the migrations. */
  ownerUrl?: string;
  temporalAddress: string;
  namespace: string;
  pgDataDir?: string;
  /** The real S3-compatible server (Versity S3 Gateway) the storage tests run against. */
  s3: { endpoint: string; accessKeyId: string; secretAccessKey: string; region: string };
}
