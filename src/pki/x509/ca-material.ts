import { KeyObject, X509Certificate, createHash, createPrivateKey, generateKeyPair } from 'node:crypto';
import { promisify } from 'node:util';
import { RuleViolation, ValidationFailed } from '../../common/errors/domain-error';
import type { CodeOf } from '../../common/errors/error-catalog';
import { buildCertificate, certificateParts, keyIdentifier } from './certificate-builder';
import { bitStringBytes, children, readRoot } from './der';
import { SubjectName } from './names';
import { decryptPrivateKey, encryptPrivateKey } from './key-encryption';
import { pemBlocks } from './pem';
import { randomSerial, serialToHex } from './serial';

const generateKeyPairAsync = promisify(generateKeyPair);

export const MIN_CA_KEY_BITS = 2048;

/** Everything the PKI needs to know about its CA, derived once from the certificate. */
export interface CaFacts {
  certificatePem: string;
  certificateDer: Buffer;
  subject: string;
  notBefore: Date;
  notAfter: Date;
  fingerprintSha256: string;
  subjectDer: Buffer;
  /** The key identifier leaf certificates and CRLs name in authorityKeyIdentifier. */
  keyId: Buffer;
  /** subjectPublicKey bits: what OCSP CertIDs hash as issuerKeyHash. */
  publicKeyBits: Buffer;
}

export function caFacts(certificatePem: string): CaFacts {
  const x509 = new X509Certificate(certificatePem);
  const der = x509.raw;
  const parts = certificateParts(der);
  const [, keyBits] = children(readRoot(parts.spkiDer));
  return {
    certificatePem: x509.toString(),
    certificateDer: der,
    subject: x509.subject.split('\n').reverse().join(', '),
    notBefore: new Date(x509.validFrom),
    notAfter: new Date(x509.validTo),
    fingerprintSha256: createHash('sha256').update(der).digest('hex'),
    subjectDer: parts.subjectDer,
    keyId: parts.subjectKeyId ?? keyIdentifier(parts.spkiDer),
    publicKeyBits: bitStringBytes(keyBits),
  };
}

/** The CA key at rest: PKCS#8 PBES2, PBKDF2-HMAC-SHA256 × 600,000, AES-256-CBC (see key-encryption.ts). */
export function encryptKey(key: KeyObject, passphrase: string): Promise<string> {
  return encryptPrivateKey(key, passphrase);
}

/** Opens the stored key, whatever parameters it was written with (older installs: 2,048 iterations). */
export function decryptKey(encryptedPem: string, passphrase: string): Promise<KeyObject> {
  return decryptPrivateKey(encryptedPem, passphrase);
}

export interface GeneratedCa {
  certificatePem: string;
  privateKey: KeyObject;
}

/** A self-signed root for a first start: basicConstraints CA:true, keyCertSign + cRLSign, native RSA key. */
export async function generateCa(options: { subject: SubjectName; validityDays: number; keySize: number; now: Date }): Promise<GeneratedCa> {
  const { publicKey, privateKey } = await generateKeyPairAsync('rsa', { modulusLength: options.keySize });
  const notBefore = new Date(options.now.getTime() - 60_000);
  const built = buildCertificate(
    {
      serialHex: serialToHex(randomSerial()),
      subject: options.subject,
      spkiDer: publicKey.export({ type: 'spki', format: 'der' }),
      notBefore,
      notAfter: new Date(options.now.getTime() + options.validityDays * 86_400_000),
      profile: { kind: 'ca' },
    },
    { selfKey: privateKey },
  );
  return { certificatePem: built.pem, privateKey };
}

export interface CaImportInput {
  certificatePem: string;
  keyPem: string;
  chainPem?: string;
  /** For an encrypted key file; the key is re-encrypted under CA_PASSPHRASE either way. */
  keyPassphrase?: string;
  now: Date;
}

export interface ValidatedCaImport {
  certificatePem: string;
  chainPems: string[];
  privateKey: KeyObject;
}

const invalid = (code: CodeOf<'rule'>, message: string) => new RuleViolation(code, message);

