import { VpnAccountEntity } from './vpn-account.entity';
import { VpnGatewayEntity } from './vpn-gateway.entity';

export const vpnEntities = [VpnGatewayEntity, VpnAccountEntity];
