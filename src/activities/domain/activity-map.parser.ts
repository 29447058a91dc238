import { createHash } from 'node:crypto';
import { DomainError } from '../../common/errors/domain-error';
import { CsvRecord, readCsvRecords } from '../../common/csv/csv-reader';
import { ACTIVITY_MODES, ActivityMode, isActivityMode } from './activity-mode';

/**
 * The activity map in the format of `data/activity-map.tsv` (the seed's Allegato 1): a header line, then one
 * activity per line with service_code, service, macro_activity, activity, mode and optional notes. Tab
 * separated (TSV) or comma/semicolon separated (CSV); fields may be quoted with "…" ("" inside is a quote).
 */
export const MAP_COLUMNS = ['service_code', 'service', 'macro_activity', 'activity', 'mode', 'notes'] as const;
export type MapColumn = (typeof MAP_COLUMNS)[number];
const REQUIRED: MapColumn[] = ['service_code', 'service', 'macro_activity', 'activity', 'mode'];
const MAX_LENGTH: Record<MapColumn, number> = { service_code: 10, service: 200, macro_activity: 300, activity: 500, mode: 20, notes: 1000 };
const SERVICE_CODE = /^[A-Z0-9]{1,10}$/;

export type MapErrorCode =
  | 'FILE_MALFORMED'
  | 'EMPTY_FILE'
  | 'UNKNOWN_COLUMN'
  | 'MISSING_COLUMN'
  | 'DUPLICATE_COLUMN'
  | 'WRONG_FIELD_COUNT'
  | 'MISSING_FIELD'
  | 'TOO_LONG'
  | 'BAD_SERVICE_CODE'
  | 'BAD_MODE'
  | 'SERVICE_NAME_CONFLICT'
  | 'DUPLICATE_IN_FILE';

export interface MapError {
  line: number;
  column: string | null;
  code: MapErrorCode;
  message: string;
}

export interface MapRow {
  line: number;
  serviceCode: string;
  serviceName: string;
  macroActivity: string;
  name: string;
  mode: ActivityMode;
  notes: string | null;
  naturalKey: string;
}

export interface ParsedMap {
  format: 'tsv' | 'csv';
  /** Data lines read (header excluded). */
  total: number;
  rows: MapRow[];
  errors: MapError[];
}

const tidy = (v: string) => v.replace(/\s+/g, ' ').trim();

/**
 * Re-importing the same activity must find it again: the key ignores case and runs of blanks, so a file whose
 * only change is a capital letter or a double space updates the activity instead of adding a second one.
 */
export function activityNaturalKey(serviceCode: string, macroActivity: string, name: string): string {
  const text = [serviceCode, macroActivity, name].map((v) => tidy(v).toLowerCase()).join('\u001f');
  return createHash('sha256').update(text, 'utf8').digest('hex');
}

function detectDelimiter(text: string): { delimiter: string; format: 'tsv' | 'csv' } {
  const header = text.slice(0, text.search(/\r?\n|$/));
  if (header.includes('\t')) return { delimiter: '\t', format: 'tsv' };
  return { delimiter: (header.match(/;/g)?.length ?? 0) > (header.match(/,/g)?.length ?? 0) ? ';' : ',', format: 'csv' };
}

