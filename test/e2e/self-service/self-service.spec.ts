import { CertificateEntity } from '../../../src/pki/certificate.entity';
import { VpnReconciler } from '../../../src/vpn/vpn-reconciler.service';
import { auth, startTestApp, TestApp } from '../../helpers/test-app';
import { binaryParser, inventoryContext } from '../inventory/inventory-fixtures';
import { waitFor } from '../offboarding/wait-for';
import { Account, approvedAccount, handOverLaptop, hotlineApi, nowClock, Person, provisionable } from '../vpn/vpn-fixtures';
import { employeeSession } from './self-service-fixtures';

jest.setTimeout(120_000);

/**
 * The employee's own records through /api/v1/me: only theirs (the id comes from the session, never the URL), the
 * receipt and the .ovpn the owners give, and a stolen laptop reported by its holder revoking its certificate at once.
 */
describe('self-service: /api/v1/me', () => {
  const { clock, today } = nowClock();
  let t: TestApp;
  let hotline: string;
  let api: ReturnType<typeof hotlineApi>;
  let elena: Person, paolo: Person;
  let elenaLaptop: { id: string; assetTag: string }, paoloLaptop: { id: string; assetTag: string };
  let elenaAccount: Account, paoloAccount: Account;
  let elenaToken: string, paoloToken: string;
  let tech: string;

  const me = (token: string) => t.http().get('/api/v1/me').set(auth(token));
  const file = (token: string, url: string) => t.http().get(url).set(auth(token)).buffer(true).parse(binaryParser);
  const asset = async (id: string) => (await t.http().get(`/api/v1/assets/${id}`).set(auth(tech)).expect(200)).body;

  beforeAll(async () => {
    t = await startTestApp({ clock });
    hotline = await t.tokenFor('hotline');
    api = hotlineApi(t, hotline);
    tech = (await inventoryContext(t)).tech;
    elena = await provisionable(t, today, { username: 'elena.neri' });
    paolo = await provisionable(t, today, { username: 'paolo.riva' });
    elenaLaptop = await handOverLaptop(t, elena.id);
    paoloLaptop = await handOverLaptop(t, paolo.id);
    elenaAccount = await approvedAccount(t, hotline, elena.id);
    paoloAccount = await approvedAccount(t, hotline, paolo.id);
    await api.issue(elenaAccount.id, { stationAssetId: elenaLaptop.id, generateKey: true }).expect(201);
    await api.installed(elenaAccount.id, { activate: true }).expect(200);
    await api.issue(paoloAccount.id, { stationAssetId: paoloLaptop.id, generateKey: true }).expect(201);
    elenaToken = await employeeSession(t, elena.id, 'elena.neri');
    paoloToken = await employeeSession(t, paolo.id, 'paolo.riva');
  });
  afterAll(() => t.close());

  it('shows the employee their agreement, safety notice, devices, receipts and VPN account, and nobody else’s', async () => {
    const body = (await me(elenaToken).expect(200)).body;
    expect(body.employee).toMatchObject({ id: elena.id, service: { code: expect.any(String), name: expect.any(String) } });
    expect(body.agreements).toHaveLength(1);
    expect(body.agreements[0]).toMatchObject({ state: 'active', stateLabel: 'In vigore', inForceToday: true, remoteDaysPerWeek: 2 });
    expect(body.agreements[0].employeeSignedAt).toEqual(expect.any(String));
    // special-category data and reasons stay out, field by field
    for (const key of ['withdrawal', 'suspension', 'basis', 'noticeDays', 'objectives']) expect(body.agreements[0]).not.toHaveProperty(key);
    // the factory delivers the notice today: it holds 12 months, up to the day before
    expect(body.safetyNotice).toMatchObject({ agreementId: body.agreements[0].id, status: 'valid', statusLabel: 'Valida', deliveredOn: today });
    expect(body.safetyNotice.validUntil < body.safetyNotice.expiresOn).toBe(true);
    expect(body.safetyNotice.expiresOn.slice(0, 4)).toBe(String(Number(today.slice(0, 4)) + 1));

    const handoverId = (await asset(elenaLaptop.id)).currentHandoverId;
    expect(body.devices).toEqual([
      expect.objectContaining({
        id: elenaLaptop.id,
        kind: 'laptop',
        kindLabel: 'Portatile',
        assetTag: elenaLaptop.assetTag,
        handoverId,
        since: expect.any(String),
      }),
    ]);
    expect(body.receipts).toEqual([expect.objectContaining({ handoverId, itemsCount: 1, receiptUrl: `/api/v1/me/receipts/${handoverId}` })]);
    expect(body.vpnAccounts).toHaveLength(1);
    const account = body.vpnAccounts[0];
    expect(account).toMatchObject({ id: elenaAccount.id, state: 'active', stateLabel: 'Attivo', profile: 'dipendenti', profileAvailable: true });
    expect(account.certificate).toMatchObject({ status: 'valid', statusLabel: 'Valido' });
    expect(Date.parse(account.certificate.notAfter)).toBeGreaterThan(Date.parse(account.certificate.notBefore));

    const text = JSON.stringify(body);
    for (const foreign of [paolo.id, paoloLaptop.id, paoloLaptop.assetTag, paoloAccount.id]) expect(text).not.toContain(foreign);
    for (const secret of ['PRIVATE KEY', 'pkcs12', 'BEGIN CERTIFICATE']) expect(text).not.toContain(secret);

    // Paolo sees his own: an issued account not yet installed
    const his = (await me(paoloToken).expect(200)).body;
    expect(his.devices.map((d: { id: string }) => d.id)).toEqual([paoloLaptop.id]);
    expect(his.vpnAccounts[0]).toMatchObject({ id: paoloAccount.id, state: 'issued', stateLabel: 'Certificato emesso' });
  });

  it('refuses /api/v1/me to other roles and to an employee-role session that is no employee', async () => {
    expect((await me(hotline).expect(403)).body.error.code).toBe('FORBIDDEN');
    expect((await me(tech).expect(403)).body.error.code).toBe('FORBIDDEN');
    const noSubject = await t.tokenFor('employee');
    for (const url of ['/api/v1/me', '/api/v1/me/vpn/openvpn-profile']) {
      expect((await t.http().get(url).set(auth(noSubject)).expect(403)).body.error.code).toBe('NOT_AN_EMPLOYEE');
    }
    await t.http().get('/api/v1/me').expect(401);
  });

  it('gives the document of their own agreement only, the same as HR’s', async () => {
    const [own] = (await me(elenaToken).expect(200)).body.agreements;
    expect(own.documentUrl).toBe(`/api/v1/me/agreements/${own.id}/document`);
    const res = await file(elenaToken, own.documentUrl).expect(200);
    expect(res.headers['content-type']).toContain('application/pdf');
    const hr = await file(await t.tokenFor('hr'), `/api/v1/agreements/${own.id}/document.pdf`).expect(200);
    expect(res.body.equals(hr.body)).toBe(true);
    const [his] = (await me(paoloToken).expect(200)).body.agreements;
    const refused = await t.http().get(`/api/v1/me/agreements/${his.id}/document`).set(auth(elenaToken)).expect(404);
    expect(refused.body.error.code).toBe('AGREEMENT_NOT_FOUND');
  });

  it('gives the receipt of their own handover only', async () => {
    const own = (await asset(elenaLaptop.id)).currentHandoverId;
    const res = await file(elenaToken, `/api/v1/me/receipts/${own}`).expect(200);
    expect(res.headers['content-type']).toContain('application/pdf');
    expect(res.body.subarray(0, 5).toString()).toBe('%PDF-');
    // byte for byte the technician's copy
    const technicians = await t.http().get(`/api/v1/handovers/${own}/receipt.pdf`).set(auth(tech)).buffer(true).parse(binaryParser).expect(200);
    expect(res.body.equals(technicians.body)).toBe(true);

    const foreign = (await asset(paoloLaptop.id)).currentHandoverId;
    expect((await t.http().get(`/api/v1/me/receipts/${foreign}`).set(auth(elenaToken)).expect(404)).body.error.code).toBe('HANDOVER_NOT_FOUND');
    expect((await t.http().get('/api/v1/me/receipts/not-a-uuid').set(auth(elenaToken)).expect(400)).body.error.code).toBe('INVALID_ID');
  });

  it('gives their .ovpn with no key of any kind (the hot-line’s copy carries the PKCS#12); not another employee’s', async () => {
    const res = await file(elenaToken, '/api/v1/me/vpn/openvpn-profile').expect(200);
    expect(res.headers['content-disposition']).toBe('attachment; filename="elena.neri.ovpn"');
    const ovpn = res.body.toString('utf8');
    expect(ovpn).toContain('<ca>');
    expect(ovpn).toContain('<cert>');
    expect(ovpn).toMatch(/^key \S+$/m);
    for (const keyMaterial of ['<pkcs12>', '<key>', 'PRIVATE KEY']) expect(ovpn).not.toContain(keyMaterial);
    const hotline = (await api.profile(elenaAccount.id).expect(200)).body.toString('utf8');
    expect(hotline).toContain('<pkcs12>');
    // the same gateway, CA and settings as the hot-line's file
    const lines = (text: string) => text.split('\n').filter((l) => /^(remote|proto|dev|verify-x509-name|remote-cert-tls) /.test(l));
    expect(lines(ovpn)).toEqual(lines(hotline));
    expect(lines(ovpn).some((l) => l.startsWith('remote '))).toBe(true);
    expect(ovpn.slice(ovpn.indexOf('<ca>'), ovpn.indexOf('</ca>'))).toBe(hotline.slice(hotline.indexOf('<ca>'), hotline.indexOf('</ca>')));
    expect((await file(elenaToken, `/api/v1/me/vpn/openvpn-profile?accountId=${elenaAccount.id}`).expect(200)).body.toString('utf8')).toBe(ovpn);

    const foreign = await t.http().get(`/api/v1/me/vpn/openvpn-profile?accountId=${paoloAccount.id}`).set(auth(elenaToken)).expect(404);
    expect(foreign.body.error.code).toBe('VPN_ACCOUNT_NOT_FOUND');
    expect((await t.http().get('/api/v1/me/vpn/openvpn-profile?accountId=x').set(auth(elenaToken)).expect(400)).body.error.code).toBe('VALIDATION_FAILED');
  });

  it('refuses to report a device they do not hold, and a kind that is not lost or stolen; nothing changes', async () => {
    const report = (token: string, id: string, body: Record<string, unknown>) => t.http().post(`/api/v1/me/devices/${id}/report`).set(auth(token)).send(body);
    expect((await report(elenaToken, paoloLaptop.id, { kind: 'stolen' }).expect(404)).body.error.code).toBe('ASSET_NOT_FOUND');
    for (const body of [{ kind: 'broken' }, { kind: 'in_stock' }, {}, { kind: 'lost', note: 'x' }]) {
      expect((await report(elenaToken, elenaLaptop.id, body).expect(400)).body.error.code).toBe('VALIDATION_FAILED');
    }
    expect((await asset(paoloLaptop.id)).state).toBe('assigned');
    expect(await asset(elenaLaptop.id)).toMatchObject({ state: 'assigned', holderEmployeeId: elena.id, reports: [] });
  });

  it('reports their laptop stolen: custody ends and its certificate is revoked at once, as their page shows', async () => {
    const serial = (await api.get(elenaAccount.id)).certificate!.serial;
    const res = await t
      .http()
      .post(`/api/v1/me/devices/${elenaLaptop.id}/report`)
      .set(auth(elenaToken))
      .send({ kind: 'stolen', note: 'Rubato in treno' })
      .expect(201);
    expect(res.body).toMatchObject({ assetId: elenaLaptop.id, kind: 'stolen', stationCertificatesRevoked: true, closedHandoverId: expect.any(String) });

    const after = await asset(elenaLaptop.id);
    expect(after).toMatchObject({ state: 'stolen', holderEmployeeId: null });
    expect(after.reports[0]).toMatchObject({ status: 'stolen', note: 'Rubato in treno', reportedBy: `employee:${elena.id} (login:elena.neri)` });
    await waitFor(
      async () => ((await t.dataSource.getRepository(CertificateEntity).findOneByOrFail({ serial })).status === 'revoked' ? true : undefined),
      'revoked',
    );
    expect(await t.dataSource.getRepository(CertificateEntity).findOneByOrFail({ serial })).toMatchObject({ revocationReason: 'keyCompromise' });

    const page = (await me(elenaToken).expect(200)).body;
    expect(page.devices).toEqual([]);
    expect(page.vpnAccounts[0].certificate).toMatchObject({ serial, status: 'revoked', statusLabel: 'Revocato' });
    expect(page.vpnAccounts[0]).toMatchObject({ profileAvailable: false, profileUrl: null });

    // once the account follows (reconciliation), it waits for a certificate for a new laptop, and no profile is given
    await t.get(VpnReconciler).run();
    const followed = (await me(elenaToken).expect(200)).body.vpnAccounts[0];
    expect(followed).toMatchObject({ state: 'approved', certificate: null, certificateLostReason: 'keyCompromise', profileAvailable: false });
    expect((await t.http().get('/api/v1/me/vpn/openvpn-profile').set(auth(elenaToken)).expect(409)).body.error.code).toBe('NO_VPN_PROFILE');
    // a device no longer held cannot be reported again
    await t.http().post(`/api/v1/me/devices/${elenaLaptop.id}/report`).set(auth(elenaToken)).send({ kind: 'lost' }).expect(404);
    // Paolo's things are untouched
    expect((await asset(paoloLaptop.id)).state).toBe('assigned');
  });
});
