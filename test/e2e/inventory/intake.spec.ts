import { auth, startTestApp, TestApp } from '../../helpers/test-app';
import { auditActions, countRows, createAsset, createLot, createModel, Inv, inventoryContext } from './inventory-fixtures';

describe('inventory: receiving a lot from a CSV of serials', () => {
  let t: TestApp;
  let inv: Inv;
  let laptop: { id: string; model: string };
  let dock: { id: string; model: string };
  beforeAll(async () => {
    t = await startTestApp();
    inv = await inventoryContext(t);
    laptop = await createModel(inv, 'laptop', 'ThinkPad T14 Gen 3');
    dock = await createModel(inv, 'docking_station', 'ThinkPad Universal USB-C Dock');
  });
  afterAll(() => t.close());

  const post = (lotId: string, csv: string, dryRun: boolean) =>
    t.http().post(`/api/v1/assets/import?lotId=${lotId}&dryRun=${dryRun}`).set(auth(inv.tech)).set('Content-Type', 'text/csv').send(csv);

  it('a dry run of a good file reports it valid and writes nothing; the real run writes every row', async () => {
    const lot = await createLot(inv, laptop.id, { quantity: 60 });
    const csv = ['serial,asset_tag,mac,location', 'pf4a0001,,aa:bb:cc:00:00:01,Magazzino', 'PF4A0002,INV-X-0002,,', 'PF4A0003,,,'].join('\n');
    const dry = await post(lot.id, csv, true).expect(200);
    expect(dry.body).toMatchObject({ dryRun: true, ok: true, rows: 3, validRows: 3, invalidRows: 0, created: 0, lotReceived: 0, lotQuantity: 60, errors: [] });
    expect(await countRows(t, 'assets', `lot_id = '${lot.id}'`)).toBe(0);

    const real = await post(lot.id, csv, false).expect(200);
    expect(real.body).toMatchObject({ dryRun: false, ok: true, rows: 3, created: 3, lotReceived: 3 });
    const listed = await t.http().get(`/api/v1/assets?lotId=${lot.id}&sort=serial`).set(auth(inv.tech)).expect(200);
    expect(listed.body.items.map((a: { serial: string; assetTag: string }) => [a.serial, a.assetTag.startsWith('INV-')])).toEqual([
      ['PF4A0001', true],
      ['PF4A0002', true],
      ['PF4A0003', true],
    ]);
    expect(listed.body.items[1].assetTag).toBe('INV-X-0002');
    expect(listed.body.items[0]).toMatchObject({ mac: 'AA:BB:CC:00:00:01', location: 'Magazzino', state: 'in_stock', model: 'ThinkPad T14 Gen 3' });
    expect((await auditActions(t)).filter((a) => a === 'assets.imported')).toHaveLength(1);
  });

  it('a file full of bad rows: the dry run lists each one, the real run writes nothing', async () => {
    const lot = await createLot(inv, laptop.id, { quantity: 8 });
    await createAsset(inv, laptop.id, { serial: 'INDB0001', assetTag: 'TAKEN-01' });
    const csv = [
      'serial,asset_tag,model,kind,mac,iccid',
      'GOOD0001,,,,,', //                          2 ok
      'GOOD0001,,,,,', //                          3 duplicate in file
      'INDB0001,,,,,', //                          4 duplicate in database
      'NEW00004,TAKEN-01,,,,', //                  5 tag in database
      'NEW00005,,Surface Pro 9,,,', //             6 unknown model
      `NEW00006,,${dock.model},,,`, //             7 wrong kind (model)
      'NEW00007,,,monitor,,', //                   8 wrong kind (kind column)
      'bad serial,,,,zz,', //                      9 malformed serial and mac
      'NEW00009,,,,,8939100000000000000', //       10 iccid on a laptop; lot overflow from here (8 places)
      ',,,,,', //                                  11 missing serial; overflow
    ].join('\n');
    const assetsBefore = await countRows(t, 'assets');
    const eventsBefore = (await auditActions(t)).length;

    const dry = await post(lot.id, csv, true).expect(200);
    expect(dry.body).toMatchObject({ ok: false, rows: 10, validRows: 1, invalidRows: 9, created: 0 });
    expect(dry.body.errors.map((e: { line: number; column: string | null; code: string }) => [e.line, e.column, e.code])).toEqual([
      [3, 'serial', 'DUPLICATE_IN_FILE'],
      [4, 'serial', 'DUPLICATE_IN_DATABASE'],
      [5, 'asset_tag', 'DUPLICATE_IN_DATABASE'],
      [6, 'model', 'UNKNOWN_MODEL'],
      [7, 'model', 'WRONG_KIND'],
      [8, 'kind', 'WRONG_KIND'],
      [9, 'serial', 'MALFORMED_FIELD'],
      [9, 'mac', 'MALFORMED_FIELD'],
      [10, 'iccid', 'FIELD_NOT_ALLOWED'],
      [10, null, 'LOT_OVERFLOW'],
      [11, 'serial', 'MISSING_FIELD'],
      [11, null, 'LOT_OVERFLOW'],
    ]);
    expect(dry.body.errors[0].reason).toContain('line 2');

    const real = await post(lot.id, csv, false).expect(422);
    expect(real.body.error.code).toBe('IMPORT_REJECTED');
    expect(real.body.error.details.errors).toEqual(dry.body.errors);
    expect(await countRows(t, 'assets')).toBe(assetsBefore);
    expect((await auditActions(t)).length).toBe(eventsBefore);
    const lotNow = await t.http().get(`/api/v1/lots/${lot.id}`).set(auth(inv.tech)).expect(200);
    expect(lotNow.body.received).toBe(0);
  });

  it('accepts semicolon-separated files, names the model per row, and reads mobile-router SIMs', async () => {
    const router = await createModel(inv, 'mobile_router', 'E5576-320', 'Huawei');
    const lot = await createLot(inv, router.id, { quantity: 50 });
    const csv = [
      'Serial;Model;ICCID;Phone Number;Data Plan',
      'HW0001;Huawei E5576-320;8939100000000000000;+39 333 0000001;TM8 50GB',
      'HW0002;e5576-320;;;',
    ].join('\r\n');
    const res = await post(lot.id, csv, false).expect(200);
    expect(res.body).toMatchObject({ ok: true, created: 2 });
    const list = await t.http().get(`/api/v1/assets?lotId=${lot.id}&sort=serial`).set(auth(inv.tech)).expect(200);
    expect(list.body.items[0].sim).toEqual({ iccid: '8939100000000000000', phoneNumber: '+393330000001', dataPlan: 'TM8 50GB' });
    expect(list.body.items[1].sim).toBeNull();
  });

  it('refuses unreadable files and unknown lots', async () => {
    const lot = await createLot(inv, laptop.id);
    const quote = await post(lot.id, 'serial\n"unterminated\n', true).expect(400);
    expect(quote.body.error.code).toBe('CSV_MALFORMED');
    const empty = await post(lot.id, '', true).expect(400);
    expect(empty.body.error.code).toBe('EMPTY_FILE');
    const header = await post(lot.id, 'numero_serie\nX1\n', true).expect(200);
    expect(header.body.errors.map((e: { code: string }) => e.code)).toEqual(['UNKNOWN_COLUMN', 'MISSING_COLUMN']);
    const noLot = await post('00000000-0000-4000-8000-000000000000', 'serial\nX1\n', true).expect(404);
    expect(noLot.body.error.code).toBe('LOT_NOT_FOUND');
    const noLotId = await t
      .http()
      .post('/api/v1/assets/import?dryRun=true')
      .set(auth(inv.tech))
      .set('Content-Type', 'text/csv')
      .send('serial\nX1\n')
      .expect(400);
    expect(noLotId.body.error.details.fields[0].field).toBe('lotId');
  });

  it('checks one scanned serial at a time against the lot', async () => {
    const lot = await createLot(inv, laptop.id, { quantity: 50 });
    await createAsset(inv, laptop.id, { serial: 'SCAN0001' });
    const ok = await t.http().post(`/api/v1/lots/${lot.id}/receive/validate`).set(auth(inv.tech)).send({ serial: 'scan0002' }).expect(200);
    expect(ok.body).toEqual({ ok: true, serial: 'SCAN0002', lotReceived: 0, lotQuantity: 50, errors: [] });
    const dup = await t.http().post(`/api/v1/lots/${lot.id}/receive/validate`).set(auth(inv.tech)).send({ serial: 'SCAN0001' }).expect(200);
    expect(dup.body.ok).toBe(false);
    expect(dup.body.errors).toEqual([expect.objectContaining({ column: 'serial', code: 'DUPLICATE_IN_DATABASE' })]);
    const full = await createLot(inv, laptop.id, { quantity: 1 });
    await createAsset(inv, laptop.id, { lotId: full.id });
    const over = await t.http().post(`/api/v1/lots/${full.id}/receive/validate`).set(auth(inv.tech)).send({ serial: 'SCAN0003' }).expect(200);
    expect(over.body.errors.map((e: { code: string }) => e.code)).toEqual(['LOT_OVERFLOW']);
  });
});
