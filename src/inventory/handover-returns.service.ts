import { Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { AuditService } from '../audit';
import { Actor } from '../common/auth/roles';
import { Clock } from '../common/clock';
import { AppConfig } from '../config/app-config';
import { Conflict, DomainError, RuleViolation, ValidationFailed } from '../common/errors/domain-error';
import { UnitOfWork } from '../database/unit-of-work';
import { Outbox } from '../jobs';
import type { StationReturnedJob } from '../pki';
import { EmployeeDirectory } from '../directory';
import { planReturn, ReturnProblem } from './domain/return.rules';
import { returnReceipt } from './domain/receipt.content';
import { ReturnHandoverDto, ReturnResultDto } from './dto/handovers.dto';
import { InventoryDocumentEntity } from './inventory-document.entity';
import { municipalToday } from '../common/clock';
import { placeOf } from './domain/receipt.content';
import { ReceiptPdfRenderer } from './receipts/receipt-pdf.renderer';
import { AssetRepository } from './asset.repository';
import { HandoverRepository } from './handover.repository';
import { ReturnTaskRepository } from './return-task.repository';
import { handoverNotFound, HandoversService } from './handovers.service';

function problemError(p: ReturnProblem): DomainError {
  switch (p.code) {
    case 'DUPLICATE_ITEM':
      return new ValidationFailed([{ field: 'items', messages: ['an asset appears twice'] }], 'An asset appears twice in the return', 'DUPLICATE_ITEM');
    case 'DATA_WIPE_UNEXPECTED':
      return new ValidationFailed(
        [{ field: 'dataWipe', messages: ['a data-wipe entry names an asset that is not being returned'] }],
        'A data-wipe entry names an asset not returned',
        'DATA_WIPE_UNEXPECTED',
      );
    case 'ASSET_NOT_IN_HANDOVER':
      return new RuleViolation(p.code, 'Some assets were not handed over in this handover', { assetIds: p.assetIds });
    case 'ITEM_ALREADY_CLOSED':
      return new Conflict(p.code, 'Some assets are already back (or were reported lost or stolen)', { assetIds: p.assetIds });
    case 'DATA_WIPE_REQUIRED':
      return new RuleViolation(p.code, 'Every returned laptop needs a confirmed data wipe (method and confirmation)', { assetIds: p.assetIds });
  }
}

/**
 * Kits back, whole or in part. Items come back to the shelf, or to repair when damaged; laptops only with
 * a confirmed data wipe, and their station certificates revoked (`pki.station-returned`, cessationOfOperation).
 * Return tasks opened by offboarding for these assets close in the same transaction.
 */
@Injectable()
export class HandoverReturnsService {
  constructor(
    private readonly handovers: HandoverRepository,
    private readonly assets: AssetRepository,
    private readonly returnTasks: ReturnTaskRepository,
    private readonly employees: EmployeeDirectory,
    private readonly renderer: ReceiptPdfRenderer,
    private readonly handoverViews: HandoversService,
    private readonly uow: UnitOfWork,
    private readonly outbox: Outbox,
    private readonly audit: AuditService,
    private readonly clock: Clock,
    private readonly config: AppConfig,
  ) {}

  async returnItems(actor: Actor, handoverId: string, dto: ReturnHandoverDto): Promise<ReturnResultDto> {
    const returnId = await this.uow.run(async (tx) => {
      const handover = await this.handovers.lock(tx, handoverId);
      if (!handover) throw handoverNotFound(handoverId);
      const items = await this.handovers.items(handoverId, tx.manager);
      const outstanding = items.filter((i) => !i.closedAt);
      const wipes = (dto.dataWipe ?? []).map((w) => ({
        assetId: w.assetId,
        method: w.method.trim(),
        confirmed: w.confirmed,
        reference: w.reference?.trim() ?? null,
      }));
      const decision = planReturn(
        items.map((i) => i.assetId),
        outstanding.map((i) => ({ assetId: i.assetId, kind: i.kind })),
        dto.items,
        wipes,
      );
      if (!decision.ok) throw problemError(decision.problem);
      const { plan } = decision;

      const id = randomUUID();
      const now = this.clock.nowIso();
      const date = municipalToday(this.clock, this.config);
      const moved =
        (await this.assets.release(tx, plan.toStock, handoverId, 'return_ok', now)) +
        (await this.assets.release(tx, plan.toRepair, handoverId, 'return_damaged', now));
      if (moved !== dto.items.length) throw new Conflict('ASSET_CHANGED', 'Some assets changed state meanwhile; reload the handover and retry', { handoverId });
      const notes = new Map(dto.items.map((i) => [i.assetId, i.note?.trim() ?? null]));
      const closed = await this.handovers.closeItemsByReturn(
        tx,
        handoverId,
        dto.items.map((i) => ({ assetId: i.assetId, condition: i.condition, note: notes.get(i.assetId) ?? null })),
        id,
        now,
      );
      if (closed !== dto.items.length) throw new Conflict('ASSET_CHANGED', 'Some items were returned meanwhile; reload the handover and retry', { handoverId });
      const { status } = await this.handovers.refreshStatus(tx, handoverId, now);
      const tasksClosed = await this.returnTasks.closeForAssets(
        tx,
        dto.items.map((i) => i.assetId),
        'returned',
        id,
        now,
      );
      // A laptop back from its holder keeps no valid certificate: the PKI revokes its certificates (through the
      // outbox, in this transaction, as for a lost one) and the VPN account follows them (back to approved).
      for (const assetId of plan.stations) {
        const job: StationReturnedJob = { assetId, returnedAt: now };
        await this.outbox.record(tx, 'pki.station-returned', job, { jobId: `pki-returned-${assetId}-${id}` });
      }

      const employee = await this.employees.findById(handover.employeeId, tx);
      const byAsset = new Map(items.map((i) => [i.assetId, i]));
      const returnedIds = new Set(dto.items.map((i) => i.assetId));
      const receiptItem = (assetId: string) => {
        const i = byAsset.get(assetId)!;
        return { kind: i.kind, manufacturer: i.manufacturer, model: i.modelName, serial: i.serial, assetTag: i.assetTag };
      };
      const pdf = await this.renderer.render(
        returnReceipt({
          returnId: id,
          handoverId,
          handoverDate: handover.handoverDate,
          organisation: this.config.env.MUNICIPALITY_NAME,
          place: placeOf(this.config.env.MUNICIPALITY_NAME),
          date,
          employee: employee
            ? { fullName: `${employee.firstName} ${employee.lastName}`, employeeNumber: employee.employeeNumber, serviceName: employee.serviceName }
            : { fullName: handover.employeeId },
          technician: { fullName: actor.name },
          items: dto.items.map((i) => ({ ...receiptItem(i.assetId), condition: i.condition, note: notes.get(i.assetId) ?? null })),
          wipes: wipes.map((w) => ({
            serial: byAsset.get(w.assetId)!.serial,
            assetTag: byAsset.get(w.assetId)!.assetTag,
            method: w.method,
            reference: w.reference,
          })),
          stillHeld: outstanding.filter((i) => !returnedIds.has(i.assetId)).map((i) => receiptItem(i.assetId)),
          notes: dto.notes ?? null,
        }),
        new Date(now),
      );
      const document: InventoryDocumentEntity = {
        id: randomUUID(),
        kind: 'return_receipt',
        handoverId,
        returnId: id,
        fileName: `verbale-restituzione-${id.slice(0, 8)}.pdf`,
        sha256: pdf.sha256,
        sizeBytes: pdf.bytes.length,
        contentBase64: pdf.bytes.toString('base64'),
        createdAt: now,
      };
      await this.handovers.insertReturn(
        tx,
        {
          id,
          handoverId,
          returnedAt: now,
          returnDate: date,
          technicianId: actor.id,
          technicianName: actor.name,
          dataWipe: JSON.stringify(wipes),
          notes: dto.notes?.trim() ?? null,
          receiptDocumentId: document.id,
          receiptSha256: pdf.sha256,
          createdAt: now,
        },
        document,
      );
      await this.audit.record(tx, actor, {
        action: 'handover.returned',
        entityType: 'handover',
        entityId: handoverId,
        summary: {
          returnId: id,
          items: dto.items.map((i) => ({ assetTag: byAsset.get(i.assetId)!.assetTag, condition: i.condition })),
          dataWipe: wipes.map((w) => ({ assetTag: byAsset.get(w.assetId)!.assetTag, method: w.method, reference: w.reference })),
          handoverStatus: status,
          returnTasksClosed: tasksClosed,
          revokeStationCertificates: plan.stations.map((assetId) => byAsset.get(assetId)!.assetTag),
          receiptSha256: pdf.sha256,
        },
      });
      return id;
    });
    const handover = await this.handoverViews.get(handoverId);
    return { return: handover.returns.find((r) => r.id === returnId)!, handover };
  }

  async receipt(handoverId: string, returnId: string): Promise<{ fileName: string; bytes: Buffer; sha256: string }> {
    const ret = await this.handovers.findReturn(handoverId, returnId);
    if (!ret) throw new DomainError('not_found', 'RETURN_NOT_FOUND', `return ${returnId} of handover ${handoverId} does not exist`, { handoverId, returnId });
    const doc = await this.handovers.document(ret.receiptDocumentId);
    if (!doc) throw new DomainError('not_found', 'RECEIPT_NOT_FOUND', `the receipt of return ${returnId} is missing`, { returnId });
    return { fileName: doc.fileName, bytes: Buffer.from(doc.contentBase64, 'base64'), sha256: doc.sha256 };
  }
}
