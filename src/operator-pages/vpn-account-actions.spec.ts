import { ACCOUNT_STATES, canApply } from '../vpn';
import { vpnAccountActionsByState } from './vpn-account-actions';

describe("the hot-line page's buttons follow the VPN lifecycle", () => {
  it('offers, for every state, only actions the lifecycle allows', () => {
    const { byState, replacementIn } = vpnAccountActionsByState();
    expect(Object.keys(byState).sort()).toEqual([...ACCOUNT_STATES].sort());
    for (const state of ACCOUNT_STATES) for (const action of byState[state]) expect(canApply(state, action)).toBe(true);
    for (const state of replacementIn) expect(canApply(state, 'issue')).toBe(true);
  });

  it('walks an onboarding: approve a request, certify, install, activate, suspend and resume; nothing after revocation', () => {
    const { byState } = vpnAccountActionsByState();
    expect(byState.requested).toContain('approve');
    expect(byState.requested).not.toContain('issue');
    expect(byState.approved).toContain('issue');
    expect(byState.issued).toEqual(expect.arrayContaining(['install', 'suspend', 'revoke']));
    expect(byState.installed).toContain('activate');
    expect(byState.active).toEqual(expect.arrayContaining(['suspend', 'revoke']));
    expect(byState.suspended).toEqual(expect.arrayContaining(['resume', 'revoke']));
    expect(byState.revoked).toEqual([]);
  });

  it('an account holding a working certificate is not offered "issue the certificate": only a replacement, apart', () => {
    const { byState, replacementIn } = vpnAccountActionsByState();
    for (const state of ['issued', 'installed', 'active'] as const) expect(byState[state]).not.toContain('issue');
    expect([...replacementIn].sort()).toEqual(['active', 'installed', 'issued']);
    expect(replacementIn).not.toContain('approved');
    // every state the lifecycle lets issue from is offered one way or the other
    for (const state of ACCOUNT_STATES) expect(byState[state].includes('issue') || replacementIn.includes(state)).toBe(canApply(state, 'issue'));
  });
});
