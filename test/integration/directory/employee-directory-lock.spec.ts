import { UnitOfWork } from '../../../src/database/unit-of-work';
import { EmployeeDirectory } from '../../../src/directory';
import { createEmployee, createService } from '../../factories';
import { startTestApp, TestApp } from '../../helpers/test-app';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/**
 * The directory's port holds what agreements and activities relied on when they read the employees table
 * themselves: `lockById` locks the employee's row until the caller's transaction ends (PostgreSQL; SQLite
 * serialises every unit of work), and answers a view, not the entity.
 */
describe('EmployeeDirectory.lockById', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp({ env: { RUN_WORKERS: 'false' } });
  });
  afterAll(() => t.close());

  it('answers the employee view inside the caller transaction, and null for an unknown id', async () => {
    const service = await createService(t.dataSource);
    const e = await createEmployee(t.dataSource, { serviceId: service.id });
    const [found, missing] = await t
      .get(UnitOfWork)
      .run(async (tx) => [
        await t.get(EmployeeDirectory).lockById(tx, e.id),
        await t.get(EmployeeDirectory).lockById(tx, '00000000-0000-4000-8000-000000000000'),
      ]);
    expect(found).toMatchObject({ id: e.id, serviceId: service.id, serviceCode: service.code, active: true });
    expect(found).not.toHaveProperty('directoryDn');
    expect(missing).toBeNull();
  });

  it('on PostgreSQL a second lock of the same employee waits for the first transaction; the service row stays free', async () => {
    if (t.dataSource.options.type !== 'postgres') return;
    const service = await createService(t.dataSource);
    const e = await createEmployee(t.dataSource, { serviceId: service.id });
    const uow = t.get(UnitOfWork);
    const directory = t.get(EmployeeDirectory);
    const order: string[] = [];
    let release!: () => void;
    const held = new Promise<void>((r) => (release = r));
    const first = uow.run(async (tx) => {
      await directory.lockById(tx, e.id);
      order.push('first locked');
      await held;
      order.push('first commits');
    });
    while (!order.includes('first locked')) await sleep(10);
    const second = uow.run(async (tx) => {
      await directory.lockById(tx, e.id);
      order.push('second locked');
    });
    // Another employee's decision in the same service is not held up by the lock.
    await uow.run((tx) => tx.manager.query('SELECT id FROM services WHERE id = $1 FOR UPDATE NOWAIT', [service.id]));
    await sleep(300);
    order.push('released');
    release();
    await Promise.all([first, second]);
    expect(order).toEqual(['first locked', 'released', 'first commits', 'second locked']);
  });
});
