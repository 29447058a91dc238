import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import { HeldItemFacts, declarationStood, wasHeld, withinPeriod } from '../../../src/inventory/domain/holdings';
import { heldItemsSql, itemsHandedOverSql, lotsDeliveredSql, standingDeclarationsSql } from '../../../src/inventory/domain/holdings.sql';
import { AssetEntity } from '../../../src/inventory/asset.entity';
import { DeclaredEquipmentEntity } from '../../../src/inventory/declared-equipment.entity';
import { DeviceModelEntity } from '../../../src/inventory/device-model.entity';
import { HandoverItemEntity } from '../../../src/inventory/handover-item.entity';
import { HandoverEntity } from '../../../src/inventory/handover.entity';
import { PurchaseLotEntity } from '../../../src/inventory/purchase-lot.entity';
import { createEmployee, createService } from '../../factories';
import { MigratedDatabase, openMigratedDatabase } from '../../helpers/migrated-db';

const STAMP = '2020-01-01T00:00:00.000Z';

/** Reference points: 31 December 2021 as of the Rome midnight after it, and 31 December read "now" at 10:00 UTC. */
const POINTS = [
  { date: '2021-12-31', cutoff: '2021-12-31T23:00:00.000Z' },
  { date: '2021-12-31', cutoff: '2021-12-31T10:00:00.000Z' },
  { date: '2021-12-30', cutoff: '2021-12-30T23:00:00.000Z' },
  { date: '2022-01-01', cutoff: '2022-01-01T23:00:00.000Z' },
];

/** Items as inventory keeps them: `handoverDate` the Rome date of `handedAt`. */
const ITEMS: Record<string, HeldItemFacts> = {
  'handed over on the day, still out': { handoverDate: '2021-12-31', handedAt: '2021-12-31T09:00:00.000Z', closedAt: null },
  'handed over the day after': { handoverDate: '2022-01-01', handedAt: '2022-01-01T09:00:00.000Z', closedAt: null },
  'handed over at 00:30 Rome on the day': { handoverDate: '2021-12-31', handedAt: '2021-12-30T23:30:00.000Z', closedAt: null },
  'handed over at 12:00 UTC on the day, still out': { handoverDate: '2021-12-31', handedAt: '2021-12-31T12:00:00.000Z', closedAt: null },
  'returned at 00:30 on 1 January in Rome': { handoverDate: '2021-03-01', handedAt: '2021-03-01T09:00:00.000Z', closedAt: '2021-12-31T23:30:00.000Z' },
  'returned at 23:30 on 31 December in Rome': { handoverDate: '2021-03-01', handedAt: '2021-03-01T09:00:00.000Z', closedAt: '2021-12-31T22:30:00.000Z' },
  'returned exactly at the cutoff': { handoverDate: '2021-03-01', handedAt: '2021-03-01T09:00:00.000Z', closedAt: '2021-12-31T23:00:00.000Z' },
  'returned in March 2021': { handoverDate: '2021-01-10', handedAt: '2021-01-10T09:00:00.000Z', closedAt: '2021-03-01T09:00:00.000Z' },
  'handed over and returned in 2022': { handoverDate: '2022-01-01', handedAt: '2022-01-01T09:00:00.000Z', closedAt: '2022-02-01T09:00:00.000Z' },
};

const DECLARATIONS: Record<string, { declaredAt: string; withdrawnAt: string | null }> = {
  'declared in the year': { declaredAt: '2021-05-01T09:00:00.000Z', withdrawnAt: null },
  'declared at 00:30 on 1 January in Rome': { declaredAt: '2021-12-31T23:30:00.000Z', withdrawnAt: null },
  'withdrawn after the cutoff': { declaredAt: '2021-05-01T09:00:00.000Z', withdrawnAt: '2022-01-05T09:00:00.000Z' },
  'withdrawn at the cutoff': { declaredAt: '2021-05-01T09:00:00.000Z', withdrawnAt: '2021-12-31T23:00:00.000Z' },
  'withdrawn before': { declaredAt: '2021-05-01T09:00:00.000Z', withdrawnAt: '2021-11-05T09:00:00.000Z' },
};

const DELIVERIES: (string | null)[] = ['2020-12-31', '2021-01-01', '2021-06-15', '2021-12-31', '2022-01-01', null];

async function model(ds: DataSource, kind: AssetEntity['kind']): Promise<string> {
  const m: DeviceModelEntity = { id: randomUUID(), kind, manufacturer: 'Test', model: randomUUID(), specs: '{}', createdAt: STAMP, updatedAt: STAMP };
  await ds.getRepository(DeviceModelEntity).insert(m);
  return m.id;
}

