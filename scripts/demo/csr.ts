import { createPrivateKey, generateKeyPairSync, KeyObject, sign } from 'node:crypto';
import * as forge from 'node-forge';

/**
 * Certificate signing requests for the demo's VPN users, as the laptops would make them (RSA-2048, CN = the
 * username). A handful of keys serve every user — generating 600 RSA keys would take minutes and the demo keeps
 * no private key anyway — and the request is signed with Node's native RSA (forge's JS signing is ~25 ms each).
 * Demo data only: real laptops each make their own key.
 */
export class DemoCsrFactory {
  private readonly keys: { privateKey: KeyObject; publicPem: string }[] = [];
  private next = 0;

  constructor(poolSize = 4) {
    for (let i = 0; i < poolSize; i++) {
      const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
      this.keys.push({
        privateKey: createPrivateKey(privateKey.export({ type: 'pkcs8', format: 'pem' })),
        publicPem: publicKey.export({ type: 'spki', format: 'pem' }).toString(),
      });
    }
  }

  csrPem(username: string): string {
    const key = this.keys[this.next++ % this.keys.length];
    const csr = forge.pki.createCertificationRequest();
    csr.publicKey = forge.pki.publicKeyFromPem(key.publicPem);
    csr.setSubject([{ name: 'commonName', value: username }]);
    // Not in @types/node-forge, but exported by forge's pki module.
    const info = (forge.pki as unknown as { getCertificationRequestInfo(c: forge.pki.CertificateSigningRequest): forge.asn1.Asn1 }).getCertificationRequestInfo(
      csr,
    );
    const der = Buffer.from(forge.asn1.toDer(info).getBytes(), 'binary');
    const mutable = csr as unknown as { certificationRequestInfo: unknown; signatureOid: string; signature: string; siginfo: { algorithmOid: string } };
    mutable.certificationRequestInfo = info;
    mutable.signatureOid = forge.pki.oids.sha256WithRSAEncryption;
    mutable.siginfo.algorithmOid = forge.pki.oids.sha256WithRSAEncryption;
    mutable.signature = sign('sha256', der, key.privateKey).toString('binary');
    return forge.pki.certificationRequestToPem(csr);
  }
}
