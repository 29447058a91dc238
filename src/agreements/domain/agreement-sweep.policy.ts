import { addDays } from '../../common/clock';
import { AgreementSnapshot } from './agreement-snapshot';
import { isFullySigned } from './in-force';

export type SweepStep =
  | { to: 'active' }
  /** `endedOn`: first day no longer in force (the withdrawal's effective date, or the day after the end date). */
  | { to: 'withdrawn' | 'expired'; endedOn: string };

/**
 * What the daily sweep does to one agreement on `today`, or null. Endings are decided before activation, so an
 * agreement whose whole period passed while nobody swept ends without ever being reported active.
 */
export function sweepStep(a: AgreementSnapshot, today: string): SweepStep | null {
  if (a.state !== 'signed' && a.state !== 'active' && a.state !== 'suspended') return null;
  const withdrawalDue = a.withdrawalEffectiveDate !== null && a.withdrawalEffectiveDate <= today;
  const expiryDue = a.endDate !== null && a.endDate < today;
  if (withdrawalDue || expiryDue) {
    const afterEnd = a.endDate !== null ? addDays(a.endDate, 1) : null;
    // Whichever came first decides how it ended.
    if (withdrawalDue && (afterEnd === null || a.withdrawalEffectiveDate! <= afterEnd)) return { to: 'withdrawn', endedOn: a.withdrawalEffectiveDate! };
    return { to: 'expired', endedOn: afterEnd! };
  }
  if (a.state === 'signed' && isFullySigned(a) && a.startDate <= today) return { to: 'active' };
  return null;
}
