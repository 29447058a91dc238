import { MigrationInterface, QueryRunner, TableColumn, TableIndex } from 'typeorm';
import { col } from '../../database/migrations/columns';

const HELD = new TableIndex({ name: 'IDX_items_held', columnNames: ['closed_at', 'handover_date', 'employee_id', 'kind'] });
const HANDED = new TableIndex({ name: 'IDX_items_handed', columnNames: ['handover_date', 'kind'] });

/**
 * Copies each item's handover holder (`employee_id`) and date (`handover_date`) onto `handover_items`, as kind,
 * serial and tag already are: both are fixed for a handover's life and inventory writes them with the item, so
 * "held on a date" (the POLA indicators: items closed since the cutoff, handed over on or before the reference
 * date) is one covering index range with no join to handovers. Backfilled from handovers, then NOT NULL (on
 * SQLite TypeORM rebuilds the table for that: one copy of handover_items, ~100,000 rows at SPEC's scale). The
 * index puts `closed_at` first: for the current year that range is empty, for a past one it is the items closed
 * since; `handover_date` is filtered inside the index and `employee_id`, `kind` are read from it. The monthly
 * handouts (items handed over in the year, by month and kind) are a range of the second index, with no join either.
 * Timestamp after every earlier migration (17651…): it reads the tables they made and runs last.
 */
export class HandoverItemsHolder1765100000000 implements MigrationInterface {
  name = 'HandoverItemsHolder1765100000000';

  async up(q: QueryRunner): Promise<void> {
    await q.addColumns('handover_items', [
      new TableColumn(col.ref('employee_id', { isNullable: true })),
      new TableColumn(col.date('handover_date', { isNullable: true })),
    ]);
    await q.query(
      `UPDATE handover_items
          SET employee_id = (SELECT h.employee_id FROM handovers h WHERE h.id = handover_items.handover_id),
              handover_date = (SELECT h.handover_date FROM handovers h WHERE h.id = handover_items.handover_id)`,
    );
    // NOT NULL from the columns as loaded (a clone differs only in nullability: PostgreSQL then sets NOT NULL in
    // place, where a type or length difference would make TypeORM drop and re-add the column, backfill lost)
    const table = (await q.getTable('handover_items'))!;
    await q.changeColumns(
      table,
      ['employee_id', 'handover_date'].map((name) => {
        const oldColumn = table.findColumnByName(name)!;
        const newColumn = oldColumn.clone();
        newColumn.isNullable = false;
        return { oldColumn, newColumn };
      }),
    );
    await q.createIndex('handover_items', HELD);
    await q.createIndex('handover_items', HANDED);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.dropIndex('handover_items', HANDED.name!);
    await q.dropIndex('handover_items', HELD.name!);
    await q.dropColumns('handover_items', ['employee_id', 'handover_date']);
  }
}
