import { addDays } from '../../common/clock';
import { RuleViolation } from '../../common/errors/domain-error';

export type WithdrawalInitiator = 'employer' | 'employee';

export interface WithdrawalRequest {
  initiatedBy: WithdrawalInitiator;
  /** Day the other party received the notice. */
  noticeDate: string;
  justifiedCause: boolean;
  /** Optional later date asked for; never earlier than the legal minimum. */
  requestedEffectiveDate?: string | null;
}

export interface WithdrawalContext {
  startDate: string;
  endDate: string | null;
  /** The worker is protected (L. 68/1999): the employer must give 90 days' notice. */
  disabledWorker: boolean;
  today: string;
}

export type WithdrawalBasis = 'justified_cause' | 'notice_30_days' | 'notice_90_days_disabled_worker';

export interface WithdrawalDecision {
  /** First day the agreement is no longer in force. */
  effectiveDate: string;
  earliestEffectiveDate: string;
  noticeDays: number;
  basis: WithdrawalBasis;
  /** The withdrawal takes effect today or earlier: the agreement ends now. */
  immediate: boolean;
}

export const NOTICE_DAYS = 30;
export const NOTICE_DAYS_DISABLED_WORKER = 90;

/**
 * L. 81/2017 art. 19 c. 2. Indefinite agreement: either party may withdraw with at least 30 days' notice, 90 when
 * the employer withdraws from a disabled worker; with a justified cause, without notice (effective the day of
 * the notice). Fixed-term agreement (our decision, following the same article): it ends at its end date and
 * can be withdrawn before the term only for a justified cause, then effective at once; a withdrawal without
 * justified cause is refused (WITHDRAWAL_NEEDS_JUSTIFIED_CAUSE) — the parties may instead agree a new end date.
 */
export function decideWithdrawal(request: WithdrawalRequest, context: WithdrawalContext): WithdrawalDecision {
  if (request.noticeDate > context.today) {
    throw new RuleViolation('NOTICE_DATE_IN_FUTURE', 'The notice date cannot be after today: record the withdrawal when notice is given', {
      noticeDate: request.noticeDate,
      today: context.today,
    });
  }
  const fixedTerm = context.endDate !== null;
  if (fixedTerm && !request.justifiedCause) {
    throw new RuleViolation(
      'WITHDRAWAL_NEEDS_JUSTIFIED_CAUSE',
      'A fixed-term agreement can be withdrawn before its end date only for a justified cause (L. 81/2017 art. 19)',
      { endDate: context.endDate },
    );
  }
  let basis: WithdrawalBasis;
  let noticeDays: number;
  if (request.justifiedCause) {
    basis = 'justified_cause';
    noticeDays = 0;
  } else if (request.initiatedBy === 'employer' && context.disabledWorker) {
    basis = 'notice_90_days_disabled_worker';
    noticeDays = NOTICE_DAYS_DISABLED_WORKER;
  } else {
    basis = 'notice_30_days';
    noticeDays = NOTICE_DAYS;
  }
  const earliestEffectiveDate = addDays(request.noticeDate, noticeDays);
  const effectiveDate = request.requestedEffectiveDate ?? earliestEffectiveDate;
  if (effectiveDate < earliestEffectiveDate) {
    throw new RuleViolation('WITHDRAWAL_NOTICE_TOO_SHORT', `The withdrawal cannot take effect before ${earliestEffectiveDate} (${noticeDays} days' notice)`, {
      requestedEffectiveDate: effectiveDate,
      earliestEffectiveDate,
      noticeDays,
      basis,
    });
  }
  if (context.endDate !== null && effectiveDate > addDays(context.endDate, 1)) {
    throw new RuleViolation('WITHDRAWAL_AFTER_END_DATE', `The agreement ends on ${context.endDate} anyway`, { endDate: context.endDate, effectiveDate });
  }
  return { effectiveDate, earliestEffectiveDate, noticeDays, basis, immediate: effectiveDate <= context.today };
}
