import { DomainError } from '../../common/errors/domain-error';
import { isRevocationReason, planHoldRelease, planRevocation, reasonCode, reasonName } from './revocation';

const codeOf = (fn: () => unknown): string => {
  try {
    fn();
  } catch (err) {
    return (err as DomainError).code;
  }
  return 'allowed';
};

describe('revocation rules (RFC 5280 reasons, hold and release)', () => {
  it('a laptop is stolen: a valid certificate is revoked for good with keyCompromise', () => {
    expect(planRevocation('valid', 'keyCompromise')).toBe('revoked');
    expect(reasonCode('keyCompromise')).toBe(1);
  });

  it('a laptop goes to repair: certificateHold suspends, and lifting the hold makes it valid again', () => {
    expect(planRevocation('valid', 'certificateHold')).toBe('on_hold');
    expect(planHoldRelease('on_hold')).toBe('valid');
    expect(codeOf(() => planRevocation('on_hold', 'certificateHold'))).toBe('CERTIFICATE_ALREADY_ON_HOLD');
  });

  it('the laptop on hold turns out to be lost: the hold becomes a permanent revocation', () => {
    expect(planRevocation('on_hold', 'keyCompromise')).toBe('revoked');
  });

  it('a revoked certificate can never be revoked again nor reinstated', () => {
    expect(codeOf(() => planRevocation('revoked', 'superseded'))).toBe('CERTIFICATE_ALREADY_REVOKED');
    expect(codeOf(() => planHoldRelease('revoked'))).toBe('CERTIFICATE_NOT_ON_HOLD');
    expect(codeOf(() => planHoldRelease('valid'))).toBe('CERTIFICATE_NOT_ON_HOLD');
  });

  it('a suspended VPN account: its hold is lifted by resuming the account, never through the certificate alone', () => {
    const owned = { owner: 'vpn-account' as const, vpnAccountId: 'a1' };
    expect(codeOf(() => planHoldRelease('on_hold', { ...owned, by: 'manual' }))).toBe('CERTIFICATE_HOLD_OWNED_BY_ACCOUNT');
    expect(planHoldRelease('on_hold', { ...owned, by: 'vpn-account' })).toBe('valid');
    // a hold the hot-line placed by hand (or one recorded before owners were) is lifted by hand
    expect(planHoldRelease('on_hold', { owner: 'manual', by: 'manual' })).toBe('valid');
    expect(planHoldRelease('on_hold', { owner: null, by: 'manual' })).toBe('valid');
    // the state comes first: a revoked certificate is not on hold, whoever asks
    expect(codeOf(() => planHoldRelease('revoked', { ...owned, by: 'vpn-account' }))).toBe('CERTIFICATE_NOT_ON_HOLD');
  });

  it('accepts the end-entity reasons only; removeFromCRL and CA compromise are not reasons to give', () => {
    for (const r of ['unspecified', 'keyCompromise', 'affiliationChanged', 'superseded', 'cessationOfOperation', 'certificateHold', 'privilegeWithdrawn'])
      expect(isRevocationReason(r)).toBe(true);
    for (const r of ['removeFromCRL', 'cACompromise', 'aACompromise', 'KeyCompromise', '', 1]) expect(isRevocationReason(r)).toBe(false);
    expect(reasonName(9)).toBe('privilegeWithdrawn');
    expect(reasonCode('privilegeWithdrawn')).toBe(9); // 7 is unused in RFC 5280
  });
});
