/**
 * Identifiers as printed on labels and typed or scanned by technicians. Serials and tags are compared in a
 * normalised form (trimmed, upper case) so a scanner and a keyboard find the same device on either database.
 */
export function normalizeCode(value: string): string {
  return value.trim().toUpperCase();
}

const SERIAL = /^[A-Z0-9][A-Z0-9._/-]{1,99}$/;
const ASSET_TAG = /^[A-Z0-9][A-Z0-9._-]{2,39}$/;
const MAC = /^([0-9A-F]{2})([:-]?)([0-9A-F]{2})\2([0-9A-F]{2})\2([0-9A-F]{2})\2([0-9A-F]{2})\2([0-9A-F]{2})$/;
const PHONE = /^\+?[0-9]{6,15}$/;
const CIG = /^[0-9A-Z]{10}$/;

export function isValidSerial(normalized: string): boolean {
  return SERIAL.test(normalized);
}

export function isValidAssetTag(normalized: string): boolean {
  return ASSET_TAG.test(normalized);
}

/** `AA:BB:CC:DD:EE:FF` from any of the usual spellings, or null when it is not a MAC address. */
export function normalizeMac(value: string): string | null {
  const m = MAC.exec(value.trim().toUpperCase());
  if (!m) return null;
  return [m[1], m[3], m[4], m[5], m[6], m[7]].join(':');
}

/** Luhn check digit, as ICCIDs (ITU-T E.118) carry one. */
export function luhnValid(digits: string): boolean {
  let sum = 0;
  for (let i = 0; i < digits.length; i++) {
    let d = digits.charCodeAt(digits.length - 1 - i) - 48;
    if (i % 2 === 1) {
      d *= 2;
      if (d > 9) d -= 9;
    }
    sum += d;
  }
  return sum % 10 === 0;
}

/** ICCID: 18-22 digits starting with the telecom prefix 89, with a valid Luhn check digit. */
export function normalizeIccid(value: string): string | null {
  const v = value.replace(/[\s-]/g, '');
  if (!/^89[0-9]{16,20}$/.test(v) || !luhnValid(v)) return null;
  return v;
}

export function normalizePhone(value: string): string | null {
  const v = value.replace(/[\s.()-]/g, '');
  return PHONE.test(v) ? v : null;
}

/** Codice Identificativo Gara: 10 characters, digits and upper-case letters (ANAC). */
export function normalizeCig(value: string): string | null {
  const v = normalizeCode(value);
  return CIG.test(v) ? v : null;
}

/** Generated asset tags: `<PREFIX>-<7 digits>`; a counter row hands out the numbers. */
export function formatAssetTag(prefix: string, n: number): string {
  return `${prefix}-${String(n).padStart(7, '0')}`;
}
