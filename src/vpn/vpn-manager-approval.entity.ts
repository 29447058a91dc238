import { Column, Entity, PrimaryColumn } from 'typeorm';
import type { ManagerDecision } from './domain/manager-approval.policy';

/**
 * The manager's decision on one VPN request (VPN_MANAGER_APPROVAL=true): one row per account, never changed — the
 * primary key makes a second decision (two clicks, two tabs) fail on either database.
 */
@Entity('vpn_manager_approvals')
export class VpnManagerApprovalEntity {
  @PrimaryColumn('varchar', { name: 'account_id', length: 36 }) accountId: string;
  @Column('varchar', { name: 'employee_id' }) employeeId: string;
  @Column('varchar') decision: ManagerDecision;
  @Column('text', { nullable: true }) note: string | null;
  /** The manager's actor id (`employee:<id>`: their own directory login). */
  @Column('varchar', { name: 'decided_by' }) decidedBy: string;
  @Column('varchar', { name: 'decided_at' }) decidedAt: string;
}
