import { createPublicKey, verify, KeyObject } from 'node:crypto';
import * as forge from 'node-forge';
import { RuleViolation, ValidationFailed } from '../../common/errors/domain-error';
import { DerError, bitStringBytes, children, expectTag, raw, readOid, readRoot, TAG } from './der';
import { OID, RSA_SIGNATURE_HASH } from './oids';
import { singlePem } from './pem';

export const CSR_REFUSALS = ['CSR_MALFORMED', 'CSR_SIGNATURE_INVALID', 'CSR_KEY_TOO_WEAK', 'CSR_KEY_UNSUPPORTED', 'CSR_SUBJECT_MISMATCH'] as const;
export type CsrRefusal = (typeof CSR_REFUSALS)[number];

export interface InspectedCsr {
  /** The requester's SubjectPublicKeyInfo, the only thing taken from the CSR into the certificate. */
  spkiDer: Buffer;
  keyBits: number;
  subjectCn: string;
}

export const MAX_CSR_PEM_LENGTH = 16 * 1024;

/** SHA-1 is refused: a proof of possession should not rest on a broken hash. */
const ACCEPTED_SIGNATURES = new Set<string>([OID.sha256WithRSAEncryption, OID.sha384WithRSAEncryption, OID.sha512WithRSAEncryption]);

const malformed = (reason: string) =>
  new ValidationFailed([{ field: 'csrPem', messages: [reason] }], `The certificate request is not a valid PKCS#10 request: ${reason}`, 'CSR_MALFORMED');

function decodeValue(tagClass: number, value: string): string {
  if (tagClass === (forge.asn1.Type.UTF8 as number)) return forge.util.decodeUtf8(value);
  if (tagClass === (forge.asn1.Type.BMPSTRING as number)) {
    let out = '';
    for (let i = 0; i + 1 < value.length; i += 2) out += String.fromCharCode((value.charCodeAt(i) << 8) | value.charCodeAt(i + 1));
    return out;
  }
  return value; // PrintableString, IA5String, T61String (latin-1 at worst)
}

/** Every commonName value in a Name, decoded (forge reads the RDN sequence). */
function commonNames(subjectDer: Buffer): string[] {
  const name = forge.asn1.fromDer(subjectDer.toString('binary'));
  const pki = forge.pki as unknown as { RDNAttributesAsArray(rdn: forge.asn1.Asn1): { type: string; value: string; valueTagClass: number }[] };
  return pki
    .RDNAttributesAsArray(name)
    .filter((a) => a.type === OID.commonName)
    .map((a) => decodeValue(a.valueTagClass, String(a.value)));
}

/**
 * Checks a PKCS#10 request the way a CA must before signing anything: it parses, its key is RSA of at least
 * `minBits`, its self-signature verifies (natively) over the exact bytes of CertificationRequestInfo, and its
 * subject CN is exactly the expected VPN username. Requested extensions are ignored on purpose: the
 * certificate's content comes from our profile, never from the requester. Throws coded domain errors.
 */
export function inspectCsr(csrPem: string, expectedCn: string, minBits = 2048): InspectedCsr {
  if (typeof csrPem !== 'string' || csrPem.length > MAX_CSR_PEM_LENGTH) throw malformed('the PEM text is missing or too long');
  const der = singlePem(csrPem, ['CERTIFICATE REQUEST', 'NEW CERTIFICATE REQUEST']);
  if (!der) throw malformed('expected exactly one "BEGIN CERTIFICATE REQUEST" block');

  let cri: Buffer, subjectDer: Buffer, spkiDer: Buffer, algorithm: string, signature: Buffer;
  try {
    const [criNode, algNode, sigNode, ...extra] = children(expectTag(readRoot(der), TAG.SEQUENCE, 'CertificationRequest'));
    if (extra.length) throw new DerError('extra fields');
    const [version, subject, spki] = children(expectTag(criNode, TAG.SEQUENCE, 'CertificationRequestInfo'));
    expectTag(version, TAG.INTEGER, 'version');
    cri = raw(criNode);
    subjectDer = raw(expectTag(subject, TAG.SEQUENCE, 'subject'));
    spkiDer = raw(expectTag(spki, TAG.SEQUENCE, 'subjectPKInfo'));
    algorithm = readOid(children(expectTag(algNode, TAG.SEQUENCE, 'signatureAlgorithm'))[0]);
    signature = bitStringBytes(sigNode);
  } catch (err) {
    throw malformed(err instanceof DerError ? err.message : 'unreadable structure');
  }

  let key: KeyObject;
  try {
    key = createPublicKey({ key: spkiDer, format: 'der', type: 'spki' });
  } catch {
    throw malformed('the public key cannot be read');
  }
  if (key.asymmetricKeyType !== 'rsa') {
    throw new RuleViolation('CSR_KEY_UNSUPPORTED', `Only RSA keys are accepted (this request has a ${key.asymmetricKeyType} key)`, {
      keyType: key.asymmetricKeyType,
    });
  }
  const keyBits = key.asymmetricKeyDetails?.modulusLength ?? 0;
  if (keyBits < minBits) {
    throw new RuleViolation('CSR_KEY_TOO_WEAK', `The RSA key has ${keyBits} bits; at least ${minBits} are required`, { keyBits, minBits });
  }

  const hash = RSA_SIGNATURE_HASH[algorithm];
  if (!hash || !ACCEPTED_SIGNATURES.has(algorithm)) {
    throw new RuleViolation('CSR_SIGNATURE_INVALID', 'The request is signed with an algorithm that is not accepted (use RSA with SHA-256 or stronger)', {
      algorithm,
    });
  }
  let valid = false;
  try {
    valid = verify(hash, cri, key, signature);
  } catch {
    valid = false;
  }
  if (!valid) throw new RuleViolation('CSR_SIGNATURE_INVALID', 'The request signature does not verify with its own key');

  let names: string[];
  try {
    names = commonNames(subjectDer);
  } catch {
    throw malformed('the subject name cannot be read');
  }
  if (names.length !== 1 || names[0] !== expectedCn) {
    throw new RuleViolation('CSR_SUBJECT_MISMATCH', `The request subject CN must be exactly the VPN username "${expectedCn}"`, {
      expected: expectedCn,
      found: names,
    });
  }
  return { spkiDer, keyBits, subjectCn: names[0] };
}
