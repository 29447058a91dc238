import { DomainError } from '../../common/errors/domain-error';
import { CsvRecord, readCsvRecords } from '../../common/csv/csv-reader';
import { employeeNumberReason, normaliseHeader, PersonDataReason, personColumns, personValues, repeatedRowReason } from './attendance-privacy';
import { POLA_FIRST_YEAR } from './declared-value.rules';

/**
 * The monthly attendance totals the HR attendance system exports: one row per service and month,
 * `anno;mese;servizio;giorni_lavorativi;giorni_lavoro_agile;giorni_assenza` (semicolon or comma; a tab works too).
 * Days may carry up to two decimals (half days), with a comma or a point. A remote-work day is a day worked, so
 * remote plus absence days never exceed the working days. Errors name the line ("riga 3 del file") and column.
 */
export const ATTENDANCE_COLUMNS = ['anno', 'mese', 'servizio', 'giorni_lavorativi', 'giorni_lavoro_agile', 'giorni_assenza'] as const;
export type AttendanceColumn = (typeof ATTENDANCE_COLUMNS)[number];
/** Four years of a few dozen services is under 2,000 rows; ten times that is still a totals file. */
export const ATTENDANCE_MAX_ROWS = 20_000;

export type AttendanceErrorCode =
  | 'FILE_MALFORMED'
  | 'EMPTY_FILE'
  | 'TOO_MANY_ROWS'
  | 'UNKNOWN_COLUMN'
  | 'MISSING_COLUMN'
  | 'DUPLICATE_COLUMN'
  | 'WRONG_FIELD_COUNT'
  | 'MISSING_FIELD'
  | 'BAD_YEAR'
  | 'BAD_MONTH'
  | 'MONTH_IN_FUTURE'
  | 'BAD_SERVICE_CODE'
  | 'UNKNOWN_SERVICE'
  | 'BAD_DAYS'
  | 'DAYS_EXCEED_WORKING';

export interface AttendanceError {
  line: number;
  column: string | null;
  code: AttendanceErrorCode;
  /** Italian: "riga 3 del file, colonna mese: …" */
  message: string;
}

export interface AttendanceRow {
  line: number;
  year: number;
  month: number;
  serviceCode: string;
  workingDays: number;
  remoteDays: number;
  absenceDays: number;
}

export interface ParsedAttendance {
  /** data lines read (header excluded) */
  total: number;
  rows: AttendanceRow[];
  errors: AttendanceError[];
  /** reasons to refuse the file as data about people (checked first: they win over any other error) */
  personData: PersonDataReason[];
  /** the values of text columns (servizio, and any column the file should not have), for the directory check */
  textCells: { line: number; column: string; value: string }[];
}

const SERVICE_CODE = /^[A-Z0-9]{1,10}$/;
const DAYS = /^\d{1,7}([.,]\d{1,2})?$/;

function detectDelimiter(text: string): string {
  const header = text.replace(/^\uFEFF/, '').slice(0, Math.max(0, text.search(/\r?\n|$/)) + 1);
  if (header.includes('\t')) return '\t';
  return (header.match(/;/g)?.length ?? 0) >= (header.match(/,/g)?.length ?? 0) ? ';' : ',';
}

const at = (line: number, column: string | null, text: string) =>
  column ? `riga ${line} del file, colonna ${column}: ${text}` : `riga ${line} del file: ${text}`;

/** `thisMonth` (YYYY-MM, the municipality's current month) bounds the file: totals of a month to come are refused. */
export function parseAttendanceCsv(text: string, thisMonth: string): ParsedAttendance {
  const result: ParsedAttendance = { total: 0, rows: [], errors: [], personData: [], textCells: [] };
  let records: CsvRecord[];
  try {
    records = readCsvRecords(text, { delimiter: detectDelimiter(text) });
  } catch (err) {
    if (err instanceof DomainError) throw err; // outside the CSV limits: refused whole
    const line = (err as { lines?: number }).lines ?? 1;
    result.errors.push({ line, column: null, code: 'FILE_MALFORMED', message: at(line, null, 'il file non è un CSV leggibile') });
    return result;
  }
  if (records.length === 0) {
    result.errors.push({ line: 1, column: null, code: 'EMPTY_FILE', message: at(1, null, 'il file è vuoto') });
    return result;
  }
  const header = records[0].record;
  const data = records.slice(1).map((r) => ({ line: r.info.lines, record: r.record }));
  result.total = data.length;
  result.personData.push(...personColumns(header), ...personValues(data, header));
  if (data.length > ATTENDANCE_MAX_ROWS) {
    result.errors.push({ line: 1, column: null, code: 'TOO_MANY_ROWS', message: at(1, null, `il file ha più di ${ATTENDANCE_MAX_ROWS} righe di dati`) });
  }

  const index = new Map<AttendanceColumn, number>();
  header.forEach((raw, i) => {
    const name = normaliseHeader(raw);
    const label = raw.trim() || `#${i + 1}`;
    if (!(ATTENDANCE_COLUMNS as readonly string[]).includes(name)) {
      result.errors.push({
        line: 1,
        column: label,
        code: 'UNKNOWN_COLUMN',
        message: at(1, label, `colonna sconosciuta; le colonne sono ${ATTENDANCE_COLUMNS.join(';')}`),
      });
    } else if (index.has(name as AttendanceColumn)) {
      result.errors.push({ line: 1, column: label, code: 'DUPLICATE_COLUMN', message: at(1, label, 'la colonna compare due volte') });
    } else index.set(name as AttendanceColumn, i);
  });
  for (const c of ATTENDANCE_COLUMNS) {
    if (!index.has(c)) result.errors.push({ line: 1, column: c, code: 'MISSING_COLUMN', message: at(1, c, 'la colonna manca') });
  }
  // Values of text columns are checked against the directory even in a file with other errors (people first).
  const numeric = new Set(ATTENDANCE_COLUMNS.filter((c) => c !== 'servizio').map((c) => index.get(c)));
  for (const { line, record } of data) {
    record.forEach((value, i) => {
      if (!numeric.has(i) && value.trim() !== '') result.textCells.push({ line, column: header[i]?.trim() || `#${i + 1}`, value: value.trim() });
    });
  }
  if (result.errors.length > 0) return result;

  const seen = new Map<string, number>();
  for (const { line, record } of data) {
    if (record.length !== header.length) {
      result.errors.push({
        line,
        column: null,
        code: 'WRONG_FIELD_COUNT',
        message: at(line, null, `attesi ${header.length} campi, trovati ${record.length}`),
      });
      continue;
    }
    const row = parseRow(line, (c) => record[index.get(c)!].trim(), thisMonth, result.errors);
    if (!row) continue;
    const key = `${row.year}-${row.month}-${row.serviceCode}`;
    const first = seen.get(key);
    if (first !== undefined) result.personData.push(repeatedRowReason(line, first));
    else seen.set(key, line);
    result.rows.push(row);
  }
  return result;
}

