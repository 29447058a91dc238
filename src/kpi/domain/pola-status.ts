import { indicatorStatus } from './indicator-status';
import { PolaIndicatorMeta, PolaStatus, PolaValue, TypedTarget } from './pola-types';

export interface PolaStatusInput {
  meta: Pick<PolaIndicatorMeta, 'direction' | 'accrual'>;
  baselineYear: number | null;
  baseline: TypedTarget | null;
  target: TypedTarget | null;
  value: PolaValue | null;
  year: number;
  /** YYYY-MM-DD: 31 December for a past year, today for the current one. */
  referenceDate: string;
}

export interface PolaStatusResult {
  status: PolaStatus;
  /** Where a straight line to a numeric target stands on the reference date (null otherwise). */
  expected: number | null;
}

/**
 * The status of a Part 4 indicator against its typed target (PolaStatus):
 * - no target, `n.d` or `non rilevata` as a target → no_target (whatever the value);
 * - an action (`Attivare rilevazione`): met once a value exists (the survey was run), else action_required;
 * - otherwise no value → no_data;
 * - a number: the operational indicators' rule (indicatorStatus: met / on_track / behind, the straight line from a
 *   numeric baseline, or from 0 on 1 January for yearly sums);
 * - a bound (`<18%`) or a presence (`si`): met when satisfied; when not, not_met at year end (31 December), behind
 *   while the year is still running.
 */
export function polaStatus(input: PolaStatusInput): PolaStatusResult {
  const { target, value } = input;
  const none = (status: PolaStatus): PolaStatusResult => ({ status, expected: null });
  if (!target || target.kind === 'not_defined' || target.kind === 'not_measured') return none('no_target');
  if (target.kind === 'action') return none(value ? 'met' : 'action_required');
  if (!value) return none('no_data');
  const yearEnded = input.referenceDate >= `${input.year}-12-31`;
  const unmet = none(yearEnded ? 'not_met' : 'behind');
  if (target.kind === 'presence') {
    if (value.kind !== 'presence') return none('no_data');
    return value.present === target.present ? none('met') : unmet;
  }
  if (value.kind !== 'number') return none('no_data');
  if (target.kind === 'bound') return satisfies(value.value, target.op, target.value) ? none('met') : unmet;
  const baseline = input.baseline?.kind === 'number' && input.baselineYear !== null ? { year: input.baselineYear, value: input.baseline.value } : null;
  const result = indicatorStatus({
    value: value.value,
    target: target.value,
    baseline,
    direction: input.meta.direction,
    accrual: input.meta.accrual,
    year: input.year,
    referenceDate: input.referenceDate,
  });
  return { status: result.status ?? 'no_data', expected: result.expected };
}

export function satisfies(value: number, op: '<' | '<=' | '>' | '>=', bound: number): boolean {
  if (op === '<') return value < bound;
  if (op === '<=') return value <= bound;
  if (op === '>') return value > bound;
  return value >= bound;
}
