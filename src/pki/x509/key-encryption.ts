import { KeyObject, createCipheriv, createDecipheriv, createPrivateKey, pbkdf2, randomBytes } from 'node:crypto';
import { promisify } from 'node:util';
import { DerError, children, content, expectTag, octetString, oid, readOid, readRoot, readUnsignedInteger, sequence, TAG, unsignedInteger } from './der';
import { pemBlocks, toPem } from './pem';

const pbkdf2Async = promisify(pbkdf2);

/**
 * How the CA key is encrypted at rest: standard PKCS #8 EncryptedPrivateKeyInfo with PBES2 (RFC 8018), so
 * `openssl pkey -in ca.key` and any tool that reads encrypted PKCS #8 still open it — but with our own KDF
 * parameters. Node's `KeyObject.export({ cipher, passphrase })` (OpenSSL's PKCS8_encrypt default) stretches the
 * passphrase with PBKDF2-HMAC-SHA256 and only 2,048 iterations; OWASP (2023) asks for at least 600,000. scrypt
 * would be memory-hard, but OpenSSL 3.0 refuses to decode scrypt-protected PKCS #8 above N = 2^14 (its 32 MB
 * limit), which would leave the file unreadable by openssl: PBKDF2 it is.
 */
export const KEY_ENCRYPTION_POLICY = { kdf: 'PBKDF2', prf: 'hmacWithSHA256', iterations: 600_000, cipher: 'aes-256-cbc', saltBytes: 16 } as const;

const OIDS = {
  pbes2: '1.2.840.113549.1.5.13',
  pbkdf2: '1.2.840.113549.1.5.12',
  scrypt: '1.3.6.1.4.1.11591.4.11',
  hmacWithSHA1: '1.2.840.113549.2.7',
  hmacWithSHA256: '1.2.840.113549.2.9',
  hmacWithSHA384: '1.2.840.113549.2.10',
  hmacWithSHA512: '1.2.840.113549.2.11',
  'aes-128-cbc': '2.16.840.1.101.3.4.1.2',
  'aes-192-cbc': '2.16.840.1.101.3.4.1.22',
  'aes-256-cbc': '2.16.840.1.101.3.4.1.42',
} as const;

const PRF_DIGEST: Record<string, string> = { hmacWithSHA1: 'sha1', hmacWithSHA256: 'sha256', hmacWithSHA384: 'sha384', hmacWithSHA512: 'sha512' };
const CIPHER_KEY_BYTES: Record<string, number> = { 'aes-128-cbc': 16, 'aes-192-cbc': 24, 'aes-256-cbc': 32 };
const nameOf = (id: string): string => Object.entries(OIDS).find(([, v]) => v === id)?.[0] ?? id;

/** What protects an encrypted PKCS #8 key, read from its header (no passphrase needed). */
export interface KeyEncryptionParams {
  /** `PBES2`, or the OID of another scheme (e.g. a PKCS #5 v1.5 PBE). */
  scheme: string;
  kdf?: string;
  prf?: string;
  iterations?: number;
  saltBytes?: number;
  cipher?: string;
}

interface Parsed {
  params: KeyEncryptionParams;
  /** Present for PBES2 with PBKDF2: what decryption needs. */
  pbkdf2?: { salt: Buffer; iv: Buffer; encrypted: Buffer };
}

function encryptedKeyDer(pem: string): Buffer | null {
  const block = pemBlocks(pem).find((b) => b.label === 'ENCRYPTED PRIVATE KEY');
  return block ? block.der : null;
}

function parse(der: Buffer): Parsed {
  const [algorithm, data] = children(expectTag(readRoot(der), TAG.SEQUENCE, 'EncryptedPrivateKeyInfo'));
  const [schemeOid, schemeParams] = children(expectTag(algorithm, TAG.SEQUENCE, 'encryptionAlgorithm'));
  const scheme = nameOf(readOid(schemeOid));
  if (scheme !== 'pbes2') return { params: { scheme } };
  const [kdfAlg, cipherAlg] = children(expectTag(schemeParams, TAG.SEQUENCE, 'PBES2-params'));
  const [kdfOid, kdfParams] = children(expectTag(kdfAlg, TAG.SEQUENCE, 'keyDerivationFunc'));
  const [cipherOid, ivNode] = children(expectTag(cipherAlg, TAG.SEQUENCE, 'encryptionScheme'));
  const kdf = nameOf(readOid(kdfOid));
  const cipher = nameOf(readOid(cipherOid));
  if (kdf !== 'pbkdf2') return { params: { scheme: 'PBES2', kdf, cipher } };
  const fields = children(expectTag(kdfParams, TAG.SEQUENCE, 'PBKDF2-params'));
  const salt = content(expectTag(fields[0], TAG.OCTET_STRING, 'salt'));
  const iterations = Number(readUnsignedInteger(fields[1]));
  // keyLength (INTEGER) is optional; the PRF defaults to hmacWithSHA1 when absent
  const prfNode = fields.slice(2).find((f) => f.tag === TAG.SEQUENCE);
  const prf = prfNode ? nameOf(readOid(children(prfNode)[0])) : 'hmacWithSHA1';
  if (!Number.isSafeInteger(iterations) || iterations < 1) throw new DerError('PBKDF2 iteration count out of range');
  return {
    params: { scheme: 'PBES2', kdf: 'PBKDF2', prf, iterations, saltBytes: salt.length, cipher },
    pbkdf2: { salt, iv: content(expectTag(ivNode, TAG.OCTET_STRING, 'iv')), encrypted: content(expectTag(data, TAG.OCTET_STRING, 'encryptedData')) },
  };
}

