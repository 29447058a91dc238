import { Injectable, OnApplicationShutdown } from '@nestjs/common';
import { createTransport, Transporter } from 'nodemailer';
import { NoticeSettings } from './notice-settings';
import { RenderedNotice } from './templates/notice-templates';

/**
 * The SMTP adapter (nodemailer). SMTP_URL carries the account's password when the server wants one: it is given
 * to nodemailer only, never logged, and errors are reduced to their code and the server's reply code.
 */
@Injectable()
export class NoticeMailer implements OnApplicationShutdown {
  private transport: Transporter | null = null;

  constructor(private readonly settings: NoticeSettings) {}

  private transporter(): Transporter {
    if (!this.settings.smtpUrl) throw new Error('SMTP_URL is not set');
    this.transport ??= createTransport(this.settings.smtpUrl, { from: this.settings.from });
    return this.transport;
  }

  /** Sends one message; resolves with the Message-ID the server accepted, throws (a safe message) otherwise. */
  async send(to: string[], mail: RenderedNotice, messageId: string): Promise<string> {
    try {
      const info = (await this.transporter().sendMail({ to, subject: mail.subject, text: mail.text, html: mail.html, messageId })) as { messageId?: string };
      return info.messageId ?? messageId;
    } catch (err) {
      const e = err as { code?: string; responseCode?: number; command?: string };
      throw new Error(`SMTP send failed: ${e.code ?? 'error'}${e.responseCode ? ` ${e.responseCode}` : ''}${e.command ? ` at ${e.command}` : ''}`);
    }
  }

  onApplicationShutdown(): void {
    this.transport?.close();
    this.transport = null;
  }
}
