import { DomainError } from '../../common/errors/domain-error';
import { assertAssetTag, assertHostName, assertUsername } from './station-identity';

const code = (fn: () => void) => {
  try {
    fn();
    return 'ok';
  } catch (err) {
    return (err as DomainError).code;
  }
};

describe('what may go into a certificate subject and SAN', () => {
  it('VPN usernames as directories spell them, nothing that could break a DN', () => {
    for (const u of ['mrossi', 'm.rossi', 'mario_rossi', 'm.rossi@comune.prato.it', 'u123']) expect(code(() => assertUsername(u))).toBe('ok');
    for (const u of ['', 'mario rossi', 'CN=evil', 'a,b', '.hidden', 'x'.repeat(65)]) expect(code(() => assertUsername(u))).toBe('INVALID_USERNAME');
  });

  it('asset tags fit in urn:asset:<tag>', () => {
    expect(code(() => assertAssetTag('PO-000123'))).toBe('ok');
    for (const t of ['PO 1', 'a/b', 'urn:asset:x', '']) expect(code(() => assertAssetTag(t))).toBe('INVALID_ASSET_TAG');
  });

  it('gateway names are DNS host names', () => {
    expect(code(() => assertHostName('vpn1.comune.prato.it'))).toBe('ok');
    for (const h of ['-vpn', 'vpn_1.example', 'vpn..example', '']) expect(code(() => assertHostName(h))).toBe('INVALID_HOST_NAME');
  });
});
