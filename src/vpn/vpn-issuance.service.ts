import { Injectable } from '@nestjs/common';
import { Actor } from '../common/auth/roles';
import { Clock } from '../common/clock';
import { Conflict, ValidationFailed } from '../common/errors/domain-error';
import { UnitOfWork } from '../database/unit-of-work';
import { StationAssets } from '../inventory';
import { Notices } from '../notices';
import { Certificates, StationIssueInput } from '../pki';
import { allowedFrom, assertCanApply, groupChange } from './domain/account-lifecycle';
import { assertStationFor } from './domain/station-rule';
import { IssueVpnCertificateDto, VpnIssuanceDto } from './dto/vpn-issuance.dto';
import { OpenVpnProfileService } from './openvpn-profile.service';
import { VpnAccountSteps } from './vpn-account-steps';
import { VpnCertificates } from './vpn-certificates';
import { VpnGatewayRepository } from './vpn-gateway.repository';
import { toAccountDto } from './vpn.mapper';

/**
 * The station certificate of an account (SPEC §2): for the laptop handed over to the account's employee, gated,
 * from a CSR made on the laptop or with a key made here, which only ever travels inside a PKCS#12 under a one-time
 * password (shown once, never stored): as the .p12 and as the `<pkcs12>` of the .ovpn. The PKCS#12 is kept so that
 * later downloads of the profile carry the same `<pkcs12>`. The expensive half (CSR check or key generation,
 * building and signing) runs before the unit; the unit re-checks the account, the gate and the laptop, records the
 * certificate, and retires the certificate it replaces (superseded).
 */
@Injectable()
export class VpnIssuanceService {
  constructor(
    private readonly steps: VpnAccountSteps,
    private readonly stations: StationAssets,
    private readonly pki: Certificates,
    private readonly certificates: VpnCertificates,
    private readonly gateways: VpnGatewayRepository,
    private readonly profiles: OpenVpnProfileService,
    private readonly uow: UnitOfWork,
    private readonly clock: Clock,
    private readonly notices: Notices,
  ) {}

  async issue(actor: Actor, id: string, dto: IssueVpnCertificateDto): Promise<VpnIssuanceDto> {
    const generate = dto.generateKey === true;
    if (generate === (dto.csrPem !== undefined)) {
      throw new ValidationFailed(
        [{ field: 'csrPem', messages: ['give either csrPem (a request made on the laptop) or generateKey: true'] }],
        'Give a CSR or ask for a generated key, not both and not neither',
        'CSR_OR_GENERATED_KEY_REQUIRED',
      );
    }
    const account = await this.steps.load(id);
    return this.steps.refusing(actor, 'issue', id, async () => {
      assertCanApply(account.state, 'issue');
      const station = assertStationFor(account.employeeId, await this.stations.findById(dto.stationAssetId), dto.stationAssetId);
      const links = {
        username: account.username,
        assetTag: station.assetTag,
        stationAssetId: station.id,
        employeeId: account.employeeId,
        vpnAccountId: account.id,
      };
      const input: StationIssueInput = generate ? { ...links, generateKey: true } : { ...links, csrPem: dto.csrPem as string };
      const prepared = await this.pki.prepareStation(input);
      const serial = prepared.serial;

      const outcome = await this.uow.run(async (tx) => {
        const current = await this.steps.load(id, tx);
        assertCanApply(current.state, 'issue');
        const gate = await this.steps.passGate(tx, current.employeeId);
        const held = assertStationFor(current.employeeId, await this.stations.findById(station.id, tx), station.id);
        if (held.assetTag !== station.assetTag)
          throw new Conflict('STATION_CHANGED', 'The laptop record changed while the certificate was prepared; try again');
        const now = this.clock.nowIso();
        const replacing = [current.currentSerial, current.supersededSerial].filter((x): x is string => !!x);
        const issued = await this.steps.claim(
          tx,
          current,
          allowedFrom('issue'),
          'issued',
          {
            issuedAt: now,
            installedAt: null,
            activatedAt: null,
            stationAssetId: station.id,
            stationAssetTag: station.assetTag,
            currentSerial: serial,
            certificateNotAfter: prepared.notAfter,
            keyOrigin: prepared.keyOrigin,
            supersededSerial: null,
            supersedeAfter: null,
            agreementId: gate.agreementId,
            remoteDaysPerWeek: gate.remoteDaysPerWeek,
          },
          { actor, action: 'certificate-issued', summary: { serial, stationAssetTag: station.assetTag, keyOrigin: prepared.keyOrigin, replacing } },
        );
        const certificate = await this.pki.record(tx, prepared, actor);
        // A replacement (another laptop, a lost password): the certificates it replaces stop working now.
        const replaced = await this.certificates.retire(tx, replacing, 'superseded', actor, serial);
        await this.steps.groupJob(tx, issued, groupChange(current.state, 'issued'));
        // The employee is told their profile is ready (no key, no password, no profile in the mail).
        await this.notices.record(tx, {
          kind: 'vpn-profile-ready',
          key: `${issued.id}-${serial}`,
          employeeId: issued.employeeId,
          facts: { profile: issued.profile, notAfter: prepared.notAfter },
        });
        const gateway = issued.gatewayId ? await this.gateways.findById(issued.gatewayId, tx) : null;
        return { issued, certificate, replaced, gateway };
      });
      if (outcome.replaced.length) await this.certificates.publish();

      const { issued, certificate, gateway } = outcome;
      if (!gateway) throw new Conflict('VPN_GATEWAY_MISSING', 'The gateway of this account no longer exists', { gatewayId: issued.gatewayId });
      // a generated key travels only inside the PKCS#12 under the one-time password: the same <pkcs12> later downloads carry
      const file = this.profiles.render(
        issued,
        gateway,
        certificate,
        certificate.caChainPem,
        certificate.pkcs12Base64 ? { kind: 'pkcs12', base64: certificate.pkcs12Base64 } : { kind: 'file' },
      );
      return {
        account: toAccountDto(issued, gateway, 'valid'),
        certificate: {
          serial: certificate.serial,
          notBefore: certificate.notBefore,
          notAfter: certificate.notAfter,
          fingerprintSha256: certificate.fingerprintSha256,
          keyOrigin: generate ? 'generated' : 'csr',
          certificatePem: certificate.certificatePem,
          caChainPem: certificate.caChainPem,
        },
        pkcs12Base64: certificate.pkcs12Base64 ?? null,
        oneTimePassword: certificate.oneTimePassword ?? null,
        openvpnProfile: file.text,
        openvpnProfileFileName: file.fileName,
        keyInline: generate,
      };
    });
  }
}
