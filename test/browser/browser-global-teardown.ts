import '../setup/aliases'; // first: @eco/* for global setup code (outside jest's moduleNameMapper)
import e2eTeardown from '../setup/e2e-global-teardown';

export default async function teardown(): Promise<void> {
  if ((globalThis as any).__ECO_BROWSER_OWNS_STACK__) await e2eTeardown();
}
