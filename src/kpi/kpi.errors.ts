import { defineErrors } from '../common/errors/error-spec';

/** The error codes of the kpi feature: kind (hence HTTP status) and English default message. */
export const KPI_ERRORS = defineErrors({
  INVALID_YEAR: { kind: 'validation', message: 'The {field} is not valid' },
  KPI_RANGE_INVALID: { kind: 'rule', message: 'The series must run from a year to a later one, up to {thisYear}' },
  KPI_RANGE_TOO_LONG: { kind: 'rule', message: 'A series covers at most {YEARS} years' },
  KPI_YEAR_IN_FUTURE: { kind: 'rule', message: 'Indicators for {year} cannot be measured before the year starts' },
  // declared values and HR attendance totals (pola-inputs.controller.ts)
  DECLARED_INDICATOR_NOT_DECLARABLE: {
    kind: 'validation',
    message: 'This indicator is not declared by the RTD: it is computed by the service or imported from HR',
  },
  DECLARED_YEAR_OUT_OF_RANGE: { kind: 'validation', message: 'The {field} must be a year from {first} to {thisYear}' },
  DECLARED_VALUE_INVALID: { kind: 'validation', message: 'The value of {indicator} must be {expected}' },
  DECLARED_NOTE_INVALID: { kind: 'validation', message: 'The evidence note must be {min} to {max} characters' },
  DECLARED_VALUE_NOT_FOUND: { kind: 'not_found', message: 'Nothing is declared for {indicator} in {year}' },
  ATTENDANCE_PER_PERSON_DATA: { kind: 'validation', message: 'The file holds data about people, not monthly totals per service: nothing was imported' },
  ATTENDANCE_IMPORT_INVALID: { kind: 'validation', message: 'The attendance totals have {errorCount} problem(s); nothing was imported' },
});

export type KpiErrorCode = keyof typeof KPI_ERRORS;
