import { generateKeyPairSync, randomBytes } from 'node:crypto';
import * as forge from 'node-forge';
import { buildCertificate } from './certificate-builder';
import { oneTimePassword, pkcs12Kdf, writePkcs12 } from './pkcs12-writer';

describe('PKCS#12 for a key the service generated', () => {
  it('derives MAC keys exactly like the reference PKCS#12 KDF (node-forge, RFC 7292 B.2)', () => {
    const salt = randomBytes(16);
    const ours = pkcs12Kdf('Secret-123', salt, 3, 2048, 32);
    const reference = forge.pkcs12.generateKey('Secret-123', forge.util.createBuffer(salt.toString('binary')), 3, 2048, 32, forge.md.sha256.create());
    expect(ours.toString('binary')).toBe(reference.getBytes());
  });

  it('one-time passwords are long, random and unambiguous', () => {
    const a = oneTimePassword();
    expect(a).toMatch(/^[A-HJ-NP-Za-km-z2-9]{22}$/);
    expect(oneTimePassword()).not.toBe(a);
  });

  it('a file an independent reader (node-forge) opens with the password, MAC verified, key and certificate paired', () => {
    const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
    const now = new Date();
    const cert = buildCertificate(
      {
        serialHex: 'abc123',
        subject: { CN: 'mrossi' },
        spkiDer: publicKey.export({ type: 'spki', format: 'der' }),
        notBefore: now,
        notAfter: new Date(now.getTime() + 86_400_000),
        profile: { kind: 'ca' },
      },
      { selfKey: privateKey },
    );
    const p12 = writePkcs12({ privateKey, certificatesDer: [cert.der], password: 'pw-Abc123', friendlyName: 'mrossi' });
    const parsed = forge.pkcs12.pkcs12FromAsn1(forge.asn1.fromDer(p12.toString('binary')), true, 'pw-Abc123');
    const keyBags = parsed.getBags({ bagType: forge.pki.oids.pkcs8ShroudedKeyBag })[forge.pki.oids.pkcs8ShroudedKeyBag]!;
    const certBags = parsed.getBags({ bagType: forge.pki.oids.certBag })[forge.pki.oids.certBag]!;
    expect(certBags[0].attributes.friendlyName).toEqual(['mrossi']);
    const key = keyBags[0].key as forge.pki.rsa.PrivateKey;
    const pub = certBags[0].cert!.publicKey as forge.pki.rsa.PublicKey;
    expect(key.n.equals(pub.n)).toBe(true);
    expect(() => forge.pkcs12.pkcs12FromAsn1(forge.asn1.fromDer(p12.toString('binary')), true, 'wrong')).toThrow();
  });
});
