import { auth, startTestApp, TestApp } from '../../helpers/test-app';
import { auditActions, countRows, createLot, createModel, Inv, inventoryContext } from './inventory-fixtures';

describe('inventory: device models and purchase lots', () => {
  let t: TestApp;
  let inv: Inv;
  beforeAll(async () => {
    t = await startTestApp();
    inv = await inventoryContext(t);
  });
  afterAll(() => t.close());

  it('registers device models, refuses duplicates and lists them by kind', async () => {
    const m = await createModel(inv, 'laptop', 'ThinkPad T14 Gen 2');
    expect(m).toMatchObject({ kind: 'laptop', manufacturer: 'Lenovo', model: 'ThinkPad T14 Gen 2', specs: { note: 'test' } });
    const dup = await t
      .http()
      .post('/api/v1/models')
      .set(auth(inv.tech))
      .send({ kind: 'laptop', manufacturer: 'lenovo', model: 'thinkpad t14 gen 2' })
      .expect(409);
    expect(dup.body.error.code).toBe('DUPLICATE_MODEL');
    const bad = await t.http().post('/api/v1/models').set(auth(inv.tech)).send({ kind: 'tablet', manufacturer: 'X', model: 'Y' }).expect(400);
    expect(bad.body.error.details.fields[0].field).toBe('kind');
    await createModel(inv, 'webcam', 'C920', 'Logitech');
    const list = await t.http().get('/api/v1/models?kind=laptop').set(auth(inv.tech)).expect(200);
    expect(list.body.map((x: { kind: string }) => x.kind)).toEqual(expect.arrayContaining(['laptop']));
    expect(list.body.every((x: { kind: string }) => x.kind === 'laptop')).toBe(true);
  });

  it('refuses a lot over 100 pieces without a reason, and changes nothing', async () => {
    const m = await createModel(inv, 'laptop');
    const lotsBefore = await countRows(t, 'purchase_lots');
    const eventsBefore = (await auditActions(t)).length;
    const res = await t
      .http()
      .post('/api/v1/lots')
      .set(auth(inv.tech))
      .send({
        modelId: m.id,
        supplier: 'Converge',
        cig: '8563412A7F',
        orderNumber: 'ODA-1',
        orderDate: '2021-03-01',
        quantity: 150,
        unitPriceCents: 65000,
        warrantyMonths: 36,
      })
      .expect(422);
    expect(res.body.error).toMatchObject({ code: 'LOT_TOO_LARGE', details: { quantity: 150, max: 100 } });
    expect(await countRows(t, 'purchase_lots')).toBe(lotsBefore);
    expect((await auditActions(t)).length).toBe(eventsBefore);
  });

  it('accepts a large lot with an override reason, audited', async () => {
    const m = await createModel(inv, 'laptop');
    const res = await t
      .http()
      .post('/api/v1/lots')
      .set(auth(inv.tech))
      .send({
        modelId: m.id,
        supplier: 'Converge',
        cig: '8563412a7f',
        orderNumber: 'ODA-2',
        orderDate: '2021-03-01',
        quantity: 150,
        unitPriceCents: 65000,
        warrantyMonths: 36,
        overrideReason: 'Riassortimento emergenza',
      })
      .expect(201);
    expect(res.body.lot).toMatchObject({
      quantity: 150,
      received: 0,
      outstanding: 150,
      cig: '8563412A7F',
      sizeOverrideReason: 'Riassortimento emergenza',
      totalCents: 150 * 65000,
    });
    expect(res.body.warnings).toEqual([expect.objectContaining({ code: 'LOT_SIZE_OVERRIDDEN' })]);
    const events = await t.http().get(`/api/v1/audit/events?entityType=purchase_lot&entityId=${res.body.lot.id}`).set(auth(t.adminToken)).expect(200);
    expect(events.body.items.map((e: { action: string }) => e.action).sort()).toEqual(['lot.created', 'lot.size_override']);
    expect(events.body.items.find((e: { action: string }) => e.action === 'lot.size_override').summary).toMatchObject({
      reason: 'Riassortimento emergenza',
      quantity: 150,
    });
  });

  it('accepts a lot under 50 pieces with a warning', async () => {
    const m = await createModel(inv, 'laptop');
    const res = await t
      .http()
      .post('/api/v1/lots')
      .set(auth(inv.tech))
      .send({
        modelId: m.id,
        supplier: 'Converge',
        cig: '8563412A7F',
        orderNumber: 'ODA-3',
        orderDate: '2021-03-01',
        deliveryDate: '2021-03-15',
        quantity: 20,
        unitPriceCents: 65000,
        warrantyMonths: 36,
      })
      .expect(201);
    expect(res.body.warnings).toEqual([expect.objectContaining({ code: 'LOT_SMALL' })]);
    expect(res.body.lot.warrantyEndsOn).toBe('2024-03-14');
  });

  it('refuses malformed lots with every field named', async () => {
    const m = await createModel(inv, 'laptop');
    const res = await t
      .http()
      .post('/api/v1/lots')
      .set(auth(inv.tech))
      .send({ modelId: m.id, supplier: '', cig: 'SHORT', orderNumber: 'X', orderDate: '2021-02-30', quantity: 0, unitPriceCents: 10.5, warrantyMonths: 36 })
      .expect(400);
    const fields = res.body.error.details.fields.map((f: { field: string }) => f.field).sort();
    expect(fields).toEqual(['cig', 'quantity', 'supplier', 'unitPriceCents']);
    const date = await t
      .http()
      .post('/api/v1/lots')
      .set(auth(inv.tech))
      .send({ modelId: m.id, supplier: 'S', cig: '8563412A7F', orderNumber: 'X', orderDate: '2021-02-30', quantity: 60, unitPriceCents: 1, warrantyMonths: 36 })
      .expect(400);
    expect(date.body.error.details.fields[0].field).toBe('orderDate');
    const unknown = await t
      .http()
      .post('/api/v1/lots')
      .set(auth(inv.tech))
      .send({
        modelId: '00000000-0000-4000-8000-000000000000',
        supplier: 'S',
        cig: '8563412A7F',
        orderNumber: 'X',
        orderDate: '2021-02-01',
        quantity: 60,
        unitPriceCents: 1,
        warrantyMonths: 36,
      })
      .expect(404);
    expect(unknown.body.error.code).toBe('MODEL_NOT_FOUND');
  });

  it('lists lots with received vs ordered, newest first, with a cursor; rtd reads, does not write', async () => {
    const m = await createModel(inv, 'docking_station', 'USB-C Dock Gen 2');
    const lots = [];
    for (let i = 0; i < 3; i++) lots.push(await createLot(inv, m.id, { quantity: 50 + i }));
    await t.http().post('/api/v1/assets').set(auth(inv.tech)).send({ modelId: m.id, lotId: lots[0].id, serial: 'DOCK0001' }).expect(201);
    const rtd = await t.tokenFor('rtd');
    const page1 = await t.http().get(`/api/v1/lots?modelId=${m.id}&limit=2`).set(auth(rtd)).expect(200);
    expect(page1.body.items).toHaveLength(2);
    expect(page1.body.nextCursor).toEqual(expect.any(String));
    const page2 = await t.http().get(`/api/v1/lots?modelId=${m.id}&limit=2&cursor=${page1.body.nextCursor}`).set(auth(rtd)).expect(200);
    expect(page2.body.items).toHaveLength(1);
    expect(page2.body.nextCursor).toBeNull();
    const first = page2.body.items[0];
    expect(first).toMatchObject({ id: lots[0].id, quantity: 50, received: 1, outstanding: 49, kind: 'docking_station', model: 'USB-C Dock Gen 2' });
    const detail = await t.http().get(`/api/v1/lots/${lots[0].id}`).set(auth(rtd)).expect(200);
    expect(detail.body).toMatchObject({ received: 1, byState: { in_stock: 1 } });
    await t.http().post('/api/v1/lots').set(auth(rtd)).send({}).expect(403);
    const hotline = await t.tokenFor('hotline');
    await t.http().get('/api/v1/lots').set(auth(hotline)).expect(403);
    await t.http().get('/api/v1/lots/not-a-uuid').set(auth(rtd)).expect(400);
    const missing = await t.http().get('/api/v1/lots/00000000-0000-4000-8000-000000000000').set(auth(rtd)).expect(404);
    expect(missing.body.error.code).toBe('LOT_NOT_FOUND');
  });
});
