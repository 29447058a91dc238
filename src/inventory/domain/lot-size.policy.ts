/**
 * Seed 2.5a: laptops are bought in successive lots of 50-100 pieces, so the market price keeps falling for
 * us and stock does not lose value on the shelf. Larger lots need a written reason (kept in the audit log);
 * small lots are fine but worth a second look.
 */
export const LOT_MAX = 100;
export const LOT_MIN_ADVISED = 50;

export type LotSizeDecision =
  | { ok: true; warnings: { code: 'LOT_SMALL' | 'LOT_SIZE_OVERRIDDEN'; message: string }[]; overridden: boolean }
  | { ok: false; code: 'LOT_TOO_LARGE'; message: string };

export function decideLotSize(quantity: number, overrideReason?: string | null): LotSizeDecision {
  const reason = overrideReason?.trim() ?? '';
  if (quantity > LOT_MAX) {
    if (!reason) {
      return {
        ok: false,
        code: 'LOT_TOO_LARGE',
        message: `A lot of ${quantity} exceeds ${LOT_MAX} pieces (POLA 2.5a); give an override reason to register it anyway`,
      };
    }
    return {
      ok: true,
      overridden: true,
      warnings: [{ code: 'LOT_SIZE_OVERRIDDEN', message: `Lot of ${quantity} registered above ${LOT_MAX} pieces: ${reason}` }],
    };
  }
  if (quantity < LOT_MIN_ADVISED) {
    return {
      ok: true,
      overridden: false,
      warnings: [{ code: 'LOT_SMALL', message: `A lot of ${quantity} is below the advised ${LOT_MIN_ADVISED}-${LOT_MAX} pieces (POLA 2.5a)` }],
    };
  }
  return { ok: true, overridden: false, warnings: [] };
}

/**
 * Last day covered by the warranty: the day before the same day of the month `months` later; when that
 * day does not exist (31 January + 1 month), the last day of that month.
 */
export function warrantyEndsOn(deliveryDate: string, months: number): string {
  const [y, m, d] = deliveryDate.split('-').map(Number);
  const totalMonths = y * 12 + (m - 1) + months;
  const year = Math.floor(totalMonths / 12);
  const month = totalMonths % 12;
  const lastDay = new Date(Date.UTC(year, month + 1, 0)).getUTCDate();
  if (d > lastDay) return new Date(Date.UTC(year, month, lastDay)).toISOString().slice(0, 10);
  return new Date(Date.UTC(year, month, d - 1)).toISOString().slice(0, 10);
}
