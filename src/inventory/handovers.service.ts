import { Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { GateDecision, ProvisioningGate } from '../agreements';
import { AuditService } from '../audit';
import { Actor } from '../common/auth/roles';
import { Clock } from '../common/clock';
import { Conflict, DomainError, RuleViolation, ValidationFailed } from '../common/errors/domain-error';
import { UnitOfWork } from '../database/unit-of-work';
import { EmployeeDirectory } from '../directory';
import { AppConfig } from '../config/app-config';
import { transition } from './domain/asset-state';
import { isGatedKind } from './domain/device-kind';
import { encodeCursor, readCursor } from '../common/http/keyset-cursor';
import { handoverReceipt } from './domain/receipt.content';
import {
  CreateHandoverDto,
  HandoverCheckDto,
  HandoverCheckRefusal,
  HandoverDetailDto,
  HandoverPageDto,
  HandoverQueryDto,
  SignHandoverDto,
} from './dto/handovers.dto';
import { AssetEntity } from './asset.entity';
import { HandoverItemEntity } from './handover-item.entity';
import { HandoverEntity } from './handover.entity';
import { InventoryDocumentEntity } from './inventory-document.entity';
import { municipalToday } from '../common/clock';
import { actorLabel } from '../common/auth/roles';
import { placeOf } from './domain/receipt.content';
import { toHandoverDto, toReturnDto } from './inventory.mapper';
import { ReceiptPdfRenderer } from './receipts/receipt-pdf.renderer';
import { AssetRepository } from './asset.repository';
import { DeviceModelRepository } from './device-model.repository';
import { HandoverRepository } from './handover.repository';

const HANDOVER_SORT = '-handedAt';

const isMunicipal = (a: AssetEntity) => a.ownership === 'municipal';
const isOnShelf = (a: AssetEntity) => transition(a.state, 'handover').ok;

export const handoverNotFound = (id: string) => new DomainError('not_found', 'HANDOVER_NOT_FOUND', `handover ${id} does not exist`, { handoverId: id });

/**
 * Kits out: one handover hands one or more assets to one employee. Gated kinds pass the provisioning gate
 * inside the same transaction as the assignment; two technicians racing for an asset are settled by a
 * conditional update (exactly one wins, the other gets ASSET_NOT_AVAILABLE).
 */
@Injectable()
export class HandoversService {
  constructor(
    private readonly handovers: HandoverRepository,
    private readonly assets: AssetRepository,
    private readonly models: DeviceModelRepository,
    private readonly employees: EmployeeDirectory,
    private readonly gate: ProvisioningGate,
    private readonly renderer: ReceiptPdfRenderer,
    private readonly uow: UnitOfWork,
    private readonly audit: AuditService,
    private readonly clock: Clock,
    private readonly config: AppConfig,
  ) {}

  async create(actor: Actor, dto: CreateHandoverDto): Promise<HandoverDetailDto> {
    const assetIds = [...new Set(dto.assetIds)];
    if (assetIds.length !== dto.assetIds.length) {
      throw new ValidationFailed(
        [{ field: 'assetIds', messages: ['an asset appears twice in the kit'] }],
        'An asset appears twice in the kit',
        'DUPLICATE_ASSET_IN_KIT',
      );
    }
    // Fast refusal outside any transaction when an asset is visibly taken already: under a rush (the 2020
    // emergency: hundreds of kits a day) losers answer at once instead of queueing for the write lock. The
    // decision that counts is still the locked check and conditional update below.
    this.assertHandable(await this.assets.findMany(assetIds));
    const outcome = await this.uow.run(async (tx): Promise<{ refused: GateDecision } | { id: string }> => {
      const employee = await this.employees.findById(dto.employeeId, tx);
      if (!employee) throw new DomainError('not_found', 'EMPLOYEE_NOT_FOUND', `employee ${dto.employeeId} does not exist`, { employeeId: dto.employeeId });
      const assets = await this.assets.lockMany(tx, assetIds);
      const missing = assetIds.filter((id) => !assets.some((a) => a.id === id));
      if (missing.length) throw new DomainError('not_found', 'ASSET_NOT_FOUND', `asset ${missing[0]} does not exist`, { assetIds: missing });
      this.assertHandable(assets);

      const gated = assets.some((a) => isGatedKind(a.kind));
      let decision: GateDecision | null = null;
      if (gated) {
        decision = await this.gate.check(employee.id, tx);
        if (!decision.allowed) return { refused: decision };
      }

      const id = randomUUID();
      const now = this.clock.nowIso();
      const date = municipalToday(this.clock, this.config);
      const assigned = await this.assets.assign(tx, assetIds, employee.id, id, now);
      if (assigned !== assetIds.length) throw this.notAvailable(assetIds.map((a) => ({ id: a })));

      const models = new Map((await this.models.list(undefined, tx.manager)).map((m) => [m.id, m]));
      // keep the kit in the order the technician listed it
      const ordered = assetIds.map((aid) => assets.find((a) => a.id === aid)!);
      const items: HandoverItemEntity[] = ordered.map((a, position) => ({
        id: randomUUID(),
        handoverId: id,
        employeeId: employee.id,
        handoverDate: date,
        assetId: a.id,
        position,
        kind: a.kind,
        manufacturer: a.manufacturer,
        modelName: models.get(a.modelId)?.model ?? '',
        serial: a.serial,
        assetTag: a.assetTag,
        returnId: null,
        returnedAt: null,
        returnCondition: null,
        returnNote: null,
        closedAt: null,
        closedReason: null,
      }));
      const technicianName = actor.name;
      const pdf = await this.renderer.render(
        handoverReceipt({
          handoverId: id,
          organisation: this.config.env.MUNICIPALITY_NAME,
          place: placeOf(this.config.env.MUNICIPALITY_NAME),
          date,
          employee: { fullName: `${employee.firstName} ${employee.lastName}`, employeeNumber: employee.employeeNumber, serviceName: employee.serviceName },
          technician: { fullName: technicianName },
          items: items.map((i, n) => ({
            kind: i.kind,
            manufacturer: i.manufacturer,
            model: i.modelName,
            serial: i.serial,
            assetTag: i.assetTag,
            extra: ordered[n].simIccid ? `ICCID ${ordered[n].simIccid}${ordered[n].simPhoneNumber ? `, n. ${ordered[n].simPhoneNumber}` : ''}` : null,
          })),
          conditions: dto.conditions ?? null,
          notes: dto.notes ?? null,
        }),
        new Date(now),
      );
      const document: InventoryDocumentEntity = {
        id: randomUUID(),
        kind: 'handover_receipt',
        handoverId: id,
        returnId: null,
        fileName: `verbale-consegna-${id.slice(0, 8)}.pdf`,
        sha256: pdf.sha256,
        sizeBytes: pdf.bytes.length,
        contentBase64: pdf.bytes.toString('base64'),
        createdAt: now,
      };
      const handover: HandoverEntity = {
        id,
        employeeId: employee.id,
        technicianId: actor.id,
        technicianName,
        handedAt: now,
        handoverDate: date,
        conditions: dto.conditions?.trim() ?? null,
        notes: dto.notes?.trim() ?? null,
        gated,
        gateAgreementId: decision?.agreementId ?? null,
        status: 'open',
        itemsCount: items.length,
        outstandingCount: items.length,
        receiptDocumentId: document.id,
        receiptSha256: pdf.sha256,
        employeeSignedAt: null,
        employeeSignatureRecordedBy: null,
        technicianSignedAt: null,
        technicianSignatureRecordedBy: null,
        signedScanSha256: null,
        createdAt: now,
        updatedAt: now,
        version: 1,
      };
      await this.handovers.insert(tx, handover, items, document);
      await this.audit.record(tx, actor, {
        action: 'handover.created',
        entityType: 'handover',
        entityId: id,
        summary: { employeeId: employee.id, assetTags: items.map((i) => i.assetTag), gated, agreementId: handover.gateAgreementId, receiptSha256: pdf.sha256 },
      });
      return { id };
    });

    if ('refused' in outcome) {
      const d = outcome.refused;
      // The refusal leaves no trace but its audit entry, written after the (empty) transaction.
      await this.audit.recordAlone(actor, {
        action: 'handover.refused',
        entityType: 'employee',
        entityId: dto.employeeId,
        summary: { refusals: d.refusals, assetIds, date: d.date, agreementId: d.agreementId },
      });
      throw new RuleViolation('GATE_REFUSED', `The employee does not pass the provisioning gate: ${d.refusals.join(', ')}`, {
        employeeId: dto.employeeId,
        date: d.date,
        refusals: d.refusals,
      });
    }
    return this.get(outcome.id);
  }

  /** Municipal assets the state machine lets be handed over only; checked on a plain read first, then again under lock. */
  /**
   * Whether one scanned asset could go to the employee now, asked by the handover page at scan time: the same
   * checks as create() (ownership, shelf state, the gate for gated kinds), changing nothing. Create decides again.
   */
  async check(employeeId: string, assetId: string): Promise<HandoverCheckDto> {
    const employee = await this.employees.findById(employeeId);
    if (!employee) throw new DomainError('not_found', 'EMPLOYEE_NOT_FOUND', `employee ${employeeId} does not exist`, { employeeId });
    const [asset] = await this.assets.findMany([assetId]);
    if (!asset) throw new DomainError('not_found', 'ASSET_NOT_FOUND', `asset ${assetId} does not exist`, { assetIds: [assetId] });
    const refusals: HandoverCheckRefusal[] = [];
    if (!isMunicipal(asset)) refusals.push('ASSET_NOT_MUNICIPAL');
    if (!isOnShelf(asset)) refusals.push('ASSET_NOT_AVAILABLE');
    const gated = isGatedKind(asset.kind);
    const decision = gated ? await this.gate.check(employee.id) : null;
    if (decision && !decision.allowed) refusals.push('GATE_REFUSED');
    return {
      employeeId: employee.id,
      assetId: asset.id,
      assetTag: asset.assetTag,
      kind: asset.kind,
      state: asset.state,
      holderEmployeeId: asset.holderEmployeeId ?? null,
      gated,
      allowed: refusals.length === 0,
      refusals,
      gateRefusals: decision?.refusals ?? [],
    };
  }

  private assertHandable(assets: AssetEntity[]): void {
    const personal = assets.filter((a) => !isMunicipal(a));
    if (personal.length) throw new RuleViolation('ASSET_NOT_MUNICIPAL', 'personal devices are not handed over', { assetIds: personal.map((a) => a.id) });
    const unavailable = assets.filter((a) => !isOnShelf(a));
    if (unavailable.length) throw this.notAvailable(unavailable.map((a) => ({ id: a.id, assetTag: a.assetTag, state: a.state })));
  }

  private notAvailable(assets: { id: string; assetTag?: string; state?: string }[]): Conflict {
    return new Conflict('ASSET_NOT_AVAILABLE', 'Some assets are not on the shelf (assigned, in repair or gone); nothing was handed over', { assets });
  }

  async sign(actor: Actor, id: string, dto: SignHandoverDto): Promise<HandoverDetailDto> {
    await this.uow.run(async (tx) => {
      const handover = await this.handovers.findById(id, tx.manager);
      if (!handover) throw handoverNotFound(id);
      const now = this.clock.nowIso();
      if (!(await this.handovers.sign(tx, id, dto.signedBy, actorLabel(actor), now, dto.signedScanSha256 ?? null))) {
        throw new Conflict('ALREADY_SIGNED', `the ${dto.signedBy} has already signed this handover`, { signedBy: dto.signedBy });
      }
      await this.audit.record(tx, actor, {
        action: 'handover.signed',
        entityType: 'handover',
        entityId: id,
        summary: { signedBy: dto.signedBy, receiptSha256: handover.receiptSha256, signedScanSha256: dto.signedScanSha256 ?? null },
      });
    });
    return this.get(id);
  }

  async get(id: string): Promise<HandoverDetailDto> {
    const handover = await this.handovers.findById(id);
    if (!handover) throw handoverNotFound(id);
    const items = await this.handovers.items(id);
    const returns = await this.handovers.returns(id);
    return { ...toHandoverDto(handover, items), returns: returns.map((r) => toReturnDto(r, items)) };
  }

  async list(query: HandoverQueryDto): Promise<HandoverPageDto> {
    const limit = query.limit ?? 50;
    const p = readCursor(query.cursor, HANDOVER_SORT, 2);
    const after = p ? { handedAt: String(p[0]), id: String(p[1]) } : undefined;
    const rows = await this.handovers.list({ ...query, after, limit });
    const page = rows.slice(0, limit);
    const items = await this.handovers.itemsOf(page.map((h) => h.id));
    const last = page[page.length - 1];
    return {
      items: page.map((h) =>
        toHandoverDto(
          h,
          items.filter((i) => i.handoverId === h.id),
        ),
      ),
      nextCursor: rows.length > limit && last ? encodeCursor(HANDOVER_SORT, [last.handedAt, last.id]) : null,
    };
  }

  /** The stored receipt, byte for byte. */
  async receipt(id: string): Promise<{ fileName: string; bytes: Buffer; sha256: string }> {
    const handover = await this.handovers.findById(id);
    if (!handover) throw handoverNotFound(id);
    const doc = await this.handovers.document(handover.receiptDocumentId);
    if (!doc) throw new DomainError('not_found', 'RECEIPT_NOT_FOUND', `the receipt of handover ${id} is missing`, { handoverId: id });
    return { fileName: doc.fileName, bytes: Buffer.from(doc.contentBase64, 'base64'), sha256: doc.sha256 };
  }
}
