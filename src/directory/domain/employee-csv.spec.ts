import { parseEmployeeCsv } from './employee-csv';
import { ImportSnapshot, planImport } from './employee-import-plan';

const header = 'employee_number,first_name,last_name,service_code,username,email,is_manager';

describe('employee CSV', () => {
  it('reads good rows, with semicolons and camelCase headers too', () => {
    const r = parseEmployeeCsv(`${header}\nM1,Maria,Rossi,sd,mrossi,m@x.it,sì\n`);
    expect(r.errors).toEqual([]);
    expect(r.rows[0]).toMatchObject({ line: 2, employeeNumber: 'M1', serviceCode: 'SD', isManager: true, email: 'm@x.it' });
    const semi = parseEmployeeCsv('employeeNumber;firstName;lastName;serviceCode\nM2;"Anna; Maria";Verdi;PA\n');
    expect(semi.rows[0]).toMatchObject({ firstName: 'Anna; Maria', serviceCode: 'PA' });
  });

  it('lists every problem of every line with its column', () => {
    const csv = [header, ',Maria,Rossi,SD,mrossi,not-an-email,maybe', 'M2,,Verdi,SD,a b,,no', 'M3,Ugo,Neri', 'M4,Ada,Bo,SD,ab,a@b.it,no'].join('\n');
    const r = parseEmployeeCsv(csv);
    expect(r.errors.map((e) => [e.line, e.column, e.code])).toEqual([
      [2, 'employee_number', 'MISSING_FIELD'],
      [2, 'email', 'BAD_EMAIL'],
      [2, 'is_manager', 'BAD_FLAG'],
      [3, 'first_name', 'MISSING_FIELD'],
      [3, 'username', 'BAD_USERNAME'],
      [4, null, 'WRONG_FIELD_COUNT'],
      [4, 'service_code', 'MISSING_FIELD'],
    ]);
    expect(r.rows.map((x) => x.line)).toEqual([2, 3, 4, 5]);
    expect([...r.invalidLines]).toEqual([2, 3, 4]);
    expect(r.total).toBe(4);
  });

  it('refuses unknown and missing columns on line 1', () => {
    const r = parseEmployeeCsv('employee_number,first_name,colour\nM1,A,red\n');
    expect(r.errors.map((e) => [e.line, e.code, e.column])).toEqual([
      [1, 'UNKNOWN_COLUMN', 'colour'],
      [1, 'MISSING_COLUMN', 'last_name'],
      [1, 'MISSING_COLUMN', 'service_code'],
    ]);
  });

  it('plans creates and updates, and reports duplicates in the file and in the database', () => {
    const existing: ImportSnapshot = {
      id: 'e1',
      employeeNumber: 'M1',
      externalId: null,
      source: 'csv',
      username: 'mrossi',
      firstName: 'Maria',
      lastName: 'Rossi',
      email: null,
      serviceId: 's-sd',
      profile: null,
      category: null,
      isManager: false,
      isDirectorGeneral: false,
      disabledWorker: false,
      active: true,
      deactivationReason: null,
      directoryDn: null,
      version: 3,
    };
    const csv = [
      header,
      'M1,Maria,Rossi,SD,mrossi,,no',
      'M2,Anna,Verdi,SD,averdi,,',
      'M2,Anna,Verdi,SD,other,,',
      'M3,Ugo,Neri,XX,,,',
      'M4,Eva,Blu,SD,GBianchi,,',
      'M1,Maria,Rossa,SD,,,',
    ].join('\n');
    const parsed = parseEmployeeCsv(csv);
    const plan = planImport({
      rows: parsed.rows,
      invalidLines: parsed.invalidLines,
      existing: [existing, { ...existing, id: 'e2', employeeNumber: 'M9', username: 'gbianchi' }],
      serviceIdsByCode: new Map([['SD', 's-sd']]),
      newId: () => 'new',
    });
    expect(plan.errors.map((e) => [e.line, e.column, e.code])).toEqual([
      [4, 'employee_number', 'DUPLICATE_IN_FILE'],
      [5, 'service_code', 'UNKNOWN_SERVICE_CODE'],
      [6, 'username', 'DUPLICATE_IN_DATABASE'],
      [7, 'employee_number', 'DUPLICATE_IN_FILE'],
    ]);
    expect(plan.unchanged).toBe(1);
    expect(plan.creates.map((c) => c.row.employeeNumber)).toEqual(['M2']);
  });
});
