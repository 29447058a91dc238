import { JobRegistry } from '../../../src/jobs/job-registry';
import { Schedules } from '../../../src/jobs/schedules';
import { CertificateEntity } from '../../../src/pki/certificate.entity';
import { VpnReconciler } from '../../../src/vpn/vpn-reconciler.service';
import { VpnRenewalService } from '../../../src/vpn/vpn-renewal.service';
import { createProvisionableEmployee } from '../../factories';
import { auth, startTestApp, TestApp } from '../../helpers/test-app';
import { waitFor } from '../../e2e/offboarding/wait-for';
import { approvedAccount, handOverLaptop, hotlineApi, nowClock, provisionable } from '../../e2e/vpn/vpn-fixtures';
import { inventoryContext } from '../../e2e/inventory/inventory-fixtures';
import { canonicalSerial, listedSerials, makeCsr, openssl, tempDir, write } from '../pki/pki-test-tools';

jest.setTimeout(120_000);

const DAY = 86_400_000;

/**
 * Renewal (the daily job): 30 days before expiry a new certificate for the same key — the key stays on the laptop —
 * the account keeps working, and a later run revokes the old certificate as superseded once the 7-day grace period
 * has passed. And a laptop reported stolen: the PKI revokes its certificates (keyCompromise) and the account
 * follows, back to `approved`, waiting for a certificate for a new laptop.
 */
