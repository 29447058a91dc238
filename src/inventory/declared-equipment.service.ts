import { Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { AuditService } from '../audit';
import { Actor } from '../common/auth/roles';
import { Clock } from '../common/clock';
import { Conflict, DomainError, RuleViolation, ValidationFailed } from '../common/errors/domain-error';
import { UnitOfWork } from '../database/unit-of-work';
import { EmployeeDirectory } from '../directory';
import { isValidSerial, normalizeCode } from './domain/identifiers';
import { DeclaredEquipmentDto, DeclareEquipmentDto } from './dto/declared-equipment.dto';
import { AssetEntity } from './asset.entity';
import { DeclaredEquipmentEntity } from './declared-equipment.entity';
import { actorLabel } from '../common/auth/roles';
import { isUniqueViolation } from '../database/unique-violation';
import { toDeclaredDto } from './inventory.mapper';
import { AssetRepository } from './asset.repository';
import { DeclaredEquipmentRepository } from './declared-equipment.repository';
import { DeviceModelRepository } from './device-model.repository';
import { AssetTagAllocator } from './asset-tag.allocator';

/**
 * Personal laptops and home broadband an employee declares using for remote work (they count for the
 * "equipped" indicator). A personal laptop given with serial and model is also registered as an asset of
 * ownership `personal`, held by its owner, so it can carry a station certificate and be reported stolen.
 */
@Injectable()
export class DeclaredEquipmentService {
  constructor(
    private readonly declarations: DeclaredEquipmentRepository,
    private readonly assets: AssetRepository,
    private readonly models: DeviceModelRepository,
    private readonly tags: AssetTagAllocator,
    private readonly employees: EmployeeDirectory,
    private readonly uow: UnitOfWork,
    private readonly audit: AuditService,
    private readonly clock: Clock,
  ) {}

  async declare(actor: Actor, employeeId: string, dto: DeclareEquipmentDto): Promise<DeclaredEquipmentDto> {
    if (dto.kind === 'broadband' && (dto.serial || dto.modelId)) {
      throw new ValidationFailed([{ field: 'serial', messages: ['serial and modelId are only for a personal laptop'] }]);
    }
    if ((dto.serial === undefined) !== (dto.modelId === undefined)) {
      throw new ValidationFailed([{ field: dto.serial ? 'modelId' : 'serial', messages: ['give both serial and modelId to register the laptop'] }]);
    }
    const serial = dto.serial === undefined ? null : normalizeCode(dto.serial);
    if (serial !== null && !isValidSerial(serial))
      throw new ValidationFailed([{ field: 'serial', messages: ['a serial has 2-100 letters, digits or . _ / -'] }]);
    const model = dto.modelId ? await this.models.findById(dto.modelId) : null;
    if (dto.modelId && !model) throw new DomainError('not_found', 'MODEL_NOT_FOUND', `device model ${dto.modelId} does not exist`, { modelId: dto.modelId });
    if (model && model.kind !== 'laptop')
      throw new RuleViolation('WRONG_KIND', `model ${model.model} is a ${model.kind}, not a laptop`, { modelKind: model.kind });

    const id = randomUUID();
    const now = this.clock.nowIso();
    let assetTag: string | null = null;
    try {
      await this.uow.run(async (tx) => {
        const employee = await this.employees.findById(employeeId, tx);
        if (!employee) throw new DomainError('not_found', 'EMPLOYEE_NOT_FOUND', `employee ${employeeId} does not exist`, { employeeId });
        let assetId: string | null = null;
        if (model && serial) {
          if ((await this.assets.existingSerials(tx.manager, [{ manufacturer: model.manufacturer, serial }])).length) {
            throw new Conflict('DUPLICATE_SERIAL', `serial ${serial} (${model.manufacturer}) is already registered`, { serial });
          }
          assetTag = (await this.tags.allocate(tx, 1))[0];
          assetId = randomUUID();
          const asset: AssetEntity = {
            id: assetId,
            assetTag,
            manufacturer: model.manufacturer,
            serial,
            kind: 'laptop',
            modelId: model.id,
            lotId: null,
            ownership: 'personal',
            location: null,
            state: 'assigned',
            holderEmployeeId: employeeId,
            currentHandoverId: null,
            assignedAt: now,
            mac: null,
            simIccid: null,
            simPhoneNumber: null,
            simDataPlan: null,
            notes: 'dispositivo personale dichiarato dal dipendente',
            createdAt: now,
            createdBy: actorLabel(actor),
            updatedAt: now,
            version: 1,
          };
          await this.assets.insertOne(tx, asset);
        }
        const row: DeclaredEquipmentEntity = {
          id,
          employeeId,
          kind: dto.kind,
          note: dto.note?.trim() ?? null,
          assetId,
          declaredAt: now,
          declaredBy: actorLabel(actor),
          withdrawnAt: null,
          withdrawnBy: null,
        };
        await this.declarations.insert(tx, row);
        await this.audit.record(tx, actor, {
          action: 'equipment.declared',
          entityType: 'employee',
          entityId: employeeId,
          summary: { declarationId: id, kind: dto.kind, assetTag },
        });
      });
    } catch (err) {
      if (isUniqueViolation(err)) throw new Conflict('DUPLICATE_SERIAL', 'this laptop was registered at the same time', { serial });
      throw err;
    }
    return (await this.list(employeeId, true)).find((d) => d.id === id)!;
  }

  async list(employeeId: string, includeWithdrawn: boolean): Promise<DeclaredEquipmentDto[]> {
    const employee = await this.employees.findById(employeeId);
    if (!employee) throw new DomainError('not_found', 'EMPLOYEE_NOT_FOUND', `employee ${employeeId} does not exist`, { employeeId });
    const rows = await this.declarations.forEmployee(employeeId, includeWithdrawn);
    const out: DeclaredEquipmentDto[] = [];
    for (const r of rows) out.push(toDeclaredDto(r, r.assetId ? ((await this.assets.findById(r.assetId))?.assetTag ?? null) : null));
    return out;
  }

  /** The employee stops using it: the declaration ends; a registered personal laptop leaves the inventory. */
  async withdraw(actor: Actor, employeeId: string, declarationId: string): Promise<DeclaredEquipmentDto> {
    await this.uow.run(async (tx) => {
      const row = await this.declarations.find(tx, employeeId, declarationId);
      if (!row) throw new DomainError('not_found', 'DECLARATION_NOT_FOUND', `declaration ${declarationId} does not exist for this employee`, { declarationId });
      const now = this.clock.nowIso();
      if (!(await this.declarations.withdraw(tx, row.id, actorLabel(actor), now)))
        throw new Conflict('ALREADY_WITHDRAWN', 'this declaration was already withdrawn', { declarationId });
      if (row.assetId) {
        const asset = await this.assets.findById(row.assetId, tx.manager);
        if (asset && asset.state === 'assigned') await this.assets.changeState(tx, asset.id, 'assigned', Number(asset.version), 'retired', now, true);
      }
      await this.audit.record(tx, actor, {
        action: 'equipment.withdrawn',
        entityType: 'employee',
        entityId: employeeId,
        summary: { declarationId, kind: row.kind, assetId: row.assetId },
      });
    });
    return (await this.list(employeeId, true)).find((d) => d.id === declarationId)!;
  }
}
