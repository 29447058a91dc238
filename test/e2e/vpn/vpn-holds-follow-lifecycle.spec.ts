import { createProvisionableEmployee } from '../../factories';
import { waitFor } from '../offboarding/wait-for';
import { auth, startTestApp, TestApp } from '../../helpers/test-app';
import { makeCsr, openssl, tempDir, write } from '../../integration/pki/pki-test-tools';
import { VpnReconciler } from '../../../src/vpn/vpn-reconciler.service';
import { countRows } from '../inventory/inventory-fixtures';
import { approvedAccount, handOverLaptop, hotlineApi, nowClock, Person } from './vpn-fixtures';

// real openssl processes (CSR keys, CRL and OCSP checks) on a 2-core machine shared with other suites
jest.setTimeout(180_000);

/**
 * What a suspension, a hold or a return says holds everywhere (issue 11 item 3), checked by the real openssl
 * against the published CRL and the OCSP responder:
 * - a hold placed by a VPN account's suspension is lifted only by resuming the account (through the gate), never
 *   through POST /certificates/:serial/release-hold;
 * - suspending an agreement suspends the employee's VPN accounts (certificates on hold), resuming it resumes the
 *   accounts it suspended, and only those;
 * - a laptop back from its holder keeps no valid certificate (revoked, cessationOfOperation), and its account
 *   waits for a new certificate.
 */
