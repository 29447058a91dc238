import { AppConfig } from '../config/app-config';

/** The notice settings read from the configuration once; `smtpUrl` null = notices off (nothing is recorded). */
export class NoticeSettings {
  constructor(
    readonly smtpUrl: string | null,
    readonly from: string,
    readonly addresses: Partial<Record<'hotline' | 'hr' | 'technicians' | 'admins', string>>,
    readonly municipality: string,
    readonly timeZone: string,
  ) {}

  get enabled(): boolean {
    return this.smtpUrl !== null;
  }

  static load(config: AppConfig): NoticeSettings {
    const e = config.env;
    return new NoticeSettings(
      e.SMTP_URL ?? null,
      e.SMTP_FROM,
      { hotline: e.NOTICES_HOTLINE_EMAIL, hr: e.NOTICES_HR_EMAIL, technicians: e.NOTICES_TECHNICIANS_EMAIL, admins: e.NOTICES_ADMINS_EMAIL },
      e.MUNICIPALITY_NAME,
      e.TIMEZONE,
    );
  }
}
