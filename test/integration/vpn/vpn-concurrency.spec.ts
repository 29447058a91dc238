import { startTestApp, TestApp } from '../../helpers/test-app';
import { countRows } from '../../e2e/inventory/inventory-fixtures';
import { approvedAccount, handOverLaptop, hotlineApi, nowClock, provisionable } from '../../e2e/vpn/vpn-fixtures';

jest.setTimeout(120_000);

/**
 * Hot-line operators racing on the same employee or account (on PostgreSQL these are truly concurrent units;
 * SQLite serialises them): one request wins, the others get a 409 with a stable code, nobody gets a 500, and
 * nothing is done twice.
 */
describe('VPN accounts under concurrent requests', () => {
  const { clock, today } = nowClock();
  let t: TestApp;
  let hotline: string;
  let api: ReturnType<typeof hotlineApi>;

  beforeAll(async () => {
    t = await startTestApp({ clock });
    hotline = await t.tokenFor('hotline');
    api = hotlineApi(t, hotline);
  });
  afterAll(() => t.close());

  const statuses = (responses: { status: number; body: { error?: { code: string } } }[]) =>
    responses.map((r) => (r.status < 300 ? String(r.status) : `${r.status} ${r.body.error?.code}`)).sort();

  it('ten requests for the same employee and profile create one account', async () => {
    const person = await provisionable(t, today);
    const results = await Promise.all(Array.from({ length: 10 }, () => api.create(person.id)));
    const s = statuses(results);
    expect(s.filter((x) => x === '201')).toHaveLength(1);
    expect(s.filter((x) => x !== '201').every((x) => x === '409 VPN_ACCOUNT_EXISTS')).toBe(true);
    expect(await countRows(t, 'vpn_accounts', `employee_id = '${person.id}'`)).toBe(1);
  });

  it('ten approvals of one request approve it once, with one audit event', async () => {
    const person = await provisionable(t, today);
    const created = (await api.create(person.id).expect(201)).body;
    const results = await Promise.all(Array.from({ length: 10 }, () => api.approve(created.id)));
    const s = statuses(results);
    expect(s.filter((x) => x === '200')).toHaveLength(1);
    expect(s.filter((x) => x !== '200').every((x) => x === '409 VPN_ACCOUNT_STATE_CONFLICT' || x === '409 VPN_ACCOUNT_CHANGED')).toBe(true);
    expect(await countRows(t, 'audit_events', `action = 'vpn.account.approved' AND entity_id = '${created.id}'`)).toBe(1);
  });

  it('five certificate requests at once leave exactly one valid certificate; every certificate written belongs to a request that succeeded', async () => {
    const person = await provisionable(t, today);
    const laptop = await handOverLaptop(t, person.id);
    const account = await approvedAccount(t, hotline, person.id);
    const results = await Promise.all(Array.from({ length: 5 }, () => api.issue(account.id, { stationAssetId: laptop.id, generateKey: true })));
    const ok = results.filter((r) => r.status === 201);
    // approved → issued, then issued → issued (a replacement) is allowed: every winner supersedes the one before
    expect(results.every((r) => r.status === 201 || r.status === 409)).toBe(true);
    const valid = await countRows(t, 'certificates', `vpn_account_id = '${account.id}' AND status = 'valid'`);
    expect(valid).toBe(1);
    expect(await countRows(t, 'certificates', `vpn_account_id = '${account.id}'`)).toBe(ok.length);
    const final = await api.get(account.id);
    expect(final.certificate?.status).toBe('valid');
  });

  it('suspend, resume and revoke racing on an active account end in a consistent state without errors', async () => {
    const person = await provisionable(t, today);
    const laptop = await handOverLaptop(t, person.id);
    const account = await approvedAccount(t, hotline, person.id);
    await api.issue(account.id, { stationAssetId: laptop.id, generateKey: true }).expect(201);
    await api.installed(account.id, { activate: true }).expect(200);
    const results = await Promise.all([api.suspend(account.id), api.revoke(account.id), api.suspend(account.id), api.resume(account.id)]);
    expect(results.every((r) => r.status === 200 || r.status === 409)).toBe(true);
    const final = await api.get(account.id);
    const valid = await countRows(t, 'certificates', `vpn_account_id = '${account.id}' AND status = 'valid'`);
    const held = await countRows(t, 'certificates', `vpn_account_id = '${account.id}' AND status = 'on_hold'`);
    if (final.state === 'revoked') expect(valid + held).toBe(0);
    if (final.state === 'suspended') expect(held).toBe(1);
    if (final.state === 'active') expect(valid).toBe(1);
  });
});
