/**
 * A minimal DER reader and writer over Buffers.
 *
 * The reader exists to take exact byte ranges out of structures we did not write (the signed part of a CSR,
 * the issuer Name of an imported CA, the key bits an OCSP CertID hashes): re-encoding them through a parser
 * could change a byte and break a signature or a hash. The writer exists for the one hot loop where
 * node-forge's ASN.1 writer is too slow: the revoked-certificate list of a large CRL (10,000 entries took
 * ~210 ms with forge on this machine, against ~10 ms here). Everything else is built with node-forge.
 */

export class DerError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'DerError';
  }
}

export const TAG = {
  BOOLEAN: 0x01,
  INTEGER: 0x02,
  BIT_STRING: 0x03,
  OCTET_STRING: 0x04,
  NULL: 0x05,
  OID: 0x06,
  ENUMERATED: 0x0a,
  UTF8_STRING: 0x0c,
  PRINTABLE_STRING: 0x13,
  IA5_STRING: 0x16,
  UTC_TIME: 0x17,
  GENERALIZED_TIME: 0x18,
  SEQUENCE: 0x30,
  SET: 0x31,
} as const;

/** Context-specific tag number n: constructed (explicit tagging, [n] { … }) or primitive (implicit). */
export const context = (n: number, constructed: boolean): number => 0x80 | (constructed ? 0x20 : 0) | n;

export interface DerNode {
  /** The identifier octet (single-byte tags only: enough for X.509, CRLs, CSRs and OCSP). */
  tag: number;
  /** Offset of the identifier octet in `buf`. */
  start: number;
  /** Offset of the first content octet. */
  contentStart: number;
  /** Offset just past the content. */
  end: number;
  buf: Buffer;
}

export function readNode(buf: Buffer, offset = 0, limit = buf.length): DerNode {
  if (offset + 2 > limit) throw new DerError('truncated DER');
  const tag = buf[offset];
  if ((tag & 0x1f) === 0x1f) throw new DerError('multi-byte tags are not supported');
  let pos = offset + 1;
  let length = buf[pos++];
  if (length & 0x80) {
    const octets = length & 0x7f;
    if (octets === 0 || octets > 4) throw new DerError('unsupported DER length');
    if (pos + octets > limit) throw new DerError('truncated DER length');
    length = 0;
    for (let i = 0; i < octets; i++) length = length * 256 + buf[pos++];
  }
  const end = pos + length;
  if (end > limit) throw new DerError('DER length runs past its container');
  return { tag, start: offset, contentStart: pos, end, buf };
}

/** Parses a whole buffer as one element, refusing trailing bytes. */
export function readRoot(buf: Buffer): DerNode {
  const node = readNode(buf, 0);
  if (node.end !== buf.length) throw new DerError('trailing bytes after DER element');
  return node;
}

export function children(node: DerNode): DerNode[] {
  const out: DerNode[] = [];
  let pos = node.contentStart;
  while (pos < node.end) {
    const child = readNode(node.buf, pos, node.end);
    out.push(child);
    pos = child.end;
  }
  return out;
}

export function expectTag(node: DerNode | undefined, tag: number, what: string): DerNode {
  if (!node || node.tag !== tag) throw new DerError(`${what}: expected tag 0x${tag.toString(16)}`);
  return node;
}

/** The whole element, header included. */
export const raw = (node: DerNode): Buffer => node.buf.subarray(node.start, node.end);
export const content = (node: DerNode): Buffer => node.buf.subarray(node.contentStart, node.end);

export function readOid(node: DerNode): string {
  expectTag(node, TAG.OID, 'OID');
  const bytes = content(node);
  if (bytes.length === 0) throw new DerError('empty OID');
  const parts: number[] = [];
  let value = 0;
  for (let i = 0; i < bytes.length; i++) {
    value = value * 128 + (bytes[i] & 0x7f);
    if (!(bytes[i] & 0x80)) {
      if (parts.length === 0) {
        const first = value < 80 ? Math.floor(value / 40) : 2;
        parts.push(first, value - first * 40);
      } else {
        parts.push(value);
      }
      value = 0;
    }
  }
  return parts.join('.');
}

