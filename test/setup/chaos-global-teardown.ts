import './aliases'; // first: @eco/* for global setup code (outside jest's moduleNameMapper)
import { rmSync } from 'fs';
import { readFileSync } from 'fs';
import { CHAOS_STACK_FILE, ChaosStack } from './chaos-global-setup';

export default async function teardown(): Promise<void> {
  const pg: { stop(): Promise<void> } | undefined = (globalThis as any).__ECO_CHAOS__;
  await pg?.stop().catch(() => undefined);
  try {
    const s = JSON.parse(readFileSync(CHAOS_STACK_FILE, 'utf8')) as ChaosStack;
    rmSync(s.workDir, { recursive: true, force: true });
  } catch {
    /* nothing to remove */
  }
}
