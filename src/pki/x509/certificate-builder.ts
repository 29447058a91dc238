import { KeyObject, createHash, sign } from 'node:crypto';
import * as forge from 'node-forge';
import { OID } from './oids';
import { SubjectName, forgeAttributes } from './names';
import { toPem } from './pem';
import { serialToDerHex } from './serial';
import { bitString, bitStringBytes, children, content, context, nullValue, oid, raw, readOid, readRoot, sequence, tlv, TAG } from './der';

const asn1 = forge.asn1;

/** What goes into a certificate besides its subject and key: one profile per kind of holder. */
export type CertificateProfile = { kind: 'station'; assetTag: string } | { kind: 'server'; dnsNames: string[]; ipAddresses: string[] } | { kind: 'ca' };

export interface CertificateSpec {
  serialHex: string;
  subject: SubjectName;
  /** SubjectPublicKeyInfo DER (RSA). */
  spkiDer: Buffer;
  notBefore: Date;
  notAfter: Date;
  profile: CertificateProfile;
  /** URLs written into leaf certificates (absent for the CA itself). */
  crlUrl?: string;
  ocspUrl?: string;
}

/** The signing side. `subjectDer` and `keyId` are taken from the CA certificate as it is, byte for byte. */
export interface IssuerMaterial {
  subjectDer: Buffer;
  keyId: Buffer;
  privateKey: KeyObject;
}

export interface BuiltCertificate {
  der: Buffer;
  pem: string;
  fingerprintSha256: string;
}

const forgePki = forge.pki as unknown as { getTBSCertificate(cert: forge.pki.Certificate): forge.asn1.Asn1 };

const bin = (b: Buffer): string => b.toString('binary');
const buf = (s: string): Buffer => Buffer.from(s, 'binary');

/** RFC 5280 §4.2.1.2 method 1: SHA-1 of the subjectPublicKey bits. */
export function keyIdentifier(spkiDer: Buffer): Buffer {
  const [, keyBits] = children(readRoot(spkiDer));
  return createHash('sha1').update(bitStringBytes(keyBits)).digest();
}

function authorityInfoAccess(ocspUrl: string): Buffer {
  // AccessDescription { accessMethod id-ad-ocsp, accessLocation [6] uniformResourceIdentifier }
  return sequence(sequence(oid(OID.ocspAccessMethod), tlv(context(6, false), Buffer.from(ocspUrl, 'ascii'))));
}

function extensionsFor(spec: CertificateSpec, subjectKeyId: Buffer, authorityKeyId: Buffer): object[] {
  const ski = { name: 'subjectKeyIdentifier', value: asn1.create(asn1.Class.UNIVERSAL, asn1.Type.OCTETSTRING, false, bin(subjectKeyId)) };
  const aki = { name: 'authorityKeyIdentifier', keyIdentifier: bin(authorityKeyId) };
  const p = spec.profile;
  if (p.kind === 'ca') {
    return [
      { name: 'basicConstraints', cA: true, critical: true },
      { name: 'keyUsage', keyCertSign: true, cRLSign: true, digitalSignature: true, critical: true },
      ski,
      aki,
    ];
  }
  const leaf: object[] = [
    { name: 'basicConstraints', cA: false, critical: true },
    // RSA keys: key transport (keyEncipherment) is still what OpenVPN's --remote-cert-tls expects to find.
    { name: 'keyUsage', digitalSignature: true, keyEncipherment: true, critical: true },
    p.kind === 'station' ? { name: 'extKeyUsage', clientAuth: true } : { name: 'extKeyUsage', serverAuth: true },
    p.kind === 'station'
      ? { name: 'subjectAltName', altNames: [{ type: 6, value: `urn:asset:${p.assetTag}` }] }
      : {
          name: 'subjectAltName',
          altNames: [...p.dnsNames.map((d) => ({ type: 2, value: d })), ...p.ipAddresses.map((ip) => ({ type: 7, ip }))],
        },
    ski,
    aki,
  ];
  if (spec.crlUrl) leaf.push({ name: 'cRLDistributionPoints', altNames: [{ type: 6, value: spec.crlUrl }] });
  if (spec.ocspUrl) leaf.push({ id: OID.authorityInfoAccess, value: bin(authorityInfoAccess(spec.ocspUrl)) });
  return leaf;
}

/**
 * node-forge assembles the TBSCertificate; the RSA signature is Node's native `crypto.sign` (forge's
 * pure-JS `cert.sign()` costs ~25 ms a certificate; native ~0.5 ms). The issuer Name is spliced in as the
 * CA certificate's own bytes so that name matching never depends on how forge re-encodes strings.
 * `issuer` omitted: a self-signed CA certificate signed with `selfKey`.
 */
