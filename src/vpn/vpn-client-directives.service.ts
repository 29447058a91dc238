import { Injectable } from '@nestjs/common';
import { Conflict, NotFound } from '../common/errors/domain-error';
import { Tx } from '../database/unit-of-work';
import { clientDirectives } from './domain/openvpn-server-conf';
import { VpnAccountRepository } from './vpn-account.repository';
import { VpnAddressService } from './vpn-address.service';
import { VpnGatewayRepository } from './vpn-gateway.repository';
import { VpnSettings } from './vpn-settings';

/**
 * The per-client directives a gateway's connect hook hands to OpenVPN for one account (`client-connect` writes them
 * to its file argument): the account's stable address (`ifconfig-push`, allocated here the first time), the routes
 * of the networks it reaches and the DNS options of its profile. Pushed by the server, so the laptop cannot widen
 * its reach, and the gateway's nftables ruleset enforces the same networks.
 *
 * The networks are those of the gateway asking (`gatewayId`; by default the account's own): a gateway record may
 * override its profile's, and an account failing over to another gateway of its profile gets what that one serves.
 */
@Injectable()
export class VpnClientDirectives {
  constructor(
    private readonly accounts: VpnAccountRepository,
    private readonly gateways: VpnGatewayRepository,
    private readonly addresses: VpnAddressService,
    private readonly settings: VpnSettings,
  ) {}

  async forAccount(accountId: string, tx?: Tx, gatewayId?: string): Promise<string[]> {
    const account = await this.accounts.findById(accountId, tx);
    if (!account) throw NotFound.entity('VPN_ACCOUNT_NOT_FOUND', 'vpn account', accountId);
    const profile = this.settings.profile(account.profile);
    if (!profile)
      throw new Conflict('VPN_PROFILE_NO_LONGER_CONFIGURED', `The profile ${account.profile} is no longer configured`, { profile: account.profile });
    const asking = gatewayId ?? account.gatewayId;
    const gateway = asking ? await this.gateways.findById(asking, tx) : null;
    const address = await this.addresses.ensure(account, tx);
    const networks = (gateway?.profile === account.profile ? gateway.networks : null) ?? profile.networks;
    return clientDirectives({ address, pool: profile.pool, networks, dns: profile.dns });
  }
}
