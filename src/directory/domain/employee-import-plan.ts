import { CsvEmployeeRow, CsvError } from './employee-csv';
import { EmployeeSnapshot } from './sync-plan';

export interface ImportSnapshot extends EmployeeSnapshot {
  isDirectorGeneral: boolean;
  disabledWorker: boolean;
}

/** Columns a CSV row may change. */
export interface ImportChanges {
  employeeNumber?: string;
  externalId?: string | null;
  username?: string | null;
  firstName?: string;
  lastName?: string;
  email?: string | null;
  serviceId?: string;
  profile?: string | null;
  category?: string | null;
  isManager?: boolean;
  isDirectorGeneral?: boolean;
  disabledWorker?: boolean;
  active?: boolean;
}

export interface ImportPlan {
  creates: { id: string; row: CsvEmployeeRow; serviceId: string }[];
  updates: { id: string; version: number; line: number; changes: ImportChanges }[];
  unchanged: number;
  errors: CsvError[];
}

export interface ImportPlanInput {
  rows: CsvEmployeeRow[];
  /** Lines that already have errors: still checked against the file and the database, never planned. */
  invalidLines?: Set<number>;
  existing: ImportSnapshot[];
  serviceIdsByCode: Map<string, string>;
  newId: () => string;
}

const lower = (v: string | null | undefined) => (v ?? '').toLowerCase();

/**
 * File-wide and database checks, then what each row does: create, update (only the columns that differ) or
 * nothing. Any error means the import is refused as a whole; the errors list every one, by line and column.
 */
export function planImport(input: ImportPlanInput): ImportPlan {
  const errors: CsvError[] = [];
  const byNumber = new Map<string, ImportSnapshot>();
  const byExternal = new Map<string, ImportSnapshot>();
  const byUsername = new Map<string, ImportSnapshot>();
  for (const e of input.existing) {
    byNumber.set(e.employeeNumber, e);
    if (e.externalId) byExternal.set(lower(e.externalId), e);
    if (e.username) byUsername.set(lower(e.username), e);
  }

  // Duplicates inside the file: every later line names the first.
  const firstLine = { employee_number: new Map<string, number>(), external_id: new Map<string, number>(), username: new Map<string, number>() };
  const duplicated = new Set<number>();
  for (const row of input.rows) {
    const checks: [keyof typeof firstLine, string | null | undefined][] = [
      ['employee_number', row.employeeNumber],
      ['external_id', row.externalId ? lower(row.externalId) : null],
      ['username', row.username ? lower(row.username) : null],
    ];
    for (const [column, value] of checks) {
      if (!value) continue;
      const seen = firstLine[column].get(value);
      if (seen !== undefined) {
        errors.push({ line: row.line, column, code: 'DUPLICATE_IN_FILE', message: `${column} ${value} already appears on line ${seen}` });
        duplicated.add(row.line);
      } else {
        firstLine[column].set(value, row.line);
      }
    }
  }

  const plan: ImportPlan = { creates: [], updates: [], unchanged: 0, errors };
  for (const row of input.rows) {
    if (duplicated.has(row.line)) continue;
    const rowErrors: CsvError[] = [];
    const serviceId = input.serviceIdsByCode.get(row.serviceCode);
    if (!serviceId && row.serviceCode)
      rowErrors.push({ line: row.line, column: 'service_code', code: 'UNKNOWN_SERVICE_CODE', message: `no service has code ${row.serviceCode}` });

    const viaExternal = row.externalId ? byExternal.get(lower(row.externalId)) : undefined;
    const viaNumber = byNumber.get(row.employeeNumber);
    const match = viaExternal ?? viaNumber;
    if (viaExternal && viaNumber && viaExternal.id !== viaNumber.id) {
      rowErrors.push({
        line: row.line,
        column: 'employee_number',
        code: 'DUPLICATE_IN_DATABASE',
        message: `employee_number ${row.employeeNumber} belongs to another employee than external_id ${row.externalId}`,
      });
    } else if (!viaExternal && viaNumber && row.externalId && viaNumber.externalId && lower(viaNumber.externalId) !== lower(row.externalId)) {
      rowErrors.push({
        line: row.line,
        column: 'external_id',
        code: 'CONFLICTING_IDS',
        message: `employee ${row.employeeNumber} already has another external id; a CSV cannot change it`,
      });
    }
    if (row.username) {
      const owner = byUsername.get(lower(row.username));
      if (owner && owner.id !== match?.id) {
        rowErrors.push({ line: row.line, column: 'username', code: 'DUPLICATE_IN_DATABASE', message: `username ${row.username} belongs to another employee` });
      }
    }
    if (rowErrors.length || !serviceId || input.invalidLines?.has(row.line)) {
      errors.push(...rowErrors);
      continue;
    }
    if (!match) {
      plan.creates.push({ id: input.newId(), row, serviceId });
      continue;
    }
    const changes = importDiff(match, row, serviceId);
    if (Object.keys(changes).length === 0) plan.unchanged += 1;
    else plan.updates.push({ id: match.id, version: match.version, line: row.line, changes });
  }
  errors.sort((a, b) => a.line - b.line);
  return plan;
}

function importDiff(e: ImportSnapshot, row: CsvEmployeeRow, serviceId: string): ImportChanges {
  const c: ImportChanges = {};
  const set = <K extends keyof ImportChanges>(key: K, next: ImportChanges[K] | undefined, current: ImportChanges[K]) => {
    if (next !== undefined && next !== current) c[key] = next;
  };
  set('employeeNumber', row.employeeNumber, e.employeeNumber);
  if (row.externalId && !e.externalId) c.externalId = row.externalId;
  set('username', row.username, e.username);
  set('firstName', row.firstName, e.firstName);
  set('lastName', row.lastName, e.lastName);
  set('email', row.email, e.email);
  set('serviceId', serviceId, e.serviceId);
  set('profile', row.profile, e.profile);
  set('category', row.category, e.category);
  set('isManager', row.isManager, e.isManager);
  set('isDirectorGeneral', row.isDirectorGeneral, e.isDirectorGeneral);
  set('disabledWorker', row.disabledWorker, e.disabledWorker);
  set('active', row.active, e.active);
  return c;
}
