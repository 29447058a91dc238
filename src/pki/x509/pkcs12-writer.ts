import { KeyObject, createHash, createHmac, randomBytes, randomInt } from 'node:crypto';
import * as forge from 'node-forge';
import { OID } from './oids';

const asn1 = forge.asn1;
const bin = (b: Buffer): string => b.toString('binary');
const buf = (s: string): Buffer => Buffer.from(s, 'binary');

export const PKCS12_ITERATIONS = 2048;

const create = asn1.create.bind(asn1);
const U = asn1.Class.UNIVERSAL;
const T = asn1.Type;
const seq = (...v: forge.asn1.Asn1[]) => create(U, T.SEQUENCE, true, v);
const oidNode = (id: string) => create(U, T.OID, false, asn1.oidToDer(id).getBytes());
const octet = (b: Buffer) => create(U, T.OCTETSTRING, false, bin(b));
const explicit0 = (...v: forge.asn1.Asn1[]) => create(asn1.Class.CONTEXT_SPECIFIC, 0, true, v);

/**
 * RFC 7292 appendix B.2 key derivation (the PKCS #12 KDF), native SHA-256; `id` 3 derives MAC keys.
 * Only outputs up to one hash length are needed here (a 32-byte HMAC-SHA256 key).
 */
export function pkcs12Kdf(password: string, salt: Buffer, id: number, iterations: number, length: number): Buffer {
  const u = 32;
  const v = 64;
  if (length > u) throw new Error('pkcs12Kdf: only one block is implemented');
  const pass = Buffer.alloc(password.length * 2 + 2);
  for (let i = 0; i < password.length; i++) pass.writeUInt16BE(password.charCodeAt(i), i * 2); // BMPString + NUL
  const fill = (src: Buffer) => {
    if (src.length === 0) return Buffer.alloc(0);
    const out = Buffer.alloc(v * Math.ceil(src.length / v));
    for (let i = 0; i < out.length; i++) out[i] = src[i % src.length];
    return out;
  };
  let a = Buffer.concat([Buffer.alloc(v, id), fill(salt), fill(pass)]);
  for (let i = 0; i < iterations; i++) a = createHash('sha256').update(a).digest();
  return a.subarray(0, length);
}

/** A password for a one-time download: ~119 bits from an alphabet without look-alike characters. */
export function oneTimePassword(length = 22): string {
  const alphabet = 'ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz23456789';
  let out = '';
  for (let i = 0; i < length; i++) out += alphabet[randomInt(alphabet.length)];
  return out;
}

function bagAttributes(localKeyId: Buffer, friendlyName: string | undefined): forge.asn1.Asn1 {
  const attrs = [seq(oidNode(OID.localKeyId), create(U, T.SET, true, [octet(localKeyId)]))];
  if (friendlyName) {
    // forge writes a BMPSTRING's JavaScript string as UTF-16 code units itself
    attrs.push(seq(oidNode(OID.friendlyName), create(U, T.SET, true, [create(U, T.BMPSTRING, false, friendlyName)])));
  }
  return create(U, T.SET, true, attrs);
}

function dataContentInfo(safeContents: forge.asn1.Asn1): forge.asn1.Asn1 {
  return seq(oidNode(OID.pkcs7Data), explicit0(create(U, T.OCTETSTRING, false, asn1.toDer(safeContents).getBytes())));
}

/**
 * The key as the PKCS#12 carries it (pkcs8ShroudedKeyBag content): EncryptedPrivateKeyInfo, PBES2 with
 * PBKDF2-HMAC-SHA256 (OpenSSL's 2,048 iterations) and AES-256-CBC. The iteration count is not what protects it:
 * the password is the ~119-bit random one-time password, out of reach of any guessing (the CA key, whose
 * passphrase a person chooses, is stretched 600,000 times: key-encryption.ts).
 */
export function shroudKey(privateKey: KeyObject, password: string): Buffer {
  return privateKey.export({ type: 'pkcs8', format: 'der', cipher: 'aes-256-cbc', passphrase: password });
}

export interface Pkcs12Input {
  /** The key, or the key already shrouded under `password` (shroudKey). */
  privateKey: KeyObject | { shroudedDer: Buffer };
  /** Leaf certificate first, then the CA chain. */
  certificatesDer: Buffer[];
  password: string;
  friendlyName?: string;
}

/**
 * A PKCS #12 file that OpenSSL 3 opens without `-legacy`: the key is a pkcs8ShroudedKeyBag encrypted by
 * Node's native PKCS #8 export (PBES2: PBKDF2-HMAC-SHA256 + AES-256-CBC), the certificates sit in a plain
 * SafeContents (they are public), and the integrity MAC is HMAC-SHA256 under the PKCS #12 KDF — the same
 * choices `openssl pkcs12 -export` makes by default. node-forge writes the ASN.1 (its own toPkcs12Asn1 can
 * only MAC with SHA-1 and encrypts in pure JavaScript).
 */
export function writePkcs12(input: Pkcs12Input): Buffer {
  if (input.certificatesDer.length === 0) throw new Error('a PKCS#12 needs at least the leaf certificate');
  const localKeyId = createHash('sha1').update(input.certificatesDer[0]).digest();
  const attributes = bagAttributes(localKeyId, input.friendlyName);

  const certBags = input.certificatesDer.map((der, i) =>
    seq(oidNode(OID.certBag), explicit0(seq(oidNode(OID.x509Certificate), explicit0(octet(der)))), ...(i === 0 ? [attributes] : [])),
  );
  const encryptedKey = 'shroudedDer' in input.privateKey ? input.privateKey.shroudedDer : shroudKey(input.privateKey, input.password);
  const keyBag = seq(oidNode(OID.pkcs8ShroudedKeyBag), explicit0(asn1.fromDer(bin(encryptedKey))), attributes);

  const authSafe = seq(dataContentInfo(seq(...certBags)), dataContentInfo(seq(keyBag)));
  const authSafeDer = buf(asn1.toDer(authSafe).getBytes());

  const macSalt = randomBytes(16);
  const macKey = pkcs12Kdf(input.password, macSalt, 3, PKCS12_ITERATIONS, 32);
  const mac = createHmac('sha256', macKey).update(authSafeDer).digest();
  const macData = seq(
    seq(seq(oidNode(OID.sha256), create(U, T.NULL, false, '')), octet(mac)),
    octet(macSalt),
    create(U, T.INTEGER, false, asn1.integerToDer(PKCS12_ITERATIONS).getBytes()),
  );
  const pfx = seq(create(U, T.INTEGER, false, asn1.integerToDer(3).getBytes()), seq(oidNode(OID.pkcs7Data), explicit0(octet(authSafeDer))), macData);
  return buf(asn1.toDer(pfx).getBytes());
}
