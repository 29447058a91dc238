import { Injectable } from '@nestjs/common';
import { AuditService } from '../audit';
import { SYSTEM_ACTOR } from '../common/auth/roles';
import { Clock } from '../common/clock';
import { UnitOfWork } from '../database/unit-of-work';
import { JobOutcome } from '../jobs';
import { NoticePayload, noticeId } from './domain/notice-kinds';
import { NoticeMailer } from './notice-mailer';
import { NoticeSentRepository } from './notice-sent.repository';
import { NoticeSettings } from './notice-settings';
import { renderNotice } from './templates/notice-templates';

/**
 * The `notice.send` handler. Sends nothing when `notices_sent` already has the notice; otherwise renders the
 * Italian template, hands the mail to the SMTP server (a failure throws: the job is retried with backoff) and
 * records the send with its audit entry. The only window for a second copy is a crash between the server's
 * acceptance and that commit; the stable Message-ID lets a mail client fold such a copy.
 */
@Injectable()
export class NoticeSender {
  constructor(
    private readonly settings: NoticeSettings,
    private readonly mailer: NoticeMailer,
    private readonly sent: NoticeSentRepository,
    private readonly uow: UnitOfWork,
    private readonly audit: AuditService,
    private readonly clock: Clock,
  ) {}

  async send(payload: NoticePayload): Promise<JobOutcome> {
    const id = noticeId(payload.kind, payload.key);
    if (!this.settings.enabled || (await this.sent.wasSent(id))) return 'skipped';
    const mail = renderNotice(payload.kind, payload.facts, {
      municipality: this.settings.municipality,
      timeZone: this.settings.timeZone,
      employee: payload.employee,
    });
    const domain = /@([^>\s]+)>?\s*$/.exec(this.settings.from)?.[1] ?? 'localhost';
    const messageId = await this.mailer.send(payload.to, mail, `<${id}@${domain}>`);
    await this.uow.run(async (tx) => {
      await this.sent.markSent(tx, { noticeId: id, kind: payload.kind, recipients: payload.to.length, messageId, sentAt: this.clock.nowIso() });
      await this.audit.record(tx, SYSTEM_ACTOR, {
        action: 'notice.sent',
        entityType: 'notice',
        entityId: id,
        summary: { kind: payload.kind, key: payload.key, recipients: payload.to.length },
      });
    });
    return 'done';
  }
}
