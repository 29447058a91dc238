import { DomainError } from '../../common/errors/domain-error';
import { CsvRecord, readCsvRecords } from '../../common/csv/csv-reader';
import { ActivityMode } from './activity-mode';
import { activityNaturalKey, MapError, MapRow, ParsedMap } from './activity-map.parser';

/**
 * The 11 transversal activities (the last table of Allegato 1, `data/transversal-activities.tsv`): a header line
 * `service_code, service, <one column per activity>`, then one line per service with T (fully remote), P (partially),
 * N (in presence) or nothing (the service does not have that activity). Each filled cell becomes an activity of the
 * service under the macro-activity "Attività trasversali", so employees linked to it count for eligibility like any
 * other; the activity map's own totals (676 / 544) leave them out (docs/decisions.md).
 *
 * The document lists code SR twice (Risorse Umane, Risorse Finanziarie): the second office's activities keep their
 * own mode under "Attività trasversali (Risorse Finanziarie)", so neither office's column is lost.
 */
export const TRANSVERSAL_MACRO_ACTIVITY = 'Attività trasversali';
const CELL_MODES: Record<string, ActivityMode> = { T: 'fully_remote', P: 'partially_remote', N: 'in_presence' };
const SERVICE_CODE = /^[A-Z0-9]{1,10}$/;
const MAX_ACTIVITY = 500;

const tidy = (v: string) => v.replace(/\s+/g, ' ').trim();

export function parseTransversalTable(text: string): ParsedMap {
  const clean = text.replace(/^\uFEFF/, '');
  const header = clean.slice(0, clean.search(/\r?\n|$/));
  const delimiter = header.includes('\t') ? '\t' : (header.match(/;/g)?.length ?? 0) > (header.match(/,/g)?.length ?? 0) ? ';' : ',';
  const format = delimiter === '\t' ? 'tsv' : 'csv';
  let records: CsvRecord[];
  try {
    records = readCsvRecords(text, { delimiter });
  } catch (err) {
    if (err instanceof DomainError) throw err;
    return {
      format,
      total: 0,
      rows: [],
      errors: [{ line: 1, column: null, code: 'FILE_MALFORMED', message: `The file cannot be read: ${(err as Error).message}` }],
    };
  }
  if (records.length === 0) return { format, total: 0, rows: [], errors: [{ line: 1, column: null, code: 'EMPTY_FILE', message: 'The file is empty' }] };

  const errors: MapError[] = [];
  const head = records[0].record.map(tidy);
  if (head[0]?.toLowerCase() !== 'service_code')
    errors.push({ line: 1, column: 'service_code', code: 'MISSING_COLUMN', message: 'The first column must be service_code' });
  if (head[1]?.toLowerCase() !== 'service') errors.push({ line: 1, column: 'service', code: 'MISSING_COLUMN', message: 'The second column must be service' });
  const activities = head.slice(2);
  if (activities.length === 0) errors.push({ line: 1, column: null, code: 'MISSING_COLUMN', message: 'No activity columns after service_code and service' });
  activities.forEach((name, i) => {
    if (!name) errors.push({ line: 1, column: `#${i + 3}`, code: 'MISSING_FIELD', message: 'An activity column has no name' });
    else if (name.length > MAX_ACTIVITY)
      errors.push({ line: 1, column: name.slice(0, 40), code: 'TOO_LONG', message: `activity is longer than ${MAX_ACTIVITY} characters` });
    else if (activities.indexOf(name) !== i)
      errors.push({ line: 1, column: name.slice(0, 40), code: 'DUPLICATE_COLUMN', message: `Column "${name}" appears twice` });
  });
  const data = records.slice(1);
  if (errors.length > 0) return { format, total: data.length, rows: [], errors };

  const rows: MapRow[] = [];
  const officesByCode = new Map<string, string[]>();
  for (const { record, info } of data) {
    const line = info.lines;
    if (record.length !== head.length) {
      errors.push({ line, column: null, code: 'WRONG_FIELD_COUNT', message: `Expected ${head.length} fields, found ${record.length}` });
      continue;
    }
    const serviceCode = tidy(record[0]).toUpperCase();
    const serviceName = tidy(record[1]);
    if (!SERVICE_CODE.test(serviceCode)) {
      errors.push({ line, column: 'service_code', code: 'BAD_SERVICE_CODE', message: 'service_code must be 1-10 letters or digits' });
      continue;
    }
    if (!serviceName) {
      errors.push({ line, column: 'service', code: 'MISSING_FIELD', message: 'service is required' });
      continue;
    }
    const offices = officesByCode.get(serviceCode) ?? [];
    if (offices.includes(serviceName)) {
      errors.push({ line, column: 'service', code: 'DUPLICATE_IN_FILE', message: `Service ${serviceCode} "${serviceName}" appears twice` });
      continue;
    }
    offices.push(serviceName);
    officesByCode.set(serviceCode, offices);
    const macroActivity = offices.length === 1 ? TRANSVERSAL_MACRO_ACTIVITY : `${TRANSVERSAL_MACRO_ACTIVITY} (${serviceName})`;
    activities.forEach((name, i) => {
      const cell = tidy(record[i + 2]).toUpperCase();
      if (cell === '') return;
      const mode = CELL_MODES[cell];
      if (!mode) {
        errors.push({ line, column: name.slice(0, 60), code: 'BAD_MODE', message: `"${cell.slice(0, 10)}" is not T, P, N or empty` });
        return;
      }
      rows.push({
        line,
        serviceCode,
        serviceName: offices[0],
        macroActivity,
        name,
        mode,
        notes: null,
        naturalKey: activityNaturalKey(serviceCode, macroActivity, name),
      });
    });
  }
  return { format, total: data.length, rows: errors.length ? [] : rows, errors };
}
