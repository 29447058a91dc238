import { Global, Module } from '@nestjs/common';
import { AppConfig } from '../config/app-config';
import { DirectoryModule } from '../directory';
import { NoticeMailer } from './notice-mailer';
import { NoticeSender } from './notice-sender.service';
import { NoticeSentRepository } from './notice-sent.repository';
import { NoticeSettings } from './notice-settings';
import { NoticeSources } from './notice-sources';
import { NoticesDaily } from './notices-daily.service';
import { Notices } from './notices.service';
import { NoticesLifecycle } from './notices.lifecycle';

/**
 * E-mail notices (issue 15): the `Notices` port features call inside their unit of work, the `notice.send` job
 * that sends through SMTP (nodemailer), the Italian templates, `notices_sent`. Global, as the audit is: every
 * feature that tells something may inject `Notices` without importing this module (which imports only the directory).
 */
@Global()
@Module({
  imports: [DirectoryModule],
  providers: [
    { provide: NoticeSettings, inject: [AppConfig], useFactory: (config: AppConfig) => NoticeSettings.load(config) },
    NoticeMailer,
    NoticeSentRepository,
    NoticeSender,
    Notices,
    NoticeSources,
    NoticesDaily,
    NoticesLifecycle,
  ],
  exports: [Notices, NoticeSources, NoticesDaily],
})
export class NoticesModule {}
