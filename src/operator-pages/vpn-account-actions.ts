import { ACCOUNT_ACTIONS, ACCOUNT_STATES, AccountAction, AccountState, CERTIFIED_STATES, canApply } from '../vpn';

export interface VpnAccountActions {
  /** The next steps offered from each state, as the page's main buttons. */
  byState: Record<AccountState, AccountAction[]>;
  /** States in which the account already holds a certificate that works: `issue` there makes a replacement. */
  replacementIn: AccountState[];
}

/**
 * Which actions the VPN account lifecycle allows from each state, read from the VPN feature's own rule
 * (`canApply`), so the hot-line page offers only the buttons that can work without keeping a copy of the state
 * machine. The API still decides every action (409 VPN_ACCOUNT_STATE_CONFLICT).
 *
 * `issue` is a next step only where the account has no certificate yet (approved, or back to approved once its
 * certificate was lost). Where it holds one (CERTIFIED_STATES) issuing again is a replacement (another laptop, a
 * lost one-time password): offered apart, never as "issue the certificate" beside a certificate that works.
 */
export function vpnAccountActionsByState(): VpnAccountActions {
  const byState = {} as Record<AccountState, AccountAction[]>;
  for (const state of ACCOUNT_STATES) {
    byState[state] = ACCOUNT_ACTIONS.filter((action) => canApply(state, action) && !(action === 'issue' && CERTIFIED_STATES.includes(state)));
  }
  return { byState, replacementIn: ACCOUNT_STATES.filter((state) => canApply(state, 'issue') && CERTIFIED_STATES.includes(state)) };
}
