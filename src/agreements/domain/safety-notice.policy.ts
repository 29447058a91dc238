/**
 * The safety notice (informativa sui rischi, L. 81/2017 art. 22) is delivered at least every 12 months. A notice
 * delivered on D is valid up to the day before the same calendar day twelve months later (29 Feb → 28 Feb).
 */
export type SafetyNoticeStatus = 'valid' | 'missing' | 'expired';

export const SAFETY_NOTICE_VALIDITY_MONTHS = 12;

export function addMonths(date: string, months: number): string {
  const [y, m, d] = date.split('-').map(Number);
  const total = y * 12 + (m - 1) + months;
  const year = Math.floor(total / 12);
  const month = (total % 12) + 1;
  const lastDay = new Date(Date.UTC(year, month, 0)).getUTCDate();
  return `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(Math.min(d, lastDay)).padStart(2, '0')}`;
}

/** First day on which a notice delivered on `deliveredOn` no longer counts. */
export function safetyNoticeExpiresOn(deliveredOn: string): string {
  return addMonths(deliveredOn, SAFETY_NOTICE_VALIDITY_MONTHS);
}

export function safetyNoticeStatus(deliveredOn: string | null, date: string): { status: SafetyNoticeStatus; expiresOn: string | null } {
  if (!deliveredOn || deliveredOn > date) return { status: 'missing', expiresOn: deliveredOn ? safetyNoticeExpiresOn(deliveredOn) : null };
  const expiresOn = safetyNoticeExpiresOn(deliveredOn);
  return { status: date < expiresOn ? 'valid' : 'expired', expiresOn };
}
