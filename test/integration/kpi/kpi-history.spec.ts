import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import { FixedClock } from '../../../src/common/clock';
import { CertificateEntity } from '../../../src/pki/certificate.entity';
import { HandoverItemEntity } from '../../../src/inventory/handover-item.entity';
import { HandoverEntity } from '../../../src/inventory/handover.entity';
import { AssetEntity } from '../../../src/inventory/asset.entity';
import { DeviceModelEntity } from '../../../src/inventory/device-model.entity';
import { DeclaredEquipmentEntity } from '../../../src/inventory/declared-equipment.entity';
import { referencePoint } from '../../../src/kpi/domain/reference-date';
import { KpiRepository } from '../../../src/kpi/kpi.repository';
import { createAgreementInForce, createEmployee, createService, makeEligible } from '../../factories';
import { startTestApp, TestApp } from '../../helpers/test-app';

/**
 * The indicators' SQL rebuilds the past from dates, whatever the records' state is today: each case below is a
 * boundary of "as of the end of 31 December, Rome time" on a real database.
 */
const NOW = new Date('2023-06-01T10:00:00Z');
const ref2021 = referencePoint(2021, NOW, 'Europe/Rome'); // cutoff 2021-12-31T23:00:00Z

async function itemHeld(
  ds: DataSource,
  employeeId: string,
  handoverDate: string,
  closedAt: string | null,
  kind: AssetEntity['kind'] = 'laptop',
): Promise<void> {
  const stamp = '2020-01-01T00:00:00.000Z';
  const model: DeviceModelEntity = { id: randomUUID(), kind, manufacturer: 'Test', model: randomUUID(), specs: '{}', createdAt: stamp, updatedAt: stamp };
  await ds.getRepository(DeviceModelEntity).insert(model);
  const handoverId = randomUUID();
  const handedAt = `${handoverDate}T09:00:00.000Z`;
  // As inventory keeps it: an asset still out names its holder, its handover and the instant it was handed over.
  const out = closedAt === null;
  const asset = {
    id: randomUUID(),
    assetTag: `T-${randomUUID().slice(0, 8)}`,
    manufacturer: 'Test',
    serial: randomUUID().slice(0, 12),
    kind,
    modelId: model.id,
    lotId: null,
    ownership: 'municipal',
    location: null,
    state: out ? 'assigned' : 'in_stock',
    holderEmployeeId: out ? employeeId : null,
    currentHandoverId: out ? handoverId : null,
    assignedAt: out ? handedAt : null,
    mac: null,
    simIccid: null,
    simPhoneNumber: null,
    simDataPlan: null,
    notes: null,
    createdAt: stamp,
    createdBy: 't',
    updatedAt: stamp,
    version: 1,
  } as AssetEntity;
  await ds.getRepository(AssetEntity).insert(asset);
  const handover = {
    id: handoverId,
    employeeId,
    technicianId: 't',
    technicianName: 't',
    handedAt,
    handoverDate,
    conditions: null,
    notes: null,
    gated: true,
    gateAgreementId: null,
    status: closedAt ? 'closed' : 'open',
    itemsCount: 1,
    outstandingCount: closedAt ? 0 : 1,
    receiptDocumentId: randomUUID(),
    receiptSha256: 'a'.repeat(64),
    employeeSignedAt: null,
    employeeSignatureRecordedBy: null,
    technicianSignedAt: null,
    technicianSignatureRecordedBy: null,
    signedScanSha256: null,
    createdAt: stamp,
    updatedAt: stamp,
    version: 1,
  } as HandoverEntity;
  await ds.getRepository(HandoverEntity).insert(handover);
  await ds.getRepository(HandoverItemEntity).insert({
    id: randomUUID(),
    handoverId: handover.id,
    employeeId,
    handoverDate,
    assetId: asset.id,
    position: 0,
    kind,
    manufacturer: 'Test',
    modelName: 'x',
    serial: asset.serial,
    assetTag: asset.assetTag,
    returnId: null,
    returnedAt: closedAt,
    returnCondition: null,
    returnNote: null,
    closedAt,
    closedReason: closedAt ? 'returned' : null,
  });
}

