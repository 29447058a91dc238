import { Injectable } from '@nestjs/common';
import { DataSource, In } from 'typeorm';
import { Tx } from '../database/unit-of-work';
import { VpnManagerApprovalEntity } from './vpn-manager-approval.entity';

/** The only code that builds queries on vpn_manager_approvals. */
@Injectable()
export class VpnManagerApprovalRepository {
  constructor(private readonly dataSource: DataSource) {}

  findByAccount(accountId: string, tx?: Tx): Promise<VpnManagerApprovalEntity | null> {
    return (tx?.manager ?? this.dataSource.manager).getRepository(VpnManagerApprovalEntity).findOne({ where: { accountId } });
  }

  async forAccounts(accountIds: string[]): Promise<VpnManagerApprovalEntity[]> {
    const found: VpnManagerApprovalEntity[] = [];
    for (let i = 0; i < accountIds.length; i += 500) {
      found.push(...(await this.dataSource.getRepository(VpnManagerApprovalEntity).find({ where: { accountId: In(accountIds.slice(i, i + 500)) } })));
    }
    return found;
  }

  /** Fails with a unique violation when the account has a decision already (the caller maps it to 409). */
  async insert(tx: Tx, row: VpnManagerApprovalEntity): Promise<void> {
    await tx.manager.createQueryBuilder().insert().into(VpnManagerApprovalEntity).values(row).updateEntity(false).execute();
  }
}
