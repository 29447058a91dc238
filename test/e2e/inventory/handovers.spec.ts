import { createHash } from 'node:crypto';
import { FixedClock } from '../../../src/common/clock';
import { createEmployee, createProvisionableEmployee } from '../../factories';
import { auth, startTestApp, TestApp } from '../../helpers/test-app';
import { auditActions, binaryParser, countRows, createAsset, createModel, Inv, inventoryContext, kit, pdfText, unique } from './inventory-fixtures';

const TODAY = '2024-05-07';

describe('inventory: handovers, receipts and returns', () => {
  let t: TestApp;
  let inv: Inv;
  beforeAll(async () => {
    t = await startTestApp({ clock: new FixedClock(new Date(`${TODAY}T08:30:00Z`)), env: { MUNICIPALITY_NAME: 'Comune di Prato' } });
    inv = await inventoryContext(t);
  });
  afterAll(() => t.close());

  const handover = (body: Record<string, unknown>) => t.http().post('/api/v1/handovers').set(auth(inv.tech)).send(body);
  const pdf = async (url: string) => {
    const res = await t.http().get(url).set(auth(inv.tech)).buffer(true).parse(binaryParser).expect(200);
    expect(res.headers['content-type']).toBe('application/pdf');
    return { bytes: res.body as Buffer, sha256: res.headers['x-content-sha256'] };
  };
  const asset = async (id: string) => (await t.http().get(`/api/v1/assets/${id}`).set(auth(inv.tech)).expect(200)).body;

  it('hands a kit over in one operation and produces the Italian receipt with its SHA-256', async () => {
    const { employee, agreement } = await createProvisionableEmployee(t.dataSource, { today: TODAY, employee: { firstName: 'Giulia', lastName: 'Verdi' } });
    const k = await kit(inv);
    const res = await handover({
      employeeId: employee.id,
      assetIds: [k.laptop.id, k.dock.id, k.headset.id],
      conditions: 'Nuovi, in confezione originale',
      notes: 'Consegna presso il CED',
    }).expect(201);
    expect(res.body).toMatchObject({
      employeeId: employee.id,
      technicianName: 'Luca Bianchi',
      handoverDate: TODAY,
      gated: true,
      gateAgreementId: agreement.id,
      status: 'open',
      itemsCount: 3,
      outstandingCount: 3,
      conditions: 'Nuovi, in confezione originale',
      employeeSignedAt: null,
      returns: [],
    });
    expect(res.body.items.map((i: { assetId: string }) => i.assetId)).toEqual([k.laptop.id, k.dock.id, k.headset.id]);
    for (const a of [k.laptop, k.dock, k.headset])
      expect(await asset(a.id)).toMatchObject({ state: 'assigned', holderEmployeeId: employee.id, currentHandoverId: res.body.id });

    const file = await pdf(res.body.receiptUrl);
    const digest = createHash('sha256').update(file.bytes).digest('hex');
    expect(digest).toBe(res.body.receiptSha256);
    expect(file.sha256).toBe(digest);
    const text = await pdfText(file.bytes);
    for (const expected of [
      'COMUNE DI PRATO',
      'Verbale di consegna',
      'Giulia Verdi',
      employee.employeeNumber,
      'Luca Bianchi',
      k.laptop.serial,
      k.laptop.assetTag,
      k.dock.serial,
      k.dock.assetTag,
      k.headset.serial,
      k.headset.assetTag,
      'Computer portatile',
      'Nuovi, in confezione originale',
      'Divieto di cessione a terzi',
      'furto o smarrimento',
      'Prato, 07/05/2024',
      '(firma)',
    ]) {
      expect(text).toContain(expected);
    }
    const byEmployee = await t.http().get(`/api/v1/handovers?employeeId=${employee.id}`).set(auth(inv.tech)).expect(200);
    expect(byEmployee.body.items.map((h: { id: string }) => h.id)).toEqual([res.body.id]);
    const byAsset = await t.http().get(`/api/v1/handovers?assetId=${k.dock.id}`).set(auth(inv.tech)).expect(200);
    expect(byAsset.body.items.map((h: { id: string }) => h.id)).toEqual([res.body.id]);
  });

  it('refuses gated kinds for an employee who does not pass the gate: 422 with the codes, nothing changed but the audit entry', async () => {
    const employee = await createEmployee(t.dataSource);
    const k = await kit(inv);
    const handoversBefore = await countRows(t, 'handovers');
    const before = await auditActions(t);
    const res = await handover({ employeeId: employee.id, assetIds: [k.laptop.id, k.headset.id] }).expect(422);
    expect(res.body.error.code).toBe('GATE_REFUSED');
    expect(res.body.error.details.refusals).toEqual(expect.arrayContaining(['EMPLOYEE_NOT_ELIGIBLE', 'AGREEMENT_MISSING']));
    expect(await countRows(t, 'handovers')).toBe(handoversBefore);
    expect((await asset(k.laptop.id)).state).toBe('in_stock');
    expect((await asset(k.headset.id)).state).toBe('in_stock');
    const after = await auditActions(t);
    expect(after.slice(before.length)).toEqual(['handover.refused']);
    const events = await t.http().get(`/api/v1/audit/events?action=handover.refused&entityId=${employee.id}`).set(auth(t.adminToken)).expect(200);
    expect(events.body.items[0].summary.refusals).toEqual(res.body.error.details.refusals);
  });

  it('refuses an inactive employee and one without a current safety notice, naming each reason', async () => {
    const inactive = await createProvisionableEmployee(t.dataSource, { today: TODAY, employee: { active: false } });
    const noNotice = await createProvisionableEmployee(t.dataSource, { today: TODAY, safetyNoticeDeliveredOn: null });
    const k = await kit(inv);
    const r1 = await handover({ employeeId: inactive.employee.id, assetIds: [k.dock.id] }).expect(422);
    expect(r1.body.error.details.refusals).toContain('EMPLOYEE_INACTIVE');
    const r2 = await handover({ employeeId: noNotice.employee.id, assetIds: [k.dock.id] }).expect(422);
    expect(r2.body.error.details.refusals).toEqual(['SAFETY_NOTICE_MISSING']);
  });

  it('does not gate webcams and headsets for office desktops', async () => {
    const employee = await createEmployee(t.dataSource);
    const webcam = await createAsset(inv, (await createModel(inv, 'webcam', unique('C920 '), 'Logitech')).id);
    const headset = await createAsset(inv, (await createModel(inv, 'headset', unique('Evolve '), 'Jabra')).id);
    const res = await handover({ employeeId: employee.id, assetIds: [webcam.id, headset.id] }).expect(201);
    expect(res.body).toMatchObject({ gated: false, gateAgreementId: null, itemsCount: 2 });
  });

  it('refuses unavailable, unknown and repeated assets, changing nothing', async () => {
    const { employee } = await createProvisionableEmployee(t.dataSource, { today: TODAY });
    const k = await kit(inv);
    await handover({ employeeId: employee.id, assetIds: [k.headset.id] }).expect(201);
    const busy = await handover({ employeeId: employee.id, assetIds: [k.laptop.id, k.headset.id] }).expect(409);
    expect(busy.body.error).toMatchObject({
      code: 'ASSET_NOT_AVAILABLE',
      details: { assets: [{ id: k.headset.id, assetTag: k.headset.assetTag, state: 'assigned' }] },
    });
    expect((await asset(k.laptop.id)).state).toBe('in_stock');
    const unknown = await handover({ employeeId: employee.id, assetIds: [k.laptop.id, '00000000-0000-4000-8000-000000000000'] }).expect(404);
    expect(unknown.body.error.code).toBe('ASSET_NOT_FOUND');
    const twice = await handover({ employeeId: employee.id, assetIds: [k.laptop.id, k.laptop.id] }).expect(400);
    expect(twice.body.error.code).toBe('DUPLICATE_ASSET_IN_KIT');
    const nobody = await handover({ employeeId: '00000000-0000-4000-8000-000000000000', assetIds: [k.laptop.id] }).expect(404);
    expect(nobody.body.error.code).toBe('EMPLOYEE_NOT_FOUND');
    const empty = await handover({ employeeId: employee.id, assetIds: [] }).expect(400);
    expect(empty.body.error.details.fields[0].field).toBe('assetIds');
    await t
      .http()
      .post('/api/v1/handovers')
      .set(auth(await t.tokenFor('hotline')))
      .send({ employeeId: employee.id, assetIds: [k.laptop.id] })
      .expect(403);
  });

  it('records each signature once, with the hash of the signed scan', async () => {
    const { employee } = await createProvisionableEmployee(t.dataSource, { today: TODAY });
    const k = await kit(inv);
    const h = (await handover({ employeeId: employee.id, assetIds: [k.laptop.id] }).expect(201)).body;
    const scan = 'c'.repeat(64);
    const signed = await t.http().post(`/api/v1/handovers/${h.id}/sign`).set(auth(inv.tech)).send({ signedBy: 'employee', signedScanSha256: scan }).expect(200);
    expect(signed.body).toMatchObject({ employeeSignedAt: `${TODAY}T08:30:00.000Z`, technicianSignedAt: null, signedScanSha256: scan });
    const again = await t.http().post(`/api/v1/handovers/${h.id}/sign`).set(auth(inv.tech)).send({ signedBy: 'employee' }).expect(409);
    expect(again.body.error.code).toBe('ALREADY_SIGNED');
    await t.http().post(`/api/v1/handovers/${h.id}/sign`).set(auth(inv.tech)).send({ signedBy: 'technician' }).expect(200);
    const bad = await t.http().post(`/api/v1/handovers/${h.id}/sign`).set(auth(inv.tech)).send({ signedBy: 'manager', signedScanSha256: 'xyz' }).expect(400);
    expect(bad.body.error.details.fields.map((f: { field: string }) => f.field).sort()).toEqual(['signedBy', 'signedScanSha256']);
    const events = await t.http().get(`/api/v1/audit/events?action=handover.signed&entityId=${h.id}`).set(auth(t.adminToken)).expect(200);
    expect(events.body.items.map((e: { summary: { signedBy: string } }) => e.summary.signedBy).sort()).toEqual(['employee', 'technician']);
  });

  it('takes a kit back in parts: damaged items to repair, laptops only with a confirmed data wipe, with the return receipt', async () => {
    const { employee } = await createProvisionableEmployee(t.dataSource, { today: TODAY, employee: { firstName: 'Paolo', lastName: 'Neri' } });
    const k = await kit(inv);
    const h = (await handover({ employeeId: employee.id, assetIds: [k.laptop.id, k.dock.id, k.headset.id] }).expect(201)).body;

    const partial = await t
      .http()
      .post(`/api/v1/handovers/${h.id}/return`)
      .set(auth(inv.tech))
      .send({ items: [{ assetId: k.headset.id, condition: 'worn' }] })
      .expect(201);
    expect(partial.body.handover).toMatchObject({ status: 'partially_returned', outstandingCount: 2 });
    expect((await asset(k.headset.id)).state).toBe('in_stock');

    const noWipe = await t
      .http()
      .post(`/api/v1/handovers/${h.id}/return`)
      .set(auth(inv.tech))
      .send({ items: [{ assetId: k.laptop.id, condition: 'good' }] })
      .expect(422);
    expect(noWipe.body.error).toMatchObject({ code: 'DATA_WIPE_REQUIRED', details: { assetIds: [k.laptop.id] } });
    const unconfirmed = await t
      .http()
      .post(`/api/v1/handovers/${h.id}/return`)
      .set(auth(inv.tech))
      .send({ items: [{ assetId: k.laptop.id, condition: 'good' }], dataWipe: [{ assetId: k.laptop.id, method: 'NIST 800-88 purge', confirmed: false }] })
      .expect(400);
    expect(unconfirmed.body.error.details.fields[0].field).toBe('dataWipe.0.confirmed');
    expect((await asset(k.laptop.id)).state).toBe('assigned');

    const full = await t
      .http()
      .post(`/api/v1/handovers/${h.id}/return`)
      .set(auth(inv.tech))
      .send({
        items: [
          { assetId: k.laptop.id, condition: 'damaged', note: 'schermo incrinato' },
          { assetId: k.dock.id, condition: 'good' },
        ],
        dataWipe: [{ assetId: k.laptop.id, method: 'NIST 800-88 purge (secure erase)', confirmed: true, reference: 'WIPE-2024-0001' }],
        notes: 'Fine accordo',
      })
      .expect(201);
    expect(full.body.handover).toMatchObject({ status: 'closed', outstandingCount: 0 });
    expect(full.body.return).toMatchObject({
      assetIds: [k.laptop.id, k.dock.id],
      dataWipe: [{ assetId: k.laptop.id, method: 'NIST 800-88 purge (secure erase)', confirmed: true, reference: 'WIPE-2024-0001' }],
    });
    expect(await asset(k.laptop.id)).toMatchObject({ state: 'in_repair', holderEmployeeId: null, currentHandoverId: null });
    expect((await asset(k.dock.id)).state).toBe('in_stock');

    const file = await pdf(full.body.return.receiptUrl);
    expect(createHash('sha256').update(file.bytes).digest('hex')).toBe(full.body.return.receiptSha256);
    const text = await pdfText(file.bytes);
    for (const expected of [
      'Verbale di restituzione',
      'Paolo Neri',
      k.laptop.serial,
      k.laptop.assetTag,
      k.dock.assetTag,
      'Danneggiato',
      'schermo incrinato',
      'NIST 800-88 purge (secure erase)',
      'WIPE-2024-0001',
      'Cancellazione sicura dei dati',
    ]) {
      expect(text).toContain(expected);
    }
    const again = await t
      .http()
      .post(`/api/v1/handovers/${h.id}/return`)
      .set(auth(inv.tech))
      .send({ items: [{ assetId: k.dock.id, condition: 'good' }] })
      .expect(409);
    expect(again.body.error.code).toBe('ITEM_ALREADY_CLOSED');
    const stranger = await createAsset(inv, (await createModel(inv, 'mouse', unique('M'), 'Logitech')).id);
    const notIn = await t
      .http()
      .post(`/api/v1/handovers/${h.id}/return`)
      .set(auth(inv.tech))
      .send({ items: [{ assetId: stranger.id, condition: 'good' }] })
      .expect(422);
    expect(notIn.body.error.code).toBe('ASSET_NOT_IN_HANDOVER');
    const detail = await t.http().get(`/api/v1/handovers/${h.id}`).set(auth(inv.tech)).expect(200);
    expect(detail.body.returns).toHaveLength(2);
    expect(detail.body.items.map((i: { returnCondition: string }) => i.returnCondition)).toEqual(['damaged', 'good', 'worn']);
    const closed = await t.http().get(`/api/v1/handovers?status=closed&employeeId=${employee.id}`).set(auth(inv.tech)).expect(200);
    expect(closed.body.items.map((x: { id: string }) => x.id)).toEqual([h.id]);
  });

  it('pages through handovers newest first', async () => {
    const { employee } = await createProvisionableEmployee(t.dataSource, { today: TODAY });
    const mouse = await createModel(inv, 'mouse', unique('MX '), 'Logitech');
    const ids: string[] = [];
    for (let i = 0; i < 5; i++) ids.push((await handover({ employeeId: employee.id, assetIds: [(await createAsset(inv, mouse.id)).id] }).expect(201)).body.id);
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const res: { body: { items: { id: string }[]; nextCursor: string | null } } = await t
        .http()
        .get(`/api/v1/handovers?employeeId=${employee.id}&limit=2${cursor ? `&cursor=${cursor}` : ''}`)
        .set(auth(inv.tech))
        .expect(200);
      seen.push(...res.body.items.map((h) => h.id));
      cursor = res.body.nextCursor;
    } while (cursor);
    expect([...seen].sort()).toEqual([...ids].sort());
    const missing = await t.http().get('/api/v1/handovers/00000000-0000-4000-8000-000000000000/receipt.pdf').set(auth(inv.tech)).expect(404);
    expect(missing.body.error.code).toBe('HANDOVER_NOT_FOUND');
  });
});
