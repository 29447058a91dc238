import { Injectable } from '@nestjs/common';
import { AgreementDocumentsService, AgreementsService } from '../agreements';
import { Actor } from '../common/auth/roles';
import { Conflict, NotFound } from '../common/errors/domain-error';
import { AssetIncidentsService, HandoversService } from '../inventory';
import { CERTIFIED_STATES, OpenVpnProfileService, VpnAccountsService } from '../vpn';
import { OwnDeviceReportDto, ReportOwnDeviceDto } from './dto/report-device.dto';
import { OwnEmployeeResolver } from './own-employee.resolver';

export interface OwnFile {
  fileName: string;
  bytes: Buffer;
  sha256?: string;
}

/** What the employee's note says when they leave it empty (the incident record needs one). */
const DEFAULT_NOTE = {
  lost: 'Segnalato smarrito dal dipendente dalla propria pagina',
  stolen: 'Segnalato rubato dal dipendente dalla propria pagina',
} as const;

/**
 * The employee's own files and their one action: the owners' services do the work (the stored receipt, the same
 * .ovpn as the hot-line's, the technician's report with its revocation), this checks only that the thing is theirs.
 * Another employee's handover, account or asset answers 404 as if it did not exist.
 */
@Injectable()
export class SelfServiceActionsService {
  constructor(
    private readonly me: OwnEmployeeResolver,
    private readonly agreements: AgreementsService,
    private readonly agreementDocuments: AgreementDocumentsService,
    private readonly handovers: HandoversService,
    private readonly incidents: AssetIncidentsService,
    private readonly vpnAccounts: VpnAccountsService,
    private readonly profiles: OpenVpnProfileService,
  ) {}

  /** The agreement document (the one HR and the manager download, from the municipality's template) of one of their agreements. */
  async agreementDocument(actor: Actor, agreementId: string): Promise<OwnFile> {
    const employee = await this.me.resolve(actor);
    const agreement = await this.agreements.get(agreementId);
    if (agreement.employeeId !== employee.id) throw NotFound.entity('AGREEMENT_NOT_FOUND', 'agreement', agreementId);
    return this.agreementDocuments.document(agreementId);
  }

  async receipt(actor: Actor, handoverId: string): Promise<OwnFile> {
    const employee = await this.me.resolve(actor);
    const handover = await this.handovers.get(handoverId);
    if (handover.employeeId !== employee.id) throw NotFound.entity('HANDOVER_NOT_FOUND', 'handover', handoverId);
    return this.handovers.receipt(handoverId);
  }

  /** The .ovpn of their account (`accountId`, or the one certified account they have), when the hot-line's route gives it, without the key. */
  async openVpnProfile(actor: Actor, accountId?: string): Promise<OwnFile> {
    const employee = await this.me.resolve(actor);
    let id = accountId;
    if (id) {
      const account = await this.vpnAccounts.get(id);
      if (account.employeeId !== employee.id) throw NotFound.entity('VPN_ACCOUNT_NOT_FOUND', 'vpn_account', id);
    } else {
      const certified = (await this.vpnAccounts.list({ employeeId: employee.id, limit: 200 })).items.filter(
        (a) => a.employeeId === employee.id && CERTIFIED_STATES.includes(a.state) && a.certificate !== null,
      );
      if (certified.length === 0) throw new Conflict('NO_VPN_PROFILE', 'You have no VPN account with a certificate yet: ask the hot-line');
      if (certified.length > 1) {
        throw new Conflict('VPN_ACCOUNT_REQUIRED', 'You have several VPN accounts with a certificate: say which one with accountId', {
          accountIds: certified.map((a) => a.id),
        });
      }
      id = certified[0].id;
    }
    // their own copy carries no key of any kind (the hot-line installed it): only the certificate and the settings
    const file = await this.profiles.forAccount(id, { withKey: false });
    return { fileName: file.fileName, bytes: Buffer.from(file.text, 'utf8') };
  }

  /** Lost or stolen, as the technician's report: custody ends, a laptop's station certificates are revoked at once. */
  async report(actor: Actor, assetId: string, dto: ReportOwnDeviceDto): Promise<OwnDeviceReportDto> {
    const employee = await this.me.resolve(actor);
    const note = dto.note?.trim() || DEFAULT_NOTE[dto.kind];
    const { report } = await this.incidents.report(actor, assetId, { status: dto.kind, note }, employee.id);
    return {
      reportId: report.id,
      assetId: report.assetId,
      kind: dto.kind,
      reportedAt: report.reportedAt,
      closedHandoverId: report.closedHandoverId,
      stationCertificatesRevoked: report.stationCompromised,
    };
  }
}
