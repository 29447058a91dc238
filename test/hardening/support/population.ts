import { generateKeyPairSync, KeyObject, randomUUID, sign } from 'node:crypto';
import * as forge from 'node-forge';
import { DataSource } from 'typeorm';
import { ActivityEntity } from '../../../src/activities/activity.entity';
import { EmployeeActivityEntity } from '../../../src/activities/employee-activity.entity';
import { AgreementEntity } from '../../../src/agreements/agreement.entity';
import { calendarDate } from '../../../src/common/clock';
import { loadConfig } from '../../../src/config/app-config';
import { openDatabase } from '../../../src/database/data-source';
import { EmployeeEntity } from '../../../src/directory/employee.entity';
import { ServiceEntity } from '../../../src/directory/service.entity';
import { AssetEntity } from '../../../src/inventory/entities/asset.entity';
import { DeviceModelEntity } from '../../../src/inventory/entities/device-model.entity';
import { toPem } from '../../../src/pki/x509/pem';

/**
 * People ready to be onboarded, written straight into the database before the service starts (what is measured
 * or faulted is onboarding, not the seeding): eligible, with a signed agreement in force, a laptop assigned.
 */
export interface Onboardable {
  employeeId: string;
  username: string;
  dn: string | null;
  laptopId: string;
  assetTag: string;
  csrPem: string;
}

const NOW = new Date().toISOString();

/** Runs migrations on the service's database (SQLite file in DATA_DIR, or DATABASE_URL) and hands it over. */
export async function withDatabase<T>(env: Record<string, string | undefined>, work: (ds: DataSource) => Promise<T>): Promise<T> {
  const config = loadConfig({ NODE_ENV: 'test', CA_PASSPHRASE: 'unused-here-0000', ...env } as NodeJS.ProcessEnv);
  const ds = await openDatabase(config);
  try {
    return await work(ds);
  } finally {
    await ds.destroy();
  }
}

async function insertChunked<T>(ds: DataSource, entity: new () => T, rows: Partial<T>[], perChunk: number): Promise<void> {
  for (let i = 0; i < rows.length; i += perChunk) {
    await ds.createQueryBuilder().insert().into(entity).values(rows.slice(i, i + perChunk) as never).updateEntity(false).execute();
  }
}

function employeeRow(uid: string, serviceId: string, dn: string | null, isManager: boolean): Partial<EmployeeEntity> {
  return {
    id: randomUUID(),
    employeeNumber: `M-${uid}`,
    externalId: null,
    source: 'manual',
    username: uid,
    firstName: 'Nome',
    lastName: `Cognome ${uid}`,
    email: `${uid}@comune.example.org`,
    serviceId,
    profile: isManager ? 'Dirigente' : 'Istruttore Amministrativo',
    category: isManager ? 'DIR' : 'C',
    isManager,
    isDirectorGeneral: false,
    disabledWorker: false,
    active: true,
    deactivatedAt: null,
    deactivationReason: null,
    lastSyncedAt: null,
    directoryDn: dn,
    createdAt: NOW,
    updatedAt: NOW,
    version: 1,
  };
}

