import {
  ACCOUNT_STATES,
  GATED_ACTIONS,
  afterCertificateLost,
  assertCanApply,
  canApply,
  groupChange,
  offboardingRevocationReason,
  resumedByAgreement,
  resumeIsGated,
  resumeTarget,
  suspendedByAgreement,
  targetOf,
} from './account-lifecycle';

describe('VPN account lifecycle: requested → approved → issued → installed → active ⇄ suspended → revoked', () => {
  it('walks the hot-line path one step at a time', () => {
    const path: [Parameters<typeof canApply>[1], string, string][] = [
      ['approve', 'requested', 'approved'],
      ['issue', 'approved', 'issued'],
      ['install', 'issued', 'installed'],
      ['activate', 'installed', 'active'],
      ['suspend', 'active', 'suspended'],
    ];
    for (const [action, from, to] of path) {
      expect(canApply(from as never, action)).toBe(true);
      expect(targetOf(action as never)).toBe(to);
    }
  });

  it('cannot skip steps: no activation before installation, no installation before a certificate', () => {
    expect(canApply('approved', 'activate')).toBe(false);
    expect(canApply('issued', 'activate')).toBe(false);
    expect(canApply('approved', 'install')).toBe(false);
    expect(canApply('requested', 'issue')).toBe(false);
  });

  it('issues a replacement certificate from any certified state (another laptop, a lost password)', () => {
    for (const from of ['approved', 'issued', 'installed', 'active'] as const) expect(canApply(from, 'issue')).toBe(true);
    expect(canApply('suspended', 'issue')).toBe(false);
  });

  it('revoked is final: nothing applies to it, and everything else can be revoked', () => {
    for (const action of ['approve', 'issue', 'install', 'activate', 'suspend', 'resume', 'revoke'] as const) expect(canApply('revoked', action)).toBe(false);
    for (const state of ACCOUNT_STATES.filter((s) => s !== 'revoked')) expect(canApply(state, 'revoke')).toBe(true);
  });

  it('a refused action is a 409 naming the state and the states it applies to', () => {
    expect(() => assertCanApply('installed', 'approve')).toThrow(
      expect.objectContaining({
        kind: 'conflict',
        code: 'VPN_ACCOUNT_STATE_CONFLICT',
        details: { state: 'installed', action: 'approve', allowedFrom: ['requested'] },
      }),
    );
  });

  it('gates every action that gives access, and not the others', () => {
    expect([...GATED_ACTIONS].sort()).toEqual(['activate', 'approve', 'issue', 'resume']);
  });

  describe('resuming a suspended account', () => {
    it('goes back to where it was when the certificate was only on hold', () => {
      expect(resumeTarget('active', 'on_hold')).toBe('active');
      expect(resumeTarget('installed', 'on_hold')).toBe('installed');
      expect(resumeTarget('issued', 'valid')).toBe('issued');
    });

    it('waits for a new certificate when offboarding or a theft revoked it meanwhile', () => {
      expect(resumeTarget('active', 'none')).toBe('approved');
      expect(resumeTarget('installed', 'none')).toBe('approved');
    });

    it('a suspended request or approval goes back as it was; only a resume that gives access is gated', () => {
      expect(resumeTarget('requested', 'none')).toBe('requested');
      expect(resumeTarget('approved', 'none')).toBe('approved');
      expect(resumeIsGated('requested')).toBe(false);
      expect(resumeIsGated('approved')).toBe(true);
      expect(resumeIsGated('active')).toBe(true);
    });
  });

  it('the directory VPN group follows the active state', () => {
    expect(groupChange('installed', 'active')).toBe('add');
    expect(groupChange('suspended', 'active')).toBe('add');
    expect(groupChange('active', 'suspended')).toBe('remove');
    expect(groupChange('active', 'revoked')).toBe('remove');
    expect(groupChange('active', 'issued')).toBe('remove'); // replacement certificate: install it again first
    expect(groupChange('issued', 'installed')).toBeNull();
    expect(groupChange('suspended', 'revoked')).toBeNull();
  });

  it('a certificate revoked from outside (stolen laptop) sends a certified account back to approved', () => {
    expect(afterCertificateLost('active')).toBe('approved');
    expect(afterCertificateLost('installed')).toBe('approved');
    expect(afterCertificateLost('issued')).toBe('approved');
    expect(afterCertificateLost('suspended')).toBe('suspended');
  });

  it("an agreement's suspension stops the accounts still running, and its resumption brings back only those", () => {
    for (const s of ['requested', 'approved', 'issued', 'installed', 'active'] as const) expect(suspendedByAgreement(s)).toBe(true);
    expect(suspendedByAgreement('suspended')).toBe(false); // the hot-line's suspension keeps its own cause
    expect(suspendedByAgreement('revoked')).toBe(false);
    const byAgreement = { state: 'suspended' as const, suspensionCause: 'agreement' as const, suspensionAgreementId: 'ag-1' };
    expect(resumedByAgreement(byAgreement, 'ag-1')).toBe(true);
    expect(resumedByAgreement(byAgreement, 'ag-2')).toBe(false);
    expect(resumedByAgreement({ ...byAgreement, suspensionCause: 'operator', suspensionAgreementId: null }, 'ag-1')).toBe(false);
    expect(resumedByAgreement({ ...byAgreement, suspensionCause: 'offboarding' }, 'ag-1')).toBe(false);
    expect(resumedByAgreement({ ...byAgreement, state: 'revoked' }, 'ag-1')).toBe(false);
  });

  it('offboarding revokes with affiliationChanged when the agreement ended, cessationOfOperation when the person left', () => {
    expect(offboardingRevocationReason('agreement_ended')).toBe('affiliationChanged');
    expect(offboardingRevocationReason('left_directory')).toBe('cessationOfOperation');
  });
});
