import { children, content, oid, readOid, readRoot, readUnsignedInteger, sequence, time, unsignedInteger, TAG } from './der';
import { normaliseSerial, randomSerial, serialToDerHex, serialToHex } from './serial';

describe('DER reader and writer', () => {
  it('writes minimal INTEGERs and reads them back', () => {
    expect(unsignedInteger(0x7fn).toString('hex')).toBe('02017f');
    expect(unsignedInteger(0x80n).toString('hex')).toBe('02020080'); // a leading zero keeps it positive
    expect(unsignedInteger(0x0100n).toString('hex')).toBe('02020100');
    expect(readUnsignedInteger(readRoot(unsignedInteger(2n ** 100n + 5n)))).toBe(2n ** 100n + 5n);
  });

  it('round-trips OIDs, including large arcs', () => {
    for (const id of ['2.5.29.20', '1.2.840.113549.1.1.11', '1.3.6.1.5.5.7.48.1.2', '2.16.840.1.101.3.4.2.1']) expect(readOid(readRoot(oid(id)))).toBe(id);
    expect(oid('2.5.29.21').toString('hex')).toBe('0603551d15');
  });

  it('uses long-form lengths past 127 bytes and finds children', () => {
    const big = sequence(Buffer.concat(Array.from({ length: 150 }, () => Buffer.from([TAG.NULL, 0]))));
    expect(big.subarray(0, 4).toString('hex')).toBe('3082012c');
    expect(children(readRoot(big))).toHaveLength(150);
    expect(content(readRoot(big))).toHaveLength(300);
  });

  it('writes UTCTime until 2049 and GeneralizedTime from 2050 (RFC 5280)', () => {
    expect(time(new Date('2026-11-27T10:20:30.999Z')).toString('latin1').slice(2)).toBe('261127102030Z');
    expect(time(new Date('2050-01-01T00:00:00Z'))[0]).toBe(TAG.GENERALIZED_TIME);
  });

  it('refuses truncated input and trailing bytes', () => {
    expect(() => readRoot(Buffer.from('3005020101', 'hex'))).toThrow(/past its container/);
    expect(() => readRoot(Buffer.from('02010100', 'hex'))).toThrow(/trailing/);
  });
});

describe('serial numbers', () => {
  it('are positive, at least 64 bits and at most 127 bits of randomness', () => {
    for (let i = 0; i < 200; i++) {
      const s = randomSerial();
      expect(s > 1n << 64n && s < 1n << 127n).toBe(true);
    }
  });

  it('have one canonical text form however they are typed', () => {
    expect(normaliseSerial('0A:1B:FF')).toBe('a1bff');
    expect(normaliseSerial('0x00a1bff')).toBe('a1bff');
    expect(normaliseSerial('zz')).toBeNull();
    expect(normaliseSerial('0')).toBeNull();
    expect(serialToHex(0xa1bffn)).toBe('a1bff');
    expect(serialToDerHex('a1bff')).toBe('0a1bff');
    expect(serialToDerHex('ff')).toBe('00ff');
  });
});
