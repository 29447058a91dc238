import {
  formatAssetTag,
  isValidAssetTag,
  isValidSerial,
  luhnValid,
  normalizeCig,
  normalizeCode,
  normalizeIccid,
  normalizeMac,
  normalizePhone,
} from './identifiers';

describe('identifiers typed or scanned by technicians', () => {
  it('normalises serials and tags so scanner and keyboard agree', () => {
    expect(normalizeCode('  pf3abc12 ')).toBe('PF3ABC12');
    expect(isValidSerial('PF3ABC12')).toBe(true);
    expect(isValidSerial('5CD-123/45.A')).toBe(true);
    expect(isValidSerial('X')).toBe(false);
    expect(isValidSerial('HAS SPACE')).toBe(false);
    expect(isValidAssetTag('INV-0000001')).toBe(true);
    expect(isValidAssetTag('A;DROP')).toBe(false);
  });

  it('accepts MAC addresses in the usual spellings', () => {
    expect(normalizeMac('aa-bb-cc-dd-ee-ff')).toBe('AA:BB:CC:DD:EE:FF');
    expect(normalizeMac('aabbccddeeff')).toBe('AA:BB:CC:DD:EE:FF');
    expect(normalizeMac('aa:bb-cc:dd:ee:ff')).toBeNull();
    expect(normalizeMac('zz:bb:cc:dd:ee:ff')).toBeNull();
  });

  it('checks ICCIDs: prefix 89, length and Luhn digit', () => {
    expect(luhnValid('79927398713')).toBe(true);
    expect(normalizeIccid('8939 1000 0000 0000 000')).toBe('8939100000000000000');
    expect(normalizeIccid('8939100000000000001')).toBeNull();
    expect(normalizeIccid('1239100000000000000')).toBeNull();
  });

  it('checks phone numbers and CIG codes', () => {
    expect(normalizePhone('+39 333 123 4567')).toBe('+393331234567');
    expect(normalizePhone('abc')).toBeNull();
    expect(normalizeCig('8563412a7f')).toBe('8563412A7F');
    expect(normalizeCig('123')).toBeNull();
  });

  it('formats generated tags with a fixed width', () => {
    expect(formatAssetTag('INV', 42)).toBe('INV-0000042');
  });
});
