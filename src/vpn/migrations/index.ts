import { Vpn1764900000000 } from './1764900000000-vpn';
import { VpnSuspensionCause1765263000001 } from './1765263000001-suspension-cause';
import { VpnAddressesGatewayNetworks1765400000200 } from './1765400000200-addresses-gateway-networks';
import { VpnManagerApprovals1766140000000 } from './1766140000000-manager-approvals';

/** This module's migrations; all modules' run together in timestamp order. */
export const vpnMigrations: (new () => import('typeorm').MigrationInterface)[] = [
  Vpn1764900000000,
  VpnSuspensionCause1765263000001,
  VpnAddressesGatewayNetworks1765400000200,
  VpnManagerApprovals1766140000000,
];
