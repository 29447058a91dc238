import { MigrationInterface, QueryRunner, TableColumn, TableIndex } from 'typeorm';
import { col } from '../../database/migrations/columns';

/** Incremental sync: the kind of each run, why, and the watermark (with the server it belongs to) it leaves. */
export class DirectorySyncWatermark1765316000000 implements MigrationInterface {
  name = 'DirectorySyncWatermark1765316000000';

  async up(q: QueryRunner): Promise<void> {
    await q.addColumns('directory_sync_runs', [
      new TableColumn(col.string('kind', 12, { default: "'full'" })),
      new TableColumn(col.text('kind_reason', { isNullable: true })),
      new TableColumn(col.string('change_tracking', 20, { isNullable: true })),
      new TableColumn(col.string('watermark', 100, { isNullable: true })),
      new TableColumn(col.string('directory_identity', 600, { isNullable: true })),
      new TableColumn(col.string('scope_hash', 64, { isNullable: true })),
    ]);
    // the next run looks up the latest good run that left a watermark
    await q.createIndex(
      'directory_sync_runs',
      new TableIndex({ name: 'idx_directory_sync_runs_status_finished', columnNames: ['status', 'finished_at', 'id'] }),
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.dropIndex('directory_sync_runs', 'idx_directory_sync_runs_status_finished');
    for (const c of ['scope_hash', 'directory_identity', 'watermark', 'change_tracking', 'kind_reason', 'kind']) await q.dropColumn('directory_sync_runs', c);
  }
}
