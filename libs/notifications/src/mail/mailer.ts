import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import nodemailer, { type Transporter } from 'nodemailer';

export interface OutgoingMail {
  to: string;
  subject: string;
  text: string;
  html?: string;
  /** Extra headers, e.g. List-Unsubscribe (RFC 8058). */
  headers?: Record<string, string>;
  /** A stable id for the message (also its .eml file name). */
  id: string;
}

export interface SentMail {
  messageId: string;
  /** Where it went: the SMTP server's answer, or the .eml file. */
  delivery: string;
}

/** How e-mail leaves: SMTP when SMTP_URL is set, else .eml files under DATA_DIR/mail. */
export abstract class Mailer {
  abstract readonly kind: 'smtp' | 'file';
  abstract send(mail: OutgoingMail): Promise<SentMail>;
}

function message(from: string, mail: OutgoingMail) {
  return { from, to: mail.to, subject: mail.subject, text: mail.text, html: mail.html, headers: mail.headers, messageId: `<${mail.id}@innoserve>` };
}

/** SMTP through nodemailer (SMTP_URL, e.g. smtps://user:pass@smtp.example.com:465). */
export class SmtpMailer extends Mailer {
  readonly kind = 'smtp' as const;
  private readonly transport: Transporter;
  constructor(
    smtpUrl: string,
    private readonly from: string,
  ) {
    super();
    this.transport = nodemailer.createTransport(smtpUrl);
  }
  async send(mail: OutgoingMail): Promise<SentMail> {
    const info = await this.transport.sendMail(message(this.from, mail));
    return { messageId: String(info.messageId), delivery: String(info.response ?? 'sent') };
  }
}

/** The embedded default: each message composed by nodemailer (real MIME) and written to DATA_DIR/mail/<id>.eml. */
export class EmlFileMailer extends Mailer {
  readonly kind = 'file' as const;
  private readonly transport: Transporter;
  constructor(
    private readonly dir: string,
    private readonly from: string,
  ) {
    super();
    this.transport = nodemailer.createTransport({ streamTransport: true, buffer: true, newline: 'windows' });
  }
  async send(mail: OutgoingMail): Promise<SentMail> {
    const info = (await this.transport.sendMail(message(this.from, mail))) as unknown as { messageId: string; message: Buffer };
    await mkdir(this.dir, { recursive: true });
    const file = path.join(this.dir, `${mail.id}.eml`);
    await writeFile(file, info.message);
    return { messageId: info.messageId, delivery: file };
  }
}
