import { FixedClock } from '../../../src/common/clock';
import { createEmployee, createProvisionableEmployee } from '../../factories';
import { auth, startTestApp, TestApp } from '../../helpers/test-app';
import { createAsset, createLot, createModel, Inv, inventoryContext } from './inventory-fixtures';

const TODAY = '2021-10-01';

describe('inventory: stock, planning and declared equipment', () => {
  let t: TestApp;
  let inv: Inv;
  beforeAll(async () => {
    t = await startTestApp({ clock: new FixedClock(new Date(`${TODAY}T09:00:00Z`)) });
    inv = await inventoryContext(t);
  });
  afterAll(() => t.close());

  it('reports stock by kind and model, and the laptops still needed for a year target', async () => {
    const t14 = await createModel(inv, 'laptop', 'ThinkPad T14', 'Lenovo');
    const hp = await createModel(inv, 'laptop', 'ProBook 450', 'HP');
    const dock = await createModel(inv, 'docking_station', 'USB-C Dock', 'Lenovo');
    // warranty ends 2021-12-14: within 90 days of 2021-10-01
    const lot = await createLot(inv, t14.id, { quantity: 60, orderDate: '2018-11-01', deliveryDate: '2018-12-15', warrantyMonths: 36 });
    await createLot(inv, hp.id, { quantity: 60, deliveryDate: '2021-09-01', warrantyMonths: 36 });
    const laptops = [];
    for (let i = 0; i < 5; i++) laptops.push(await createAsset(inv, t14.id, { lotId: lot.id }));
    const probook = await createAsset(inv, hp.id);
    const docks = [await createAsset(inv, dock.id), await createAsset(inv, dock.id)];
    const { employee } = await createProvisionableEmployee(t.dataSource, { today: TODAY });
    await t
      .http()
      .post('/api/v1/handovers')
      .set(auth(inv.tech))
      .send({ employeeId: employee.id, assetIds: [laptops[0].id, docks[0].id] })
      .expect(201);
    const { employee: second } = await createProvisionableEmployee(t.dataSource, { today: TODAY });
    await t
      .http()
      .post('/api/v1/handovers')
      .set(auth(inv.tech))
      .send({ employeeId: second.id, assetIds: [laptops[1].id] })
      .expect(201);
    await t.http().post(`/api/v1/assets/${laptops[2].id}/report`).set(auth(inv.tech)).send({ status: 'in_repair', note: 'tastiera' }).expect(201);
    await t.http().post(`/api/v1/assets/${laptops[3].id}/report`).set(auth(inv.tech)).send({ status: 'lost', note: 'smarrito' }).expect(201);
    // a declared personal laptop is not municipal stock
    const model = await createModel(inv, 'laptop', 'Personal 13', 'Dell');
    await t
      .http()
      .post(`/api/v1/employees/${employee.id}/declared-equipment`)
      .set(auth(inv.tech))
      .send({ kind: 'laptop', serial: 'DELLPERS1', modelId: model.id })
      .expect(201);

    const rtd = await t.tokenFor('rtd');
    const stock = (await t.http().get('/api/v1/inventory/stock').set(auth(rtd)).expect(200)).body;
    expect(stock.byModel).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ kind: 'laptop', manufacturer: 'Lenovo', model: 'ThinkPad T14', inStock: 1, assigned: 2, inRepair: 1 }),
        expect.objectContaining({ kind: 'laptop', manufacturer: 'HP', model: 'ProBook 450', inStock: 1, assigned: 0, inRepair: 0 }),
        expect.objectContaining({ kind: 'docking_station', inStock: 1, assigned: 1, inRepair: 0 }),
      ]),
    );
    expect(stock.byKind).toEqual(
      expect.arrayContaining([
        { kind: 'laptop', inStock: 2, assigned: 2, inRepair: 1 },
        { kind: 'docking_station', inStock: 1, assigned: 1, inRepair: 0 },
      ]),
    );
    const onlyDocks = (await t.http().get('/api/v1/inventory/stock?kind=docking_station').set(auth(rtd)).expect(200)).body;
    expect(onlyDocks.byKind).toEqual([{ kind: 'docking_station', inStock: 1, assigned: 1, inRepair: 0 }]);

    const plan = (await t.http().get('/api/v1/inventory/planning?year=2022').set(auth(rtd)).expect(200)).body;
    expect(plan).toMatchObject({
      year: 2022,
      target: 350,
      baseline: 236,
      baselineYear: 2020,
      laptopsAssigned: 2,
      laptopsInStock: 2,
      laptopsInRepair: 1,
      laptopsNeeded: 346,
      today: TODAY,
    });
    expect(plan.warrantiesEnding).toEqual([
      expect.objectContaining({ lotId: lot.id, warrantyEndsOn: '2021-12-14', assetsInService: 4, model: 'Lenovo ThinkPad T14' }),
    ]);
    const defaultYear = (await t.http().get('/api/v1/inventory/planning').set(auth(rtd)).expect(200)).body;
    expect(defaultYear).toMatchObject({ year: 2022, target: 350 });
    const none = await t.http().get('/api/v1/inventory/planning?year=2030').set(auth(rtd)).expect(404);
    expect(none.body.error).toMatchObject({ code: 'TARGET_NOT_FOUND', details: { yearsWithTarget: [2021, 2022, 2023] } });
    expect(probook.state).toBe('in_stock');
  });

  it('records declared personal equipment, registering a personal laptop as the owner’s asset', async () => {
    const employee = await createEmployee(t.dataSource);
    const hr = await t.tokenFor('hr');
    const base = `/api/v1/employees/${employee.id}/declared-equipment`;
    const bb = await t.http().post(base).set(auth(hr)).send({ kind: 'broadband', note: 'Fibra 100 Mb/s' }).expect(201);
    expect(bb.body).toMatchObject({ kind: 'broadband', note: 'Fibra 100 Mb/s', assetId: null, withdrawnAt: null });
    const model = await createModel(inv, 'laptop', 'Personal XPS', 'Dell');
    const lap = await t.http().post(base).set(auth(hr)).send({ kind: 'laptop', serial: 'xps-0001', modelId: model.id }).expect(201);
    expect(lap.body.assetTag).toMatch(/^INV-/);
    const asset = (await t.http().get(`/api/v1/assets/${lap.body.assetId}`).set(auth(inv.tech)).expect(200)).body;
    expect(asset).toMatchObject({ ownership: 'personal', state: 'assigned', holderEmployeeId: employee.id, serial: 'XPS-0001', lotId: null });
    const handover = await t
      .http()
      .post('/api/v1/handovers')
      .set(auth(inv.tech))
      .send({ employeeId: employee.id, assetIds: [asset.id] })
      .expect(422);
    expect(handover.body.error.code).toBe('ASSET_NOT_MUNICIPAL');
    const noModel = await t.http().post(base).set(auth(hr)).send({ kind: 'laptop', serial: 'X1' }).expect(400);
    expect(noModel.body.error.details.fields[0].field).toBe('modelId');
    const list = (await t.http().get(base).set(auth(hr)).expect(200)).body;
    expect(list.map((d: { kind: string }) => d.kind).sort()).toEqual(['broadband', 'laptop']);
    const withdrawn = await t.http().post(`${base}/${lap.body.id}/withdraw`).set(auth(hr)).expect(200);
    expect(withdrawn.body.withdrawnAt).toEqual(expect.any(String));
    expect((await t.http().get(`/api/v1/assets/${asset.id}`).set(auth(inv.tech)).expect(200)).body.state).toBe('retired');
    await t.http().post(`${base}/${lap.body.id}/withdraw`).set(auth(hr)).expect(409);
    expect((await t.http().get(base).set(auth(hr)).expect(200)).body).toHaveLength(1);
    const unknown = await t
      .http()
      .post('/api/v1/employees/00000000-0000-4000-8000-000000000000/declared-equipment')
      .set(auth(hr))
      .send({ kind: 'broadband' })
      .expect(404);
    expect(unknown.body.error.code).toBe('EMPLOYEE_NOT_FOUND');
    await t
      .http()
      .post(base)
      .set(auth(await t.tokenFor('rtd')))
      .send({ kind: 'broadband' })
      .expect(403);
  });
});
