import { MigrationInterface, QueryRunner, Table } from 'typeorm';
import { col } from '../../database/migrations/columns';

/**
 * Issue 15: the manager's decision on a VPN request when the municipality asks for that step
 * (VPN_MANAGER_APPROVAL=true): who decided, when, approved or refused, with an optional note. One row per
 * account (primary key): a second decision fails on SQLite and PostgreSQL alike.
 */
export class VpnManagerApprovals1766140000000 implements MigrationInterface {
  name = 'VpnManagerApprovals1766140000000';

  async up(q: QueryRunner): Promise<void> {
    await q.createTable(
      new Table({
        name: 'vpn_manager_approvals',
        columns: [
          { ...col.ref('account_id'), isPrimary: true },
          col.ref('employee_id'),
          col.string('decision', 10),
          col.text('note', { isNullable: true }),
          col.string('decided_by', 80),
          col.timestamp('decided_at'),
        ],
      }),
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.dropTable('vpn_manager_approvals');
  }
}
