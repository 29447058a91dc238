import { FixedClock } from '../../../src/common/clock';
import { createProvisionableEmployee } from '../../factories';
import { auth, startTestApp, TestApp } from '../../helpers/test-app';
import { countRows, createAsset, createModel, Inv, inventoryContext, kit, unique } from './inventory-fixtures';

const TODAY = '2024-09-02';

describe('inventory: incidents and disposal', () => {
  let t: TestApp;
  let inv: Inv;
  beforeAll(async () => {
    t = await startTestApp({ clock: new FixedClock(new Date(`${TODAY}T10:00:00Z`)) });
    inv = await inventoryContext(t);
  });
  afterAll(() => t.close());

  const report = (id: string, body: Record<string, unknown>) => t.http().post(`/api/v1/assets/${id}/report`).set(auth(inv.tech)).send(body);

  it('a stolen laptop ends its custody and asks the PKI to revoke its certificates, in the same transaction', async () => {
    const { employee } = await createProvisionableEmployee(t.dataSource, { today: TODAY });
    const k = await kit(inv);
    const h = (
      await t
        .http()
        .post('/api/v1/handovers')
        .set(auth(inv.tech))
        .send({ employeeId: employee.id, assetIds: [k.laptop.id, k.headset.id] })
        .expect(201)
    ).body;
    const res = await report(k.laptop.id, {
      status: 'stolen',
      note: 'Furto in auto, denuncia presentata',
      reportedAt: '2024-09-01T18:30:00Z',
      policeReportRef: 'CC-PO-2024-991',
    }).expect(201);
    expect(res.body.report).toMatchObject({
      status: 'stolen',
      previousState: 'assigned',
      reportedAt: '2024-09-01T18:30:00.000Z',
      policeReportRef: 'CC-PO-2024-991',
      closedHandoverId: h.id,
      stationCompromised: true,
    });
    expect(res.body.asset).toMatchObject({ state: 'stolen', holderEmployeeId: null, currentHandoverId: null });
    const jobs: { job_id: string; payload: string }[] = await t.dataSource.query(
      "SELECT job_id, payload FROM outbox WHERE job_name = 'pki.station-compromised'",
    );
    expect(jobs).toEqual([
      {
        job_id: `pki-compromised-${k.laptop.id}-${res.body.report.id}`,
        payload: JSON.stringify({ assetId: k.laptop.id, reportedAt: '2024-09-01T18:30:00.000Z' }),
      },
    ]);
    const detail = (await t.http().get(`/api/v1/handovers/${h.id}`).set(auth(inv.tech)).expect(200)).body;
    expect(detail).toMatchObject({ status: 'partially_returned', outstandingCount: 1 });
    expect(detail.items.find((i: { assetId: string }) => i.assetId === k.laptop.id)).toMatchObject({ closedReason: 'stolen' });
    const events = await t.http().get(`/api/v1/audit/events?entityType=asset&entityId=${k.laptop.id}&action=asset.stolen`).set(auth(t.adminToken)).expect(200);
    expect(events.body.items[0].summary).toMatchObject({ from: 'assigned', to: 'stolen', stationCompromised: true, holderEmployeeId: employee.id });
    const got = (await t.http().get(`/api/v1/assets/${k.laptop.id}`).set(auth(inv.tech)).expect(200)).body;
    expect(got.reports).toHaveLength(1);
  });

  it('a lost headset records no PKI work; a recovered asset goes back on the shelf', async () => {
    const headset = await createAsset(inv, (await createModel(inv, 'headset', unique('Evolve '), 'Jabra')).id);
    const before = await countRows(t, 'outbox', "job_name = 'pki.station-compromised'");
    const lost = await report(headset.id, { status: 'lost', note: 'Non trovato in magazzino' }).expect(201);
    expect(lost.body.report).toMatchObject({ stationCompromised: false, closedHandoverId: null, reportedAt: `${TODAY}T10:00:00.000Z` });
    expect(await countRows(t, 'outbox', "job_name = 'pki.station-compromised'")).toBe(before);
    const found = await report(headset.id, { status: 'in_stock', note: 'Ritrovato nell’armadio B' }).expect(201);
    expect(found.body.asset.state).toBe('in_stock');
  });

  it('refuses transitions the life cycle does not allow', async () => {
    const { employee } = await createProvisionableEmployee(t.dataSource, { today: TODAY });
    const k = await kit(inv);
    await t
      .http()
      .post('/api/v1/handovers')
      .set(auth(inv.tech))
      .send({ employeeId: employee.id, assetIds: [k.dock.id] })
      .expect(201);
    const repair = await report(k.dock.id, { status: 'in_repair', note: 'guasto' }).expect(409);
    expect(repair.body.error).toMatchObject({ code: 'INVALID_STATE_TRANSITION', details: { from: 'assigned', to: 'in_repair' } });
    const back = await report(k.headset.id, { status: 'in_stock', note: 'già in stock' }).expect(409);
    expect(back.body.error.code).toBe('INVALID_STATE_TRANSITION');
    const future = await report(k.headset.id, { status: 'lost', note: 'domani', reportedAt: '2024-09-03T10:00:00Z' }).expect(400);
    expect(future.body.error.code).toBe('REPORTED_AT_IN_FUTURE');
    const badStatus = await report(k.headset.id, { status: 'vanished', note: 'x' }).expect(400);
    expect(badStatus.body.error.details.fields.map((f: { field: string }) => f.field)).toEqual(['status', 'note']);
    expect((await t.http().get(`/api/v1/assets/${k.headset.id}`).set(auth(inv.tech)).expect(200)).body.state).toBe('in_stock');
  });

  it('retirement (RAEE) needs the erasure method for a laptop and the certificate for everything; it is final', async () => {
    const laptop = await createAsset(inv, (await createModel(inv, 'laptop', unique('ThinkPad '))).id);
    const none = await report(laptop.id, { status: 'retired', note: 'fine vita' }).expect(422);
    expect(none.body.error).toMatchObject({ code: 'ERASURE_REQUIRED', details: { problems: ['ERASURE_REQUIRED', 'DISPOSAL_CERTIFICATE_REQUIRED'] } });
    const noCert = await report(laptop.id, { status: 'retired', note: 'fine vita', erasureMethod: 'NIST 800-88 destroy' }).expect(422);
    expect(noCert.body.error.code).toBe('DISPOSAL_CERTIFICATE_REQUIRED');
    await report(laptop.id, { status: 'in_repair', note: 'scheda madre' }).expect(201);
    const retired = await report(laptop.id, {
      status: 'retired',
      note: 'irreparabile',
      erasureMethod: 'NIST 800-88 destroy (triturazione disco)',
      erasureCertificateRef: 'RAEE-2024-0042',
    }).expect(201);
    expect(retired.body.report).toMatchObject({
      previousState: 'in_repair',
      erasureMethod: 'NIST 800-88 destroy (triturazione disco)',
      erasureCertificateRef: 'RAEE-2024-0042',
    });
    expect(retired.body.asset.state).toBe('retired');
    const again = await report(laptop.id, { status: 'in_stock', note: 'ripensamento' }).expect(409);
    expect(again.body.error.code).toBe('INVALID_STATE_TRANSITION');
    const mouse = await createAsset(inv, (await createModel(inv, 'mouse', unique('M'), 'Logitech')).id);
    await report(mouse.id, { status: 'retired', note: 'rotto', erasureCertificateRef: 'RAEE-2024-0043' }).expect(201);
    const missing = await report('00000000-0000-4000-8000-000000000000', { status: 'lost', note: 'x y z' }).expect(404);
    expect(missing.body.error.code).toBe('ASSET_NOT_FOUND');
  });
});
