/**
 * Status of an indicator against its yearly target (POLA Part 4):
 * - `met`: the value has reached the target (at or above it; at or below for a "lower is better" indicator);
 * - `on_track`: not yet, but at least where a straight line from the starting point to the target says it should
 *   be on the reference date;
 * - `behind`: otherwise.
 * No target (or no value) → no status. For a past year the reference date is 31 December, where the line has
 * reached the target, so a past year is either met or behind.
 *
 * The starting point depends on what the indicator measures:
 * - `level` indicators describe a state (laptops in use, % equipped): the line starts at the baseline value on
 *   31 December of the baseline year and ends at the target on 31 December of the target year;
 * - `annual` indicators add up over the calendar year (investment): the line starts at 0 on 1 January.
 */
export type IndicatorStatus = 'met' | 'on_track' | 'behind';
export type Direction = 'increase' | 'decrease';
export type Accrual = 'level' | 'annual';

export interface StatusInput {
  value: number | null;
  target: number | null;
  baseline: { year: number; value: number } | null;
  direction: Direction;
  accrual: Accrual;
  year: number;
  /** YYYY-MM-DD */
  referenceDate: string;
}

export interface StatusResult {
  status: IndicatorStatus | null;
  /** Where the straight line stands on the reference date (null without a target). */
  expected: number | null;
}

const DAY_MS = 86_400_000;

export function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / DAY_MS);
}

/** Share of the way from `start` to `end` covered on `at`, clamped to [0, 1]; a zero-length span counts as done. */
export function elapsedFraction(start: string, end: string, at: string): number {
  const span = daysBetween(start, end);
  if (span <= 0) return 1;
  return Math.min(1, Math.max(0, daysBetween(start, at) / span));
}

export function expectedValue(input: Omit<StatusInput, 'value'>): number | null {
  if (input.target === null) return null;
  const end = `${input.year}-12-31`;
  if (input.accrual === 'annual') {
    // Day 1 of the year already counts: 1 January covers 1/365 of the plan.
    const fraction = elapsedFraction(`${input.year - 1}-12-31`, end, input.referenceDate);
    return round(input.target * fraction, 2);
  }
  if (!input.baseline || input.baseline.year >= input.year) return input.target;
  const fraction = elapsedFraction(`${input.baseline.year}-12-31`, end, input.referenceDate);
  return round(input.baseline.value + (input.target - input.baseline.value) * fraction, 2);
}

export function reaches(value: number, goal: number, direction: Direction): boolean {
  return direction === 'increase' ? value >= goal : value <= goal;
}

export function indicatorStatus(input: StatusInput): StatusResult {
  const expected = expectedValue(input);
  if (input.value === null || input.target === null || expected === null) return { status: null, expected };
  if (reaches(input.value, input.target, input.direction)) return { status: 'met', expected };
  return { status: reaches(input.value, expected, input.direction) ? 'on_track' : 'behind', expected };
}

/** numerator / denominator as a percentage with `decimals` digits; null when there is nothing to divide by. */
export function percent(numerator: number, denominator: number, decimals = 1): number | null {
  if (denominator <= 0) return null;
  return round((numerator / denominator) * 100, decimals);
}

export function round(x: number, decimals: number): number {
  const f = 10 ** decimals;
  return Math.round(x * f) / f;
}
