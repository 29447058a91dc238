import { FixedClock } from '../../../src/common/clock';
import { UnitOfWork } from '../../../src/database/unit-of-work';
import { ReturnTasksService } from '../../../src/inventory/return-tasks.service';
import { Outbox } from '../../../src/jobs/outbox/outbox.service';
import { createProvisionableEmployee } from '../../factories';
import { auth, startTestApp, TestApp } from '../../helpers/test-app';
import { createAsset, createModel, Inv, inventoryContext, kit, unique } from './inventory-fixtures';

const TODAY = '2024-06-03';

async function eventually<T>(fn: () => Promise<T | undefined>, timeoutMs = 20_000): Promise<T> {
  const end = Date.now() + timeoutMs;
  for (;;) {
    const v = await fn();
    if (v !== undefined) return v;
    if (Date.now() > end) throw new Error('timed out waiting');
    await new Promise((r) => setTimeout(r, 100));
  }
}

describe('inventory: return tasks opened by offboarding', () => {
  let t: TestApp;
  let inv: Inv;
  const clock = new FixedClock(new Date(`${TODAY}T09:00:00Z`));
  beforeAll(async () => {
    t = await startTestApp({ clock, env: { RETURN_TASK_DUE_DAYS: '10' } });
    inv = await inventoryContext(t);
  });
  afterAll(() => t.close());

  const tasks = async (query: string) => (await t.http().get(`/api/v1/return-tasks?${query}`).set(auth(inv.tech)).expect(200)).body;

  it('offboarding opens a task per gated device still held; the return closes it; a late one is overdue', async () => {
    const { employee, agreement } = await createProvisionableEmployee(t.dataSource, { today: TODAY });
    const k = await kit(inv);
    const router = await createAsset(inv, (await createModel(inv, 'mobile_router', unique('E5576 '), 'Huawei')).id);
    const h = (
      await t
        .http()
        .post('/api/v1/handovers')
        .set(auth(inv.tech))
        .send({ employeeId: employee.id, assetIds: [k.laptop.id, k.dock.id, k.headset.id, router.id] })
        .expect(201)
    ).body;

    // The agreement ends: agreements record the offboarding job through the outbox (their contract).
    await t
      .get(UnitOfWork)
      .run((tx) =>
        t
          .get(Outbox)
          .record(
            tx,
            'offboarding.start',
            { employeeId: employee.id, trigger: 'agreement_ended', agreementId: agreement.id, effectiveDate: TODAY },
            { jobId: `offboarding-${employee.id}-agreement_ended-${agreement.id}` },
          ),
      );
    const opened = await eventually(async () => {
      const page = await tasks(`employeeId=${employee.id}`);
      return page.items.length === 3 ? page : undefined;
    });
    expect(opened.items.map((x: { assetId: string }) => x.assetId).sort()).toEqual([k.laptop.id, k.dock.id, router.id].sort());
    expect(opened.items[0]).toMatchObject({
      status: 'open',
      overdue: false,
      dueDate: '2024-06-13',
      effectiveDate: TODAY,
      trigger: 'agreement_ended',
      handoverId: h.id,
    });

    await t
      .http()
      .post(`/api/v1/handovers/${h.id}/return`)
      .set(auth(inv.tech))
      .send({ items: [{ assetId: k.laptop.id, condition: 'good' }], dataWipe: [{ assetId: k.laptop.id, method: 'reimage + crypto erase', confirmed: true }] })
      .expect(201);
    const closed = await tasks(`employeeId=${employee.id}&status=closed`);
    expect(closed.items).toEqual([expect.objectContaining({ assetId: k.laptop.id, status: 'closed', closedReason: 'returned', returnId: expect.any(String) })]);

    clock.set('2024-06-14T09:00:00Z');
    try {
      const overdue = await tasks(`employeeId=${employee.id}&status=overdue`);
      expect(overdue.items.map((x: { assetId: string }) => x.assetId).sort()).toEqual([k.dock.id, router.id].sort());
      expect(overdue.items.every((x: { overdue: boolean }) => x.overdue)).toBe(true);
      expect((await tasks(`employeeId=${employee.id}&status=open`)).items).toEqual([]);
    } finally {
      clock.set(`${TODAY}T09:00:00Z`);
    }
  });

  it('the step is idempotent per case and asset', async () => {
    const { employee } = await createProvisionableEmployee(t.dataSource, { today: TODAY });
    const k = await kit(inv);
    await t
      .http()
      .post('/api/v1/handovers')
      .set(auth(inv.tech))
      .send({ employeeId: employee.id, assetIds: [k.laptop.id] })
      .expect(201);
    const step = t.get(ReturnTasksService);
    const theCase = {
      id: '11111111-2222-4333-8444-555555555555',
      employeeId: employee.id,
      trigger: 'left_directory' as const,
      agreementId: null,
      effectiveDate: TODAY,
    };
    const first = await t.get(UnitOfWork).run((tx) => step.run(theCase, tx));
    const second = await t.get(UnitOfWork).run((tx) => step.run(theCase, tx));
    expect(first).toEqual({ devicesHeld: 1, tasksOpened: 1, dueDate: '2024-06-13' });
    expect(second).toEqual({ devicesHeld: 1, tasksOpened: 0, dueDate: '2024-06-13' });
    expect((await tasks(`employeeId=${employee.id}`)).items).toHaveLength(1);
  });

  it('a stolen device closes its task; only technicians read the list', async () => {
    const { employee } = await createProvisionableEmployee(t.dataSource, { today: TODAY });
    const k = await kit(inv);
    await t
      .http()
      .post('/api/v1/handovers')
      .set(auth(inv.tech))
      .send({ employeeId: employee.id, assetIds: [k.laptop.id] })
      .expect(201);
    await t
      .get(UnitOfWork)
      .run((tx) =>
        t
          .get(ReturnTasksService)
          .run({ id: '99999999-2222-4333-8444-555555555555', employeeId: employee.id, trigger: 'left_directory', agreementId: null, effectiveDate: TODAY }, tx),
      );
    await t.http().post(`/api/v1/assets/${k.laptop.id}/report`).set(auth(inv.tech)).send({ status: 'stolen', note: 'furto' }).expect(201);
    expect((await tasks(`employeeId=${employee.id}`)).items[0]).toMatchObject({ status: 'closed', closedReason: 'stolen' });
    await t
      .http()
      .get('/api/v1/return-tasks')
      .set(auth(await t.tokenFor('hr')))
      .expect(403);
    await t.http().get('/api/v1/return-tasks?status=late').set(auth(inv.tech)).expect(400);
  });
});
