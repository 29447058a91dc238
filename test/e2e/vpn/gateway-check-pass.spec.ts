import { GatewayConnectCheck } from '../../../src/vpn/gateway-connect-check.service';
import { GatewayConnectFacts } from '../../../src/vpn/gateway-connect-facts';
import { VpnClientDirectives } from '../../../src/vpn/vpn-client-directives.service';
import { VpnGatewayRepository } from '../../../src/vpn/vpn-gateway.repository';
import { createProvisionableEmployee } from '../../factories';
import { auth, startTestApp, TestApp } from '../../helpers/test-app';
import { countRows } from '../inventory/inventory-fixtures';
import { waitFor } from '../offboarding/wait-for';
import { approvedAccount, handOverLaptop, hotlineApi, nowClock } from './vpn-fixtures';

jest.setTimeout(180_000);

interface Installed {
  id: string;
  serial: string;
  laptopId: string;
  gatewayId: string;
}

/**
 * The connect check's pass (the 8:30 storm): the first check of a gateway under an audit head decides every account
 * of that gateway at once and files the decisions, so the next laptops are answered without reading their facts —
 * and any change after it still holds at the very next check, because it moves the head.
 */
describe('gateways: the connect check decides a gateway in one pass', () => {
  const { clock, today } = nowClock();
  let t: TestApp;
  let hotline: string;
  let tech: string;
  let api: ReturnType<typeof hotlineApi>;
  const credential: Record<string, string> = {};
  let n = 0;

  beforeAll(async () => {
    t = await startTestApp({ clock });
    hotline = await t.tokenFor('hotline', 'Sara Neri');
    tech = await t.tokenFor('technician', 'Luca Bianchi');
    api = hotlineApi(t, hotline);
    const list: { id: string }[] = (await t.http().get('/api/v1/vpn/gateways').set(auth(t.adminToken)).expect(200)).body;
    for (const g of list) credential[g.id] = (await t.http().post(`/api/v1/vpn/gateways/${g.id}/credential`).set(auth(tech)).expect(201)).body.token;
  });

  afterAll(async () => {
    await t?.get(GatewayConnectCheck).passesSettled();
    await t?.close();
  });

  async function installed(): Promise<Installed> {
    n += 1;
    const { employee } = await createProvisionableEmployee(t.dataSource, { today, employee: { username: `gwp.user${n}.${process.pid}` } });
    const laptop = await handOverLaptop(t, employee.id);
    const account = await approvedAccount(t, hotline, employee.id);
    const issued = (await api.issue(account.id, { stationAssetId: laptop.id, generateKey: true }).expect(201)).body;
    const marked = (await api.installed(account.id).expect(200)).body;
    return { id: account.id, serial: issued.certificate.serial, laptopId: laptop.id, gatewayId: marked.gateway.id };
  }

  function check(a: Installed) {
    return t
      .http()
      .post(`/api/v1/vpn/gateways/${a.gatewayId}/connect-check`)
      .set(auth(credential[a.gatewayId]))
      .send({ serial: a.serial })
      .expect(200)
      .then((res) => res.body as { decision: string; reason: string | null; directives: string[] });
  }

  /** Seven installed accounts, placed on the three "dipendenti" gateways: at least three share one. */
  /**
   * An audited change that is not an activation (a new API token) empties the memo, so the next check starts a pass
   * that finds a and b active: their own activations only dropped their decisions, and the pass is not due again
   * for PASS_EVERY_MS.
   */
  const emptyTheMemo = () => t.tokenFor('technician', `other technician ${++n}`);

  /** a and b connect once (activated), the memo is emptied, and a's next check files a fresh pass of their gateway */
  async function passOverActive(a: Installed, b: Installed): Promise<void> {
    for (const x of [a, b]) expect((await check(x)).decision).toBe('allow');
    await waitFor(async () => ((await countRows(t, 'outbox', "status = 'pending'")) === 0 ? true : undefined), 'the activation jobs to finish');
    await emptyTheMemo();
    await check(a);
    await t.get(GatewayConnectCheck).passesSettled();
  }

  async function threeOnOneGateway(): Promise<Installed[]> {
    const all = [await installed(), await installed(), await installed(), await installed(), await installed(), await installed(), await installed()];
    const byGateway = new Map<string, Installed[]>();
    for (const a of all) byGateway.set(a.gatewayId, [...(byGateway.get(a.gatewayId) ?? []), a]);
    return [...byGateway.values()].find((list) => list.length >= 3)!.slice(0, 3);
  }

  it('answers the other accounts of the gateway from the pass, the same answer; an account never connected is left to its own check', async () => {
    const [a, b, c] = await threeOnOneGateway();
    // a and b connect once (activated, address allocated); c never has
    for (const x of [a, b]) expect((await check(x)).decision).toBe('allow');
    await waitFor(async () => ((await countRows(t, 'outbox', "status = 'pending'")) === 0 ? true : undefined), 'the activation jobs to finish');
    await emptyTheMemo();
    const facts = t.get(GatewayConnectFacts);
    const single = jest.spyOn(facts, 'forSerial');
    try {
      await check(a);
      await t.get(GatewayConnectCheck).passesSettled();
      single.mockClear();
      const answer = await check(b);
      expect(single).not.toHaveBeenCalled();
      expect(answer).toEqual({ decision: 'allow', reason: null, directives: await t.get(VpnClientDirectives).forAccount(b.id, undefined, b.gatewayId) });
      // c has no address yet: the pass, which writes nothing, left it to its first check (which allocates and activates)
      expect(await countRows(t, 'vpn_addresses', `account_id = '${c.id}'`)).toBe(0);
      expect((await check(c)).decision).toBe('allow');
      expect(single).toHaveBeenCalledTimes(1);
      await t.get(GatewayConnectCheck).activationsSettled();
      expect((await api.get(c.id)).state).toBe('active');
    } finally {
      single.mockRestore();
    }
  });

  it('reads a gateway in pages of any size: the same accounts and facts as one read of it', async () => {
    const [a] = await threeOnOneGateway();
    const gateway = (await t.get(VpnGatewayRepository).findById(a.gatewayId))!;
    const facts = t.get(GatewayConnectFacts);
    const whole = await facts.forGateway(gateway);
    expect(whole.length).toBeGreaterThanOrEqual(3);
    for (const size of [1, 2, whole.length, whole.length + 5]) {
      const paged: typeof whole = [];
      for await (const page of facts.forGatewayInPages(gateway, size)) {
        expect(page.length).toBeLessThanOrEqual(size);
        paged.push(...page);
      }
      expect(paged.map((x) => x.facts)).toEqual(whole.map((x) => x.facts));
    }
  });

  it('a change after the pass holds at the next check: a stolen laptop, a suspended account', async () => {
    const [a, b] = await threeOnOneGateway();
    for (const x of [a, b]) expect((await check(x)).decision).toBe('allow');
    await waitFor(async () => ((await countRows(t, 'outbox', "status = 'pending'")) === 0 ? true : undefined), 'the activation jobs to finish');
    await check(a);
    await t.get(GatewayConnectCheck).passesSettled();
    await t.http().post(`/api/v1/assets/${b.laptopId}/report`).set(auth(tech)).send({ status: 'stolen', note: 'furto in auto' }).expect(201);
    expect((await check(b)).reason).toBe('STATION_NOT_ASSIGNED');
    await t.get(GatewayConnectCheck).passesSettled();
    await api.suspend(a.id).expect(200);
    expect(await check(a)).toEqual({ decision: 'deny', reason: 'ACCOUNT_SUSPENDED', directives: [] });
  });

  it("the day's first connections (activations) drop only those accounts' decisions; any other change still empties the memo", async () => {
    const [a, b, c] = await threeOnOneGateway();
    await passOverActive(a, b);
    const single = jest.spyOn(t.get(GatewayConnectFacts), 'forSerial');
    try {
      // c's first connection: decided on its own (no address yet), and it activates c (an audit event)
      expect((await check(c)).decision).toBe('allow');
      expect(single).toHaveBeenCalledTimes(1);
      await t.get(GatewayConnectCheck).activationsSettled();
      expect((await api.get(c.id)).state).toBe('active');
      // the head moved by an activation only: b is still answered from the memo, c is decided again (now active)
      single.mockClear();
      expect(await check(b)).toEqual({
        decision: 'allow',
        reason: null,
        directives: await t.get(VpnClientDirectives).forAccount(b.id, undefined, b.gatewayId),
      });
      expect(single).not.toHaveBeenCalled();
      expect((await check(c)).decision).toBe('allow');
      expect(single).toHaveBeenCalledTimes(1);
      // a suspension is not an activation: the memo is emptied and the suspension holds at once
      await api.suspend(b.id).expect(200);
      single.mockClear();
      expect(await check(b)).toEqual({ decision: 'deny', reason: 'ACCOUNT_SUSPENDED', directives: [] });
      expect(single).toHaveBeenCalledTimes(1);
    } finally {
      single.mockRestore();
    }
  });

  it('a refusal, which changed nothing, leaves every decision in the memo; the change it refused, made after, holds at once', async () => {
    const [a, b] = await threeOnOneGateway();
    await passOverActive(a, b);
    const single = jest.spyOn(t.get(GatewayConnectFacts), 'forSerial');
    try {
      // a revocation refused (a reason the CRL may not carry): audited, nothing changed, so b is still answered from the memo
      const revoke = (reason: string) => t.http().post(`/api/v1/certificates/${b.serial}/revoke`).set(auth(hotline)).send({ reason });
      expect((await revoke('removeFromCRL').expect(400)).body.error.code).toBe('INVALID_REVOCATION_REASON');
      expect(await countRows(t, 'audit_events', `action = 'certificate.revoke-refused' AND entity_id = '${b.serial}'`)).toBe(1);
      expect((await check(b)).decision).toBe('allow');
      expect(single).not.toHaveBeenCalled();
      // the revocation itself is a change: the memo is emptied and it holds at the next check
      await revoke('keyCompromise').expect(200);
      expect(await check(b)).toEqual({ decision: 'deny', reason: 'CERTIFICATE_REVOKED', directives: [] });
      expect(single).toHaveBeenCalledTimes(1);
    } finally {
      single.mockRestore();
    }
  });
});
