import { DomainError } from '../../common/errors/domain-error';
import { checkDeclaration, declaredYear, plainValue } from './declared-value.rules';
import { DECLARABLE_INDICATORS } from './pola-types';

const codeOf = (fn: () => unknown): string | undefined => {
  try {
    fn();
  } catch (err) {
    return (err as DomainError).code;
  }
  return undefined;
};

describe('what the RTD may declare', () => {
  const declare = (indicator: string, value: unknown, note: unknown = 'Verbale del comitato', year: unknown = '2022') =>
    checkDeclaration({ year, indicator, value, note }, 2023);

  it('takes the ten indicators the service cannot measure, and no other', () => {
    expect([...DECLARABLE_INDICATORS].sort()).toEqual(
      [
        'apps_reachable_remotely_pct',
        'collaboration_tools_present',
        'coordination_present',
        'databases_reachable_remotely_pct',
        'digitalised_processes_pct',
        'intranet_present',
        'it_help_desk_present',
        'management_by_objectives_present',
        'managers_satisfied_pct',
        'monitoring_present',
      ].sort(),
    );
    expect(codeOf(() => declare('laptops_for_remote_work', 300))).toBe('DECLARED_INDICATOR_NOT_DECLARABLE');
    expect(codeOf(() => declare('remote_work_days_pct', 30))).toBe('DECLARED_INDICATOR_NOT_DECLARABLE');
    expect(codeOf(() => declare('__proto__', 30))).toBe('DECLARED_INDICATOR_NOT_DECLARABLE');
  });

  it('a presence takes a boolean; a percent a number from 0 to 100', () => {
    expect(declare('intranet_present', true).value).toEqual({ kind: 'presence', present: true });
    expect(declare('monitoring_present', false).value).toEqual({ kind: 'presence', present: false });
    expect(codeOf(() => declare('intranet_present', 1))).toBe('DECLARED_VALUE_INVALID');
    expect(codeOf(() => declare('intranet_present', 'si'))).toBe('DECLARED_VALUE_INVALID');
    expect(declare('digitalised_processes_pct', 95.456).value).toEqual({ kind: 'number', value: 95.46 });
    expect(declare('apps_reachable_remotely_pct', 0).value).toEqual({ kind: 'number', value: 0 });
    expect(declare('apps_reachable_remotely_pct', 100).value).toEqual({ kind: 'number', value: 100 });
    for (const bad of [-1, 100.5, '95', true, null, undefined, Number.NaN, Infinity, { value: 3 }]) {
      expect(codeOf(() => declare('apps_reachable_remotely_pct', bad))).toBe('DECLARED_VALUE_INVALID');
    }
  });

  it('needs an evidence note of 3 to 1000 characters, trimmed', () => {
    expect(declare('intranet_present', true, '  Portale intranet attivo  ').note).toBe('Portale intranet attivo');
    expect(codeOf(() => declare('intranet_present', true, 'ok'))).toBe('DECLARED_NOTE_INVALID');
    expect(codeOf(() => declare('intranet_present', true, '    '))).toBe('DECLARED_NOTE_INVALID');
    expect(codeOf(() => declare('intranet_present', true, null))).toBe('DECLARED_NOTE_INVALID');
    expect(codeOf(() => declare('intranet_present', true, 'x'.repeat(1001)))).toBe('DECLARED_NOTE_INVALID');
    expect(declare('intranet_present', true, 'x'.repeat(1000)).note).toHaveLength(1000);
  });

  it('is for a year of the plan, from 2020 to the current one', () => {
    expect(declaredYear('2020', 2023)).toBe(2020);
    expect(declaredYear(2023, 2023)).toBe(2023);
    for (const bad of ['2019', '2024', '22', '2022.0', 'abcd', '', ['2022'], 2022.5]) {
      expect(codeOf(() => declaredYear(bad, 2023))).toBe('DECLARED_YEAR_OUT_OF_RANGE');
    }
    expect(codeOf(() => declare('intranet_present', true, 'Portale attivo', '2024'))).toBe('DECLARED_YEAR_OUT_OF_RANGE');
  });

  it('gives the value back as plain JSON', () => {
    expect(plainValue({ kind: 'presence', present: true })).toBe(true);
    expect(plainValue({ kind: 'number', value: 12.5 })).toBe(12.5);
  });
});
