import { MigrationInterface, QueryRunner, Table, TableColumn } from 'typeorm';
import { col } from '../../database/migrations/columns';

/**
 * Issue 13: each account's stable tunnel address in its profile's pool (`vpn_addresses`: the primary key
 * (profile, address) and the unique account_id make a double allocation impossible on either database), and the
 * networks a gateway reaches instead of its profile's (`vpn_gateways.networks`, JSON; null = the profile's).
 */
export class VpnAddressesGatewayNetworks1765400000200 implements MigrationInterface {
  name = 'VpnAddressesGatewayNetworks1765400000200';

  async up(q: QueryRunner): Promise<void> {
    await q.createTable(
      new Table({
        name: 'vpn_addresses',
        columns: [
          { ...col.string('profile', 40), isPrimary: true },
          { ...col.string('address', 15), isPrimary: true },
          col.ref('account_id', { isUnique: true }),
          col.timestamp('assigned_at'),
        ],
      }),
    );
    await q.addColumn('vpn_gateways', new TableColumn(col.text('networks', { isNullable: true })));
  }

  async down(q: QueryRunner): Promise<void> {
    await q.dropColumn('vpn_gateways', 'networks');
    await q.dropTable('vpn_addresses');
  }
}