/** `usernames.length` onboardable people; `dnOf` gives each one's directory entry (null: not in the directory). */
export async function seedOnboardable(ds: DataSource, prefix: string, usernames: string[], dnOf: (uid: string) => string | null = () => null): Promise<Onboardable[]> {
  const code = `H${prefix.toUpperCase()}`.slice(0, 10);
  const service = { id: randomUUID(), code, name: `Servizio ${prefix}`, active: true, createdAt: NOW, updatedAt: NOW };
  await ds.getRepository(ServiceEntity).insert(service);
  const manager = employeeRow(`${prefix}-mgr`, service.id, null, true);
  await ds.getRepository(EmployeeEntity).insert(manager);
  const activity: Partial<ActivityEntity> = {
    id: randomUUID(),
    naturalKey: `${code}|hardening|${prefix}`,
    serviceId: service.id,
    serviceCode: code,
    macroActivity: 'Servizi al cittadino',
    name: 'Istruttoria pratiche',
    mode: 'partially_remote',
    notes: null,
    createdAt: NOW,
    updatedAt: NOW,
  };
  await ds.getRepository(ActivityEntity).insert(activity);
  const model = { id: randomUUID(), kind: 'laptop' as const, manufacturer: 'Lenovo', model: `ThinkPad ${prefix}`, specs: '{}', createdAt: NOW, updatedAt: NOW };
  await ds.getRepository(DeviceModelEntity).insert(model);
  const rows = usernames.map((uid, i) => ({ row: employeeRow(uid, service.id, dnOf(uid), false), laptopId: randomUUID(), assetTag: `HT-${prefix.toUpperCase()}-${String(i).padStart(5, '0')}` }));
  await insertChunked(ds, EmployeeEntity, rows.map((r) => r.row), 40);
  await insertChunked(ds, EmployeeActivityEntity, rows.map((r) => ({ employeeId: r.row.id, activityId: activity.id, createdAt: NOW })), 200);
  const today = calendarDate(new Date(), 'Europe/Rome');
  const start = new Date(Date.parse(`${today}T00:00:00Z`) - 60 * 86_400_000).toISOString().slice(0, 10);
  await insertChunked(
    ds,
    AgreementEntity,
    rows.map((r, i) => ({
      id: randomUUID(),
      employeeId: r.row.id,
      state: 'active' as const,
      startDate: start,
      endDate: null,
      remoteDaysPerWeek: 1 + (i % 5),
      places: '["domicilio"]',
      contactBand: '09:30-12:30',
      nonOperabilityBand: '20:00-07:30',
      rightToDisconnect: 'Diritto alla disconnessione',
      toolsProvided: '["notebook"]',
      objectives: 'Obiettivi',
      resultsMonitoring: 'Report mensile',
      safetyNoticeDeliveredOn: today,
      employeeSignedAt: NOW,
      employeeSignerId: r.row.id,
      managerSignedAt: NOW,
      managerSignerId: manager.id,
      documentSha256: 'ab'.repeat(32),
      suspendedAt: null,
      suspensionReason: null,
      withdrawalInitiatedBy: null,
      withdrawalNoticeDate: null,
      withdrawalEffectiveDate: null,
      withdrawalJustifiedCause: null,
      withdrawalReason: null,
      withdrawalBasis: null,
      withdrawalNoticeDays: null,
      endedOn: null,
      createdBy: 'hardening',
      createdAt: NOW,
      updatedAt: NOW,
      version: 3,
    })),
    20,
  );
  await insertChunked(
    ds,
    AssetEntity,
    rows.map((r, i) => ({
      id: r.laptopId,
      assetTag: r.assetTag,
      manufacturer: 'Lenovo',
      serial: `SN${prefix.toUpperCase()}${String(i).padStart(6, '0')}`,
      kind: 'laptop' as const,
      modelId: model.id,
      lotId: null,
      ownership: 'municipal' as const,
      location: null,
      state: 'assigned' as const,
      holderEmployeeId: r.row.id,
      currentHandoverId: null,
      assignedAt: NOW,
      mac: null,
      simIccid: null,
      simPhoneNumber: null,
      simDataPlan: null,
      notes: null,
      createdAt: NOW,
      createdBy: 'hardening',
      updatedAt: NOW,
      version: 1,
    })),
    40,
  );
  const csrs = namedCsrs(usernames);
  return rows.map((r, i) => ({ employeeId: r.row.id as string, username: usernames[i], dn: r.row.directoryDn ?? null, laptopId: r.laptopId, assetTag: r.assetTag, csrPem: csrs[i] }));
}

let keys: { privateKey: KeyObject; spki: Buffer }[] | null = null;

/**
 * RSA-2048 CSRs whose CN is each username. Keys come from a small pool: the service's work does not depend on
 * whether two CSRs share a key, and hundreds of key generations would only slow the test down.
 */
export function namedCsrs(usernames: string[]): string[] {
  keys ??= Array.from({ length: 4 }, () => {
    const pair = generateKeyPairSync('rsa', { modulusLength: 2048 });
    return { privateKey: pair.privateKey, spki: pair.publicKey.export({ type: 'spki', format: 'der' }) as Buffer };
  });
  const asn1 = forge.asn1;
  const U = asn1.Class.UNIVERSAL;
  return usernames.map((username, i) => {
    const key = keys![i % keys!.length];
    const cri = asn1.create(U, asn1.Type.SEQUENCE, true, [
      asn1.create(U, asn1.Type.INTEGER, false, asn1.integerToDer(0).getBytes()),
      asn1.create(U, asn1.Type.SEQUENCE, true, [
        asn1.create(U, asn1.Type.SET, true, [
          asn1.create(U, asn1.Type.SEQUENCE, true, [asn1.create(U, asn1.Type.OID, false, asn1.oidToDer('2.5.4.3').getBytes()), asn1.create(U, asn1.Type.UTF8, false, username)]),
        ]),
      ]),
      asn1.fromDer(key.spki.toString('binary')),
      asn1.create(asn1.Class.CONTEXT_SPECIFIC, 0, true, []),
    ]);
    const criDer = Buffer.from(asn1.toDer(cri).getBytes(), 'binary');
    const signature = sign('sha256', criDer, key.privateKey);
    const csr = asn1.create(U, asn1.Type.SEQUENCE, true, [
      cri,
      asn1.create(U, asn1.Type.SEQUENCE, true, [asn1.create(U, asn1.Type.OID, false, asn1.oidToDer('1.2.840.113549.1.1.11').getBytes()), asn1.create(U, asn1.Type.NULL, false, '')]),
      asn1.create(U, asn1.Type.BITSTRING, false, String.fromCharCode(0) + signature.toString('binary')),
    ]);
    return toPem('CERTIFICATE REQUEST', Buffer.from(asn1.toDer(csr).getBytes(), 'binary'));
  });
}