export function parseActivityMap(text: string): ParsedMap {
  const { delimiter, format } = detectDelimiter(text.replace(/^\uFEFF/, ''));
  let records: CsvRecord[];
  try {
    records = readCsvRecords(text, { delimiter });
  } catch (err) {
    if (err instanceof DomainError) throw err; // outside the CSV limits: the whole file is refused
    const line = (err as { lines?: number }).lines ?? 1;
    return {
      format,
      total: 0,
      rows: [],
      errors: [{ line, column: null, code: 'FILE_MALFORMED', message: `The file cannot be read: ${(err as Error).message}` }],
    };
  }
  if (records.length === 0) return { format, total: 0, rows: [], errors: [{ line: 1, column: null, code: 'EMPTY_FILE', message: 'The file is empty' }] };

  const errors: MapError[] = [];
  const header = records[0].record.map((h) => h.trim().toLowerCase());
  const index = new Map<MapColumn, number>();
  header.forEach((name, i) => {
    if (!(MAP_COLUMNS as readonly string[]).includes(name)) {
      errors.push({ line: 1, column: name || `#${i + 1}`, code: 'UNKNOWN_COLUMN', message: `Unknown column "${name}"; expected ${MAP_COLUMNS.join(', ')}` });
    } else if (index.has(name as MapColumn)) {
      errors.push({ line: 1, column: name, code: 'DUPLICATE_COLUMN', message: `Column "${name}" appears twice` });
    } else index.set(name as MapColumn, i);
  });
  for (const required of REQUIRED) {
    if (!index.has(required)) errors.push({ line: 1, column: required, code: 'MISSING_COLUMN', message: `Column "${required}" is required` });
  }
  const data = records.slice(1);
  if (errors.length > 0) return { format, total: data.length, rows: [], errors };

  const rows: MapRow[] = [];
  const serviceNames = new Map<string, { name: string; line: number }>();
  const seen = new Map<string, number>();
  for (const { record, info } of data) {
    const line = info.lines;
    if (record.length !== header.length) {
      errors.push({ line, column: null, code: 'WRONG_FIELD_COUNT', message: `Expected ${header.length} fields, found ${record.length}` });
      continue;
    }
    const value = (c: MapColumn) => (index.has(c) ? tidy(record[index.get(c)!]) : '');
    const rowErrors: MapError[] = [];
    for (const c of MAP_COLUMNS) {
      const v = value(c);
      if (REQUIRED.includes(c) && v === '') rowErrors.push({ line, column: c, code: 'MISSING_FIELD', message: `${c} is required` });
      else if (v.length > MAX_LENGTH[c]) rowErrors.push({ line, column: c, code: 'TOO_LONG', message: `${c} is longer than ${MAX_LENGTH[c]} characters` });
    }
    const serviceCode = value('service_code').toUpperCase();
    if (serviceCode && !SERVICE_CODE.test(serviceCode)) {
      rowErrors.push({ line, column: 'service_code', code: 'BAD_SERVICE_CODE', message: 'service_code must be 1-10 letters or digits' });
    }
    const mode = value('mode');
    if (mode && !isActivityMode(mode)) {
      rowErrors.push({ line, column: 'mode', code: 'BAD_MODE', message: `mode "${mode.slice(0, 40)}" is not one of ${ACTIVITY_MODES.join(', ')}` });
    }
    if (rowErrors.length > 0) {
      errors.push(...rowErrors);
      continue;
    }
    const serviceName = value('service');
    const known = serviceNames.get(serviceCode);
    if (known && known.name !== serviceName) {
      errors.push({
        line,
        column: 'service',
        code: 'SERVICE_NAME_CONFLICT',
        message: `Service ${serviceCode} is called "${known.name}" on line ${known.line}`,
      });
      continue;
    }
    if (!known) serviceNames.set(serviceCode, { name: serviceName, line });
    const naturalKey = activityNaturalKey(serviceCode, value('macro_activity'), value('activity'));
    const firstLine = seen.get(naturalKey);
    if (firstLine !== undefined) {
      errors.push({ line, column: 'activity', code: 'DUPLICATE_IN_FILE', message: `The same activity of the same macro-activity is on line ${firstLine}` });
      continue;
    }
    seen.set(naturalKey, line);
    rows.push({
      line,
      serviceCode,
      serviceName,
      macroActivity: value('macro_activity'),
      name: value('activity'),
      mode: mode as ActivityMode,
      notes: value('notes') || null,
      naturalKey,
    });
  }
  return { format, total: data.length, rows, errors };
}
