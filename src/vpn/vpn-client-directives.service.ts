import { Injectable } from '@nestjs/common';
import { Conflict, NotFound } from '../common/errors/domain-error';
import { Tx } from '../database/unit-of-work';
import { clientDirectives } from './domain/openvpn-server-conf';
import { VpnAccountEntity } from './vpn-account.entity';
import { VpnAccountRepository } from './vpn-account.repository';
import { VpnAddressRepository } from './vpn-address.repository';
import { VpnAddressService } from './vpn-address.service';
import { VpnGatewayEntity } from './vpn-gateway.entity';
import { VpnGatewayRepository } from './vpn-gateway.repository';
import { VpnSettings } from './vpn-settings';

/** What the directives read of an account and of the gateway asking (rows already read by the caller will do). */
type AccountRow = Pick<VpnAccountEntity, 'id' | 'profile' | 'gatewayId'>;
type GatewayRow = Pick<VpnGatewayEntity, 'profile' | 'networks'>;

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
    private readonly addressRows: VpnAddressRepository,
    private readonly settings: VpnSettings,
  ) {}

  async forAccount(accountId: string, tx?: Tx, gatewayId?: string): Promise<string[]> {
    const account = await this.accounts.findById(accountId, tx);
    if (!account) throw NotFound.entity('VPN_ACCOUNT_NOT_FOUND', 'vpn account', accountId);
    const asking = gatewayId ?? account.gatewayId;
    const gateway = asking ? await this.gateways.findById(asking, tx) : null;
    return this.forLoaded(account, gateway, tx);
  }

  /**
   * The same from the account and the asking gateway the caller has just read (the connect check, the allow-list):
   * only the address is read (and allocated the first time); `known` is the address when already read in bulk.
   */
  async forLoaded(account: AccountRow, gateway: GatewayRow | null, tx?: Tx, known?: string | null): Promise<string[]> {
    const profile = this.settings.profile(account.profile);
    if (!profile)
      throw new Conflict('VPN_PROFILE_NO_LONGER_CONFIGURED', `The profile ${account.profile} is no longer configured`, { profile: account.profile });
    const address = known ?? (await this.addresses.ensure(account, tx));
    const networks = (gateway?.profile === account.profile ? gateway.networks : null) ?? profile.networks;
    return clientDirectives({ address, pool: profile.pool, networks, dns: profile.dns });
  }

  /**
   * The directives of several accounts at the gateway asking, their addresses in one query. The missing addresses are
   * allocated (the allow-list), or with `allocate: false` those accounts are left out (the connect check's pass, which
   * writes nothing: an address is allocated at the account's first connection).
   */
  async forMany(accounts: AccountRow[], gateway: GatewayRow, { allocate = true } = {}): Promise<Map<string, string[]>> {
    const addresses = await this.addressRows.ofAccounts(accounts.map((a) => a.id));
    const out = new Map<string, string[]>();
    for (const a of accounts) {
      const known = addresses.get(a.id) ?? null;
      if (known || allocate) out.set(a.id, await this.forLoaded(a, gateway, undefined, known));
    }
    return out;
  }
}