/** One asset, handover and item, as inventory writes them: an item still out is also recorded on its asset. */
async function insertItem(ds: DataSource, employeeId: string, item: HeldItemFacts, modelId: string): Promise<void> {
  const handoverId = randomUUID();
  const out = item.closedAt === null;
  const asset = {
    id: randomUUID(),
    assetTag: `T-${randomUUID().slice(0, 8)}`,
    manufacturer: 'Test',
    serial: randomUUID().slice(0, 12),
    kind: 'laptop',
    modelId,
    lotId: null,
    ownership: 'municipal',
    location: null,
    state: out ? 'assigned' : 'in_stock',
    holderEmployeeId: out ? employeeId : null,
    currentHandoverId: out ? handoverId : null,
    assignedAt: out ? item.handedAt : null,
    mac: null,
    simIccid: null,
    simPhoneNumber: null,
    simDataPlan: null,
    notes: null,
    createdAt: STAMP,
    createdBy: 't',
    updatedAt: STAMP,
    version: 1,
  } as AssetEntity;
  await ds.getRepository(AssetEntity).insert(asset);
  const handover = {
    id: handoverId,
    employeeId,
    technicianId: 't',
    technicianName: 't',
    handedAt: item.handedAt,
    handoverDate: item.handoverDate,
    conditions: null,
    notes: null,
    gated: true,
    gateAgreementId: null,
    status: out ? 'open' : 'closed',
    itemsCount: 1,
    outstandingCount: out ? 1 : 0,
    receiptDocumentId: randomUUID(),
    receiptSha256: 'a'.repeat(64),
    employeeSignedAt: null,
    employeeSignatureRecordedBy: null,
    technicianSignedAt: null,
    technicianSignatureRecordedBy: null,
    signedScanSha256: null,
    createdAt: STAMP,
    updatedAt: STAMP,
    version: 1,
  } as HandoverEntity;
  await ds.getRepository(HandoverEntity).insert(handover);
  await ds.getRepository(HandoverItemEntity).insert({
    id: randomUUID(),
    handoverId,
    employeeId,
    handoverDate: item.handoverDate,
    assetId: asset.id,
    position: 0,
    kind: 'laptop',
    manufacturer: 'Test',
    modelName: 'x',
    serial: asset.serial,
    assetTag: asset.assetTag,
    returnId: null,
    returnedAt: item.closedAt,
    returnCondition: null,
    returnNote: null,
    closedAt: item.closedAt,
    closedReason: out ? null : 'returned',
  });
}

/**
 * Inventory's published SQL (domain/holdings.sql.ts) answers what its rules (domain/holdings.ts) answer, on the
 * same rows of a real database: items held, declarations standing, lots delivered and items handed over in a period.
 */
describe('inventory holdings: the SQL twins answer what the TypeScript rules answer', () => {
  let db: MigratedDatabase;
  const holderOf = new Map<string, string>(); // employee id -> item case
  const declarantOf = new Map<string, string>();
  const lotIds = new Map<string, string | null>();

  beforeAll(async () => {
    db = await openMigratedDatabase();
    const serviceId = (await createService(db.ds)).id;
    const laptop = await model(db.ds, 'laptop');
    for (const [name, item] of Object.entries(ITEMS)) {
      const e = await createEmployee(db.ds, { serviceId });
      await insertItem(db.ds, e.id, item, laptop);
      holderOf.set(e.id, name);
    }
    for (const [name, d] of Object.entries(DECLARATIONS)) {
      const e = await createEmployee(db.ds, { serviceId });
      const row: DeclaredEquipmentEntity = {
        id: randomUUID(),
        employeeId: e.id,
        kind: 'laptop',
        note: null,
        assetId: null,
        declaredAt: d.declaredAt,
        declaredBy: 't',
        withdrawnAt: d.withdrawnAt,
        withdrawnBy: d.withdrawnAt ? 't' : null,
      };
      await db.ds.getRepository(DeclaredEquipmentEntity).insert(row);
      declarantOf.set(e.id, name);
    }
    for (const deliveryDate of DELIVERIES) {
      const id = randomUUID();
      const lot = {
        id,
        modelId: laptop,
        supplier: 's',
        consipConvention: null,
        consipLot: null,
        cig: 'Z123456789',
        orderNumber: id,
        orderDate: '2020-06-01',
        deliveryDate,
        quantity: 1,
        receivedCount: 0,
        unitPriceCents: 100,
        warrantyMonths: 36,
        warrantyEndsOn: null,
        sizeOverrideReason: null,
        notes: null,
        createdAt: STAMP,
        createdBy: 't',
        updatedAt: STAMP,
        version: 1,
      } as PurchaseLotEntity;
      await db.ds.getRepository(PurchaseLotEntity).insert(lot);
      lotIds.set(id, deliveryDate);
    }
  });
  afterAll(() => db.close());

  it.each(POINTS)('wasHeld on $date as of $cutoff', async ({ date, cutoff }) => {
    const rows = await db.query(`SELECT x.employee_id AS employee_id FROM (${heldItemsSql('date', 'cutoff')}) x`, { date, cutoff });
    const got = rows.map((r) => holderOf.get(String(r.employee_id)));
    const want = Object.entries(ITEMS)
      .filter(([, item]) => wasHeld(item, date, cutoff))
      .map(([n]) => n);
    expect(got.sort()).toEqual(want.sort());
  });

  it.each(POINTS)('declarationStood as of $cutoff', async ({ cutoff }) => {
    const rows = await db.query(`SELECT d.employee_id AS employee_id FROM (${standingDeclarationsSql('cutoff')}) d`, { cutoff });
    const got = rows.map((r) => declarantOf.get(String(r.employee_id)));
    const want = Object.entries(DECLARATIONS)
      .filter(([, d]) => declarationStood(d, cutoff))
      .map(([n]) => n);
    expect(got.sort()).toEqual(want.sort());
  });

  it.each([
    { from: '2021-01-01', to: '2021-12-31' },
    { from: '2021-01-01', to: '2021-06-15' },
    { from: '2022-01-01', to: '2022-01-01' },
  ])('withinPeriod $from..$to: lots delivered and items handed over', async ({ from, to }) => {
    const lots = await db.query(`SELECT l.quantity AS quantity, l.unit_price_cents AS cents FROM (${lotsDeliveredSql('from', 'to')}) l`, { from, to });
    expect(lots.length).toBe([...lotIds.values()].filter((d) => withinPeriod(d, from, to)).length);
    const items = await db.query(`SELECT hi.handover_date AS d FROM (${itemsHandedOverSql('from', 'to')}) hi`, { from, to });
    expect(items.map((r) => String(r.d)).sort()).toEqual(
      Object.values(ITEMS)
        .map((i) => i.handoverDate)
        .filter((d) => withinPeriod(d, from, to))
        .sort(),
    );
  });
});
