import path from 'node:path';
import type { Provider } from '@nestjs/common';
import { APP_CONFIG, type AppConfig } from '@innoserve/core';
import { EmlFileMailer, Mailer, SmtpMailer } from './mailer.js';

/** SMTP when SMTP_URL is set; otherwise .eml files under DATA_DIR/mail (the embedded default). */
export function mailerFor(config: Pick<AppConfig, 'SMTP_URL' | 'MAIL_FROM' | 'DATA_DIR'>): Mailer {
  return config.SMTP_URL ? new SmtpMailer(config.SMTP_URL, config.MAIL_FROM) : new EmlFileMailer(path.resolve(config.DATA_DIR, 'mail'), config.MAIL_FROM);
}

export const MAILER_PROVIDER: Provider = { provide: Mailer, useFactory: (config: AppConfig) => mailerFor(config), inject: [APP_CONFIG] };
