/**
 * SMS: a deployment plugs its gateway behind SmsProvider. HttpSmsProvider posts
 * `{ to, sign, template, params, requestId }` as JSON to a configurable endpoint (Bearer token optional) and treats any
 * 2xx answer whose JSON `code` is absent, 0, '0' or 'OK' as accepted. requestId is the outbox dedupe key, so a gateway
 * that deduplicates on it never sends twice.
 */
export interface SmsMessage {
  to: string;
  template: string;
  params: Record<string, string>;
  requestId: string;
}

export interface SmsProvider {
  send(m: SmsMessage): Promise<void>;
}

export class HttpSmsProvider implements SmsProvider {
  constructor(private readonly o: { url: string; token?: string; sign: string; timeoutMs?: number }) {}

  async send(m: SmsMessage): Promise<void> {
    const res = await fetch(this.o.url, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json; charset=utf-8', ...(this.o.token ? { Authorization: `Bearer ${this.o.token}` } : {}) },
      body: JSON.stringify({ to: m.to, sign: this.o.sign, template: m.template, params: m.params, requestId: m.requestId }),
      signal: AbortSignal.timeout(this.o.timeoutMs ?? 10000),
    });
    const text = await res.text();
    if (!res.ok) throw new Error(`SMS gateway HTTP ${res.status}: ${text.slice(0, 200)}`);
    let code: unknown;
    try {
      code = (JSON.parse(text) as { code?: unknown }).code;
    } catch {
      code = undefined;
    }
    if (code !== undefined && code !== 0 && code !== '0' && code !== 'OK') throw new Error(`SMS gateway refused: ${text.slice(0, 200)}`);
  }
}
