/**
 * An employee's standing at a past instant, from what the directory keeps (`active` now, and when a deactivation
 * happened). employee-standing.sql.ts is the SQL twin for the indicators, held to these by
 * test/integration/directory/employee-standing-sql.spec.ts.
 */
export interface EmployeeStandingFacts {
  active: boolean;
  deactivatedAt: string | null;
}

/** Active at the cutoff: active now, or deactivated only at or after it. */
export function wasActive(e: EmployeeStandingFacts, cutoff: string): boolean {
  return e.active || (e.deactivatedAt !== null && e.deactivatedAt >= cutoff);
}

/** A leaver at the cutoff: inactive now, deactivated before it. */
export function hadLeft(e: EmployeeStandingFacts, cutoff: string): boolean {
  return !e.active && e.deactivatedAt !== null && e.deactivatedAt < cutoff;
}
