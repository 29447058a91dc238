import { createEmployee, makeEligible } from '../../factories';
import { auth, startTestApp, TestApp } from '../../helpers/test-app';
import { makeCsr, tempDir } from '../../integration/pki/pki-test-tools';
import { auditActions, countRows } from '../inventory/inventory-fixtures';
import { declarePersonalLaptop, handOverLaptop, hotlineApi, nowClock, Person, provisionable } from './vpn-fixtures';

jest.setTimeout(180_000);

interface Gateway {
  id: string;
  name: string;
  capacity: number;
  profile: string;
}

interface LoadLine {
  name: string;
  capacity: number;
  accounts: Record<string, number>;
  expectedPeakSessions: number;
  peakSessions95: number;
  utilisationPercent: number;
  warning: string | null;
}

/**
 * Placement by expected load and the load report, fed by the bulk onboarding endpoint: 15 workers with 1 to 5
 * remote days a week onboarded in one request land on the three "dipendenti" gateways in proportion to capacity
 * (by expected sessions, not by heads); the report sums remote days / 5 per gateway and warns past the threshold.
 */
describe('VPN placement, load report and bulk onboarding', () => {
  const { clock, today } = nowClock();
  let t: TestApp;
  let hotline: string;
  let dir: string;
  const DAYS = [5, 5, 5, 4, 4, 3, 3, 2, 2, 2, 1, 1, 1, 1, 1];
  const onboarded: { person: Person; days: number; laptop: { id: string }; csrPem: string }[] = [];

  beforeAll(async () => {
    t = await startTestApp({ clock, env: { MUNICIPALITY_NAME: 'Comune di Prato' } });
    hotline = await t.tokenFor('hotline');
    dir = tempDir('rw-vpn-bulk-');
    for (const [i, days] of DAYS.entries()) {
      const person = await provisionable(t, today, { username: `bulk.user${i}`, remoteDaysPerWeek: days });
      const laptop = await handOverLaptop(t, person.id);
      const { csrPem } = await makeCsr(dir, person.username);
      onboarded.push({ person, days, laptop, csrPem });
    }
  });
  afterAll(() => t.close());

  const gateways = async (): Promise<Gateway[]> => (await t.http().get('/api/v1/vpn/gateways').set(auth(hotline)).expect(200)).body;
  const report = async () =>
    (
      await t
        .http()
        .get('/api/v1/vpn/gateways/load')
        .set(auth(await t.tokenFor('rtd')))
        .expect(200)
    ).body as { gateways: LoadLine[]; totals: Record<string, unknown>; warningThresholdPercent: number };
  const bulk = (body: Record<string, unknown>) => t.http().post('/api/v1/vpn/accounts/bulk-onboard').set(auth(hotline)).send(body);

  it('refuses a batch with any bad item, naming every problem, and writes nothing', async () => {
    const noAgreement = await createEmployee(t.dataSource, { username: 'bulk.nogate' });
    await makeEligible(t.dataSource, noAgreement);
    const hisLaptop = await handOverLaptop(t, onboarded[0].person.id);
    const { csrPem } = await makeCsr(dir, 'bulk.nogate');
    const accounts = await countRows(t, 'vpn_accounts');
    const certificates = await countRows(t, 'certificates');
    const items = [
      ...onboarded.slice(0, 3).map((o) => ({ employeeId: o.person.id, profile: 'dipendenti', stationAssetId: o.laptop.id, csrPem: o.csrPem })),
      { employeeId: noAgreement.id, profile: 'dipendenti', stationAssetId: hisLaptop.id, csrPem },
      { employeeId: onboarded[1].person.id, profile: 'dipendenti', stationAssetId: onboarded[4].laptop.id, csrPem: onboarded[4].csrPem },
    ];
    const res = await bulk({ items }).expect(422);
    expect(res.body.error.code).toBe('BULK_ONBOARDING_REFUSED');
    const problems = res.body.error.details.problems.map((p: { index: number; code: string }) => [p.index, p.code]);
    expect(problems).toEqual([
      [3, 'STATION_NOT_HELD_BY_EMPLOYEE'],
      [4, 'DUPLICATE_IN_BATCH'],
    ]);
    // the gate is checked inside the unit, once the batch is otherwise clean (a declared personal laptop: not gated)
    const gated = await bulk({ items: [items[0], { ...items[3], stationAssetId: (await declarePersonalLaptop(t, noAgreement.id)).id }] }).expect(422);
    expect(gated.body.error.details.problems).toEqual([expect.objectContaining({ index: 1, code: 'GATE_REFUSED' })]);
    expect(await countRows(t, 'vpn_accounts')).toBe(accounts);
    expect(await countRows(t, 'certificates')).toBe(certificates);
    expect((await auditActions(t)).filter((a) => a === 'vpn.account.bulk-onboard-refused')).toHaveLength(2);
  });

  it('onboards 15 workers in one request and spreads their expected sessions over the gateways by capacity', async () => {
    const items = onboarded.map((o) => ({ employeeId: o.person.id, profile: 'dipendenti', stationAssetId: o.laptop.id, csrPem: o.csrPem }));
    const res = await bulk({ items, activate: true, includeProfiles: true }).expect(201);
    expect(res.body.count).toBe(15);
    const placed = res.body.items as { index: number; gateway: string; state: string; openvpnProfile: string; username: string }[];
    expect(placed.every((p) => p.state === 'active')).toBe(true);
    expect(placed[0].openvpnProfile).toContain(`key ${placed[0].username}.key`);
    expect(placed[0].openvpnProfile).not.toContain('PRIVATE KEY');

    const caps = new Map((await gateways()).map((g) => [g.name, g.capacity]));
    const days = new Map<string, number>();
    for (const p of placed) days.set(p.gateway, (days.get(p.gateway) ?? 0) + DAYS[p.index]);
    expect([...days.keys()].sort()).toEqual(['vpn1', 'vpn2', 'vpn3']);
    const ratios = [...days.entries()].map(([g, d]) => d / (caps.get(g)! * 5));
    // greedy on (load + account) / capacity: no gateway ends more than one full-time worker ahead of another
    expect(Math.max(...ratios) - Math.min(...ratios)).toBeLessThanOrEqual(5 / (200 * 5) + 1e-9);
    // the batch's VPN-group writes: one job (one directory modify) carrying the 15 employees
    const groupJobs: { payload: string }[] = await t.dataSource.query("SELECT payload FROM outbox WHERE job_name = 'vpn.group-add-many'");
    expect(groupJobs).toHaveLength(1);
    expect((JSON.parse(groupJobs[0].payload).employeeIds as string[]).sort()).toEqual(onboarded.map((o) => o.person.id).sort());

    const r = await report();
    const mine = r.gateways.filter((l) => ['vpn1', 'vpn2', 'vpn3'].includes(l.name));
    for (const line of mine) {
      expect(line.expectedPeakSessions).toBeCloseTo(days.get(line.name)! / 5, 5);
      expect(line.accounts.active).toBe(placed.filter((p) => p.gateway === line.name).length);
      expect(line.utilisationPercent).toBeCloseTo(Math.round((days.get(line.name)! / 5 / line.capacity) * 1000) / 10, 5);
      expect(line.warning).toBeNull();
    }
    expect(r.totals).toMatchObject({ expectedPeakSessions: 8, capacity: 740, gatewaysWithWarning: 0 });
    expect((r.totals.accounts as Record<string, number>).active).toBe(15);
  });

  it('warns when a gateway is sized below its expected load, and places new accounts elsewhere', async () => {
    const vpn3 = (await gateways()).find((g) => g.name === 'vpn3')!;
    await t.http().patch(`/api/v1/vpn/gateways/${vpn3.id}`).set(auth(t.adminToken)).send({ capacity: 2 }).expect(200);
    const line = (await report()).gateways.find((l) => l.name === 'vpn3')!;
    expect(line.capacity).toBe(2);
    expect(line.warning).toMatch(/expected sessions at \d+(\.\d)?% of capacity \(threshold 80%\)/);

    const api = hotlineApi(t, hotline);
    const person = await provisionable(t, today, { remoteDaysPerWeek: 5 });
    const created = (await api.create(person.id).expect(201)).body;
    const approved = (await api.approve(created.id).expect(200)).body;
    expect(approved.gateway.name).not.toBe('vpn3');
  });

  it('refuses approval when the profile has no enabled gateway: 422 NO_GATEWAY_FOR_PROFILE', async () => {
    const tecnici = (await gateways()).find((g) => g.profile === 'tecnici')!;
    await t.http().patch(`/api/v1/vpn/gateways/${tecnici.id}`).set(auth(t.adminToken)).send({ enabled: false }).expect(200);
    const api = hotlineApi(t, hotline);
    const person = await provisionable(t, today);
    const created = (await api.create(person.id, 'tecnici').expect(201)).body;
    expect((await api.approve(created.id).expect(422)).body.error.code).toBe('NO_GATEWAY_FOR_PROFILE');
    expect((await api.get(created.id)).state).toBe('requested');
    // a gateway with accounts keeps its profile
    const vpn1 = (await gateways()).find((g) => g.name === 'vpn1')!;
    expect((await t.http().patch(`/api/v1/vpn/gateways/${vpn1.id}`).set(auth(t.adminToken)).send({ profile: 'tecnici' }).expect(409)).body.error.code).toBe(
      'GATEWAY_IN_USE',
    );
  });
});
