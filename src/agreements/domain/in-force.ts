import { addDays } from '../../common/clock';
import { AgreementSnapshot } from './agreement-snapshot';
import { BINDING_STATES, isUnsigned } from './agreement-state';

type Dates = Pick<AgreementSnapshot, 'startDate' | 'endDate' | 'withdrawalEffectiveDate'>;

/** Last day the agreement covers (its end date, or the day before a withdrawal takes effect); null: open-ended. */
export function lastCoveredDay(a: Dates): string | null {
  const beforeWithdrawal = a.withdrawalEffectiveDate ? addDays(a.withdrawalEffectiveDate, -1) : null;
  if (a.endDate && beforeWithdrawal) return a.endDate < beforeWithdrawal ? a.endDate : beforeWithdrawal;
  return a.endDate ?? beforeWithdrawal;
}

/** The date falls inside the agreement's period (signatures and suspension aside). */
export function coversDate(a: Dates, date: string): boolean {
  const last = lastCoveredDay(a);
  return a.startDate <= date && (last === null || date <= last);
}

export function isFullySigned(a: Pick<AgreementSnapshot, 'employeeSignedAt' | 'managerSignedAt' | 'documentSha256'>): boolean {
  return a.employeeSignedAt !== null && a.managerSignedAt !== null && a.documentSha256 !== null;
}

/**
 * In force on a date: signed by both, not suspended nor ended, and the date inside its period. Decided from
 * the dates, not only from the state, so the answer is right even before the daily sweep has run.
 */
export function isInForce(a: AgreementSnapshot, date: string): boolean {
  return (a.state === 'signed' || a.state === 'active') && isFullySigned(a) && coversDate(a, date);
}

/** Two periods share at least one day (open ends run forever). */
export function periodsOverlap(a: Dates, b: Dates): boolean {
  const aLast = lastCoveredDay(a);
  const bLast = lastCoveredDay(b);
  return (aLast === null || b.startDate <= aLast) && (bLast === null || a.startDate <= bLast);
}

/** The agreements (other than `candidate`) that would be in force on some day of its period. */
export function overlappingAgreements<T extends AgreementSnapshot>(candidate: Dates & { id?: string }, others: T[], includeDrafts: boolean): T[] {
  return others.filter(
    (o) => o.id !== candidate.id && (BINDING_STATES.includes(o.state) || (includeDrafts && isUnsigned(o.state))) && periodsOverlap(candidate, o),
  );
}
