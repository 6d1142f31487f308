/**
 * E-mail through SMTP (nodemailer): Chinese subject, plain text + HTML. The Message-ID is derived from the outbox
 * row's dedupe key, so a resend after a crash carries the same Message-ID (mail clients and most stores collapse it).
 */
import { createHash } from 'crypto';
import nodemailer, { type Transporter } from 'nodemailer';

export function messageIdFor(dedupeKey: string, domain = 'eco-campaign.local'): string {
  return `<${createHash('sha256').update(dedupeKey).digest('hex').slice(0, 40)}@${domain}>`;
}

export class EmailChannel {
  private readonly transport: Transporter;
  constructor(
    smtpUrl: string,
    private readonly from: string,
  ) {
    this.transport = nodemailer.createTransport(smtpUrl, { connectionTimeout: 10000, greetingTimeout: 10000, socketTimeout: 30000 } as any);
  }

  async send(to: string, m: { subject: string; text: string; html: string }, dedupeKey: string): Promise<void> {
    await this.transport.sendMail({ from: this.from, to, subject: m.subject, text: m.text, html: m.html, messageId: messageIdFor(dedupeKey), headers: { 'X-Eco-Dedupe-Key': dedupeKey } });
  }

  close(): void {
    this.transport.close();
  }
}
