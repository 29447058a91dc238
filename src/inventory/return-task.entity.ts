import { Column, Entity, PrimaryColumn } from 'typeorm';

export type ReturnTaskClosedReason = 'returned' | 'lost' | 'stolen';

/** Opened by offboarding for a gated device the employee still holds; closed by its return. */
@Entity('return_tasks')
export class ReturnTaskEntity {
  @PrimaryColumn('varchar', { length: 36 }) id: string;
  @Column('varchar', { name: 'case_id' }) caseId: string;
  @Column('varchar', { name: 'employee_id' }) employeeId: string;
  @Column('varchar', { name: 'asset_id' }) assetId: string;
  @Column('varchar', { name: 'handover_id', nullable: true }) handoverId: string | null;
  @Column('varchar') trigger: string;
  @Column('varchar', { name: 'effective_date' }) effectiveDate: string;
  @Column('varchar', { name: 'due_date' }) dueDate: string;
  @Column('varchar') status: 'open' | 'closed';
  @Column('varchar', { name: 'opened_at' }) openedAt: string;
  @Column('varchar', { name: 'closed_at', nullable: true }) closedAt: string | null;
  @Column('varchar', { name: 'closed_reason', nullable: true }) closedReason: ReturnTaskClosedReason | null;
  @Column('varchar', { name: 'return_id', nullable: true }) returnId: string | null;
}
