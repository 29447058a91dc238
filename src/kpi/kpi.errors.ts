import { defineErrors } from '../common/errors/error-spec';

/** The error codes of the kpi feature: kind (hence HTTP status) and English default message. */
export const KPI_ERRORS = defineErrors({
  INVALID_YEAR: { kind: 'validation', message: 'The {field} is not valid' },
  KPI_RANGE_INVALID: { kind: 'rule', message: 'The series must run from a year to a later one, up to {thisYear}' },
  KPI_RANGE_TOO_LONG: { kind: 'rule', message: 'A series covers at most {YEARS} years' },
  KPI_YEAR_IN_FUTURE: { kind: 'rule', message: 'Indicators for {year} cannot be measured before the year starts' },
});

export type KpiErrorCode = keyof typeof KPI_ERRORS;
