import { MigrationInterface, QueryRunner, TableColumn, TableIndex } from 'typeorm';
import { col } from '../../database/migrations/columns';

/**
 * The 11 transversal activities of Allegato 1's last table (issue 14) live beside the map's 676 as ordinary activities
 * (they decide eligibility the same way) with this flag, so the map's own totals leave them out.
 */
export class TransversalActivities1766000000200 implements MigrationInterface {
  name = 'TransversalActivities1766000000200';

  async up(q: QueryRunner): Promise<void> {
    await q.addColumn('activities', new TableColumn(col.bool('transversal', { default: false })));
    await q.createIndex('activities', new TableIndex({ name: 'IDX_activities_transversal', columnNames: ['transversal'] }));
  }

  async down(q: QueryRunner): Promise<void> {
    await q.dropIndex('activities', 'IDX_activities_transversal');
    await q.dropColumn('activities', 'transversal');
  }
}
