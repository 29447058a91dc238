import { ACCOUNT_STATES, canApply } from '../vpn';
import { vpnAccountActionsByState } from './vpn-account-actions';

describe("the hot-line page's buttons follow the VPN lifecycle", () => {
  it('offers, for every state, exactly the actions the lifecycle allows', () => {
    const table = vpnAccountActionsByState();
    expect(Object.keys(table).sort()).toEqual([...ACCOUNT_STATES].sort());
    for (const state of ACCOUNT_STATES) for (const action of table[state]) expect(canApply(state, action)).toBe(true);
  });

  it('walks an onboarding: approve a request, certify, install, activate, suspend and resume; nothing after revocation', () => {
    const table = vpnAccountActionsByState();
    expect(table.requested).toContain('approve');
    expect(table.requested).not.toContain('issue');
    expect(table.approved).toContain('issue');
    expect(table.issued).toEqual(expect.arrayContaining(['install', 'issue', 'suspend', 'revoke']));
    expect(table.installed).toContain('activate');
    expect(table.active).toEqual(expect.arrayContaining(['suspend', 'revoke']));
    expect(table.suspended).toEqual(expect.arrayContaining(['resume', 'revoke']));
    expect(table.revoked).toEqual([]);
  });
});
