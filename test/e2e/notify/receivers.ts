/**
 * Real receiving servers for the notification e2e tests, on loopback: an SMTP server (smtp-server + mailparser) and an
 * HTTP receiver that plays DingTalk custom robots (checks the timestamp/sign scheme) and WeCom group robots (checks the
 * text payload). They record what they ACCEPTED; they can be told to fail, or to hold a message before answering.
 */
import { createHmac } from 'crypto';
import { createServer, IncomingMessage, Server } from 'http';
import { AddressInfo } from 'net';
import { simpleParser } from 'mailparser';
import { SMTPServer } from 'smtp-server';

export interface ReceivedMail {
  messageId: string;
  to: string[];
  subject: string;
  text: string;
  html: string;
  dedupeKey: string;
}

export class MailReceiver {
  readonly mails: ReceivedMail[] = [];
  /** Called when a message's data has arrived, before the server answers 250 (await it to hold the answer). */
  beforeAccept: (m: ReceivedMail) => Promise<void> | void = () => undefined;
  private server!: SMTPServer;
  private closed = new Set<string>();
  port = 0;

  async start(): Promise<this> {
    this.server = new SMTPServer({
      authOptional: true,
      disabledCommands: ['STARTTLS'],
      logger: false,
      onClose: (session) => {
        this.closed.add(session.id);
      },
      onData: (stream, session, callback) => {
        simpleParser(stream)
          .then(async (parsed) => {
            const m: ReceivedMail = {
              messageId: parsed.messageId ?? '',
              to: session.envelope.rcptTo.map((r) => r.address),
              subject: parsed.subject ?? '',
              text: parsed.text ?? '',
              html: typeof parsed.html === 'string' ? parsed.html : '',
              dedupeKey: String(parsed.headers.get('x-eco-dedupe-key') ?? ''),
            };
            await this.beforeAccept(m);
            // Accepted = the 250 goes to a client that is still there (a client killed meanwhile never learns of it).
            if (this.closed.has(session.id)) return callback(new Error('client gone'));
            this.mails.push(m);
            callback();
          })
          .catch((e: Error) => callback(e));
      },
    });
    await new Promise<void>((resolve) => this.server.listen(0, '127.0.0.1', resolve));
    this.port = (this.server.server.address() as AddressInfo).port;
    return this;
  }

  get url(): string {
    return `smtp://127.0.0.1:${this.port}`;
  }

  to(address: string): ReceivedMail[] {
    return this.mails.filter((m) => m.to.includes(address));
  }

  async stop(): Promise<void> {
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }
}

export interface RobotCall {
  kind: 'dingtalk' | 'wecom' | 'sms';
  path: string;
  body: any;
  signatureValid: boolean | null;
  at: number;
}

/** Plays robot webhooks: POST /dingtalk/<token>?timestamp&sign, POST /wecom/<key>. */
export class RobotReceiver {
  readonly calls: RobotCall[] = [];
  readonly rejected: RobotCall[] = [];
  /** DingTalk secrets per access token. */
  readonly secrets = new Map<string, string>();
  /** While true, every call answers HTTP 503 (receiver down). */
  down = false;
  private server!: Server;
  port = 0;

  async start(): Promise<this> {
    this.server = createServer((req, res) => {
      void readBody(req).then((raw) => {
        const url = new URL(req.url ?? '/', 'http://127.0.0.1');
        const kind = url.pathname.startsWith('/dingtalk/') ? 'dingtalk' : url.pathname.startsWith('/sms') ? 'sms' : 'wecom';
        let body: any = null;
        try {
          body = JSON.parse(raw);
        } catch {
          body = null;
        }
        const call: RobotCall = { kind, path: url.pathname, body, signatureValid: null, at: Date.now() };
        if (this.down) {
          this.rejected.push(call);
          res.writeHead(503).end('down');
          return;
        }
        const answer = (errcode: number, errmsg: string) => {
          res.writeHead(200, { 'Content-Type': 'application/json' }).end(JSON.stringify({ errcode, errmsg }));
        };
        if (kind === 'sms') {
          // A gateway in the shape HttpSmsProvider speaks: Bearer token, { to, sign, template, params, requestId }.
          const ok = req.headers.authorization === 'Bearer sms-token' && /^\d{11}$/.test(body?.to ?? '') && typeof body?.template === 'string' && typeof body?.requestId === 'string';
          (ok ? this.calls : this.rejected).push(call);
          res.writeHead(ok ? 200 : 400, { 'Content-Type': 'application/json' }).end(JSON.stringify(ok ? { code: 'OK' } : { code: 'InvalidParameter' }));
          return;
        }
        if (kind === 'dingtalk') {
          const token = url.pathname.slice('/dingtalk/'.length);
          const secret = this.secrets.get(token);
          const ts = url.searchParams.get('timestamp') ?? '';
          const sign = url.searchParams.get('sign') ?? '';
          const expected = secret ? createHmac('sha256', secret).update(`${ts}\n${secret}`).digest('base64') : '';
          call.signatureValid = !!secret && sign === expected && Math.abs(Date.now() - Number(ts)) < 3600_000;
          if (!call.signatureValid) {
            this.rejected.push(call);
            return answer(310000, 'sign not match');
          }
          if (body?.msgtype !== 'markdown' || typeof body?.markdown?.title !== 'string' || typeof body?.markdown?.text !== 'string') {
            this.rejected.push(call);
            return answer(300001, 'invalid msgtype');
          }
        } else if (body?.msgtype !== 'text' || typeof body?.text?.content !== 'string' || Buffer.byteLength(body.text.content) > 2048) {
          this.rejected.push(call);
          return answer(40008, 'invalid message type');
        }
        this.calls.push(call);
        answer(0, 'ok');
      });
    });
    await new Promise<void>((resolve) => this.server.listen(0, '127.0.0.1', resolve));
    this.port = (this.server.address() as AddressInfo).port;
    return this;
  }

  dingtalkUrl(token: string): string {
    return `http://127.0.0.1:${this.port}/dingtalk/${token}`;
  }

  get smsUrl(): string {
    return `http://127.0.0.1:${this.port}/sms/send`;
  }

  wecomUrl(key: string): string {
    return `http://127.0.0.1:${this.port}/wecom/${key}`;
  }

  async stop(): Promise<void> {
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }
}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
  });
}
