import { calendarDate, FixedClock } from '../../../src/common/clock';
import { createProvisionableEmployee } from '../../factories';
import { auth, TestApp } from '../../helpers/test-app';
import { binaryParser, createAsset, createModel, inventoryContext, unique } from '../inventory/inventory-fixtures';

/**
 * Shared set-up of the VPN tests. The clock is "now": certificates and CRLs are checked by the real openssl and
 * OpenVPN against the machine's time, and a CRL whose nextUpdate has passed in real time fails closed.
 */
export function nowClock(): { clock: FixedClock; today: string } {
  const clock = new FixedClock(new Date(Math.floor(Date.now() / 1000) * 1000));
  return { clock, today: calendarDate(clock.now(), 'Europe/Rome') };
}

export interface Person {
  id: string;
  username: string;
}

/** An employee who passes the gate today (agreement with `remoteDaysPerWeek`, default 2). */
export async function provisionable(t: TestApp, today: string, overrides: { username?: string; remoteDaysPerWeek?: number } = {}): Promise<Person> {
  const { employee } = await createProvisionableEmployee(t.dataSource, {
    today,
    employee: overrides.username ? { username: overrides.username } : {},
    overrides: overrides.remoteDaysPerWeek !== undefined ? { remoteDaysPerWeek: overrides.remoteDaysPerWeek } : {},
  });
  return { id: employee.id, username: employee.username as string };
}

let laptopModel: Promise<{ id: string }> | null = null;
let laptopModelApp: TestApp | null = null;

/** A laptop handed over (through the inventory API) to the employee: the station their certificate is bound to. */
export async function handOverLaptop(t: TestApp, employeeId: string): Promise<{ id: string; assetTag: string }> {
  const inv = await inventoryContext(t);
  if (laptopModelApp !== t) {
    laptopModelApp = t;
    laptopModel = createModel(inv, 'laptop', unique('ThinkPad '));
  }
  const laptop = await createAsset(inv, (await laptopModel!).id);
  const res = await t
    .http()
    .post('/api/v1/handovers')
    .set(auth(inv.tech))
    .send({ employeeId, assetIds: [laptop.id] });
  if (res.status !== 201) throw new Error(`handover: ${res.status} ${JSON.stringify(res.body)}`);
  return { id: laptop.id, assetTag: laptop.assetTag };
}

/** A laptop on the shelf (never handed over). */
export async function laptopInStock(t: TestApp): Promise<{ id: string; assetTag: string }> {
  const inv = await inventoryContext(t);
  const model = await createModel(inv, 'laptop', unique('Latitude '), 'Dell');
  const laptop = await createAsset(inv, model.id);
  return { id: laptop.id, assetTag: laptop.assetTag };
}

export interface Account {
  id: string;
  state: string;
  username: string;
  gateway: { id: string; name: string; host: string; port: number; proto: string } | null;
  certificate: { serial: string; notAfter: string; keyOrigin: string; status?: string } | null;
  [key: string]: unknown;
}

/** Hot-line calls. */
export function hotlineApi(t: TestApp, token: string) {
  const post = (url: string, body: Record<string, unknown> = {}) => t.http().post(url).set(auth(token)).send(body);
  return {
    create: (employeeId: string, profile = 'dipendenti') => post('/api/v1/vpn/accounts', { employeeId, profile }),
    approve: (id: string) => post(`/api/v1/vpn/accounts/${id}/approve`),
    issue: (id: string, body: Record<string, unknown>) => post(`/api/v1/vpn/accounts/${id}/certificates`, body),
    installed: (id: string, body: Record<string, unknown> = {}) => post(`/api/v1/vpn/accounts/${id}/installed`, body),
    activate: (id: string) => post(`/api/v1/vpn/accounts/${id}/activate`),
    suspend: (id: string, reason = 'Congedo di tre mesi') => post(`/api/v1/vpn/accounts/${id}/suspend`, { reason }),
    resume: (id: string) => post(`/api/v1/vpn/accounts/${id}/resume`),
    revoke: (id: string, reason = 'privilegeWithdrawn') => post(`/api/v1/vpn/accounts/${id}/revoke`, { reason }),
    get: async (id: string): Promise<Account> => (await t.http().get(`/api/v1/vpn/accounts/${id}`).set(auth(token)).expect(200)).body,
    profile: (id: string) => t.http().get(`/api/v1/vpn/accounts/${id}/openvpn-profile`).set(auth(token)).buffer(true).parse(binaryParser),
  };
}

/** Requests and approves an account; returns it approved. */
export async function approvedAccount(t: TestApp, token: string, employeeId: string, profile = 'dipendenti'): Promise<Account> {
  const api = hotlineApi(t, token);
  const created = await api.create(employeeId, profile);
  if (created.status !== 201) throw new Error(`create: ${created.status} ${JSON.stringify(created.body)}`);
  const approved = await api.approve(created.body.id);
  if (approved.status !== 200) throw new Error(`approve: ${approved.status} ${JSON.stringify(approved.body)}`);
  return approved.body;
}

/** A personal laptop the employee declared, registered by inventory as an asset they hold (ownership personal). */
export async function declarePersonalLaptop(t: TestApp, employeeId: string): Promise<{ id: string; assetTag: string }> {
  const inv = await inventoryContext(t);
  const model = await createModel(inv, 'laptop', unique('Pavilion '), 'HP');
  const res = await t
    .http()
    .post(`/api/v1/employees/${employeeId}/declared-equipment`)
    .set(auth(inv.tech))
    .send({ kind: 'laptop', serial: unique('PERS'), modelId: model.id, note: 'Portatile personale' });
  if (res.status !== 201) throw new Error(`declared laptop: ${res.status} ${JSON.stringify(res.body)}`);
  return { id: res.body.assetId, assetTag: res.body.assetTag };
}
