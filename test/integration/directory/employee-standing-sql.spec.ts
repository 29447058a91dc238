import { EmployeeStandingFacts, hadLeft, wasActive } from '../../../src/directory/domain/employee-standing';
import { employeesActiveAtSql, employeeServicesSql, leaversAtSql, servicesSql } from '../../../src/directory/domain/employee-standing.sql';
import { createEmployee, createService } from '../../factories';
import { ids, MigratedDatabase, openMigratedDatabase } from '../../helpers/migrated-db';

const CUTOFFS = ['2021-12-31T23:00:00.000Z', '2022-03-01T10:00:00.000Z', '2020-06-01T00:00:00.000Z'];

const CASES: Record<string, EmployeeStandingFacts> = {
  active: { active: true, deactivatedAt: null },
  'deactivated before': { active: false, deactivatedAt: '2021-06-01T09:00:00.000Z' },
  'deactivated at the cutoff': { active: false, deactivatedAt: '2021-12-31T23:00:00.000Z' },
  'deactivated after': { active: false, deactivatedAt: '2022-01-10T09:00:00.000Z' },
  'inactive, no date (never synced as a leaver)': { active: false, deactivatedAt: null },
  'reactivated (active, old date kept)': { active: true, deactivatedAt: '2021-06-01T09:00:00.000Z' },
};

/**
 * The directory's published SQL (domain/employee-standing.sql.ts) answers what its rules answer on the same rows
 * of a real database. `active` is a boolean column (0/1 on SQLite), so the caller binds :yes/:no.
 */
describe('employee standing: the SQL twins answer what the TypeScript rules answer', () => {
  let db: MigratedDatabase;
  const caseOf = new Map<string, string>();
  let serviceIds: string[] = [];

  beforeAll(async () => {
    db = await openMigratedDatabase();
    const services = [await createService(db.ds), await createService(db.ds)];
    serviceIds = services.map((s) => s.id).sort();
    let i = 0;
    for (const [name, facts] of Object.entries(CASES)) {
      const e = await createEmployee(db.ds, { serviceId: services[i++ % 2].id, ...facts });
      caseOf.set(e.id, name);
    }
  });
  afterAll(() => db.close());

  const cases = (rows: Record<string, unknown>[]) => rows.map((r) => caseOf.get(String(r.employee_id))).sort();
  const want = (rule: (f: EmployeeStandingFacts) => boolean) =>
    Object.entries(CASES)
      .filter(([, f]) => rule(f))
      .map(([n]) => n)
      .sort();

  it.each(CUTOFFS)('wasActive and hadLeft as of %s', async (cutoff) => {
    expect(cases(await db.query(employeesActiveAtSql('cutoff', 'yes'), { cutoff, yes: true }))).toEqual(want((f) => wasActive(f, cutoff)));
    expect(cases(await db.query(leaversAtSql('cutoff', 'no'), { cutoff, no: false }))).toEqual(want((f) => hadLeft(f, cutoff)));
  });

  it('every employee with their service, and the services', async () => {
    const rows = await db.query(employeeServicesSql());
    expect(cases(rows)).toEqual(Object.keys(CASES).sort());
    expect(ids(await db.query(servicesSql()))).toEqual(serviceIds);
  });
});
