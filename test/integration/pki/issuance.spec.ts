import { randomUUID } from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { AuditEventEntity } from '../../../src/audit/audit-event.entity';
import { SYSTEM_ACTOR } from '../../../src/common/auth/roles';
import { DomainError } from '../../../src/common/errors/domain-error';
import { UnitOfWork } from '../../../src/database/unit-of-work';
import { CertificateEntity } from '../../../src/pki/certificate.entity';
import { CertificateIssuer } from '../../../src/pki/certificate-issuer.service';
import { startTestApp, TestApp } from '../../helpers/test-app';
import { issueStation, makeCsr, openssl, tempDir, write } from './pki-test-tools';

// real openssl / OpenVPN processes and RSA key generation on a 2-core machine shared with other suites
jest.setTimeout(120_000);

/** Station and gateway certificates from the issuance path, checked with the real openssl. */
describe('PKI issuance: station certificates from CSR or generated key, gateway certificates', () => {
  let t: TestApp;
  let dir: string;
  let caFile: string;

  beforeAll(async () => {
    t = await startTestApp({ env: { PUBLIC_BASE_URL: 'https://vpn-pki.comune.example', CERT_VALIDITY_DAYS: '200' } });
    dir = tempDir();
    caFile = write(dir, 'ca.pem', (await t.http().get('/pki/ca.pem').expect(200)).text);
  });
  afterAll(() => t.close());

  async function refusal(work: () => Promise<unknown>): Promise<DomainError> {
    try {
      await work();
    } catch (err) {
      if (err instanceof DomainError) return err;
      throw err;
    }
    throw new Error('expected a refusal');
  }

  const count = async () => await t.dataSource.getRepository(CertificateEntity).count();

  it('issues from a CSR a client certificate that openssl verifies for sslclient, with the profile asked for', async () => {
    const { csrPem } = await makeCsr(dir, 'mrossi');
    const stationAssetId = randomUUID();
    const employeeId = randomUUID();
    const issued = await issueStation(t, { username: 'mrossi', assetTag: 'PO-000123', stationAssetId, employeeId, csrPem });
    const certFile = write(dir, 'mrossi.pem', issued.certificatePem);

    const verified = await openssl(['verify', '-purpose', 'sslclient', '-CAfile', caFile, certFile]);
    expect(verified.code).toBe(0);
    expect(verified.stdout).toContain(': OK');

    const text = (await openssl(['x509', '-in', certFile, '-noout', '-text'])).stdout;
    expect(text).toMatch(/Subject: .*CN = mrossi/);
    expect(text).toContain('URI:urn:asset:PO-000123');
    expect(text).toContain('TLS Web Client Authentication');
    expect(text).toMatch(/Basic Constraints: critical\s+CA:FALSE/);
    expect(text).toMatch(/Key Usage: critical\s+Digital Signature, Key Encipherment/);
    expect(text).toContain('X509v3 Subject Key Identifier');
    expect(text).toContain('X509v3 Authority Key Identifier');
    expect(text).toContain('URI:https://vpn-pki.comune.example/pki/crl.der');
    expect(text).toContain('OCSP - URI:https://vpn-pki.comune.example/pki/ocsp');

    // a positive serial of at least 64 bits, stored in canonical hex
    const serial = BigInt(`0x${issued.serial}`);
    expect(serial > 1n << 64n).toBe(true);
    expect(serial < 1n << 127n).toBe(true);
    const shown = (await openssl(['x509', '-in', certFile, '-noout', '-serial'])).stdout.trim();
    expect(BigInt(`0x${shown.replace('serial=', '')}`)).toBe(serial);

    // validity from configuration (CERT_VALIDITY_DAYS=200)
    const days = (Date.parse(issued.notAfter) - Date.now()) / 86_400_000;
    expect(days).toBeGreaterThan(199);
    expect(days).toBeLessThan(201);

    const row = await t.dataSource.getRepository(CertificateEntity).findOneByOrFail({ serial: issued.serial });
    expect(row).toMatchObject({ kind: 'station', subjectCn: 'mrossi', assetTag: 'PO-000123', stationAssetId, employeeId, status: 'valid', keyOrigin: 'csr' });
    expect(row.fingerprintSha256).toMatch(/^[0-9a-f]{64}$/);
    const audit = await t.dataSource.getRepository(AuditEventEntity).findOneByOrFail({ action: 'certificate.issued', entityId: issued.serial });
    expect(JSON.parse(audit.summary)).toMatchObject({ subjectCn: 'mrossi', assetTag: 'PO-000123', keyOrigin: 'csr' });
    expect(issued.privateKeyPem).toBeUndefined();
    expect(issued.pkcs12Base64).toBeUndefined();
  });

  it('refuses a 1024-bit key, a tampered signature, a subject that is not the username and garbage, writing nothing', async () => {
    const before = await count();
    const weak = await makeCsr(dir, 'weakling', 1024);
    expect((await refusal(() => issueStation(t, { username: 'weakling', assetTag: 'PO-1', csrPem: weak.csrPem }))).code).toBe('CSR_KEY_TOO_WEAK');

    const good = await makeCsr(dir, 'tampered');
    const derFile = path.join(dir, 'tampered.der');
    await openssl(['req', '-in', path.join(dir, 'tampered.csr'), '-outform', 'DER', '-out', derFile]);
    const bytes = fs.readFileSync(derFile);
    bytes[bytes.length - 10] ^= 0x01; // flip one bit of the signature
    const tamperedPem = `-----BEGIN CERTIFICATE REQUEST-----\n${bytes.toString('base64').replace(/(.{64})/g, '$1\n')}\n-----END CERTIFICATE REQUEST-----\n`;
    const opensslView = await openssl(['req', '-in', write(dir, 't.csr', tamperedPem), '-noout', '-verify']);
    expect(opensslView.stdout + opensslView.stderr).toContain('verify failure'); // openssl agrees (OpenSSL 3.0 exits 0 regardless)
    expect((await refusal(() => issueStation(t, { username: 'tampered', assetTag: 'PO-2', csrPem: tamperedPem }))).code).toBe('CSR_SIGNATURE_INVALID');
    expect(
      (await refusal(() => issueStation(t, { username: 'tampered', assetTag: 'PO-2', csrPem: good.csrPem.replace(/\n[A-Za-z0-9+/]{64}\n/, '\n') }))).code,
    ).toBe('CSR_MALFORMED'); // a line cut out

    expect((await refusal(() => issueStation(t, { username: 'somebody-else', assetTag: 'PO-3', csrPem: good.csrPem }))).code).toBe('CSR_SUBJECT_MISMATCH');
    expect((await refusal(() => issueStation(t, { username: 'x', assetTag: 'PO-4', csrPem: 'hello' }))).code).toBe('CSR_MALFORMED');

    const ec = path.join(dir, 'ec.csr');
    await openssl([
      'req',
      '-new',
      '-newkey',
      'ec',
      '-pkeyopt',
      'ec_paramgen_curve:P-256',
      '-nodes',
      '-keyout',
      path.join(dir, 'ec.key'),
      '-out',
      ec,
      '-subj',
      '/CN=ecuser',
    ]);
    expect((await refusal(() => issueStation(t, { username: 'ecuser', assetTag: 'PO-5', csrPem: fs.readFileSync(ec, 'utf8') }))).code).toBe(
      'CSR_KEY_UNSUPPORTED',
    );

    expect((await refusal(() => issueStation(t, { username: 'bad user', assetTag: 'PO-6', generateKey: true }))).code).toBe('INVALID_USERNAME');
    expect((await refusal(() => issueStation(t, { username: 'ok', assetTag: 'tag with space', generateKey: true }))).code).toBe('INVALID_ASSET_TAG');
    expect(await count()).toBe(before);
  });

  it('generates the key and returns a PKCS#12 that OpenSSL 3 opens without -legacy; keeps it sealed, never the key in clear nor the password', async () => {
    const issued = await issueStation(t, { username: 'abianchi', assetTag: 'PO-000777', vpnAccountId: randomUUID(), generateKey: true });
    expect(issued.oneTimePassword).toMatch(/^[A-Za-z0-9]{20,}$/);
    expect(issued.privateKeyPem).toBeUndefined(); // a station key never leaves in clear
    const p12 = write(dir, 'abianchi.p12', Buffer.from(issued.pkcs12Base64!, 'base64'));

    const info = await openssl(['pkcs12', '-in', p12, '-info', '-nokeys', '-passin', `pass:${issued.oneTimePassword}`]);
    expect(info.code).toBe(0);
    expect(info.stderr).toMatch(/MAC: sha256/);
    expect(info.stderr).toMatch(/PBES2, PBKDF2, AES-256-CBC/);
    expect(info.stdout).toContain('subject=C = IT, O = Comune di Prato, CN = abianchi');
    expect(info.stdout).toContain('friendlyName: abianchi');

    const wrong = await openssl(['pkcs12', '-in', p12, '-info', '-nokeys', '-passin', 'pass:not-the-password']);
    expect(wrong.code).not.toBe(0);

    // the key inside is the key of the certificate
    const keyOut = await openssl(['pkcs12', '-in', p12, '-nocerts', '-nodes', '-passin', `pass:${issued.oneTimePassword}`]);
    const certFile = write(dir, 'abianchi.pem', issued.certificatePem);
    const fromP12 = (await openssl(['pkey', '-pubout'], { input: keyOut.stdout })).stdout;
    const fromCert = (await openssl(['x509', '-in', certFile, '-noout', '-pubkey'])).stdout;
    expect(fromP12).toBe(fromCert);
    expect((await openssl(['verify', '-purpose', 'sslclient', '-CAfile', caFile, certFile])).code).toBe(0);

    const row = await t.dataSource.getRepository(CertificateEntity).findOneByOrFail({ serial: issued.serial });
    expect(row.keyOrigin).toBe('generated');
    const stored =
      JSON.stringify(await t.dataSource.query('SELECT * FROM certificates')) + JSON.stringify(await t.dataSource.query('SELECT * FROM audit_events'));
    expect(stored).not.toContain('PRIVATE KEY');
    expect(stored).not.toContain(issued.oneTimePassword);
    expect(stored).not.toContain(issued.pkcs12Base64!.slice(0, 40));
    // kept for later profiles: the same PKCS#12, and the same key as encrypted PKCS#8, both under the one-time password
    const [pkg] = await t.dataSource.query(`SELECT * FROM station_key_packages WHERE serial = '${issued.serial}'`);
    expect(pkg.pkcs12_base64).toBe(issued.pkcs12Base64);
    expect(pkg.encrypted_key_pem).toMatch(/^-----BEGIN ENCRYPTED PRIVATE KEY-----\n/);
    expect(JSON.stringify(pkg)).not.toMatch(/BEGIN (RSA )?PRIVATE KEY/);
    expect(JSON.stringify(pkg)).not.toContain(issued.oneTimePassword);
    const sealed = await openssl(['pkey', '-pubout', '-passin', `pass:${issued.oneTimePassword}`], { input: pkg.encrypted_key_pem });
    expect(sealed.stdout).toBe(fromCert);
    expect((await openssl(['pkey', '-pubout', '-passin', 'pass:guess'], { input: pkg.encrypted_key_pem })).code).not.toBe(0);
  });

  it('issues a gateway certificate that openssl verifies for sslserver, admin-only to revoke', async () => {
    const issued = await t
      .get(UnitOfWork)
      .run((tx) => t.get(CertificateIssuer).issueServerCertificate(tx, { commonName: 'vpn1.comune.example', ipAddresses: ['127.0.0.1'] }, SYSTEM_ACTOR));
    const certFile = write(dir, 'vpn1.pem', issued.certificatePem);
    expect((await openssl(['verify', '-purpose', 'sslserver', '-CAfile', caFile, certFile])).code).toBe(0);
    expect((await openssl(['verify', '-purpose', 'sslclient', '-CAfile', caFile, certFile])).code).not.toBe(0);
    const text = (await openssl(['x509', '-in', certFile, '-noout', '-ext', 'subjectAltName,extendedKeyUsage'])).stdout;
    expect(text).toContain('DNS:vpn1.comune.example');
    expect(text).toContain('IP Address:127.0.0.1');
    expect(text).toContain('TLS Web Server Authentication');
    expect(issued.privateKeyPem).toContain('BEGIN PRIVATE KEY');
  });

  it('keeps the CA key encrypted at rest, mode 0600, in the database and in DATA_DIR/pki', async () => {
    const pkiDir = path.join(t.config.dataDir, 'pki');
    const keyFile = path.join(pkiDir, 'ca.key');
    const key = fs.readFileSync(keyFile, 'utf8');
    expect(key).toContain('-----BEGIN ENCRYPTED PRIVATE KEY-----');
    expect(key).not.toContain('BEGIN RSA PRIVATE KEY');
    expect(key).not.toContain('BEGIN PRIVATE KEY');
    expect(fs.statSync(keyFile).mode & 0o777).toBe(0o600);
    expect(fs.statSync(pkiDir).mode & 0o077).toBe(0);
    const parsed = await openssl([
      'pkcs8',
      '-in',
      keyFile,
      '-passin',
      'pass:test-ca-passphrase-not-secret',
      '-topk8',
      '-v2',
      'aes-256-cbc',
      '-passout',
      'pass:x',
      '-outform',
      'DER',
      '-out',
      path.join(dir, 'rewrapped.der'),
    ]);
    expect(parsed.code).toBe(0); // it opens with CA_PASSPHRASE
    const shown = await openssl(['asn1parse', '-in', keyFile]);
    expect(shown.stdout).toContain('aes-256-cbc');
    // a current KDF: PBKDF2-HMAC-SHA256 with 600,000 (0x927C0) iterations, not Node's default 2,048 (0x800)
    expect(shown.stdout).toMatch(/:PBKDF2\n[\s\S]*INTEGER +:0927C0\n[\s\S]*:hmacWithSHA256/);
    const [row] = await t.dataSource.query("SELECT encrypted_key_pem, certificate_pem FROM pki_ca WHERE id = 'active'");
    expect(row.encrypted_key_pem).toBe(key);
    expect(row.certificate_pem).toBe(fs.readFileSync(path.join(pkiDir, 'ca.pem'), 'utf8'));
    const ca = (await openssl(['x509', '-in', path.join(pkiDir, 'ca.pem'), '-noout', '-subject', '-ext', 'basicConstraints,keyUsage', '-nameopt', 'utf8']))
      .stdout;
    expect(ca).toContain('CN=Comune di Prato – VPN CA');
    expect(ca).toMatch(/CA:TRUE/);
    expect(ca).toContain('Certificate Sign, CRL Sign');
  });
});
