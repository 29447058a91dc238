import { Injectable } from '@nestjs/common';
import { Clock } from '../common/clock';
import { Conflict } from '../common/errors/domain-error';
import { AppConfig } from '../config/app-config';
import { CaStore } from '../pki/ca-store';
import { CertificateQueries } from '../pki/certificate-queries.service';
import { CERTIFIED_STATES } from './domain/account-lifecycle';
import { renderOpenVpnProfile } from './domain/openvpn-profile';
import { VpnAccountSteps } from './vpn-account-steps';
import { VpnAccountEntity } from './vpn-account.entity';
import { VpnGatewayEntity } from './vpn-gateway.entity';
import { VpnGatewayRepository } from './vpn-gateway.repository';
import { VpnSettings } from './vpn-settings';

export interface OpenVpnFile {
  fileName: string;
  text: string;
}

/** .ovpn files: rendered from the account's gateway and profile, the CA bundle and the current certificate. */
@Injectable()
export class OpenVpnProfileService {
  constructor(
    private readonly steps: VpnAccountSteps,
    private readonly gateways: VpnGatewayRepository,
    private readonly certificates: CertificateQueries,
    private readonly ca: CaStore,
    private readonly settings: VpnSettings,
    private readonly config: AppConfig,
    private readonly clock: Clock,
  ) {}

  /** The downloadable profile: never the key (it is not stored); it names the key file kept on the laptop. */
  async forAccount(id: string): Promise<OpenVpnFile> {
    const account = await this.steps.load(id);
    if (!CERTIFIED_STATES.includes(account.state) || !account.currentSerial || !account.gatewayId) {
      throw new Conflict('VPN_ACCOUNT_HAS_NO_CERTIFICATE', `A VPN account in state ${account.state} has no usable certificate: issue one first`, { state: account.state });
    }
    const [gateway, certificate, ca] = await Promise.all([this.gateways.findById(account.gatewayId), this.certificates.get(account.currentSerial), this.ca.get()]);
    if (!gateway) throw new Conflict('VPN_GATEWAY_MISSING', 'The gateway of this account no longer exists', { gatewayId: account.gatewayId });
    return this.render(account, gateway, { serial: certificate.serial, notAfter: certificate.notAfter, certificatePem: certificate.certificatePem }, ca.bundlePem);
  }

  render(
    account: Pick<VpnAccountEntity, 'username' | 'profile'>,
    gateway: Pick<VpnGatewayEntity, 'name' | 'host' | 'port' | 'proto'>,
    certificate: { serial: string; notAfter: string; certificatePem: string },
    caPem: string,
    privateKeyPem?: string,
  ): OpenVpnFile {
    const profile = this.settings.profile(account.profile);
    if (!profile) throw new Conflict('UNKNOWN_VPN_PROFILE', `The profile ${account.profile} is no longer configured`, { profile: account.profile });
    const text = renderOpenVpnProfile({
      organisation: this.config.env.MUNICIPALITY_NAME,
      username: account.username,
      gateway: { name: gateway.name, host: gateway.host, port: Number(gateway.port), proto: gateway.proto },
      profile,
      template: this.settings.client,
      caPem,
      certificatePem: certificate.certificatePem,
      certificate: { serial: certificate.serial, notAfter: certificate.notAfter },
      privateKeyPem,
      generatedAt: this.clock.nowIso(),
    });
    return { fileName: `${account.username}.ovpn`, text };
  }
}
