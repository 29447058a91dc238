/**
 * Amounts are stored as integer cents (lots, purchases, courses) and answered in euros. The one conversion: exact
 * to the cent for any sum the tables can hold (a double holds integers exactly up to 2^53 cents).
 */
export function centsToEuros(cents: number): number {
  return Math.round(cents) / 100;
}
