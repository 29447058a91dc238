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
 * the dates, not only from the state, so the answer is right even before the daily sweep has run. SQL twin:
 * `agreementInForceSql` (in-force.sql.ts); for a past day as it stood then, `wasInForce` below.
 */
export function isInForce(a: AgreementSnapshot, date: string): boolean {
  return (a.state === 'signed' || a.state === 'active') && isFullySigned(a) && coversDate(a, date);
}

/** What "was in force" reads beyond the snapshot: when a suspension started, and the first day no longer in force. */
export type AgreementHistory = AgreementSnapshot & { suspendedAt: string | null; endedOn: string | null };

/**
 * Was in force on `date` as things stood at the instant `cutoff` (the indicators' reference point): signed by both
 * before the cutoff, the date inside its period and before it ended, and not suspended since before the cutoff.
 * Decided from the dates rather than the state, so that an agreement withdrawn or expired since still counts for
 * the days it was in force. Deliberately not `isInForce`: that one answers from the state as it is now (a
 * withdrawn agreement is in force on no day), this one rebuilds a past day. Only the latest suspension is kept,
 * so an agreement suspended now since before the cutoff counts as suspended then. SQL twin: in-force.sql.ts.
 */
export function wasInForce(a: AgreementHistory, date: string, cutoff: string): boolean {
  return (
    !isUnsigned(a.state) &&
    isFullySigned(a) &&
    a.employeeSignedAt! < cutoff &&
    a.managerSignedAt! < cutoff &&
    coversDate(a, date) &&
    (a.endedOn === null || a.endedOn > date) &&
    !(a.state === 'suspended' && a.suspendedAt !== null && a.suspendedAt < cutoff)
  );
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
