import { Injectable } from '@nestjs/common';
import { addDays } from '../common/clock';
import { NoticeRequest, NoticeSource } from '../notices';
import { AgreementEntity } from './agreement.entity';
import { AgreementRepository } from './agreement.repository';
import { addMonths, SAFETY_NOTICE_VALIDITY_MONTHS, safetyNoticeExpiresOn } from './domain/safety-notice.policy';

export const SAFETY_NOTICE_WARNING_DAYS = 30;

/** A binding agreement whose safety notice stops counting on `dueDate`. */
export interface SafetyNoticeDue {
  agreement: AgreementEntity;
  dueDate: string;
}

/**
 * The daily e-mail source of agreements: a safety notice that stops counting within 30 days (HR and the employee
 * are told). One notice per agreement and expiry date: a new delivery moves the date and makes a new notice.
 * HR's page lists the same (GET /api/v1/agreements/safety-notices-due), through `dueWithin`.
 */
@Injectable()
export class SafetyNoticeDueSource implements NoticeSource {
  readonly name = 'agreements.safety-notice-due';

  constructor(private readonly agreements: AgreementRepository) {}

  async due(today: string): Promise<NoticeRequest[]> {
    return (await this.dueWithin(today, SAFETY_NOTICE_WARNING_DAYS)).map(({ agreement: a, dueDate }) => ({
      kind: 'safety-notice-due',
      key: `${a.id}-${dueDate}`,
      employeeId: a.employeeId,
      facts: { dueDate },
    }));
  }

  /** Notices that stop counting between today and `days` days later (both included), soonest first. */
  async dueWithin(today: string, days: number): Promise<SafetyNoticeDue[]> {
    const horizon = addDays(today, days);
    // A few days' margin each side for month ends (29-31 → 28): the exact rule filters below.
    const from = addDays(addMonths(today, -SAFETY_NOTICE_VALIDITY_MONTHS), -4);
    const to = addDays(addMonths(horizon, -SAFETY_NOTICE_VALIDITY_MONTHS), 4);
    const out: SafetyNoticeDue[] = [];
    for (const a of await this.agreements.safetyNoticesDeliveredBetween(from, to)) {
      const dueDate = safetyNoticeExpiresOn(a.safetyNoticeDeliveredOn as string);
      if (dueDate < today || dueDate > horizon) continue;
      // The agreement ends before the notice does: nothing to renew.
      if ((a.endDate !== null && a.endDate < dueDate) || (a.withdrawalEffectiveDate !== null && a.withdrawalEffectiveDate <= dueDate)) continue;
      out.push({ agreement: a, dueDate });
    }
    return out.sort((x, y) => (x.dueDate === y.dueDate ? (x.agreement.id < y.agreement.id ? -1 : 1) : x.dueDate < y.dueDate ? -1 : 1));
  }
}
