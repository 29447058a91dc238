import { returnTaskStatus } from './domain/return-task.status';
import { AssetReportEntity } from './asset-report.entity';
import { AssetEntity } from './asset.entity';
import { DeclaredEquipmentEntity } from './declared-equipment.entity';
import { DeviceModelEntity } from './device-model.entity';
import { HandoverItemEntity } from './handover-item.entity';
import { HandoverReturnEntity } from './handover-return.entity';
import { HandoverEntity } from './handover.entity';
import { ReturnTaskEntity } from './return-task.entity';
import { AssetDto } from './dto/assets.dto';
import { HandoverDto, HandoverItemDto, HandoverReturnDto } from './dto/handovers.dto';
import { AssetReportDto } from './dto/incidents.dto';
import { LotDto } from './dto/lots.dto';
import { DeviceModelDto } from './dto/models.dto';
import { ReturnTaskDto } from './dto/return-tasks.dto';
import { DeclaredEquipmentDto } from './dto/declared-equipment.dto';
import { LotRow } from './purchase-lot.repository';
import { compromisesStation } from './domain/incident.rules';

/** Entity → response DTO, field by field: an entity never leaves the API. */
export function toModelDto(m: DeviceModelEntity): DeviceModelDto {
  return {
    id: m.id,
    kind: m.kind,
    manufacturer: m.manufacturer,
    model: m.model,
    specs: JSON.parse(m.specs) as Record<string, unknown>,
    createdAt: m.createdAt,
  };
}

export function toLotDto(l: LotRow): LotDto {
  return {
    id: l.id,
    modelId: l.modelId,
    kind: l.kind,
    manufacturer: l.manufacturer,
    model: l.modelName,
    supplier: l.supplier,
    consipConvention: l.consipConvention,
    consipLot: l.consipLot,
    cig: l.cig,
    orderNumber: l.orderNumber,
    orderDate: l.orderDate,
    deliveryDate: l.deliveryDate,
    quantity: l.quantity,
    received: l.receivedCount,
    outstanding: Math.max(0, l.quantity - l.receivedCount),
    unitPriceCents: l.unitPriceCents,
    totalCents: l.quantity * l.unitPriceCents,
    warrantyMonths: Number(l.warrantyMonths),
    warrantyEndsOn: l.warrantyEndsOn,
    sizeOverrideReason: l.sizeOverrideReason,
    notes: l.notes,
    createdAt: l.createdAt,
    createdBy: l.createdBy,
  };
}

export function toAssetDto(a: AssetEntity, modelName: string): AssetDto {
  return {
    id: a.id,
    assetTag: a.assetTag,
    serial: a.serial,
    manufacturer: a.manufacturer,
    kind: a.kind,
    modelId: a.modelId,
    model: modelName,
    lotId: a.lotId,
    ownership: a.ownership,
    location: a.location,
    state: a.state,
    holderEmployeeId: a.holderEmployeeId,
    currentHandoverId: a.currentHandoverId,
    assignedAt: a.assignedAt,
    mac: a.mac,
    sim: a.simIccid ? { iccid: a.simIccid, phoneNumber: a.simPhoneNumber, dataPlan: a.simDataPlan } : null,
    notes: a.notes,
    createdAt: a.createdAt,
    updatedAt: a.updatedAt,
    version: Number(a.version),
  };
}

export function toReportDto(r: AssetReportEntity, kind: AssetEntity['kind']): AssetReportDto {
  return {
    id: r.id,
    assetId: r.assetId,
    status: r.status,
    previousState: r.previousState,
    note: r.note,
    reportedAt: r.reportedAt,
    reportedBy: r.reportedBy,
    policeReportRef: r.policeReportRef,
    erasureMethod: r.erasureMethod,
    erasureCertificateRef: r.erasureCertificateRef,
    closedHandoverId: r.closedHandoverId,
    stationCompromised: compromisesStation(kind, r.status),
  };
}

export function toItemDto(i: HandoverItemEntity): HandoverItemDto {
  return {
    assetId: i.assetId,
    kind: i.kind,
    manufacturer: i.manufacturer,
    model: i.modelName,
    serial: i.serial,
    assetTag: i.assetTag,
    closedReason: i.closedReason,
    closedAt: i.closedAt,
    returnId: i.returnId,
    returnCondition: i.returnCondition,
  };
}

export function toHandoverDto(h: HandoverEntity, items: HandoverItemEntity[]): HandoverDto {
  return {
    id: h.id,
    employeeId: h.employeeId,
    technicianId: h.technicianId,
    technicianName: h.technicianName,
    handedAt: h.handedAt,
    handoverDate: h.handoverDate,
    conditions: h.conditions,
    notes: h.notes,
    gated: Boolean(h.gated),
    gateAgreementId: h.gateAgreementId,
    status: h.status,
    itemsCount: Number(h.itemsCount),
    outstandingCount: Number(h.outstandingCount),
    receiptSha256: h.receiptSha256,
    receiptUrl: `/api/v1/handovers/${h.id}/receipt.pdf`,
    employeeSignedAt: h.employeeSignedAt,
    technicianSignedAt: h.technicianSignedAt,
    signedScanSha256: h.signedScanSha256,
    items: items.map(toItemDto),
  };
}

export function toReturnDto(r: HandoverReturnEntity, items: HandoverItemEntity[]): HandoverReturnDto {
  const wipes = JSON.parse(r.dataWipe) as { assetId: string; method: string; confirmed: boolean; reference: string | null }[];
  return {
    id: r.id,
    returnedAt: r.returnedAt,
    returnDate: r.returnDate,
    technicianId: r.technicianId,
    technicianName: r.technicianName,
    assetIds: items.filter((i) => i.returnId === r.id).map((i) => i.assetId),
    dataWipe: wipes,
    notes: r.notes,
    receiptSha256: r.receiptSha256,
    receiptUrl: `/api/v1/handovers/${r.handoverId}/returns/${r.id}/receipt.pdf`,
  };
}

export function toReturnTaskDto(t: ReturnTaskEntity, today: string): ReturnTaskDto {
  const status = returnTaskStatus(t.status, t.dueDate, today);
  return {
    id: t.id,
    caseId: t.caseId,
    employeeId: t.employeeId,
    assetId: t.assetId,
    handoverId: t.handoverId,
    trigger: t.trigger,
    effectiveDate: t.effectiveDate,
    dueDate: t.dueDate,
    status,
    overdue: status === 'overdue',
    openedAt: t.openedAt,
    closedAt: t.closedAt,
    closedReason: t.closedReason,
    returnId: t.returnId,
  };
}

export function toDeclaredDto(d: DeclaredEquipmentEntity, assetTag: string | null): DeclaredEquipmentDto {
  return {
    id: d.id,
    employeeId: d.employeeId,
    kind: d.kind,
    note: d.note,
    assetId: d.assetId,
    assetTag,
    declaredAt: d.declaredAt,
    declaredBy: d.declaredBy,
    withdrawnAt: d.withdrawnAt,
  };
}
