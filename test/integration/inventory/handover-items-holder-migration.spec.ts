import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import { loadConfig } from '../../../src/config/app-config';
import { dataSourceOptions, runMigrations } from '../../../src/database/data-source';
import { migrations } from '../../../src/database/migrations';
import { AssetEntity } from '../../../src/inventory/asset.entity';
import { DeviceModelEntity } from '../../../src/inventory/device-model.entity';
import { HandoverEntity } from '../../../src/inventory/handover.entity';
import { HandoverItemsHolder1765100000000 } from '../../../src/inventory/migrations/1765100000000-handover-items-holder';
import { createEmployee, createService } from '../../factories';
import { createTestDatabase, TestDatabase } from '../../helpers/test-db';

const STAMP = '2020-01-01T00:00:00.000Z';

/** SQL with :named parameters on either database (no entity metadata: the table may be behind the entity). */
function sql(d: DataSource, text: string, params: Record<string, unknown>): Promise<Record<string, string>[]> {
  const [query, values] = d.driver.escapeQueryWithParameters(text, params, {});
  return d.query(query, values);
}

/**
 * The migration that copies each handover's holder and date onto its items, on a database that already has
 * handovers (whichever database the runner selected): backfill, NOT NULL, and the way back down.
 */
describe('migration: handover items carry their handover holder and date', () => {
  let db: TestDatabase;
  let config: ReturnType<typeof loadConfig>;
  let ds: DataSource | undefined;

  beforeAll(async () => {
    db = await createTestDatabase();
    config = loadConfig({ NODE_ENV: 'test', LOG_LEVEL: 'silent', DATA_DIR: db.dataDir, CA_PASSPHRASE: 'test-ca-passphrase-not-secret', ...db.env });
  });
  afterAll(async () => {
    if (ds?.isInitialized) await ds.destroy();
    await db.drop();
  });

  async function open(list: typeof migrations): Promise<DataSource> {
    if (ds?.isInitialized) await ds.destroy();
    ds = new DataSource({ ...dataSourceOptions(config), migrations: list });
    await ds.initialize();
    return ds;
  }

  /** A handover of `count` assets to `employeeId` on `date`, with its items as they were before the migration. */
  async function handover(d: DataSource, employeeId: string, date: string, count: number, closedAt: string | null): Promise<string> {
    const model: DeviceModelEntity = {
      id: randomUUID(),
      kind: 'laptop',
      manufacturer: 'Test',
      model: randomUUID(),
      specs: '{}',
      createdAt: STAMP,
      updatedAt: STAMP,
    };
    await d.getRepository(DeviceModelEntity).insert(model);
    const id = randomUUID();
    await d.getRepository(HandoverEntity).insert({
      id,
      employeeId,
      technicianId: 't',
      technicianName: 't',
      handedAt: `${date}T09:00:00.000Z`,
      handoverDate: date,
      conditions: null,
      notes: null,
      gated: false,
      gateAgreementId: null,
      status: closedAt ? 'closed' : 'open',
      itemsCount: count,
      outstandingCount: closedAt ? 0 : count,
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
    });
    for (let position = 0; position < count; position++) {
      const asset = {
        id: randomUUID(),
        assetTag: `T-${randomUUID().slice(0, 8)}`,
        manufacturer: 'Test',
        serial: randomUUID().slice(0, 12),
        kind: 'laptop',
        modelId: model.id,
        lotId: null,
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
        createdAt: STAMP,
        createdBy: 't',
        updatedAt: STAMP,
        version: 1,
      } as AssetEntity;
      await d.getRepository(AssetEntity).insert(asset);
      // in SQL: the entity already has the new columns, the table does not yet
      await sql(
        d,
        `INSERT INTO handover_items (id, handover_id, asset_id, position, kind, manufacturer, model_name, serial, asset_tag, closed_at, closed_reason)
         VALUES (:id, :handoverId, :assetId, :position, 'laptop', 'Test', 'x', :serial, :tag, :closedAt, :reason)`,
        {
          id: randomUUID(),
          handoverId: id,
          assetId: asset.id,
          position,
          serial: asset.serial,
          tag: asset.assetTag,
          closedAt,
          reason: closedAt ? 'returned' : null,
        },
      );
    }
    return id;
  }

  const items = (d: DataSource) => sql(d, `SELECT handover_id, employee_id, handover_date FROM handover_items ORDER BY handover_id, position`, {});

  it('backfills every existing item from its handover, makes the columns NOT NULL, and goes back down', async () => {
    const before = await open(migrations.filter((m) => m !== HandoverItemsHolder1765100000000));
    await runMigrations(before);
    const serviceId = (await createService(before)).id;
    const anna = (await createEmployee(before, { serviceId })).id;
    const bruno = (await createEmployee(before, { serviceId })).id;
    const h1 = await handover(before, anna, '2021-03-15', 2, null);
    const h2 = await handover(before, bruno, '2022-11-30', 1, '2023-02-01T10:00:00.000Z');
    const expected = [
      { handover_id: h1, employee_id: anna, handover_date: '2021-03-15' },
      { handover_id: h1, employee_id: anna, handover_date: '2021-03-15' },
      { handover_id: h2, employee_id: bruno, handover_date: '2022-11-30' },
    ].sort((a, b) => a.handover_id.localeCompare(b.handover_id));

    const after = await open(migrations);
    expect(await runMigrations(after)).toEqual(['HandoverItemsHolder1765100000000']);
    expect(await items(after)).toEqual(expected);
    const runner = after.createQueryRunner();
    const table = (await runner.getTable('handover_items'))!;
    await runner.release();
    expect(table.findColumnByName('employee_id')?.isNullable).toBe(false);
    expect(table.findColumnByName('handover_date')?.isNullable).toBe(false);
    expect(table.indices.map((i) => i.name)).toEqual(expect.arrayContaining(['IDX_items_held', 'IDX_items_handed', 'IDX_kpi_items_closed']));
    // an item without them is refused
    const [asset] = await sql(after, `SELECT asset_id FROM handover_items WHERE handover_id = :h2`, { h2 });
    await expect(
      sql(
        after,
        `INSERT INTO handover_items (id, handover_id, asset_id, position, kind, manufacturer, model_name, serial, asset_tag) VALUES (:id, :h1, :assetId, 9, 'laptop', 'T', 'x', 's', 't')`,
        { id: randomUUID(), h1, assetId: asset.asset_id },
      ),
    ).rejects.toThrow(/null/i);

    await after.undoLastMigration({ transaction: 'each' });
    expect(Number((await sql(after, `SELECT COUNT(*) AS n FROM handover_items`, {}))[0].n)).toBe(3);
    await expect(items(after)).rejects.toThrow();
    const downRunner = after.createQueryRunner();
    const down = (await downRunner.getTable('handover_items'))!;
    await downRunner.release();
    expect(down.indices.map((i) => i.name)).toEqual(expect.arrayContaining(['IDX_kpi_items_closed', 'IDX_kpi_items_handover_kind']));
    expect(down.indices.map((i) => i.name)).not.toContain('IDX_items_held');
    expect(down.indices.map((i) => i.name)).not.toContain('IDX_items_handed');
    // and up again: the same backfill
    expect(await runMigrations(after)).toEqual(['HandoverItemsHolder1765100000000']);
    expect(await items(after)).toEqual(expected);
  });
});