function parseRow(line: number, value: (c: AttendanceColumn) => string, thisMonth: string, errors: AttendanceError[]): AttendanceRow | null {
  const before = errors.length;
  const fail = (column: AttendanceColumn, code: AttendanceErrorCode, text: string) => errors.push({ line, column, code, message: at(line, column, text) });
  for (const c of ATTENDANCE_COLUMNS) if (value(c) === '') fail(c, 'MISSING_FIELD', 'il valore manca');
  if (errors.length > before) return null;

  const thisYear = Number(thisMonth.slice(0, 4));
  const year = /^\d{4}$/.test(value('anno')) ? Number(value('anno')) : NaN;
  if (!(year >= POLA_FIRST_YEAR && year <= thisYear)) fail('anno', 'BAD_YEAR', `l'anno deve essere tra ${POLA_FIRST_YEAR} e ${thisYear}`);
  const month = /^\d{1,2}$/.test(value('mese')) ? Number(value('mese')) : NaN;
  if (!(month >= 1 && month <= 12)) fail('mese', 'BAD_MONTH', 'il mese deve essere un numero da 1 a 12');
  else if (year === thisYear && `${year}-${String(month).padStart(2, '0')}` > thisMonth) fail('mese', 'MONTH_IN_FUTURE', 'il mese non è ancora iniziato');
  const serviceCode = value('servizio').toUpperCase();
  if (!SERVICE_CODE.test(serviceCode)) fail('servizio', 'BAD_SERVICE_CODE', 'il codice del servizio ha da 1 a 10 lettere o cifre');
  const days = (c: AttendanceColumn): number => {
    const v = value(c);
    if (!DAYS.test(v)) {
      fail(c, 'BAD_DAYS', 'il numero di giorni deve essere un numero da 0, con al più due decimali');
      return NaN;
    }
    return Number(v.replace(',', '.'));
  };
  const workingDays = days('giorni_lavorativi');
  const remoteDays = days('giorni_lavoro_agile');
  const absenceDays = days('giorni_assenza');
  if (errors.length > before) return null;
  // a remote-work day is a day worked: remote and absence days are parts of the working days (in hundredths, exact)
  if (Math.round(remoteDays * 100) + Math.round(absenceDays * 100) > Math.round(workingDays * 100)) {
    fail('giorni_lavoro_agile', 'DAYS_EXCEED_WORKING', 'giorni di lavoro agile e di assenza insieme superano i giorni lavorativi');
    return null;
  }
  return { line, year, month, serviceCode, workingDays, remoteDays, absenceDays };
}

/**
 * The directory's answer applied to the file: a text value that is a person's identifier makes the file data about
 * people; a service code the directory does not have is an error of its row.
 */
export function checkServices(
  parsed: ParsedAttendance,
  knownServiceCodes: ReadonlySet<string>,
  personIdentifiers: ReadonlySet<string>,
): { errors: AttendanceError[]; personData: PersonDataReason[] } {
  const personData: PersonDataReason[] = [];
  for (const cell of parsed.textCells) {
    if (personIdentifiers.has(cell.value.toLowerCase()) && !knownServiceCodes.has(cell.value.toUpperCase())) {
      personData.push(employeeNumberReason(cell.line, cell.column));
    }
  }
  const errors: AttendanceError[] = parsed.rows
    .filter((r) => !knownServiceCodes.has(r.serviceCode))
    .map((r) => ({ line: r.line, column: 'servizio', code: 'UNKNOWN_SERVICE' as const, message: at(r.line, 'servizio', "il servizio non è nell'anagrafe") }));
  return { errors, personData };
}