/** INTEGER content as an unsigned big integer (serial numbers are positive). */
export function readUnsignedInteger(node: DerNode): bigint {
  expectTag(node, TAG.INTEGER, 'INTEGER');
  const bytes = content(node);
  if (bytes.length === 0) throw new DerError('empty INTEGER');
  if (bytes[0] & 0x80) throw new DerError('negative INTEGER');
  return BigInt(`0x${bytes.toString('hex')}`);
}

/** BIT STRING content without the unused-bits octet (key bits, signatures). */
export function bitStringBytes(node: DerNode): Buffer {
  expectTag(node, TAG.BIT_STRING, 'BIT STRING');
  const bytes = content(node);
  if (bytes.length === 0 || bytes[0] !== 0) throw new DerError('BIT STRING with unused bits');
  return bytes.subarray(1);
}

// ---- writer ----

function lengthOctets(length: number): Buffer {
  if (length < 0x80) return Buffer.from([length]);
  const bytes: number[] = [];
  for (let n = length; n > 0; n = Math.floor(n / 256)) bytes.unshift(n & 0xff);
  return Buffer.from([0x80 | bytes.length, ...bytes]);
}

export function tlv(tag: number, ...parts: Buffer[]): Buffer {
  const body = parts.length === 1 ? parts[0] : Buffer.concat(parts);
  return Buffer.concat([Buffer.from([tag]), lengthOctets(body.length), body]);
}

export const sequence = (...parts: Buffer[]): Buffer => tlv(TAG.SEQUENCE, ...parts);

/** Minimal two's-complement encoding of a non-negative integer. */
export function unsignedInteger(value: bigint): Buffer {
  if (value < 0n) throw new DerError('negative integers are not written here');
  let hex = value.toString(16);
  if (hex.length % 2) hex = `0${hex}`;
  let bytes = Buffer.from(hex, 'hex');
  if (bytes[0] & 0x80) bytes = Buffer.concat([Buffer.from([0]), bytes]);
  return tlv(TAG.INTEGER, bytes);
}

export const enumerated = (value: number): Buffer => tlv(TAG.ENUMERATED, Buffer.from([value]));

export function oid(dotted: string): Buffer {
  const parts = dotted.split('.').map((p) => Number(p));
  if (parts.length < 2 || parts.some((p) => !Number.isInteger(p) || p < 0)) throw new DerError(`bad OID ${dotted}`);
  const bytes: number[] = [];
  const encode = (n: number) => {
    const chunk: number[] = [n & 0x7f];
    for (let v = Math.floor(n / 128); v > 0; v = Math.floor(v / 128)) chunk.unshift((v & 0x7f) | 0x80);
    bytes.push(...chunk);
  };
  encode(parts[0] * 40 + parts[1]);
  for (const p of parts.slice(2)) encode(p);
  return tlv(TAG.OID, Buffer.from(bytes));
}

export const octetString = (bytes: Buffer): Buffer => tlv(TAG.OCTET_STRING, bytes);
export const bitString = (bytes: Buffer): Buffer => tlv(TAG.BIT_STRING, Buffer.from([0]), bytes);
export const nullValue = (): Buffer => Buffer.from([TAG.NULL, 0]);

const pad = (n: number, width = 2) => String(n).padStart(width, '0');

/** RFC 5280 §4.1.2.5: UTCTime through 2049, GeneralizedTime from 2050; always whole seconds, Zulu. */
export function time(date: Date): Buffer {
  const y = date.getUTCFullYear();
  const rest = `${pad(date.getUTCMonth() + 1)}${pad(date.getUTCDate())}${pad(date.getUTCHours())}${pad(date.getUTCMinutes())}${pad(date.getUTCSeconds())}Z`;
  if (y >= 1950 && y < 2050) return tlv(TAG.UTC_TIME, Buffer.from(`${pad(y % 100)}${rest}`, 'ascii'));
  return generalizedTime(date);
}

export function generalizedTime(date: Date): Buffer {
  const rest = `${pad(date.getUTCMonth() + 1)}${pad(date.getUTCDate())}${pad(date.getUTCHours())}${pad(date.getUTCMinutes())}${pad(date.getUTCSeconds())}Z`;
  return tlv(TAG.GENERALIZED_TIME, Buffer.from(`${pad(date.getUTCFullYear(), 4)}${rest}`, 'ascii'));
}
