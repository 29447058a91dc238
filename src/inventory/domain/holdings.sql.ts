/**
 * SQL twins of holdings.ts, published for the indicators (kpi), which count without loading rows. Each builder
 * returns a SELECT over inventory's own tables with the columns named in its comment, and takes the names of the
 * parameters it compares with (`:name`, bound by the caller). Dates and instants are ISO strings on SQLite and
 * PostgreSQL alike: no dialect branches.
 */

/**
 * `wasHeld` for every item (columns `employee_id`, `kind`). Items still out are read from the asset itself
 * (holder, and `assigned_at`, the handover's instant, kept by inventory in the same transaction as the item); items
 * closed since the cutoff from the item, which carries its handover's date and holder: two index ranges, no join,
 * and disjoint (an item is open or closed). Relies on inventory's invariant that `handover_date` is the date of
 * `handed_at` in the municipality, so each branch needs only one of the two comparisons.
 */
export function heldItemsSql(date: string, cutoff: string): string {
  return `SELECT a.holder_employee_id AS employee_id, a.kind AS kind
            FROM assets a
           WHERE a.state = 'assigned' AND a.assigned_at < :${cutoff} AND a.current_handover_id IS NOT NULL
          UNION ALL
          SELECT hi.employee_id AS employee_id, hi.kind AS kind
            FROM handover_items hi
           WHERE hi.closed_at >= :${cutoff} AND hi.handover_date <= :${date}`;
}

/** `declarationStood` (columns `employee_id`, `kind`). */
export function standingDeclarationsSql(cutoff: string): string {
  return `SELECT d.employee_id AS employee_id, d.kind AS kind
            FROM declared_equipment d
           WHERE d.declared_at < :${cutoff} AND (d.withdrawn_at IS NULL OR d.withdrawn_at >= :${cutoff})`;
}

/** Lots with `withinPeriod(deliveryDate, from, to)` (columns `quantity`, `unit_price_cents`). */
export function lotsDeliveredSql(from: string, to: string): string {
  return `SELECT l.quantity AS quantity, l.unit_price_cents AS unit_price_cents
            FROM purchase_lots l
           WHERE l.delivery_date >= :${from} AND l.delivery_date <= :${to}`;
}

/** Items with `withinPeriod(handoverDate, from, to)` (columns `handover_date`, `kind`): one index range (IDX_items_handed). */
export function itemsHandedOverSql(from: string, to: string): string {
  return `SELECT hi.handover_date AS handover_date, hi.kind AS kind
            FROM handover_items hi
           WHERE hi.handover_date >= :${from} AND hi.handover_date <= :${to}`;
}

/** Every handover's holder (columns `handover_id`, `employee_id`): who a change to a handover concerns. */
export function handoverEmployeesSql(): string {
  return `SELECT h.id AS handover_id, h.employee_id AS employee_id FROM handovers h`;
}
