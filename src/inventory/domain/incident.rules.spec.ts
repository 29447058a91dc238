import { checkReport, closesAssignment, compromisesStation } from './incident.rules';

describe('incidents and disposal', () => {
  it('retiring a laptop needs the erasure method and the certificate reference', () => {
    expect(checkReport('laptop', 'retired', {}).map((p) => p.code)).toEqual(['ERASURE_REQUIRED', 'DISPOSAL_CERTIFICATE_REQUIRED']);
    expect(checkReport('laptop', 'retired', { erasureMethod: 'NIST 800-88 purge', erasureCertificateRef: 'RAEE-2023-17' })).toEqual([]);
  });

  it('a mouse needs the disposal certificate but no erasure method', () => {
    expect(checkReport('mouse', 'retired', { erasureCertificateRef: 'RAEE-2023-17' })).toEqual([]);
    expect(checkReport('mouse', 'retired', {}).map((p) => p.code)).toEqual(['DISPOSAL_CERTIFICATE_REQUIRED']);
  });

  it('other reports need nothing more', () => {
    expect(checkReport('laptop', 'lost', {})).toEqual([]);
  });

  it('a lost or stolen laptop compromises its station certificate and ends the custody', () => {
    expect(compromisesStation('laptop', 'stolen')).toBe(true);
    expect(compromisesStation('laptop', 'lost')).toBe(true);
    expect(compromisesStation('laptop', 'in_repair')).toBe(false);
    expect(compromisesStation('headset', 'stolen')).toBe(false);
    expect(closesAssignment('lost')).toBe(true);
    expect(closesAssignment('in_stock')).toBe(false);
  });
});
