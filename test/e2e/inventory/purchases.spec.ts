import { FixedClock } from '../../../src/common/clock';
import { InvestmentTotals } from '../../../src/inventory';
import { createDemoPurchases, DEMO_PURCHASES } from '../../../scripts/demo/demo-purchases';
import { LOTS } from '../../../scripts/demo/timeline-model';
import { auth, startTestApp, TestApp } from '../../helpers/test-app';
import { auditActions, countRows, createLot, createModel, Inv, inventoryContext } from './inventory-fixtures';

describe('inventory: purchases of any kind and the investment totals', () => {
  let t: TestApp;
  let inv: Inv;
  let rtd: string;
  beforeAll(async () => {
    t = await startTestApp();
    inv = await inventoryContext(t);
    rtd = await t.tokenFor('rtd', 'RTD');
  });
  afterAll(() => t.close());

  const buy = (body: Record<string, unknown>, token = inv.tech) =>
    t
      .http()
      .post('/api/v1/purchases')
      .set(auth(token))
      .send({
        date: '2022-05-10',
        supplier: 'Italware S.r.l.',
        description: 'Firewall perimetrale',
        category: 'network_security',
        amountCents: 690000,
        ...body,
      });

  it('records a purchase, audited, with its POLA category and the amount in euros', async () => {
    const res = await buy({ reference: ' FT 2022/118 ' }).expect(201);
    expect(res.body).toMatchObject({
      date: '2022-05-10',
      category: 'network_security',
      categoryLabel: 'Rete e sicurezza (gateway VPN, firewall)',
      polaCategory: 'hardware_infrastructure',
      amountCents: 690000,
      amountEur: 6900,
      reference: 'FT 2022/118',
    });
    const events = await t.http().get(`/api/v1/audit/events?entityType=purchase&entityId=${res.body.id}`).set(auth(t.adminToken)).expect(200);
    expect(events.body.items.map((e: { action: string }) => e.action)).toEqual(['purchase.created']);
    expect(events.body.items[0].summary).toMatchObject({ category: 'network_security', amountCents: 690000 });
    const read = await t.http().get(`/api/v1/purchases/${res.body.id}`).set(auth(rtd)).expect(200);
    expect(read.body).toEqual(res.body);
  });

  it.each([
    [{ category: 'training' }, 'category'],
    [{ date: '2022-02-30' }, 'date'],
    [{ date: '10/05/2022' }, 'date'],
    [{ date: '2999-01-01' }, 'date'],
    [{ amountCents: 12.5 }, 'amountCents'],
    [{ amountCents: 0 }, 'amountCents'],
    [{ supplier: '   ' }, 'supplier'],
    [{ description: undefined }, 'description'],
  ])('refuses %j with 400 naming %s, and writes nothing', async (body, field) => {
    const before = await countRows(t, 'purchases');
    const events = (await auditActions(t)).length;
    const res = await buy(body).expect(400);
    expect(res.body.error.code).toBe('VALIDATION_FAILED');
    expect(res.body.error.details.fields.map((f: { field: string }) => f.field)).toContain(field);
    expect(await countRows(t, 'purchases')).toBe(before);
    expect((await auditActions(t)).length).toBe(events);
  });

  it('lets technicians write and the RTD only read', async () => {
    await buy({}, rtd).expect(403);
    await buy({}, await t.tokenFor('hotline')).expect(403);
    await t
      .http()
      .get('/api/v1/purchases')
      .set(auth(await t.tokenFor('hotline')))
      .expect(403);
    await t.http().get('/api/v1/purchases/summary?year=2022').set(auth(rtd)).expect(200);
    await buy({ date: '2022-01-03' }, t.adminToken).expect(201);
  });

  it('sums a year: device lots delivered in it as hardware, purchases by category, both POLA totals', async () => {
    const m = await createModel(inv, 'laptop');
    await createLot(inv, m.id, { orderDate: '2019-02-01', deliveryDate: '2019-03-01', quantity: 50, unitPriceCents: 60000 });
    await createLot(inv, m.id, { orderDate: '2019-12-01', deliveryDate: '2020-01-10', quantity: 50, unitPriceCents: 60000 }); // counts in 2020
    await createLot(inv, m.id, { orderDate: '2019-12-20', quantity: 50, unitPriceCents: 60000 }); // not delivered: not counted
    await buy({ date: '2019-01-01', category: 'servers', amountCents: 500000 }).expect(201);
    await buy({ date: '2019-12-31', category: 'software_licences', amountCents: 120050 }).expect(201);
    await buy({ date: '2019-06-01', category: 'digital_services_projects', amountCents: 9_000_000 }).expect(201);
    await buy({ date: '2019-07-01', category: 'process_digitalisation', amountCents: 1_000_000 }).expect(201);
    await buy({ date: '2018-12-31', category: 'servers', amountCents: 999 }).expect(201);
    await buy({ date: '2020-01-01', category: 'servers', amountCents: 777 }).expect(201);

    const res = await t.http().get('/api/v1/purchases/summary?year=2019').set(auth(rtd)).expect(200);
    expect(res.body.year).toBe(2019);
    expect(res.body.byCategory).toEqual([
      {
        category: 'device_lots',
        label: expect.stringContaining('Lotti'),
        polaCategory: 'hardware_infrastructure',
        count: 1,
        amountCents: 3_000_000,
        amountEur: 30000,
      },
      { category: 'servers', label: 'Server e storage', polaCategory: 'hardware_infrastructure', count: 1, amountCents: 500000, amountEur: 5000 },
      { category: 'software_licences', label: 'Licenze software', polaCategory: 'hardware_infrastructure', count: 1, amountCents: 120050, amountEur: 1200.5 },
      { category: 'digital_services_projects', label: expect.any(String), polaCategory: 'digitalisation', count: 1, amountCents: 9_000_000, amountEur: 90000 },
      { category: 'process_digitalisation', label: expect.any(String), polaCategory: 'digitalisation', count: 1, amountCents: 1_000_000, amountEur: 10000 },
    ]);
    expect(res.body.byPolaCategory).toEqual([
      { polaCategory: 'hardware_infrastructure', label: 'Hardware e infrastrutture digitali', amountCents: 3_620_050, amountEur: 36200.5 },
      { polaCategory: 'digitalisation', label: 'Digitalizzazione di servizi, progetti e processi', amountCents: 10_000_000, amountEur: 100000 },
    ]);

    // the port KPI reads gives the same figures, for any period
    const totals = t.get(InvestmentTotals);
    const year = await totals.byPolaCategory('2019-01-01', '2019-12-31');
    expect(year).toMatchObject({ hardwareInfrastructureCents: 3_620_050, digitalisationCents: 10_000_000 });
    expect(year.lines[0]).toEqual({ category: 'device_lots', count: 1, cents: 3_000_000 });
    const q1 = await totals.byPolaCategory('2019-01-01', '2019-03-31');
    expect(q1).toEqual({
      hardwareInfrastructureCents: 3_500_000,
      digitalisationCents: 0,
      lines: [
        { category: 'device_lots', count: 1, cents: 3_000_000 },
        { category: 'servers', count: 1, cents: 500000 },
      ],
    });
    expect(await totals.byPolaCategory('2015-01-01', '2015-12-31')).toEqual({ hardwareInfrastructureCents: 0, digitalisationCents: 0, lines: [] });
  });

  it('lists a year newest first, by category, a page at a time', async () => {
    for (const date of ['2017-03-01', '2017-01-15', '2017-11-30']) await buy({ date, category: 'cloud_services', amountCents: 1000 }).expect(201);
    await buy({ date: '2017-06-01', category: 'digitalisation_consulting', amountCents: 5000 }).expect(201);
    const first = await t.http().get('/api/v1/purchases?year=2017&category=cloud_services&limit=2').set(auth(rtd)).expect(200);
    expect(first.body.items.map((p: { date: string }) => p.date)).toEqual(['2017-11-30', '2017-03-01']);
    const next = await t.http().get(`/api/v1/purchases?year=2017&category=cloud_services&limit=2&cursor=${first.body.nextCursor}`).set(auth(rtd)).expect(200);
    expect(next.body).toMatchObject({ items: [expect.objectContaining({ date: '2017-01-15' })], nextCursor: null });
    const all = await t.http().get('/api/v1/purchases?year=2017').set(auth(rtd)).expect(200);
    expect(all.body.items).toHaveLength(4);
    await t.http().get('/api/v1/purchases?year=2017&category=training').set(auth(rtd)).expect(400);
    await t.http().get('/api/v1/purchases/summary').set(auth(rtd)).expect(400);
    const missing = await t.http().get('/api/v1/purchases/00000000-0000-4000-8000-000000000000').set(auth(rtd)).expect(404);
    expect(missing.body.error.code).toBe('PURCHASE_NOT_FOUND');
  });

  it('demo: with the demo lots, the two indicators land on the plan; a second run writes nothing', async () => {
    const lotCents = (y: number) => LOTS.filter((l) => l.deliveryDate.startsWith(`${y}-`)).reduce((s, l) => s + l.quantity * l.unitPriceCents, 0);
    const bought = (y: number, pola: 'hw' | 'dig') =>
      DEMO_PURCHASES.filter((x) => x.date.startsWith(`${y}-`))
        .filter((x) => ['digital_services_projects', 'process_digitalisation', 'digitalisation_consulting'].includes(x.category) === (pola === 'dig'))
        .reduce((s, x) => s + x.amountCents, 0);
    expect([2020, 2021, 2022, 2023].map((y) => (lotCents(y) + bought(y, 'hw')) / 100)).toEqual([30_000, 110_559, 50_000, 36_000]);
    expect([2020, 2021, 2022, 2023].map((y) => bought(y, 'dig') / 100)).toEqual([120_000, 170_000, 150_000, 100_000]);
    expect(new Set(DEMO_PURCHASES.map((x) => x.category)).size).toBe(8);

    const clock = new FixedClock(new Date());
    const now = new Date();
    expect(await createDemoPurchases(t.app, clock, now)).toBe(DEMO_PURCHASES.length);
    expect(await createDemoPurchases(t.app, clock, now)).toBe(0);
    const totals = t.get(InvestmentTotals);
    for (const [year, cents] of [
      [2021, 17_000_000],
      [2023, 10_000_000],
    ] as const) {
      expect((await totals.byPolaCategory(`${year}-01-01`, `${year}-12-31`)).digitalisationCents).toBe(cents);
    }
  });
});
