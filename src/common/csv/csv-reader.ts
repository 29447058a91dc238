import { parse, type CsvError } from 'csv-parse/sync';
import { DomainError } from '../errors/domain-error';

/**
 * The one way an uploaded CSV/TSV is read (asset intake, employee import, activity map). Imports are files a
 * person exported from a spreadsheet: a few dozen columns, lines of a few hundred characters. Anything far
 * outside that is refused as a whole with a stable 400 code, before the rows are parsed, so a hostile file
 * (a 1,000,000-column header, a 20 MB line) costs milliseconds instead of seconds of CPU, a gigabyte of memory
 * and a report of millions of errors.
 */
export const CSV_LIMITS = {
  /** columns of the header, or of any row */
  maxColumns: 200,
  /** characters of one physical line */
  maxLineLength: 65_536,
  /** characters of one record's fields together (a quoted field may span lines) */
  maxRecordLength: 65_536,
} as const;

export type CsvLimitCode = 'CSV_TOO_MANY_COLUMNS' | 'CSV_LINE_TOO_LONG' | 'CSV_RECORD_TOO_LONG';

/** A file outside CSV_LIMITS: refused whole (400), nothing read further, nothing written. */
export class CsvLimitExceeded extends DomainError {
  constructor(code: CsvLimitCode, message: string, details: { line: number; limit: number }) {
    super('validation', code, message, details);
  }
}

export interface CsvRecord {
  record: string[];
  /** csv-parse's line counter: the last physical line of the record (the header is line 1) */
  info: { lines: number };
}

export interface ReadCsvOptions {
  delimiter: string;
  trim?: boolean;
}

/**
 * Parses the whole file into records (BOM skipped, empty lines skipped, rows may have any number of fields up to
 * the limit: the importers report a wrong count per row). Throws CsvLimitExceeded for a file outside the limits,
 * and csv-parse's CsvError for a file that is not CSV at all (each importer reports that its own way).
 */
export function readCsvRecords(text: string, options: ReadCsvOptions): CsvRecord[] {
  checkHeaderWidth(text, options.delimiter);
  checkLineLengths(text);
  try {
    return parse(text, {
      delimiter: options.delimiter,
      trim: options.trim ?? false,
      bom: true,
      info: true,
      relax_column_count: true,
      skip_empty_lines: true,
      max_record_size: CSV_LIMITS.maxRecordLength,
      // with info: true csv-parse hands on_record the { record, info } pair its typings do not describe
      on_record: ((r: CsvRecord) => {
        if (r.record.length > CSV_LIMITS.maxColumns) throw tooManyColumns(r.info.lines);
        return r;
      }) as never,
    }) as unknown as CsvRecord[];
  } catch (err) {
    if ((err as CsvError).code === 'CSV_MAX_RECORD_SIZE') {
      const line = (err as CsvError & { lines?: number }).lines ?? 1;
      throw new CsvLimitExceeded('CSV_RECORD_TOO_LONG', `Line ${line} holds a record longer than ${CSV_LIMITS.maxRecordLength} characters`, {
        line,
        limit: CSV_LIMITS.maxRecordLength,
      });
    }
    throw err;
  }
}

function tooManyColumns(line: number): CsvLimitExceeded {
  return new CsvLimitExceeded(
    'CSV_TOO_MANY_COLUMNS',
    line === 1 ? `The header has more than ${CSV_LIMITS.maxColumns} columns` : `Line ${line} has more than ${CSV_LIMITS.maxColumns} fields`,
    { line, limit: CSV_LIMITS.maxColumns },
  );
}

/**
 * Counts the header's columns without parsing it: delimiters outside double quotes up to the end of the first
 * record, stopping as soon as the limit is passed (a 1,000,000-column header is refused after 200 delimiters).
 */
function checkHeaderWidth(text: string, delimiter: string): void {
  let i = text.charCodeAt(0) === 0xfeff ? 1 : 0;
  while (text[i] === '\n' || text[i] === '\r') i += 1; // empty lines before the header are skipped
  let columns = 1;
  let quoted = false;
  for (; i < text.length; i++) {
    const c = text[i];
    if (c === '"') quoted = !quoted;
    else if (quoted) continue;
    else if (c === '\n' || c === '\r') return;
    else if (text.startsWith(delimiter, i)) {
      columns += 1;
      if (columns > CSV_LIMITS.maxColumns) throw tooManyColumns(1);
      i += delimiter.length - 1;
    }
  }
}

function checkLineLengths(text: string): void {
  let start = 0;
  let line = 1;
  while (start <= text.length) {
    let end = text.indexOf('\n', start);
    if (end === -1) end = text.length;
    if (end - start > CSV_LIMITS.maxLineLength + 1) {
      throw new CsvLimitExceeded('CSV_LINE_TOO_LONG', `Line ${line} is longer than ${CSV_LIMITS.maxLineLength} characters`, {
        line,
        limit: CSV_LIMITS.maxLineLength,
      });
    }
    start = end + 1;
    line += 1;
  }
}

/** For the OpenAPI description of every import route. */
export const CSV_LIMITS_DOC =
  `A file with more than ${CSV_LIMITS.maxColumns} columns (header or any row), a line over ${CSV_LIMITS.maxLineLength} characters or a ` +
  `record over ${CSV_LIMITS.maxRecordLength} is refused whole before its rows are read: 400 CSV_TOO_MANY_COLUMNS, CSV_LINE_TOO_LONG or ` +
  'CSV_RECORD_TOO_LONG (details: line, limit). Reports and refusals list the first 100 errors (errors) with errorCount and truncated.';
