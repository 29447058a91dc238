import { Injectable } from '@nestjs/common';
import { Clock } from '../common/clock';
import { Conflict } from '../common/errors/domain-error';
import { AppConfig } from '../config/app-config';
import { Certificates, CertificateView } from '../pki';
import { CERTIFIED_STATES } from './domain/account-lifecycle';
import { ProfileKey, renderOpenVpnProfile } from './domain/openvpn-profile';
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
    private readonly certificates: Certificates,
    private readonly settings: VpnSettings,
    private readonly config: AppConfig,
    private readonly clock: Clock,
  ) {}

  /**
   * The downloadable profile, usable as it is: a generated key comes inside the password-protected PKCS#12 the
   * user received at issuance (or, after a renewal, as encrypted PKCS#8 beside the new certificate); a key made on
   * the laptop (CSR) is named by its file. Never a key in clear: the service holds none. `withKey: false` (the
   * employee's own copy) carries no key material at all, encrypted or not: the certificate and the key's file name.
   */
  async forAccount(id: string, { withKey = true }: { withKey?: boolean } = {}): Promise<OpenVpnFile> {
    const account = await this.steps.load(id);
    if (!CERTIFIED_STATES.includes(account.state) || !account.currentSerial || !account.gatewayId) {
      throw new Conflict('VPN_ACCOUNT_HAS_NO_CERTIFICATE', `A VPN account in state ${account.state} has no usable certificate: issue one first`, {
        state: account.state,
      });
    }
    const [gateway, certificate, caChainPem] = await Promise.all([
      this.gateways.findById(account.gatewayId),
      this.certificates.get(account.currentSerial),
      this.certificates.caChainPem(),
    ]);
    if (!gateway) throw new Conflict('VPN_GATEWAY_MISSING', 'The gateway of this account no longer exists', { gatewayId: account.gatewayId });
    const key: ProfileKey = withKey ? await this.keyOf(certificate) : certificate.keyOrigin === 'generated' ? { kind: 'installed' } : { kind: 'file' };
    return this.render(
      account,
      gateway,
      { serial: certificate.serial, notAfter: certificate.notAfter, certificatePem: certificate.certificatePem },
      caChainPem,
      key,
    );
  }

  private async keyOf(certificate: CertificateView): Promise<ProfileKey> {
    if (certificate.keyOrigin !== 'generated') return { kind: 'file' };
    const stored = await this.certificates.keyPackage(certificate.serial);
    if (!stored) {
      // Issued by an earlier version, which handed the key out once and kept nothing: no profile could work.
      throw new Conflict(
        'VPN_PROFILE_KEY_NOT_STORED',
        'The key of this certificate was handed out once at issuance and is not kept: issue a new certificate to get a profile that carries it',
        { serial: certificate.serial },
      );
    }
    return stored.pkcs12Base64 ? { kind: 'pkcs12', base64: stored.pkcs12Base64 } : { kind: 'encrypted-key', pem: stored.encryptedKeyPem };
  }

  render(
    account: Pick<VpnAccountEntity, 'username' | 'profile'>,
    gateway: Pick<VpnGatewayEntity, 'name' | 'host' | 'port' | 'proto'>,
    certificate: { serial: string; notAfter: string; certificatePem: string },
    caPem: string,
    key: ProfileKey = { kind: 'file' },
  ): OpenVpnFile {
    const profile = this.settings.profile(account.profile);
    if (!profile)
      throw new Conflict('VPN_PROFILE_NO_LONGER_CONFIGURED', `The profile ${account.profile} is no longer configured`, { profile: account.profile });
    const text = renderOpenVpnProfile({
      organisation: this.config.env.MUNICIPALITY_NAME,
      username: account.username,
      gateway: { name: gateway.name, host: gateway.host, port: Number(gateway.port), proto: gateway.proto },
      profile,
      template: this.settings.client,
      caPem,
      certificatePem: certificate.certificatePem,
      certificate: { serial: certificate.serial, notAfter: certificate.notAfter },
      key,
      generatedAt: this.clock.nowIso(),
    });
    return { fileName: `${account.username}.ovpn`, text };
  }
}
