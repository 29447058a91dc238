/**
 * Which safety notice the employee's page shows and until when it holds. The notice belongs to an agreement
 * (validity rule: the agreements feature's safety-notice policy, which gives `expiresOn`, the first day it no
 * longer counts): the agreement in force today, else the newest one (they come newest start first).
 */
export interface NoticeOfAgreement {
  agreementId: string;
  inForceToday: boolean;
  /** valid | missing | expired (the agreements feature's safety-notice policy) */
  status: string;
  deliveredOn: string | null;
  expiresOn: string | null;
}

export interface OwnSafetyNotice extends NoticeOfAgreement {
  /** The last day the notice delivered holds: a new one is due by then. Null when none was delivered. */
  validUntil: string | null;
}

export function ownSafetyNotice(newestFirst: readonly NoticeOfAgreement[]): OwnSafetyNotice | null {
  const chosen = newestFirst.find((n) => n.inForceToday) ?? newestFirst[0];
  if (!chosen) return null;
  return { ...chosen, validUntil: chosen.expiresOn && chosen.deliveredOn ? dayBefore(chosen.expiresOn) : null };
}

function dayBefore(date: string): string {
  const [y, m, d] = date.split('-').map(Number);
  return new Date(Date.UTC(y, m - 1, d - 1)).toISOString().slice(0, 10);
}
