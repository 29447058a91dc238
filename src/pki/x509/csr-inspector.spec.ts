import { createPrivateKey, generateKeyPairSync, sign } from 'node:crypto';
import * as forge from 'node-forge';
import { DomainError } from '../../common/errors/domain-error';
import { inspectCsr } from './csr-inspector';
import { toPem } from './pem';

/** A CSR as a laptop makes it: forge writes the request info, the laptop's key signs it. */
function csr(cn: string, bits = 2048, tamper = false, keyType: 'rsa' | 'ec' = 'rsa'): string {
  const pair = keyType === 'rsa' ? generateKeyPairSync('rsa', { modulusLength: bits }) : generateKeyPairSync('ec', { namedCurve: 'P-256' });
  const spki = pair.publicKey.export({ type: 'spki', format: 'der' });
  const asn1 = forge.asn1;
  const cri = asn1.create(asn1.Class.UNIVERSAL, asn1.Type.SEQUENCE, true, [
    asn1.create(asn1.Class.UNIVERSAL, asn1.Type.INTEGER, false, asn1.integerToDer(0).getBytes()),
    asn1.create(asn1.Class.UNIVERSAL, asn1.Type.SEQUENCE, true, [
      asn1.create(asn1.Class.UNIVERSAL, asn1.Type.SET, true, [
        asn1.create(asn1.Class.UNIVERSAL, asn1.Type.SEQUENCE, true, [
          asn1.create(asn1.Class.UNIVERSAL, asn1.Type.OID, false, asn1.oidToDer('2.5.4.3').getBytes()),
          asn1.create(asn1.Class.UNIVERSAL, asn1.Type.UTF8, false, forge.util.encodeUtf8(cn)),
        ]),
      ]),
    ]),
    asn1.fromDer(spki.toString('binary')),
    asn1.create(asn1.Class.CONTEXT_SPECIFIC, 0, true, []),
  ]);
  const criDer = Buffer.from(asn1.toDer(cri).getBytes(), 'binary');
  const signature = sign('sha256', criDer, createPrivateKey(pair.privateKey.export({ type: 'pkcs8', format: 'pem' })));
  if (tamper) signature[10] ^= 0xff;
  const algOid = keyType === 'rsa' ? '1.2.840.113549.1.1.11' : '1.2.840.10045.4.3.2';
  const whole = asn1.create(asn1.Class.UNIVERSAL, asn1.Type.SEQUENCE, true, [
    cri,
    asn1.create(asn1.Class.UNIVERSAL, asn1.Type.SEQUENCE, true, [asn1.create(asn1.Class.UNIVERSAL, asn1.Type.OID, false, asn1.oidToDer(algOid).getBytes())]),
    asn1.create(asn1.Class.UNIVERSAL, asn1.Type.BITSTRING, false, String.fromCharCode(0) + signature.toString('binary')),
  ]);
  return toPem('CERTIFICATE REQUEST', Buffer.from(asn1.toDer(whole).getBytes(), 'binary'));
}

const refusal = (fn: () => unknown): string => {
  try {
    fn();
  } catch (err) {
    return (err as DomainError).code;
  }
  return 'accepted';
};

describe('checking a CSR before signing it', () => {
  it('a good request for the right user gives its key and nothing else', () => {
    const result = inspectCsr(csr('mrossi'), 'mrossi');
    expect(result).toMatchObject({ subjectCn: 'mrossi', keyBits: 2048 });
    expect(result.spkiDer[0]).toBe(0x30);
  });

  it('refuses, with its code: a weak key, a non-RSA key, a forged signature, another subject, garbage', () => {
    expect(refusal(() => inspectCsr(csr('mrossi', 1024), 'mrossi'))).toBe('CSR_KEY_TOO_WEAK');
    expect(refusal(() => inspectCsr(csr('mrossi', 2048, false, 'ec'), 'mrossi'))).toBe('CSR_KEY_UNSUPPORTED');
    expect(refusal(() => inspectCsr(csr('mrossi', 2048, true), 'mrossi'))).toBe('CSR_SIGNATURE_INVALID');
    expect(refusal(() => inspectCsr(csr('mrossi'), 'MRossi'))).toBe('CSR_SUBJECT_MISMATCH');
    expect(refusal(() => inspectCsr('-----BEGIN CERTIFICATE REQUEST-----\nAAAA\n-----END CERTIFICATE REQUEST-----\n', 'x'))).toBe('CSR_MALFORMED');
    expect(refusal(() => inspectCsr('x'.repeat(20_000), 'x'))).toBe('CSR_MALFORMED');
  });

  it('reads non-ASCII subjects as UTF-8', () => {
    expect(inspectCsr(csr('ñandú'), 'ñandú').subjectCn).toBe('ñandú');
  });
});
