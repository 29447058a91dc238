import { randomUUID } from 'node:crypto';
import { AuditEventEntity } from '../../../src/audit/audit-event.entity';
import { FixedClock } from '../../../src/common/clock';
import { SYSTEM_ACTOR } from '../../../src/common/auth/roles';
import { UnitOfWork } from '../../../src/database/unit-of-work';
import { CertificateIssuer } from '../../../src/pki/certificate-issuer.service';
import { CertificateQueries } from '../../../src/pki/certificate-queries.service';
import { auth, startTestApp, TestApp } from '../../helpers/test-app';
import { issueStation } from '../../integration/pki/pki-test-tools';

// real openssl / OpenVPN processes and RSA key generation on a 2-core machine shared with other suites
jest.setTimeout(120_000);

const DAY = 86_400_000;

/** The certificate API as the hot-line, technicians and the RTD use it: roles, errors, lists, CRL health. */
describe('Certificates API: revoke, hold, list, status', () => {
  let t: TestApp;
  const clock = new FixedClock(new Date());
  let tokens: Record<'hotline' | 'technician' | 'rtd' | 'hr', string>;
  const employee = randomUUID();
  const laptop = randomUUID();
  const serials: string[] = [];

  beforeAll(async () => {
    t = await startTestApp({ clock, env: { CERT_VALIDITY_DAYS: '20' } });
    tokens = { hotline: await t.tokenFor('hotline'), technician: await t.tokenFor('technician'), rtd: await t.tokenFor('rtd'), hr: await t.tokenFor('hr') };
    for (let i = 0; i < 5; i++) {
      clock.advance(1000);
      const issued = await issueStation(t, {
        username: `user${i}`,
        assetTag: `PO-${i}`,
        employeeId: i < 3 ? employee : randomUUID(),
        stationAssetId: i === 4 ? laptop : randomUUID(),
        generateKey: true,
      });
      serials.push(issued.serial);
    }
  });
  afterAll(() => t.close());

  it('lets only the hot-line and admins revoke; reading is for hot-line and technicians, the RTD reads the counts', async () => {
    const [s0] = serials;
    await t.http().post(`/api/v1/certificates/${s0}/revoke`).send({ reason: 'keyCompromise' }).expect(401);
    for (const role of ['technician', 'rtd', 'hr'] as const) {
      const res = await t.http().post(`/api/v1/certificates/${s0}/revoke`).set(auth(tokens[role])).send({ reason: 'keyCompromise' }).expect(403);
      expect(res.body.error.code).toBe('FORBIDDEN');
    }
    for (const role of ['hotline', 'technician'] as const) await t.http().get(`/api/v1/certificates/${s0}`).set(auth(tokens[role])).expect(200);
    // a certificate names a person (subject, employee, station): not for the RTD, who reads aggregates
    for (const role of ['hr', 'rtd'] as const) await t.http().get(`/api/v1/certificates/${s0}`).set(auth(tokens[role])).expect(403);
    await t.http().get('/api/v1/certificates').set(auth(tokens.rtd)).expect(403);
    await t.http().get('/api/v1/pki/status').set(auth(tokens.technician)).expect(403);
    await t.http().get('/api/v1/pki/status').set(auth(tokens.rtd)).expect(200);
  });

  it('names every refusal with a stable code and leaves the certificate as it was', async () => {
    const s1 = serials[1];
    const bad = await t.http().post('/api/v1/certificates/not-hex!/revoke').set(auth(tokens.hotline)).send({ reason: 'keyCompromise' }).expect(400);
    expect(bad.body.error.code).toBe('INVALID_SERIAL');
    const unknown = await t.http().post('/api/v1/certificates/abcdef0123456789/revoke').set(auth(tokens.hotline)).send({ reason: 'keyCompromise' }).expect(404);
    expect(unknown.body.error.code).toBe('CERTIFICATE_NOT_FOUND');
    const reason = await t.http().post(`/api/v1/certificates/${s1}/revoke`).set(auth(tokens.hotline)).send({ reason: 'removeFromCRL' }).expect(400);
    expect(reason.body.error.code).toBe('INVALID_REVOCATION_REASON');
    const missing = await t.http().post(`/api/v1/certificates/${s1}/revoke`).set(auth(tokens.hotline)).send({}).expect(400);
    expect(missing.body.error.code).toBe('VALIDATION_FAILED');
    expect((await t.http().get(`/api/v1/certificates/${s1}`).set(auth(tokens.hotline)).expect(200)).body.status).toBe('valid');

    // serials are accepted as openssl prints them (upper case, colons)
    const colons = s1.toUpperCase().padStart(32, '0').match(/../g)!.join(':');
    const done = await t.http().post(`/api/v1/certificates/${colons}/revoke`).set(auth(tokens.hotline)).send({ reason: 'cessationOfOperation' }).expect(200);
    expect(done.body).toMatchObject({ serial: s1, status: 'revoked', revocationReason: 'cessationOfOperation' });
    const twice = await t.http().post(`/api/v1/certificates/${s1}/revoke`).set(auth(tokens.hotline)).send({ reason: 'keyCompromise' }).expect(409);
    expect(twice.body.error.code).toBe('CERTIFICATE_ALREADY_REVOKED');
    const hold = await t.http().post(`/api/v1/certificates/${s1}/release-hold`).set(auth(tokens.hotline)).expect(409);
    expect(hold.body.error.code).toBe('CERTIFICATE_NOT_ON_HOLD');
    const refusals = await t.dataSource.getRepository(AuditEventEntity).find({ where: { entityId: s1, action: 'certificate.revoke-refused' } });
    expect(refusals.map((r) => JSON.parse(r.summary).code).sort()).toEqual(['CERTIFICATE_ALREADY_REVOKED', 'INVALID_REVOCATION_REASON']);
  });

  it('keeps gateway certificates for administrators to revoke', async () => {
    const gateway = await t
      .get(UnitOfWork)
      .run((tx) => t.get(CertificateIssuer).issueServerCertificate(tx, { commonName: 'vpn2.comune.example' }, SYSTEM_ACTOR));
    const refused = await t.http().post(`/api/v1/certificates/${gateway.serial}/revoke`).set(auth(tokens.hotline)).send({ reason: 'superseded' }).expect(403);
    expect(refused.body.error.code).toBe('SERVER_CERTIFICATE_ADMIN_ONLY');
    await t.http().post(`/api/v1/certificates/${gateway.serial}/revoke`).set(auth(t.adminToken)).send({ reason: 'superseded' }).expect(200);
  });

  it('lists with filters and a cursor, newest first', async () => {
    const byEmployee = await t.http().get(`/api/v1/certificates?employeeId=${employee}`).set(auth(tokens.technician)).expect(200);
    expect(byEmployee.body.items.map((c: { serial: string }) => c.serial)).toEqual([serials[2], serials[1], serials[0]]);
    expect(byEmployee.body.items[0]).not.toHaveProperty('privateKeyPem');
    const byLaptop = await t.http().get(`/api/v1/certificates?stationAssetId=${laptop}`).set(auth(tokens.technician)).expect(200);
    expect(byLaptop.body.items.map((c: { assetTag: string }) => c.assetTag)).toEqual(['PO-4']);
    const revoked = await t.http().get('/api/v1/certificates?status=revoked&kind=station').set(auth(tokens.technician)).expect(200);
    expect(revoked.body.items.map((c: { serial: string }) => c.serial)).toEqual([serials[1]]);

    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const page: { body: { items: { serial: string }[]; nextCursor: string | null } } = await t
        .http()
        .get('/api/v1/certificates')
        .query({ kind: 'station', limit: 2, ...(cursor ? { cursor } : {}) })
        .set(auth(tokens.hotline))
        .expect(200);
      expect(page.body.items.length).toBeLessThanOrEqual(2);
      seen.push(...page.body.items.map((c) => c.serial));
      cursor = page.body.nextCursor;
    } while (cursor);
    expect(seen).toEqual([...serials].reverse());
    const badCursor = await t.http().get('/api/v1/certificates?cursor=zzz').set(auth(tokens.hotline)).expect(400);
    expect(badCursor.body.error.code).toBe('INVALID_CURSOR');
    const badFilter = await t.http().get('/api/v1/certificates?status=lost&employeeId=42').set(auth(tokens.hotline)).expect(400);
    expect(badFilter.body.error.details.fields.map((f: { field: string }) => f.field).sort()).toEqual(['employeeId', 'status']);

    // expiring: CERT_VALIDITY_DAYS=20, so every valid station certificate expires within 30 days but not within 10
    const soon = await t.http().get('/api/v1/certificates?expiringWithinDays=30&kind=station').set(auth(tokens.hotline)).expect(200);
    expect(soon.body.items).toHaveLength(4);
    const notYet = await t.http().get('/api/v1/certificates?expiringWithinDays=10').set(auth(tokens.hotline)).expect(200);
    expect(notYet.body.items).toHaveLength(0);
    const expiring = await t.get(CertificateQueries).listExpiring(30);
    expect(expiring.map((c) => c.serial)).toEqual([serials[0], serials[2], serials[3], serials[4]]);
  });

  it('reports CRL health and raises the alert when nextUpdate gets close; exposes the gauges', async () => {
    const status = await t.http().get('/api/v1/pki/status').set(auth(tokens.hotline)).expect(200);
    expect(status.body.crl).toMatchObject({ alert: false, alertMarginSeconds: 2 * 86_400 });
    expect(status.body.crl.crlNumber).toBeGreaterThanOrEqual(1);
    expect(status.body.crl.secondsToNextUpdate).toBeGreaterThan(6 * 86_400);
    expect(status.body.certificates).toEqual({ valid: 4, revoked: 2, onHold: 0, expiringWithin30Days: 4 });
    expect(status.body.ca).toMatchObject({ source: 'generated', chainLength: 0 });
    expect(JSON.stringify(status.body)).not.toMatch(/PRIVATE KEY/);

    const metrics = await t.http().get('/metrics').set(auth(t.adminToken)).expect(200);
    expect(metrics.text).toMatch(/rw_pki_crl_age_seconds \d+/);
    expect(metrics.text).toMatch(/rw_pki_crl_seconds_to_next_update \d+/);
    expect(metrics.text).toMatch(/rw_pki_certificates_expiring_30d 4/);

    clock.advance(5.5 * DAY); // nobody refreshed the CRL: 1.5 days remain before nextUpdate
    const late = await t.http().get('/api/v1/pki/status').set(auth(tokens.rtd)).expect(200);
    expect(late.body.crl.alert).toBe(true);
    expect(late.body.crl.ageSeconds).toBeGreaterThanOrEqual(5.5 * 86_400);
    expect(late.body.crl.secondsToNextUpdate).toBeLessThan(2 * 86_400);
    clock.advance(-5.5 * DAY);
  });

  it('documents the routes in OpenAPI', async () => {
    const doc = await t.http().get('/api/docs-json').expect(200);
    expect(Object.keys(doc.body.paths)).toEqual(
      expect.arrayContaining([
        '/api/v1/certificates',
        '/api/v1/certificates/{serial}/revoke',
        '/api/v1/certificates/{serial}/release-hold',
        '/api/v1/pki/status',
        '/pki/crl.pem',
        '/pki/ocsp',
      ]),
    );
  });
});
