import { auth, startTestApp, TestApp } from '../../helpers/test-app';
import { countRows, createAsset, createLot, createModel, Inv, inventoryContext } from './inventory-fixtures';

describe('inventory: assets', () => {
  let t: TestApp;
  let inv: Inv;
  beforeAll(async () => {
    t = await startTestApp({ env: { ASSET_TAG_PREFIX: 'PO' } });
    inv = await inventoryContext(t);
  });
  afterAll(() => t.close());

  it('registers an asset with a generated tag and a normalised serial, audited', async () => {
    const m = await createModel(inv, 'laptop', 'ThinkPad T14 A');
    const lot = await createLot(inv, m.id, { quantity: 50 });
    const res = await t
      .http()
      .post('/api/v1/assets')
      .set(auth(inv.tech))
      .send({ modelId: m.id, lotId: lot.id, serial: ' pf3abc01 ', mac: 'aa-bb-cc-dd-ee-01', location: 'Magazzino SI' })
      .expect(201);
    expect(res.body).toMatchObject({
      serial: 'PF3ABC01',
      kind: 'laptop',
      manufacturer: 'Lenovo',
      model: 'ThinkPad T14 A',
      lotId: lot.id,
      ownership: 'municipal',
      state: 'in_stock',
      mac: 'AA:BB:CC:DD:EE:01',
      sim: null,
      reports: [],
    });
    expect(res.body.assetTag).toMatch(/^PO-\d{7}$/);
    const got = await t
      .http()
      .get(`/api/v1/assets/${res.body.id}`)
      .set(auth(await t.tokenFor('hotline')))
      .expect(200);
    expect(got.body.assetTag).toBe(res.body.assetTag);
    const lotNow = await t.http().get(`/api/v1/lots/${lot.id}`).set(auth(inv.tech)).expect(200);
    expect(lotNow.body.received).toBe(1);
    const events = await t.http().get(`/api/v1/audit/events?entityType=asset&entityId=${res.body.id}`).set(auth(t.adminToken)).expect(200);
    expect(events.body.items[0]).toMatchObject({ action: 'asset.created', summary: { serial: 'PF3ABC01' } });
  });

  it('keeps serials unique per manufacturer and tags and ICCIDs unique', async () => {
    const lenovo = await createModel(inv, 'laptop', 'ThinkPad T14 B', 'Lenovo');
    const hp = await createModel(inv, 'laptop', 'ProBook 450', 'HP');
    await createAsset(inv, lenovo.id, { serial: 'SAME123', assetTag: 'TAG-001' });
    const dup = await t.http().post('/api/v1/assets').set(auth(inv.tech)).send({ modelId: lenovo.id, serial: 'same123' }).expect(409);
    expect(dup.body.error.code).toBe('DUPLICATE_SERIAL');
    await createAsset(inv, hp.id, { serial: 'SAME123' });
    const tag = await t.http().post('/api/v1/assets').set(auth(inv.tech)).send({ modelId: hp.id, serial: 'OTHER1', assetTag: 'tag-001' }).expect(409);
    expect(tag.body.error.code).toBe('DUPLICATE_ASSET_TAG');
    const router = await createModel(inv, 'mobile_router', 'E5576', 'Huawei');
    const r = await createAsset(inv, router.id, { sim: { iccid: '8939 1000 0000 0000 000', phoneNumber: '+39 333 1234567', dataPlan: 'TM8 50GB' } });
    expect((r as unknown as { sim: unknown }).sim).toEqual({ iccid: '8939100000000000000', phoneNumber: '+393331234567', dataPlan: 'TM8 50GB' });
    const iccid = await t
      .http()
      .post('/api/v1/assets')
      .set(auth(inv.tech))
      .send({ modelId: router.id, serial: 'R2', sim: { iccid: '8939100000000000000' } })
      .expect(409);
    expect(iccid.body.error.code).toBe('DUPLICATE_ICCID');
  });

  it('refuses bad input with a clear code and writes nothing', async () => {
    const laptop = await createModel(inv, 'laptop', 'ThinkPad T14 C');
    const router = await createModel(inv, 'mobile_router', 'E5577', 'Huawei');
    const before = await countRows(t, 'assets');
    const sim = await t
      .http()
      .post('/api/v1/assets')
      .set(auth(inv.tech))
      .send({ modelId: laptop.id, serial: 'L1', sim: { iccid: '8939100000000000000' } })
      .expect(400);
    expect(sim.body.error.code).toBe('SIM_NOT_ALLOWED');
    const bad = await t
      .http()
      .post('/api/v1/assets')
      .set(auth(inv.tech))
      .send({ modelId: router.id, serial: 'bad serial!', mac: 'nope', sim: { iccid: '8939100000000000001' } })
      .expect(400);
    expect(bad.body.error.details.fields.map((f: { field: string }) => f.field).sort()).toEqual(['mac', 'serial', 'sim.iccid']);
    const lot = await createLot(inv, laptop.id, { quantity: 50 });
    const wrong = await t.http().post('/api/v1/assets').set(auth(inv.tech)).send({ modelId: router.id, lotId: lot.id, serial: 'R9' }).expect(422);
    expect(wrong.body.error.code).toBe('WRONG_KIND');
    expect(await countRows(t, 'assets')).toBe(before);
  });

  it('a lot cannot receive more assets than it ordered', async () => {
    const m = await createModel(inv, 'webcam', 'C920 A', 'Logitech');
    const lot = await createLot(inv, m.id, { quantity: 2 });
    await createAsset(inv, m.id, { lotId: lot.id });
    await createAsset(inv, m.id, { lotId: lot.id });
    const full = await t.http().post('/api/v1/assets').set(auth(inv.tech)).send({ modelId: m.id, lotId: lot.id, serial: 'CAM3' }).expect(422);
    expect(full.body.error).toMatchObject({ code: 'LOT_FULL', details: { quantity: 2 } });
    expect(await countRows(t, 'assets', `lot_id = '${lot.id}'`)).toBe(2);
  });

  it('lists with filters, search, sort and a keyset cursor through every page', async () => {
    const m = await createModel(inv, 'headset', 'Evolve 20 L', 'Jabra');
    const lot = await createLot(inv, m.id, { quantity: 60 });
    const made: string[] = [];
    for (let i = 0; i < 23; i++) made.push((await createAsset(inv, m.id, { lotId: lot.id, serial: `JBL${String(i).padStart(3, '0')}` })).id);
    const seen: string[] = [];
    let cursor: string | null = null;
    let pages = 0;
    do {
      const res: { body: { items: { id: string; serial: string }[]; nextCursor: string | null } } = await t
        .http()
        .get(`/api/v1/assets?lotId=${lot.id}&sort=-serial&limit=5${cursor ? `&cursor=${cursor}` : ''}`)
        .set(auth(inv.tech))
        .expect(200);
      seen.push(...res.body.items.map((a) => a.id));
      if (pages === 0) expect(res.body.items[0].serial).toBe('JBL022');
      cursor = res.body.nextCursor;
      pages++;
    } while (cursor);
    expect(pages).toBe(5);
    expect(new Set(seen).size).toBe(23);
    expect([...seen].sort()).toEqual([...made].sort());

    const search = await t.http().get('/api/v1/assets?q=jbl01&kind=headset&state=in_stock').set(auth(inv.tech)).expect(200);
    expect(search.body.items.map((a: { serial: string }) => a.serial)).toEqual([
      'JBL010',
      'JBL011',
      'JBL012',
      'JBL013',
      'JBL014',
      'JBL015',
      'JBL016',
      'JBL017',
      'JBL018',
      'JBL019',
    ]);
    const byModel = await t.http().get(`/api/v1/assets?modelId=${m.id}&sort=createdAt&limit=100`).set(auth(inv.tech)).expect(200);
    expect(byModel.body.items).toHaveLength(23);
    const none = await t.http().get('/api/v1/assets?state=stolen&kind=headset').set(auth(inv.tech)).expect(200);
    expect(none.body).toEqual({ items: [], nextCursor: null });
    const searched: string[] = [];
    let searchCursor: string | null = null;
    do {
      const res: { body: { items: { serial: string }[]; nextCursor: string | null } } = await t
        .http()
        .get(`/api/v1/assets?q=jbl00&sort=-serial&limit=4${searchCursor ? `&cursor=${searchCursor}` : ''}`)
        .set(auth(inv.tech))
        .expect(200);
      searched.push(...res.body.items.map((a) => a.serial));
      searchCursor = res.body.nextCursor;
    } while (searchCursor);
    expect(searched).toEqual(['JBL009', 'JBL008', 'JBL007', 'JBL006', 'JBL005', 'JBL004', 'JBL003', 'JBL002', 'JBL001', 'JBL000']);
    const tail = await t.http().get(`/api/v1/assets?contains=l02&lotId=${lot.id}`).set(auth(inv.tech)).expect(200);
    expect(tail.body.items.map((a: { serial: string }) => a.serial)).toEqual(['JBL020', 'JBL021', 'JBL022']);
    const notPrefix = await t.http().get(`/api/v1/assets?q=l02&lotId=${lot.id}`).set(auth(inv.tech)).expect(200);
    expect(notPrefix.body.items).toEqual([]);
    for (const wildcard of ['%25', '_', '*', 'JBL%3F']) {
      const res = await t.http().get(`/api/v1/assets?q=${wildcard}`).set(auth(inv.tech)).expect(200);
      expect(res.body.items).toEqual([]);
      const res2 = await t.http().get(`/api/v1/assets?contains=${wildcard}&kind=headset`).set(auth(inv.tech)).expect(200);
      expect(res2.body.items).toEqual([]);
    }
  });

  it('refuses a cursor made for another sort and bad filters', async () => {
    const first = await t.http().get('/api/v1/assets?limit=1').set(auth(inv.tech)).expect(200);
    const res = await t.http().get(`/api/v1/assets?sort=serial&cursor=${first.body.nextCursor}`).set(auth(inv.tech)).expect(400);
    expect(res.body.error.code).toBe('INVALID_CURSOR');
    const bad = await t.http().get('/api/v1/assets?state=floating&limit=0').set(auth(inv.tech)).expect(400);
    expect(bad.body.error.details.fields.map((f: { field: string }) => f.field).sort()).toEqual(['limit', 'state']);
    const missing = await t.http().get('/api/v1/assets/00000000-0000-4000-8000-000000000000').set(auth(inv.tech)).expect(404);
    expect(missing.body.error.code).toBe('ASSET_NOT_FOUND');
    await t
      .http()
      .post('/api/v1/assets')
      .set(auth(await t.tokenFor('rtd')))
      .send({})
      .expect(403);
  });
});
