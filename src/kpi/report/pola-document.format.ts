import { PolaSource, PolaStatus, PolaUnit, PolaValue, TypedTarget } from '../domain/pola-types';

/**
 * Italian wording and number formats of the yearly POLA document (PDF, XLSX, CSV): `1.234,5`, `30.000,00 €`,
 * `94,5%`, dates `gg/mm/aaaa`. Written by hand rather than with Intl so the output does not depend on the ICU data
 * the Node build carries.
 */
export const STATUS_LABELS: Record<PolaStatus, string> = {
  met: 'raggiunto',
  on_track: 'in linea',
  behind: 'in ritardo',
  not_met: 'non raggiunto',
  no_target: 'senza obiettivo',
  action_required: 'azione richiesta',
  no_data: 'dati mancanti',
};

/** Short labels for the tables' "Fonte" column. */
export const SOURCE_LABELS: Record<PolaSource, string> = { computed: 'calcolato', declared: 'dichiarato', imported: 'importato' };

/** The long form, as the method page explains each source. */
export const SOURCE_DESCRIPTIONS: Record<PolaSource, string> = {
  computed: 'calcolato dal servizio',
  declared: 'dichiarato dal RTD',
  imported: "importato dall'ufficio personale",
};

export const UNIT_LABELS: Record<PolaUnit | 'hours', string> = { count: 'numero', percent: '%', eur: 'euro', presence: 'presenza', hours: 'ore' };

/** `1234.5` → `1.234,5` (up to `digits` decimals, trailing zeros dropped unless `fixed`). */
export function itNumber(value: number, digits = 1, fixed = false): string {
  const rounded = Math.abs(value).toFixed(digits);
  let [int, dec = ''] = rounded.split('.');
  if (!fixed) dec = dec.replace(/0+$/, '');
  int = int.replace(/\B(?=(\d{3})+(?!\d))/g, '.');
  const sign = value < 0 && Number(rounded) !== 0 ? '-' : '';
  return `${sign}${int}${dec ? `,${dec}` : ''}`;
}

export const itEuro = (value: number): string => `${itNumber(value, 2, true)} €`;
export const itPercent = (value: number): string => `${itNumber(value, 1)}%`;

/** A number in the unit of its indicator. */
export function itUnit(unit: PolaUnit | 'hours', value: number): string {
  if (unit === 'eur') return itEuro(value);
  if (unit === 'percent') return itPercent(value);
  return itNumber(value, 1);
}

/** `2022-12-31` (or an ISO instant's date part in UTC) → `31/12/2022`. */
export function itDate(date: string): string {
  const [y, m, d] = date.slice(0, 10).split('-');
  return `${d}/${m}/${y}`;
}

/** An ISO instant in the municipality's time zone: `15/06/2023 alle 11:00`. */
export function itDateTime(iso: string, timeZone: string): string {
  const parts = new Intl.DateTimeFormat('en-GB', {
    timeZone,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
  }).formatToParts(new Date(iso));
  const p = (type: string) => parts.find((x) => x.type === type)?.value ?? '';
  return `${p('day')}/${p('month')}/${p('year')} alle ${p('hour')}:${p('minute')}`;
}

/** The calendar date of an ISO instant in the municipality's time zone: `15/06/2023`. */
export const itDateIn = (iso: string, timeZone: string): string => itDateTime(iso, timeZone).slice(0, 10);

/** A value of the report in Italian; `—` when there is none. */
export function valueText(unit: PolaUnit, value: PolaValue | null): string {
  if (!value) return '—';
  if (value.kind === 'presence') return value.present ? 'presente' : 'assente';
  return itUnit(unit, value.value);
}

/** A baseline or target as the plan writes it (its own text); `—` for an empty cell. */
export function targetText(target: TypedTarget | null): string {
  return target ? target.text : '—';
}

/** The number inside a typed target, for spreadsheets (null for presence, n.d, actions). */
export function targetNumber(target: TypedTarget | null): number | null {
  return target && (target.kind === 'number' || target.kind === 'bound') ? target.value : null;
}

/** A value as a spreadsheet cell: a number, or `presente`/`assente`. */
export function valueCell(value: PolaValue | null): number | string | null {
  if (!value) return null;
  return value.kind === 'number' ? value.value : value.present ? 'presente' : 'assente';
}

const WIN_ANSI_FALLBACKS: Record<string, string> = { '≤': '<=', '≥': '>=', '×': 'x', '−': '-', Σ: 'somma', '→': '->', '\u00a0': ' ', '\u202f': ' ' };

/**
 * pdfkit's built-in Helvetica encodes WinAnsi: Italian accents, `€`, `’`, `—` and `…` are there, a few
 * mathematical signs are not and would print as garbage.
 */
export function winAnsi(text: string): string {
  return text.replace(/[≤≥×−Σ→\u00a0\u202f]/g, (c) => WIN_ANSI_FALLBACKS[c] ?? c);
}
