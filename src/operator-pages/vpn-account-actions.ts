import { ACCOUNT_ACTIONS, ACCOUNT_STATES, AccountAction, AccountState, canApply } from '../vpn';

/**
 * Which actions the VPN account lifecycle allows from each state, read from the VPN feature's own rule
 * (`canApply`), so the hot-line page offers only the buttons that can work without keeping a copy of the state
 * machine. The API still decides every action (409 VPN_ACCOUNT_STATE_CONFLICT).
 */
export function vpnAccountActionsByState(): Record<AccountState, AccountAction[]> {
  const out = {} as Record<AccountState, AccountAction[]>;
  for (const state of ACCOUNT_STATES) out[state] = ACCOUNT_ACTIONS.filter((action) => canApply(state, action));
  return out;
}
