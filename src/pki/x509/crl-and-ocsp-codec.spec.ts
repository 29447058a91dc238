import { createHash, generateKeyPairSync, verify } from 'node:crypto';
import { buildCertificate, certificateParts, keyIdentifier } from './certificate-builder';
import { buildCrl } from './crl-builder';
import { bitStringBytes, children, content, oid, octetString, readOid, readRoot, readUnsignedInteger, sequence, tlv, unsignedInteger, nullValue } from './der';
import { OID } from './oids';
import { buildOcspResponse, ocspErrorResponse, parseOcspRequest } from './ocsp-codec';

const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
const spki = publicKey.export({ type: 'spki', format: 'der' });
const now = new Date('2026-05-01T08:00:00Z');
const ca = buildCertificate(
  {
    serialHex: '01',
    subject: { CN: 'Test CA', C: 'IT' },
    spkiDer: spki,
    notBefore: now,
    notAfter: new Date(now.getTime() + 365 * 86_400_000),
    profile: { kind: 'ca' },
  },
  { selfKey: privateKey },
);
const parts = certificateParts(ca.der);
const issuer = { subjectDer: parts.subjectDer, keyId: parts.subjectKeyId!, privateKey };

describe('CRL writer', () => {
  it('lists entries with reason codes, numbers the CRL, names the issuer byte for byte and signs natively', () => {
    const crl = buildCrl({
      issuer,
      crlNumber: 42n,
      thisUpdate: now,
      nextUpdate: new Date(now.getTime() + 7 * 86_400_000),
      entries: [
        { serialHex: 'abcdef', revokedAt: now.toISOString(), reasonCode: 1 },
        { serialHex: '80', revokedAt: '2051-02-03T04:05:06.789Z', reasonCode: 0 },
      ],
    });
    expect(crl.pem.startsWith('-----BEGIN X509 CRL-----\n')).toBe(true);
    const [tbs, , sig] = children(readRoot(crl.der));
    expect(verify('sha256', tbs.buf.subarray(tbs.start, tbs.end), publicKey, bitStringBytes(sig))).toBe(true);
    const [version, , name, , , revoked, exts] = children(tbs);
    expect(readUnsignedInteger(version)).toBe(1n); // v2
    expect(name.buf.subarray(name.start, name.end).equals(parts.subjectDer)).toBe(true);
    const [first, second] = children(revoked);
    expect(readUnsignedInteger(children(first)[0])).toBe(0xabcdefn);
    expect(children(first)).toHaveLength(3); // with reasonCode
    expect(children(second)).toHaveLength(2); // unspecified: no extension
    expect(content(children(second)[0]).toString('hex')).toBe('0080');
    expect(content(children(first)[1]).toString('latin1')).toBe('260501080000Z'); // UTCTime
    expect(children(second)[1].tag).toBe(0x18); // GeneralizedTime from 2050
    expect(content(children(second)[1]).toString('latin1')).toBe('20510203040506Z');
    const extensions = children(children(exts)[0]).map((e) => readOid(children(e)[0]));
    expect(extensions).toEqual([OID.authorityKeyIdentifier, OID.cRLNumber]);
  });

  it('omits the revoked list when nothing is revoked (an empty SEQUENCE OF is not allowed)', () => {
    const crl = buildCrl({ issuer, crlNumber: 1n, thisUpdate: now, nextUpdate: new Date(now.getTime() + 1000), entries: [] });
    expect(children(children(readRoot(crl.der))[0])).toHaveLength(6);
  });

  it('writes 10,000 entries (the benchmark measures the time; scripts/bench/pki-crl.ts)', () => {
    const entries = Array.from({ length: 10_000 }, (_, i) => ({
      serialHex: (0x1000000000000000n + BigInt(i)).toString(16),
      revokedAt: now.toISOString(),
      reasonCode: i % 3,
    }));
    const crl = buildCrl({ issuer, crlNumber: 2n, thisUpdate: now, nextUpdate: new Date(now.getTime() + 1000), entries });
    expect(children(children(children(readRoot(crl.der))[0])[5])).toHaveLength(10_000);
  });
});

describe('OCSP codec', () => {
  const certId = (hash: string, serial: bigint) =>
    sequence(
      sequence(oid(hash === 'sha1' ? OID.sha1 : OID.sha256), nullValue()),
      octetString(createHash(hash).update(parts.subjectDer).digest()),
      octetString(
        createHash(hash)
          .update(bitStringBytes(children(readRoot(spki))[1]))
          .digest(),
      ),
      unsignedInteger(serial),
    );

  it('reads the CertIDs and the nonce of a request, and answers with them', () => {
    const nonce = sequence(oid(OID.ocspNonce), octetString(octetString(Buffer.from('0123456789abcdef'))));
    const request = sequence(sequence(sequence(sequence(certId('sha1', 0xbeefn)), sequence(certId('sha256', 7n))), tlv(0xa2, sequence(nonce))));
    const parsed = parseOcspRequest(request);
    expect(parsed.certIds.map((c) => [c.hash, c.serialHex])).toEqual([
      ['sha1', 'beef'],
      ['sha256', '7'],
    ]);
    expect(parsed.nonceExtension?.equals(nonce)).toBe(true);

    const response = buildOcspResponse({
      responses: [
        { certIdDer: parsed.certIds[0].der, status: { status: 'good' } },
        { certIdDer: parsed.certIds[1].der, status: { status: 'revoked', revokedAt: now, reasonCode: 1 } },
      ],
      producedAt: now,
      thisUpdate: now,
      nonceExtension: parsed.nonceExtension,
      responderKeyHash: keyIdentifier(spki),
      privateKey,
    });
    const [status, bytes] = children(readRoot(response));
    expect(content(status)[0]).toBe(0); // successful
    const [type, basicOctets] = children(children(bytes)[0]);
    expect(readOid(type)).toBe(OID.ocspBasic);
    const [tbs, , sig] = children(readRoot(content(basicOctets)));
    expect(verify('sha256', tbs.buf.subarray(tbs.start, tbs.end), publicKey, bitStringBytes(sig))).toBe(true);
    const singles = children(children(tbs)[2]);
    expect(children(singles[0])[1].tag).toBe(0x80); // good [0] IMPLICIT NULL
    expect(children(singles[1])[1].tag).toBe(0xa1); // revoked [1]
  });

  it('turns garbage into malformedRequest', () => {
    expect(() => parseOcspRequest(Buffer.from('hello'))).toThrow();
    expect(ocspErrorResponse(1).toString('hex')).toBe('30030a0101');
  });
});
