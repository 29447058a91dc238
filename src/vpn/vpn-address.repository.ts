import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { Tx } from '../database/unit-of-work';
import { VpnAddressEntity } from './vpn-address.entity';

/** Queries on vpn_addresses (the stable tunnel address of each account). */
@Injectable()
export class VpnAddressRepository {
  constructor(private readonly dataSource: DataSource) {}

  private manager(tx?: Tx): EntityManager {
    return tx?.manager ?? this.dataSource.manager;
  }

  async ofAccount(accountId: string, tx?: Tx): Promise<string | null> {
    const row = await this.manager(tx).getRepository(VpnAddressEntity).findOne({ where: { accountId } });
    return row?.address ?? null;
  }

  /** Addresses of several accounts at once (the allow-list, the bundle). */
  async ofAccounts(accountIds: string[], tx?: Tx): Promise<Map<string, string>> {
    const out = new Map<string, string>();
    for (let i = 0; i < accountIds.length; i += 500) {
      const rows = await this.manager(tx)
        .getRepository(VpnAddressEntity)
        .createQueryBuilder('l')
        .where('l.account_id IN (:...ids)', { ids: accountIds.slice(i, i + 500) })
        .getMany();
      for (const r of rows) out.set(r.accountId, r.address);
    }
    return out;
  }

  /** Addresses of the profile held by accounts that are not revoked. */
  async held(tx: Tx, profile: string): Promise<string[]> {
    const p = tx.kind === 'postgres' ? '$1' : '?';
    const rows: { address: string }[] = await tx.manager.query(
      `SELECT l.address AS address FROM vpn_addresses l JOIN vpn_accounts a ON a.id = l.account_id WHERE l.profile = ${p} AND a.state <> 'revoked'`,
      [profile],
    );
    return rows.map((r) => r.address);
  }

  /** Frees the addresses of revoked accounts of the profile (and of accounts that no longer exist). */
  async releaseRevoked(tx: Tx, profile: string): Promise<number> {
    const p = tx.kind === 'postgres' ? '$1' : '?';
    const result: unknown = await tx.manager.query(
      `DELETE FROM vpn_addresses WHERE profile = ${p}
        AND account_id NOT IN (SELECT id FROM vpn_accounts WHERE state <> 'revoked')`,
      [profile],
    );
    return Array.isArray(result) && typeof result[1] === 'number' ? result[1] : 0;
  }

  /** Inserts the lease; a unique violation (another unit took the address, or gave this account one) is the caller's. */
  async insert(tx: Tx, row: VpnAddressEntity): Promise<void> {
    await tx.manager.createQueryBuilder().insert().into(VpnAddressEntity).values(row).updateEntity(false).execute();
  }
}