/** The header of an encrypted PKCS #8 PEM, or null when the text holds no encrypted key (or garbage). */
export function keyEncryptionParams(pem: string): KeyEncryptionParams | null {
  const der = encryptedKeyDer(pem);
  if (!der) return null;
  try {
    return parse(der).params;
  } catch (err) {
    if (err instanceof DerError) return null;
    throw err;
  }
}

/** True when the key is protected as the policy asks today (a key written before needs re-wrapping). */
export function meetsKeyEncryptionPolicy(params: KeyEncryptionParams | null): boolean {
  return (
    !!params &&
    params.scheme === 'PBES2' &&
    params.kdf === KEY_ENCRYPTION_POLICY.kdf &&
    params.prf === KEY_ENCRYPTION_POLICY.prf &&
    (params.iterations ?? 0) >= KEY_ENCRYPTION_POLICY.iterations &&
    (params.saltBytes ?? 0) >= KEY_ENCRYPTION_POLICY.saltBytes &&
    params.cipher === KEY_ENCRYPTION_POLICY.cipher
  );
}

/** PKCS #8 PEM (`ENCRYPTED PRIVATE KEY`): PBES2, PBKDF2-HMAC-SHA256 × 600,000, AES-256-CBC; ~0.15 s, off the event loop. */
export async function encryptPrivateKey(key: KeyObject, passphrase: string, iterations: number = KEY_ENCRYPTION_POLICY.iterations): Promise<string> {
  const salt = randomBytes(KEY_ENCRYPTION_POLICY.saltBytes);
  const iv = randomBytes(16);
  const derived = await pbkdf2Async(passphrase, salt, iterations, 32, 'sha256');
  const cipher = createCipheriv('aes-256-cbc', derived, iv);
  const plain = key.export({ type: 'pkcs8', format: 'der' });
  const encrypted = Buffer.concat([cipher.update(plain), cipher.final()]);
  const der = sequence(
    sequence(
      oid(OIDS.pbes2),
      sequence(
        sequence(
          oid(OIDS.pbkdf2),
          sequence(octetString(salt), unsignedInteger(BigInt(iterations)), sequence(oid(OIDS.hmacWithSHA256), Buffer.from([TAG.NULL, 0]))),
        ),
        sequence(oid(OIDS['aes-256-cbc']), octetString(iv)),
      ),
    ),
    octetString(encrypted),
  );
  return toPem('ENCRYPTED PRIVATE KEY', der);
}

/**
 * Opens an encrypted PKCS #8 key. PBES2 with PBKDF2 and AES-CBC (ours, and Node's/OpenSSL's default output) is
 * derived asynchronously so 600,000 iterations do not stall the event loop; anything else goes to OpenSSL.
 * Throws on a wrong passphrase.
 */
export async function decryptPrivateKey(pem: string, passphrase: string): Promise<KeyObject> {
  const der = encryptedKeyDer(pem);
  const parsed = der ? parseOrNull(der) : null;
  if (!parsed?.pbkdf2 || !PRF_DIGEST[parsed.params.prf ?? ''] || !CIPHER_KEY_BYTES[parsed.params.cipher ?? '']) {
    return createPrivateKey({ key: pem, format: 'pem', passphrase });
  }
  const { params } = parsed;
  const { salt, iv, encrypted } = parsed.pbkdf2;
  const cipher = params.cipher as string;
  const derived = await pbkdf2Async(passphrase, salt, params.iterations as number, CIPHER_KEY_BYTES[cipher], PRF_DIGEST[params.prf as string]);
  const decipher = createDecipheriv(cipher, derived, iv);
  const plain = Buffer.concat([decipher.update(encrypted), decipher.final()]); // a wrong passphrase fails the padding check…
  return createPrivateKey({ key: plain, format: 'der', type: 'pkcs8' }); // …or, rarely, the structure
}

function parseOrNull(der: Buffer): Parsed | null {
  try {
    return parse(der);
  } catch (err) {
    if (err instanceof DerError) return null;
    throw err;
  }
}
