/**
 * `npm run bench:local-write`'s workflows: an Update answered after nothing (the raw no-op), after a local activity that
 * writes one row (the product's way: `persistChanges`), or after a sink call that writes it (the SDK runs a workflow's
 * sink calls once its activation is done and awaits them before the activation's completion goes to Temporal).
 */
import { condition, defineSignal, defineUpdate, proxyLocalActivities, proxySinks, setHandler, type Sinks } from '@temporalio/workflow';

export type LocalWriteMode = 'noop' | 'localActivity' | 'sink';
export type LocalWritePayload = Record<string, string>;

export interface LocalWriteSinks extends Sinks {
  db: { write(payload: LocalWritePayload, n: number): void };
}

export const writeUpdate = defineUpdate<number, [LocalWritePayload]>('write');
export const finishWriteSignal = defineSignal('finish');

const { write } = proxyLocalActivities<{ write(payload: LocalWritePayload, n: number): Promise<void> }>({ startToCloseTimeout: '10s' });
const { db } = proxySinks<LocalWriteSinks>();

export async function localWriteWorkflow(mode: LocalWriteMode): Promise<number> {
  let n = 0;
  let done = false;
  setHandler(
    writeUpdate,
    async (payload: LocalWritePayload) => {
      n++;
      if (mode === 'localActivity') await write(payload, n);
      else if (mode === 'sink') db.write(payload, n);
      return n;
    },
    { validator: (payload: LocalWritePayload) => void payload },
  );
  setHandler(finishWriteSignal, () => void (done = true));
  await condition(() => done);
  return n;
}
