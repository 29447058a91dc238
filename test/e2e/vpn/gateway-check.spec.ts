import { GatewayConnectCheck } from '../../../src/vpn/gateway-connect-check.service';
import * as fs from 'node:fs';
import { VpnClientDirectives } from '../../../src/vpn/vpn-client-directives.service';
import { VpnReconciler } from '../../../src/vpn/vpn-reconciler.service';
import { createProvisionableEmployee } from '../../factories';
import { auth, startTestApp, TestApp } from '../../helpers/test-app';
import { openssl, tempDir, write } from '../../integration/pki/pki-test-tools';
import { countRows } from '../inventory/inventory-fixtures';
import { waitFor } from '../offboarding/wait-for';
import { approvedAccount, handOverLaptop, hotlineApi, nowClock } from './vpn-fixtures';

jest.setTimeout(180_000);

interface Gateway {
  id: string;
  name: string;
  profile: string;
}

interface Installed {
  id: string;
  serial: string;
  employeeId: string;
  agreementId: string;
  laptopId: string;
  gatewayId: string;
}

/**
 * The gateways enforce what the service decides (issue 13): each gateway's own credential, the connect-time check
 * its hook asks, the first connection confirming the installation, and the signed allow-list it falls back to.
 * Every refusal is reached through the real endpoints that cause it (the hot-line, HR, the technicians), with the
 * certificate itself still valid and the CRL unchanged where the cause is not the certificate.
 */
