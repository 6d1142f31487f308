/**
 * The raw-Temporal baseline's worker (bench/run.ts, bench/probe-actions.ts): the no-op workflow (noop.workflow.ts) on its
 * own task queue, in the benchmark's process, on a connection of its own that `stop` closes.
 */
import { NativeConnection, Worker } from '@temporalio/worker';

export async function startRawNoopWorker(address: string, namespace: string, taskQueue: string): Promise<{ stop(): Promise<void> }> {
  const connection = await NativeConnection.connect({ address });
  const worker = await Worker.create({ connection, namespace, taskQueue, workflowsPath: require.resolve('./noop.workflow') });
  const running = worker.run();
  return {
    async stop() {
      worker.shutdown();
      await running;
      await connection.close();
    },
  };
}