export function buildCertificate(spec: CertificateSpec, issuer: IssuerMaterial | { selfKey: KeyObject }): BuiltCertificate {
  const tbsDer = tbsCertificate(spec, issuer);
  return assemble(tbsDer, sign('sha256', tbsDer, 'selfKey' in issuer ? issuer.selfKey : issuer.privateKey));
}

/** The same, with the signature computed on libuv's thread pool: concurrent issuances use every core. */
export async function buildCertificateAsync(spec: CertificateSpec, issuer: IssuerMaterial): Promise<BuiltCertificate> {
  const tbsDer = tbsCertificate(spec, issuer);
  const signature = await new Promise<Buffer>((resolve, reject) => sign('sha256', tbsDer, issuer.privateKey, (err, sig) => (err ? reject(err) : resolve(sig))));
  return assemble(tbsDer, signature);
}

function tbsCertificate(spec: CertificateSpec, issuer: IssuerMaterial | { selfKey: KeyObject }): Buffer {
  const cert = forge.pki.createCertificate();
  cert.serialNumber = serialToDerHex(spec.serialHex);
  cert.validity.notBefore = spec.notBefore;
  cert.validity.notAfter = spec.notAfter;
  cert.publicKey = forge.pki.publicKeyFromAsn1(asn1.fromDer(bin(spec.spkiDer)));
  const attrs = forgeAttributes(spec.subject);
  cert.setSubject(attrs);
  cert.setIssuer(attrs);
  const subjectKeyId = keyIdentifier(spec.spkiDer);
  const authorityKeyId = 'selfKey' in issuer ? subjectKeyId : issuer.keyId;
  cert.setExtensions(extensionsFor(spec, subjectKeyId, authorityKeyId));
  (cert as unknown as { siginfo: { algorithmOid: string; parameters: unknown } }).siginfo = {
    algorithmOid: OID.sha256WithRSAEncryption,
    parameters: undefined,
  };
  const tbs = forgePki.getTBSCertificate(cert);
  if (!('selfKey' in issuer)) (tbs.value as forge.asn1.Asn1[])[3] = asn1.fromDer(bin(issuer.subjectDer));
  return buf(asn1.toDer(tbs).getBytes());
}

function assemble(tbsDer: Buffer, signature: Buffer): BuiltCertificate {
  const der = sequence(tbsDer, sequence(oid(OID.sha256WithRSAEncryption), nullValue()), bitString(signature));
  return { der, pem: toPem('CERTIFICATE', der), fingerprintSha256: createHash('sha256').update(der).digest('hex') };
}

/** Raw pieces of a certificate that other structures must repeat exactly. */
export interface CertificateParts {
  subjectDer: Buffer;
  spkiDer: Buffer;
  /** subjectKeyIdentifier extension value, when present. */
  subjectKeyId: Buffer | null;
  /** keyUsage bits by RFC 5280 number (5 keyCertSign, 6 cRLSign), or null when the extension is absent. */
  keyUsage: Set<number> | null;
}

export function certificateParts(der: Buffer): CertificateParts {
  const [tbs] = children(readRoot(der));
  const fields = children(tbs);
  // version [0] is present in every v3 certificate; tolerate v1 (no version field) as well
  const offset = fields[0].tag === context(0, true) ? 1 : 0;
  const subject = fields[offset + 4];
  const spki = fields[offset + 5];
  let subjectKeyId: Buffer | null = null;
  let keyUsage: Set<number> | null = null;
  const extsWrapper = fields.find((f) => f.tag === context(3, true));
  if (extsWrapper) {
    for (const ext of children(children(extsWrapper)[0])) {
      const parts = children(ext);
      const id = readOid(parts[0]);
      const inner = readRoot(Buffer.from(content(parts[parts.length - 1])));
      if (id === OID.subjectKeyIdentifier && inner.tag === TAG.OCTET_STRING) subjectKeyId = Buffer.from(content(inner));
      if (id === OID.keyUsage && inner.tag === TAG.BIT_STRING) {
        const bits = content(inner).subarray(1);
        keyUsage = new Set();
        for (let n = 0; n < bits.length * 8; n++) if ((bits[n >> 3] >> (7 - (n & 7))) & 1) keyUsage.add(n);
      }
    }
  }
  return { subjectDer: Buffer.from(raw(subject)), spkiDer: Buffer.from(raw(spki)), subjectKeyId, keyUsage };
}