describe('gateways: credential, connect-time check, allow-list', () => {
  const { clock, today } = nowClock();
  let t: TestApp;
  let hotline: string;
  let hr: string;
  let tech: string;
  let api: ReturnType<typeof hotlineApi>;
  let dir: string;
  let gw: Record<string, Gateway>;
  const credential: Record<string, string> = {};

  beforeAll(async () => {
    t = await startTestApp({ clock });
    hotline = await t.tokenFor('hotline', 'Sara Neri');
    hr = await t.tokenFor('hr', 'Ufficio Personale');
    tech = await t.tokenFor('technician', 'Luca Bianchi');
    api = hotlineApi(t, hotline);
    dir = tempDir('rw-gateway-check-');
    const list: Gateway[] = (await t.http().get('/api/v1/vpn/gateways').set(auth(t.adminToken)).expect(200)).body;
    gw = Object.fromEntries(list.map((g) => [g.name, g]));
    expect(Object.keys(gw)).toEqual(expect.arrayContaining(['vpn1', 'vpn2', 'vpn3', 'vpn-tecnici']));
    for (const name of ['vpn1', 'vpn2', 'vpn3', 'vpn-tecnici']) {
      const res = await t.http().post(`/api/v1/vpn/gateways/${gw[name].id}/credential`).set(auth(tech)).expect(201);
      credential[name] = res.body.token;
    }
  });
  afterAll(async () => {
    await t?.close();
    if (dir) fs.rmSync(dir, { recursive: true, force: true });
  });

  let n = 0;
  /** An account of an employee who passes the gate, its certificate issued for a laptop handed over, marked installed. */
  async function installed(): Promise<Installed> {
    n += 1;
    const { employee, agreement } = await createProvisionableEmployee(t.dataSource, { today, employee: { username: `gw.user${n}.${process.pid}` } });
    const laptop = await handOverLaptop(t, employee.id);
    const account = await approvedAccount(t, hotline, employee.id);
    const issued = (await api.issue(account.id, { stationAssetId: laptop.id, generateKey: true }).expect(201)).body;
    const marked = (await api.installed(account.id).expect(200)).body;
    expect(marked).toMatchObject({ state: 'installed' });
    return {
      id: account.id,
      serial: issued.certificate.serial,
      employeeId: employee.id,
      agreementId: agreement.id,
      laptopId: laptop.id,
      gatewayId: marked.gateway.id,
    };
  }

  const nameOf = (gatewayId: string) => Object.values(gw).find((g) => g.id === gatewayId)!.name;
  const otherDipendenti = (gatewayId: string) => ['vpn1', 'vpn2', 'vpn3'].find((name) => gw[name].id !== gatewayId)!;

  /** What the hook asks: the gateway's own credential, the serial as OpenVPN writes it (colons, upper case, zero-padded). */
  function check(gatewayName: string, serial: string, accept = 'application/json') {
    const padded = serial.padStart(serial.length + (serial.length % 2), '0').toUpperCase();
    const asOpenVpn = padded.match(/../g)!.join(':');
    return t
      .http()
      .post(`/api/v1/vpn/gateways/${gw[gatewayName].id}/connect-check`)
      .set(auth(credential[gatewayName]))
      .set('Accept', accept)
      .send({ serial: asOpenVpn });
  }

  async function reason(gatewayName: string, serial: string): Promise<string | null> {
    const res = await check(gatewayName, serial).expect(200);
    // a first connection's activation is recorded after the answer: let it commit before the test changes the account
    await t.get(GatewayConnectCheck).activationsSettled();
    expect(res.body.decision).toBe(res.body.reason === null ? 'allow' : 'deny');
    if (res.body.reason) expect(res.body.directives).toEqual([]);
    return res.body.reason;
  }

  const home = (a: Installed) => nameOf(a.gatewayId);

  it('allows the current certificate with its directives; the first connection makes the account active, once, audited as the gateway', async () => {
    const a = await installed();
    const expected = await t.get(VpnClientDirectives).forAccount(a.id);
    expect(expected.some((d) => d.startsWith('push "route '))).toBe(true);

    const first = await check(home(a), a.serial).expect(200);
    expect(first.body).toEqual({ decision: 'allow', reason: null, directives: expected });
    expect(first.headers['cache-control']).toBe('no-store');
    // recorded after the answer, which does not wait for it
    await t.get(GatewayConnectCheck).activationsSettled();
    const active = await api.get(a.id);
    expect(active).toMatchObject({ state: 'active', activatedAt: clock.nowIso() });
    const events = await t.dataSource.query(
      `SELECT actor, actor_role, summary FROM audit_events WHERE action = 'vpn.account.activated' AND entity_id = '${a.id}'`,
    );
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({ actor: `gateway:${a.gatewayId} (gateway:${home(a)})`, actor_role: 'gateway' });
    expect(JSON.parse(events[0].summary)).toMatchObject({ by: 'first-connection', gatewayId: a.gatewayId, state: 'active' });
    // the directory VPN group follows, as for an activation by the hot-line
    expect(await countRows(t, 'outbox', `job_name = 'vpn.group-add' AND payload LIKE '%${a.id}%'`)).toBe(1);

    // the text the sh hook reads
    const text = await check(home(a), a.serial, 'text/plain').expect(200);
    expect(text.headers['content-type']).toMatch(/^text\/plain/);
    expect(text.text).toBe(`ALLOW\n${expected.map((d) => `${d}\n`).join('')}`);
  });

  it('stores nothing about a connection once the account is active: no row, no change', async () => {
    const a = await installed();
    await check(home(a), a.serial).expect(200);
    await t.get(GatewayConnectCheck).activationsSettled();
    const tables: string[] = t.dataSource.entityMetadatas.map((m) => m.tableName).sort();
    const counts = async () => JSON.stringify(Object.fromEntries(await Promise.all(tables.map(async (table) => [table, await countRows(t, table)]))));
    // the activation's directory-group job runs through the outbox: let it settle first
    let settled = await counts();
    await waitFor(async () => {
      const now = await counts();
      const same = now === settled;
      settled = now;
      return same && (await countRows(t, 'outbox', "status = 'pending'")) === 0 ? true : undefined;
    }, 'the jobs of the activation to finish');
    const before = { counts: await counts(), account: await api.get(a.id) };
    for (let i = 0; i < 3; i++) expect((await check(home(a), a.serial).expect(200)).body.decision).toBe('allow');
    expect((await check('vpn-tecnici', a.serial).expect(200)).body.reason).toBe('WRONG_GATEWAY');
    expect(await counts()).toEqual(before.counts);
    expect(await api.get(a.id)).toEqual(before.account);
  });

  it('two gateways racing on the first connection activate the account once', async () => {
    const a = await installed();
    const version = Number((await api.get(a.id)).version);
    const [one, two] = await Promise.all([check(home(a), a.serial), check(otherDipendenti(a.gatewayId), a.serial)]);
    expect([one.status, two.status]).toEqual([200, 200]);
    expect([one.body.decision, two.body.decision]).toEqual(['allow', 'allow']);
    await t.get(GatewayConnectCheck).activationsSettled();
    expect(await countRows(t, 'audit_events', `action = 'vpn.account.activated' AND entity_id = '${a.id}'`)).toBe(1);
    expect(await countRows(t, 'audit_events', `action LIKE 'vpn.account.%refused' AND entity_id = '${a.id}'`)).toBe(0);
    // one conditional update went through
    expect(await api.get(a.id)).toMatchObject({ state: 'active', version: version + 1 });
  });

  it('refuses a suspended account (ACCOUNT_SUSPENDED) and lets it in again once resumed', async () => {
    const a = await installed();
    await api.suspend(a.id).expect(200);
    expect(await reason(home(a), a.serial)).toBe('ACCOUNT_SUSPENDED');
    expect((await check(home(a), a.serial, 'text/plain').expect(200)).text).toBe('DENY ACCOUNT_SUSPENDED\n');
    // a suspended account is not activated by a connection attempt
    expect((await api.get(a.id)).state).toBe('suspended');
    await api.resume(a.id).expect(200);
    expect(await reason(home(a), a.serial)).toBeNull();
  });

  it('refuses once the agreement is suspended, and again lets in when it is resumed (AGREEMENT_NOT_IN_FORCE)', async () => {
    const a = await installed();
    await t.http().post(`/api/v1/agreements/${a.agreementId}/suspend`).set(auth(hr)).send({ reason: 'Sospensione temporanea' }).expect(200);
    expect(await reason(home(a), a.serial)).toBe('AGREEMENT_NOT_IN_FORCE');
    await t.http().post(`/api/v1/agreements/${a.agreementId}/resume`).set(auth(hr)).send({}).expect(200);
    await waitFor(async () => ((await api.get(a.id)).state === 'installed' ? true : undefined), 'the account to be resumed with its agreement');
    expect(await reason(home(a), a.serial)).toBeNull();
  });

  it('refuses after the agreement is withdrawn with effect today (AGREEMENT_NOT_IN_FORCE)', async () => {
    const a = await installed();
    expect(await reason(home(a), a.serial)).toBeNull();
    await t
      .http()
      .post(`/api/v1/agreements/${a.agreementId}/withdraw`)
      .set(auth(hr))
      .send({ initiatedBy: 'employer', noticeDate: today, justifiedCause: true, reason: 'Violazione degli obblighi di riservatezza' })
      .expect(200);
    expect(await reason(home(a), a.serial)).toBe('AGREEMENT_NOT_IN_FORCE');
  });

  it('refuses a laptop handed back (STATION_NOT_ASSIGNED), and its certificate once the account follows (CERTIFICATE_NOT_CURRENT)', async () => {
    const a = await installed();
    const handoverId = (await t.http().get(`/api/v1/assets/${a.laptopId}`).set(auth(tech)).expect(200)).body.currentHandoverId;
    await t
      .http()
      .post(`/api/v1/handovers/${handoverId}/return`)
      .set(auth(tech))
      .send({ items: [{ assetId: a.laptopId, condition: 'good' }], dataWipe: [{ assetId: a.laptopId, method: 'NIST 800-88 purge', confirmed: true }] })
      .expect(201);
    expect(await reason(home(a), a.serial)).toBe('STATION_NOT_ASSIGNED');
    await waitFor(
      async () => ((await t.http().get(`/api/v1/certificates/${a.serial}`).set(auth(hotline)).expect(200)).body.status === 'revoked' ? true : undefined),
      'the returned laptop certificate to be revoked',
    );
    await t.get(VpnReconciler).reconcile(a.id);
    expect(await reason(home(a), a.serial)).toBe('CERTIFICATE_NOT_CURRENT');
  });

  it('refuses a laptop reported stolen (STATION_NOT_ASSIGNED)', async () => {
    const a = await installed();
    await t.http().post(`/api/v1/assets/${a.laptopId}/report`).set(auth(tech)).send({ status: 'stolen', note: 'furto in auto' }).expect(201);
    expect(await reason(home(a), a.serial)).toBe('STATION_NOT_ASSIGNED');
  });

  it('refuses an employee who left the directory (EMPLOYEE_INACTIVE)', async () => {
    const a = await installed();
    const employee = (await t.http().get(`/api/v1/employees/${a.employeeId}`).set(auth(hr)).expect(200)).body;
    await t
      .http()
      .patch(`/api/v1/employees/${a.employeeId}`)
      .set(auth(hr))
      .send({ version: employee.version, active: false, deactivationReason: 'resigned' })
      .expect(200);
    expect(await reason(home(a), a.serial)).toBe('EMPLOYEE_INACTIVE');
  });

  it('refuses a gateway of another profile (WRONG_GATEWAY); another gateway of the same profile takes over (failover)', async () => {
    const a = await installed();
    expect(await reason('vpn-tecnici', a.serial)).toBe('WRONG_GATEWAY');
    expect(await reason(otherDipendenti(a.gatewayId), a.serial)).toBeNull();
    // a disabled gateway takes no other gateway's accounts
    const other = otherDipendenti(a.gatewayId);
    const enable = (enabled: boolean) => t.http().patch(`/api/v1/vpn/gateways/${gw[other].id}`).set(auth(t.adminToken)).send({ enabled }).expect(200);
    await enable(false);
    try {
      expect(await reason(other, a.serial)).toBe('WRONG_GATEWAY');
      expect(await reason(home(a), a.serial)).toBeNull();
    } finally {
      await enable(true);
    }
  });

  it('refuses a serial it does not know (UNKNOWN_CERTIFICATE) and answers 400 to one that is not a serial', async () => {
    expect(await reason('vpn1', '7a3f0c1d2e4b5a69788796a5b4c3d2e1')).toBe('UNKNOWN_CERTIFICATE');
    expect((await check('vpn1', '7a3f0c1d2e4b5a69788796a5b4c3d2e1', 'text/plain').expect(200)).text).toBe('DENY UNKNOWN_CERTIFICATE\n');
    const bad = await t.http().post(`/api/v1/vpn/gateways/${gw.vpn1.id}/connect-check`).set(auth(credential.vpn1)).send({ serial: 'not-a-serial' });
    expect(bad.status).toBe(400);
    expect(bad.body.error.code).toBe('INVALID_SERIAL');
  });

  it('keeps a gateway credential to its own gateway: 403 on another gateway, on every other route, and no browser session', async () => {
    const mine = credential.vpn1;
    const other = gw.vpn2.id;
    for (const res of [
      await t.http().post(`/api/v1/vpn/gateways/${other}/connect-check`).set(auth(mine)).send({ serial: 'abc123' }),
      await t.http().get(`/api/v1/vpn/gateways/${other}/allow-list`).set(auth(mine)),
    ]) {
      expect(res.status).toBe(403);
      expect(res.body.error.code).toBe('GATEWAY_NOT_OWN');
    }
    for (const [method, url] of [
      ['get', '/api/v1/auth/me'],
      ['get', '/api/v1/vpn/gateways'],
      ['get', `/api/v1/vpn/gateways/${gw.vpn1.id}`],
      ['get', '/api/v1/vpn/accounts'],
      ['get', '/api/v1/certificates'],
      ['post', `/api/v1/vpn/gateways/${gw.vpn1.id}/credential`],
      ['get', '/api/v1/ui/navigation'],
      ['post', '/api/v1/auth/logout'],
    ] as const) {
      const res = await t.http()[method](url).set(auth(mine)).send({});
      expect([url, res.status, res.body?.error?.code]).toEqual([url, 403, 'FORBIDDEN']);
    }
    const session = await t.http().post('/api/v1/auth/session').send({ token: mine });
    expect(session.status).toBe(403);
    expect(session.body.error.code).toBe('SESSION_NOT_FOR_GATEWAYS');
    expect(session.headers['set-cookie']).toBeUndefined();
    // what it may fetch without its credential: the CA and the CRL
    await t.http().get('/pki/crl.pem').expect(200);
    await t.http().get('/pki/ca.pem').expect(200);
    // and a person's role may not ask the check in a gateway's place
    expect((await t.http().post(`/api/v1/vpn/gateways/${gw.vpn1.id}/connect-check`).set(auth(hotline)).send({ serial: 'abc123' })).status).toBe(403);
  });

  it('rotates a credential: the new one works, the previous one is refused from then on; revoking ends it; all audited', async () => {
    const before = await check('vpn3', '1234abcd').expect(200);
    expect(before.body.reason).toBe('UNKNOWN_CERTIFICATE');
    const old = credential.vpn3;
    expect((await t.http().post(`/api/v1/vpn/gateways/${gw.vpn3.id}/credential`).set(auth(hotline))).status).toBe(403);
    const rotated = await t.http().post(`/api/v1/vpn/gateways/${gw.vpn3.id}/credential`).set(auth(tech)).expect(201);
    expect(rotated.body).toEqual({ gatewayId: gw.vpn3.id, token: expect.any(String), createdAt: expect.any(String) });
    credential.vpn3 = rotated.body.token;
    await check('vpn3', '1234abcd').expect(200);
    const stale = await t.http().post(`/api/v1/vpn/gateways/${gw.vpn3.id}/connect-check`).set(auth(old)).send({ serial: '1234abcd' });
    expect(stale.status).toBe(401);
    expect(stale.body.error.code).toBe('TOKEN_REVOKED');
    const actions: { action: string }[] = await t.dataSource.query(
      `SELECT action FROM audit_events WHERE entity_id = '${gw.vpn3.id}' AND action LIKE 'vpn.gateway.credential%' ORDER BY seq`,
    );
    expect(actions.map((a) => a.action)).toEqual(['vpn.gateway.credential-issued', 'vpn.gateway.credential-rotated']);

    await t.http().delete(`/api/v1/vpn/gateways/${gw.vpn3.id}/credential`).set(auth(tech)).expect(200);
    expect((await check('vpn3', '1234abcd')).status).toBe(401);
    const again = await t.http().delete(`/api/v1/vpn/gateways/${gw.vpn3.id}/credential`).set(auth(tech));
    expect(again.status).toBe(404);
    expect(again.body.error.code).toBe('GATEWAY_CREDENTIAL_NOT_FOUND');
    expect(await countRows(t, 'audit_events', `entity_id = '${gw.vpn3.id}' AND action = 'vpn.gateway.credential-revoked'`)).toBe(1);
    credential.vpn3 = (await t.http().post(`/api/v1/vpn/gateways/${gw.vpn3.id}/credential`).set(auth(tech)).expect(201)).body.token;
  });

  it('signs an allow-list of exactly the certificates allowed now on the gateway, verified by openssl; a changed byte fails', async () => {
    const allowed = await installed();
    await check(home(allowed), allowed.serial).expect(200);
    await t.get(GatewayConnectCheck).activationsSettled();
    const suspended = await installed();
    await api.suspend(suspended.id).expect(200);
    const g = home(allowed);

    const res = await t.http().get(`/api/v1/vpn/gateways/${gw[g].id}/allow-list`).set(auth(credential[g])).expect(200);
    expect(res.headers['content-type']).toMatch(/^text\/plain/);
    const text: string = res.text;
    const lines = text.split('\n');
    expect(lines[0]).toBe('# remote-work allow-list v1');
    expect(lines[1]).toBe(`gateway ${gw[g].id}`);
    const issued = /^issued (\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ)$/.exec(lines[2])![1];
    const expires = /^expires (\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ)$/.exec(lines[3])![1];
    expect(issued).toBe(`${clock.nowIso().slice(0, 19)}Z`);
    expect(Date.parse(expires) - Date.parse(issued)).toBe(240 * 60_000);
    const allowLines = lines.filter((l) => l.startsWith('allow '));
    const serials = allowLines.map((l) => l.split(' ')[1]);
    expect(serials).toContain(allowed.serial);
    expect(serials).not.toContain(suspended.serial);
    expect(serials).toEqual([...serials].sort());
    for (const s of serials) expect(s).toMatch(/^[0-9a-f]+$/);
    const line = allowLines.find((l) => l.split(' ')[1] === allowed.serial)!;
    expect(Buffer.from(line.split(' ')[2], 'base64').toString('utf8').split('\n')).toEqual(await t.get(VpnClientDirectives).forAccount(allowed.id));
    expect(lines[lines.length - 1]).toBe('');
    const signatureLine = lines[lines.length - 2];
    expect(signatureLine).toMatch(/^signature [A-Za-z0-9+/]+=*$/);

    // what the hook does: the body is every byte before the signature line
    const body = text.slice(0, text.lastIndexOf('signature '));
    const pub = await t.http().get('/api/v1/vpn/gateways/signing-key.pem').expect(200);
    expect(pub.text).toContain('-----BEGIN PUBLIC KEY-----');
    const pubFile = write(dir, 'allow-list.pub.pem', pub.text);
    const sigFile = write(dir, 'sig.bin', Buffer.from(signatureLine.slice('signature '.length), 'base64'));
    const bodyFile = write(dir, 'body', body);
    const ok = await openssl(['dgst', '-sha256', '-verify', pubFile, '-signature', sigFile, bodyFile]);
    expect(ok.stdout + ok.stderr).toContain('Verified OK');
    expect(ok.code).toBe(0);
    const key = await openssl(['pkey', '-pubin', '-in', pubFile, '-noout', '-text']);
    expect(key.stdout).toMatch(/prime256v1|P-256/);

    const tampered = Buffer.from(body);
    const at = body.indexOf(allowed.serial);
    tampered[at] = tampered[at] === 0x61 ? 0x62 : 0x61;
    const bad = await openssl(['dgst', '-sha256', '-verify', pubFile, '-signature', sigFile, write(dir, 'tampered', tampered)]);
    expect(bad.code).not.toBe(0);
    expect(bad.stdout + bad.stderr).toContain('Verification failure');

    // the same key signs the next one (stored, not made again); the technicians read it too, another gateway may not
    const next = await t.http().get(`/api/v1/vpn/gateways/${gw[g].id}/allow-list`).set(auth(tech)).expect(200);
    const nextBody = next.text.slice(0, next.text.lastIndexOf('signature '));
    const nextSig = write(dir, 'next.bin', Buffer.from(next.text.slice(next.text.lastIndexOf('signature ') + 10).trim(), 'base64'));
    expect((await openssl(['dgst', '-sha256', '-verify', pubFile, '-signature', nextSig, write(dir, 'next-body', nextBody)])).code).toBe(0);
    expect(await countRows(t, 'pki_signing_keys')).toBe(1);
    const foreign = otherDipendenti(gw[g].id);
    expect((await t.http().get(`/api/v1/vpn/gateways/${gw[g].id}/allow-list`).set(auth(credential[foreign]))).status).toBe(403);
  });
});
