#!/usr/bin/env node
/**
 * Docker HEALTHCHECK for the Temporal worker container (plain JavaScript: it runs inside the image, next to
 * node_modules, without a build step).
 *
 * Healthy (exit 0) when Temporal lists a poller on the worker's task queue whose identity names this container's
 * hostname (the SDK's default worker identity is "<pid>@<hostname>") and that poller has polled recently.
 * Unhealthy (exit 1) when Temporal is unreachable, nothing from this container polls, or the last poll is too old.
 *
 * Environment: TEMPORAL_ADDRESS, TEMPORAL_NAMESPACE (default "default"), TEMPORAL_TASK_QUEUE (default
 * "eco-campaigns"), WORKER_HEALTH_MAX_IDLE_SECONDS (default 180; an idle worker long-polls about once a minute).
 */
'use strict';

const os = require('node:os');
const { Connection } = require('@temporalio/client');

const TASK_QUEUE_TYPES = { workflow: 1, activity: 2 };

function timestampToMs(ts) {
  if (!ts || ts.seconds == null) return undefined;
  const seconds = typeof ts.seconds === 'object' && typeof ts.seconds.toNumber === 'function' ? ts.seconds.toNumber() : Number(ts.seconds);
  return seconds * 1000 + Math.floor((ts.nanos || 0) / 1e6);
}

/** Pollers of one task queue type whose identity names `host` and polled within `maxIdleMs`. */
function freshPollersOf(pollers, host, nowMs, maxIdleMs) {
  return (pollers || []).filter((p) => {
    if (!String(p.identity || '').includes(host)) return false;
    const last = timestampToMs(p.lastAccessTime);
    return last !== undefined && nowMs - last <= maxIdleMs;
  });
}

async function check(env = process.env, host = os.hostname()) {
  const address = env.TEMPORAL_ADDRESS || '127.0.0.1:7233';
  const namespace = env.TEMPORAL_NAMESPACE || 'default';
  const taskQueue = env.TEMPORAL_TASK_QUEUE || 'eco-campaigns';
  const maxIdleMs = Number(env.WORKER_HEALTH_MAX_IDLE_SECONDS || 180) * 1000;

  const connection = await Connection.connect({ address, connectTimeout: 5000 });
  try {
    const found = [];
    for (const [kind, taskQueueType] of Object.entries(TASK_QUEUE_TYPES)) {
      const res = await connection.withDeadline(Date.now() + 5000, () =>
        connection.workflowService.describeTaskQueue({ namespace, taskQueue: { name: taskQueue, kind: 1 }, taskQueueType }),
      );
      const fresh = freshPollersOf(res.pollers, host, Date.now(), maxIdleMs);
      if (fresh.length > 0) found.push(`${kind}: ${fresh.map((p) => p.identity).join(', ')}`);
    }
    if (found.length === 0) {
      return { ok: false, message: `no recent poller from host ${host} on task queue "${taskQueue}" (namespace ${namespace}, ${address})` };
    }
    return { ok: true, message: `polling task queue "${taskQueue}" (${found.join('; ')})` };
  } finally {
    await connection.close();
  }
}

module.exports = { check, freshPollersOf, timestampToMs };

if (require.main === module) {
  check().then(
    (r) => {
      process.stdout.write(`${r.message}\n`);
      process.exit(r.ok ? 0 : 1);
    },
    (e) => {
      process.stdout.write(`worker health check failed: ${e instanceof Error ? e.message : String(e)}\n`);
      process.exit(1);
    },
  );
}
