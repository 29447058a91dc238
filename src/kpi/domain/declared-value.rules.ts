import { ValidationFailed } from '../../common/errors/domain-error';
import { DECLARABLE_INDICATORS, PolaIndicatorId, PolaValue, polaMeta } from './pola-types';

/**
 * What the RTD may declare (issue 14, "Declared values"): only the indicators the service cannot measure
 * (DECLARABLE_INDICATORS), for a year of the plan (from POLA_FIRST_YEAR to the current one), with a value of the
 * indicator's unit and a short evidence note. Every refusal is a 400 with its own code; nothing is written.
 */
export const POLA_FIRST_YEAR = 2020;
export const NOTE_MIN_LENGTH = 3;
export const NOTE_MAX_LENGTH = 1000;

export interface Declaration {
  year: number;
  indicator: PolaIndicatorId;
  value: PolaValue;
  note: string;
}

export function isDeclarable(indicator: unknown): indicator is PolaIndicatorId {
  return typeof indicator === 'string' && (DECLARABLE_INDICATORS as readonly string[]).includes(indicator);
}

/** The year of a declaration: a path or query parameter (text) or a number, from POLA_FIRST_YEAR to this year. */
export function declaredYear(raw: unknown, thisYear: number, field = 'year'): number {
  const year = typeof raw === 'number' ? raw : typeof raw === 'string' && /^\d{4}$/.test(raw) ? Number(raw) : NaN;
  if (!Number.isInteger(year) || year < POLA_FIRST_YEAR || year > thisYear) {
    throw new ValidationFailed(
      [{ field, messages: [`${field} must be a year from ${POLA_FIRST_YEAR} to ${thisYear}`] }],
      `The ${field} must be a year from ${POLA_FIRST_YEAR} to ${thisYear}`,
      'DECLARED_YEAR_OUT_OF_RANGE',
    );
  }
  return year;
}

export function declarableIndicator(raw: unknown): PolaIndicatorId {
  if (!isDeclarable(raw)) {
    throw new ValidationFailed(
      [{ field: 'indicator', messages: [`indicator must be one of ${DECLARABLE_INDICATORS.join(', ')}`] }],
      'This indicator is not declared by the RTD: it is computed by the service or imported from HR',
      'DECLARED_INDICATOR_NOT_DECLARABLE',
    );
  }
  return raw;
}

/** The value in the indicator's unit: a presence takes a boolean, a percent 0-100, a count or an amount ≥ 0. */
export function declaredValue(indicator: PolaIndicatorId, raw: unknown): PolaValue {
  const unit = polaMeta(indicator).unit;
  const refuse = (expected: string): never => {
    throw new ValidationFailed(
      [{ field: 'value', messages: [`value must be ${expected}`] }],
      `The value of ${indicator} must be ${expected}`,
      'DECLARED_VALUE_INVALID',
    );
  };
  if (unit === 'presence') {
    if (typeof raw !== 'boolean') refuse('true or false (present or not)');
    return { kind: 'presence', present: raw as boolean };
  }
  if (typeof raw !== 'number' || !Number.isFinite(raw)) return refuse(unit === 'percent' ? 'a number from 0 to 100' : 'a number from 0');
  if (unit === 'percent' && (raw < 0 || raw > 100)) refuse('a number from 0 to 100');
  if (raw < 0) refuse('a number from 0');
  if (unit === 'count' && !Number.isInteger(raw)) refuse('a whole number from 0');
  return { kind: 'number', value: Math.round(raw * 100) / 100 };
}

/** The evidence note: required, 3-1000 characters once trimmed. */
export function declaredNote(raw: unknown): string {
  const note = typeof raw === 'string' ? raw.trim() : '';
  if (note.length < NOTE_MIN_LENGTH || note.length > NOTE_MAX_LENGTH) {
    throw new ValidationFailed(
      [{ field: 'note', messages: [`note must be a text of ${NOTE_MIN_LENGTH} to ${NOTE_MAX_LENGTH} characters saying what the value rests on`] }],
      `The evidence note must be ${NOTE_MIN_LENGTH} to ${NOTE_MAX_LENGTH} characters`,
      'DECLARED_NOTE_INVALID',
    );
  }
  return note;
}

/**
 * A whole declaration, checked field by field in the order the RTD reads the form: indicator, year, value, note.
 * `thisYear` is the current year in the municipality's time zone.
 */
export function checkDeclaration(input: { year: unknown; indicator: unknown; value: unknown; note: unknown }, thisYear: number): Declaration {
  const indicator = declarableIndicator(input.indicator);
  const year = declaredYear(input.year, thisYear);
  return { indicator, year, value: declaredValue(indicator, input.value), note: declaredNote(input.note) };
}

/** The value as plain JSON for the audit trail and the API (`true` / `false` or the number). */
export function plainValue(value: PolaValue): number | boolean {
  return value.kind === 'presence' ? value.present : value.value;
}
