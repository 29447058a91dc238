import { MigrationInterface, QueryRunner, TableIndex } from 'typeorm';

/**
 * Indexes on inventory's tables for the SQL it publishes to the POLA indicators (domain/holdings.sql.ts; the KPI
 * feature reads through it and writes nothing). Once a kpi migration, now inventory's: a feature alters only its own
 * tables (same class name and timestamp, so a database that ran it finds nothing new). "Held on the reference
 * date" reads assets still out by assignment instant and, for items closed since,
 * their handover's date and holder; the monthly handouts range over handover dates. Covering column orders let
 * SQLite answer from the index alone (measured: scripts/bench/kpi-indicators.ts, docs/benchmarks.md).
 */
const INDEXES: [string, TableIndex][] = [
  ['handover_items', new TableIndex({ name: 'IDX_kpi_items_closed', columnNames: ['closed_at', 'handover_id', 'kind'] })],
  ['handover_items', new TableIndex({ name: 'IDX_kpi_items_handover_kind', columnNames: ['handover_id', 'kind'] })],
  ['handovers', new TableIndex({ name: 'IDX_kpi_handovers_holder', columnNames: ['id', 'handover_date', 'employee_id'] })],
  ['handovers', new TableIndex({ name: 'IDX_kpi_handovers_date', columnNames: ['handover_date', 'id'] })],
  ['assets', new TableIndex({ name: 'IDX_kpi_assets_held', columnNames: ['state', 'assigned_at', 'holder_employee_id', 'kind', 'current_handover_id'] })],
];

export class KpiReadIndexes1765000000000 implements MigrationInterface {
  name = 'KpiReadIndexes1765000000000';

  async up(q: QueryRunner): Promise<void> {
    for (const [table, index] of INDEXES) await q.createIndex(table, index);
  }

  async down(q: QueryRunner): Promise<void> {
    for (const [table, index] of [...INDEXES].reverse()) await q.dropIndex(table, index.name!);
  }
}
