import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { DomainError } from '../../../src/common/errors/domain-error';
import { VpnAddressService } from '../../../src/vpn/vpn-address.service';
import { VpnClientDirectives } from '../../../src/vpn/vpn-client-directives.service';
import { countRows } from '../../e2e/inventory/inventory-fixtures';
import { approvedAccount, hotlineApi, nowClock, provisionable } from '../../e2e/vpn/vpn-fixtures';
import { startTestApp, TestApp } from '../../helpers/test-app';

jest.setTimeout(180_000);

/**
 * Stable tunnel addresses (issue 13): one per account in its profile's pool, never two accounts on one address even
 * when units allocate at the same moment (on PostgreSQL they truly run concurrently; SQLite serialises them), kept
 * through suspension and resumption, free again once the account is revoked, and a closed error when the pool is full.
 */
describe('VPN account addresses', () => {
  const { clock, today } = nowClock();
  let t: TestApp;
  let hotline: string;
  let api: ReturnType<typeof hotlineApi>;
  let addresses: VpnAddressService;
  let dir: string;

  beforeAll(async () => {
    // tecnici gets a /29: five account addresses, to reach the end of the pool
    dir = fs.mkdtempSync(path.join(os.tmpdir(), `rw-vpn-addr-${process.pid}-`));
    const conf = JSON.parse(fs.readFileSync(path.join(__dirname, '../../../config/vpn.json'), 'utf8'));
    conf.profiles.find((p: { name: string }) => p.name === 'tecnici').pool = '10.8.8.0/29';
    fs.writeFileSync(path.join(dir, 'vpn.json'), JSON.stringify(conf));
    t = await startTestApp({ clock, env: { VPN_CONFIG_FILE: path.join(dir, 'vpn.json') } });
    hotline = await t.tokenFor('hotline');
    api = hotlineApi(t, hotline);
    addresses = t.get(VpnAddressService);
  });
  afterAll(async () => {
    await t?.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  const accountOf = async (profile = 'dipendenti') => {
    const person = await provisionable(t, today);
    const account = await approvedAccount(t, hotline, person.id, profile);
    return { id: account.id, profile };
  };

  const ipNumber = (a: string) => a.split('.').reduce((n, o) => n * 256 + Number(o), 0);

  it('twenty accounts allocating at once get twenty different addresses of the pool, never the gateway’s', async () => {
    const accounts = await Promise.all(Array.from({ length: 20 }, () => accountOf()));
    const got = await Promise.all(accounts.map((a) => addresses.ensure(a)));
    expect(new Set(got).size).toBe(20);
    for (const a of got) {
      expect(ipNumber(a)).toBeGreaterThanOrEqual(ipNumber('10.8.0.2'));
      expect(ipNumber(a)).toBeLessThanOrEqual(ipNumber('10.8.3.254'));
    }
    // stable: asked again (and concurrently) each account keeps its own
    expect(await Promise.all(accounts.map((a) => addresses.ensure(a)))).toEqual(got);
    expect(await countRows(t, 'vpn_addresses', `profile = 'dipendenti'`)).toBe(20);
  });

  it('one account asked for by several units at once gets one address', async () => {
    const account = await accountOf();
    const got = await Promise.all(Array.from({ length: 8 }, () => addresses.ensure(account)));
    expect(new Set(got).size).toBe(1);
    expect(await countRows(t, 'vpn_addresses', `account_id = '${account.id}'`)).toBe(1);
  });

  it('the directives carry the address with the pool mask, the routes of the networks and the DNS', async () => {
    const account = await accountOf();
    const lines = await t.get(VpnClientDirectives).forAccount(account.id);
    const address = await addresses.ensure(account);
    expect(lines[0]).toBe(`ifconfig-push ${address} 255.255.252.0`);
    expect(lines).toEqual(
      expect.arrayContaining(['push "route 10.10.0.0 255.255.0.0"', 'push "route 172.16.20.0 255.255.255.0"', 'push "dhcp-option DOMAIN comune.prato.it"']),
    );
  });

  it('keeps the address through suspension and resumption; revoked, the address goes to the next account; a full pool is refused', async () => {
    const first = await accountOf('tecnici');
    const a1 = await addresses.ensure(first);
    expect(a1).toBe('10.8.8.2');
    await api.suspend(first.id).expect(200);
    expect(await addresses.ensure(first)).toBe(a1);
    await api.resume(first.id).expect(200);
    expect(await addresses.ensure(first)).toBe(a1);

    const others = [];
    for (let i = 0; i < 4; i++) others.push(await accountOf('tecnici'));
    const taken = await Promise.all(others.map((a) => addresses.ensure(a)));
    expect([a1, ...taken].sort()).toEqual(['10.8.8.2', '10.8.8.3', '10.8.8.4', '10.8.8.5', '10.8.8.6']);

    const sixth = await accountOf('tecnici');
    const refused = await addresses.ensure(sixth).then(
      () => null,
      (err: unknown) => err,
    );
    expect(refused).toBeInstanceOf(DomainError);
    expect((refused as DomainError).code).toBe('VPN_ADDRESS_POOL_EXHAUSTED');
    expect(await countRows(t, 'vpn_addresses', `account_id = '${sixth.id}'`)).toBe(0);

    await api.revoke(first.id).expect(200);
    expect(await addresses.ensure(sixth)).toBe(a1);
    expect(await countRows(t, 'vpn_addresses', `account_id = '${first.id}'`)).toBe(0);
  });
});
