/**
 * What the indicators count of inventory on a reference point (a calendar `date` and the instant `cutoff` that
 * follows it): items held, declarations standing, lots delivered and items handed over in a period. Plain rules
 * over the facts inventory keeps; holdings.sql.ts is their SQL twin, held to them by
 * test/integration/inventory/holdings-sql.spec.ts.
 */

/** A handover item as inventory records it: `handedAt` the handover's instant, `handoverDate` its date in the municipality. */
export interface HeldItemFacts {
  handoverDate: string;
  handedAt: string;
  /** The instant the item stopped being held (returned, lost, stolen); null while still out. */
  closedAt: string | null;
}

/** Held on the reference point: handed over by then and not closed before the cutoff. */
export function wasHeld(item: HeldItemFacts, date: string, cutoff: string): boolean {
  return item.handoverDate <= date && item.handedAt < cutoff && (item.closedAt === null || item.closedAt >= cutoff);
}

/** A declaration of personal equipment standing at the cutoff: made before it and not withdrawn by then. */
export function declarationStood(d: { declaredAt: string; withdrawnAt: string | null }, cutoff: string): boolean {
  return d.declaredAt < cutoff && (d.withdrawnAt === null || d.withdrawnAt >= cutoff);
}

/** A calendar day inside [from, to], both included; a missing day (a lot not delivered yet) is inside none. */
export function withinPeriod(day: string | null, from: string, to: string): boolean {
  return day !== null && day >= from && day <= to;
}
