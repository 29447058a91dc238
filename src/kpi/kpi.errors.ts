import { defineErrors } from '../common/errors/error-spec';

/** The error codes of the kpi feature: kind (hence HTTP status) and English default message. */
export const KPI_ERRORS = defineErrors({
  INVALID_YEAR: { kind: 'validation', message: 'The {field} is not valid', it: "L'anno[ indicato in «{field}»] non è valido" },
  KPI_RANGE_INVALID: {
    kind: 'rule',
    message: 'The series must run from a year to a later one, up to {thisYear}',
    it: 'La serie deve andare da un anno a uno successivo[, fino al {currentYear}]',
  },
  KPI_RANGE_TOO_LONG: { kind: 'rule', message: 'A series covers at most {YEARS} years', it: 'La serie copre troppi anni[ (dal {from} al {to})]' },
  KPI_YEAR_IN_FUTURE: {
    kind: 'rule',
    message: 'Indicators for {year} cannot be measured before the year starts',
    it: "Gli indicatori[ del {year}] non si possono misurare prima dell'inizio dell'anno",
  },
  // declared values and HR attendance totals (pola-inputs.controller.ts)
  DECLARED_INDICATOR_NOT_DECLARABLE: {
    kind: 'validation',
    message: 'This indicator is not declared by the RTD: it is computed by the service or imported from HR',
    it: "Questo indicatore non è dichiarato dal responsabile per la transizione digitale: è calcolato dal servizio o importato dall'ufficio del personale",
  },
  DECLARED_YEAR_OUT_OF_RANGE: {
    kind: 'validation',
    message: 'The {field} must be a year from {first} to {thisYear}',
    it: "L'anno indicato è fuori dall'intervallo ammesso",
  },
  DECLARED_VALUE_INVALID: {
    kind: 'validation',
    message: 'The value of {indicator} must be {expected}',
    it: "Il valore dichiarato per l'indicatore non è valido",
  },
  DECLARED_NOTE_INVALID: {
    kind: 'validation',
    message: 'The evidence note must be {min} to {max} characters',
    it: 'La nota a supporto ha una lunghezza non ammessa',
  },
  DECLARED_VALUE_NOT_FOUND: {
    kind: 'not_found',
    message: 'Nothing is declared for {indicator} in {year}',
    it: "Non c'è nessun valore dichiarato[ per l'indicatore {indicator}][ nel {year}]",
  },
  ATTENDANCE_PER_PERSON_DATA: {
    kind: 'validation',
    message: 'The file holds data about people, not monthly totals per service: nothing was imported',
    it: 'Il file contiene dati sulle singole persone, non totali mensili per servizio: non è stato importato nulla',
  },
  ATTENDANCE_IMPORT_INVALID: {
    kind: 'validation',
    message: 'The attendance totals have {errorCount} problem(s); nothing was imported',
    it: 'I totali delle presenze contengono errori[ ({errorCount})]: non è stato importato nulla',
  },
});

export type KpiErrorCode = keyof typeof KPI_ERRORS;
