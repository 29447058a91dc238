import { DomainError } from '../../common/errors/domain-error';
import { CsvRecord, readCsvRecords } from '../../common/csv/csv-reader';
import { EMPLOYEE_LIMITS, FieldName, blankToNull, isEmail, isServiceCode, isUsername, normalizeServiceCode, parseFlag } from './employee-fields';

/**
 * The employee CSV: one header line, then one employee per line. Comma or semicolon separated (Excel in
 * Italian locales writes semicolons), UTF-8 with or without BOM, quoted fields may hold separators.
 * Required: employee_number, first_name, last_name, service_code. Optional: external_id, username, email,
 * profile, category, is_manager, is_director_general, disabled_worker, active. Header names are
 * case-insensitive and may be camelCase (employeeNumber). A blank optional text cell clears the value; a blank
 * flag cell keeps it (false for a new employee). Rows match existing employees by external_id when given,
 * else by employee_number.
 */
export const CSV_COLUMNS = [
  'employee_number',
  'first_name',
  'last_name',
  'service_code',
  'external_id',
  'username',
  'email',
  'profile',
  'category',
  'is_manager',
  'is_director_general',
  'disabled_worker',
  'active',
] as const;
export type CsvColumn = (typeof CSV_COLUMNS)[number];
export const REQUIRED_COLUMNS: CsvColumn[] = ['employee_number', 'first_name', 'last_name', 'service_code'];
const FLAG_COLUMNS: CsvColumn[] = ['is_manager', 'is_director_general', 'disabled_worker', 'active'];

export type CsvErrorCode =
  | 'CSV_MALFORMED'
  | 'EMPTY_FILE'
  | 'UNKNOWN_COLUMN'
  | 'MISSING_COLUMN'
  | 'DUPLICATE_COLUMN'
  | 'WRONG_FIELD_COUNT'
  | 'MISSING_FIELD'
  | 'TOO_LONG'
  | 'BAD_EMAIL'
  | 'BAD_USERNAME'
  | 'BAD_SERVICE_CODE'
  | 'BAD_FLAG'
  | 'UNKNOWN_SERVICE_CODE'
  | 'DUPLICATE_IN_FILE'
  | 'DUPLICATE_IN_DATABASE'
  | 'CONFLICTING_IDS'
  | 'MANAGER_FLAG_NEEDS_ADMIN';

export interface CsvError {
  line: number;
  column: string | null;
  code: CsvErrorCode;
  message: string;
}

/** A valid row in employee terms. Undefined: the column is absent (or a blank flag) and the value is kept. */
export interface CsvEmployeeRow {
  line: number;
  employeeNumber: string;
  firstName: string;
  lastName: string;
  serviceCode: string;
  externalId?: string | null;
  username?: string | null;
  email?: string | null;
  profile?: string | null;
  category?: string | null;
  isManager?: boolean;
  isDirectorGeneral?: boolean;
  disabledWorker?: boolean;
  active?: boolean;
}

export interface ParsedCsv {
  /** Every data row read, valid or not (database checks still run on invalid ones, so each line is fully reported). */
  rows: CsvEmployeeRow[];
  /** Lines with at least one error: never written. */
  invalidLines: Set<number>;
  errors: CsvError[];
  /** Data lines read (header excluded). */
  total: number;
}

function canonicalHeader(name: string): string {
  return name
    .trim()
    .replace(/([a-z0-9])([A-Z])/g, '$1_$2')
    .toLowerCase()
    .replace(/[\s-]+/g, '_');
}

function detectDelimiter(text: string): string {
  const firstLine = text.slice(0, text.indexOf('\n') === -1 ? undefined : text.indexOf('\n'));
  return (firstLine.match(/;/g)?.length ?? 0) > (firstLine.match(/,/g)?.length ?? 0) ? ';' : ',';
}

const FIELD_BY_COLUMN: Partial<Record<CsvColumn, FieldName>> = {
  employee_number: 'employeeNumber',
  first_name: 'firstName',
  last_name: 'lastName',
  service_code: 'serviceCode',
  external_id: 'externalId',
  username: 'username',
  email: 'email',
  profile: 'profile',
  category: 'category',
};

