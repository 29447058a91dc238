import { Injectable } from '@nestjs/common';
import { Clock } from '../common/clock';
import { NotFound } from '../common/errors/domain-error';
import { SigningKeys } from '../pki';
import { decideConnect } from './domain/connect-decision';
import { GatewayConnectFacts } from './gateway-connect-facts';
import { VpnClientDirectives } from './vpn-client-directives.service';
import { VpnGatewayRepository } from './vpn-gateway.repository';
import { VpnSettings } from './vpn-settings';

export const ALLOW_LIST_HEADER = '# remote-work allow-list v1';

/** ISO-8601 UTC to the second (`2026-12-02T08:30:00Z`): what `date -u +%Y-%m-%dT%H:%M:%SZ` prints, so the hook compares text. */
export function allowListInstant(d: Date): string {
  return `${d.toISOString().slice(0, 19)}Z`;
}

/**
 * What a gateway falls back to while the service is unreachable: the serials `decideConnect` would allow on this
 * gateway right now, each with its directives, valid `allowList.validMinutes` (config/vpn.json) and signed by the
 * service's gateway signing key (the PKI's SigningKeys, purpose `gateway-allow-list`). Text, one line a fact:
 *
 *   # remote-work allow-list v1
 *   gateway <gatewayId>
 *   issued <ISO-8601 UTC>
 *   expires <ISO-8601 UTC>
 *   allow <serial: lowercase hex, no colons, no leading zeros> <base64 of the directive lines joined by \n>
 *   signature <base64 of the DER ECDSA P-256 / SHA-256 signature over every byte before this line>
 *
 * Past `expires` the hook refuses everyone (fail closed). Serials sorted, so two renders of the same state differ
 * only in their dates and signature.
 */
@Injectable()
export class GatewayAllowList {
  constructor(
    private readonly gateways: VpnGatewayRepository,
    private readonly facts: GatewayConnectFacts,
    private readonly directives: VpnClientDirectives,
    private readonly keys: SigningKeys,
    private readonly settings: VpnSettings,
    private readonly clock: Clock,
  ) {}

  async render(gatewayId: string): Promise<string> {
    const gateway = await this.gateways.findById(gatewayId);
    if (!gateway) throw NotFound.entity('VPN_GATEWAY_NOT_FOUND', 'vpn gateway', gatewayId);
    const issued = this.clock.now();
    const expires = new Date(issued.getTime() + this.settings.allowList.validMinutes * 60_000);
    const decided = (await this.facts.forGateway(gateway)).filter(({ facts }) => decideConnect(facts).allowed);
    const directivesOf = await this.directives.forMany([...new Map(decided.map(({ account }) => [account.id, account])).values()], gateway);
    const allowed = decided.map(({ facts, account }) => ({ serial: facts.serial, directives: directivesOf.get(account.id)! }));
    allowed.sort((a, b) => (a.serial < b.serial ? -1 : a.serial > b.serial ? 1 : 0));
    const lines = [ALLOW_LIST_HEADER, `gateway ${gateway.id}`, `issued ${allowListInstant(issued)}`, `expires ${allowListInstant(expires)}`];
    for (const a of allowed) {
      const encoded = Buffer.from(a.directives.join('\n'), 'utf8').toString('base64');
      lines.push(encoded ? `allow ${a.serial} ${encoded}` : `allow ${a.serial}`);
    }
    const body = `${lines.join('\n')}\n`;
    const signature = await this.keys.sign('gateway-allow-list', Buffer.from(body, 'utf8'));
    return `${body}signature ${signature.toString('base64')}\n`;
  }

  publicKeyPem(): Promise<string> {
    return this.keys.publicKeyPem('gateway-allow-list');
  }
}
