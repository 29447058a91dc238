/**
 * The public face of the vpn feature: all that other features (and the composition root) may import from it.
 * Everything else under src/vpn/ is private (eslint-rules/feature-boundaries.js).
 */
export { ACCOUNT_ACTIONS, ACCOUNT_STATES, AccountAction, AccountState, CERTIFIED_STATES, canApply } from './domain/account-lifecycle';
/** The employee's own page (self-service): their accounts and their .ovpn. */
export { VpnAccountsService } from './vpn-accounts.service';
export { OpenVpnProfileService } from './openvpn-profile.service';
/** The manager's view (manager-view): their people's requests awaiting the manager's step (VPN_MANAGER_APPROVAL). */
export { ManagerStep, VpnManagerApprovals } from './vpn-manager-approvals.service';
export { CONNECT_REFUSALS, ConnectRefusal } from './domain/connect-decision';
export { GatewayAllowList } from './gateway-allow-list.service';
export { vpnMigrations } from './migrations';
export { VpnLoadReportService } from './vpn-load-report.service';
export { vpnEntities } from './vpn.entities';
export { VpnModule } from './vpn.module';
export { VPN_ERRORS, VpnErrorCode } from './vpn.errors';
