/**
 * The browser tests' jest environment: Node's, plus a word from the browser when a test fails. A step that waits in
 * vain (a button that is not there, a message that never comes) says only what it waited for; the driver registers
 * `__browserFailureDump` (useSessions), which writes each open page's address, open dialogs, visible errors and a
 * screenshot to stderr — what the screen showed when the test failed.
 */
import NodeEnvironment from 'jest-environment-node';

/** What this environment reads of jest-circus's events (a test's or a hook's failure; the rest are passed by). */
type CircusEvent = { name: string; test?: { name: string }; hook?: { type: string } };

export default class BrowserTestEnvironment extends NodeEnvironment {
  async handleTestEvent(event: CircusEvent): Promise<void> {
    if (event.name !== 'test_fn_failure' && event.name !== 'hook_failure') return;
    const dump = this.global.__browserFailureDump as ((what: string) => Promise<void>) | undefined;
    const what = event.name === 'test_fn_failure' ? (event.test?.name ?? 'test') : `${event.hook?.type ?? ''} hook`;
    if (dump) await dump(what).catch((e: unknown) => process.stderr.write(`[browser] failure dump failed: ${String(e)}\n`));
  }
}