describe('VPN renewal and stolen laptops', () => {
  const { clock, today } = nowClock();
  let t: TestApp;
  let hotline: string;
  let api: ReturnType<typeof hotlineApi>;
  let dir: string;
  let caFile: string;

  beforeAll(async () => {
    t = await startTestApp({ clock });
    hotline = await t.tokenFor('hotline');
    api = hotlineApi(t, hotline);
    dir = tempDir('rw-vpn-renew-');
    caFile = write(dir, 'ca.pem', (await t.http().get('/pki/ca.pem').expect(200)).text);
  });
  afterAll(() => t.close());

  const pem = async (serial: string) => (await t.dataSource.getRepository(CertificateEntity).findOneByOrFail({ serial })).pem;
  const publicKeyOf = async (certPem: string, name: string) => (await openssl(['x509', '-in', write(dir, `${name}.pem`, certPem), '-noout', '-pubkey'])).stdout;

  it('declares the daily renewal and the reconciliation schedules', () => {
    const schedules = t.get(Schedules).all();
    expect(schedules).toContainEqual({ id: 'vpn-renewal', cron: '40 1 * * *', job: 'vpn.renewal', payload: { trigger: 'schedule' } });
    expect(schedules).toContainEqual({
      id: 'vpn-reconcile-certificates',
      everyMs: 120_000,
      job: 'vpn.reconcile-certificates',
      payload: { trigger: 'schedule' },
    });
  });

  it('renews 30 days before expiry for the same key, and supersedes the old certificate after the grace period', async () => {
    const person = await provisionable(t, today, { username: 'rita.conti' });
    const laptop = await handOverLaptop(t, person.id);
    const account = await approvedAccount(t, hotline, person.id);
    const { keyFile, csrPem } = await makeCsr(dir, 'rita.conti');
    const first = (await api.issue(account.id, { csrPem, stationAssetId: laptop.id }).expect(201)).body.certificate;
    await api.installed(account.id, { activate: true }).expect(200);
    // an employee whose agreement ends before the renewal date is not renewed
    const leaving = await createProvisionableEmployee(t.dataSource, {
      today,
      endDate: new Date(Date.now() + 300 * DAY).toISOString().slice(0, 10),
      employee: { username: 'ugo.sala' },
    });
    const leavingLaptop = await handOverLaptop(t, leaving.employee.id);
    const leavingAccount = await approvedAccount(t, hotline, leaving.employee.id);
    await api.issue(leavingAccount.id, { stationAssetId: leavingLaptop.id, generateKey: true }).expect(201);
    await api.installed(leavingAccount.id, { activate: true }).expect(200);

    const renewal = t.get(VpnRenewalService);
    expect(await renewal.run()).toEqual({ renewed: 0, refused: 0, superseded: 0, failed: 0 }); // not due yet

    clock.advance(340 * DAY); // 25 days before expiry
    const renewedAt = clock.now();
    const run = await renewal.run();
    expect(run).toEqual({ renewed: 1, refused: 1, superseded: 0, failed: 0 });
    const renewed = await api.get(account.id);
    expect(renewed).toMatchObject({ state: 'active', supersededSerial: first.serial, renewedAt: renewedAt.toISOString() });
    expect(renewed.supersedeAfter).toBe(new Date(renewedAt.getTime() + 7 * DAY).toISOString());
    const second = renewed.certificate!;
    expect(second.serial).not.toBe(first.serial);
    expect(second.keyOrigin).toBe('csr');
    expect(Date.parse(second.notAfter)).toBeGreaterThan(Date.parse(first.notAfter));

    // same key as the laptop's; a station certificate openssl accepts (checked at the clock's time)
    const secondPem = await pem(second.serial);
    expect(await publicKeyOf(secondPem, 'rita-2')).toBe(await publicKeyOf(first.certificatePem, 'rita-1'));
    expect(await publicKeyOf(secondPem, 'rita-2b')).toBe((await openssl(['pkey', '-in', keyFile, '-pubout'])).stdout);
    const at = String(Math.floor(clock.now().getTime() / 1000) + 60);
    const verified = await openssl(['verify', '-attime', at, '-purpose', 'sslclient', '-CAfile', caFile, write(dir, 'rita-2c.pem', secondPem)]);
    expect(verified.stdout).toContain(': OK');
    const text = (await openssl(['x509', '-in', write(dir, 'rita-2d.pem', secondPem), '-noout', '-subject', '-ext', 'subjectAltName'])).stdout;
    expect(text).toMatch(/CN\s*=\s*rita\.conti/);
    expect(text).toContain(`URI:urn:asset:${laptop.assetTag}`);
    // the downloadable profile carries the new certificate; the old one still works during the grace period
    const ovpn = (await api.profile(account.id).expect(200)).body.toString('utf8');
    expect(ovpn).toContain(secondPem.trim());
    expect((await t.dataSource.getRepository(CertificateEntity).findOneByOrFail({ serial: first.serial })).status).toBe('valid');
    expect((await t.dataSource.query("SELECT action, summary FROM audit_events WHERE action = 'vpn.account.renew-refused'")).length).toBe(1);
    expect((await api.get(leavingAccount.id)).supersededSerial).toBeNull();

    // the same day again: nothing more to do
    expect(await renewal.run()).toMatchObject({ renewed: 0, superseded: 0, failed: 0 });

    clock.advance(7 * DAY);
    expect(await renewal.run()).toMatchObject({ renewed: 0, superseded: 1, failed: 0 });
    const old = await t.dataSource.getRepository(CertificateEntity).findOneByOrFail({ serial: first.serial });
    expect(old).toMatchObject({ status: 'revoked', revocationReason: 'superseded', supersededBy: second.serial });
    expect(await api.get(account.id)).toMatchObject({
      state: 'active',
      supersededSerial: null,
      supersedeAfter: null,
      certificate: { serial: second.serial, status: 'valid' },
    });
    const crl = (await openssl(['crl', '-in', write(dir, 'crl-renewal.pem', (await t.http().get('/pki/crl.pem').expect(200)).text), '-noout', '-text'])).stdout;
    expect(listedSerials(crl)).toContain(canonicalSerial(first.serial));
    expect(crl).toContain('Superseded');
    expect(await renewal.run()).toMatchObject({ renewed: 0, superseded: 0, failed: 0 });
    // through its job too
    expect(await t.get(JobRegistry).get('vpn.renewal')!.handler({ trigger: 'manual' }, { jobId: 'manual-renewal', attempt: 1 })).toBe('skipped');
    clock.set(new Date(Math.floor(Date.now() / 1000) * 1000));
  });

  it('a laptop reported stolen: certificates revoked (keyCompromise), the account waits for a certificate for a new laptop', async () => {
    const person = await provisionable(t, today, { username: 'dario.fabbri' });
    const laptop = await handOverLaptop(t, person.id);
    const account = await approvedAccount(t, hotline, person.id);
    const issued = (await api.issue(account.id, { stationAssetId: laptop.id, generateKey: true }).expect(201)).body;
    await api.installed(account.id, { activate: true }).expect(200);

    const inv = await inventoryContext(t);
    await t
      .http()
      .post(`/api/v1/assets/${laptop.id}/report`)
      .set(auth(inv.tech))
      .send({ status: 'stolen', note: 'Furto in treno, denuncia presentata' })
      .expect(201);
    // the PKI's handler revokes at once
    await waitFor(async () => ((await api.get(account.id)).certificate?.status === 'revoked' ? true : undefined), 'the certificate revoked');
    expect(await t.dataSource.getRepository(CertificateEntity).findOneByOrFail({ serial: issued.certificate.serial })).toMatchObject({
      revocationReason: 'keyCompromise',
    });

    // the account follows (the reconciliation runs every 2 minutes; here, now)
    expect(await t.get(VpnReconciler).run()).toBe(1);
    const after = await api.get(account.id);
    expect(after).toMatchObject({ state: 'approved', certificate: null, stationAssetId: null, certificateLostReason: 'keyCompromise' });
    expect(after.gateway).not.toBeNull();
    expect(
      await t.dataSource.query(`SELECT job_id FROM outbox WHERE job_name = 'vpn.group-remove' AND job_id = 'vpn-group-remove-${account.id}-v5'`),
    ).toHaveLength(1);
    expect(await t.get(VpnReconciler).run()).toBe(0); // idempotent
    expect((await api.profile(account.id).expect(409)).body.toString('utf8')).toContain('VPN_ACCOUNT_HAS_NO_CERTIFICATE');

    // a new laptop, a new certificate: the account works again
    const replacement = await handOverLaptop(t, person.id);
    const again = (await api.issue(account.id, { stationAssetId: replacement.id, generateKey: true }).expect(201)).body;
    expect(again.account).toMatchObject({ state: 'issued', stationAssetId: replacement.id });
    await api.installed(account.id, { activate: true }).expect(200);
    expect((await api.get(account.id)).state).toBe('active');
  });

  it('a certificate revoked through the PKI API is noticed the same way; a suspended account stays suspended', async () => {
    const person = await provisionable(t, today, { username: 'nora.villa' });
    const laptop = await handOverLaptop(t, person.id);
    const account = await approvedAccount(t, hotline, person.id);
    const issued = (await api.issue(account.id, { stationAssetId: laptop.id, generateKey: true }).expect(201)).body;
    await api.installed(account.id, { activate: true }).expect(200);
    await api.suspend(account.id).expect(200);
    await t.http().post(`/api/v1/certificates/${issued.certificate.serial}/revoke`).set(auth(hotline)).send({ reason: 'unspecified' }).expect(200);
    expect(await t.get(VpnReconciler).reconcile(account.id)).toBe(true);
    expect(await api.get(account.id)).toMatchObject({ state: 'suspended', certificate: null, certificateLostReason: 'unspecified' });
    // resuming gives no certificate back: approved, waiting for a new one
    expect(await (await api.resume(account.id).expect(200)).body).toMatchObject({ state: 'approved', certificate: null });
  });
});
