import { Runtime } from '@temporalio/worker';
import type { Logger } from 'pino';
import { TemporalPinoLogger } from './temporal-logger';

let installed: { sdkMetricsUrl?: string } | undefined;

/**
 * Installs the Temporal Runtime once per process: SDK, core, workflow and activity logs go to pino, and the SDK's
 * metrics (workflow task latency, activity failures, sticky cache …) are served by its Prometheus exporter on
 * loopback `sdkMetricsPort` (0 = off), which the worker's /metrics re-exports. Must run before any connection.
 */
export function installTemporalRuntime(opts: { logger: Logger; sdkMetricsPort: number }): { sdkMetricsUrl?: string } {
  if (installed) return installed;
  const bind = opts.sdkMetricsPort > 0 ? `127.0.0.1:${opts.sdkMetricsPort}` : undefined;
  try {
    Runtime.install({
      logger: new TemporalPinoLogger(opts.logger),
      telemetryOptions: {
        logging: { filter: { core: 'WARN', other: 'ERROR' }, forward: {} },
        ...(bind ? { metrics: { prometheus: { bindAddress: bind, countersTotalSuffix: true, unitSuffix: true, useSecondsForDurations: true } } } : {}),
      },
    });
    installed = { sdkMetricsUrl: bind ? `http://${bind}/metrics` : undefined };
  } catch (e) {
    // Already instantiated (e.g. a test created a connection first): keep the existing runtime.
    opts.logger.warn({ err: e }, 'Temporal runtime already installed; SDK logs/metrics keep their earlier settings');
    installed = {};
  }
  return installed;
}
