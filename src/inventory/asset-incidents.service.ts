import { Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { AuditService } from '../audit';
import { Actor } from '../common/auth/roles';
import { Clock } from '../common/clock';
import { Conflict, DomainError, RuleViolation, ValidationFailed } from '../common/errors/domain-error';
import { UnitOfWork } from '../database/unit-of-work';
import { Outbox } from '../jobs';
import type { StationCompromisedJob } from '../pki';
import { REPORT_EVENT, transition } from './domain/asset-state';
import { checkReport, closesAssignment, compromisesStation } from './domain/incident.rules';
import { ReportAssetDto, ReportResultDto } from './dto/incidents.dto';
import { AssetReportEntity } from './asset-report.entity';
import { actorLabel } from '../common/auth/roles';
import { AssetReportRepository } from './asset-report.repository';
import { AssetRepository } from './asset.repository';
import { HandoverRepository } from './handover.repository';
import { ReturnTaskRepository } from './return-task.repository';
import { AssetsService } from './assets.service';

/** A report may be dated a little ahead of the server clock (a phone's clock), not more. */
const CLOCK_SKEW_MS = 5 * 60 * 1000;

/**
 * Lost, stolen, repair, recovery and disposal. A lost or stolen laptop ends its holder's custody and asks
 * the PKI, through the outbox and in the same transaction, to revoke its station certificates
 * (keyCompromise): the request survives a crash or a Redis outage right after the report.
 */
@Injectable()
export class AssetIncidentsService {
  constructor(
    private readonly assets: AssetRepository,
    private readonly reports: AssetReportRepository,
    private readonly handovers: HandoverRepository,
    private readonly returnTasks: ReturnTaskRepository,
    private readonly assetViews: AssetsService,
    private readonly outbox: Outbox,
    private readonly uow: UnitOfWork,
    private readonly audit: AuditService,
    private readonly clock: Clock,
  ) {}

  /**
   * `heldBy`: the employee's own report (self-service): an asset they do not hold answers ASSET_NOT_FOUND, checked on
   * the row the state change is conditional on (its version), so a handover in between cannot slip through.
   */
  async report(actor: Actor, assetId: string, dto: ReportAssetDto, heldBy?: string): Promise<ReportResultDto> {
    const nowDate = this.clock.now();
    const now = nowDate.toISOString();
    const reportedAt = dto.reportedAt ? new Date(dto.reportedAt).toISOString() : now;
    if (new Date(reportedAt).getTime() > nowDate.getTime() + CLOCK_SKEW_MS) {
      throw new ValidationFailed([{ field: 'reportedAt', messages: ['reportedAt is in the future'] }], 'reportedAt is in the future', 'REPORTED_AT_IN_FUTURE');
    }
    const reportId = randomUUID();
    await this.uow.run(async (tx) => {
      const asset = await this.assets.findById(assetId, tx.manager);
      if (!asset || (heldBy !== undefined && asset.holderEmployeeId !== heldBy)) {
        throw new DomainError('not_found', 'ASSET_NOT_FOUND', `asset ${assetId} does not exist`, { assetId });
      }
      if (asset.ownership === 'personal' && dto.status !== 'lost' && dto.status !== 'stolen') {
        throw new RuleViolation('PERSONAL_ASSET', 'a personal device can only be reported lost or stolen (to revoke its certificates)', { assetId });
      }
      const t = transition(asset.state, REPORT_EVENT[dto.status]);
      if (!t.ok) {
        throw new Conflict(
          'INVALID_STATE_TRANSITION',
          `an asset ${asset.state} cannot be reported ${dto.status}${asset.state === 'assigned' ? ': take it back with a return first' : ''}`,
          {
            from: asset.state,
            to: dto.status,
            allowedFrom: t.allowedFrom,
          },
        );
      }
      const problems = checkReport(asset.kind, dto.status, dto);
      if (problems.length) throw new RuleViolation(problems[0].code, problems.map((p) => p.message).join('; '), { problems: problems.map((p) => p.code) });

      const wasAssigned = asset.state === 'assigned';
      if (!(await this.assets.changeState(tx, asset.id, asset.state, Number(asset.version), t.to, now, wasAssigned))) {
        throw new Conflict('ASSET_CHANGED', 'the asset changed meanwhile; reload it and retry', { assetId });
      }
      let closedHandoverId: string | null = null;
      if (wasAssigned && closesAssignment(dto.status)) {
        const reason = dto.status as 'lost' | 'stolen';
        closedHandoverId = await this.handovers.closeItemForIncident(tx, asset.id, reason, now);
        await this.returnTasks.closeForAssets(tx, [asset.id], reason, null, now);
      }
      const report: AssetReportEntity = {
        id: reportId,
        assetId: asset.id,
        status: dto.status,
        previousState: asset.state,
        note: dto.note.trim(),
        reportedAt,
        reportedBy: actorLabel(actor),
        policeReportRef: dto.policeReportRef?.trim() ?? null,
        erasureMethod: dto.erasureMethod?.trim() ?? null,
        erasureCertificateRef: dto.erasureCertificateRef?.trim() ?? null,
        closedHandoverId,
        holderEmployeeId: asset.holderEmployeeId,
        createdAt: now,
      };
      await this.reports.insert(tx, report);
      const compromised = compromisesStation(asset.kind, dto.status);
      if (compromised) {
        const job: StationCompromisedJob = { assetId: asset.id, reportedAt };
        await this.outbox.record(tx, 'pki.station-compromised', job, { jobId: `pki-compromised-${asset.id}-${reportId}` });
      }
      await this.audit.record(tx, actor, {
        action: `asset.${dto.status === 'in_stock' ? 'back_in_stock' : dto.status}`,
        entityType: 'asset',
        entityId: asset.id,
        summary: {
          assetTag: asset.assetTag,
          from: asset.state,
          to: t.to,
          reportId,
          reportedAt,
          holderEmployeeId: asset.holderEmployeeId,
          closedHandoverId,
          stationCompromised: compromised,
          erasureMethod: report.erasureMethod,
          erasureCertificateRef: report.erasureCertificateRef,
        },
      });
    });
    const asset = await this.assetViews.get(assetId);
    const report = asset.reports.find((r) => r.id === reportId)!;
    const { reports: _reports, ...view } = asset;
    return { report, asset: view };
  }
}
