import { readFileSync } from 'node:fs';
import { randomUUID } from 'node:crypto';
import * as path from 'node:path';
import { auth, startTestApp, TestApp } from '../../helpers/test-app';
import { crlNumber, fetchPublic, issueStation, makeCsr, openssl, tempDir, write } from '../../integration/pki/pki-test-tools';

// real openssl / OpenVPN processes and RSA key generation on a 2-core machine shared with other suites
jest.setTimeout(120_000);

/**
 * The public PKI endpoints as gateways and openssl see them: CA and CRL without credentials, CRL verified by
 * openssl, revocation and hold reflected at once, OCSP answers good / revoked / unknown to `openssl ocsp`.
 */
describe('PKI public endpoints: CRL and OCSP checked by the real openssl', () => {
  let t: TestApp;
  let dir: string;
  let hotline: string;

  beforeAll(async () => {
    t = await startTestApp();
    dir = tempDir();
    hotline = await t.tokenFor('hotline');
  });
  afterAll(() => t.close());

  async function station(username: string, tag: string) {
    const { keyFile, csrPem } = await makeCsr(dir, username);
    const issued = await issueStation(t, { username, assetTag: tag, stationAssetId: randomUUID(), csrPem });
    return { ...issued, keyFile, certFile: write(dir, `${username}.pem`, issued.certificatePem) };
  }

  it('serves the CA and a CRL that openssl verifies, without credentials, with caching headers', async () => {
    const ca = await t.http().get('/pki/ca.pem').expect(200);
    expect(ca.headers['content-type']).toContain('application/x-pem-file');
    expect(ca.text).toMatch(/^-----BEGIN CERTIFICATE-----/);
    const pem = await t.http().get('/pki/crl.pem').expect(200);
    expect(pem.text).toMatch(/^-----BEGIN X509 CRL-----\n/);
    expect(pem.headers.etag).toMatch(/^"crl-\d+"$/);
    expect(pem.headers['cache-control']).toContain('max-age');
    const der = await t
      .http()
      .get('/pki/crl.der')
      .buffer(true)
      .parse((res, cb) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => cb(null, Buffer.concat(chunks)));
      })
      .expect(200);
    expect(der.headers['content-type']).toBe('application/pkix-crl');
    expect((der.body as Buffer)[0]).toBe(0x30);
    await t.http().get('/pki/crl.pem').set('If-None-Match', pem.headers.etag).expect(304);

    const caFile = write(dir, 'ca-only.pem', ca.text);
    const crlFile = write(dir, 'first.crl.pem', pem.text);
    const verified = await openssl(['crl', '-in', crlFile, '-CAfile', caFile, '-noout']);
    expect(verified.code).toBe(0);
    expect(verified.stderr + verified.stdout).toContain('verify OK');
    const text = await openssl(['crl', '-in', crlFile, '-noout', '-text']);
    expect(text.stdout).toContain('X509v3 Authority Key Identifier');
    expect(text.stdout).toContain('X509v3 CRL Number');
    expect(text.stdout).toMatch(/Next Update: /);
  });

  it('accepts a good certificate and refuses it (error 23) once revoked; the CRL number grows', async () => {
    const good = await station('lbianchi', 'PO-0001');
    const bad = await station('gverdi', 'PO-0002');
    const before = await fetchPublic(t, dir);
    const n0 = await crlNumber(before.crlFile);

    const revoked = await t.http().post(`/api/v1/certificates/${bad.serial}/revoke`).set(auth(hotline)).send({ reason: 'keyCompromise' }).expect(200);
    expect(revoked.body).toMatchObject({ serial: bad.serial, status: 'revoked', revocationReason: 'keyCompromise' });

    const after = await fetchPublic(t, dir);
    const n1 = await crlNumber(after.crlFile);
    expect(n1).toBeGreaterThan(n0);
    expect((await openssl(['crl', '-in', after.crlFile, '-CAfile', after.caFile, '-noout'])).code).toBe(0);
    const listing = await openssl(['crl', '-in', after.crlFile, '-noout', '-text']);
    // openssl prints a serial's bytes as they are (15 of them when the first of 16 random ones is zero): compare values
    const listed = [...listing.stdout.matchAll(/Serial Number: ([0-9A-F]+)/gi)].map((m) => BigInt(`0x${m[1]}`));
    expect(listed).toContainEqual(BigInt(`0x${bad.serial}`));
    expect(listing.stdout).toContain('Key Compromise');

    const ok = await openssl(['verify', '-crl_check', '-CAfile', after.caFile, '-CRLfile', after.crlFile, good.certFile]);
    expect(ok.code).toBe(0);
    const refused = await openssl(['verify', '-crl_check', '-CAfile', after.caFile, '-CRLfile', after.crlFile, bad.certFile]);
    expect(refused.code).not.toBe(0);
    expect(refused.stdout + refused.stderr).toMatch(/error 23 .*certificate revoked/);
  });

  it('puts a certificate on hold and takes it off the next CRL when the hold is lifted', async () => {
    const held = await station('mneri', 'PO-0003');
    await t.http().post(`/api/v1/certificates/${held.serial}/revoke`).set(auth(hotline)).send({ reason: 'certificateHold' }).expect(200);
    const during = await fetchPublic(t, dir);
    const refused = await openssl(['verify', '-crl_check', '-CAfile', during.caFile, '-CRLfile', during.crlFile, held.certFile]);
    expect(refused.stdout + refused.stderr).toMatch(/error 23/);
    expect((await openssl(['crl', '-in', during.crlFile, '-noout', '-text'])).stdout).toContain('Certificate Hold');

    const released = await t.http().post(`/api/v1/certificates/${held.serial}/release-hold`).set(auth(hotline)).expect(200);
    expect(released.body).toMatchObject({ status: 'valid', revokedAt: null, revocationReason: null });
    const afterwards = await fetchPublic(t, dir);
    expect(await crlNumber(afterwards.crlFile)).toBeGreaterThan(await crlNumber(during.crlFile));
    const ok = await openssl(['verify', '-crl_check', '-CAfile', afterwards.caFile, '-CRLfile', afterwards.crlFile, held.certFile]);
    expect(ok.code).toBe(0);
    // a lifted hold cannot be lifted twice, and a revoked certificate can never be reinstated
    const again = await t.http().post(`/api/v1/certificates/${held.serial}/release-hold`).set(auth(hotline)).expect(409);
    expect(again.body.error.code).toBe('CERTIFICATE_NOT_ON_HOLD');
  });

  it('answers OCSP good, revoked (with reason and time) and unknown to openssl ocsp', async () => {
    const good = await station('ocsp-good', 'PO-0010');
    const bad = await station('ocsp-bad', 'PO-0011');
    await t.http().post(`/api/v1/certificates/${bad.serial}/revoke`).set(auth(hotline)).send({ reason: 'affiliationChanged' }).expect(200);
    const { caFile } = await fetchPublic(t, dir);
    const url = `${t.url}/pki/ocsp`;

    const g = await openssl(['ocsp', '-issuer', caFile, '-cert', good.certFile, '-url', url, '-CAfile', caFile]);
    expect(g.code).toBe(0);
    expect(g.stdout).toContain(`${good.certFile}: good`);
    expect(g.stderr + g.stdout).toContain('Response verify OK');

    const r = await openssl(['ocsp', '-issuer', caFile, '-cert', bad.certFile, '-url', url, '-CAfile', caFile]);
    expect(r.stdout).toContain(`${bad.certFile}: revoked`);
    expect(r.stdout).toContain('Reason: affiliationChanged');
    expect(r.stdout).toMatch(/Revocation Time: /);
    expect(r.stderr + r.stdout).toContain('Response verify OK');

    const u = await openssl(['ocsp', '-issuer', caFile, '-serial', '0x1234567890abcdef12', '-url', url, '-CAfile', caFile]);
    expect(u.stdout).toContain('0x1234567890abcdef12: unknown');
    expect(u.stderr + u.stdout).toContain('Response verify OK');

    // the GET form (RFC 6960 A.1) gives the same answer
    const reqFile = path.join(dir, 'req.der');
    await openssl(['ocsp', '-issuer', caFile, '-cert', good.certFile, '-reqout', reqFile, '-no_nonce']);
    const b64 = readFileSync(reqFile).toString('base64');
    const res = await t
      .http()
      .get(`/pki/ocsp/${encodeURIComponent(b64)}`)
      .buffer(true)
      .parse((resp, cb) => {
        const chunks: Buffer[] = [];
        resp.on('data', (c: Buffer) => chunks.push(c));
        resp.on('end', () => cb(null, Buffer.concat(chunks)));
      })
      .expect(200);
    expect(res.headers['content-type']).toBe('application/ocsp-response');
    const respFile = write(dir, 'resp.der', res.body as Buffer);
    const shown = await openssl(['ocsp', '-respin', respFile, '-issuer', caFile, '-cert', good.certFile, '-CAfile', caFile, '-no_nonce']);
    expect(shown.stdout).toContain(': good');

    // garbage gets an OCSP "malformedRequest", not an HTTP error
    const junk = await t
      .http()
      .post('/pki/ocsp')
      .set('content-type', 'application/ocsp-request')
      .send(Buffer.from('not der'))
      .buffer(true)
      .parse((resp, cb) => {
        const chunks: Buffer[] = [];
        resp.on('data', (c: Buffer) => chunks.push(c));
        resp.on('end', () => cb(null, Buffer.concat(chunks)));
      })
      .expect(200);
    expect([...(junk.body as Buffer)]).toEqual([0x30, 0x03, 0x0a, 0x01, 0x01]);
  });
});
