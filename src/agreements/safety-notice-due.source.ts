import { Injectable } from '@nestjs/common';
import { addDays } from '../common/clock';
import { NoticeRequest, NoticeSource } from '../notices';
import { AgreementRepository } from './agreement.repository';
import { addMonths, SAFETY_NOTICE_VALIDITY_MONTHS, safetyNoticeExpiresOn } from './domain/safety-notice.policy';

export const SAFETY_NOTICE_WARNING_DAYS = 30;

/**
 * The daily e-mail source of agreements: a safety notice that stops counting within 30 days (HR and the employee
 * are told). One notice per agreement and expiry date: a new delivery moves the date and makes a new notice.
 */
@Injectable()
export class SafetyNoticeDueSource implements NoticeSource {
  readonly name = 'agreements.safety-notice-due';

  constructor(private readonly agreements: AgreementRepository) {}

  async due(today: string): Promise<NoticeRequest[]> {
    const horizon = addDays(today, SAFETY_NOTICE_WARNING_DAYS);
    // A few days' margin each side for month ends (29-31 → 28): the exact rule filters below.
    const from = addDays(addMonths(today, -SAFETY_NOTICE_VALIDITY_MONTHS), -4);
    const to = addDays(addMonths(horizon, -SAFETY_NOTICE_VALIDITY_MONTHS), 4);
    const out: NoticeRequest[] = [];
    for (const a of await this.agreements.safetyNoticesDeliveredBetween(from, to)) {
      const dueDate = safetyNoticeExpiresOn(a.safetyNoticeDeliveredOn as string);
      if (dueDate < today || dueDate > horizon) continue;
      // The agreement ends before the notice does: nothing to renew.
      if ((a.endDate !== null && a.endDate < dueDate) || (a.withdrawalEffectiveDate !== null && a.withdrawalEffectiveDate <= dueDate)) continue;
      out.push({ kind: 'safety-notice-due', key: `${a.id}-${dueDate}`, employeeId: a.employeeId, facts: { dueDate } });
    }
    return out;
  }
}
