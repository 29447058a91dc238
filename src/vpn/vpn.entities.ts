import { VpnAccountEntity } from './vpn-account.entity';
import { VpnAddressEntity } from './vpn-address.entity';
import { VpnGatewayEntity } from './vpn-gateway.entity';
import { VpnManagerApprovalEntity } from './vpn-manager-approval.entity';

export const vpnEntities = [VpnGatewayEntity, VpnAccountEntity, VpnAddressEntity, VpnManagerApprovalEntity];
