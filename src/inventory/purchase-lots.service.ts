import { Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { AuditService } from '../audit';
import { Actor } from '../common/auth/roles';
import { Clock, isCalendarDate } from '../common/clock';
import { DomainError, RuleViolation, ValidationFailed } from '../common/errors/domain-error';
import { UnitOfWork } from '../database/unit-of-work';
import { normalizeCig } from './domain/identifiers';
import { decideLotSize, warrantyEndsOn } from './domain/lot-size.policy';
import { encodeCursor, readCursor } from '../common/http/keyset-cursor';
import { CreatedLotDto, CreateLotDto, LotDetailDto, LotPageDto, LotQueryDto } from './dto/lots.dto';
import { actorLabel } from '../common/auth/roles';
import { toLotDto } from './inventory.mapper';
import { DeviceModelRepository } from './device-model.repository';
import { PurchaseLotRepository } from './purchase-lot.repository';

const LOT_SORT = '-createdAt';

@Injectable()
export class PurchaseLotsService {
  constructor(
    private readonly lots: PurchaseLotRepository,
    private readonly models: DeviceModelRepository,
    private readonly uow: UnitOfWork,
    private readonly audit: AuditService,
    private readonly clock: Clock,
  ) {}

  async create(actor: Actor, dto: CreateLotDto): Promise<CreatedLotDto> {
    const problems: { field: string; messages: string[] }[] = [];
    if (!isCalendarDate(dto.orderDate)) problems.push({ field: 'orderDate', messages: ['orderDate is not a calendar date'] });
    if (dto.deliveryDate !== undefined && !isCalendarDate(dto.deliveryDate))
      problems.push({ field: 'deliveryDate', messages: ['deliveryDate is not a calendar date'] });
    if (dto.deliveryDate && isCalendarDate(dto.deliveryDate) && dto.deliveryDate < dto.orderDate)
      problems.push({ field: 'deliveryDate', messages: ['deliveryDate is before orderDate'] });
    const cig = normalizeCig(dto.cig);
    if (!cig) problems.push({ field: 'cig', messages: ['cig must be 10 letters or digits'] });
    if (problems.length) throw new ValidationFailed(problems);

    const size = decideLotSize(dto.quantity, dto.overrideReason);
    if (!size.ok) throw new RuleViolation(size.code, size.message, { quantity: dto.quantity, max: 100 });

    const model = await this.models.findById(dto.modelId);
    if (!model) throw new DomainError('not_found', 'MODEL_NOT_FOUND', `device model ${dto.modelId} does not exist`, { modelId: dto.modelId });

    const now = this.clock.nowIso();
    const id = randomUUID();
    await this.uow.run(async (tx) => {
      await this.lots.insert(tx, {
        id,
        modelId: model.id,
        supplier: dto.supplier.trim(),
        consipConvention: dto.consipConvention?.trim() ?? null,
        consipLot: dto.consipLot?.trim() ?? null,
        cig: cig!,
        orderNumber: dto.orderNumber.trim(),
        orderDate: dto.orderDate,
        deliveryDate: dto.deliveryDate ?? null,
        quantity: dto.quantity,
        receivedCount: 0,
        unitPriceCents: dto.unitPriceCents,
        warrantyMonths: dto.warrantyMonths,
        warrantyEndsOn: dto.deliveryDate ? warrantyEndsOn(dto.deliveryDate, dto.warrantyMonths) : null,
        sizeOverrideReason: size.overridden ? dto.overrideReason!.trim() : null,
        notes: dto.notes?.trim() ?? null,
        createdAt: now,
        createdBy: actorLabel(actor),
        updatedAt: now,
        version: 1,
      });
      await this.audit.record(tx, actor, {
        action: 'lot.created',
        entityType: 'purchase_lot',
        entityId: id,
        summary: { cig, supplier: dto.supplier, quantity: dto.quantity, unitPriceCents: dto.unitPriceCents, modelId: model.id, kind: model.kind },
      });
      if (size.overridden) {
        await this.audit.record(tx, actor, {
          action: 'lot.size_override',
          entityType: 'purchase_lot',
          entityId: id,
          summary: { quantity: dto.quantity, max: 100, reason: dto.overrideReason!.trim() },
        });
      }
    });
    const lot = await this.lots.findById(id);
    return { lot: toLotDto(lot!), warnings: size.warnings };
  }

  async get(id: string): Promise<LotDetailDto> {
    const lot = await this.lots.findById(id);
    if (!lot) throw new DomainError('not_found', 'LOT_NOT_FOUND', `purchase lot ${id} does not exist`, { lotId: id });
    return { ...toLotDto(lot), byState: await this.lots.stateCounts(id) };
  }

  async list(query: LotQueryDto): Promise<LotPageDto> {
    const limit = query.limit ?? 50;
    const position = readCursor(query.cursor, LOT_SORT, 2);
    const after = position ? { createdAt: String(position[0]), id: String(position[1]) } : undefined;
    const rows = await this.lots.list({ modelId: query.modelId, kind: query.kind, open: query.open, after, limit: limit + 1 });
    const page = rows.slice(0, limit);
    const last = page[page.length - 1];
    return { items: page.map(toLotDto), nextCursor: rows.length > limit && last ? encodeCursor(LOT_SORT, [last.createdAt, last.id]) : null };
  }
}