describe('indicators rebuilt for a past reference date (SQL on a real database)', () => {
  let t: TestApp;
  let repo: KpiRepository;
  let ds: DataSource;
  let serviceId: string;

  beforeAll(async () => {
    t = await startTestApp({ clock: new FixedClock(NOW) });
    repo = t.get(KpiRepository);
    ds = t.dataSource;
    serviceId = (await createService(ds)).id;
  });
  afterAll(() => t.close());

  async function worker(agreement: Parameters<typeof createAgreementInForce>[2] = {}) {
    const e = await createEmployee(ds, { serviceId });
    await makeEligible(ds, e);
    await createAgreementInForce(ds, e, { startDate: '2021-01-01', today: '2021-01-01', ...agreement });
    return e;
  }

  it('counts an agreement by its dates and signatures, not by its state today', async () => {
    const before = (await repo.holdings(ref2021)).workers;
    await worker({ overrides: { state: 'expired', endDate: '2022-06-30', endedOn: '2022-07-01' } }); // ended later: counts
    await worker({ endDate: '2021-12-31' }); // last day is the reference date: counts
    await worker({ endDate: '2021-12-30' }); // ended the day before: no
    await worker({ overrides: { state: 'withdrawn', withdrawalEffectiveDate: '2021-12-31', endedOn: '2021-12-31' } }); // not in force on its effective date
    await worker({ overrides: { state: 'withdrawn', withdrawalEffectiveDate: '2022-01-01', endedOn: '2022-01-01' } }); // counts
    await worker({ overrides: { managerSignedAt: '2021-12-31T23:30:00.000Z' } }); // countersigned on 1 January in Rome: no
    await worker({ overrides: { managerSignedAt: '2021-12-31T22:59:59.000Z' } }); // 23:59:59 in Rome: counts
    await worker({ overrides: { state: 'suspended', suspendedAt: '2021-11-02T09:00:00.000Z' } }); // suspended since before: no
    await worker({ overrides: { state: 'suspended', suspendedAt: '2022-03-02T09:00:00.000Z' } }); // suspended afterwards: counts
    await worker({ overrides: { state: 'draft', employeeSignedAt: null, managerSignedAt: null, documentSha256: null } }); // never signed: no
    expect((await repo.holdings(ref2021)).workers - before).toBe(5);
  });

  it('a laptop is held from its handover date to the instant it is closed, read in Rome time', async () => {
    const before = (await repo.holdings(ref2021)).laptops;
    const e = await worker();
    await itemHeld(ds, e.id, '2021-12-31', null); // handed over on the reference date: counts
    await itemHeld(ds, e.id, '2022-01-01', null); // the day after: no
    await itemHeld(ds, e.id, '2021-03-01', '2021-12-31T23:30:00.000Z'); // returned at 00:30 on 1 January: counts
    await itemHeld(ds, e.id, '2021-03-01', '2021-12-31T22:30:00.000Z'); // returned at 23:30 on 31 December: no
    await itemHeld(ds, e.id, '2021-03-01', null, 'webcam'); // not a laptop
    const noAgreement = await createEmployee(ds, { serviceId });
    await itemHeld(ds, noAgreement.id, '2021-03-01', null); // held, but no agreement: no
    expect((await repo.holdings(ref2021)).laptops - before).toBe(2);
  });

  it('equipped: a laptop (or a declared one) and a data line (router or declared broadband) standing on the date', async () => {
    const base = await repo.holdings(ref2021);
    const declare = (employeeId: string, kind: 'laptop' | 'broadband', declaredAt: string, withdrawnAt: string | null = null) =>
      ds.getRepository(DeclaredEquipmentEntity).insert({
        id: randomUUID(),
        employeeId,
        kind,
        note: null,
        assetId: null,
        declaredAt,
        declaredBy: 't',
        withdrawnAt,
        withdrawnBy: withdrawnAt ? 't' : null,
      });
    const a = await worker();
    await declare(a.id, 'laptop', '2021-02-01T09:00:00.000Z');
    await declare(a.id, 'broadband', '2021-02-01T09:00:00.000Z'); // equipped
    const b = await worker();
    await itemHeld(ds, b.id, '2021-02-01', null);
    await itemHeld(ds, b.id, '2021-02-01', null, 'mobile_router'); // equipped
    const c = await worker();
    await declare(c.id, 'laptop', '2021-02-01T09:00:00.000Z');
    await declare(c.id, 'broadband', '2021-02-01T09:00:00.000Z', '2021-10-01T09:00:00.000Z'); // line given up: not equipped
    const d = await worker();
    await declare(d.id, 'laptop', '2021-02-01T09:00:00.000Z');
    await declare(d.id, 'broadband', '2022-01-10T09:00:00.000Z'); // declared the next year: not equipped in 2021
    const after = await repo.holdings(ref2021);
    expect([after.workers - base.workers, after.equipped - base.equipped]).toEqual([4, 2]);
  });

  it('certificates valid at the reference moment, and those ending within the next 30 days', async () => {
    const cert = (notBefore: string, notAfter: string, revokedAt: string | null = null) =>
      ds.getRepository(CertificateEntity).insert({
        id: randomUUID(),
        serial: randomUUID().replace(/-/g, '').slice(0, 20),
        kind: 'station',
        subjectCn: 'x',
        assetTag: null,
        stationAssetId: null,
        employeeId: null,
        vpnAccountId: null,
        keyOrigin: 'csr',
        issuerFingerprint: 'f'.repeat(64),
        notBefore,
        notAfter,
        status: revokedAt ? 'revoked' : 'valid',
        revokedAt,
        revocationReason: revokedAt ? 'superseded' : null,
        holdOwner: null,
        supersededBy: null,
        pem: 'x',
        fingerprintSha256: randomUUID().replace(/-/g, '').padEnd(64, '0'),
        createdAt: notBefore,
        createdBy: 't',
        updatedAt: notBefore,
      });
    const at = ref2021.cutoff;
    const until = '2022-01-30T23:00:00.000Z';
    const before = await repo.certificates(at, until);
    await cert('2021-01-15T10:00:00.000Z', '2022-01-15T10:00:00.000Z'); // valid, expiring within 30 days
    await cert('2021-03-15T10:00:00.000Z', '2022-03-15T10:00:00.000Z'); // valid, later
    await cert('2021-01-10T10:00:00.000Z', '2022-01-10T10:00:00.000Z', '2022-01-05T10:00:00.000Z'); // revoked afterwards: valid then, expiring
    await cert('2021-01-10T10:00:00.000Z', '2022-01-10T10:00:00.000Z', '2021-06-05T10:00:00.000Z'); // revoked before: no
    await cert('2020-12-01T10:00:00.000Z', '2021-12-01T10:00:00.000Z'); // expired before: no
    await cert('2022-01-02T10:00:00.000Z', '2023-01-02T10:00:00.000Z'); // issued after: no
    const after = await repo.certificates(at, until);
    expect([after.valid - before.valid, after.expiring - before.expiring]).toEqual([3, 2]);
  });

  it('investment and handouts of a year, counted by calendar date', async () => {
    const r = referencePoint(2019, NOW, 'Europe/Rome');
    expect(await repo.investment(r)).toEqual({ cents: 0, lots: 0 });
    expect(await repo.distributedByMonth(r)).toEqual([]);
  });
});
