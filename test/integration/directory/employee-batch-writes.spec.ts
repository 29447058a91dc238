import { randomUUID } from 'node:crypto';
import { UnitOfWork } from '../../../src/database/unit-of-work';
import { EmployeeEntity } from '../../../src/directory/employee.entity';
import { EmployeeRepository } from '../../../src/directory/employee.repository';
import { createEmployee, createService } from '../../factories';
import { startTestApp, TestApp } from '../../helpers/test-app';

/**
 * The directory sync's batched writes, on the database of the run: `insertMany` (one JSON array of rows unpacked
 * by the server on PostgreSQL, one prepared multi-row VALUES on SQLite) keeps every column as given, nulls,
 * booleans and awkward text included, over more rows than one statement takes; `updateManyIfVersion`
 * updates, in a few statements, exactly the rows whose version is the one read, each with its own columns.
 */
describe('employees: batched inserts and conditional updates', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp({ env: { RUN_WORKERS: 'false' } });
  });
  afterAll(() => t.close());

  const read = (id: string) => t.dataSource.getRepository(EmployeeEntity).findOneByOrFail({ id });

  /** A directory employee as insertMany receives it: every column set (none left to a database default). */
  const row = (n: number, serviceId: string, now: string, over: Partial<EmployeeEntity> = {}): EmployeeEntity =>
    Object.assign(new EmployeeEntity(), {
      id: randomUUID(),
      employeeNumber: `B${process.pid}x${n}`,
      externalId: `ext-${randomUUID()}`,
      source: 'directory',
      username: `batch.${process.pid}.${n}`,
      firstName: 'Anna',
      lastName: `Rossi ${n}`,
      email: null,
      serviceId,
      profile: null,
      category: null,
      isManager: false,
      isDirectorGeneral: false,
      disabledWorker: false,
      active: true,
      deactivatedAt: null,
      deactivationReason: null,
      lastSyncedAt: now,
      directoryDn: null,
      createdAt: now,
      updatedAt: now,
      version: 1,
      ...over,
    });

  it('inserts many rows with every column as given', async () => {
    const service = await createService(t.dataSource);
    const now = new Date().toISOString();
    const rows: EmployeeEntity[] = Array.from({ length: 7 }, (_, n) =>
      row(n, service.id, now, {
        externalId: n % 2 ? `ext-${randomUUID()}` : null,
        firstName: ['Anna', "Maria Teresa D'Angelo", 'Niccolò "Nico"', 'Zoë \\ Ünal', 'Łucja 😀', '  spazi  ', '%_'][n],
        email: n === 3 ? null : `batch${n}@example.org`,
        category: 'C',
        isManager: n === 2,
        disabledWorker: n === 5,
        active: n !== 6,
        deactivatedAt: n === 6 ? now : null,
        deactivationReason: n === 6 ? 'left_directory' : null,
        directoryDn: `uid=batch${n},ou=people,dc=example,dc=org`,
      }),
    );
    await t.get(UnitOfWork).run((tx) => t.get(EmployeeRepository).insertMany(tx, rows));
    for (const r of rows) expect(await read(r.id)).toEqual(r);
  });

  it('inserts more rows than one statement takes (several chunks, a short last one), all of them', async () => {
    const service = await createService(t.dataSource);
    const now = new Date().toISOString();
    const rows = Array.from({ length: 2_345 }, (_, n) =>
      row(n, service.id, now, { employeeNumber: `C${process.pid}x${n}`, username: `chunk.${process.pid}.${n}`, firstName: 'Luca', lastName: `Bianchi ${n}` }),
    );
    await t.get(UnitOfWork).run((tx) => t.get(EmployeeRepository).insertMany(tx, rows));
    expect(await t.dataSource.getRepository(EmployeeEntity).countBy({ serviceId: service.id })).toBe(2_345);
    expect(await read(rows[2_344].id)).toEqual(rows[2_344]);
  });

  it('updates only the rows still at the version read, each with its own columns', async () => {
    const service = await createService(t.dataSource);
    const other = await createService(t.dataSource);
    const [a, b, c, d] = [
      await createEmployee(t.dataSource, { serviceId: service.id }),
      await createEmployee(t.dataSource, { serviceId: service.id }),
      await createEmployee(t.dataSource, { serviceId: service.id }),
      await createEmployee(t.dataSource, { serviceId: service.id }),
    ];
    const now = new Date().toISOString();
    const updated = await t.get(UnitOfWork).run((tx) =>
      t.get(EmployeeRepository).updateManyIfVersion(tx, [
        { id: a.id, version: a.version, patch: { lastName: 'Bianchi', updatedAt: now } },
        { id: b.id, version: b.version, patch: { lastName: 'Verdi', updatedAt: now } },
        { id: c.id, version: c.version, patch: { active: false, deactivatedAt: now, deactivationReason: 'left_directory', serviceId: other.id } },
        // someone changed d since it was read
        { id: d.id, version: d.version + 1, patch: { lastName: 'Neri', updatedAt: now } },
      ]),
    );
    expect([...updated].sort()).toEqual([a.id, b.id, c.id].sort());
    expect(await read(a.id)).toMatchObject({ lastName: 'Bianchi', updatedAt: now, version: a.version + 1, firstName: a.firstName });
    expect(await read(b.id)).toMatchObject({ lastName: 'Verdi', version: b.version + 1 });
    expect(await read(c.id)).toMatchObject({
      active: false,
      deactivatedAt: now,
      deactivationReason: 'left_directory',
      serviceId: other.id,
      lastName: c.lastName,
      version: c.version + 1,
    });
    expect(await read(d.id)).toMatchObject({ lastName: d.lastName, version: d.version });
  });
});
