/**
 * The raw-Temporal baseline of the benchmark: a workflow whose only work is a no-op Update (validator + handler that
 * bump a counter). Whatever the product's action path costs beyond this is the product's own overhead.
 */
import { condition, defineSignal, defineUpdate, setHandler } from '@temporalio/workflow';

export const noopUpdate = defineUpdate<number, [string]>('noop');
export const finishSignal = defineSignal('finish');

export async function noopWorkflow(): Promise<number> {
  let count = 0;
  let done = false;
  setHandler(
    noopUpdate,
    (_payload: string) => ++count,
    { validator: (payload: string) => void payload },
  );
  setHandler(finishSignal, () => void (done = true));
  await condition(() => done);
  return count;
}
