import { Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { AuditService } from '../audit';
import { Actor } from '../common/auth/roles';
import { Clock } from '../common/clock';
import { Conflict, DomainError, FieldProblem, RuleViolation, ValidationFailed } from '../common/errors/domain-error';
import { Tx, UnitOfWork } from '../database/unit-of-work';
import { isValidAssetTag, isValidSerial, normalizeCode, normalizeIccid, normalizeMac, normalizePhone } from './domain/identifiers';
import { encodeCursor, readCursor } from '../common/http/keyset-cursor';
import { AssetDto, AssetPageDto, AssetQueryDto, CreateAssetDto } from './dto/assets.dto';
import { AssetDetailDto } from './dto/incidents.dto';
import { AssetEntity } from './asset.entity';
import { actorLabel } from '../common/auth/roles';
import { isUniqueViolation } from '../database/unique-violation';
import { toAssetDto, toReportDto } from './inventory.mapper';
import { AssetReportRepository } from './asset-report.repository';
import { AssetRepository } from './asset.repository';
import { DeviceModelRepository } from './device-model.repository';
import { PurchaseLotRepository } from './purchase-lot.repository';
import { AssetTagAllocator } from './asset-tag.allocator';

@Injectable()
export class AssetsService {
  constructor(
    private readonly assets: AssetRepository,
    private readonly reports: AssetReportRepository,
    private readonly models: DeviceModelRepository,
    private readonly lots: PurchaseLotRepository,
    private readonly tags: AssetTagAllocator,
    private readonly uow: UnitOfWork,
    private readonly audit: AuditService,
    private readonly clock: Clock,
  ) {}

  /** One municipal asset (a delivery outside the CSV intake, or stock bought before the service existed). */
  async create(actor: Actor, dto: CreateAssetDto): Promise<AssetDto> {
    const model = await this.models.findById(dto.modelId);
    if (!model) throw new DomainError('not_found', 'MODEL_NOT_FOUND', `device model ${dto.modelId} does not exist`, { modelId: dto.modelId });
    const problems: FieldProblem[] = [];
    const serial = normalizeCode(dto.serial);
    if (!isValidSerial(serial)) problems.push({ field: 'serial', messages: ['a serial has 2-100 letters, digits or . _ / -'] });
    const assetTag = dto.assetTag === undefined ? null : normalizeCode(dto.assetTag);
    if (assetTag !== null && !isValidAssetTag(assetTag)) problems.push({ field: 'assetTag', messages: ['an asset tag has 3-40 letters, digits or . _ -'] });
    const mac = dto.mac === undefined ? null : normalizeMac(dto.mac);
    if (dto.mac !== undefined && !mac) problems.push({ field: 'mac', messages: ['not a MAC address (AA:BB:CC:DD:EE:FF)'] });
    let iccid: string | null = null;
    let phone: string | null = null;
    if (dto.sim) {
      if (model.kind !== 'mobile_router')
        throw new ValidationFailed(
          [{ field: 'sim', messages: ['SIM details are only for mobile routers'] }],
          'SIM details are only for mobile routers',
          'SIM_NOT_ALLOWED',
        );
      iccid = normalizeIccid(dto.sim.iccid);
      if (!iccid) problems.push({ field: 'sim.iccid', messages: ['an ICCID has 18-22 digits, starts with 89 and ends with a valid check digit'] });
      if (dto.sim.phoneNumber !== undefined) {
        phone = normalizePhone(dto.sim.phoneNumber);
        if (!phone) problems.push({ field: 'sim.phoneNumber', messages: ['a phone number has 6-15 digits, optionally after +'] });
      }
    }
    if (problems.length) throw new ValidationFailed(problems);

    const id = randomUUID();
    const now = this.clock.nowIso();
    try {
      await this.uow.run(async (tx) => {
        if (dto.lotId) {
          const lot = await this.lots.findById(dto.lotId, tx.manager);
          if (!lot) throw new DomainError('not_found', 'LOT_NOT_FOUND', `purchase lot ${dto.lotId} does not exist`, { lotId: dto.lotId });
          if (lot.kind !== model.kind)
            throw new RuleViolation('WRONG_KIND', `the lot receives ${lot.kind}, this model is a ${model.kind}`, { lotKind: lot.kind, modelKind: model.kind });
          if (!(await this.lots.reserve(tx, lot.id, 1, now))) {
            throw new RuleViolation('LOT_FULL', `the lot has already received the ${lot.quantity} assets it ordered`, {
              lotId: lot.id,
              quantity: lot.quantity,
            });
          }
        }
        await this.assertUnique(tx, model.manufacturer, serial, assetTag, iccid);
        const tag = assetTag ?? (await this.tags.allocate(tx, 1))[0];
        const asset: AssetEntity = {
          id,
          assetTag: tag,
          manufacturer: model.manufacturer,
          serial,
          kind: model.kind,
          modelId: model.id,
          lotId: dto.lotId ?? null,
          ownership: 'municipal',
          location: dto.location?.trim() ?? null,
          state: 'in_stock',
          holderEmployeeId: null,
          currentHandoverId: null,
          assignedAt: null,
          mac,
          simIccid: iccid,
          simPhoneNumber: phone,
          simDataPlan: dto.sim?.dataPlan?.trim() ?? null,
          notes: dto.notes?.trim() ?? null,
          createdAt: now,
          createdBy: actorLabel(actor),
          updatedAt: now,
          version: 1,
        };
        await this.assets.insertOne(tx, asset);
        await this.audit.record(tx, actor, {
          action: 'asset.created',
          entityType: 'asset',
          entityId: id,
          summary: { assetTag: tag, serial, kind: model.kind, lotId: asset.lotId },
        });
      });
    } catch (err) {
      if (isUniqueViolation(err))
        throw new Conflict('DUPLICATE_ASSET', 'An asset with this serial, asset tag or ICCID was registered at the same time', { serial });
      throw err;
    }
    return this.get(id);
  }

  private async assertUnique(tx: Tx, manufacturer: string, serial: string, assetTag: string | null, iccid: string | null): Promise<void> {
    if ((await this.assets.existingSerials(tx.manager, [{ manufacturer, serial }])).length) {
      throw new Conflict('DUPLICATE_SERIAL', `serial ${serial} (${manufacturer}) is already registered`, { serial, manufacturer });
    }
    if (assetTag && (await this.assets.existingValues(tx.manager, 'asset_tag', [assetTag])).length) {
      throw new Conflict('DUPLICATE_ASSET_TAG', `asset tag ${assetTag} is already registered`, { assetTag });
    }
    if (iccid && (await this.assets.existingValues(tx.manager, 'sim_iccid', [iccid])).length) {
      throw new Conflict('DUPLICATE_ICCID', 'this ICCID is already registered', { iccid });
    }
  }

  async get(id: string): Promise<AssetDetailDto> {
    const row = await this.assets.findRow(id);
    if (!row) throw new DomainError('not_found', 'ASSET_NOT_FOUND', `asset ${id} does not exist`, { assetId: id });
    const reports = await this.reports.forAsset(id);
    return { ...toAssetDto(row, row.modelName), reports: reports.map((r) => toReportDto(r, row.kind)) };
  }

  async list(query: AssetQueryDto): Promise<AssetPageDto> {
    const sort = query.sort ?? 'assetTag';
    const limit = query.limit ?? 50;
    const position = readCursor(query.cursor, sort, 2);
    const after = position ? { v: position[0], id: String(position[1]) } : undefined;
    const rows = await this.assets.list({
      kind: query.kind,
      state: query.state,
      modelId: query.modelId,
      lotId: query.lotId,
      holderEmployeeId: query.employeeId,
      ownership: query.ownership,
      q: query.q,
      contains: query.contains,
      sort,
      after,
      limit,
    });
    const page = rows.slice(0, limit);
    const last = page[page.length - 1];
    return {
      items: page.map((r) => toAssetDto(r, r.modelName)),
      nextCursor: rows.length > limit && last ? encodeCursor(sort, [this.assets.sortValue(last, sort), last.id]) : null,
    };
  }
}