/** Reads and checks every line on its own (file-wide and database checks come after); lists every problem. */
export function parseEmployeeCsv(text: string): ParsedCsv {
  const errors: CsvError[] = [];
  let records: CsvRecord[];
  try {
    records = readCsvRecords(text, { delimiter: detectDelimiter(text), trim: true });
  } catch (err) {
    if (err instanceof DomainError) throw err; // outside the CSV limits: the whole file is refused
    const e = err as { lines?: number; message?: string };
    return {
      rows: [],
      invalidLines: new Set(),
      errors: [{ line: e.lines ?? 1, column: null, code: 'CSV_MALFORMED', message: e.message ?? 'the CSV cannot be read' }],
      total: 0,
    };
  }
  if (records.length === 0)
    return { rows: [], invalidLines: new Set(), errors: [{ line: 1, column: null, code: 'EMPTY_FILE', message: 'the file has no header line' }], total: 0 };

  const header = records[0].record.map(canonicalHeader);
  const index = new Map<CsvColumn, number>();
  header.forEach((name, i) => {
    if (!(CSV_COLUMNS as readonly string[]).includes(name)) {
      errors.push({
        line: 1,
        column: records[0].record[i],
        code: 'UNKNOWN_COLUMN',
        message: `unknown column "${records[0].record[i]}" (known: ${CSV_COLUMNS.join(', ')})`,
      });
    } else if (index.has(name as CsvColumn)) {
      errors.push({ line: 1, column: name, code: 'DUPLICATE_COLUMN', message: `column ${name} appears twice` });
    } else {
      index.set(name as CsvColumn, i);
    }
  });
  for (const required of REQUIRED_COLUMNS) {
    if (!index.has(required)) errors.push({ line: 1, column: required, code: 'MISSING_COLUMN', message: `required column ${required} is missing` });
  }
  const data = records.slice(1);
  if (errors.length) return { rows: [], invalidLines: new Set(), errors, total: data.length };

  const rows: CsvEmployeeRow[] = [];
  const invalidLines = new Set<number>();
  for (const { record, info } of data) {
    const line = info.lines - record.reduce((n, f) => n + (f.match(/\n/g)?.length ?? 0), 0);
    const rowErrors: CsvError[] = [];
    if (record.length !== header.length) {
      rowErrors.push({ line, column: null, code: 'WRONG_FIELD_COUNT', message: `${record.length} fields where the header has ${header.length}` });
    }
    const cell = (c: CsvColumn): string | undefined => (index.has(c) ? (record[index.get(c)!] ?? '') : undefined);
    const text = (c: CsvColumn): string | null | undefined => {
      const raw = cell(c);
      if (raw === undefined) return undefined;
      const value = blankToNull(raw);
      const field = FIELD_BY_COLUMN[c];
      if (value !== null && field && value.length > EMPLOYEE_LIMITS[field]) {
        rowErrors.push({ line, column: c, code: 'TOO_LONG', message: `${c} is longer than ${EMPLOYEE_LIMITS[field]} characters` });
      }
      return value;
    };
    const required = (c: CsvColumn): string => {
      const value = text(c);
      if (!value) rowErrors.push({ line, column: c, code: 'MISSING_FIELD', message: `${c} is required` });
      return value ?? '';
    };
    const row: CsvEmployeeRow = {
      line,
      employeeNumber: required('employee_number'),
      firstName: required('first_name'),
      lastName: required('last_name'),
      serviceCode: normalizeServiceCode(required('service_code')),
      externalId: text('external_id'),
      username: text('username'),
      email: text('email'),
      profile: text('profile'),
      category: text('category'),
    };
    if (row.serviceCode && !isServiceCode(row.serviceCode)) {
      rowErrors.push({ line, column: 'service_code', code: 'BAD_SERVICE_CODE', message: 'service_code must be 1-10 letters, digits, - or _' });
    }
    if (row.email && !isEmail(row.email))
      rowErrors.push({ line, column: 'email', code: 'BAD_EMAIL', message: `"${row.email.slice(0, 80)}" is not an email address` });
    if (row.username && !isUsername(row.username)) {
      rowErrors.push({ line, column: 'username', code: 'BAD_USERNAME', message: 'username may hold letters, digits, ".", "_", "@" and "-" only' });
    }
    for (const c of FLAG_COLUMNS) {
      const raw = cell(c);
      if (raw === undefined || raw.trim() === '') continue;
      const flag = parseFlag(raw);
      if (flag === undefined) rowErrors.push({ line, column: c, code: 'BAD_FLAG', message: `${c} must be true/false, yes/no, sì/no or 1/0` });
      else if (c === 'is_manager') row.isManager = flag;
      else if (c === 'is_director_general') row.isDirectorGeneral = flag;
      else if (c === 'disabled_worker') row.disabledWorker = flag;
      else row.active = flag;
    }
    if (rowErrors.length) {
      errors.push(...rowErrors);
      invalidLines.add(line);
    }
    rows.push(row);
  }
  return { rows, invalidLines, errors, total: data.length };
}
