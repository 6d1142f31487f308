/**
 * A bare delivery process for the crash test: runs the real NotificationDispatcher (TypeScript, transpiled on load)
 * against the real database and SMTP server at the instant FAKE_NOW until nothing is due, then exits 0.
 * The parent kills it with SIGKILL in the middle of a send.
 */
const fs = require('fs');
const ts = require('typescript');
require.extensions['.ts'] = (module, filename) => {
  const out = ts.transpileModule(fs.readFileSync(filename, 'utf8'), {
    fileName: filename,
    compilerOptions: { module: ts.ModuleKind.CommonJS, target: ts.ScriptTarget.ES2022, experimentalDecorators: true, emitDecoratorMetadata: true, esModuleInterop: true },
  });
  module._compile(out.outputText, filename);
};
require('../../../scripts/aliases').registerSourceAliases(); // @eco/<lib> → libs/<lib>/src/index.ts
require('reflect-metadata');
const { DataSource } = require('typeorm');
const { dataSourceOptions } = require('@eco/persistence');
const { NotificationDeliveryRepository } = require('@eco/persistence');
const { loadConfig } = require('@eco/config');
const { NotificationDispatcher } = require('../../../activities/notification-dispatcher');
const { calendarOf, workingHoursOf } = require('../../../activities/notification-router.service');

(async () => {
  const config = loadConfig(process.env);
  const ds = new DataSource(dataSourceOptions(config.DATABASE_URL, 2));
  await ds.initialize();
  const quiet = { log: () => undefined, warn: (m) => process.stdout.write(`warn ${m}\n`), error: (m) => process.stdout.write(`error ${m}\n`) };
  const d = new NotificationDispatcher(new NotificationDeliveryRepository(ds), config, calendarOf(config), workingHoursOf(config), quiet, process.env.CAMPAIGN_PREFIX);
  const now = new Date(process.env.FAKE_NOW);
  process.stdout.write(`ready ${process.pid}\n`);
  const stats = await d.drain(() => now);
  process.stdout.write(`done ${JSON.stringify(stats)}\n`);
  await d.stop();
  await ds.destroy();
  process.exit(0);
})().catch((e) => {
  process.stderr.write(`${e.stack || e}\n`);
  process.exit(1);
});
