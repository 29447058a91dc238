import { FixedClock } from '../../../src/common/clock';
import { createProvisionableEmployee } from '../../factories';
import { auth, startTestApp, TestApp } from '../../helpers/test-app';
import { countRows, createAsset, createModel, inventoryContext, Inv, unique } from '../../e2e/inventory/inventory-fixtures';

const TODAY = '2024-03-11';

/**
 * Two technicians can never assign the same asset at once (SPEC §2). Fifty clients race through HTTP for
 * one laptop, on whichever database the runner selected (it runs this file on SQLite and on PostgreSQL).
 */
describe('handover race: 50 concurrent requests for one asset', () => {
  let t: TestApp;
  let inv: Inv;
  let employees: string[];
  beforeAll(async () => {
    t = await startTestApp({ clock: new FixedClock(new Date(`${TODAY}T08:00:00Z`)) });
    inv = await inventoryContext(t);
    employees = [];
    for (let i = 0; i < 5; i++) employees.push((await createProvisionableEmployee(t.dataSource, { today: TODAY })).employee.id);
  });
  afterAll(() => t.close());

  async function race(bodies: { employeeId: string; assetIds: string[] }[]): Promise<number[]> {
    const responses = await Promise.all(bodies.map((body) => t.http().post('/api/v1/handovers').set(auth(inv.tech)).send(body)));
    for (const r of responses) if (r.status !== 201 && r.status !== 409) throw new Error(`unexpected ${r.status}: ${JSON.stringify(r.body)}`);
    for (const r of responses) if (r.status === 409) expect(r.body.error.code).toBe('ASSET_NOT_AVAILABLE');
    return responses.map((r) => r.status);
  }

  it('exactly one 201, 49 × 409, one assignment row, the audit chain intact', async () => {
    const laptop = await createAsset(inv, (await createModel(inv, 'laptop', unique('ThinkPad '))).id);
    const eventsBefore = await countRows(t, 'audit_events');
    const statuses = await race(Array.from({ length: 50 }, (_, i) => ({ employeeId: employees[i % employees.length], assetIds: [laptop.id] })));
    expect(statuses.filter((s) => s === 201)).toHaveLength(1);
    expect(statuses.filter((s) => s === 409)).toHaveLength(49);
    expect(await countRows(t, 'handover_items', `asset_id = '${laptop.id}'`)).toBe(1);
    expect(await countRows(t, 'handovers', `id IN (SELECT handover_id FROM handover_items WHERE asset_id = '${laptop.id}')`)).toBe(1);
    expect(await countRows(t, 'audit_events')).toBe(eventsBefore + 1);
    expect(await countRows(t, 'audit_events', "action = 'handover.created'")).toBe(1);
    const verify = await t.http().get('/api/v1/audit/verify').set(auth(t.adminToken)).expect(200);
    expect(verify.body.ok).toBe(true);
    const asset = (await t.http().get(`/api/v1/assets/${laptop.id}`).set(auth(inv.tech)).expect(200)).body;
    expect(asset.state).toBe('assigned');
    expect(employees).toContain(asset.holderEmployeeId);
  });

  it('kits that overlap in opposite orders: one wins, none deadlocks, nothing half-assigned', async () => {
    const model = await createModel(inv, 'docking_station', unique('Dock '));
    const a = await createAsset(inv, model.id);
    const b = await createAsset(inv, model.id);
    const statuses = await race(
      Array.from({ length: 20 }, (_, i) => ({ employeeId: employees[i % employees.length], assetIds: i % 2 ? [a.id, b.id] : [b.id, a.id] })),
    );
    expect(statuses.filter((s) => s === 201)).toHaveLength(1);
    const holders: { holder_employee_id: string; current_handover_id: string }[] = await t.dataSource.query(
      `SELECT holder_employee_id, current_handover_id FROM assets WHERE id IN ('${a.id}', '${b.id}')`,
    );
    expect(new Set(holders.map((h) => h.current_handover_id)).size).toBe(1);
    expect(await countRows(t, 'handover_items', `asset_id IN ('${a.id}', '${b.id}')`)).toBe(2);
    expect((await t.http().get('/api/v1/audit/verify').set(auth(t.adminToken)).expect(200)).body.ok).toBe(true);
  });
});