/**
 * Checks an existing CA (root or intermediate) before it replaces ours: a CA certificate allowed to sign
 * certificates and CRLs, in validity, with an RSA key of at least 2048 bits that matches, and a chain whose
 * every link verifies. Nothing is written by this function.
 */
export function validateCaImport(input: CaImportInput): ValidatedCaImport {
  const certBlocks = pemBlocks(input.certificatePem).filter((b) => b.label === 'CERTIFICATE');
  if (certBlocks.length !== 1) {
    throw new ValidationFailed(
      [{ field: 'cert', messages: ['expected exactly one CERTIFICATE block'] }],
      'The CA certificate file is not valid',
      'CA_CERTIFICATE_INVALID',
    );
  }
  let cert: X509Certificate;
  try {
    cert = new X509Certificate(certBlocks[0].der);
  } catch {
    throw new ValidationFailed([{ field: 'cert', messages: ['not an X.509 certificate'] }], 'The CA certificate file is not valid', 'CA_CERTIFICATE_INVALID');
  }
  let key: KeyObject;
  try {
    key = createPrivateKey({ key: input.keyPem, format: 'pem', passphrase: input.keyPassphrase });
  } catch (err) {
    const encrypted = /ENCRYPTED/.test(input.keyPem);
    throw new ValidationFailed(
      [{ field: 'key', messages: [encrypted ? 'the key is encrypted: give its passphrase (or a wrong one was given)' : 'not a PEM private key'] }],
      'The CA key file cannot be read',
      encrypted ? 'CA_KEY_PASSPHRASE_WRONG' : 'CA_KEY_INVALID',
    );
  }
  if (!cert.ca) throw invalid('CA_NOT_A_CA', 'The certificate is not a CA certificate (basicConstraints CA:TRUE is missing)');
  const usage = certificateParts(cert.raw).keyUsage;
  if (usage && (!usage.has(5) || !usage.has(6))) throw invalid('CA_KEY_USAGE', 'The CA certificate key usage must allow keyCertSign and cRLSign');
  if (key.asymmetricKeyType !== 'rsa') throw invalid('CA_KEY_UNSUPPORTED', 'Only RSA CA keys are supported');
  if ((key.asymmetricKeyDetails?.modulusLength ?? 0) < MIN_CA_KEY_BITS)
    throw invalid('CA_KEY_TOO_WEAK', `The CA key must have at least ${MIN_CA_KEY_BITS} bits`);
  if (!cert.checkPrivateKey(key)) throw invalid('CA_KEY_MISMATCH', 'The private key does not belong to the CA certificate');
  if (new Date(cert.validTo) <= input.now || new Date(cert.validFrom) > input.now)
    throw invalid('CA_NOT_VALID_NOW', 'The CA certificate is expired or not yet valid');

  const chain = input.chainPem ? pemBlocks(input.chainPem).filter((b) => b.label === 'CERTIFICATE') : [];
  const chainCerts: X509Certificate[] = [];
  try {
    for (const block of chain) chainCerts.push(new X509Certificate(block.der));
  } catch {
    throw invalid('CA_CHAIN_INVALID', 'The chain file holds something that is not a certificate');
  }
  let child = cert;
  for (const parent of chainCerts) {
    if (!parent.ca || !child.checkIssued(parent) || !child.verify(parent.publicKey)) {
      throw invalid(
        'CA_CHAIN_INVALID',
        `The chain is broken at "${parent.subject.replace(/\n/g, ', ')}": it did not issue "${child.subject.replace(/\n/g, ', ')}"`,
      );
    }
    child = parent;
  }
  // Gateways verify up to a trust anchor: an intermediate must come with its chain up to a self-signed root.
  if (!child.checkIssued(child)) {
    throw invalid('CA_CHAIN_MISSING', 'The CA is an intermediate: give the chain up to the self-signed root with --chain');
  }
  return { certificatePem: cert.toString(), chainPems: chainCerts.map((c) => c.toString()), privateKey: key };
}
