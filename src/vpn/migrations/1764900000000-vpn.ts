import { MigrationInterface, QueryRunner, Table, TableIndex } from 'typeorm';
import { col } from '../../database/migrations/columns';

export class Vpn1764900000000 implements MigrationInterface {
  name = 'Vpn1764900000000';

  async up(q: QueryRunner): Promise<void> {
    await q.createTable(
      new Table({
        name: 'vpn_gateways',
        columns: [
          col.id(),
          col.string('name', 40, { isUnique: true }),
          col.string('host', 253),
          col.int('port'),
          col.string('proto', 3),
          col.string('profile', 40),
          col.int('capacity'),
          col.bool('enabled'),
          col.string('source', 10),
          col.timestamp('created_at'),
          col.timestamp('updated_at'),
          col.int('version'),
        ],
      }),
    );
    await q.createIndex('vpn_gateways', new TableIndex({ name: 'ix_vpn_gateways_profile', columnNames: ['profile'] }));

    await q.createTable(
      new Table({
        name: 'vpn_accounts',
        columns: [
          col.id(),
          col.ref('employee_id'),
          col.string('username', 64),
          col.string('profile', 40),
          col.ref('gateway_id', { isNullable: true }),
          col.string('state', 12),
          col.int('remote_days_per_week', { isNullable: true }),
          col.ref('agreement_id', { isNullable: true }),
          col.ref('station_asset_id', { isNullable: true }),
          col.string('station_asset_tag', 64, { isNullable: true }),
          col.string('current_serial', 40, { isNullable: true }),
          col.timestamp('certificate_not_after', { isNullable: true }),
          col.string('key_origin', 10, { isNullable: true }),
          col.string('superseded_serial', 40, { isNullable: true }),
          col.timestamp('supersede_after', { isNullable: true }),
          col.string('suspended_from', 12, { isNullable: true }),
          col.string('suspension_reason', 500, { isNullable: true }),
          col.string('revocation_reason', 40, { isNullable: true }),
          col.string('certificate_lost_reason', 40, { isNullable: true }),
          col.timestamp('certificate_lost_at', { isNullable: true }),
          col.timestamp('requested_at'),
          col.timestamp('approved_at', { isNullable: true }),
          col.timestamp('issued_at', { isNullable: true }),
          col.timestamp('installed_at', { isNullable: true }),
          col.timestamp('activated_at', { isNullable: true }),
          col.timestamp('suspended_at', { isNullable: true }),
          col.timestamp('resumed_at', { isNullable: true }),
          col.timestamp('revoked_at', { isNullable: true }),
          col.timestamp('renewed_at', { isNullable: true }),
          col.string('created_by', 200),
          col.timestamp('created_at'),
          col.timestamp('updated_at'),
          col.int('version'),
        ],
      }),
    );
    // One open account per employee and profile (SPEC: 409 otherwise); a revoked account frees the slot. Partial
    // unique indexes exist on both SQLite and PostgreSQL, so two hot-line operators racing cannot both create one.
    await q.createIndex(
      'vpn_accounts',
      new TableIndex({ name: 'ux_vpn_accounts_open', columnNames: ['employee_id', 'profile'], isUnique: true, where: "state <> 'revoked'" }),
    );
    await q.createIndex('vpn_accounts', new TableIndex({ name: 'ix_vpn_accounts_created', columnNames: ['created_at', 'id'] }));
    await q.createIndex('vpn_accounts', new TableIndex({ name: 'ix_vpn_accounts_state', columnNames: ['state', 'created_at'] }));
    await q.createIndex('vpn_accounts', new TableIndex({ name: 'ix_vpn_accounts_gateway', columnNames: ['gateway_id', 'state'] }));
    await q.createIndex('vpn_accounts', new TableIndex({ name: 'ix_vpn_accounts_serial', columnNames: ['current_serial'] }));
    await q.createIndex('vpn_accounts', new TableIndex({ name: 'ix_vpn_accounts_expiry', columnNames: ['certificate_not_after'] }));
    await q.createIndex('vpn_accounts', new TableIndex({ name: 'ix_vpn_accounts_supersede', columnNames: ['supersede_after'] }));
  }

  async down(q: QueryRunner): Promise<void> {
    await q.dropTable('vpn_accounts');
    await q.dropTable('vpn_gateways');
  }
}
