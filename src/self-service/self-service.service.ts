import { Injectable } from '@nestjs/common';
import { AgreementsService } from '../agreements';
import { Actor } from '../common/auth/roles';
import { EmployeeView } from '../directory';
import { AssetsService, HandoversService } from '../inventory';
import { CertificateView, Certificates } from '../pki';
import { CERTIFIED_STATES, VpnAccountsService } from '../vpn';
import {
  AGREEMENT_STATE_WORDS,
  CERTIFICATE_STATUS_WORDS,
  DEVICE_KIND_WORDS,
  HANDOVER_STATUS_WORDS,
  NOTICE_STATUS_WORDS,
  VPN_STATE_WORDS,
  wordsFor,
} from './domain/own-labels';
import { ownSafetyNotice } from './domain/own-safety-notice';
import { MeAgreementDto, MeDeviceDto, MeDto, MeReceiptDto, MeSafetyNoticeDto, MeVpnAccountDto } from './dto/me.dto';
import { OwnEmployeeResolver } from './own-employee.resolver';

/** One page of each list is plenty for one person (a few agreements, a kit, one or two accounts). */
const OWN_LIMIT = 200;

type OwnAgreement = Awaited<ReturnType<AgreementsService['get']>>;
type OwnAsset = Awaited<ReturnType<AssetsService['list']>>['items'][number];
type OwnHandover = Awaited<ReturnType<HandoversService['list']>>['items'][number];
type OwnAccount = Awaited<ReturnType<VpnAccountsService['list']>>['items'][number];

/**
 * The employee's own records, read through the owners' faces with the employee id of the session and mapped field
 * by field: what the agreements, inventory and VPN features answer, minus what is not the employee's to read.
 */
@Injectable()
export class SelfServiceService {
  constructor(
    private readonly me: OwnEmployeeResolver,
    private readonly agreements: AgreementsService,
    private readonly assets: AssetsService,
    private readonly handovers: HandoversService,
    private readonly vpnAccounts: VpnAccountsService,
    private readonly certificates: Certificates,
  ) {}

  async overview(actor: Actor): Promise<MeDto> {
    const employee = await this.me.resolve(actor);
    const [agreements, assets, handovers, accounts] = await Promise.all([
      this.agreements.list(actor, { employeeId: employee.id, limit: OWN_LIMIT }),
      this.assets.list({ employeeId: employee.id, limit: OWN_LIMIT }),
      this.handovers.list({ employeeId: employee.id, limit: OWN_LIMIT }),
      this.vpnAccounts.list({ employeeId: employee.id, limit: OWN_LIMIT }),
    ]);
    return {
      employee: toEmployee(employee),
      agreements: agreements.items.map(toAgreement),
      safetyNotice: toSafetyNotice(agreements.items),
      // a device they hold: the filter is the holder; the state says it is still in their hands
      devices: assets.items.filter((a) => a.state === 'assigned' && a.holderEmployeeId === employee.id).map(toDevice),
      receipts: handovers.items.filter((h) => h.employeeId === employee.id).map(toReceipt),
      vpnAccounts: await Promise.all(accounts.items.filter((a) => a.employeeId === employee.id).map((a) => this.toAccount(a))),
    };
  }

  private async toAccount(a: OwnAccount): Promise<MeVpnAccountDto> {
    const certificate = a.certificate ? await this.certificateOf(a.certificate.serial) : null;
    // as the hot-line's route gives it; the page offers no profile whose certificate the PKI has revoked or put on hold
    const profileAvailable = CERTIFIED_STATES.includes(a.state) && a.gateway !== null && certificate?.status === 'valid';
    return {
      id: a.id,
      state: a.state,
      stateLabel: VPN_STATE_WORDS[a.state],
      profile: a.profile,
      username: a.username,
      certificate: certificate
        ? {
            serial: certificate.serial,
            notBefore: certificate.notBefore,
            notAfter: certificate.notAfter,
            status: certificate.status,
            statusLabel: CERTIFICATE_STATUS_WORDS[certificate.status],
          }
        : null,
      certificateLostReason: a.certificateLostReason,
      certificateLostAt: a.certificateLostAt,
      profileAvailable,
      profileUrl: profileAvailable ? `/api/v1/me/vpn/openvpn-profile?accountId=${a.id}` : null,
    };
  }

  private async certificateOf(serial: string): Promise<CertificateView | null> {
    try {
      return await this.certificates.get(serial);
    } catch {
      // a serial the PKI no longer knows shows as no certificate rather than failing the whole page
      return null;
    }
  }
}

function toEmployee(e: EmployeeView): MeDto['employee'] {
  return {
    id: e.id,
    employeeNumber: e.employeeNumber,
    firstName: e.firstName,
    lastName: e.lastName,
    service: { code: e.serviceCode, name: e.serviceName },
  };
}

function toAgreement(a: OwnAgreement): MeAgreementDto {
  return {
    id: a.id,
    state: a.state,
    stateLabel: wordsFor(AGREEMENT_STATE_WORDS, a.state),
    startDate: a.startDate,
    endDate: a.endDate,
    indefinite: a.indefinite,
    inForceToday: a.inForceToday,
    remoteDaysPerWeek: a.remoteDaysPerWeek,
    places: a.places,
    contactBand: a.contactBand,
    nonOperabilityBand: a.nonOperabilityBand,
    employeeSignedAt: a.signatures.employee?.signedAt ?? null,
    managerSignedAt: a.signatures.manager?.signedAt ?? null,
    suspendedAt: a.suspension?.suspendedAt ?? null,
    withdrawalEffectiveDate: a.withdrawal?.effectiveDate ?? null,
    endedOn: a.endedOn,
    documentUrl: `/api/v1/me/agreements/${a.id}/document`,
  };
}

function toSafetyNotice(newestFirst: OwnAgreement[]): MeSafetyNoticeDto | null {
  const notice = ownSafetyNotice(newestFirst.map((a) => ({ agreementId: a.id, inForceToday: a.inForceToday, ...a.safetyNotice })));
  if (!notice) return null;
  return {
    agreementId: notice.agreementId,
    status: notice.status,
    statusLabel: wordsFor(NOTICE_STATUS_WORDS, notice.status),
    deliveredOn: notice.deliveredOn,
    expiresOn: notice.expiresOn,
    validUntil: notice.validUntil,
  };
}

function toDevice(a: OwnAsset): MeDeviceDto {
  return {
    id: a.id,
    kind: a.kind,
    kindLabel: DEVICE_KIND_WORDS[a.kind],
    manufacturer: a.manufacturer,
    model: a.model,
    assetTag: a.assetTag,
    serial: a.serial,
    ownership: a.ownership,
    since: a.assignedAt,
    handoverId: a.currentHandoverId,
  };
}

function toReceipt(h: OwnHandover): MeReceiptDto {
  return {
    handoverId: h.id,
    handoverDate: h.handoverDate,
    status: h.status,
    statusLabel: wordsFor(HANDOVER_STATUS_WORDS, h.status),
    itemsCount: h.itemsCount,
    receiptUrl: `/api/v1/me/receipts/${h.id}`,
  };
}
