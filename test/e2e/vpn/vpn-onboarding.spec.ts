import * as fs from 'node:fs';
import * as path from 'node:path';
import { createEmployee, makeEligible } from '../../factories';
import { auth, startTestApp, TestApp } from '../../helpers/test-app';
import { makeCsr, openssl, tempDir, write } from '../../integration/pki/pki-test-tools';
import { auditActions, countRows } from '../inventory/inventory-fixtures';
import { approvedAccount, declarePersonalLaptop, handOverLaptop, hotlineApi, laptopInStock, nowClock, provisionable } from './vpn-fixtures';

// real openssl processes and RSA key generation on a 2-core machine shared with other suites
jest.setTimeout(120_000);

/**
 * The hot-line onboarding of a remote worker, end to end over HTTP: an employee with an agreement in force and a
 * laptop handed over; request, approval (placed on a gateway), certificate from a CSR made by openssl (and, for a
 * second worker, with a key made by the service), the .ovpn, installation and activation. Every certificate is
 * checked by the real openssl.
 */
describe('VPN onboarding through the hot-line API', () => {
  const { clock, today } = nowClock();
  let t: TestApp;
  let hotline: string;
  let api: ReturnType<typeof hotlineApi>;
  let dir: string;
  let caFile: string;

  beforeAll(async () => {
    t = await startTestApp({ clock, env: { MUNICIPALITY_NAME: 'Comune di Prato' } });
    hotline = await t.tokenFor('hotline', 'Sara Neri');
    api = hotlineApi(t, hotline);
    dir = tempDir('rw-vpn-e2e-');
    caFile = write(dir, 'ca.pem', (await t.http().get('/pki/ca.pem').expect(200)).text);
  });
  afterAll(() => t.close());

  const verifyClient = async (pem: string, name: string) => {
    const file = write(dir, `${name}.pem`, pem);
    const r = await openssl(['verify', '-purpose', 'sslclient', '-CAfile', caFile, file]);
    expect(`${r.stdout}${r.stderr}`).toContain(': OK');
    expect(r.code).toBe(0);
    return file;
  };

  it('lists the configured profiles and the gateways seeded for Prato', async () => {
    const profiles = (await t.http().get('/api/v1/vpn/profiles').set(auth(hotline)).expect(200)).body;
    expect(profiles.map((p: { name: string }) => p.name)).toEqual(['dipendenti', 'tecnici']);
    expect(profiles[0]).toMatchObject({ gateways: ['vpn1', 'vpn2', 'vpn3'], dns: { domain: 'comune.prato.it' } });
    const gateways = (
      await t
        .http()
        .get('/api/v1/vpn/gateways')
        .set(auth(await t.tokenFor('rtd')))
        .expect(200)
    ).body;
    const dipendenti = gateways.filter((g: { profile: string }) => g.profile === 'dipendenti');
    expect(dipendenti.map((g: { host: string }) => g.host)).toEqual(['vpn1.comune.prato.it', 'vpn2.comune.prato.it', 'vpn3.comune.prato.it']);
    expect(dipendenti.reduce((s: number, g: { capacity: number }) => s + g.capacity, 0)).toBeGreaterThanOrEqual(600);
    expect(gateways.every((g: { source: string; enabled: boolean }) => g.source === 'config' && g.enabled)).toBe(true);
  });

  it('onboards a worker from a CSR made on the laptop: request, approve, certificate, profile, installed, active', async () => {
    const person = await provisionable(t, today, { username: 'giulia.verdi', remoteDaysPerWeek: 3 });
    const laptop = await handOverLaptop(t, person.id);

    const created = await api.create(person.id).expect(201);
    expect(created.body).toMatchObject({ state: 'requested', username: 'giulia.verdi', profile: 'dipendenti', gateway: null, certificate: null });
    const dup = await api.create(person.id).expect(409);
    expect(dup.body.error.code).toBe('VPN_ACCOUNT_EXISTS');
    const id = created.body.id;

    const approved = (await api.approve(id).expect(200)).body;
    expect(approved).toMatchObject({ state: 'approved', remoteDaysPerWeek: 3, expectedSessions: 0.6 });
    expect(['vpn1', 'vpn2', 'vpn3']).toContain(approved.gateway.name);

    const { keyFile, csrPem } = await makeCsr(dir, 'giulia.verdi');
    const issued = await api.issue(id, { csrPem, stationAssetId: laptop.id }).expect(201);
    expect(issued.headers['cache-control']).toBe('no-store');
    expect(issued.body).toMatchObject({ pkcs12Base64: null, oneTimePassword: null, keyInline: false, openvpnProfileFileName: 'giulia.verdi.ovpn' });
    expect(issued.body.account).toMatchObject({
      state: 'issued',
      stationAssetId: laptop.id,
      stationAssetTag: laptop.assetTag,
      certificate: { keyOrigin: 'csr', status: 'valid' },
    });
    const certFile = await verifyClient(issued.body.certificate.certificatePem, 'giulia');
    const text = (await openssl(['x509', '-in', certFile, '-noout', '-subject', '-ext', 'subjectAltName,extendedKeyUsage'])).stdout;
    expect(text).toMatch(/CN\s*=\s*giulia\.verdi/);
    expect(text).toContain(`URI:urn:asset:${laptop.assetTag}`);
    expect(text).toContain('TLS Web Client Authentication');
    // the certificate carries the laptop's key: the one openssl made
    const certKey = (await openssl(['x509', '-in', certFile, '-noout', '-pubkey'])).stdout;
    const laptopKey = (await openssl(['pkey', '-in', keyFile, '-pubout'])).stdout;
    expect(certKey).toBe(laptopKey);

    const profile = await api.profile(id).expect(200);
    expect(profile.headers['content-type']).toMatch(/^application\/x-openvpn-profile/);
    expect(profile.headers['content-disposition']).toBe('attachment; filename="giulia.verdi.ovpn"');
    const ovpn = profile.body.toString('utf8');
    for (const line of ['client', 'dev tun', `remote ${approved.gateway.host} 1194 udp`, 'remote-cert-tls server', 'key giulia.verdi.key']) {
      expect(ovpn.split('\n')).toContain(line);
    }
    // the routes, the address and the DNS are pushed by the gateway when the laptop connects: none written here, none refused
    expect(ovpn.split('\n').filter((l: string) => /^(route|route-nopull|pull-filter|ifconfig|dhcp-option|redirect-gateway)\b/.test(l))).toEqual([]);
    expect(ovpn).toContain(`<cert>\n${issued.body.certificate.certificatePem.trim()}\n</cert>`);
    expect(ovpn).toContain('<ca>\n-----BEGIN CERTIFICATE-----');
    expect(ovpn).not.toContain('<key>');
    expect(ovpn).not.toContain('PRIVATE KEY');

    expect((await api.activate(id).expect(409)).body.error.code).toBe('VPN_ACCOUNT_STATE_CONFLICT');
    expect((await api.installed(id).expect(200)).body).toMatchObject({ state: 'installed' });
    const active = (await api.activate(id).expect(200)).body;
    expect(active).toMatchObject({ state: 'active', certificate: { status: 'valid' } });
    expect(active.activatedAt).toBe(clock.nowIso());

    const listed = await t.http().get(`/api/v1/vpn/accounts?employeeId=${person.id}`).set(auth(hotline)).expect(200);
    expect(listed.body.items.map((a: { id: string; state: string }) => [a.id, a.state])).toEqual([[id, 'active']]);
    const actions = await auditActions(t);
    for (const a of [
      'vpn.account.requested',
      'vpn.account.approved',
      'certificate.issued',
      'vpn.account.certificate-issued',
      'vpn.account.installed',
      'vpn.account.activated',
    ])
      expect(actions).toContain(a);
  });

  it('onboards a worker with a key made by the service: PKCS#12 opens with OpenSSL 3 (no -legacy), every .ovpn carries the same <pkcs12>, no key in clear', async () => {
    const person = await provisionable(t, today, { username: 'marco.bianchi' });
    const laptop = await handOverLaptop(t, person.id);
    const account = await approvedAccount(t, hotline, person.id);
    const res = await api.issue(account.id, { stationAssetId: laptop.id, generateKey: true }).expect(201);
    const body = res.body;
    expect(body.keyInline).toBe(true);
    expect(body.oneTimePassword).toMatch(/^[A-Za-z2-9]{22}$/);
    const p12 = path.join(dir, 'marco.p12');
    fs.writeFileSync(p12, Buffer.from(body.pkcs12Base64, 'base64'));
    const opened = await openssl(['pkcs12', '-in', p12, '-passin', `pass:${body.oneTimePassword}`, '-nodes']);
    expect(opened.code).toBe(0);
    expect(opened.stdout).toContain('BEGIN PRIVATE KEY');
    expect(opened.stdout).toContain(body.certificate.certificatePem.trim().split('\n')[1]);
    const wrong = await openssl(['pkcs12', '-in', p12, '-passin', 'pass:wrong-password', '-nodes']);
    expect(wrong.code).not.toBe(0);
    await verifyClient(body.certificate.certificatePem, 'marco');
    expect(body.account.certificate.keyOrigin).toBe('generated');
    const inlineP12 = (profile: string) => /<pkcs12>\n([\s\S]+?)\n<\/pkcs12>/.exec(profile)?.[1].replace(/\n/g, '');
    expect(inlineP12(body.openvpnProfile)).toBe(body.pkcs12Base64);
    expect(body.openvpnProfile).not.toMatch(/PRIVATE KEY|<key>|<cert>|\nkey /);

    // a later download carries the same PKCS#12 (kept sealed by the one-time password, which is never stored)
    const later = (await api.profile(account.id).expect(200)).body.toString('utf8');
    expect(inlineP12(later)).toBe(body.pkcs12Base64);
    expect(later).not.toMatch(/PRIVATE KEY|<key>|\nkey /);
    const rows: { summary: string }[] = await t.dataSource.query('SELECT summary FROM audit_events');
    const everything = rows.map((r) => r.summary).join('\n');
    expect(everything).not.toContain(body.oneTimePassword);
    expect(everything).not.toContain('PRIVATE KEY');
    const stored =
      JSON.stringify(await t.dataSource.query(`SELECT * FROM vpn_accounts WHERE id = '${account.id}'`)) +
      JSON.stringify(await t.dataSource.query('SELECT * FROM station_key_packages'));
    expect(stored).not.toContain(body.oneTimePassword);
    expect(stored).not.toMatch(/BEGIN (RSA )?PRIVATE KEY/);
  });

  it('refuses an employee without an agreement: 422 GATE_REFUSED with the codes, nothing changed but the audit entry', async () => {
    const employee = await createEmployee(t.dataSource, { username: 'senza.accordo' });
    await makeEligible(t.dataSource, employee);
    const created = (await api.create(employee.id).expect(201)).body;
    const before = await countRows(t, 'audit_events');
    const refused = await api.approve(created.id).expect(422);
    expect(refused.body.error).toMatchObject({ code: 'GATE_REFUSED', details: { employeeId: employee.id, refusals: ['AGREEMENT_MISSING'] } });
    expect(await api.get(created.id)).toMatchObject({ state: 'requested', gateway: null, version: 1 });
    expect(await countRows(t, 'audit_events')).toBe(before + 1);
    const [last] = await t.dataSource.query('SELECT action, summary FROM audit_events ORDER BY seq DESC LIMIT 1');
    expect(last.action).toBe('vpn.account.approve-refused');
    expect(JSON.parse(last.summary)).toMatchObject({ code: 'GATE_REFUSED', refusals: ['AGREEMENT_MISSING'] });
  });

  it('refuses a laptop the employee does not hold, and a docking station, and writes no certificate', async () => {
    const person = await provisionable(t, today, { username: 'anna.rossi' });
    const colleague = await provisionable(t, today);
    const theirs = await handOverLaptop(t, colleague.id);
    const shelf = await laptopInStock(t);
    const account = await approvedAccount(t, hotline, person.id);
    const { csrPem } = await makeCsr(dir, 'anna.rossi');
    const certificates = await countRows(t, 'certificates');

    for (const station of [theirs, shelf]) {
      const res = await api.issue(account.id, { csrPem, stationAssetId: station.id }).expect(422);
      expect(res.body.error.code).toBe('STATION_NOT_HELD_BY_EMPLOYEE');
    }
    const inv = await import('../inventory/inventory-fixtures');
    const ctx = await inv.inventoryContext(t);
    const dockModel = await inv.createModel(ctx, 'docking_station', inv.unique('Dock '));
    const dock = await inv.createAsset(ctx, dockModel.id);
    await t
      .http()
      .post('/api/v1/handovers')
      .set(auth(ctx.tech))
      .send({ employeeId: person.id, assetIds: [dock.id] })
      .expect(201);
    expect((await api.issue(account.id, { csrPem, stationAssetId: dock.id }).expect(422)).body.error.code).toBe('STATION_NOT_A_LAPTOP');
    expect((await api.issue(account.id, { csrPem, stationAssetId: '00000000-0000-4000-8000-000000000000' }).expect(404)).body.error.code).toBe(
      'STATION_NOT_FOUND',
    );

    expect(await countRows(t, 'certificates')).toBe(certificates);
    expect(await api.get(account.id)).toMatchObject({ state: 'approved', certificate: null });
    expect((await auditActions(t)).filter((a) => a === 'vpn.account.issue-refused').length).toBeGreaterThanOrEqual(3);
  });

  it('binds a certificate to a personal laptop the employee declared (registered as an asset they hold)', async () => {
    const person = await provisionable(t, today, { username: 'elena.costa' });
    const personal = await declarePersonalLaptop(t, person.id);
    const account = await approvedAccount(t, hotline, person.id);
    const { csrPem } = await makeCsr(dir, 'elena.costa');
    const issued = (await api.issue(account.id, { csrPem, stationAssetId: personal.id }).expect(201)).body;
    expect(issued.account).toMatchObject({ state: 'issued', stationAssetId: personal.id, stationAssetTag: personal.assetTag });
    await verifyClient(issued.certificate.certificatePem, 'elena');
  });

  it('refuses a CSR for someone else, a weak key, and a request with both a CSR and generateKey', async () => {
    const person = await provisionable(t, today, { username: 'luca.neri' });
    const laptop = await handOverLaptop(t, person.id);
    const account = await approvedAccount(t, hotline, person.id);
    const other = await makeCsr(dir, 'someone.else');
    expect((await api.issue(account.id, { csrPem: other.csrPem, stationAssetId: laptop.id })).body.error.code).toBe('CSR_SUBJECT_MISMATCH');
    const weak = await makeCsr(dir, 'luca.neri', 1024, 'luca-weak');
    expect((await api.issue(account.id, { csrPem: weak.csrPem, stationAssetId: laptop.id })).body.error.code).toBe('CSR_KEY_TOO_WEAK');
    const both = await api.issue(account.id, { csrPem: other.csrPem, generateKey: true, stationAssetId: laptop.id }).expect(400);
    expect(both.body.error.code).toBe('CSR_OR_GENERATED_KEY_REQUIRED');
    expect(await api.get(account.id)).toMatchObject({ state: 'approved', certificate: null });
  });

  it('suspends (certificate on hold, on the CRL), resumes (hold lifted), and revokes for good (CRL, openssl refuses it)', async () => {
    const person = await provisionable(t, today, { username: 'paola.gialli' });
    const laptop = await handOverLaptop(t, person.id);
    const account = await approvedAccount(t, hotline, person.id);
    const issued = (await api.issue(account.id, { stationAssetId: laptop.id, generateKey: true }).expect(201)).body;
    await api.installed(account.id, { activate: true }).expect(200);
    const certFile = write(dir, 'paola.pem', issued.certificate.certificatePem);
    const checkWithCrl = async () => {
      const crlFile = write(dir, `crl-${Date.now()}.pem`, (await t.http().get('/pki/crl.pem').expect(200)).text);
      return openssl(['verify', '-crl_check', '-CAfile', caFile, '-CRLfile', crlFile, certFile]);
    };
    expect((await checkWithCrl()).code).toBe(0);

    const suspended = (await api.suspend(account.id).expect(200)).body;
    expect(suspended).toMatchObject({
      state: 'suspended',
      suspendedFrom: 'active',
      suspensionReason: 'Congedo di tre mesi',
      certificate: { status: 'on_hold' },
    });
    const held = await checkWithCrl();
    expect(held.code).not.toBe(0);
    expect(held.stdout + held.stderr).toMatch(/certificate revoked/);

    const resumed = (await api.resume(account.id).expect(200)).body;
    expect(resumed).toMatchObject({ state: 'active', suspendedFrom: null, certificate: { status: 'valid' } });
    expect((await checkWithCrl()).code).toBe(0);

    const revoked = (await api.revoke(account.id, 'privilegeWithdrawn').expect(200)).body;
    expect(revoked).toMatchObject({ state: 'revoked', revocationReason: 'privilegeWithdrawn', certificate: { status: 'revoked' } });
    expect((await checkWithCrl()).code).not.toBe(0);
    expect((await api.resume(account.id).expect(409)).body.error.code).toBe('VPN_ACCOUNT_STATE_CONFLICT');
    // the slot is free again: a new request for the same profile is accepted
    await api.create(person.id).expect(201);
  });

  it('a replacement laptop: the new certificate supersedes the old one at once, and the account is installed again', async () => {
    const person = await provisionable(t, today, { username: 'sergio.riva' });
    const first = await handOverLaptop(t, person.id);
    const account = await approvedAccount(t, hotline, person.id);
    const old = (await api.issue(account.id, { stationAssetId: first.id, generateKey: true }).expect(201)).body.certificate;
    await api.installed(account.id, { activate: true }).expect(200);
    const second = await handOverLaptop(t, person.id);
    const replaced = (await api.issue(account.id, { stationAssetId: second.id, generateKey: true }).expect(201)).body;
    expect(replaced.account).toMatchObject({ state: 'issued', stationAssetId: second.id, installedAt: null, activatedAt: null });
    const oldRow = (await t.http().get(`/api/v1/certificates/${old.serial}`).set(auth(hotline)).expect(200)).body;
    expect(oldRow).toMatchObject({ status: 'revoked', revocationReason: 'superseded', supersededBy: replaced.certificate.serial });
    expect(await countRows(t, 'outbox', `job_name = 'vpn.group-remove' AND job_id = 'vpn-group-remove-${account.id}-v5'`)).toBe(1);
  });

  it('lists accounts newest first with a cursor, filtered by state or gateway', async () => {
    const page1 = (await t.http().get('/api/v1/vpn/accounts?limit=3').set(auth(hotline)).expect(200)).body;
    expect(page1.items).toHaveLength(3);
    expect(page1.nextCursor).toEqual(expect.any(String));
    const page2 = (await t.http().get(`/api/v1/vpn/accounts?limit=3&cursor=${page1.nextCursor}`).set(auth(hotline)).expect(200)).body;
    const ids1 = page1.items.map((a: { id: string }) => a.id);
    expect(page2.items.some((a: { id: string }) => ids1.includes(a.id))).toBe(false);
    const created = [...page1.items, ...page2.items].map((a: { createdAt: string }) => a.createdAt);
    expect([...created].sort().reverse()).toEqual(created);
    const active = (await t.http().get('/api/v1/vpn/accounts?state=active&limit=200').set(auth(hotline)).expect(200)).body.items;
    expect(active.length).toBeGreaterThan(0);
    expect(active.every((a: { state: string }) => a.state === 'active')).toBe(true);
    const gatewayId = active[0].gateway.id;
    const onGateway = (await t.http().get(`/api/v1/vpn/accounts?gatewayId=${gatewayId}&limit=200`).set(auth(hotline)).expect(200)).body.items;
    expect(onGateway.every((a: { gateway: { id: string } }) => a.gateway.id === gatewayId)).toBe(true);
    expect((await t.http().get('/api/v1/vpn/accounts?cursor=nonsense').set(auth(hotline)).expect(400)).body.error.code).toBe('INVALID_CURSOR');
    expect((await t.http().get('/api/v1/vpn/accounts?state=sleeping').set(auth(hotline)).expect(400)).body.error.code).toBe('VALIDATION_FAILED');
  });

  it('gives each route its role rule: the hot-line runs accounts, admins edit gateways, technicians see neither', async () => {
    const tech = await t.tokenFor('technician');
    await t.http().post('/api/v1/vpn/accounts').set(auth(tech)).send({ employeeId: '00000000-0000-4000-8000-000000000000', profile: 'dipendenti' }).expect(403);
    await t.http().get('/api/v1/vpn/gateways/load').set(auth(tech)).expect(403);
    await t
      .http()
      .post('/api/v1/vpn/gateways')
      .set(auth(hotline))
      .send({ name: 'vpn9', host: 'vpn9.comune.prato.it', profile: 'dipendenti', capacity: 10 })
      .expect(403);
    const created = await t
      .http()
      .post('/api/v1/vpn/gateways')
      .set(auth(t.adminToken))
      .send({ name: 'vpn4', host: 'vpn4.comune.prato.it', profile: 'dipendenti', capacity: 100 })
      .expect(201);
    expect(created.body).toMatchObject({ name: 'vpn4', port: 1194, proto: 'udp', enabled: true, source: 'api' });
    expect(
      (
        await t
          .http()
          .post('/api/v1/vpn/gateways')
          .set(auth(t.adminToken))
          .send({ name: 'vpn4', host: 'x.example', profile: 'dipendenti', capacity: 1 })
          .expect(409)
      ).body.error.code,
    ).toBe('GATEWAY_NAME_TAKEN');
    expect(
      (
        await t
          .http()
          .post('/api/v1/vpn/gateways')
          .set(auth(t.adminToken))
          .send({ name: 'vpn5', host: 'x.example', profile: 'ospiti', capacity: 1 })
          .expect(400)
      ).body.error.code,
    ).toBe('UNKNOWN_VPN_PROFILE');
    const patched = await t.http().patch(`/api/v1/vpn/gateways/${created.body.id}`).set(auth(t.adminToken)).send({ capacity: 120, enabled: false }).expect(200);
    expect(patched.body).toMatchObject({ capacity: 120, enabled: false, version: 2 });
    await t.http().post('/api/v1/vpn/accounts').set(auth(hotline)).send({ employeeId: '00000000-0000-4000-8000-000000000000', profile: 'ospiti' }).expect(400);
    expect((await t.http().get('/api/v1/vpn/accounts/not-a-uuid').set(auth(hotline)).expect(400)).body.error.code).toBe('INVALID_ID');
  });
});
