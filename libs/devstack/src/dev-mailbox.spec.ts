import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import { createTransport } from 'nodemailer';
import { startDevMailbox, type DevMailbox } from './dev-mailbox';

describe('the quick start mailbox (local SMTP into .eml files)', () => {
  let dir: string;
  let box: DevMailbox;
  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'eco-mailbox-'));
    box = await startDevMailbox({ port: 0, dir: join(dir, 'mail'), maxBytes: 64 * 1024 });
  });
  afterAll(async () => {
    await box?.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  it('keeps each accepted message as one file per recipient, named for whom it is', async () => {
    const mail = createTransport({ url: box.url } as never);
    await mail.sendMail({ from: '创建办 <noreply@eco-campaign.local>', to: ['sx-tjj@sishui.example', 'sx-tjj-fzr@sishui.example'], subject: '【催办】「统计年鉴」需要您处理', text: '请本周五前报送。' });
    const files = readdirSync(join(dir, 'mail')).sort();
    expect(files).toHaveLength(2);
    expect(files.map((f) => f.replace(/^.*?Z-/, ''))).toEqual(['sx-tjj-fzr@sishui.example-2.eml', 'sx-tjj@sishui.example-1.eml']);
    const eml = readFileSync(join(dir, 'mail', files[1]), 'utf8');
    expect(eml).toMatch(/^Subject: /m);
    expect(eml).toContain('sx-tjj@sishui.example');
    expect(box.received).toBe(2);
  });

  it('refuses a message over its size limit (552) and writes nothing for it', async () => {
    const mail = createTransport({ url: box.url } as never);
    const before = readdirSync(join(dir, 'mail')).length;
    await expect(mail.sendMail({ from: 'a@x.example', to: 'b@x.example', subject: 'big', text: 'x'.repeat(200 * 1024) })).rejects.toMatchObject({ responseCode: 552 });
    expect(readdirSync(join(dir, 'mail'))).toHaveLength(before);
  });

  it('keeps running when a client goes away in the middle of a message (a worker restarted while sending)', async () => {
    const { connect } = await import('net');
    const sock = connect(box.port, '127.0.0.1');
    const said: string[] = [];
    sock.on('data', (d) => said.push(String(d)));
    const wait = (re: RegExp) => new Promise<void>((resolve) => { const t = setInterval(() => { if (re.test(said.join(''))) { clearInterval(t); resolve(); } }, 10); });
    await wait(/^220 /m);
    sock.write('EHLO test\r\nMAIL FROM:<a@x.example>\r\nRCPT TO:<b@x.example>\r\nDATA\r\n');
    await wait(/^354 /m);
    sock.write('Subject: half\r\n\r\nhalf a message');
    sock.resetAndDestroy(); // RST, as a killed process's socket
    await new Promise((r) => setTimeout(r, 100));
    const mail = createTransport({ url: box.url } as never);
    await mail.sendMail({ from: 'a@x.example', to: 'c@x.example', subject: 'after', text: 'still here' });
    expect(readdirSync(join(dir, 'mail')).some((f) => f.includes('c@x.example'))).toBe(true);
    expect(readdirSync(join(dir, 'mail')).some((f) => f.includes('b@x.example'))).toBe(false);
  });
});
