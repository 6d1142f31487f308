/**
 * The quick start's mailbox: a local SMTP server on loopback that keeps every message it accepts as an .eml file (one
 * per recipient) under `dir`, named after when it came and whom it is for — so the e-mail channel of reminders,
 * notices and 催办 is delivered on embedded defaults as in production, to the people named, and nothing leaves the
 * machine. Open a file with any mail program, or read it as text. Not for production: point NOTIFY_SMTP_URL at the
 * organization's mail server instead (scripts/start-stack.ts starts this only when NOTIFY_SMTP_URL is not set).
 */
import { mkdirSync, writeFileSync } from 'fs';
import { AddressInfo } from 'net';
import { join } from 'path';
import { SMTPServer } from 'smtp-server';

export interface DevMailboxOptions {
  /** Port on 127.0.0.1 (0: any free one). */
  port: number;
  /** Where the .eml files go (created when missing). */
  dir: string;
  /** Largest message accepted (bytes; default 10 MB). */
  maxBytes?: number;
  /** Where its errors are told (a client gone mid-message, a file not written); they never stop it. */
  log?: (message: string) => void;
}

export interface DevMailbox {
  /** smtp://127.0.0.1:<port> — NOTIFY_SMTP_URL for the worker and the API. */
  readonly url: string;
  readonly port: number;
  readonly dir: string;
  /** How many files it has written. */
  readonly received: number;
  stop(): Promise<void>;
}

/** A file name's part from an address: what is safe in a file name on every system. */
const safe = (s: string) => s.replace(/[^A-Za-z0-9._@-]+/g, '_').slice(0, 80);

export async function startDevMailbox(o: DevMailboxOptions): Promise<DevMailbox> {
  mkdirSync(o.dir, { recursive: true });
  const maxBytes = o.maxBytes ?? 10 * 1024 * 1024;
  let received = 0;
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    logger: false,
    size: maxBytes,
    onData(stream, session, callback) {
      // smtp-server counts the message against `size` and says so (sizeExceeded): nothing past it is kept
      const tooLarge = () => (stream as { sizeExceeded?: boolean }).sizeExceeded === true;
      const chunks: Buffer[] = [];
      stream.on('data', (c: Buffer) => {
        if (!tooLarge()) chunks.push(c);
      });
      stream.on('error', callback);
      stream.on('end', () => {
        if (tooLarge()) return callback(Object.assign(new Error('message too large'), { responseCode: 552 }));
        try {
          const body = Buffer.concat(chunks);
          const at = new Date().toISOString().replace(/[:.]/g, '-');
          for (const r of session.envelope.rcptTo) {
            writeFileSync(join(o.dir, `${at}-${safe(r.address)}-${received + 1}.eml`), body);
            received++;
          }
          callback();
        } catch (e) {
          callback(e as Error);
        }
      });
    },
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(o.port, '127.0.0.1', () => {
      server.off('error', reject);
      // From now on an error is one connection's (a worker restarted mid-message): told, never thrown at the process.
      server.on('error', (e: Error) => o.log?.(`mailbox: ${e.message}`));
      resolve();
    });
  });
  const port = (server.server.address() as AddressInfo).port;
  return {
    url: `smtp://127.0.0.1:${port}`,
    port,
    dir: o.dir,
    get received() {
      return received;
    },
    stop: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
