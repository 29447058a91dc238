import 'reflect-metadata';
import { performance } from 'node:perf_hooks';
import { DataSource, ObjectLiteral } from 'typeorm';
import { ActivityEntity } from '../../src/activities/activity.entity';
import { EmployeeActivityEntity } from '../../src/activities/employee-activity.entity';
import { AgreementEntity } from '../../src/agreements/agreement.entity';
import { EmployeeEntity } from '../../src/directory/employee.entity';
import { ServiceEntity } from '../../src/directory/service.entity';
import { AssetEntity } from '../../src/inventory/asset.entity';
import { DeclaredEquipmentEntity } from '../../src/inventory/declared-equipment.entity';
import { DeviceModelEntity } from '../../src/inventory/device-model.entity';
import { HandoverItemEntity } from '../../src/inventory/handover-item.entity';
import { HandoverEntity } from '../../src/inventory/handover.entity';
import { PurchaseLotEntity } from '../../src/inventory/purchase-lot.entity';
import { CertificateEntity } from '../../src/pki/certificate.entity';
import { Prng } from '../demo/prng';
import { arg } from './inventory-bench-common';

/** The KPI bench's municipality: ten years of history bulk-inserted straight into the tables (not measured). */
const ASSETS = arg('assets', 50_000);
const HANDOVERS = arg('handovers', 100_000);
const EMPLOYEES = arg('employees', 10_000);

const rng = new Prng(42);
let idSeq = 0;
/** Deterministic UUID-shaped ids (v4 layout), cheaper than randomUUID and the same on every run. */
export function id(): string {
  const h = (++idSeq).toString(16).padStart(12, '0');
  return `00000000-0000-4000-8000-${h}`;
}
export const DAY = 86_400_000;
const dateOf = (ms: number) => new Date(ms).toISOString().slice(0, 10);
const isoOf = (ms: number) => new Date(ms).toISOString();
const T2018 = Date.parse('2018-01-01T09:00:00Z');
const SPAN = Date.parse('2026-10-31T09:00:00Z') - T2018;

async function insertAll<T extends ObjectLiteral>(ds: DataSource, entity: new () => T, rows: T[], chunk: number): Promise<void> {
  await ds.transaction(async (m) => {
    for (let i = 0; i < rows.length; i += chunk)
      await m
        .createQueryBuilder()
        .insert()
        .into(entity)
        .values(rows.slice(i, i + chunk))
        .execute();
  });
}

