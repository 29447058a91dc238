/**
 * The public face of the vpn feature: all that other features (and the composition root) may import from it.
 * Everything else under src/vpn/ is private (eslint-rules/feature-boundaries.js).
 */
export { ACCOUNT_ACTIONS, ACCOUNT_STATES, AccountAction, AccountState, canApply } from './domain/account-lifecycle';
export { CONNECT_REFUSALS, ConnectRefusal } from './domain/connect-decision';
export { GatewayAllowList } from './gateway-allow-list.service';
export { vpnMigrations } from './migrations';
export { VpnLoadReportService } from './vpn-load-report.service';
export { vpnEntities } from './vpn.entities';
export { VpnModule } from './vpn.module';
export { VPN_ERRORS, VpnErrorCode } from './vpn.errors';
