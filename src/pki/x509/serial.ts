import { randomBytes } from 'node:crypto';

/**
 * Certificate serial numbers: 128 random bits with the top bit cleared, so the INTEGER is positive
 * (RFC 5280 §4.1.2.2 wants positive serials of at most 20 octets; CA/B Forum asks for 64 bits of entropy).
 * The canonical text form used everywhere (database, API, audit) is lowercase hex without leading zeros:
 * the value, not its encoding, so `0A1B…` and `0a1b…` and `0a:1b:…` name the same certificate.
 */
export function randomSerial(): bigint {
  for (;;) {
    const bytes = randomBytes(16);
    bytes[0] &= 0x7f;
    const value = BigInt(`0x${bytes.toString('hex')}`);
    // At least 64 significant bits: a value this small happens once in 2^63 draws, but the rule is the rule.
    if (value >= 1n << 64n) return value;
  }
}

export const serialToHex = (value: bigint): string => value.toString(16);

/** Parses user input (any case, optional colons or 0x prefix); null when it is not a serial. */
export function normaliseSerial(input: string): string | null {
  const cleaned = input.trim().replace(/^0x/i, '').replace(/:/g, '');
  if (!/^[0-9a-fA-F]{1,40}$/.test(cleaned)) return null;
  const value = BigInt(`0x${cleaned}`);
  if (value === 0n) return null;
  return serialToHex(value);
}

/** DER INTEGER content octets for a serial, as node-forge wants them (hex of the minimal encoding). */
export function serialToDerHex(serialHex: string): string {
  let hex = serialHex.length % 2 ? `0${serialHex}` : serialHex;
  if (parseInt(hex.slice(0, 2), 16) & 0x80) hex = `00${hex}`;
  return hex;
}