describe('VPN holds and revocations follow the account, the agreement and the laptop', () => {
  const { clock, today } = nowClock();
  let t: TestApp;
  let hotline: string;
  let hr: string;
  let tech: string;
  let api: ReturnType<typeof hotlineApi>;
  let dir: string;
  let caFile: string;
  let n = 0;

  beforeAll(async () => {
    t = await startTestApp({ clock, env: { MUNICIPALITY_NAME: 'Comune di Prato' } });
    hotline = await t.tokenFor('hotline', 'Sara Neri');
    hr = await t.tokenFor('hr', 'Ufficio Personale');
    tech = await t.tokenFor('technician', 'Luca Bianchi');
    api = hotlineApi(t, hotline);
    dir = tempDir('rw-vpn-holds-');
    caFile = write(dir, 'ca.pem', (await t.http().get('/pki/ca.pem').expect(200)).text);
  });
  afterAll(() => t.close());

  async function employee(username: string): Promise<Person & { agreementId: string }> {
    const { employee, agreement } = await createProvisionableEmployee(t.dataSource, { today, employee: { username } });
    return { id: employee.id, username, agreementId: agreement.id };
  }

  /** An active account with a certificate from a CSR made by openssl, bound to a laptop handed over. */
  async function activeAccount(person: Person, profile = 'dipendenti') {
    const laptop = await handOverLaptop(t, person.id);
    const account = await approvedAccount(t, hotline, person.id, profile);
    const { csrPem } = await makeCsr(dir, person.username, 2048, `${person.username}-${(n += 1)}`);
    const issued = (await api.issue(account.id, { csrPem, stationAssetId: laptop.id }).expect(201)).body;
    await api.installed(account.id, { activate: true }).expect(200);
    const certFile = write(dir, `${person.username}-${n}.pem`, issued.certificate.certificatePem);
    return { id: account.id, serial: issued.certificate.serial as string, certFile, laptop };
  }

  const certificate = async (serial: string) => (await t.http().get(`/api/v1/certificates/${serial}`).set(auth(hotline)).expect(200)).body;

  /** openssl verify against the CRL as published now: 0 when the certificate is accepted. */
  async function crlVerdict(certFile: string): Promise<{ code: number; output: string; listing: string }> {
    const crlFile = write(dir, `crl-${(n += 1)}.pem`, (await t.http().get('/pki/crl.pem').expect(200)).text);
    const r = await openssl(['verify', '-crl_check', '-CAfile', caFile, '-CRLfile', crlFile, certFile]);
    const listing = (await openssl(['crl', '-in', crlFile, '-noout', '-text'])).stdout;
    return { code: r.code, output: r.stdout + r.stderr, listing };
  }

  // openssl prints the DER integer: leading zero bytes dropped, or a 00 added before a high bit; compare without them
  const listed = (listing: string, serial: string) =>
    listing
      .toLowerCase()
      .replace(/serial number: 0*/g, 'serial number: ')
      .includes(`serial number: ${serial.toLowerCase().replace(/^0+/, '')}`);

  /** What the OCSP responder says to openssl ocsp (the response signature verified). */
  async function ocsp(certFile: string): Promise<string> {
    const r = await openssl(['ocsp', '-issuer', caFile, '-cert', certFile, '-url', `${t.url}/pki/ocsp`, '-CAfile', caFile]);
    expect(r.stderr + r.stdout).toContain('Response verify OK');
    return r.stdout;
  }

  const lastAudit = async (): Promise<{ action: string; summary: Record<string, unknown> }> => {
    const [row] = await t.dataSource.query('SELECT action, summary FROM audit_events ORDER BY seq DESC LIMIT 1');
    return { action: row.action, summary: JSON.parse(row.summary) };
  };

  it("refuses to lift a suspended account's hold through the certificates API (409, nothing changed, refusal audited); resuming the account lifts it", async () => {
    const person = await employee('rosa.fabbri');
    const acc = await activeAccount(person);
    expect((await crlVerdict(acc.certFile)).code).toBe(0);

    await api.suspend(acc.id, 'Segnalazione di uso improprio').expect(200);
    expect(await certificate(acc.serial)).toMatchObject({ status: 'on_hold' });

    // the attack: lift the hold through the PKI while the account stays suspended
    const audited = await countRows(t, 'audit_events');
    const refused = await t.http().post(`/api/v1/certificates/${acc.serial}/release-hold`).set(auth(hotline));
    expect(refused.status).toBe(409);
    expect(refused.body.error).toMatchObject({
      code: 'CERTIFICATE_HOLD_OWNED_BY_ACCOUNT',
      details: { vpnAccountId: acc.id, resumeWith: `/api/v1/vpn/accounts/${acc.id}/resume` },
    });
    expect(refused.body.error.message).toContain(`/api/v1/vpn/accounts/${acc.id}/resume`);
    // the refusal is the only trace: one audit entry, the certificate still held, the account still suspended
    expect(await countRows(t, 'audit_events')).toBe(audited + 1);
    expect(await lastAudit()).toMatchObject({ action: 'certificate.release-hold-refused', summary: { code: 'CERTIFICATE_HOLD_OWNED_BY_ACCOUNT' } });
    expect(await certificate(acc.serial)).toMatchObject({ status: 'on_hold', revocationReason: 'certificateHold', holdOwner: 'vpn-account' });
    expect(await api.get(acc.id)).toMatchObject({ state: 'suspended', suspensionCause: 'operator', certificate: { status: 'on_hold' } });
    const held = await crlVerdict(acc.certFile);
    expect(held.code).not.toBe(0);
    expect(held.output).toMatch(/error 23 .*certificate revoked/);
    expect(listed(held.listing, acc.serial)).toBe(true);
    expect(held.listing).toContain('Certificate Hold');
    const during = await ocsp(acc.certFile);
    expect(during).toContain(`${acc.certFile}: revoked`);
    expect(during).toContain('Reason: certificateHold');

    // the way the refusal names: resume the account (gated); the hold is lifted with it
    expect(
      await api
        .resume(acc.id)
        .expect(200)
        .then((r) => r.body),
    ).toMatchObject({ state: 'active', suspensionCause: null, certificate: { status: 'valid' } });
    expect(await certificate(acc.serial)).toMatchObject({ status: 'valid', holdOwner: null });
    const after = await crlVerdict(acc.certFile);
    expect(after.code).toBe(0);
    expect(listed(after.listing, acc.serial)).toBe(false);
    expect(await ocsp(acc.certFile)).toContain(`${acc.certFile}: good`);
  });

  it("suspending the agreement suspends the employee's VPN accounts (certificate on hold, on the CRL); resuming it brings them back", async () => {
    const person = await employee('davide.conti');
    const acc = await activeAccount(person);

    await t.http().post(`/api/v1/agreements/${person.agreementId}/suspend`).set(auth(hr)).send({ reason: 'Riorganizzazione del servizio' }).expect(200);
    expect(await api.get(acc.id)).toMatchObject({ state: 'suspended', certificate: { status: 'on_hold' } });
    expect(await api.get(acc.id)).toMatchObject({
      state: 'suspended',
      suspendedFrom: 'active',
      suspensionCause: 'agreement',
      suspensionAgreementId: person.agreementId,
      suspensionReason: 'agreement suspended',
      certificate: { status: 'on_hold' },
    });
    expect(await certificate(acc.serial)).toMatchObject({ status: 'on_hold', holdOwner: 'vpn-account' });
    const held = await crlVerdict(acc.certFile);
    expect(held.code).not.toBe(0);
    expect(listed(held.listing, acc.serial)).toBe(true);
    expect(await ocsp(acc.certFile)).toContain(`${acc.certFile}: revoked`);
    expect(await countRows(t, 'outbox', `job_name = 'vpn.group-remove' AND payload LIKE '%${acc.id}%'`)).toBeGreaterThanOrEqual(1);

    // while the agreement is suspended nothing brings the access back: not the hot-line's resume (gate), not the PKI
    expect((await api.resume(acc.id).expect(422)).body.error.code).toBe('GATE_REFUSED');
    expect((await t.http().post(`/api/v1/certificates/${acc.serial}/release-hold`).set(auth(hotline)).expect(409)).body.error.code).toBe(
      'CERTIFICATE_HOLD_OWNED_BY_ACCOUNT',
    );

    await t.http().post(`/api/v1/agreements/${person.agreementId}/resume`).set(auth(hr)).send({ note: 'Fine riorganizzazione' }).expect(200);
    expect(await api.get(acc.id)).toMatchObject({ state: 'active', suspensionCause: null, suspensionAgreementId: null, certificate: { status: 'valid' } });
    expect(await certificate(acc.serial)).toMatchObject({ status: 'valid', holdOwner: null });
    expect((await crlVerdict(acc.certFile)).code).toBe(0);
    expect(await ocsp(acc.certFile)).toContain(`${acc.certFile}: good`);
    const rows: { action: string; summary: string }[] = await t.dataSource.query(
      `SELECT action, summary FROM audit_events WHERE entity_id = '${person.agreementId}' AND action IN ('agreement.suspend', 'agreement.resume') ORDER BY seq`,
    );
    expect(rows.map((r) => [r.action, JSON.parse(r.summary).followed])).toEqual([
      ['agreement.suspend', { vpn: { accountsSuspended: [acc.id] } }],
      ['agreement.resume', { vpn: { accountsResumed: [acc.id] } }],
    ]);
  });

  it('an account the hot-line suspended for its own reason stays suspended when the agreement is resumed', async () => {
    const person = await employee('irene.galli');
    const staff = await activeAccount(person, 'dipendenti');
    const technical = await activeAccount(person, 'tecnici');
    await api.suspend(technical.id, 'Portatile in verifica dal Sistema Informativo').expect(200);

    await t.http().post(`/api/v1/agreements/${person.agreementId}/suspend`).set(auth(hr)).send({ reason: 'Sospensione temporanea' }).expect(200);
    expect(await api.get(staff.id)).toMatchObject({ state: 'suspended', suspensionCause: 'agreement' });
    expect(await api.get(technical.id)).toMatchObject({
      state: 'suspended',
      suspensionCause: 'operator',
      suspensionReason: 'Portatile in verifica dal Sistema Informativo',
    });

    await t.http().post(`/api/v1/agreements/${person.agreementId}/resume`).set(auth(hr)).send({}).expect(200);
    expect(await api.get(staff.id)).toMatchObject({ state: 'active', certificate: { status: 'valid' } });
    expect(await api.get(technical.id)).toMatchObject({ state: 'suspended', suspensionCause: 'operator', certificate: { status: 'on_hold' } });
    expect(await certificate(technical.serial)).toMatchObject({ status: 'on_hold', holdOwner: 'vpn-account' });
    const verdict = await crlVerdict(technical.certFile);
    expect(verdict.code).not.toBe(0);
    expect(listed(verdict.listing, technical.serial)).toBe(true);
    expect(listed(verdict.listing, staff.serial)).toBe(false);

    // the hot-line lifts its own suspension when it decides to
    expect((await api.resume(technical.id).expect(200)).body).toMatchObject({ state: 'active', certificate: { status: 'valid' } });
  });

  it('a laptop returned to stock keeps no valid certificate: revoked (cessationOfOperation, CRL, OCSP), and the account waits for a new one', async () => {
    const person = await employee('franco.lodi');
    const acc = await activeAccount(person);
    const handoverId = (await t.http().get(`/api/v1/assets/${acc.laptop.id}`).set(auth(tech)).expect(200)).body.currentHandoverId;
    const returned = await t
      .http()
      .post(`/api/v1/handovers/${handoverId}/return`)
      .set(auth(tech))
      .send({ items: [{ assetId: acc.laptop.id, condition: 'good' }], dataWipe: [{ assetId: acc.laptop.id, method: 'NIST 800-88 purge', confirmed: true }] })
      .expect(201);
    expect((await t.http().get(`/api/v1/assets/${acc.laptop.id}`).set(auth(tech)).expect(200)).body).toMatchObject({
      state: 'in_stock',
      holderEmployeeId: null,
    });

    const revoked = await waitFor(
      async () => {
        const c = await certificate(acc.serial);
        return c.status === 'revoked' ? c : undefined;
      },
      'the returned laptop certificate to be revoked',
      10_000,
    );
    // asked in the return's transaction, through the outbox (durable), as a lost laptop's revocation is
    expect(await countRows(t, 'outbox', `job_name = 'pki.station-returned' AND job_id = 'pki-returned-${acc.laptop.id}-${returned.body.return.id}'`)).toBe(1);
    expect(revoked).toMatchObject({ revocationReason: 'cessationOfOperation', holdOwner: null });
    const verdict = await waitFor(async () => {
      const v = await crlVerdict(acc.certFile);
      return v.code !== 0 ? v : undefined;
    }, 'the CRL to list the returned laptop certificate');
    expect(verdict.output).toMatch(/error 23 .*certificate revoked/);
    expect(listed(verdict.listing, acc.serial)).toBe(true);
    expect(verdict.listing).toContain('Cessation Of Operation');
    const status = await ocsp(acc.certFile);
    expect(status).toContain(`${acc.certFile}: revoked`);
    expect(status).toContain('Reason: cessationOfOperation');

    // the account follows its certificate (the reconciler's scheduled run, here called at once): approved, no laptop
    await t.get(VpnReconciler).run();
    expect(await api.get(acc.id)).toMatchObject({ state: 'approved', certificate: null, stationAssetId: null, certificateLostReason: 'cessationOfOperation' });
    // a new handover is followed by a new certificate
    const next = await handOverLaptop(t, person.id);
    const { csrPem } = await makeCsr(dir, person.username, 2048, `${person.username}-new`);
    expect((await api.issue(acc.id, { csrPem, stationAssetId: next.id }).expect(201)).body.account).toMatchObject({ state: 'issued', stationAssetId: next.id });
  });
});