export async function seed(ds: DataSource): Promise<Record<string, number>> {
  const t0 = performance.now();
  const stamp = '2018-01-01T00:00:00.000Z';
  const services: ServiceEntity[] = Array.from({ length: 23 }, (_, i) => ({
    id: id(),
    code: `S${String(i).padStart(2, '0')}`,
    name: `Servizio ${i}`,
    active: true,
    createdAt: stamp,
    updatedAt: stamp,
  }));
  await insertAll(ds, ServiceEntity, services, 100);
  const activities: ActivityEntity[] = services.flatMap((s, i) =>
    ['partially_remote', 'in_presence'].map((mode) => ({
      id: id(),
      naturalKey: `${s.code}|m|${mode}${i}`,
      serviceId: s.id,
      serviceCode: s.code,
      macroActivity: 'm',
      name: `${mode}${i}`,
      mode: mode as ActivityEntity['mode'],
      notes: null,
      transversal: false,
      createdAt: stamp,
      updatedAt: stamp,
    })),
  );
  await insertAll(ds, ActivityEntity, activities, 200);
  const employees: EmployeeEntity[] = Array.from({ length: EMPLOYEES }, (_, i) => {
    const leaver = i % 50 === 0;
    return {
      id: id(),
      employeeNumber: `B${String(i).padStart(6, '0')}`,
      externalId: null,
      source: 'csv',
      username: `user${i}`,
      firstName: 'Nome',
      lastName: `Cognome ${i}`,
      email: null,
      serviceId: services[i % services.length].id,
      profile: 'Istruttore Amministrativo',
      category: 'C',
      isManager: false,
      isDirectorGeneral: false,
      disabledWorker: false,
      active: !leaver,
      deactivatedAt: leaver ? isoOf(T2018 + rng.next() * SPAN) : null,
      deactivationReason: leaver ? 'bench' : null,
      lastSyncedAt: null,
      directoryDn: null,
      createdAt: stamp,
      updatedAt: stamp,
      version: 1,
    };
  });
  await insertAll(ds, EmployeeEntity, employees, 500);
  const links: EmployeeActivityEntity[] = employees.map((e, i) => ({
    employeeId: e.id,
    activityId: activities[(i % services.length) * 2 + (i % 10 < 7 ? 0 : 1)].id,
    createdAt: stamp,
  }));
  await insertAll(ds, EmployeeActivityEntity, links, 1000);
  const agreements: AgreementEntity[] = [];
  for (let i = 0; i < EMPLOYEES; i++) {
    if (i % 10 >= 8) continue; // 80% of employees
    const start = T2018 + rng.next() * (SPAN * 0.8);
    const ended = rng.next() < 0.1;
    agreements.push({
      id: id(),
      employeeId: employees[i].id,
      state: ended ? 'withdrawn' : 'active',
      startDate: dateOf(start),
      endDate: null,
      remoteDaysPerWeek: 2,
      places: '["domicilio"]',
      contactBand: '09:30-12:30',
      nonOperabilityBand: '20:00-07:30',
      rightToDisconnect: 'x',
      toolsProvided: '[]',
      objectives: 'x',
      resultsMonitoring: 'x',
      safetyNoticeDeliveredOn: dateOf(start),
      employeeSignedAt: isoOf(start - DAY),
      employeeSignerId: employees[i].id,
      managerSignedAt: isoOf(start - DAY),
      managerSignerId: employees[(i + 1) % EMPLOYEES].id,
      documentSha256: 'ab'.repeat(32),
      employeeSignatureRecordedBy: 'bench-hr',
      managerSignatureRecordedAt: isoOf(start - DAY),
      managerSignatureRecordedBy: 'bench-hr',
      managerSignatureReference: 'bench',
      managerSignatureConfirmedBy: 'bench-admin',
      suspendedAt: null,
      suspensionReason: null,
      withdrawalInitiatedBy: ended ? 'employer' : null,
      withdrawalNoticeDate: ended ? dateOf(start + 400 * DAY) : null,
      withdrawalEffectiveDate: ended ? dateOf(start + 400 * DAY) : null,
      withdrawalJustifiedCause: ended ? true : null,
      withdrawalReason: ended ? 'bench' : null,
      withdrawalBasis: ended ? 'justified_cause' : null,
      withdrawalNoticeDays: ended ? 0 : null,
      endedOn: ended ? dateOf(start + 400 * DAY) : null,
      createdBy: 'bench',
      createdAt: isoOf(start - 2 * DAY),
      updatedAt: isoOf(start - DAY),
      version: 3,
    });
  }
  await insertAll(ds, AgreementEntity, agreements, 300);

  const plan: [AssetEntity['kind'], number][] = [
    ['laptop', 0.6],
    ['docking_station', 0.14],
    ['webcam', 0.1],
    ['headset', 0.12],
    ['mobile_router', 0.04],
  ];
  const models: DeviceModelEntity[] = plan.map(([kind]) => ({
    id: id(),
    kind,
    manufacturer: 'Bench',
    model: kind,
    specs: '{}',
    createdAt: stamp,
    updatedAt: stamp,
  }));
  await insertAll(ds, DeviceModelEntity, models, 100);
  const lots: PurchaseLotEntity[] = [];
  const assets: AssetEntity[] = [];
  plan.forEach(([kind, share], k) => {
    const count = Math.round(ASSETS * share);
    for (let n = 0; n < count; n += 100) {
      const delivered = T2018 + rng.next() * SPAN;
      const lot: PurchaseLotEntity = {
        id: id(),
        modelId: models[k].id,
        supplier: 'Bench S.p.A.',
        consipConvention: null,
        consipLot: null,
        cig: '8563412A7F',
        orderNumber: `B-${kind}-${n}`,
        orderDate: dateOf(delivered - 20 * DAY),
        deliveryDate: dateOf(delivered),
        quantity: Math.min(100, count - n),
        receivedCount: Math.min(100, count - n),
        unitPriceCents: 10_000 + Math.floor(rng.next() * 60_000),
        warrantyMonths: 36,
        warrantyEndsOn: null,
        sizeOverrideReason: null,
        notes: null,
        createdAt: stamp,
        createdBy: 'bench',
        updatedAt: stamp,
        version: 1,
      };
      lots.push(lot);
      for (let j = 0; j < lot.quantity; j++) {
        const i = assets.length;
        assets.push({
          id: id(),
          assetTag: `BN-${String(i).padStart(7, '0')}`,
          manufacturer: 'Bench',
          serial: `SN${i}`,
          kind,
          modelId: models[k].id,
          lotId: lot.id,
          ownership: 'municipal',
          location: null,
          state: 'in_stock',
          holderEmployeeId: null,
          currentHandoverId: null,
          assignedAt: null,
          mac: null,
          simIccid: null,
          simPhoneNumber: null,
          simDataPlan: null,
          notes: null,
          createdAt: stamp,
          createdBy: 'bench',
          updatedAt: stamp,
          version: 1,
        });
      }
    }
  });
  await insertAll(ds, PurchaseLotEntity, lots, 200);
  // Two assignments per asset on average: handed out, returned some 100-700 days later, handed out again.
  const handovers: HandoverEntity[] = [];
  const items: HandoverItemEntity[] = [];
  let a = 0;
  while (handovers.length < HANDOVERS) {
    const asset = assets[a % assets.length];
    a++;
    let when = T2018 + rng.next() * SPAN * 0.5;
    for (let k = 0; k < 2 && handovers.length < HANDOVERS; k++) {
      const back = when + (100 + rng.next() * 600) * DAY;
      const open = k === 1 && rng.next() < 0.7;
      const employee = employees[Math.floor(rng.next() * EMPLOYEES)];
      const h: HandoverEntity = {
        id: id(),
        employeeId: employee.id,
        technicianId: 'bench',
        technicianName: 'bench',
        handedAt: isoOf(when),
        handoverDate: dateOf(when),
        conditions: null,
        notes: null,
        gated: asset.kind === 'laptop',
        gateAgreementId: null,
        status: open ? 'open' : 'closed',
        itemsCount: 1,
        outstandingCount: open ? 1 : 0,
        receiptDocumentId: id(),
        receiptSha256: 'cd'.repeat(32),
        employeeSignedAt: null,
        employeeSignatureRecordedBy: null,
        technicianSignedAt: null,
        technicianSignatureRecordedBy: null,
        signedScanSha256: null,
        createdAt: isoOf(when),
        updatedAt: isoOf(when),
        version: 1,
      };
      handovers.push(h);
      items.push({
        id: id(),
        handoverId: h.id,
        employeeId: h.employeeId,
        handoverDate: h.handoverDate,
        assetId: asset.id,
        position: 0,
        kind: asset.kind,
        manufacturer: 'Bench',
        modelName: asset.kind,
        serial: asset.serial,
        assetTag: asset.assetTag,
        returnId: null,
        returnedAt: open ? null : isoOf(back),
        returnCondition: open ? null : 'good',
        returnNote: null,
        closedAt: open ? null : isoOf(back),
        closedReason: open ? null : 'returned',
      });
      if (open) Object.assign(asset, { state: 'assigned', holderEmployeeId: employee.id, currentHandoverId: h.id, assignedAt: isoOf(when) });
      when = back + 10 * DAY;
    }
  }
  await insertAll(ds, AssetEntity, assets, 400);
  await insertAll(ds, HandoverEntity, handovers, 400);
  await insertAll(ds, HandoverItemEntity, items, 500);
  const declared: DeclaredEquipmentEntity[] = employees.slice(0, 8_000).map((e, i) => ({
    id: id(),
    employeeId: e.id,
    kind: i % 3 === 0 ? 'laptop' : 'broadband',
    note: null,
    assetId: null,
    declaredAt: isoOf(T2018 + rng.next() * SPAN),
    declaredBy: 'bench',
    withdrawnAt: null,
    withdrawnBy: null,
  }));
  await insertAll(ds, DeclaredEquipmentEntity, declared, 1000);
  const certificates: CertificateEntity[] = Array.from({ length: 5_000 }, (_, i) => {
    const issued = T2018 + rng.next() * SPAN;
    const revoked = rng.next() < 0.1;
    return {
      id: id(),
      serial: `b${i.toString(16)}`,
      kind: 'station',
      subjectCn: `user${i}`,
      assetTag: null,
      stationAssetId: null,
      employeeId: employees[i].id,
      vpnAccountId: null,
      keyOrigin: 'csr',
      issuerFingerprint: 'ef'.repeat(32),
      notBefore: isoOf(issued),
      notAfter: isoOf(issued + 365 * DAY),
      status: revoked ? 'revoked' : 'valid',
      revokedAt: revoked ? isoOf(issued + 100 * DAY) : null,
      revocationReason: revoked ? 'superseded' : null,
      holdOwner: null,
      supersededBy: null,
      pem: '-----BEGIN CERTIFICATE-----',
      fingerprintSha256: i.toString(16).padStart(64, '0'),
      createdAt: isoOf(issued),
      createdBy: 'bench',
      updatedAt: isoOf(issued),
    };
  });
  await insertAll(ds, CertificateEntity, certificates, 300);
  if (ds.options.type === 'postgres') await ds.query('ANALYZE');
  else await ds.query('ANALYZE');
  process.stderr.write(`seeded in ${((performance.now() - t0) / 1000).toFixed(1)} s\n`);
  return {
    employees: employees.length,
    agreements: agreements.length,
    lots: lots.length,
    assets: assets.length,
    handovers: handovers.length,
    handoverItems: items.length,
    declarations: declared.length,
    certificates: certificates.length,
  };
}
